"""The meeting page names its chair and attendees with their positions, once: a record
named for its office ("Đại diện lãnh đạo UBND huyện", position "Lãnh đạo UBND huyện")
shows its name alone, as the printed reports do (parties/documents.py)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import OfficialFactory
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db


def page_for(client, chair):
    programme = signed_programme(
        parties=None, period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    body = programme.memberships.get(is_lead=True).body
    chair.body = body
    chair.save()
    meeting = schedule(programme, chair=chair, invitees=[chair], starts_at=at(date(2024, 4, 9)))
    client.force_login(secretariat_of(body))
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_a_representative_chair_is_named_once_without_the_position_repeated(client):
    chair = OfficialFactory(
        full_name="Đại diện lãnh đạo UBND huyện Thanh Trì", position="Lãnh đạo UBND huyện"
    )
    html = page_for(client, chair)
    assert "Đại diện lãnh đạo UBND huyện Thanh Trì" in html
    assert "Lãnh đạo UBND huyện" not in html


def test_an_office_named_with_its_position_shows_the_name_alone(client):
    chair = OfficialFactory(
        full_name="Lãnh đạo UBND thành phố Hà Nội", position="Lãnh đạo UBND Thành phố"
    )
    html = page_for(client, chair)
    assert "Lãnh đạo UBND thành phố Hà Nội" in html
    assert "Lãnh đạo UBND Thành phố" not in html


def test_a_person_chairing_is_shown_with_the_position(client):
    chair = OfficialFactory(full_name="Vũ Văn Nhàn", position="Phó Bí thư Huyện ủy")
    html = page_for(client, chair)
    assert "Vũ Văn Nhàn" in html
    # Under the chair, and under the same official among those invited.
    assert html.count("Phó Bí thư Huyện ủy") == 2
