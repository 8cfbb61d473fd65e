"""The programme list's body filter: a bounded list, narrowed by what is typed in
"find" (agreements.forms.filters.offer_bodies, as the clause list's), that keeps the
chosen body and never names, nor accepts, a body outside the programmes the user sees."""

import re

import pytest
from django.urls import reverse

from agreements.forms import filters
from tests.agreements.factories import district_bodies, draft, sign
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, user_in

pytestmark = pytest.mark.django_db
URL = "agreements:programme_list"


@pytest.fixture
def world():
    btg, ubnd = district_bodies()
    others = [BodyFactory(unit=btg.unit, name=f"Phòng số {n} huyện") for n in range(5)]
    others.append(BodyFactory(unit=btg.unit, name="Ủy ban Mặt trận Tổ quốc huyện"))
    for body in others:
        OfficialFactory(body=body)
    sign(draft([btg, ubnd, *others], clauses=1))
    # A programme of another district's bodies: none of its bodies may be named.
    far_a, far_b = district_bodies(DistrictFactory())
    far_a.name, far_b.name = "Ban Bí mật xa", "Tòa án Bí mật xa"
    far_a.save()
    far_b.save()
    sign(draft([far_a, far_b], number=2, clauses=1))
    return {"btg": btg, "ubnd": ubnd, "others": others, "far": [far_a, far_b]}


def options(text, name="body"):
    select = re.search(rf'<select name="{name}".*?</select>', text, re.S).group(0)
    return re.findall(r'<option value="(\d+)"', select)


def selected(text, name="body"):
    select = re.search(rf'<select name="{name}".*?</select>', text, re.S).group(0)
    return re.findall(r'<option value="(\d+)" selected', select)


def test_the_filter_offers_a_bounded_list_and_keeps_the_chosen_body(client, world, monkeypatch):
    monkeypatch.setattr(filters.offer_bodies, "__defaults__", ("", 3))
    client.force_login(user_in(world["btg"]))
    chosen = world["others"][-2]
    response = client.get(reverse(URL), {"body": chosen.pk, "find": "phong"})
    offered = options(response.text)
    assert len(offered) == 4 and str(chosen.pk) in offered  # three, and the chosen one
    assert selected(response.text) == [str(chosen.pk)]
    assert "gõ tên để tìm cơ quan khác" in response.text
    assert response.context["page"].paginator.count == 1  # the filter still applies
    # The pages' links keep what was typed and chosen.
    assert f"body={chosen.pk}" in response.context["query_string"]
    assert "find=phong" in response.context["query_string"]


def test_find_narrows_the_filter_ignoring_diacritics_and_abbreviations(client, world):
    client.force_login(user_in(world["btg"]))
    page = client.get(reverse(URL), {"find": "PHÒNG SỐ 3"})
    assert options(page.text) == [str(world["others"][3].pk)]
    page = client.get(reverse(URL), {"find": "MTTQ"})
    assert options(page.text) == [str(world["others"][-1].pk)]
    # "UBND huyện …" is found spelled out, by its full name.
    page = client.get(reverse(URL), {"find": "uy ban nhan dan"})
    assert options(page.text) == [str(world["ubnd"].pk)]
    # Typing asks the list's own page for its body filter alone (htmx), no list read.
    part = client.get(
        reverse(URL), {"find": "phong so 3"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="body-picker"
    )
    assert part.status_code == 200 and "<html" not in part.text
    assert options(part.text) == [str(world["others"][3].pk)]
    assert "HX-Request" in part["Vary"] and "HX-Request" in page["Vary"]


def test_the_units_are_those_of_the_bodies_seen_and_above(client, world):
    client.force_login(user_in(world["btg"]))
    district = world["btg"].unit
    response = client.get(reverse(URL))
    units = options(response.text, "unit")
    assert str(district.pk) in units and str(district.parent_id) in units
    assert str(world["far"][0].unit_id) not in units
    filtered = client.get(reverse(URL), {"unit": district.pk})
    assert filtered.context["page"].paginator.count == 1


def test_the_filter_never_names_nor_accepts_a_body_the_user_may_not_see(client, world):
    client.force_login(user_in(world["btg"]))
    far = world["far"]
    for query in ({"find": "bí mật"}, {"find": "toa an"}, {"body": far[0].pk}):
        response = client.get(reverse(URL), query)
        assert response.status_code == 200
        assert "Bí mật" not in response.text
        assert not {str(b.pk) for b in far} & set(options(response.text))
    refused = client.get(reverse(URL), {"body": far[0].pk})
    assert "body" in refused.context["form"].errors
    assert refused.context["page"].paginator.count == 1  # dropped, not applied
    part = client.get(
        reverse(URL), {"body": far[0].pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="body-picker"
    )
    assert "Bí mật" not in part.text
