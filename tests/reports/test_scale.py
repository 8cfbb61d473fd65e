"""Reports at a province's scale (issue 12, point 4): the content gathered in a constant
number of queries whatever the number of clauses, the main document and the appendix
bounded, the overdue and at-risk clauses still named in full, every clause in the
Excel copy, written a row at a time (reports/sheet_xml.py)."""

import io
from collections import Counter
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from reports import rendering
from reports.models import Report
from reports.narrative import BODIES_NAMED, proposals
from reports.periods import year_period
from reports.selectors import content as content_module
from reports.selectors.content import report_content
from reports.selectors.records import ConcernLine
from reports.services import report_build, report_create
from tests.factories import BodyFactory
from tests.reports.factories import District, clause_with, signed_programme
from tests.reports.test_document import pdf_text

pytestmark = pytest.mark.django_db

TODAY = date(2018, 3, 1)


def programmes_with_clauses(district, programmes, clauses, first=0):
    """`programmes` programmes of `clauses` clauses each; clause 1 of each is overdue
    (due 30/06/2017, only "on track" reported), the others done."""
    for index in range(first, first + programmes):
        programme = signed_programme(
            [district.state, district.party],
            title=f"Chương trình phối hợp số {index}",
            start=date(2017, 1, 1),
        )
        for number in range(1, clauses + 1):
            clause_with(
                programme,
                number=number,
                text=f"Nội dung {number} của chương trình {index}.",
                due_date=date(2017, 6, 30) if number == 1 else date(2017, 12, 31),
                indicators=[("Tin, bài", "tin, bài", 10)],
                progress=[
                    (date(2017, 5, 1), "on_track", [number], "Đang làm"),
                    (date(2017, 9, 1), "on_track" if number == 1 else "done", [1], ""),
                ],
            )


def year_report(district):
    period = year_period(2017)
    return report_create(
        kind=Report.Kind.YEAR_END,
        period_start=period.start,
        period_end=period.end,
        issuing_body=district.state,
        unit=district.unit,
        enqueue=False,
    )


def queries_of(report):
    with CaptureQueriesContext(connection) as captured:
        content = report_content(report, today=TODAY)
    return len(captured.captured_queries), content


def test_the_content_takes_as_many_queries_for_many_clauses_as_for_few():
    district = District()
    programmes_with_clauses(district, programmes=2, clauses=2)
    report = year_report(district)
    few, small = queries_of(report)
    programmes_with_clauses(district, programmes=6, clauses=5, first=2)
    many, large = queries_of(report)
    assert (len(small.clauses), len(large.clauses)) == (4, 34)
    assert few == many
    # The figures are the database's sums, the statuses as at the end of the year.
    line = next(c for c in large.clauses if c.programme_reference and c.number == 3)
    assert [(i.in_period, i.to_date) for i in line.indicators] == [(4, 4)]
    assert line.status == "done" and line.note == "Đang làm"
    assert large.clause_counts.counts["overdue"] == 8
    assert [c.counts["overdue"] for c in large.status_over_time] == [0, 8, 8, 8]


def test_the_progress_is_read_as_it_is_gone_through():
    district = District()
    programmes_with_clauses(district, programmes=2, clauses=2)
    content = report_content(year_report(district), today=TODAY)
    with CaptureQueriesContext(connection) as captured:
        lines = list(content.progress)
    # How many (list() asks first), the reports, their figures: whatever their number.
    assert len(captured.captured_queries) == 3
    assert len(lines) == len(content.progress) == 8
    assert [line.reported_on for line in lines] == sorted(line.reported_on for line in lines)
    assert lines[0].figures == ["Tin, bài: 1 tin, bài"]


