"""The calendar feed a person imports into their own calendar (meetings/feed.py): by
default the meetings their own body takes part in; the calendar's filters passed
through its link; never a meeting or programme the user may not see; a bounded file
whose events say little each."""

import importlib
from dataclasses import dataclass
from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from tests.factories import BodyFactory, CommuneFactory, DistrictFactory
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db
FEED = reverse("meetings:calendar_ics")


def day(offset):
    return timezone.localdate() + timedelta(days=offset)


@dataclass
class World:
    own: object
    partner: object
    commune_body: object
    stranger: object
    ours: object
    below: object
    secret: object
    organised: object
    partners: object
    joint: object
    below_meeting: object
    secret_meeting: object
    user: object


@pytest.fixture
def world():
    """A district body (ours) and its partner; two commune bodies below, whose programme
    the district body sees without taking part; two bodies of another district, whose
    programme it does not see. Meetings in the coming weeks on each."""
    year = timezone.localdate().year
    dates = {
        "period": (date(year - 1, 1, 1), date(year + 1, 12, 31)),
        "signed_on": date(year - 2, 12, 1),
    }
    district = DistrictFactory()
    own = BodyFactory(unit=district, name="Ban Dân vận Huyện ủy")
    partner = BodyFactory(unit=district, name="UBND huyện")
    commune = CommuneFactory(parent=district)
    commune_body, commune_partner = (
        BodyFactory(unit=commune, name=name) for name in ("UBND xã", "MTTQ xã")
    )
    elsewhere = DistrictFactory(parent=district.parent)
    stranger, stranger_partner = (
        BodyFactory(unit=elsewhere, name=name) for name in ("Tòa án huyện bên", "VKS huyện bên")
    )
    ours = signed_programme([own, partner], **dates)
    below = signed_programme([commune_body, commune_partner], **dates)
    secret = signed_programme([stranger, stranger_partner], **dates)
    return World(
        own=own,
        partner=partner,
        commune_body=commune_body,
        stranger=stranger,
        ours=ours,
        below=below,
        secret=secret,
        organised=schedule(ours, starts_at=at(day(3)), title="Giao ban do Ban tổ chức"),
        partners=schedule(ours, starts_at=at(day(4)), organiser=partner, title="Họp của UBND"),
        joint=schedule(
            ours,
            starts_at=at(day(5)),
            organiser=partner,
            programmes=[ours, secret],
            title="Giao ban liên tịch",
        ),
        below_meeting=schedule(below, starts_at=at(day(6)), title="Giao ban cấp xã"),
        secret_meeting=schedule(secret, starts_at=at(day(7)), title="Họp kín huyện bên"),
        user=secretariat_of(own),
    )


