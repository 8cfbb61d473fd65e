import pytest
from django.urls import reverse

from parties.models import Membership
from tests.factories import (
    BodyFactory,
    DistrictFactory,
    ProgrammeFactory,
    UserFactory,
    user_in,
)

pytestmark = pytest.mark.django_db


def test_it_sends_strangers_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_official_sees_only_their_bodys_programmes(client):
    own = ProgrammeFactory(title="Chương trình của chúng tôi")
    ProgrammeFactory(title="Chương trình của huyện khác")
    client.force_login(user_in(own.issuer))
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Chương trình của chúng tôi" in response.text
    assert "Chương trình của huyện khác" not in response.text


def test_a_body_of_the_same_district_that_is_not_a_party_sees_nothing(client):
    programme = ProgrammeFactory(title="Chương trình riêng")
    neighbour = BodyFactory(unit=programme.issuer.unit)
    client.force_login(user_in(neighbour))
    assert "Chương trình riêng" not in client.get(reverse("home")).text


def test_the_city_above_sees_its_districts_programmes(client):
    district = DistrictFactory()
    programme = ProgrammeFactory(issuer=BodyFactory(unit=district), title="Chương trình huyện")
    city_body = BodyFactory(unit=district.parent)
    client.force_login(user_in(city_body, role=Membership.Role.LEADER))
    assert "Chương trình huyện" in client.get(reverse("agreements:programme_list")).text
    # …but a district does not see its city's.
    client.force_login(user_in(programme.issuer))
    ProgrammeFactory(
        issuer=city_body,
        title="Chương trình thành phố",
        parties=[city_body, BodyFactory(unit=district.parent)],
    )
    assert "Chương trình thành phố" not in client.get(reverse("home")).text


def test_a_user_without_a_body_sees_nothing(client):
    ProgrammeFactory(title="Chương trình bí mật")
    client.force_login(UserFactory())
    assert "Chương trình bí mật" not in client.get(reverse("home")).text


def test_superusers_see_everything(client, admin_user):
    ProgrammeFactory(title="Một chương trình")
    client.force_login(admin_user)
    assert "Một chương trình" in client.get(reverse("agreements:programme_list")).text


@pytest.mark.parametrize("rows", [1, 25])
def test_the_list_uses_a_constant_number_of_queries(client, django_assert_max_num_queries, rows):
    body = BodyFactory()
    for _ in range(rows):
        ProgrammeFactory(issuer=body)
    client.force_login(user_in(body))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("home"))
    assert len(response.context["page"].object_list) == rows
