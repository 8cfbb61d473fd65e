"""The load generator (`generate_load --scale tiny`): the data it writes keeps the
rules the pages and services rely on, passes the models' own validation, and is
the same from the same seed."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from agreements.models import (
    Clause,
    IndicatorValue,
    Programme,
    ProgrammeParty,
    ProgressReport,
)
from agreements.synthetic import FIRST_DAY, LAST_DAY, REFERENCE_DAY
from meetings.models import Attendance, Directive, Meeting, PlannedBriefing
from parties.models import AdministrativeUnit, Body, Membership
from reports.synthetic import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny():
    out = StringIO()
    call_command("generate_load", "--scale", "tiny", "--seed", "7", stdout=out)
    return out.getvalue()


def test_it_writes_every_kind_of_row_and_says_so(tiny):
    assert "tiny (seed 7) loaded" in tiny
    for model in (Programme, Clause, ProgressReport, Meeting, Attendance, Directive, Body):
        assert model.objects.exists(), model
    assert PlannedBriefing.objects.exists()
    assert IndicatorValue.objects.exists()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    levels = set(AdministrativeUnit.objects.values_list("level", flat=True))
    assert levels == {1, 2, 3}
    # Vietnamese names with their diacritics.
    assert Body.objects.filter(full_name__contains="Ủy ban nhân dân").exists()
    assert any(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ" for ch in Programme.objects.first().title)


def test_loading_twice_is_refused(tiny):
    with pytest.raises(CommandError, match="already loaded"):
        call_command("generate_load", "--scale", "tiny", stdout=StringIO())


def test_programmes_parties_and_clauses_keep_the_rules(tiny):
    units = {u.pk: u for u in AdministrativeUnit.objects.all()}
    bodies = {b.pk: b for b in Body.objects.all()}
    parties = {}
    leads = {}
    for party in ProgrammeParty.objects.all():
        parties.setdefault(party.programme_id, set()).add(party.body_id)
        if party.is_lead:
            leads[party.programme_id] = party.body_id
    for programme in Programme.objects.all():
        assert leads[programme.pk] == programme.issuer_id
        assert len(parties[programme.pk]) >= 2
        assert FIRST_DAY <= programme.period_start <= programme.period_end <= LAST_DAY
        if programme.status != Programme.Status.DRAFT:
            assert programme.signing_id and programme.fingerprint
        assert programme.search_text  # found by the search box
    for clause in Clause.objects.select_related("programme").prefetch_related("supporting_bodies"):
        programme = clause.programme
        assert clause.lead_body_id in parties[programme.pk]
        if clause.due_date:
            assert programme.period_start <= clause.due_date <= programme.period_end
        # Supporting bodies are ones the issuer's drafter may pick: its unit or the one above.
        issuer_unit = bodies[programme.issuer_id].unit_id
        allowed = {issuer_unit, units[issuer_unit].parent_id}
        for body in clause.supporting_bodies.all():
            assert body.unit_id in allowed
            assert body.pk != clause.lead_body_id
        if clause.dropped_on:
            assert programme.period_start <= clause.dropped_on <= REFERENCE_DAY


def test_progress_lies_within_the_period_from_a_body_of_the_clause(tiny):
    supporting = {}
    for row in Clause.supporting_bodies.through.objects.all():
        supporting.setdefault(row.clause_id, set()).add(row.body_id)
    reports = ProgressReport.objects.select_related("clause__programme")
    assert reports.exists()
    for report in reports:
        clause = report.clause
        programme = clause.programme
        assert programme.status != Programme.Status.DRAFT
        assert programme.period_start <= report.reported_on <= programme.period_end
        assert report.reported_on <= REFERENCE_DAY
        if clause.dropped_on:
            assert report.reported_on <= clause.dropped_on
        assert report.reporting_body_id in {clause.lead_body_id} | supporting.get(clause.pk, set())
    for value in IndicatorValue.objects.select_related("report", "indicator"):
        assert value.indicator.clause_id == value.report.clause_id


def test_meetings_attendance_and_directives_keep_the_rules(tiny):
    for meeting in Meeting.objects.prefetch_related("programmes__memberships"):
        day = meeting.starts_at.date()
        party_bodies = {m.body_id for p in meeting.programmes.all() for m in p.memberships.all()}
        for programme in meeting.programmes.all():
            first, last = Meeting.window_for(meeting.kind, programme)
            assert first <= day <= last, (meeting.kind, day, first, last)
        assert meeting.chair.body_id == meeting.organiser_id
        attendances = list(meeting.attendances.select_related("official"))
        assert attendances, "every meeting has invitees"
        for attendance in attendances:
            assert attendance.official.body_id in party_bodies | {meeting.organiser_id}
            if meeting.status == Meeting.Status.HELD:
                assert attendance.present is not None
            else:
                assert attendance.present is None
        if meeting.status == Meeting.Status.HELD:
            assert day < REFERENCE_DAY and meeting.minutes
        else:
            assert not meeting.directives.exists()
    for directive in Directive.objects.select_related("meeting", "programme"):
        day = directive.meeting.starts_at.date()
        assert directive.meeting.programmes.filter(pk=directive.programme_id).exists()
        assert directive.programme.memberships.filter(body=directive.addressed_body_id).exists()
        if directive.deadline:
            assert directive.deadline >= day
        if directive.completed_on:
            assert day <= directive.completed_on <= REFERENCE_DAY
    for planned in PlannedBriefing.objects.select_related("meeting"):
        assert planned.meeting.kind == Meeting.Kind.QUARTERLY_BRIEFING
        assert planned.quarter < planned.meeting.starts_at.date()


def test_every_row_passes_its_models_own_validation(tiny):
    """clean() knows rules the database does not: lead body a party, due date in the
    period, the reporting body of the clause, an indicator of the report's clause."""
    models = [Body, Programme, Clause, ProgressReport, IndicatorValue, Meeting, Directive]
    for model in models:
        for obj in model.objects.all():
            obj.full_clean(validate_unique=False, validate_constraints=False)


