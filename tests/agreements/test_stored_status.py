"""A clause's stored status: kept by every write to its reports and by dropping,
rebuilt by a command, and read by the lists as Clause.status_sql reads it."""

from datetime import date

import pytest
from django.core.management import call_command

from agreements.models import Clause
from agreements.services import clause_drop
from tests.agreements.factories import district_bodies, report, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def clause():
    btg, ubnd = district_bodies()
    return signed([btg, ubnd], number=1, clauses=1).clauses.get()


def stored(clause):
    clause.refresh_from_db()
    return clause.status, clause.reported_on, clause.latest_report_id


def test_the_latest_report_gives_the_stored_status(clause):
    assert stored(clause) == ("not_started", None, None)
    later = report(clause, status="at_risk", day=date(2024, 5, 2))
    report(clause, status="on_track", day=date(2024, 4, 1))  # recorded after, dated before
    assert stored(clause) == ("at_risk", date(2024, 5, 2), later.pk)
    later.delete()
    assert stored(clause)[:2] == ("on_track", date(2024, 4, 1))


def test_dropping_stores_dropped(clause):
    report(clause, status="on_track", day=date(2024, 4, 1))
    clause_drop(clause=clause, dropped_on=date(2024, 5, 1), reason="Không còn phù hợp.")
    assert stored(clause)[0] == "dropped"


def test_the_rebuild_command_repairs_what_a_bulk_write_left(clause):
    report(clause, status="done", day=date(2024, 4, 1))
    Clause.objects.filter(pk=clause.pk).update(status="not_started", latest_report=None)
    call_command("rebuild_clause_status", verbosity=0)
    assert stored(clause)[0] == "done"


@pytest.mark.parametrize(
    ("status", "reported", "due", "today", "shown"),
    [
        ("on_track", date(2024, 4, 1), None, date(2024, 6, 30), "on_track"),
        ("on_track", date(2024, 4, 1), None, date(2024, 7, 2), "stale"),
        ("on_track", date(2024, 4, 1), date(2024, 6, 1), date(2024, 7, 2), "overdue"),
        ("done", date(2024, 4, 1), date(2024, 6, 1), date(2024, 9, 2), "done"),
        ("at_risk", date(2024, 4, 1), None, date(2024, 9, 2), "at_risk"),
    ],
)
def test_the_list_rule_and_the_python_rule_agree(clause, status, reported, due, today, shown):
    Clause.objects.filter(pk=clause.pk).update(due_date=due)
    report(clause, status=status, day=reported)
    clause.refresh_from_db()
    in_python = clause.effective_status(latest_status=status, today=today, reported_on=reported)
    in_sql = Clause.objects.annotate(s=Clause.status_sql(today)).get(pk=clause.pk).s
    filtered = Clause.objects.filter(Clause.status_is_sql(shown, today), pk=clause.pk).exists()
    assert in_python == in_sql == shown
    assert filtered
