"""The programme list's reads at scale (bench/INDEXES.md) ask the same rule as
visible_programmes: the page read in the index's order with visibility asked per row,
its count, and its filters' choices are those of the programmes the user sees."""

import pytest

from agreements.models import Programme, ProgrammeParty
from agreements.rules import (
    programme_visible_to_counted,
    programme_visible_to_in_a_count,
    visible_programmes,
)
from agreements.selectors import (
    programme_filter_choices,
    programme_search,
    programme_search_count,
)
from agreements.selectors.programmes import SORTS
from parties.models import Body
from tests.agreements.factories import draft, sign
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, UserFactory, user_in
from tests.test_page_queries import Province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["official", "district leader", "provincial administrator"])
def test_the_list_its_count_and_its_choices_are_those_of_the_programmes_seen(role):
    world = Province()
    world.grow(3)
    # Programmes of another district, which the district's users do not see.
    elsewhere = DistrictFactory(parent=world.province_ubnd.unit)
    outsiders = [
        BodyFactory(unit=elsewhere, name="UBND huyện khác"),
        BodyFactory(unit=elsewhere, name="Huyện đoàn khác"),
    ]
    for body in outsiders:
        OfficialFactory(body=body)
    unseen = draft(outsiders, number=99, clauses=1)
    sign(unseen)
    user = world.users[role]
    seen = visible_programmes(user)
    expected = list(seen.order_by(*SORTS["newest"]))
    assert list(programme_search(user=user)) == expected
    assert programme_search_count(user=user) == len(expected)
    assert programme_search_count(user=user, status="draft") == 0
    choices = programme_filter_choices(user=user)
    parties = ProgrammeParty.objects.filter(programme__in=seen).values("body_id")
    assert {b.pk for b in choices["bodies"]} == set(
        Body.objects.filter(pk__in=parties).values_list("pk", flat=True)
    )
    topics = Programme.topics.through.objects.filter(programme__in=seen).values("topic_id")
    assert {t.pk for t in choices["topics"]} == set(topics.values_list("topic_id", flat=True))
    first = min(p.period_start for p in expected)
    last = max(p.period_end for p in expected)
    assert choices["years"] == list(range(last.year, first.year - 1, -1))
    if role != "provincial administrator":
        assert unseen not in expected


def test_the_programmes_counted_are_those_seen():
    """programme_visible_to_counted (two sets ORed: the unit's reach, the body's own), and
    programme_visible_to_in_a_count which uses it for a provincial body, are
    visible_programmes: for a body seeing both through its reach and as a party alone,
    a district's bodies, someone who sees everything and someone with no body."""
    world = Province()
    world.grow(2)
    elsewhere = DistrictFactory(parent=world.province_ubnd.unit)
    outsiders = [BodyFactory(unit=elsewhere), BodyFactory(unit=elsewhere)]
    # The province's UBND is a party with another provincial body: in no unit's reach.
    provincial = BodyFactory(unit=world.province_ubnd.unit, name="Sở Tư pháp")
    for body in [*outsiders, provincial]:
        OfficialFactory(body=body)
    sign(draft(outsiders, number=98, clauses=1))
    sign(draft([world.province_ubnd, provincial], number=97, clauses=1))
    users = [
        *world.users.values(),
        user_in(outsiders[0]),
        UserFactory(is_superuser=True),
        UserFactory(),
    ]
    for user in users:
        seen = sorted(visible_programmes(user).values_list("pk", flat=True))
        # programme_visible_to_in_a_count takes either form by the body's level.
        for visible in (programme_visible_to_counted, programme_visible_to_in_a_count):
            counted = Programme.objects.filter(visible(user, "pk"))
            assert sorted(counted.values_list("pk", flat=True)) == seen
