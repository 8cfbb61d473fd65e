"""Each refusal of the meetings' permission table (tests/meetings/test_permissions.py)
says why, in Vietnamese, and leads back to the meeting where there is one."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.meetings.test_permissions import CASES, request
from tests.meetings.test_permissions import world as world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

REFUSED = [(who, action) for who, action, expected in CASES if expected == 403]


@pytest.mark.parametrize("who", sorted({who for who, _ in REFUSED}))
def test_every_refusal_says_why_in_vietnamese(client, world, settings, who):
    settings.DEBUG = False
    client.force_login(world["users"][who])
    for action in [a for w, a in REFUSED if w == who]:
        response = request(client, action, world)
        assert response.status_code == 403, action
        reason = response.context["reason"]
        with translation.override("en"):
            english = str(reason)
        with translation.override("vi"):
            vietnamese = str(reason)
        assert reason and vietnamese != english, action
        assert vietnamese in response.text, action


def test_a_refused_secretariat_is_led_back_to_the_meeting(client, world, settings):
    settings.DEBUG = False
    meeting = world["meeting"]
    client.force_login(world["users"]["official of the organiser"])
    response = client.get(reverse("meetings:meeting_cancel", args=[meeting.pk]))
    assert response.status_code == 403
    assert "Chỉ văn phòng mới lên lịch và tổ chức hội nghị." in response.text
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in response.text