def test_a_scope_past_the_appendix_bound_gets_a_summary_appendix(monkeypatch):
    """A province's appendix cannot list 260,000 clauses: past APPENDIX_CLAUSES it gives
    the results by lead body and by programme and the overdue clauses in full, and the
    Excel copy has every clause."""
    monkeypatch.setattr(rendering, "APPENDIX_CLAUSES", 10)
    monkeypatch.setitem(rendering.APPENDIX_LIMITS, "concerns", 3)
    monkeypatch.setattr(content_module, "NOTABLE_LIMIT", 10)
    district = District()
    programmes_with_clauses(district, programmes=4, clauses=4)
    report = report_build(report_id=year_report(district).pk)
    _reader, pages = pdf_text(report.pdf)
    _reader, appendix = pdf_text(report.appendix_pdf)
    text, annex = " ".join(pages), " ".join(appendix)
    assert len(pages) <= 40
    # The overdue clauses are named in full in the main document…
    for index in range(4):
        assert f"Nội dung 1 của chương trình {index}." in text
    assert "Nội dung 2 của chương trình 0." not in text
    # …which sends the reader for every clause to the Excel copy, not to the appendix.
    assert "tiến độ báo cáo có trong bản Excel của báo cáo" in text
    assert "tại Phụ lục kèm theo" not in text
    # …and the appendix gives summaries and the first overdue clauses, not every clause.
    assert "PHỤ LỤC" in appendix[0]
    assert "KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ" in annex
    assert "Nội dung 1 của chương trình 0." in annex
    assert "Tình trạng đến 31/12/2017" in annex  # its clause table's day, as in the report
    assert "Nội dung 2 của chương trình 0." not in annex
    assert "1 nội dung quá hạn hoặc có nguy cơ chậm khác có trong bản Excel" in annex
    with report.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    clauses = [row[2] for row in book.worksheets[2].iter_rows(min_row=2, values_only=True)]
    assert len(clauses) == 16
    progress = list(book.worksheets[3].iter_rows(min_row=2, values_only=True))
    assert len(progress) == 32
    assert progress[0][0].date() == date(2017, 5, 1)


def test_a_small_scope_keeps_its_appendix_clause_by_clause():
    district = District()
    programmes_with_clauses(district, programmes=1, clauses=3)
    report = year_report(district)
    content = report_content(report, today=TODAY)
    html = rendering.appendix_html(report, content)
    assert "Nội dung 2 của chương trình 0." in html
    # The main document does not send the reader to the Excel copy for every clause.
    body = rendering.report_html(report, content, for_pdf=False)
    assert "bản Excel của báo cáo" not in body


def test_the_summary_appendix_gathers_only_what_it_prints():
    """Past the bound, the appendix's content has the same clauses, counts by programme
    and lead body, meetings and directives as the report's, and none of what only the
    main document prints (quarter-end counts, tasks, concerns, totals)."""
    district = District()
    programmes_with_clauses(district, programmes=4, clauses=4)
    report = year_report(district)
    full = report_content(report, today=TODAY)
    brief = report_content(report, today=TODAY, summary_past=10)
    assert [c.pk for c in brief.clauses] == [c.pk for c in full.clauses]
    assert [(c.status, c.note) for c in brief.clauses] == [(c.status, c.note) for c in full.clauses]
    assert [counts.counts for _s, counts in brief.by_programme] == [
        counts.counts for _s, counts in full.by_programme
    ]
    assert [(r.label, r.counts) for r in brief.status_by_body] == [
        (r.label, r.counts) for r in full.status_by_body
    ]
    assert len(brief.progress) == len(full.progress) == 32
    assert (brief.meetings, brief.directives) == (full.meetings, full.directives)
    assert brief.status_over_time == brief.next_tasks == brief.concerns == brief.totals == []
    assert full.status_over_time and full.late_tasks and full.concerns and full.totals
    assert brief.late_tasks == brief.notable == []
    # Up to the bound the appendix lists every clause: the content is whole.
    whole = report_content(report, today=TODAY, summary_past=16)
    assert whole.status_over_time == full.status_over_time and whole.concerns


def test_the_main_document_quotes_the_tasks_of_the_latest_meetings_only(monkeypatch):
    monkeypatch.setattr(content_module, "MEETING_TASKS_LIMIT", 2)

    class Meeting:
        def __init__(self, title, next_tasks):
            self.title, self.next_tasks = title, next_tasks

    meetings = [Meeting(f"Họp {n}", f"Việc {n}" if n != 3 else " ") for n in range(1, 6)]
    assert content_module.meeting_tasks(meetings) == [("Họp 4", "Việc 4"), ("Họp 5", "Việc 5")]


def test_the_proposals_name_the_bodies_with_most_late_work_first():
    district = District()
    bodies = [BodyFactory(unit=district.unit, name=f"Phòng số {n:02}") for n in range(14)]

    def late(body, times):
        return [
            ConcernLine(
                subject="",
                text="",
                responsible=body.name,
                status="overdue",
                status_label="",
                note="",
            )  # fmt: skip
        ] * times

    concerns = [row for n, body in enumerate(bodies) for row in late(body, 1 + (n == 13) * 5)]

    class Content:
        pass

    content = Content()
    content.concerns = concerns
    # What ReportContent.concern_bodies counts of them (the narrative reads the counts).
    content.concern_bodies = Counter(c.responsible for c in concerns)
    content.issuer_name = "UBND huyện"  # not among them: a report proposes to the others
    text = proposals(content)
    assert "Phòng số 13" in text  # the most late work, named though last in order
    assert "Phòng số 12" not in text
    assert f"và {len(bodies) - BODIES_NAMED} cơ quan khác" in text
