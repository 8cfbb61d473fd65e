"""Who sees and who runs meetings, and who follows directives up.

A meeting is seen by whoever sees one of its programmes (agreements/rules.py).
Scheduling and recording are for the secretariat of a party. A directive is
also seen by the body it is addressed to, even when that body is not a party:
it must carry it out.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Handover, Programme
from agreements.rules import (
    acting_party_filter,
    handover_by_own_ended_body,
    handovers_by_ended,
    is_party,
    programme_seen_by_probes,
    programme_visible_row_by_row,
    programme_visible_to,
    programme_visible_to_in_a_count,
)
from meetings.models import Directive, Meeting
from parties.rules import (
    ALLOWED,
    Role,
    body_of,
    decide,
    deny,
    has_role,
    sees_everything,
)

ONLY_THE_SECRETARIAT = _("Only the secretariat schedules and runs meetings.")
CLOSED_HAS_NO_MEETINGS = _(
    "Programme %(reference)s has been closed, so no new meeting is scheduled for it; the "
    "meetings already held stay on its page."
)
HANDED_OVER = _(
    "%(programme)s was handed over to %(successor)s on %(date)s, when %(body)s "
    "ended: its meetings are now scheduled by the secretariat of %(successor)s. Ask them to "
    "schedule this meeting; the meetings already held stay on the programme's page."
)


HANDED_OVER_RUNS = _(
    "%(programme)s was handed over to %(successor)s on %(date)s, when %(body)s "
    "ended: its meetings, this one too, are now run by the secretariat of %(successor)s. Ask "
    "them to record or change this meeting."
)


HANDED_OVER_FOLLOWS_UP = _(
    "%(programme)s was handed over to %(successor)s on %(date)s, when %(body)s ended: the "
    "directives addressed to %(body)s under it are now followed up by %(successor)s. Ask "
    "their officials or secretariat to record the follow-up."
)


def directive_programmes(directive):
    """The programmes a directive is given under: its own, or its meeting's."""
    if directive.programme_id:
        return [directive.programme]
    return list(directive.meeting.programmes.all())


def handed_over_names(handover):
    """What a refusal for a programme handed over says: the programme, the bodies, the day."""
    return {
        "programme": programme_named(handover.programme),
        "successor": handover.to_body.name,
        "body": handover.from_body.name,
        "date": handover.reorganisation.effective_on.strftime("%d/%m/%Y"),
    }


def meeting_visible_to(user, meeting_field):
    """A condition on any row naming a meeting in `meeting_field`: the user sees one of
    its programmes. An IN over a hashed set, so no DISTINCT over a join."""
    links = Meeting.programmes.through.objects.filter(programme_visible_to(user, "programme_id"))
    return Q(**{f"{meeting_field}__in": links.values("meeting_id")})


def meeting_visible_to_row(user):
    """A condition on meetings: the user sees one of its programmes, asked meeting by
    meeting (EXISTS), for queries the days already bound (the calendar, the feed)."""
    links = Meeting.programmes.through.objects.filter(
        programme_visible_row_by_row(user, "programme_id"), meeting_id=OuterRef("pk")
    )
    return Exists(links)


def visible_meetings(user):
    return Meeting.objects.filter(meeting_visible_to(user, "pk"))


def can_see_meeting(user, meeting):
    return visible_meetings(user).filter(pk=meeting.pk).exists()


def visible_directives(user):
    if sees_everything(user):
        return Directive.objects.all()
    body = body_of(user)
    if body is None:
        return Directive.objects.none()
    return Directive.objects.filter(directive_visible_to(user, body))


def visible_directives_counted(user):
    """visible_directives for a count over every directive the user sees (the directive
    list's total): the same directives, their meetings' programmes asked as
    programme_visible_to_in_a_count does (a body of the province: the two kept sets ORed,
    not their UNION of 22,000 ids de-duplicated first; bench/INDEXES.md)."""
    if sees_everything(user):
        return Directive.objects.all()
    body = body_of(user)
    if body is None:
        return Directive.objects.none()
    links = Meeting.programmes.through.objects.filter(
        programme_visible_to_in_a_count(user, "programme_id")
    )
    return Directive.objects.filter(
        Q(meeting_id__in=links.values("meeting_id")) | Q(addressed_body=body)
    )


def directive_visible_to(user, body):
    """A condition on directives (for a user with a body): the user sees a programme of
    its meeting (a hashed set of every meeting seen), or it is addressed to their body."""
    return meeting_visible_to(user, "meeting_id") | Q(addressed_body=body)


