"""Meetings as iCalendar (RFC 5545) files that people add to their own calendars.

Times are written in Asia/Ho_Chi_Minh with its VTIMEZONE. Each meeting keeps
its UID for life; SEQUENCE is the meeting's revision, raised when it is moved
or cancelled, so a calendar that imports a fresh download replaces the old
entry instead of adding a second one. A cancelled meeting stays in the file
with STATUS:CANCELLED, so that calendars remove it.

The events are written here as text, not built as `icalendar` objects: a
provincial body's feed holds hundreds of events, and building each as a
component tree cost half a millisecond an event (bench/INDEXES.md). The
`icalendar` package still makes the VTIMEZONE once and the tests parse the
output back with it.
"""

import functools
import uuid
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from meetings.models import Meeting

PRODID = "-//Chuong trinh phoi hop//Lich hoi nghi//VI"
DEFAULT_LENGTH = timedelta(hours=2)
STATUS = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}
# The calendar's own UID: the same for every download, so that a calendar app
# sees one calendar, not a new one each time it refreshes.
CALENDAR_UID = uuid.uuid5(uuid.NAMESPACE_URL, PRODID)
END = b"END:VCALENDAR\r\n"


def meeting_description(meeting, *, compact=False, link=""):
    """The event's text. `compact` for a feed of many events: the programmes by their
    number and symbol, no agenda (a briefing's is the same two lines each quarter), and
    the link to the meeting's page, which holds the rest."""
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
    if compact:
        # Not again what the title already says ("Giao ban quý III thực hiện Chương trình
        # phối hợp số 08/CTrPH/…").
        citations = [p.short_citation for p in programmes if p.short_citation not in meeting.title]
        if citations:
            lines.append(_("Programmes: %(citations)s") % {"citations": "; ".join(citations)})
        if link:
            lines.append(link)
        return "\n".join(lines)
    for programme in programmes:
        lines.append(str(programme))
    if meeting.agenda:
        lines.append("")
        lines.append(meeting.agenda)
    return "\n".join(lines)


def escape(text):
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and newline escaped."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """One content line as bytes, folded at 75 octets (RFC 5545, 3.1) without cutting a
    UTF-8 character: each continuation starts with a space."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    pieces, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        pieces.append(data[start:end])
        start, limit = end, 74
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


def local_stamp(moment, zone):
    return timezone.localtime(moment, zone).strftime("%Y%m%dT%H%M%S")


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event(meeting, base_url="", stamp=None, kinds=None, compact=False):
    """One VEVENT, as bytes. `stamp` (DTSTAMP) is when the file was made: the feed passes
    the time its content last changed, so that the same content gives the same bytes;
    `kinds`, the kinds' labels translated once for the whole file; `compact`, the short
    text of a feed's event (meeting_description)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    tzid = settings.TIME_ZONE
    ends = meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.uid}",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{utc_stamp(stamp or timezone.now())}",
        f"DTSTART;TZID={tzid}:{local_stamp(meeting.starts_at, zone)}",
        f"DTEND;TZID={tzid}:{local_stamp(ends, zone)}",
        f"SUMMARY:{escape(meeting.title)}",
    ]
    url = f"{base_url}{reverse('meetings:meeting_detail', args=[meeting.pk])}" if base_url else ""
    if meeting.place:
        lines.append(f"LOCATION:{escape(meeting.place)}")
    text = meeting_description(meeting, compact=compact, link=url)
    lines.append(f"DESCRIPTION:{escape(text)}")
    lines.append(f"STATUS:{STATUS[meeting.status]}")
    kind = kinds[meeting.kind] if kinds else meeting.get_kind_display()
    lines.append(f"CATEGORIES:{escape(kind)}")
    if not compact and meeting.created_at:  # (deferred in a feed: not read)
        lines.append(f"CREATED:{utc_stamp(meeting.created_at)}")
    if meeting.updated_at:
        lines.append(f"LAST-MODIFIED:{utc_stamp(meeting.updated_at)}")
    if url and not compact:  # a feed's event has the link in its text, shown by every app
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return b"".join(fold(line) for line in lines)


@functools.lru_cache(maxsize=1)
def timezone_block():
    """The VTIMEZONE of the product's time zone, made once by `icalendar`."""
    return icalendar.Timezone.from_tzid(settings.TIME_ZONE).to_ical()


@functools.lru_cache(maxsize=32)
def calendar_head(name, language):
    """The calendar's head with its VTIMEZONE (`language` keys the cache: the default
    name is translated)."""
    name = escape(name or _("Meetings of the coordination programmes"))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "METHOD:PUBLISH",
        "CALSCALE:GREGORIAN",
        f"UID:{CALENDAR_UID}",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    return b"".join(fold(line) for line in lines) + timezone_block()


def meeting_calendar_chunks(meetings, *, name=None, base_url="", stamp=None, compact=False):
    """The .ics file in pieces, for a streamed download: the calendar's head with its
    VTIMEZONE, then the events a few dozen at a time, then the end. `compact` for a feed:
    each event's text short (meeting_description)."""
    yield calendar_head(name, get_language())
    stamp = stamp or timezone.now()
    kinds = {value: str(label) for value, label in Meeting.Kind.choices}
    batch = []
    for meeting in meetings:
        batch.append(meeting_event(meeting, base_url, stamp, kinds, compact))
        if len(batch) == 50:
            yield b"".join(batch)
            batch = []
    if batch:
        yield b"".join(batch)
    yield END


def meeting_calendar(meetings, *, name=None, base_url=""):
    """The bytes of a .ics file holding these meetings."""
    return b"".join(meeting_calendar_chunks(meetings, name=name, base_url=base_url))
