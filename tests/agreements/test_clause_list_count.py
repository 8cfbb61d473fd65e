"""The clause list's total (UrgencyPages.count): summed from ClauseCount when unfiltered,
counted from the clauses otherwise; either way exactly the clauses the list shows the
user, never one of a programme they do not see, whatever the filter and the day."""

from datetime import date
from itertools import product

import pytest

from agreements.models import Clause, ClauseStatus, Programme
from agreements.rules import visible_programmes
from agreements.selectors import clause_list_visible, clauses_in_force
from agreements.selectors.clauses import clauses_with_status
from agreements.services.amendments import amendment_create
from parties.models import Membership
from tests.factories import ProgrammeFactory, UserFactory, user_in
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db

S = ClauseStatus
DUE = date(2024, 6, 30)
# The day work due on DUE is still in time, the day after it is overdue; a report of
# 15/03 is fresh until 15/06 and stale from 16/06.
DAYS = [date(2024, 6, 15), date(2024, 6, 16), DUE, date(2024, 7, 1)]


@pytest.fixture
def world():
    home, away = District("Thanh Trì"), District("Gia Lâm")
    mine = signed_programme(
        [home.party, home.state], start=date(2024, 1, 1), end=date(2025, 12, 31)
    )
    progress = {
        "on_track": [(date(2024, 3, 15), "on_track", [], "")],
        "at_risk": [(date(2024, 5, 1), "at_risk", [], "")],
        "done": [(date(2024, 5, 1), "done", [], "")],
    }
    for number, (lead, (_kind, reports)) in enumerate(
        product([home.party, home.state], [("none", []), *progress.items()]), start=1
    ):
        clause_with(mine, number=number, lead=lead, due_date=DUE if number % 3 else None,
                    progress=reports)  # fmt: skip
    Clause.objects.filter(programme=mine).status_refresh()
    # A closed programme's clauses are listed; a draft's are not; a replaced clause is not.
    closed = signed_programme([home.state, home.party], start=date(2023, 1, 1))
    clause_with(closed, number=1, lead=home.state, progress=progress["done"])
    closed.status = Programme.Status.CLOSED
    closed.closed_on = date(2023, 12, 31)
    closed.save()
    draft = ProgrammeFactory(issuer=home.party, parties=[home.party, home.state])
    clause_with(draft, number=1)
    amendment_create(
        programme=mine,
        date=date(2024, 6, 1),
        title="Bổ sung",
        text="Bổ sung nội dung",
        clause_changes=[
            {"replaces": mine.clauses.get(number=1), "text": "Mới", "lead_body": home.party},
            {"text": "Thêm", "lead_body": home.state, "due_date": DUE},
        ],
    )
    # Another district's programme, in force, with more clauses than the home's.
    theirs = signed_programme(
        [away.party, away.state], start=date(2024, 1, 1), end=date(2025, 12, 31)
    )
    for number in range(1, 13):
        clause_with(theirs, number=number, lead=away.state, due_date=DUE)
    return {
        "home": home,
        "away": away,
        "mine": mine,
        "theirs": theirs,
        "official": user_in(home.party, Membership.Role.OFFICIAL),
        "stranger": user_in(away.state, Membership.Role.OFFICIAL),
        "superuser": UserFactory(is_superuser=True),
        "nobody": UserFactory(),
    }


def shown_directly(user, today, status=None, **filters):
    """The clauses the list must show, counted from the clauses themselves."""
    clauses = Clause.objects.current().filter(
        programme__in=visible_programmes(user).exclude(status=Programme.Status.DRAFT), **filters
    )
    rows = clauses_with_status(clauses, today=today).values_list("current_status", flat=True)
    return sum(1 for s in rows if status is None or s == status)


def read_all(pages):
    return [c.pk for start in range(0, pages.count() + 25, 25) for c in pages[start : start + 25]]


