"""The report's figures as the database gathers them (reports/selectors/clauses.py: latest
reports by subquery over the index progress_clause_latest, indicator sums in one GROUP BY,
parties' and lead bodies' names read as values) against the same figures worked out
straightforwardly, model by model, on a small scope whose reports fall on the edges:
the period's first and last day, the day after it, a quarter's last day and the next,
two reports on one day, a blank latest note, and names changed on the period's last day."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from agreements.models import Clause, ClauseStatus, IndicatorValue, ProgressReport
from parties.models import BodyName
from reports.models import Report
from reports.periods import checkpoints, year_period
from reports.selectors.content import report_content
from reports.services import report_create
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db

S = ClauseStatus
YEAR = year_period(2024)
START, END = YEAR.start, YEAR.end
TODAY = date(2025, 3, 1)


def year_end(district):
    return report_create(
        kind=Report.Kind.YEAR_END,
        period_start=START,
        period_end=END,
        issuing_body=district.state,
        unit=district.unit,
        enqueue=False,
    )


def edge_scope():
    district = District()
    lead, other = district.party, district.state
    programme = signed_programme([lead, other], start=START, end=date(2025, 12, 31))
    clause_with(
        programme,
        number=1,
        due_date=date(2024, 12, 31),  # due on the last day: overdue in a year that is over
        indicators=[("Tin, bài", "tin, bài", 20), ("Hội nghị", "hội nghị", 4)],
        progress=[
            (date(2023, 12, 31), S.ON_TRACK, [5, 1], "Năm trước"),
            (START, S.ON_TRACK, [2, 0], "Ngày đầu kỳ"),
            (date(2024, 3, 31), S.AT_RISK, [3, 1], "Cuối quý I"),
            (date(2024, 4, 1), S.ON_TRACK, [1, 0], "Đầu quý II"),
            (END, S.ON_TRACK, [4, 1], "   "),  # the latest, blank: the note before it counts
            (date(2025, 1, 1), S.DONE, [9, 9], "Sau kỳ"),  # after the period: not counted
        ],
    )
    clause_with(
        programme,
        number=2,
        lead=other,
        due_date=date(2024, 6, 30),
        progress=[
            # Two reports on one day: the later one (by id) is the latest.
            (date(2024, 6, 30), S.AT_RISK, [], "Sáng"),
            (date(2024, 6, 30), S.DONE, [], "Chiều"),
        ],
    )
    clause_with(programme, number=3, due_date=date(2024, 9, 30))  # never reported
    clause_with(
        programme,
        number=4,
        dropped_on=date(2024, 7, 1),
        dropped_reason="Không còn phù hợp",
        progress=[(date(2024, 5, 1), S.ON_TRACK, [], "Đang làm")],
    )
    dropped_late = clause_with(
        programme, number=5, dropped_on=date(2025, 1, 1), dropped_reason="Sau kỳ"
    )
    clause_with(programme, number=6, progress=[(END + timedelta(days=1), S.DONE, [], "Muộn")])
    dropped_late.supporting_bodies.add(other, district.committee)
    # Renamed: the lead body bore its former name until the period's last day (the name
    # printed); the other until the day before it (its present name is printed).
    BodyName.objects.create(body=lead, used_until=END, name="Ban Tuyên giáo cũ", full_name="Cũ")
    BodyName.objects.create(
        body=other, used_until=END - timedelta(days=1), name="UBND cũ", full_name="Cũ"
    )
    BodyName.objects.create(
        body=district.committee, used_until=END, name="Huyện ủy cũ", full_name="Cũ"
    )
    return district, programme


def latest(reports, day, *, noted=False):
    """The latest of `reports` up to `day` by (date, id), skipping blank notes if `noted`."""
    found = [r for r in reports if r.reported_on <= day and (not noted or r.note.strip())]
    return max(found, key=lambda r: (r.reported_on, r.pk), default=None)


def status_straight_on(clause, day, *, today):
    report = latest(list(clause.progress_reports.all()), day)
    return clause.effective_status(
        latest_status=report.status if report else None, today=day, day_over=day < today
    )


def status_straight(clause, day):
    return status_straight_on(clause, day, today=TODAY)


def test_the_gathered_statuses_and_notes_are_those_worked_out_report_by_report():
    district, programme = edge_scope()
    content = report_content(year_end(district), today=TODAY)
    clauses = Clause.objects.filter(programme=programme).order_by("number")
    assert [c.number for c in content.clauses] == [c.number for c in clauses]
    for line, clause in zip(content.clauses, clauses, strict=True):
        assert line.status == status_straight(clause, END), clause.number
        noted = latest(list(clause.progress_reports.all()), END, noted=True)
        assert line.note == (noted.note if noted else ""), clause.number
    assert [c.status for c in content.clauses] == [
        S.OVERDUE,
        S.DONE,
        S.OVERDUE,
        S.DROPPED,
        S.NOT_STARTED,
        S.NOT_STARTED,
    ]
    assert content.clauses[0].note == "Đầu quý II"
    assert content.clauses[1].note == "Chiều"
    # Each quarter's end, counted clause by clause as straightforwardly.
    quarters = checkpoints(START, END)
    for column, (_label, day) in zip(content.status_over_time, quarters, strict=True):
        expected = dict.fromkeys(column.counts, 0)
        for clause in clauses:
            expected[status_straight(clause, day)] += 1
        assert column.counts == expected, day


def test_the_gathered_indicator_figures_are_the_sums_of_the_values_reported():
    district, programme = edge_scope()
    content = report_content(year_end(district), today=TODAY)
    line = content.clauses[0]
    for figure in line.indicators:
        values = IndicatorValue.objects.filter(
            indicator__clause__programme=programme,
            indicator__name=figure.name,
            report__reported_on__lte=END,
        ).values_list("value", "report__reported_on")
        assert figure.to_date == sum((v for v, _day in values), Decimal(0))
        assert figure.in_period == sum((v for v, day in values if day >= START), Decimal(0))
    assert [(i.name, i.in_period, i.to_date, i.target) for i in line.indicators] == [
        ("Tin, bài", 10, 15, 20),
        ("Hội nghị", 2, 3, 4),
    ]
    totals = {t.name: (t.in_period, t.to_date) for t in content.totals}
    assert totals == {"Tin, bài": (10, 15), "Hội nghị": (2, 3)}
    # A clause with no indicator has none; the year after is not counted anywhere.
    assert content.clauses[2].indicators == []
    assert ProgressReport.objects.filter(reported_on__gt=END).count() == 2


def test_the_names_are_those_borne_on_the_last_day_of_the_period():
    district, programme = edge_scope()
    content = report_content(year_end(district), today=TODAY)
    section = content.programmes[0]
    lead, other = district.party, district.state
    assert section.parties == [lead.name_on(END), other.name_on(END)]
    assert section.parties == ["Ban Tuyên giáo cũ", other.name]
    assert section.lead == "Ban Tuyên giáo cũ"
    assert [c.lead_body for c in content.clauses[:2]] == ["Ban Tuyên giáo cũ", other.name]
    assert content.clauses[4].supporting_bodies == [
        district.committee.name_on(END),
        other.name_on(END),
    ]
    assert content.clauses[4].supporting_bodies == ["Huyện ủy cũ", other.name]
    assert [r.label for r in content.status_by_body] == sorted(["Ban Tuyên giáo cũ", other.name])


def test_a_period_not_over_is_read_up_to_today_and_today_is_not_over():
    """Read on 1 April (the day after a quarter's end), the reports of that day count;
    the quarter's last day is over and the year is not."""
    district, programme = edge_scope()
    content = report_content(year_end(district), today=date(2024, 4, 1))
    assert content.as_of == date(2024, 4, 1)
    clause = Clause.objects.get(programme=programme, number=1)
    line = content.clauses[0]
    report = latest(list(clause.progress_reports.all()), date(2024, 4, 1))
    assert (line.status, line.note) == (report.status, report.note) == (S.ON_TRACK, "Đầu quý II")
    # Clause 2 was due on 30/06: not yet overdue on 1 April.
    assert content.clauses[1].status == S.NOT_STARTED
    [first_quarter] = content.status_over_time
    expected = dict.fromkeys(first_quarter.counts, 0)
    for clause in Clause.objects.filter(programme=programme):
        expected[status_straight_on(clause, date(2024, 3, 31), today=date(2024, 4, 1))] += 1
    assert first_quarter.counts == expected
    assert expected[S.AT_RISK] == 1
