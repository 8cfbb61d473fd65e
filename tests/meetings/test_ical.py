"""The .ics files, parsed back with the icalendar package."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.ical import meeting_calendar
from tests.factories import UserFactory
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def programme():
    year = timezone.localdate().year
    return signed_programme(
        period=(date(year - 1, 1, 1), date(year + 1, 12, 31)), signed_on=date(year - 2, 12, 1)
    )


def parse(content):
    return icalendar.Calendar.from_ical(content)


def body(response):
    """The bytes of a download, streamed (the calendar) or not (one meeting)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def day(offset):
    return timezone.localdate() + timedelta(days=offset)


def test_every_meeting_is_in_the_file_at_its_time_in_ho_chi_minh_city(programme):
    meetings = [
        schedule(programme, starts_at=at(day(-30), 8), title="Giao ban quý"),
        schedule(programme, starts_at=at(day(10), 14, 30), kind="interim_review", title="Sơ kết"),
        schedule(programme, starts_at=at(day(40), 7, 45), kind="other", title="Hội nghị khác"),
    ]
    calendar = parse(meeting_calendar(meetings))
    assert calendar["VERSION"] == "2.0"
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Asia/Ho_Chi_Minh"]
    events = events_by_uid(calendar)
    assert set(events) == {str(m.uid) for m in meetings}
    for meeting in meetings:
        event = events[str(meeting.uid)]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
        assert start == meeting.starts_at and end == meeting.ends_at
        assert start.utcoffset() == timedelta(hours=7)
        assert start.astimezone(VN).time() == timezone.localtime(meeting.starts_at).time()
        assert str(event["SUMMARY"]) == meeting.title
        assert str(event["LOCATION"]) == meeting.place
        assert int(event["SEQUENCE"]) == 0
        assert str(event["STATUS"]) == "CONFIRMED"
    assert events[str(meetings[1].uid)].decoded("DTSTART") == datetime.combine(
        day(10), datetime.min.time().replace(hour=14, minute=30), tzinfo=VN
    )


def test_the_output_is_valid_rfc_5545_text(programme):
    content = meeting_calendar([schedule(programme, starts_at=at(day(3)))])
    assert content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert content.rstrip().endswith(b"END:VCALENDAR")
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    assert b"METHOD:PUBLISH" in content and b"PRODID:" in content


