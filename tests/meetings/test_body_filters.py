"""The body filter of the calendar (month and quarter) and of the directive list: a
bounded list, narrowed by what is typed in "find" (agreements.forms.filters.offer_bodies),
that keeps the chosen body and never names, nor accepts, a body the user may not see."""

import re

import pytest
from django.urls import reverse

from agreements.forms import filters
from agreements.models import ProgrammeInvolvement
from agreements.rules import visible_programmes
from agreements.selectors import BODIES_IN_ORDER
from meetings import forms
from meetings.models import Directive
from meetings.views.access import bodies_visible
from tests.agreements.factories import district_bodies, draft, sign
from tests.factories import (
    BodyFactory,
    DirectiveFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
    UserFactory,
    user_in,
)

pytestmark = pytest.mark.django_db
PAGES = [
    ("meetings:calendar", {"month": "2024-04"}),
    ("meetings:calendar", {"quarter": "2024-2"}),
    ("meetings:directive_list", {}),
]


@pytest.fixture
def world():
    btg, ubnd = district_bodies()
    others = [BodyFactory(unit=btg.unit, name=f"Phòng số {n} huyện") for n in range(5)]
    others.append(BodyFactory(unit=btg.unit, name="Ủy ban Mặt trận Tổ quốc huyện"))
    for body in others:
        OfficialFactory(body=body)
    programme = draft([btg, ubnd, *others], clauses=1)
    sign(programme)
    meeting = MeetingFactory(organiser=btg)
    meeting.programmes.set([programme])
    DirectiveFactory(meeting=meeting, programme=programme, addressed_body=others[3], status="open")
    # Another district's programme, meeting and directive: none of its bodies is named.
    far_a, far_b = district_bodies(DistrictFactory())
    far_a.name, far_b.name = "Ban Bí mật xa", "Tòa án Bí mật xa"
    far_a.save()
    far_b.save()
    far = draft([far_a, far_b], number=2, clauses=1)
    sign(far)
    far_meeting = MeetingFactory(organiser=far_a)
    far_meeting.programmes.set([far])
    DirectiveFactory(meeting=far_meeting, programme=far, addressed_body=far_b)
    return {"btg": btg, "ubnd": ubnd, "others": others, "far": [far_a, far_b]}


def select(text):
    return re.search(r'<select name="body".*?</select>', text, re.S).group(0)


def options(text):
    return re.findall(r'<option value="(\d+)"', select(text))


@pytest.mark.parametrize(("name", "where"), PAGES)
def test_the_filter_offers_a_bounded_list_and_keeps_the_chosen_body(
    client, world, monkeypatch, name, where
):
    monkeypatch.setattr(filters.offer_bodies, "__defaults__", ("", 3))
    client.force_login(user_in(world["btg"]))
    chosen = world["others"][3]
    response = client.get(reverse(name), {**where, "body": chosen.pk, "find": "phong"})
    offered = options(response.text)
    assert len(offered) == 4 and str(chosen.pk) in offered  # three, and the chosen one
    assert re.findall(r'<option value="(\d+)" selected', select(response.text)) == [str(chosen.pk)]
    assert "gõ tên để tìm cơ quan khác" in response.text
    assert not response.context["filter_form"].errors
    # The links to other months, quarters or pages keep what was typed and chosen.
    links = response.context.get("filters") or response.context["query_string"]
    assert f"body={chosen.pk}" in links and "find=phong" in links


