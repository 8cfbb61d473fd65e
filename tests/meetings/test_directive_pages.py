"""The directive list's pages read row by row along its index (DirectivePages): the
same rows, in the same order, and the same count as the hashed query, whoever asks,
read row by row or hashed."""

from datetime import date

import pytest
from django.core.paginator import Paginator

from meetings import selectors
from meetings.directives import directive_create, directive_follow_up
from meetings.selectors import DirectivePages, directive_list_visible
from tests.factories import BodyFactory, UserFactory, user_in
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 15)


@pytest.fixture
def two_programmes():
    """Two programmes of two districts, each with a meeting and directives to a party, to
    a body that is no party (the front), with and without deadlines, one done."""
    made = []
    for _ in range(2):
        programme = signed_programme(
            period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
        )
        partner = programme.memberships.get(is_lead=False).body
        front = BodyFactory(unit=partner.unit)
        deadlines = [date(2024, 5, 1), date(2024, 7, 1), None, date(2024, 5, 1)]
        for day in (date(2024, 4, 9), date(2024, 4, 20)):
            meeting = schedule(programme, starts_at=at(day))
            for n, deadline in enumerate(deadlines):
                body = front if n == 3 else partner
                directive_create(
                    meeting=meeting, text=f"Việc {n}", addressed_body=body, deadline=deadline
                )
        done = meeting.directives.order_by("pk").first()
        directive_follow_up(directive=done, status="done", note="Xong.", on=date(2024, 5, 2))
        made.append((programme, partner, front))
    return made


def users(two_programmes):
    (_, partner, front), _ = two_programmes
    superuser = UserFactory(is_superuser=True, is_staff=True)
    return [secretariat_of(partner), user_in(front), UserFactory(), superuser]


def every_page(pages, size):
    paginator = Paginator(pages, size)
    return paginator.count, [list(paginator.page(n).object_list) for n in paginator.page_range]


@pytest.mark.parametrize("by_row", [True, False])
def test_the_pages_are_the_hashed_list_cut_in_pages(two_programmes, monkeypatch, by_row):
    monkeypatch.setattr(selectors, "sees_most_directives", lambda user: by_row)
    for user in users(two_programmes):
        expected = list(directive_list_visible(user=user, today=TODAY))
        for size in (1, 3, 25):
            count, pages = every_page(DirectivePages(user=user, today=TODAY), size)
            assert count == len(expected)
            assert [d for page in pages for d in page] == expected
            assert all(d.overdue == d.is_overdue_on(TODAY) for page in pages for d in page)


def test_a_body_sees_its_own_directives_and_those_of_what_it_sees_only(two_programmes):
    (programme, partner, front), (other, _, other_front) = two_programmes
    seen = DirectivePages(user=user_in(front), today=TODAY)
    assert seen.count() == 2  # addressed to it, on a programme it is no party to
    assert {d.addressed_body for d in seen[0:25]} == {front}
    party = DirectivePages(user=secretariat_of(partner), today=TODAY)
    assert party.count() == 8
    assert {d.meeting.programmes.get() for d in party[0:25]} == {programme}
    assert DirectivePages(user=UserFactory(), today=TODAY).count() == 0
    assert DirectivePages(user=UserFactory(is_superuser=True), today=TODAY).count() == 16


def test_a_body_of_the_province_is_read_row_by_row_a_district_body_hashed(two_programmes):
    (_, partner, _), _ = two_programmes
    province = partner.unit.parent
    while province.parent_id is not None:
        province = province.parent
    assert selectors.sees_most_directives(user_in(BodyFactory(unit=province)))
    assert selectors.sees_most_directives(UserFactory(is_superuser=True))
    assert not selectors.sees_most_directives(secretariat_of(partner))
    assert not selectors.sees_most_directives(UserFactory())