def test_a_moved_meeting_shows_its_new_time_and_a_higher_sequence(client, programme):
    meeting = schedule(programme, starts_at=at(day(5), 8))
    user = secretariat_of(meeting.organiser)
    client.force_login(user)
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    before = events_by_uid(parse(client.get(url).content))[str(meeting.uid)]
    services.meeting_move(
        meeting=meeting, starts_at=at(day(9), 14), ends_at=at(day(9), 16), reason="Trùng lịch."
    )
    after = events_by_uid(parse(client.get(url).content))[str(meeting.uid)]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == at(day(9), 14)
    assert "Trùng lịch." in str(after["DESCRIPTION"])


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled(client, programme):
    meeting = schedule(programme, starts_at=at(day(5)))
    services.meeting_cancel(meeting=meeting, reason="Lãnh đạo đi công tác.")
    client.force_login(secretariat_of(meeting.organiser))
    response = client.get(reverse("meetings:calendar_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    event = events_by_uid(parse(body(response)))[str(meeting.uid)]
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_the_calendar_only_holds_meetings_the_user_may_see(client, programme):
    mine = schedule(programme, starts_at=at(day(5)))
    elsewhere = signed_programme(
        period=(programme.period_start, programme.period_end),
        signed_on=programme.signing.date,
    )
    theirs = schedule(elsewhere, starts_at=at(day(6)))
    client.force_login(secretariat_of(mine.organiser))
    uids = set(events_by_uid(parse(body(client.get(reverse("meetings:calendar_ics"))))))
    assert uids == {str(mine.uid)}
    assert client.get(reverse("meetings:meeting_ics", args=[theirs.pk])).status_code == 404
    client.force_login(UserFactory())
    assert events_by_uid(parse(body(client.get(reverse("meetings:calendar_ics"))))) == {}


def test_the_feed_can_be_filtered_like_the_calendar(client, programme):
    first = schedule(programme, starts_at=at(day(5)))
    lead = programme.memberships.get(is_lead=True).body
    other = signed_programme(
        parties=[lead, programme.memberships.get(is_lead=False).body],
        period=(programme.period_start, programme.period_end),
        signed_on=programme.signing.date,
    )
    second = schedule(other, starts_at=at(day(6)))
    client.force_login(secretariat_of(lead))
    url = reverse("meetings:calendar_ics") + f"?programme={other.pk}"
    assert set(events_by_uid(parse(body(client.get(url))))) == {str(second.uid)}
    assert str(first.uid) not in body(client.get(url)).decode()


def test_the_feed_is_streamed_and_holds_a_rolling_window(client, programme):
    """Six weeks back and the coming year, not every meeting ever held."""
    recent = schedule(programme, starts_at=at(day(-40)))
    coming = schedule(programme, starts_at=at(day(300)))
    old = schedule(programme, starts_at=at(day(-50)))
    schedule(programme, starts_at=at(day(370)))
    client.force_login(secretariat_of(recent.organiser))
    response = client.get(reverse("meetings:calendar_ics"))
    assert response.streaming
    calendar = parse(body(response))
    assert set(events_by_uid(calendar)) == {str(recent.uid), str(coming.uid)}
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    # A programme's own calendar holds all its meetings.
    url = reverse("meetings:calendar_ics") + f"?programme={programme.pk}"
    assert len(events_by_uid(parse(body(client.get(url))))) == 4
    assert str(old.uid) in set(events_by_uid(parse(body(client.get(url)))))


def test_the_streamed_feed_costs_the_same_queries_for_one_meeting_or_thirty(client, programme):
    """Counted while the file is read: a streamed response runs its queries then."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(secretariat_of(programme.memberships.get(is_lead=True).body))
    url = reverse("meetings:calendar_ics") + f"?programme={programme.pk}"

    def queries_and_events():
        with CaptureQueriesContext(connection) as queries:
            calendar = parse(body(client.get(url)))
        return len(queries), len(calendar.walk("VEVENT"))

    schedule(programme, starts_at=at(day(3)))
    one, events = queries_and_events()
    assert events == 1
    for offset in range(29):
        schedule(programme, starts_at=at(day(4 + offset)))
    many, events = queries_and_events()
    assert events == 30
    assert many == one


def test_a_calendar_app_polling_an_unchanged_feed_gets_304_without_the_file(client, programme):
    """If-None-Match with the feed's ETag: 304, no body, and none of the full reads."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    schedule(programme, starts_at=at(day(5)))
    schedule(programme, starts_at=at(day(6)))
    client.force_login(secretariat_of(programme.memberships.get(is_lead=True).body))
    url = reverse("meetings:calendar_ics")
    first = client.get(url)
    content, etag = body(first), first["ETag"]
    assert etag and "no-store" not in first["Cache-Control"]
    again = client.get(url)
    assert again["ETag"] == etag and body(again) == content  # same content, same bytes
    with CaptureQueriesContext(connection) as polled:
        not_modified = client.get(url, headers={"If-None-Match": etag})
    with CaptureQueriesContext(connection) as full:
        body(client.get(url))
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert len(polled) < len(full)


def test_the_feed_etag_changes_with_whatever_the_file_says(client, programme):
    """A meeting moved, added or gone from sight, a programme renumbered: a new ETag and
    the whole file; a stale ETag never gets 304."""
    from agreements.models import Programme

    meeting = schedule(programme, starts_at=at(day(5)))
    lead = programme.memberships.get(is_lead=True).body
    client.force_login(secretariat_of(lead))
    url = reverse("meetings:calendar_ics")

    def etag():
        return client.get(url)["ETag"]

    seen = [etag()]
    services.meeting_move(
        meeting=meeting, starts_at=at(day(7), 14), ends_at=at(day(7), 16), reason="Trùng lịch."
    )
    seen.append(etag())
    schedule(programme, starts_at=at(day(9)))
    seen.append(etag())
    # Renumbered: the feed's events cite programmes by number and symbol.
    Programme.objects.filter(pk=programme.pk).update(
        number=9999, updated_at=timezone.now() + timedelta(seconds=1)
    )
    programme.refresh_from_db()
    seen.append(etag())
    # Out of the window: the meeting leaves the feed.
    services.meeting_move(
        meeting=meeting, starts_at=at(day(-60)), ends_at=at(day(-60), 10), reason="Dời lại."
    )
    seen.append(etag())
    assert len(set(seen)) == len(seen)
    stale = client.get(url, headers={"If-None-Match": seen[0]})
    assert stale.status_code == 200
    descriptions = [str(e["DESCRIPTION"]) for e in parse(body(stale)).walk("VEVENT")]
    assert any(programme.reference in text for text in descriptions)


def test_the_feed_filtered_by_body_holds_the_meetings_concerning_it(client, programme):
    """?body= as the calendar filters: meetings it organises or whose programme it is a
    party to or supports."""
    lead = programme.memberships.get(is_lead=True).body
    other = programme.memberships.get(is_lead=False).body
    mine = schedule(programme, starts_at=at(day(5)))
    elsewhere = signed_programme(
        parties=[lead, signed_programme().memberships.first().body],
        period=(programme.period_start, programme.period_end),
        signed_on=programme.signing.date,
    )
    theirs = schedule(elsewhere, starts_at=at(day(6)))
    client.force_login(secretariat_of(lead))
    url = reverse("meetings:calendar_ics")
    assert set(events_by_uid(parse(body(client.get(url))))) == {str(mine.uid), str(theirs.uid)}
    filtered = parse(body(client.get(url + f"?body={other.pk}")))
    assert set(events_by_uid(filtered)) == {str(mine.uid)}
