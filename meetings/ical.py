"""Meetings as iCalendar (RFC 5545) files that people add to their own calendars.

Times are written in Asia/Ho_Chi_Minh with its VTIMEZONE. Each meeting keeps
its UID for life; SEQUENCE is the meeting's revision, raised when it is moved
or cancelled, so a calendar that imports a fresh download replaces the old
entry instead of adding a second one. A cancelled meeting stays in the file
with STATUS:CANCELLED, so that calendars remove it.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Meeting

PRODID = "-//Chuong trinh phoi hop//Lich hoi nghi//VI"
DEFAULT_LENGTH = timedelta(hours=2)
STATUS = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def meeting_description(meeting):
    lines = []
    if meeting.status == Meeting.Status.CANCELLED:
        lines.append(_("Cancelled: %(reason)s") % {"reason": meeting.status_reason})
    elif meeting.is_moved and meeting.status_reason:
        lines.append(_("Moved: %(reason)s") % {"reason": meeting.status_reason})
    lines.append(_("Organised by: %(body)s") % {"body": meeting.organiser})
    if meeting.chair_id:
        lines.append(_("Chair: %(name)s") % {"name": meeting.chair.full_name})
    programmes = getattr(meeting, "programmes_visible", None)
    if programmes is None:  # a caller that did not ask what its reader sees
        programmes = meeting.programmes.all()
    for programme in programmes:
        lines.append(str(programme))
    if meeting.agenda:
        lines.append("")
        lines.append(meeting.agenda)
    return "\n".join(lines)


def meeting_event(meeting, base_url=""):
    zone = ZoneInfo(settings.TIME_ZONE)
    starts = timezone.localtime(meeting.starts_at, zone)
    ends = timezone.localtime(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH, zone)
    event = icalendar.Event.new(
        uid=str(meeting.uid),
        summary=meeting.title,
        start=starts,
        end=ends,
        location=meeting.place,
        description=meeting_description(meeting),
        sequence=meeting.sequence,
        status=STATUS[meeting.status],
        stamp=timezone.now(),
        last_modified=meeting.updated_at,
        created=meeting.created_at,
        url=base_url + reverse("meetings:meeting_detail", args=[meeting.pk]) if base_url else None,
    )
    event.add("categories", [meeting.get_kind_display()])
    return event


def meeting_calendar_chunks(meetings, *, name=None, base_url=""):
    """The .ics file in pieces, one meeting at a time, for a streamed download: the
    calendar's head with its VTIMEZONE, each event, the end."""
    calendar = icalendar.Calendar.new(
        prodid=PRODID, name=name or _("Meetings of the coordination programmes")
    )
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    end = b"END:VCALENDAR\r\n"
    whole = calendar.to_ical()
    yield whole[: -len(end)]
    for meeting in meetings:
        yield meeting_event(meeting, base_url).to_ical()
    yield end


def meeting_calendar(meetings, *, name=None, base_url=""):
    """The bytes of a .ics file holding these meetings."""
    calendar = icalendar.Calendar.new(
        prodid=PRODID, name=name or _("Meetings of the coordination programmes")
    )
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
