"""The organisation pages (/org/) beyond the permission table: what an administrator may
reach is their unit and the units below it; an account is deactivated, never deleted,
and what it recorded stays; the invitation's link sets a password once; a province is
added only by a superuser; bad input comes back at the field, nothing typed lost."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from agreements.models import Programme
from parties.models import AdministrativeUnit, Body, Membership
from tests.agreements.factories import district_bodies, draft
from tests.factories import BodyFactory, CommuneFactory, DistrictFactory, UserFactory, user_in

pytestmark = pytest.mark.django_db
R = Membership.Role


@pytest.fixture
def district():
    btg, ubnd = district_bodies()
    return btg, ubnd, user_in(ubnd, R.ADMINISTRATOR)


def test_an_administrator_reaches_only_their_unit_and_below(client, district):
    btg, _ubnd, administrator = district
    commune_body = BodyFactory(unit=CommuneFactory(parent=btg.unit))
    above = BodyFactory(unit=btg.unit.parent)
    elsewhere = BodyFactory(unit=DistrictFactory())
    client.force_login(administrator)
    for body, status in [(btg, 200), (commune_body, 200), (above, 404), (elsewhere, 404)]:
        assert client.get(reverse("parties:body_edit", args=[body.pk])).status_code == status
    listed = client.get(reverse("parties:home")).text
    assert commune_body.name in listed and above.name not in listed


def test_a_body_cannot_be_put_in_a_unit_the_administrator_does_not_manage(client, district):
    btg, _ubnd, administrator = district
    client.force_login(administrator)
    response = client.post(
        reverse("parties:body_create"),
        {
            "name": "Ban Dân vận Huyện ủy",
            "full_name": "Ban Dân vận Huyện ủy",
            "kind": "party_organ",
            "code": "BDVHU",
            "unit": btg.unit.parent_id,
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert 'value="Ban Dân vận Huyện ủy"' in response.text  # nothing typed is lost
    assert not Body.objects.filter(code="BDVHU").exists()


def test_only_a_superuser_adds_a_province(client, district):
    _btg, _ubnd, administrator = district
    data = {"name": "Tỉnh mới", "category": "tinh"}
    client.force_login(administrator)
    assert client.post(reverse("parties:unit_create"), data).status_code == 200
    assert not AdministrativeUnit.objects.filter(name="Tỉnh mới").exists()
    client.force_login(UserFactory(is_superuser=True))
    assert client.post(reverse("parties:unit_create"), data).status_code == 302
    assert AdministrativeUnit.objects.get(name="Tỉnh mới").level == 1


def test_an_account_is_deactivated_and_what_it_recorded_stays(client, district):
    btg, ubnd, administrator = district
    official = user_in(btg, R.OFFICIAL)
    programme = draft([btg, ubnd])
    Programme.objects.filter(pk=programme.pk).update(created_by=official)
    client.force_login(administrator)
    url = reverse("parties:account_deactivate", args=[official.membership.pk])
    assert client.post(url).status_code == 302
    official.refresh_from_db()
    assert not official.is_active
    assert Programme.objects.get(pk=programme.pk).created_by == official
    assert client.post(url, {"active": "1"}).status_code == 302
    official.refresh_from_db()
    assert official.is_active


def test_a_superuser_and_ones_own_account_are_not_changed_here(client, district):
    btg, _ubnd, administrator = district
    superuser = UserFactory(is_superuser=True)
    Membership.objects.create(user=superuser, body=btg, role=R.ADMINISTRATOR)
    client.force_login(administrator)
    for membership in (superuser.membership, administrator.membership):
        url = reverse("parties:account_deactivate", args=[membership.pk])
        assert client.post(url).status_code == 403
    superuser.refresh_from_db()
    assert superuser.is_active


def test_the_invitation_sets_a_password_once(client, district):
    btg, _ubnd, administrator = district
    client.force_login(administrator)
    response = client.post(
        reverse("parties:account_create"),
        {
            "username": "canbo.moi",
            "last_name": "Trần Thị",
            "first_name": "Mai",
            "email": "mai@example.vn",
            "body": btg.pk,
            "role": R.SECRETARIAT,
        },
    )
    assert response.status_code == 302
    user = Membership.objects.get(user__username="canbo.moi").user
    assert not user.has_usable_password()
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    client.logout()
    form = client.get(link, follow=True)
    assert form.context["validlink"]
    password = "Mai-2025-phoi-hop"
    done = client.post(
        form.request["PATH_INFO"], {"new_password1": password, "new_password2": password}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(password)
    again = client.get(link, follow=True)
    assert not again.context["validlink"]


def test_a_user_name_taken_is_refused_at_the_field(client, district):
    btg, _ubnd, administrator = district
    UserFactory(username="canbo.trung")
    client.force_login(administrator)
    response = client.post(
        reverse("parties:account_create"),
        {
            "username": "Canbo.Trung",
            "last_name": "Lê",
            "first_name": "An",
            "email": "an@example.vn",
            "body": btg.pk,
            "role": R.OFFICIAL,
        },
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert mail.outbox == []
