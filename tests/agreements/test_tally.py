"""ClauseTally and ClauseCount (agreements/tally.py) stay equal to the clauses they count
after every kind of write, and the dashboard counted from it equals the clauses in force counted
directly, whatever the day."""

from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count

from agreements.models import (
    OPEN_STATUSES,
    Clause,
    ClauseCount,
    ClauseStatus,
    ClauseTally,
    Programme,
    ProgressReport,
    Signing,
)
from agreements.selectors import clauses_in_force
from agreements.services.amendments import amendment_create
from agreements.services.clauses import clause_delete, clause_drop
from agreements.services.closing import programme_close
from agreements.services.progress import progress_report_create
from agreements.tally import clause_tally_rebuild, clauses_counted_again
from reports.selectors.dashboard import clause_counts_by_lead_body
from tests.factories import ProgrammeFactory
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db

S = ClauseStatus
FAR = date(2099, 12, 31)
DUE_MATTERS = {s.value for s in OPEN_STATUSES} - {S.OVERDUE.value}


def counted_directly():
    """What the tally must hold, from the clauses themselves."""
    rows = Counter()
    clauses = Clause.objects.current().filter(programme__status=Programme.Status.SIGNED)
    for c in clauses.select_related("programme", "amendment"):
        rows[
            (
                c.programme_id,
                c.lead_body_id,
                c.status,
                c.due_date if c.status in DUE_MATTERS else None,
                c.reported_on if c.status == S.ON_TRACK else None,
                c.amendment.date if c.amendment else None,
                c.programme.period_end,
            )
        ] += 1
    return rows


def tallied():
    rows = Counter()
    for t in ClauseTally.objects.all():
        key = (t.programme_id, t.lead_body_id, t.status, t.due_date, t.reported_on)
        rows[(*key, t.in_force_from, t.period_end)] += t.clauses
    return rows


def counted_per_programme():
    """What ClauseCount must hold: the current clauses of each programme not a draft."""
    clauses = Clause.objects.current().exclude(programme__status=Programme.Status.DRAFT)
    return Counter(clauses.values_list("programme_id", flat=True))


def assert_kept():
    expected = counted_directly()
    assert tallied() == expected
    assert ClauseTally.objects.count() == len(expected)  # one row per key
    per_programme = {c.programme_id: c.clauses for c in ClauseCount.objects.all()}
    assert per_programme == counted_per_programme()
    assert ClauseCount.objects.count() == len(per_programme)  # one row a programme


@pytest.fixture
def home():
    return District()


@pytest.fixture
def programme(home):
    made = signed_programme([home.party, home.state], start=date(2024, 1, 1), end=FAR)
    clause_with(made, number=1, lead=home.state, due_date=date(2024, 6, 30))
    clause_with(made, number=2, lead=home.party, due_date=date(2024, 6, 30))
    clause_with(made, number=3, lead=home.party)
    return made


def test_clauses_added_are_counted(programme):
    assert_kept()
    assert sum(t.clauses for t in ClauseTally.objects.all()) == 3
    # Two clauses sharing every key are one row.
    assert ClauseTally.objects.get(lead_body=programme.issuer, due_date__isnull=False).clauses == 1


def test_a_draft_counts_nothing_until_signed(home):
    draft = ProgrammeFactory(issuer=home.party, parties=[home.party, home.state])
    clause_with(draft, number=1)
    assert not ClauseTally.objects.exists()
    assert not ClauseCount.objects.exists()
    draft.status = Programme.Status.SIGNED
    draft.signing = Signing.objects.create(date=date(2024, 1, 1), place="Phòng họp số 1")
    draft.fingerprint = "0" * 64
    draft.save()
    assert ClauseTally.objects.filter(programme=draft).exists()
    assert_kept()


def test_progress_reported_and_withdrawn(home, programme):
    clause = programme.clauses.get(number=1)
    report = progress_report_create(
        clause=clause, reported_on=date(2024, 3, 1), reporting_body=home.state, status="on_track"
    )
    assert_kept()
    assert ClauseTally.objects.filter(status="on_track", reported_on=date(2024, 3, 1)).exists()
    progress_report_create(
        clause=clause, reported_on=date(2024, 4, 1), reporting_body=home.state, status="done"
    )
    assert_kept()
    ProgressReport.objects.filter(clause=clause, status="done").get().delete()
    assert_kept()
    report.delete()
    assert_kept()


def test_bulk_status_refresh_keeps_it(home, programme):
    clause = programme.clauses.get(number=3)
    ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                clause=clause, reported_on=date(2024, 2, 1), reporting_body=home.party,
                status="at_risk",
            )
        ]
    )  # fmt: skip
    Clause.objects.filter(pk=clause.pk).status_refresh()
    assert_kept()


