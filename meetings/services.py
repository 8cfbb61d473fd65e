"""Writes to meetings and their attendance. Each runs in one transaction.

Directives are in `meetings/directives.py`, quarterly planning in
`meetings/planning.py` and reminders in `meetings/reminders.py`.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from agreements.models import Programme
from agreements.rules import acting_party_ids
from meetings.models import Attendance, Meeting, PlannedBriefing
from parties.versions import version_check


class BriefingAlreadyPlanned(ValidationError):
    """A programme's quarter already has its briefing (the database said so)."""


def party_body_ids(programmes):
    """The parties, and the successors a reorganisation handed a programme over to."""
    return acting_party_ids(programmes)


def meeting_check_programmes(*, programmes):
    """At least one programme, none of them closed (closed after its final review, or by
    a reorganisation that ended its parties)."""
    if not programmes:
        raise ValidationError({"programmes": _("Choose at least one programme.")})
    closed = [p for p in programmes if p.status == Programme.Status.CLOSED]
    if closed:
        raise ValidationError(
            {
                "programmes": _(
                    "Programme %(reference)s has been closed, so no new meeting is scheduled "
                    "for it; the meetings already held stay on its page."
                )
                % {"reference": closed[0].reference}
            }
        )


def meeting_check_when(*, kind, programmes, starts_at, ends_at):
    """An end after the start, on a day within the period of one of the programmes."""
    errors = {}
    if ends_at is not None and ends_at < starts_at:
        errors["ends_at"] = _("A meeting cannot end before it starts.")
    day = timezone.localtime(starts_at).date()
    windows = [Meeting.window_for(kind, programme) for programme in programmes]
    if windows and not any(first <= day <= last for first, last in windows):
        periods = "; ".join(
            f"{date_format(p.period_start, 'SHORT_DATE_FORMAT')} – "
            f"{date_format(p.period_end, 'SHORT_DATE_FORMAT')}"
            for p in programmes
        )
        errors["starts_at"] = _(
            "%(day)s is outside the period of every programme this meeting concerns (%(periods)s)."
        ) % {"day": date_format(day, "SHORT_DATE_FORMAT"), "periods": periods}
    if errors:
        raise ValidationError(errors)


def meeting_check_people(*, programmes, chair=None, officials=(), field="invitees"):
    """The chair and the people invited or recorded work for a party to the programmes."""
    parties = party_body_ids(programmes)
    errors = {}
    if chair is not None and chair.body_id not in parties:
        errors["chair"] = _(
            "%(name)s works for %(body)s, which is not a party to the programmes of this meeting."
        ) % {"name": chair.full_name, "body": chair.body}
    outsiders = [o for o in officials if o.body_id not in parties]
    if outsiders:
        errors[field] = _("Not from a party to the programmes of this meeting: %(names)s.") % {
            "names": "; ".join(f"{o.full_name} ({o.body})" for o in outsiders)
        }
    if errors:
        raise ValidationError(errors)


def meeting_check_organiser(*, programmes, organiser):
    if organiser.pk not in party_body_ids(programmes):
        raise ValidationError(
            {"organiser": _("The organising body must be a party to the programmes concerned.")}
        )


def attendance_invite(*, meeting, officials):
    """Invite officials not yet on the list; the position is the one they hold today."""
    already = set(meeting.attendances.values_list("official_id", flat=True))
    rows = [
        Attendance(meeting=meeting, official=o, position=o.position, invited=True)
        for o in officials
        if o.pk not in already
    ]
    Attendance.objects.bulk_create(rows)
    return rows


def briefing_claim_quarters(*, meeting, programmes, quarter):
    """Record that `meeting` is the briefing on `quarter` for each programme.

    The unique constraint decides: if another briefing holds one of these
    quarters, even one created a moment ago by someone else, nothing is kept.
    """
    taken = PlannedBriefing.objects.filter(
        programme__in=programmes, quarter=quarter.first_day
    ).select_related("meeting", "programme")
    if taken:
        raise BriefingAlreadyPlanned(
            {
                "quarter": _("Quarter %(quarter)s already has its briefing: %(meetings)s.")
                % {
                    "quarter": quarter.label,
                    "meetings": "; ".join(str(row.meeting) for row in taken),
                }
            }
        )
    try:
        with transaction.atomic():
            PlannedBriefing.objects.bulk_create(
                PlannedBriefing(programme=p, quarter=quarter.first_day, meeting=meeting)
                for p in programmes
            )
    except IntegrityError as error:
        raise BriefingAlreadyPlanned(
            {
                "quarter": _("Quarter %(quarter)s has just been planned by someone else.")
                % {"quarter": quarter.label}
            }
        ) from error


