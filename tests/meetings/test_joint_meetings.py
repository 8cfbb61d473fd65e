"""A joint briefing concerns programmes some of its viewers are not party to."""

import pytest
from django.urls import reverse

from tests.factories import BodyFactory, DistrictFactory, user_in
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
    feed = client.get(reverse("meetings:calendar_ics")).content.decode()
    assert meeting.title in feed
    assert "Tòa án" not in feed