@pytest.mark.parametrize("who", ["official", "stranger", "superuser", "nobody"])
def test_the_unfiltered_total_is_what_the_user_sees(world, who):
    user = world[who]
    pages = clause_list_visible(user=user, today=DUE)
    assert pages.counted is not None  # summed from ClauseCount
    expected = shown_directly(user, DUE)
    assert pages.count() == expected == len(read_all(pages))
    total = Clause.objects.current().exclude(programme__status=Programme.Status.DRAFT).count()
    if who == "superuser":
        assert expected == total
    else:
        assert expected < total  # the other district's clauses are not counted


def test_the_totals_of_the_two_districts(world):
    # 8 signed, its first replaced by a new wording and one added by the amendment, and
    # 1 of the closed programme; the draft's clause nowhere.
    assert clause_list_visible(user=world["official"], today=DUE).count() == 10
    assert clause_list_visible(user=world["stranger"], today=DUE).count() == 12
    assert clause_list_visible(user=world["nobody"], today=DUE).count() == 0


def test_a_status_filter_counts_exactly_on_each_side_of_a_cutoff(world):
    user = world["official"]
    for today, status in product(DAYS, [s.value for s in S]):
        pages = clause_list_visible(user=user, today=today, status=status)
        assert pages.count() == shown_directly(user, today, status) == len(read_all(pages)), (
            today,
            status,
        )
    # The cut-offs moved clauses between statuses.
    assert shown_directly(user, date(2024, 6, 15), "on_track") > 0
    assert shown_directly(user, date(2024, 6, 16), "on_track") == 0
    assert shown_directly(user, DUE, "overdue") < shown_directly(user, date(2024, 7, 1), "overdue")


def test_lead_body_programme_and_body_filters_count_only_what_is_seen(world):
    user, home, away = world["official"], world["home"], world["away"]
    for today in DAYS:
        for filters, direct in [
            ({"lead": home.state}, {"lead_body": home.state}),
            ({"lead": away.state}, {"lead_body": away.state}),
            ({"programme": world["mine"]}, {"programme": world["mine"]}),
            ({"programme": world["theirs"]}, {"programme": world["theirs"]}),
        ]:
            pages = clause_list_visible(user=user, today=today, **filters)
            assert pages.count() == shown_directly(user, today, **direct), filters
            assert pages.count() == len(read_all(pages))
        pages = clause_list_visible(user=user, today=today, body=away.state)
        assert pages.count() == 0
        assert clause_list_visible(user=user, today=today, lead=away.state).count() == 0
        assert clause_list_visible(user=user, today=today, programme=world["theirs"]).count() == 0
        for status in ("overdue", "done"):
            pages = clause_list_visible(user=user, today=today, lead=home.state, status=status)
            assert pages.count() == shown_directly(user, today, status, lead_body=home.state)


def test_in_force_counts_what_the_dashboard_counts(world):
    for who, today in product(["official", "stranger", "superuser"], DAYS):
        user = world[who]
        pages = clause_list_visible(user=user, today=today, in_force=True)
        assert pages.count() == clauses_in_force(user=user, today=today).count()
    # Before the amendment's date its two clauses (a new wording, one added) are not in
    # force yet, and the wording they replaced is no longer current.
    user = world["official"]
    before = clause_list_visible(user=user, today=date(2024, 5, 31), in_force=True).count()
    assert before == clause_list_visible(user=user, today=DUE, in_force=True).count() - 2


def test_the_total_follows_writes(world):
    user, home = world["official"], world["home"]
    mine = world["mine"]
    before = clause_list_visible(user=user, today=DUE).count()
    clause_with(mine, number=40, lead=home.state)
    assert clause_list_visible(user=user, today=DUE).count() == before + 1
    mine.clauses.get(number=40).delete()
    assert clause_list_visible(user=user, today=DUE).count() == before
    # Another district's new clause counts for its own users only.
    theirs = world["theirs"]
    stranger = world["stranger"]
    assert clause_list_visible(user=stranger, today=DUE).count() == 12
    clause_with(theirs, number=13, lead=world["away"].state)
    assert clause_list_visible(user=stranger, today=DUE).count() == 13
    assert clause_list_visible(user=user, today=DUE).count() == before
