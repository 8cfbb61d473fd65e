"""The calendar and the feed ask visibility meeting by meeting (an EXISTS on the kept
tables of agreements/reach.py); they must see exactly what `visible_meetings` sees."""

from datetime import date

import pytest

from meetings.rules import visible_meetings
from meetings.selectors import meetings_visible_between
from parties.models import Membership
from tests.factories import BodyFactory, CommuneFactory, DistrictFactory, UserFactory, user_in
from tests.meetings.factories import at, schedule, signed_programme

pytestmark = pytest.mark.django_db


def test_the_row_by_row_rule_sees_what_the_set_rule_sees():
    district = DistrictFactory()
    commune = CommuneFactory(parent=district)
    district_body = BodyFactory(unit=district)
    commune_bodies = [BodyFactory(unit=commune), BodyFactory(unit=commune)]
    supporter = BodyFactory(unit=DistrictFactory())
    in_commune = signed_programme(parties=commune_bodies)
    clause = in_commune.clauses.first()
    clause.supporting_bodies.add(supporter)
    elsewhere = signed_programme()
    joint = [in_commune, elsewhere]
    meetings = [
        schedule(in_commune, starts_at=at(date(2024, 4, 9))),
        schedule(elsewhere, starts_at=at(date(2024, 4, 10))),
        schedule(in_commune, starts_at=at(date(2024, 5, 2)), programmes=joint),
    ]
    users = [
        user_in(commune_bodies[1]),  # a party
        user_in(supporter),  # supports a clause, not a party
        user_in(district_body, Membership.Role.LEADER),  # the unit above
        user_in(BodyFactory(unit=DistrictFactory())),  # nothing to do with them
        UserFactory(),  # no body
        UserFactory(is_superuser=True, is_staff=True),
    ]
    for user in users:
        expected = set(visible_meetings(user).values_list("pk", flat=True))
        found = set(meetings_visible_between(user=user).values_list("pk", flat=True))
        assert found == expected, user
        april = meetings_visible_between(
            user=user, first_day=date(2024, 4, 1), last_day=date(2024, 4, 30)
        )
        assert set(april.values_list("pk", flat=True)) == expected & {
            meetings[0].pk,
            meetings[1].pk,
        }
    assert set(meetings_visible_between(user=users[0]).values_list("pk", flat=True)) == {
        meetings[0].pk,
        meetings[2].pk,
    }


def test_an_empty_month_offers_the_nearest_meeting_the_user_sees(client):
    """Walked from the month along the days: a closer meeting the user may not see is
    never offered."""
    from django.urls import reverse

    from tests.meetings.factories import secretariat_of

    mine = signed_programme(period=(date(2021, 1, 1), date(2025, 12, 31)))
    theirs = signed_programme(period=(date(2021, 1, 1), date(2025, 12, 31)))
    schedule(theirs, starts_at=at(date(2024, 7, 2)), title="Hội nghị của người khác")
    later = schedule(mine, starts_at=at(date(2024, 9, 10)), title="Giao ban quý III/2024")
    client.force_login(secretariat_of(mine.memberships.get(is_lead=True).body))
    page = client.get(reverse("meetings:calendar") + "?month=2024-06").text
    assert "Giao ban quý III/2024" in page and "?month=2024-09" in page
    assert "Hội nghị của người khác" not in page
    earlier = client.get(reverse("meetings:calendar") + "?month=2025-06").text
    assert later.title in earlier and "?month=2024-09" in earlier