def test_every_body_has_a_leader_and_a_secretariat(tiny):
    counts = Body.objects.annotate(staff=Count("memberships")).filter(staff__lt=2)
    assert not counts.exists()
    for role in (Membership.Role.LEADER, Membership.Role.SECRETARIAT):
        assert Membership.objects.filter(role=role).count() == Body.objects.count()


def _fingerprint():
    rows = [
        list(Programme.objects.order_by("pk").values_list("pk", "title", "period_start")),
        list(Clause.objects.order_by("pk").values_list("pk", "lead_body", "due_date")),
        list(ProgressReport.objects.order_by("pk").values_list("pk", "reported_on", "status")),
        list(Meeting.objects.order_by("pk").values_list("uid", "starts_at", "status")),
        list(Attendance.objects.order_by("pk").values_list("official", "present")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


class Rollback(Exception):
    pass


def _load(seed):
    try:
        with transaction.atomic():
            generate("tiny", seed=seed, say=lambda line: None)
            found = _fingerprint()
            raise Rollback
    except Rollback:
        return found


def test_the_same_seed_gives_the_same_rows_and_another_seed_others():
    first, again, other = _load(3), _load(3), _load(4)
    assert first == again
    assert first != other


def test_each_clause_stores_the_status_its_reports_give(tiny):
    """The generator writes the stored status itself; the services' own refresh agrees."""
    stored = dict(Clause.objects.values_list("pk", "status"))
    latest = dict(Clause.objects.values_list("pk", "latest_report"))
    assert set(stored.values()) - {"not_started"}, "statuses other than the default"
    Clause.objects.all().status_refresh()
    assert dict(Clause.objects.values_list("pk", "status")) == stored
    assert dict(Clause.objects.values_list("pk", "latest_report")) == latest


def test_the_clauses_are_counted_for_the_dashboard(tiny):
    """The generator writes by COPY, past the signals: it counts the clauses itself,
    for the dashboard (ClauseTally) and the clause list (ClauseCount)."""
    from agreements.models import ClauseCount
    from tests.agreements.test_tally import counted_directly, counted_per_programme, tallied

    assert tallied() == counted_directly()
    assert tallied()
    per_programme = dict(ClauseCount.objects.values_list("programme_id", "clauses"))
    assert per_programme == counted_per_programme()
    assert per_programme