@transaction.atomic
def meeting_schedule(
    *,
    kind,
    title,
    programmes,
    organiser,
    starts_at,
    ends_at,
    place,
    chair=None,
    agenda="",
    invitees=(),
    quarter=None,
    by=None,
):
    """Put a meeting on the calendar for one or more programmes and invite people.

    `quarter` (a meetings.quarters.Quarter) makes a quarterly briefing the one
    that reviews that quarter of each programme.
    """
    programmes = list(programmes)
    invitees = list(dict.fromkeys(invitees))
    meeting_check_programmes(programmes=programmes)
    meeting_check_when(kind=kind, programmes=programmes, starts_at=starts_at, ends_at=ends_at)
    meeting_check_organiser(programmes=programmes, organiser=organiser)
    meeting_check_people(programmes=programmes, chair=chair, officials=invitees)
    if quarter is not None and kind != Meeting.Kind.QUARTERLY_BRIEFING:
        raise ValidationError({"quarter": _("Only a quarterly briefing reviews a quarter.")})
    meeting = Meeting(
        kind=kind,
        title=title,
        organiser=organiser,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        chair=chair,
        chair_position=chair.title_on(timezone.localdate(starts_at)) if chair else "",
        agenda=agenda,
        created_by=by,
    )
    meeting.full_clean()
    meeting.save()
    meeting.programmes.set(programmes)
    if quarter is not None:
        briefing_claim_quarters(meeting=meeting, programmes=programmes, quarter=quarter)
    attendance_invite(meeting=meeting, officials=invitees)
    return meeting


def meeting_lock(meeting):
    """Lock the meeting's row for this transaction and read it afresh into `meeting`:
    every change to a meeting starts here, so two secretaries' saves never interleave."""
    list(Meeting.objects.select_for_update().filter(pk=meeting.pk).values_list("pk"))
    meeting.refresh_from_db()
    return meeting


def _label(name):
    return Meeting._meta.get_field(name).verbose_name


def meeting_ensure_scheduled(meeting):
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting has been cancelled."))
    if meeting.status == Meeting.Status.HELD:
        raise ValidationError(
            _("This meeting has been held; its time and place stay as they were.")
        )


@transaction.atomic
def meeting_update(
    *, meeting, title, place, agenda, chair=None, invitees=(), by=None, version=None
):
    """Change what is announced; the calendar revision rises when people see a change."""
    meeting_lock(meeting)
    meeting_ensure_scheduled(meeting)
    programmes = list(meeting.programmes.all())
    invitees = list(dict.fromkeys(invitees))
    invited = {a.official_id: a for a in meeting.attendances.select_related("official")}
    version_check(
        record=meeting,
        version=version,
        compare=lambda: [
            (_label("title"), meeting.title, title),
            (_label("place"), meeting.place, place),
            (_label("chair"), meeting.chair, chair),
            (_label("agenda"), meeting.agenda, agenda),
            (
                _("Officials invited"),
                [a.official.full_name for a in invited.values() if a.invited],
                [o.full_name for o in invitees],
            ),
        ],
    )
    if chair is not None and chair.pk != meeting.chair_id:
        meeting_check_people(programmes=programmes, chair=chair)
    added = [o for o in invitees if o.pk not in invited]
    meeting_check_people(programmes=programmes, officials=added)
    announced = (meeting.title, meeting.place, meeting.agenda, meeting.chair_id)
    meeting.title, meeting.place, meeting.agenda = title, place, agenda
    if chair is None or chair.pk != meeting.chair_id:
        meeting.chair = chair
        day = timezone.localdate(meeting.starts_at)
        meeting.chair_position = chair.title_on(day) if chair else ""
    if (meeting.title, meeting.place, meeting.agenda, meeting.chair_id) != announced:
        meeting.sequence += 1
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    keep = {o.pk for o in invitees}
    meeting.attendances.filter(present__isnull=True).exclude(official_id__in=keep).delete()
    attendance_invite(meeting=meeting, officials=added)
    return meeting