def download(client, query=""):
    response = client.get(FEED + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def uids(content):
    return {str(e["UID"]) for e in icalendar.Calendar.from_ical(content).walk("VEVENT")}


def uids_of(*meetings):
    return {str(m.uid) for m in meetings}


def test_the_default_feed_holds_the_meetings_of_the_users_own_body_only(client, world):
    """Those it organises and those on its programmes, organised by another party; not
    the commune's meeting, which its users see but their body has no part in."""
    client.force_login(world.user)
    assert uids(download(client)) == uids_of(world.organised, world.partners, world.joint)
    everything = uids(download(client, "?scope=all"))
    assert everything == uids_of(world.organised, world.partners, world.joint, world.below_meeting)


def test_the_calendars_filters_pass_through_to_the_feed(client, world):
    client.force_login(world.user)
    assert uids(download(client, f"?body={world.commune_body.pk}")) == uids_of(world.below_meeting)
    assert uids(download(client, f"?programme={world.below.pk}")) == uids_of(world.below_meeting)
    assert uids(download(client, f"?body={world.partner.pk}")) == uids_of(
        world.organised, world.partners, world.joint
    )
    both = f"?body={world.partner.pk}&programme={world.ours.pk}"
    assert uids(download(client, both)) == uids_of(world.organised, world.partners, world.joint)
    assert uids(download(client, f"?body={world.commune_body.pk}&scope=all")) == uids_of(
        world.below_meeting
    )


def test_the_calendar_page_links_the_feed_of_what_it_shows_and_says_what_it_holds(client, world):
    client.force_login(world.user)
    month = f"month={day(5):%Y-%m}"
    page = client.get(reverse("meetings:calendar") + f"?{month}").text
    assert f'href="{FEED}"' in page
    assert "Tệp .ics gồm các hội nghị của Ban Dân vận Huyện ủy" in page
    assert f'href="{FEED}?scope=all"' in page
    filtered = client.get(
        reverse("meetings:calendar") + f"?{month}&body={world.commune_body.pk}"
    ).text
    link = f"{FEED}?body={world.commune_body.pk}"
    assert f'href="{link}"' in filtered
    assert "Tệp .ics gồm các hội nghị của UBND xã" in filtered
    assert uids(download(client, link.removeprefix(FEED))) == uids_of(world.below_meeting)
    by_programme = client.get(reverse("meetings:calendar") + f"?programme={world.below.pk}").text
    assert f'href="{FEED}?programme={world.below.pk}"' in by_programme
    assert world.below.reference in by_programme


def test_nothing_the_user_may_not_see_is_in_any_feed(client, world):
    """Not the other district's meeting, nor its programme cited by the joint briefing;
    a body the user may not see asked for by its id is not named, and gives the default."""
    client.force_login(world.user)
    secret_words = [world.secret.reference, world.secret.title, world.secret_meeting.title]
    secret_words += [world.stranger.name, str(world.secret_meeting.uid)]
    for query in ("", "?scope=all", f"?body={world.partner.pk}", f"?body={world.stranger.pk}"):
        text = download(client, query).decode()
        assert [word for word in secret_words if word in text.replace("\r\n ", "")] == []
    joint = [
        e
        for e in icalendar.Calendar.from_ical(download(client)).walk("VEVENT")
        if str(e["UID"]) == str(world.joint.uid)
    ][0]
    assert world.ours.reference in str(joint["DESCRIPTION"])
    assert world.secret.reference not in str(joint["DESCRIPTION"])
    assert uids(download(client, f"?programme={world.secret.pk}")) == uids_of(
        world.organised, world.partners, world.joint
    )


def test_the_etag_changes_when_a_meeting_in_the_feed_changes_and_only_then(client, world):
    client.force_login(world.user)

    def etag(query=""):
        return client.get(FEED + query)["ETag"]

    own, everything = etag(), etag("?scope=all")
    services.meeting_move(
        meeting=world.below_meeting,
        starts_at=at(day(8), 14),
        ends_at=at(day(8), 16),
        reason="Trùng lịch.",
    )
    assert etag() == own  # not in the body's feed
    assert etag("?scope=all") != everything
    services.meeting_move(
        meeting=world.partners, starts_at=at(day(9), 14), ends_at=at(day(9), 16), reason="Dời."
    )
    moved = etag()
    assert moved != own
    assert client.get(FEED, headers={"If-None-Match": own}).status_code == 200
    assert client.get(FEED, headers={"If-None-Match": moved}).status_code == 304


def test_a_feed_holds_at_most_its_bound_the_earliest_first(client, world, monkeypatch):
    # The module, not the view of the same name that meetings.views exports.
    monkeypatch.setattr(importlib.import_module("meetings.views.calendar"), "MOST_EVENTS", 2)
    client.force_login(world.user)
    assert uids(download(client, "?scope=all")) == uids_of(world.organised, world.partners)


def test_each_event_of_the_feed_says_little_and_its_page_the_rest(client, world):
    """No agenda, the programme cited by its number once (not when the title does), the
    link to the meeting's page; the meeting's own file keeps the agenda."""
    agenda = "1. Đánh giá kết quả thực hiện.\n2. Thống nhất nhiệm vụ thời gian tới."
    cited = schedule(
        world.ours,
        starts_at=at(day(10)),
        title=f"Giao ban thực hiện Chương trình số {world.ours.reference}",
        agenda=agenda,
    )
    client.force_login(world.user)
    events = {
        str(e["UID"]): str(e["DESCRIPTION"])
        for e in icalendar.Calendar.from_ical(download(client)).walk("VEVENT")
    }
    text = events[str(cited.uid)]
    assert "Đánh giá kết quả" not in text
    assert world.ours.reference not in text and world.ours.title not in text
    assert text.endswith(reverse("meetings:meeting_detail", args=[cited.pk]))
    assert world.ours.reference in events[str(world.organised.uid)]
    single = client.get(reverse("meetings:meeting_ics", args=[cited.pk])).content.decode()
    assert "Đánh giá kết quả thực hiện" in single.replace("\r\n ", "")
