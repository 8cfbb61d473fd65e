from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agreements.models import (
    Clause,
    ClauseStatus,
    IndicatorValue,
    Programme,
    ProgrammeParty,
    Signatory,
)
from tests.factories import (
    BodyFactory,
    ClauseFactory,
    IndicatorFactory,
    OfficialFactory,
    ProgrammeFactory,
    ProgressReportFactory,
)

pytestmark = pytest.mark.django_db


def test_the_period_cannot_end_before_it_starts():
    programme = ProgrammeFactory.build(
        issuer=BodyFactory(), period_start=date(2024, 5, 1), period_end=date(2024, 4, 30)
    )
    with pytest.raises(ValidationError) as error:
        programme.clean()
    assert "period_end" in error.value.message_dict
    with pytest.raises(IntegrityError):
        programme.save()


def test_a_document_symbol_is_unique_per_issuer_and_year():
    first = ProgrammeFactory(number=3, symbol="CTrPH/BTG-UBND", year=2024)
    ProgrammeFactory(number=3, symbol="CTrPH/BTG-UBND", year=2025, issuer=first.issuer)
    ProgrammeFactory(number=3, symbol="CTrPH/BTG-UBND", year=2024)  # another issuer
    with pytest.raises(IntegrityError):
        ProgrammeFactory(number=3, symbol="CTrPH/BTG-UBND", year=2024, issuer=first.issuer)


def test_a_signed_programme_needs_its_fingerprint_and_signing():
    programme = ProgrammeFactory()
    programme.status = Programme.Status.SIGNED
    with pytest.raises(IntegrityError):
        programme.save()


def test_a_closed_programme_needs_its_closing_date():
    programme = ProgrammeFactory()
    programme.status = Programme.Status.CLOSED
    with pytest.raises(IntegrityError), transaction.atomic():
        programme.save()


def test_a_programme_has_at_most_one_lead():
    programme = ProgrammeFactory()  # its first party leads
    with pytest.raises(IntegrityError):
        ProgrammeParty.objects.create(programme=programme, body=BodyFactory(), is_lead=True)


def test_a_body_is_a_party_only_once():
    programme = ProgrammeFactory()
    with pytest.raises(IntegrityError):
        ProgrammeParty.objects.create(programme=programme, body=programme.issuer)


def test_the_reference_follows_the_issuer():
    state = ProgrammeFactory(number=7, symbol="CTrPH-UBND-MTTQ")
    assert state.reference == "07/CTrPH-UBND-MTTQ"
    party = ProgrammeFactory(number=1, symbol="CTrPH/BTGHU-UBND", issuer__kind="party_organ")
    assert party.reference == "01-CTrPH/BTGHU-UBND"


def test_a_clause_lead_body_must_be_a_party():
    clause = ClauseFactory.build(programme=ProgrammeFactory(), lead_body=BodyFactory())
    with pytest.raises(ValidationError) as error:
        clause.clean()
    assert "lead_body" in error.value.message_dict


def test_a_clause_due_date_must_fall_in_the_period():
    programme = ProgrammeFactory()
    clause = ClauseFactory.build(programme=programme, due_date=date(2025, 2, 1))
    with pytest.raises(ValidationError) as error:
        clause.clean()
    assert "due_date" in error.value.message_dict


def test_a_one_off_clause_needs_a_due_date():
    clause = ClauseFactory.build(programme=ProgrammeFactory(), cadence=Clause.Cadence.ONCE)
    with pytest.raises(ValidationError) as error:
        clause.clean()
    assert "due_date" in error.value.message_dict


def test_clause_numbers_are_unique_in_the_signed_text():
    clause = ClauseFactory(number=1)
    with pytest.raises(IntegrityError):
        ClauseFactory(number=1, programme=clause.programme)


def test_a_dropped_clause_needs_date_and_reason():
    clause = ClauseFactory()
    clause.dropped_on = date(2024, 6, 1)
    with pytest.raises(IntegrityError):
        clause.save()


def test_a_replacing_clause_comes_with_an_amendment():
    clause = ClauseFactory()
    with pytest.raises(IntegrityError):
        ClauseFactory(programme=clause.programme, replaces=clause)


def test_an_indicator_target_cannot_be_negative():
    with pytest.raises(IntegrityError):
        IndicatorFactory(target=Decimal("-1"))


def test_an_indicator_value_cannot_be_negative():
    indicator = IndicatorFactory()
    report = ProgressReportFactory(clause=indicator.clause)
    value = IndicatorValue(report=report, indicator=indicator, value=Decimal("-3"))
    with pytest.raises(ValidationError):
        value.clean()
    with pytest.raises(IntegrityError):
        value.save()


def test_an_indicator_value_belongs_to_the_reported_clause():
    report = ProgressReportFactory()
    other = IndicatorFactory()
    value = IndicatorValue(report=report, indicator=other, value=Decimal("1"))
    with pytest.raises(ValidationError) as error:
        value.clean()
    assert "indicator" in error.value.message_dict


def test_only_the_lead_or_a_supporting_body_reports_progress():
    clause = ClauseFactory()
    outsider = BodyFactory()
    report = ProgressReportFactory.build(clause=clause, reporting_body=outsider)
    with pytest.raises(ValidationError) as error:
        report.clean()
    assert "reporting_body" in error.value.message_dict
    clause.supporting_bodies.add(outsider)
    report.clean()


def test_a_signatory_signs_for_a_party_of_their_own_body():
    programme = ProgrammeFactory()
    outsider = BodyFactory()
    not_a_party = Signatory(
        programme=programme, body=outsider, official=OfficialFactory(body=outsider)
    )
    with pytest.raises(ValidationError) as error:
        not_a_party.clean()
    assert "body" in error.value.message_dict
    wrong_person = Signatory(
        programme=programme, body=programme.issuer, official=OfficialFactory(body=outsider)
    )
    with pytest.raises(ValidationError) as error:
        wrong_person.clean()
    assert "official" in error.value.message_dict


@pytest.mark.parametrize(
    ("latest", "due", "dropped", "expected"),
    [
        (None, None, False, ClauseStatus.NOT_STARTED),
        ("on_track", date(2024, 12, 31), False, ClauseStatus.ON_TRACK),
        ("on_track", date(2024, 5, 31), False, ClauseStatus.OVERDUE),
        ("done", date(2024, 5, 31), False, ClauseStatus.DONE),
        ("at_risk", None, True, ClauseStatus.DROPPED),
    ],
)
def test_effective_status(latest, due, dropped, expected):
    clause = Clause(due_date=due, dropped_on=date(2024, 6, 1) if dropped else None)
    assert clause.effective_status(latest_status=latest, today=date(2024, 6, 15)) == expected


@pytest.mark.parametrize(
    ("latest", "day_over", "expected"),
    [
        (None, False, ClauseStatus.NOT_STARTED),  # due today: still in time while the day runs
        (None, True, ClauseStatus.OVERDUE),  # the day is over, the work not done
        ("on_track", True, ClauseStatus.OVERDUE),
        ("done", True, ClauseStatus.DONE),
    ],
)
def test_a_clause_due_on_a_day_that_is_over_is_overdue(latest, day_over, expected):
    clause = Clause(due_date=date(2024, 6, 30))
    status = clause.effective_status(
        latest_status=latest, today=date(2024, 6, 30), day_over=day_over
    )
    assert status == expected