@transaction.atomic
def meeting_move(*, meeting, starts_at, ends_at, reason, by=None, version=None):
    """Move a meeting to another time; invitees are reminded again of the new one.

    The reminders already sent announced the old date, so they are cleared:
    each invitee gets one reminder for the new time (still one per revision).
    """
    meeting_lock(meeting)
    meeting_ensure_scheduled(meeting)
    version_check(
        record=meeting,
        version=version,
        compare=lambda: [
            (_label("starts_at"), meeting.starts_at, starts_at),
            (_label("ends_at"), meeting.ends_at, ends_at),
        ],
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the meeting is moved.")})
    if starts_at == meeting.starts_at and ends_at == meeting.ends_at:
        raise ValidationError({"starts_at": _("This is the time the meeting already has.")})
    meeting_check_when(
        kind=meeting.kind,
        programmes=list(meeting.programmes.all()),
        starts_at=starts_at,
        ends_at=ends_at,
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.status_reason = reason.strip()
    meeting.sequence += 1
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    meeting.attendances.update(reminder_sent_at=None)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting, reason, by=None):
    meeting_lock(meeting)
    meeting_ensure_scheduled(meeting)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    meeting.status = Meeting.Status.CANCELLED
    meeting.status_reason = reason.strip()
    meeting.sequence += 1
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_ensure_happened(meeting, now=None):
    """What happened at a meeting is recorded once it has started, never for a cancelled one."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled; nothing is recorded for it."))
    now = now or timezone.now()
    if not meeting.has_started(now):
        raise ValidationError(
            _("This meeting has not taken place yet: it starts at %(when)s.")
            % {"when": date_format(timezone.localtime(meeting.starts_at), "SHORT_DATETIME_FORMAT")}
        )


@transaction.atomic
def meeting_record(
    *,
    meeting,
    minutes,
    conclusions,
    results="",
    limitations="",
    next_tasks="",
    by=None,
    now=None,
    version=None,
):
    """Minutes and conclusions; a review also records its assessment of the programme."""
    meeting_lock(meeting)
    meeting_ensure_happened(meeting, now)
    version_check(
        record=meeting,
        version=version,
        compare=lambda: [
            (_label("minutes"), meeting.minutes, minutes),
            (_label("conclusions"), meeting.conclusions, conclusions),
            (_label("results"), meeting.results, results),
            (_label("limitations"), meeting.limitations, limitations),
            (_label("next_tasks"), meeting.next_tasks, next_tasks),
        ],
    )
    if not meeting.is_review and any(s.strip() for s in (results, limitations, next_tasks)):
        raise ValidationError(
            _("Results, limitations and next tasks are recorded at an interim or final review.")
        )
    meeting.minutes, meeting.conclusions = minutes, conclusions
    meeting.results, meeting.limitations, meeting.next_tasks = results, limitations, next_tasks
    meeting.status = Meeting.Status.HELD
    meeting.version += 1
    meeting.full_clean()
    meeting.save()
    return meeting


ATTENDANCE_STATES = ("present", "absent", "deputy")


STATE_LABELS = {
    "present": _lazy("Present"),
    "absent": _lazy("Absent"),
    "deputy": _lazy("Sent a deputy"),
}


def _attendance_shown(state, deputy):
    label = STATE_LABELS.get(state or "", "")
    return f"{label}: {deputy}" if state == "deputy" and deputy else label


@transaction.atomic
def attendance_record(*, meeting, entries, also_present=(), by=None, now=None, version=None):
    """Who came. `entries` maps each Attendance of the meeting to a dict with
    "state" (present, absent, deputy), and for a deputy "deputy" and "deputy_position".
    `also_present` are officials who came without an invitation.
    """
    meeting_lock(meeting)
    meeting_ensure_happened(meeting, now)
    saved = {a.pk: a for a in meeting.attendances.select_related("official")}
    version_check(
        record=meeting,
        version=version,
        compare=lambda: [
            (
                attendance.official.full_name,
                _attendance_shown(saved[attendance.pk].state, saved[attendance.pk].deputy)
                if attendance.pk in saved
                else "",
                _attendance_shown(entry.get("state"), (entry.get("deputy") or "").strip()),
            )
            for attendance, entry in entries.items()
        ],
    )
    errors = []
    for attendance, entry in entries.items():
        if attendance.meeting_id != meeting.pk:
            raise ValidationError(_("This attendance belongs to another meeting."))
        state = entry.get("state") or ""
        if state not in ATTENDANCE_STATES:
            errors.append(
                ValidationError(
                    _("Say whether %(name)s was present, absent or sent a deputy.")
                    % {"name": attendance.official.full_name}
                )
            )
            continue
        deputy = (entry.get("deputy") or "").strip() if state == "deputy" else ""
        deputy_position = (entry.get("deputy_position") or "").strip() if deputy else ""
        if state == "deputy" and not deputy:
            errors.append(
                ValidationError(
                    _("Give the name of the deputy %(name)s sent.")
                    % {"name": attendance.official.full_name}
                )
            )
            continue
        attendance.present = state == "present"
        attendance.deputy, attendance.deputy_position = deputy, deputy_position
        attendance.full_clean()
        attendance.save()
    if errors:
        raise ValidationError(errors)
    also_present = list(also_present)
    meeting_check_people(
        programmes=list(meeting.programmes.all()), officials=also_present, field="also_present"
    )
    for official in also_present:
        Attendance.objects.update_or_create(
            meeting=meeting,
            official=official,
            defaults={"present": True, "deputy": "", "deputy_position": ""},
            create_defaults={"position": official.position, "invited": False, "present": True},
        )
    meeting.status = Meeting.Status.HELD
    meeting.version += 1
    meeting.save(update_fields=["status", "version", "updated_at"])
    return meeting
