"""A joint briefing concerns programmes some of its viewers are not party to."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.reminders import meeting_reminders_send
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, user_in
from tests.meetings.factories import schedule, signed_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint():
    district = DistrictFactory()
    lead, council, court = (BodyFactory(unit=district) for _ in range(3))
    with_council = signed_programme(parties=[lead, council])
    with_court = signed_programme(parties=[lead, court])
    with_court.title = "Chương trình phối hợp với Tòa án"
    with_court.save()
    meeting = schedule(with_council, programmes=[with_council, with_court])
    return meeting, with_council, with_court, council


def test_the_meeting_page_names_only_the_programmes_the_viewer_may_see(client, joint):
    meeting, with_council, with_court, council = joint
    client.force_login(user_in(council))
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert with_council.reference in response.text
    assert reverse("agreements:programme_detail", args=[with_council.pk]) in response.text
    assert "Chương trình phối hợp với Tòa án" not in response.text


def test_the_calendar_feed_names_only_the_programmes_the_viewer_may_see(client, joint):
    meeting, with_council, with_court, council = joint
    client.force_login(user_in(council))
    # The meeting is in 2024, outside the feed's rolling window: ask for its programme's.
    url = reverse("meetings:calendar_ics") + f"?programme={with_council.pk}"
    feed = b"".join(client.get(url).streaming_content).decode()
    assert meeting.title in feed
    assert "Tòa án" not in feed


def test_an_invitees_reminder_names_only_the_programmes_their_body_sees(settings):
    """The council's official is invited to a joint briefing; its calendar entry must not
    name the programme with the court."""
    settings.MEETING_REMINDER_DAYS = 2
    district = DistrictFactory()
    lead, council, court = (BodyFactory(unit=district) for _ in range(3))
    today = timezone.localdate()
    period = (date(today.year - 1, 1, 1), date(today.year + 1, 12, 31))
    with_council = signed_programme(parties=[lead, council], period=period)
    with_court = signed_programme(parties=[lead, court], period=period)
    with_court.title = "Chương trình phối hợp với Tòa án"
    with_court.save()
    invitee = OfficialFactory(body=council, email="hdnd@example.vn")
    starts = timezone.now().replace(microsecond=0) + timedelta(hours=30)
    schedule(
        with_council,
        programmes=[with_council, with_court],
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        invitees=[invitee],
    )
    assert meeting_reminders_send() == 1
    [message] = mail.outbox
    _name, content, _type = message.attachments[0]
    text = content.decode() if isinstance(content, bytes) else content
    assert with_council.reference in text
    assert "Tòa án" not in text and with_court.reference not in text
