"""Each refusal of the permission table (tests/agreements/test_permissions.py) is a page
that says why, in Vietnamese; the signed text's refusal leads to an amendment."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.agreements.test_permissions import PLACES, ROLES, TABLE, R
from tests.agreements.test_permissions import world as world  # noqa: F401  (the fixture)
from tests.factories import user_in

pytestmark = pytest.mark.django_db

LOCKED = (
    "Chương trình đã ký nên nội dung đã được khóa; muốn thay đổi, hãy lập văn bản sửa đổi, bổ sung."
)


def ask(client, world, method, target, data, body):
    name, pk = target(world)
    url = reverse(f"agreements:{name}", args=[pk])
    if method == "get":
        return client.get(url)
    return client.post(url, data(world, body) if callable(data) else data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
def test_every_refusal_says_why_in_vietnamese(client, world, settings, role, place):
    settings.DEBUG = False
    body = world["bodies"][place]
    client.force_login(user_in(body, role))
    for action, method, target, data, expectation in TABLE:
        if expectation(role, place) != 403:
            continue
        response = ask(client, world, method, target, data, body)
        assert response.status_code == 403, action
        reason = response.context["reason"]
        assert reason, f"{action}: a refusal without a reason"
        with translation.override("en"):
            english = str(reason)
        with translation.override("vi"):
            vietnamese = str(reason)
        assert vietnamese != english, f"{action}: {english!r} is not translated"
        assert vietnamese in response.text, action


def test_a_signed_text_is_locked_and_the_way_on_is_an_amendment(client, world, settings):
    settings.DEBUG = False
    programme = world["signed"]
    client.force_login(user_in(world["bodies"]["own"], R.OFFICIAL))
    response = client.get(reverse("agreements:programme_edit", args=[programme.pk]))
    assert response.status_code == 403
    assert LOCKED in response.text
    assert reverse("agreements:amendment_add", args=[programme.pk]) in response.text
    assert reverse("agreements:programme_detail", args=[programme.pk]) in response.text


def test_a_leader_is_told_the_same_but_not_offered_an_amendment(client, world, settings):
    settings.DEBUG = False
    programme = world["signed"]
    client.force_login(user_in(world["bodies"]["own"], R.LEADER))
    response = client.get(reverse("agreements:programme_edit", args=[programme.pk]))
    assert LOCKED in response.text
    assert reverse("agreements:amendment_add", args=[programme.pk]) not in response.text
    assert reverse("agreements:programme_detail", args=[programme.pk]) in response.text


def test_a_body_that_is_not_a_party_is_told_so(client, world, settings):
    settings.DEBUG = False
    client.force_login(user_in(world["bodies"]["supervising"], R.OFFICIAL))
    response = client.get(reverse("agreements:programme_edit", args=[world["draft"].pk]))
    assert response.status_code == 403
    assert "cơ quan của bạn không phải là một bên" in response.text
