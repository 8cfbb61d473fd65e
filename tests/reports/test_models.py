from datetime import date

import pytest
from django.db import IntegrityError, transaction

from reports.models import Report
from tests.factories import BodyFactory, PartyBodyFactory, ProgrammeFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_report_has_exactly_one_scope():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(unit=BodyFactory().unit)  # body and unit both set
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(body=None)  # neither


def test_only_a_quarterly_review_covers_a_single_programme():
    programme = ProgrammeFactory()
    ReportFactory(
        kind=Report.Kind.QUARTERLY, body=None, programme=programme, issuing_body=programme.issuer
    )
    with pytest.raises(IntegrityError):
        ReportFactory(
            kind=Report.Kind.YEAR_END, body=None, programme=programme, issuing_body=programme.issuer
        )


def test_report_numbers_are_unique_per_issuer_and_year():
    report = ReportFactory(number=12, number_year=2025)
    ReportFactory(number=12, number_year=2026, body=report.body)
    with pytest.raises(IntegrityError):
        ReportFactory(number=12, number_year=2025, body=report.body)


def test_the_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        ReportFactory(period_start=date(2024, 1, 1), period_end=date(2023, 12, 31))


def test_the_reference_follows_the_issuers_rules():
    party = ReportFactory(number=686, body=PartyBodyFactory(code="BTGTU"))
    assert party.reference == "686-BC/BTGTU"
    state = ReportFactory(number=5, body=BodyFactory(code="UBND"))
    assert state.reference == "05/BC-UBND"
