"""Who sees and who runs meetings, and who follows directives up.

A meeting is seen by whoever sees one of its programmes (agreements/rules.py).
Scheduling and recording are for the secretariat of a party. A directive is
also seen by the body it is addressed to, even when that body is not a party:
it must carry it out.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from agreements.models import Programme
from agreements.rules import is_party, programme_visible_to
from meetings.models import Directive, Meeting
from parties.rules import ALLOWED, Role, body_of, decide, deny, has_role, sees_everything

ONLY_THE_SECRETARIAT = _("Only the secretariat schedules and runs meetings.")


def meeting_visible_to(user, meeting_ref):
    """True of the meeting `meeting_ref` (an OuterRef to its id) when the user sees one of
    its programmes: one EXISTS, so no DISTINCT over a join."""
    links = Meeting.programmes.through.objects.filter(meeting_id=meeting_ref)
    if not sees_everything(user):
        links = links.filter(programme_visible_to(user, OuterRef("programme_id")))
    return Exists(links)


def visible_meetings(user):
    return Meeting.objects.filter(meeting_visible_to(user, OuterRef("pk")))


def can_see_meeting(user, meeting):
    return visible_meetings(user).filter(pk=meeting.pk).exists()


def visible_directives(user):
    if sees_everything(user):
        return Directive.objects.all()
    body = body_of(user)
    if body is None:
        return Directive.objects.none()
    return Directive.objects.filter(
        meeting_visible_to(user, OuterRef("meeting_id")) | Q(addressed_body=body)
    )


def is_secretariat(user):
    """Schedule and run meetings at all."""
    return decide(has_role(user, Role.SECRETARIAT), ONLY_THE_SECRETARIAT)


def schedulable_programmes(user):
    """Programmes the user may schedule meetings for: their body is a party."""
    if not has_role(user, Role.SECRETARIAT):
        return Programme.objects.none()
    if sees_everything(user):
        return Programme.objects.all()
    return Programme.objects.filter(memberships__body=body_of(user))


def can_schedule_meeting(user, programmes):
    """The secretariat of a body that is a party to every programme concerned."""
    if not has_role(user, Role.SECRETARIAT):
        return deny(ONLY_THE_SECRETARIAT)
    return decide(
        sees_everything(user) or all(is_party(user, p) for p in programmes),
        _("Only the secretariat of a party to the programme schedules its meetings."),
    )


def can_plan_briefings(user, programme):
    return can_schedule_meeting(user, [programme])


def can_run_meeting(user, meeting):
    """Record attendance, minutes, conclusions and directives; move or cancel."""
    if not has_role(user, Role.SECRETARIAT):
        return deny(ONLY_THE_SECRETARIAT)
    if sees_everything(user):
        return ALLOWED
    body = body_of(user)
    return decide(
        meeting.organiser_id == body.pk
        or meeting.programmes.filter(memberships__body=body).exists(),
        _("Only the secretariat of the organising body or of a party runs this meeting."),
    )


def can_follow_up_directive(user, directive):
    """The addressed body's officials and secretariat, and whoever runs the meeting."""
    if sees_everything(user):
        return ALLOWED
    body = body_of(user)
    if body is None:
        return deny(_("Your account belongs to no body."))
    if directive.addressed_body_id == body.pk and has_role(user, Role.OFFICIAL, Role.SECRETARIAT):
        return ALLOWED
    return decide(
        can_run_meeting(user, directive.meeting),
        _(
            "Only the body the directive is addressed to, and the secretariat that runs the "
            "meeting, follow it up."
        ),
    )
