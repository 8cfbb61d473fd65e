"""A refusal leads on: the signed text's to an amendment, and says whose it is. (That
every refusal of the permission table says why in Vietnamese is checked with the
table itself, tests/access/test_url_table.py.)"""

import pytest
from django.urls import reverse

from tests.agreements.test_permissions import R
from tests.agreements.test_permissions import world as world  # noqa: F401  (the fixture)
from tests.factories import user_in

pytestmark = pytest.mark.django_db

LOCKED = (
    "Chương trình đã ký nên nội dung đã được khóa; muốn thay đổi, hãy lập văn bản sửa đổi, bổ sung."
)


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