def directive_visible_row_by_row(user):
    """visible_directives' rule asked directive by directive, for a scan in an index's
    order that stops after a few rows (the dashboard's first overdue directives): one
    EXISTS of a UNION ALL of its meeting's programmes probed among the body's own and
    those below its unit. Nested EXISTS are turned by PostgreSQL into a hash of every
    meeting seen, built before the first row."""
    if sees_everything(user):
        return Q()
    body = body_of(user)
    if body is None:
        return Q(pk__in=[])
    links = Meeting.programmes.through.objects.filter(meeting_id=OuterRef("meeting_id"))
    involved, below = programme_seen_by_probes(body, OuterRef("programme_id"))
    either = (
        links.filter(Exists(involved))
        .order_by()
        .values("pk")
        .union(links.filter(Exists(below)).order_by().values("pk"), all=True)
    )
    return Exists(either) | Q(addressed_body=body)


def is_secretariat(user):
    """Schedule and run meetings at all."""
    return decide(has_role(user, Role.SECRETARIAT), ONLY_THE_SECRETARIAT)


def programme_named(programme):
    """ "Chương trình số 01-CTrPH/…", or the title of a programme with no number."""
    if programme.reference:
        return _("Programme No. %(reference)s") % {"reference": programme.reference}
    return programme.title


def schedulable_programmes(user, *, today=None):
    """Programmes the user may schedule meetings for: not closed, and their body is a
    party, or took a party's place when a reorganisation handed the programme over;
    not those their body, now ended, handed over."""
    if not has_role(user, Role.SECRETARIAT):
        return Programme.objects.none()
    open_ones = Programme.objects.exclude(status=Programme.Status.CLOSED)
    if sees_everything(user):
        return open_ones
    body = body_of(user)
    handed = handovers_by_ended(body, today or timezone.localdate())
    return open_ones.filter(acting_party_filter(body)).exclude(pk__in=handed.values("programme_id"))


def can_schedule_meeting(user, programmes, *, today=None):
    """The secretariat of a body that is a party to every programme concerned (or its
    successor by a handover); none of them closed, none handed over by the user's body
    when a reorganisation ended it (its successor schedules them then)."""
    if not has_role(user, Role.SECRETARIAT):
        return deny(ONLY_THE_SECRETARIAT)
    closed = [p for p in programmes if p.status == Programme.Status.CLOSED]
    if closed:
        return deny(CLOSED_HAS_NO_MEETINGS % {"reference": closed[0].reference})
    handover = handover_by_own_ended_body(user, programmes, today or timezone.localdate())
    if handover is not None:
        return deny(HANDED_OVER % handed_over_names(handover))
    return decide(
        sees_everything(user) or all(is_party(user, p) for p in programmes),
        _("Only the secretariat of a party to the programme schedules its meetings."),
    )


def can_plan_briefings(user, programme):
    return can_schedule_meeting(user, [programme])


def can_run_meeting(user, meeting, *, today=None):
    """Record attendance, minutes, conclusions and directives; move or cancel. Not the
    secretariat of a body that has ended and handed a programme of the meeting over: its
    successor runs the meeting then."""
    if not has_role(user, Role.SECRETARIAT):
        return deny(ONLY_THE_SECRETARIAT)
    if sees_everything(user):
        return ALLOWED
    handover = handover_by_own_ended_body(
        user, meeting.programmes.all(), today or timezone.localdate()
    )
    if handover is not None:
        return deny(HANDED_OVER_RUNS % handed_over_names(handover))
    body = body_of(user)
    return decide(
        meeting.organiser_id == body.pk
        or meeting.programmes.filter(acting_party_filter(body)).exists(),
        _("Only the secretariat of the organising body or of a party runs this meeting."),
    )


def can_follow_up_directive(user, directive, *, today=None):
    """The addressed body's officials and secretariat, and whoever runs the meeting. Once
    the addressed body has ended and handed the directive's programme over, its successor
    follows the directive up in its place."""
    if sees_everything(user):
        return ALLOWED
    body = body_of(user)
    if body is None:
        return deny(_("Your account belongs to no body."))
    day = today or timezone.localdate()
    programmes = directive_programmes(directive)
    if has_role(user, Role.OFFICIAL, Role.SECRETARIAT):
        if directive.addressed_body_id == body.pk:
            handover = handover_by_own_ended_body(user, programmes, day)
            if handover is None:
                return ALLOWED
            return deny(HANDED_OVER_FOLLOWS_UP % handed_over_names(handover))
        if Handover.objects.filter(
            from_body=directive.addressed_body_id,
            to_body=body,
            programme__in=programmes,
            reorganisation__effective_on__lte=day,
        ).exists():
            return ALLOWED
    return decide(
        can_run_meeting(user, directive.meeting),
        _(
            "Only the body the directive is addressed to, and the secretariat that runs the "
            "meeting, follow it up."
        ),
    )