@pytest.mark.parametrize(("name", "where"), PAGES)
def test_find_narrows_the_filter_ignoring_diacritics_and_abbreviations(client, world, name, where):
    client.force_login(user_in(world["btg"]))
    others = world["others"]
    page = client.get(reverse(name), {**where, "find": "PHÒNG SỐ 3"})
    assert options(page.text) == [str(others[3].pk)]
    page = client.get(reverse(name), {**where, "find": "mttq"})
    assert options(page.text) == [str(others[-1].pk)]
    page = client.get(reverse(name), {**where, "find": "uy ban nhan dan"})
    assert options(page.text) == [str(world["ubnd"].pk)]
    part = client.get(
        reverse(name),
        {**where, "find": "phong so 3"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="body-picker",
    )
    assert part.status_code == 200 and "<html" not in part.text
    assert options(part.text) == [str(others[3].pk)]


@pytest.mark.parametrize(("name", "where"), PAGES)
def test_the_filter_never_names_nor_accepts_a_body_the_user_may_not_see(client, world, name, where):
    client.force_login(user_in(world["btg"]))
    far = world["far"]
    for query in ({"find": "bí mật"}, {"find": "toa an"}, {"body": far[1].pk}):
        response = client.get(reverse(name), {**where, **query})
        assert response.status_code == 200
        assert "Bí mật" not in response.text
        assert not {str(b.pk) for b in far} & set(options(response.text))
    refused = client.get(reverse(name), {**where, "body": far[1].pk})
    assert "body" in refused.context["filter_form"].errors


def test_the_directive_list_still_filters_by_the_body_chosen(client, world):
    client.force_login(user_in(world["btg"]))
    url = reverse("meetings:directive_list")
    chosen = client.get(url, {"body": world["others"][3].pk})
    assert chosen.context["page"].paginator.count == 1
    other = client.get(url, {"body": world["others"][0].pk})
    assert other.context["page"].paginator.count == 0
    assert Directive.objects.count() == 2


def test_a_provincial_body_is_offered_the_bodies_of_the_programmes_it_sees(world):
    """A body of the province asks body by body (agreements.selectors.bodies_named_on_seen):
    the same bodies as the hashed programmes seen would give."""
    province_body = BodyFactory(unit=world["btg"].unit.parent, name="UBND tỉnh")
    OfficialFactory(body=province_body)
    user = user_in(province_body)
    involved = ProgrammeInvolvement.objects.filter(programme__in=visible_programmes(user))
    expected = set(involved.values_list("body_id", flat=True))
    offered = {b.pk for b in bodies_visible(user)}
    assert offered == expected and {b.pk for b in world["others"]} <= offered
    assert not {b.pk for b in world["far"]} & offered


@pytest.mark.parametrize("offered", [3, 40])
def test_the_directive_list_offers_the_bodies_it_offered_before(
    client, world, monkeypatch, offered
):
    """Nothing typed or chosen, the directive list reads the first bodies only
    (meetings.selectors.directive_filter_first_bodies): the same as the first of every
    body it may filter by (bodies_visible, as before), in the same order, and the same
    note, for a district's body, a body addressed that no programme names, a body of the
    province (walked in order) and a superuser; unfiltered or filtered."""
    monkeypatch.setattr(filters.offer_bodies, "__defaults__", ("", offered))
    monkeypatch.setattr(forms, "BODIES_OFFERED", offered)
    btg = world["btg"]
    addressed = BodyFactory(unit=btg.unit, name="Phòng Văn hóa huyện")
    DirectiveFactory(meeting=Directive.objects.get(addressed_body=world["others"][3]).meeting,
                     addressed_body=addressed)  # fmt: skip
    province_body = BodyFactory(unit=btg.unit.parent, name="UBND tỉnh")
    users = [
        user_in(btg),
        user_in(addressed),
        user_in(province_body),
        UserFactory(is_superuser=True),
    ]
    for user in users:
        client.force_login(user)
        every = bodies_visible(user, addressees=True).order_by(*BODIES_IN_ORDER)
        expected = [str(pk) for pk in every.values_list("pk", flat=True)]
        for query in ({}, {"status": "open"}, {"programme": "x"}):
            response = client.get(reverse("meetings:directive_list"), query)
            assert options(response.text) == expected[:offered], (user, query)
            limited = "gõ tên để tìm cơ quan khác" in response.text
            assert limited == (len(expected) > offered)
    assert len(expected) > 3  # the superuser's: the list was cut