def test_a_clause_edited_dropped_and_deleted(home, programme):
    clause = programme.clauses.get(number=3)
    clause.lead_body = home.state
    clause.due_date = date(2024, 9, 30)
    clause.save()
    assert_kept()
    clause_drop(clause=programme.clauses.get(number=2), dropped_on=date(2024, 5, 1), reason="x")
    assert ClauseTally.objects.filter(status="dropped").get().clauses == 1
    assert_kept()
    clause.delete()
    assert_kept()


def test_a_draft_clause_deleted_by_the_service(home):
    draft = ProgrammeFactory(issuer=home.party, parties=[home.party, home.state])
    clause = clause_with(draft, number=1)
    clause_delete(clause=clause)
    assert_kept()


def test_an_amendment_replaces_and_adds_from_its_date(home, programme):
    old = programme.clauses.get(number=1)
    amendment_create(
        programme=programme,
        date=date(2024, 7, 1),
        title="Bổ sung",
        text="Bổ sung nội dung",
        clause_changes=[
            {"replaces": old, "text": "Nội dung mới", "lead_body": home.party},
            {"text": "Nội dung thêm", "lead_body": home.state, "due_date": date(2025, 1, 31)},
        ],
    )
    assert_kept()
    assert ClauseTally.objects.filter(in_force_from=date(2024, 7, 1)).count() >= 1
    amendment = programme.amendments.get()
    amendment.date = date(2024, 8, 1)
    amendment.save()
    assert_kept()


def test_the_period_changed_and_the_programme_closed(home, programme):
    programme.period_end = date(2030, 12, 31)
    programme.save()
    assert_kept()
    for clause in programme.clauses.all():
        progress_report_create(
            clause=clause, reported_on=date(2024, 5, 1), reporting_body=clause.lead_body,
            status="done",
        )  # fmt: skip
    programme_close(programme=Programme.objects.get(pk=programme.pk), closed_on=date(2024, 6, 1))
    assert not ClauseTally.objects.exists()
    # The clause list still shows a closed programme's clauses: still counted there.
    assert ClauseCount.objects.get(programme=programme).clauses == 3
    assert_kept()


def test_rebuilt_by_the_command_to_the_same_rows(home, programme):
    other = signed_programme([home.state, home.party], start=date(2024, 1, 1), end=FAR)
    clause_with(other, number=1, lead=home.state, progress=[(date(2024, 2, 1), "on_track", [], "")])
    before = tallied()
    ClauseTally.objects.all().delete()
    ClauseCount.objects.all().delete()
    call_command("rebuild_clause_tally", verbosity=0)
    assert tallied() == before
    assert_kept()
    clause_tally_rebuild([other.pk])  # one programme again: the same rows
    clauses_counted_again([other.pk])
    assert tallied() == before
    assert_kept()


@pytest.mark.parametrize(
    "today",
    [
        date(2024, 6, 29),  # due 30/06: still in time
        date(2024, 6, 30),
        date(2024, 7, 1),  # overdue from here
        date(2024, 5, 1),  # on track said 01/02: stale from 01/05
        date(2024, 4, 30),
        date(2024, 7, 31),  # before and after the amendment's date
        date(2024, 8, 1),
        date(2100, 1, 1),  # after the period: nothing in force
    ],
)
def test_the_dashboard_counts_as_the_clauses_do_on_any_day(home, today):
    programme = signed_programme([home.party, home.state], start=date(2024, 1, 1), end=FAR)
    clause_with(programme, number=1, lead=home.state, due_date=date(2024, 6, 30))
    clause_with(
        programme, number=2, lead=home.party, due_date=date(2024, 6, 30),
        progress=[(date(2024, 2, 1), "on_track", [], "")],
    )  # fmt: skip
    clause_with(
        programme, number=3, lead=home.party, progress=[(date(2024, 2, 1), "on_track", [], "")]
    )
    clause_with(programme, number=4, lead=home.state, progress=[(date(2024, 3, 1), "done", [], "")])
    amendment_create(
        programme=programme, date=date(2024, 8, 1), title="Bổ sung", text="Bổ sung",
        clause_changes=[{"text": "Thêm", "lead_body": home.state}],
    )  # fmt: skip
    leader = home.leader()
    direct = Counter()
    rows = (
        clauses_in_force(user=leader, today=today)
        .annotate(current_status=Clause.status_sql(today))
        .order_by()
        .values_list("lead_body_id", "current_status")
        .annotate(n=Count("pk"))
    )
    for body_id, status, n in rows:
        direct[(body_id, status)] += n
    totals, by_body, bodies = clause_counts_by_lead_body(user=leader, today=today)
    counted = Counter()
    for row in by_body:
        for status, n in row.counts.items():
            if n:
                counted[(row.key, status)] += n
    assert counted == direct
    assert sum(totals.counts.values()) == sum(direct.values())
    assert bodies == len({body for body, _ in direct})
