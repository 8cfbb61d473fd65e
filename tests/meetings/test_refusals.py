"""A refusal about a meeting leads back to the meeting. (That every refusal of the
permission table says why in Vietnamese is checked with the table itself,
tests/access/test_url_table.py.)"""

import pytest
from django.urls import reverse

from tests.meetings.test_permissions import world as world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_a_refused_secretariat_is_led_back_to_the_meeting(client, world, settings):
    settings.DEBUG = False
    meeting = world["meeting"]
    client.force_login(world["users"]["official of the organiser"])
    response = client.get(reverse("meetings:meeting_cancel", args=[meeting.pk]))
    assert response.status_code == 403
    assert "Chỉ văn phòng mới lên lịch và tổ chức hội nghị." in response.text
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in response.text
