"""Who sees reports and who asks for them.

A report may only contain programmes its reader may see, and a report covers
everything its scope holds: a programme; every programme a body is a party to
or supports a clause of; every programme of every body of a unit and the units
below it. So a report on a programme is for whoever sees the programme
(agreements/rules.py); on a body, for that body and the bodies above it; on a
unit, for the bodies that oversee that unit — not for the bodies in it, who do
not see their neighbours' programmes (parties/rules.py). Leaders and the
secretariat ask for the reports they may read.

A report is first a draft of its issuing body, seen by that body alone (a
draft is nobody else's business); its secretariat and leaders write it, and
discard it if it is not wanted. A leader of the issuing body issues it; from
then on it is seen as above, and by the bodies it was sent to, whatever it
covers (a recipient has been sent the document). An issued report is never
changed: the secretariat and leaders of its body correct it with a new draft
that replaces it once issued.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Programme
from agreements.rules import can_see_programme, visible_programmes
from parties.models import AdministrativeUnit, Body
from parties.rules import (
    Role,
    body_of,
    decide,
    deny,
    has_role,
    sees_everything,
    units_overseen,
    visible_bodies,
    works_for,
)
from reports.models import Report

ONLY_LEADERS = _("Only leaders and the secretariat ask for reports.")


State = Report.State
UNISSUED = (State.DRAFT, State.DISCARDED)
NOT_THE_ISSUER = _("Only the secretariat and the leaders of the issuing body work on its drafts.")


def visible_reports(user):
    """Drafts (and discarded ones) to their issuing body; issued reports to whoever
    sees what they cover, to the issuing body and to the bodies they were sent to."""
    if sees_everything(user):
        return Report.objects.all()
    body = body_of(user)
    if body is None:
        return Report.objects.none()
    received = Report.recipients.through.objects.filter(body=body).values("report_id")
    return Report.objects.filter(
        Q(issuing_body=body)
        | (
            ~Q(state__in=UNISSUED)
            & (
                Q(programme__in=visible_programmes(user))
                | Q(body__in=visible_bodies(user))
                | Q(unit__in=units_overseen(user))
                | Q(pk__in=received)
            )
        )
    )


def is_recipient(user, report):
    body = body_of(user)
    return body is not None and report.recipients.filter(pk=body.pk).exists()


def _of_the_issuer(user, report, roles, reason):
    if not has_role(user, *roles):
        return deny(reason)
    return decide(sees_everything(user) or works_for(user, report.issuing_body_id), reason)


def can_edit_draft(user, report):
    """The secretariat and leaders of the issuing body write a draft's narrative."""
    if report.state != State.DRAFT:
        return deny(_not_a_draft(report))
    return _of_the_issuer(user, report, (Role.LEADER, Role.SECRETARIAT), NOT_THE_ISSUER)


def can_discard_report(user, report):
    if report.state != State.DRAFT:
        return deny(_not_a_draft(report))
    return _of_the_issuer(user, report, (Role.LEADER, Role.SECRETARIAT), NOT_THE_ISSUER)


def can_issue_report(user, report):
    """A leader of the issuing body issues a draft: signer, recipients, number, date."""
    if report.state != State.DRAFT:
        return deny(_not_a_draft(report))
    return _of_the_issuer(
        user, report, (Role.LEADER,), _("Only a leader of the issuing body issues a report.")
    )


def can_correct_report(user, report):
    """An issued report is corrected by a new draft of the same body, never edited."""
    if report.state != State.ISSUED:
        if report.state == State.SUPERSEDED:
            return deny(_("This report has already been replaced by a corrected one."))
        return deny(_("Only an issued report is corrected; a draft is edited directly."))
    return _of_the_issuer(user, report, (Role.LEADER, Role.SECRETARIAT), NOT_THE_ISSUER)


def _not_a_draft(report):
    if report.state == State.DISCARDED:
        return _("This draft has been discarded; it no longer changes.")
    return _(
        "This report has been issued, so its text is frozen; to change it, make a corrected "
        "report that replaces it."
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
