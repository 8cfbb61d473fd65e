"""The clause list and "my work" read a page per urgency (UrgencyPages) instead of
sorting every clause by its urgency: the rows, their order and the count must be those
of the plain sort, for any `today` and any page."""

from datetime import date
from itertools import product

import pytest
from django.db import connection

from agreements.models import Clause
from agreements.selectors import clause_list_for_body, clause_list_visible
from agreements.selectors.clauses import UrgencyPages, _list_shape, clauses_with_status
from parties.models import Membership
from tests.agreements.factories import district_bodies, signed
from tests.factories import user_in

pytestmark = pytest.mark.django_db

STATUSES = ["not_started", "on_track", "at_risk", "overdue", "done", "dropped"]
DUES = [None, date(2024, 3, 31), date(2024, 6, 30), date(2024, 6, 30)]
REPORTED = [None, date(2024, 1, 15), date(2024, 5, 20)]
# Before, between and after the due dates and the reports' staleness.
DAYS = [date(2024, 1, 1), date(2024, 4, 1), date(2024, 6, 30), date(2024, 8, 21), date(2025, 3, 1)]
LIST_ORDER = ["due_date", "-programme__period_start", "programme_id", "number", "pk"]


@pytest.fixture
def world():
    btg, ubnd = district_bodies()
    programmes = [
        signed([btg, ubnd], number=n, clauses=24, period_start=date(2024, n, 1)) for n in (1, 2, 3)
    ]
    clauses = Clause.objects.filter(programme__in=programmes).order_by("pk")
    # Every stored status with every kind of due date and last report, and ties on each.
    for clause, (status, due, reported) in zip(
        clauses, product(STATUSES, DUES, REPORTED), strict=False
    ):
        Clause.objects.filter(pk=clause.pk).update(
            status=status, due_date=due, reported_on=reported
        )
    return btg, user_in(btg, Membership.Role.OFFICIAL)


def sorted_plainly(clauses, today, order):
    rows = _list_shape(clauses_with_status(clauses, today=today)).order_by("urgency", *order)
    return [(c.pk, c.current_status) for c in rows]


def read_in_pages(pages, size):
    rows = []
    for start in range(0, pages.count() + size, size):
        rows += [(c.pk, c.current_status) for c in pages[start : start + size]]
    return rows


def test_the_clause_list_pages_as_the_plain_sort(world):
    _body, user = world
    for today in DAYS:
        expected = sorted_plainly(Clause.objects.current(), today, LIST_ORDER)
        pages = clause_list_visible(user=user, today=today)
        assert pages.count() == len(expected) == 72
        for size in (1, 7, 25):
            assert read_in_pages(pages, size) == expected, (today, size)


def test_my_work_pages_as_the_plain_sort(world):
    body, user = world
    for today in DAYS:
        expected = sorted_plainly(
            Clause.objects.filter(lead_body=body) | Clause.objects.filter(supporting_bodies=body),
            today,
            ["due_date", "programme_id", "number", "pk"],
        )
        pages = clause_list_for_body(user=user, body=body, today=today)
        assert pages.count() == len(expected) == 72
        assert read_in_pages(pages, 10) == expected, today


def test_a_status_filter_pages_as_the_plain_sort(world):
    _body, user = world
    for today, status in product(DAYS, ["overdue", "stale", "on_track", "not_started", "done"]):
        expected = [
            row
            for row in sorted_plainly(Clause.objects.all(), today, LIST_ORDER)
            if row[1] == status
        ]
        pages = clause_list_visible(user=user, today=today, status=status)
        assert pages.count() == len(expected)
        assert read_in_pages(pages, 4) == expected, (today, status)


def test_segments_read_out_of_order_fall_back_to_the_plain_sort(world, monkeypatch):
    """The walk relies on the segments coming back one after the other (no ORDER BY
    around them); rows whose segments are out of order are not trusted: the page is
    then sorted the long way, and is still right."""
    if not connection.features.supports_slicing_ordering_in_compound:
        pytest.skip("the embedded SQLite always sorts the long way")
    _body, user = world
    today = DAYS[2]
    walk_sql = UrgencyPages._walk_sql

    def reversed_segments(self, start, stop):
        sql, params = walk_sql(self, start, stop)
        return f"SELECT * FROM ({sql}) AS walked ORDER BY 2 DESC", params

    monkeypatch.setattr(UrgencyPages, "_walk_sql", reversed_segments)
    expected = sorted_plainly(Clause.objects.current(), today, LIST_ORDER)
    pages = clause_list_visible(user=user, today=today)
    assert read_in_pages(pages, 25) == expected
