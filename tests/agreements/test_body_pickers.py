"""The clause list's body pickers: a bounded list, narrowed by what is typed, that never
names a body outside the programmes the user sees."""

import re

import pytest
from django.urls import reverse

from agreements.forms import filters
from tests.agreements.factories import district_bodies, sign
from tests.agreements.factories import draft as draft_programme
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    btg, ubnd = district_bodies()
    others = [BodyFactory(unit=btg.unit, name=f"Phòng số {n} huyện") for n in range(6)]
    for body in others:
        OfficialFactory(body=body)
    programme = draft_programme([btg, ubnd, *others], clauses=1)
    sign(programme)
    # A programme of another district's bodies: none of its bodies may be named.
    far_a, far_b = district_bodies(DistrictFactory())
    far_a.name, far_b.name = "Ban Bí mật xa", "Tòa án Bí mật xa"
    far_a.save()
    far_b.save()
    sign(draft_programme([far_a, far_b], number=2, clauses=1))
    return {"btg": btg, "ubnd": ubnd, "others": others, "far": [far_a, far_b]}


def options(text, name):
    select = re.search(rf'<select name="{name}".*?</select>', text, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


def test_the_pickers_offer_a_bounded_list_and_keep_the_chosen_body(client, world, monkeypatch):
    monkeypatch.setattr(filters, "BODIES_OFFERED", 3)
    monkeypatch.setattr(filters.offer_bodies, "__defaults__", ("", 3))
    client.force_login(user_in(world["btg"]))
    chosen = world["others"][-1]
    response = client.get(reverse("agreements:clause_list"), {"body": chosen.pk})
    offered = options(response.text, "body")
    assert len(offered) == 4 and str(chosen.pk) in offered  # three, and the chosen one
    assert options(response.text, "lead") == offered
    assert "type a name" in response.text or "gõ tên" in response.text
    assert response.context["page"].paginator.count == 1  # the filter still applies


def test_find_narrows_the_pickers_ignoring_diacritics(client, world):
    client.force_login(user_in(world["btg"]))
    url = reverse("agreements:clause_list_bodies")
    response = client.get(url, {"find": "phong so 3"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.text
    assert options(response.text, "body") == [str(world["others"][3].pk)]
    # With no JavaScript, the list page itself narrows them the same way.
    page = client.get(reverse("agreements:clause_list"), {"find": "PHÒNG SỐ 3"})
    assert options(page.text, "body") == [str(world["others"][3].pk)]


def test_the_pickers_never_name_a_body_the_user_may_not_see(client, world):
    client.force_login(user_in(world["btg"]))
    url = reverse("agreements:clause_list_bodies")
    far = world["far"]
    for query in ({"find": "bí mật"}, {"find": "toa an"}, {"body": far[0].pk, "lead": far[1].pk}):
        response = client.get(url, query)
        assert response.status_code == 200
        assert "Bí mật" not in response.text
        assert not {str(b.pk) for b in far} & set(options(response.text, "body"))
    page = client.get(reverse("agreements:clause_list"), {"body": far[0].pk})
    assert "Bí mật" not in page.text


def test_the_endpoint_asks_for_a_signed_in_user(client):
    response = client.get(reverse("agreements:clause_list_bodies"))
    assert response.status_code == 302 and "login" in response["Location"]


def pickers(client):
    page = client.get(reverse("agreements:clause_list")).text
    return options(page, "body"), options(page, "lead"), "type a name" in page or "gõ tên" in page


@pytest.mark.parametrize("limit", [3, 40])
def test_the_bodies_walked_one_by_one_are_the_first_of_the_full_list(
    client, world, monkeypatch, limit
):
    """Nothing typed or chosen, a user who sees most programmes has the first bodies read
    one by one (clause_filter_bodies_row_by_row, LIMIT): the same options, the same
    "type a name" note, as the whole list read with the programmes seen hashed."""
    monkeypatch.setattr(filters, "BODIES_OFFERED", limit)
    monkeypatch.setattr(filters.offer_bodies, "__defaults__", ("", limit))
    # A body that is only a party to a draft is never offered.
    hidden = BodyFactory(unit=world["btg"].unit, name="Ban chỉ có dự thảo")
    draft_programme([world["btg"], hidden], number=3, clauses=1)
    for body in (world["btg"], world["others"][0], world["far"][0]):
        client.force_login(user_in(body))
        monkeypatch.setattr(filters, "sees_most_programmes", lambda user: True)
        walked = pickers(client)
        monkeypatch.setattr(filters, "sees_most_programmes", lambda user: False)
        hashed = pickers(client)
        assert walked == hashed, body
        assert str(hidden.pk) not in walked[0]
        assert not {str(b.pk) for b in world["far"]} & set(walked[0]) or body in world["far"]


def test_who_sees_most_programmes(world):
    btg, far = world["btg"], world["far"]
    # btg sees one of the two programmes: half is most.
    assert filters.sees_most_programmes(user_in(btg))
    sign(draft_programme(far, number=4, clauses=1))
    assert not filters.sees_most_programmes(user_in(btg))  # one of three
    assert filters.sees_most_programmes(user_in(far[0]))  # two of three
    superuser = user_in(btg)
    superuser.is_superuser = True
    assert filters.sees_most_programmes(superuser)


def test_the_bodies_read_from_the_programmes_seen_are_the_full_list(world):
    """For a user who sees few programmes the pickers' bodies are read outwards from those
    programmes (clause_filter_bodies_from_programmes): the same bodies as the programmes
    seen hashed (clause_filter_bodies), none only a party to a draft, none of a programme
    the user does not see."""
    hidden = BodyFactory(unit=world["btg"].unit, name="Ban chỉ có dự thảo")
    draft_programme([world["btg"], hidden], number=3, clauses=1)
    for body in (world["btg"], world["others"][0], world["far"][0], hidden):
        user = user_in(body)
        few = set(filters.clause_filter_bodies_from_programmes(user).values_list("pk", flat=True))
        assert few == set(filters.clause_filter_bodies(user).values_list("pk", flat=True))
        assert hidden.pk not in few
        assert bool(few & {b.pk for b in world["far"]}) == (body in world["far"])
        if body is world["btg"]:
            assert {world["btg"].pk, world["ubnd"].pk, *(b.pk for b in world["others"])} == few
