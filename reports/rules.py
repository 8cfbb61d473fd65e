"""Who sees reports and who asks for them.

A user sees a report on a programme they see (agreements/rules.py), or on a
body or unit they look after (parties/rules.py). Leaders and the secretariat
ask for reports on what they can see.
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
    visible_bodies,
    visible_units,
)
from reports.models import Report

ONLY_LEADERS = _("Only leaders and the secretariat ask for reports.")


def visible_reports(user):
    if sees_everything(user):
        return Report.objects.all()
    return Report.objects.filter(
        Q(programme__in=visible_programmes(user))
        | Q(body__in=visible_bodies(user))
        | Q(unit__in=visible_units(user))
    )


def may_request_reports(user):
    return decide(has_role(user, Role.LEADER, Role.SECRETARIAT), ONLY_LEADERS)


def can_request_report(user, scope):
    """Leaders and the secretariat ask for reports on what they can see."""
    if not has_role(user, Role.LEADER, Role.SECRETARIAT):
        return deny(ONLY_LEADERS)
    outside = _("A report covers only what your body looks after.")
    if isinstance(scope, Programme):
        return decide(can_see_programme(user, scope), outside)
    if isinstance(scope, Body):
        return decide(visible_bodies(user).filter(pk=scope.pk).exists(), outside)
    if isinstance(scope, AdministrativeUnit):
        return decide(visible_units(user).filter(pk=scope.pk).exists(), outside)
    return deny(outside)
