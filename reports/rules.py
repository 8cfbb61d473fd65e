"""Who sees reports and who asks for them.

A report may only contain programmes its reader may see, and a report covers
everything its scope holds: a programme; every programme a body is a party to
or supports a clause of; every programme of every body of a unit and the units
below it. So a report on a programme is for whoever sees the programme
(agreements/rules.py); on a body, for that body and the bodies above it; on a
unit, for the bodies that oversee that unit — not for the bodies in it, who do
not see their neighbours' programmes (parties/rules.py). Leaders and the
secretariat ask for the reports they may read.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Programme
from agreements.rules import can_see_programme, visible_programmes
from parties.models import AdministrativeUnit, Body
from parties.rules import (
    Role,
    decide,
    deny,
    has_role,
    sees_everything,
    units_overseen,
    visible_bodies,
)
from reports.models import Report

ONLY_LEADERS = _("Only leaders and the secretariat ask for reports.")


def visible_reports(user):
    if sees_everything(user):
        return Report.objects.all()
    return Report.objects.filter(
        Q(programme__in=visible_programmes(user))
        | Q(body__in=visible_bodies(user))
        | Q(unit__in=units_overseen(user))
    )


def may_request_reports(user):
    return decide(has_role(user, Role.LEADER, Role.SECRETARIAT), ONLY_LEADERS)


def can_request_report(user, scope):
    """Leaders and the secretariat ask for the reports they may read (visible_reports)."""
    if not has_role(user, Role.LEADER, Role.SECRETARIAT):
        return deny(ONLY_LEADERS)
    outside = _("A report covers only what your body looks after.")
    if isinstance(scope, Programme):
        return decide(can_see_programme(user, scope), outside)
    if isinstance(scope, Body):
        return decide(visible_bodies(user).filter(pk=scope.pk).exists(), outside)
    if isinstance(scope, AdministrativeUnit):
        return decide(units_overseen(user).filter(pk=scope.pk).exists(), outside)
    return deny(outside)
