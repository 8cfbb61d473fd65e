"""The appendix PDF and the Excel copy, each built by a step of its own once the report's
PDF is stored (issue 12): the report is ready as soon as its PDF is; the page shows each
file being prepared, ready, or failed with a way to make it again; a step repeated or
late builds nothing twice and keeps nothing of an older text; the Excel copy is written
from the rows the database streams, a chunk at a time, the same figures the report has."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from agreements.models import Amendment, ClauseStatus
from reports import services
from reports.models import Report
from reports.periods import quarter_period, year_period
from reports.selectors import streams
from reports.selectors.content import report_content
from reports.services import (
    ReportNotPending,
    report_build,
    report_create,
    report_issue,
    report_narrative_save,
    report_part_build,
    report_part_retry,
    reports_sweep,
)
from reports.tasks import build_report_part
from tests.reports.factories import District, clause_with, signed_programme
from tests.reports.test_scale import TODAY, programmes_with_clauses

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return District()


@pytest.fixture
def later(monkeypatch):
    """The parts are queued, not built: a worker takes them up later."""
    queued = []
    monkeypatch.setattr(services, "report_parts_enqueue", lambda *args: queued.append(args))
    return queued


def year_report(district):
    """UBND huyện's year-end summary of its programmes: its leader may ask for it again."""
    period = year_period(2017)
    return report_create(
        kind=Report.Kind.YEAR_END,
        period_start=period.start,
        period_end=period.end,
        issuing_body=district.state,
        body=district.state,
        enqueue=False,
    )


def workbook(report):
    with report.xlsx.open("rb") as handle:
        return load_workbook(io.BytesIO(handle.read()))


def rows(book, title):
    return list(book[title].iter_rows(min_row=2, values_only=True))


def as_cell(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def test_the_report_is_ready_with_its_pdf_and_its_parts_follow(district, later, client):
    programmes_with_clauses(district, programmes=1, clauses=2)
    report = report_build(report_id=year_report(district).pk)
    # The summary is done and downloadable; its appendix and Excel copy are queued.
    assert report.status == Report.Status.DONE and report.pdf and report.html
    assert (report.appendix_status, report.xlsx_status) == ("queued", "queued")
    assert not report.xlsx and not report.appendix_pdf
    assert later == [(report.pk, report.version)]
    client.force_login(district.leader(district.state))
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-part="xlsx" data-part-status="queued"' in page
    assert 'data-part="appendix" data-part-status="queued"' in page
    assert "đang được chuẩn bị" in page  # "being prepared", in Vietnamese
    assert 'hx-trigger="every 2s"' in page  # the panel asks again until they are ready
    assert reverse("reports:pdf", args=[report.pk]) in page
    assert reverse("reports:xlsx", args=[report.pk]) not in page
    assert client.get(reverse("reports:xlsx", args=[report.pk])).status_code == 404

    for part in ("appendix", "xlsx"):
        report_part_build(report_id=report.pk, part=part, version=report.version)
    report.refresh_from_db()
    assert (report.appendix_status, report.xlsx_status) == ("done", "done")
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "data-part-status" not in page and 'hx-trigger="every 2s"' not in page
    assert reverse("reports:xlsx", args=[report.pk]) in page
    assert reverse("reports:appendix", args=[report.pk]) in page
    download = client.get(reverse("reports:xlsx", args=[report.pk]))
    assert b"".join(download.streaming_content).startswith(b"PK")


def test_the_excel_copy_has_the_figures_of_the_report(district, monkeypatch):
    monkeypatch.setattr(streams, "CHUNK", 3)  # several fetches of each query
    programmes_with_clauses(district, programmes=3, clauses=3)
    programme = signed_programme([district.state], title="Chương trình có chỉ tiêu")
    clause_with(
        programme,
        number=1,
        text="Tuyên truyền",
        due_date=date(2018, 6, 30),
        indicators=[("Tin, bài", "tin", 20), ("Hội nghị", "hội nghị", 0)],
        progress=[(date(2017, 3, 1), "on_track", [5, 2], "Có tiến triển")],
    )
    report = year_report(district)
    content = report_content(report, today=TODAY)
    with io.BytesIO() as out:
        services.report_workbook(report, out, today=TODAY)
        book = load_workbook(io.BytesIO(out.getvalue()))

    expected = []
    for clause in content.clauses:
        base = (
            clause.programme_reference,
            clause.number,
            clause.text,
            clause.lead_body,
            "; ".join(clause.supporting_bodies) or None,
            clause.due_date,
            str(clause.status_label),
            clause.note or None,
        )
        if not clause.indicators:
            expected.append(base + (None,) * 6)
        for i in clause.indicators:
            expected.append(
                base
                + (i.name, i.unit, as_cell(i.target), as_cell(i.in_period))
                + (as_cell(i.to_date), i.percent)
            )
    got = [
        tuple(value.date() if hasattr(value, "date") else value for value in row)
        for row in rows(book, "Nội dung phối hợp")
    ]
    assert got == expected and len(got) == 11
    progress = [
        (
            p.reported_on,
            p.programme_reference,
            p.clause_number,
            p.reporting_body,
            str(p.status_label),
            "; ".join(p.figures) or None,
            p.note or None,
        )
        for p in content.progress
    ]
    got = [(row[0].date(), *row[1:]) for row in rows(book, "Tiến độ")]
    assert sorted(got, key=str) == sorted(progress, key=str) and len(got) == 19
    assert ("Tin, bài: 5 tin; Hội nghị: 2 hội nghị") in [row[5] for row in got]
    summary = dict(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary["Nội dung phối hợp đang thực hiện"] == len(content.clauses)
    for _status, label, count in content.clause_counts.ordered():
        assert summary[str(label)] == count
    totals = [(t.name, t.unit, as_cell(t.in_period), as_cell(t.to_date), as_cell(t.target))
              for t in content.totals]  # fmt: skip
    assert rows(book, "Số liệu") == totals
    tasks = [(str(t.source), t.text, t.responsible) for t in content.next_tasks]
    assert [row[:3] for row in rows(book, "Nhiệm vụ kỳ tới")] == tasks and tasks


def sheet_queries(report):
    """[(server-side cursor?, SQL)] of what writing the report's workbook asks."""
    seen = []

    def watch(execute, sql, params, many, context):
        seen.append((getattr(context["cursor"].cursor, "name", None) is not None, sql))
        return execute(sql, params, many, context)

    report = Report.objects.get(pk=report.pk)  # nothing of an earlier call cached on it
    with connection.execute_wrapper(watch), io.BytesIO() as out:
        services.report_workbook(report, out, today=TODAY)
    return seen


def test_the_excel_step_streams_a_few_queries_never_the_whole_content(district, monkeypatch):
    """Its memory is a chunk's per query whatever the scope: the clauses, progress
    reports and what goes with them are read through server-side cursors a few rows at
    a time, as many queries for many clauses as for few, and the report's content (every
    clause as an object) is never gathered."""
    monkeypatch.setattr(streams, "CHUNK", 4)

    def no_content(*args, **kwargs):
        raise AssertionError("the Excel step gathered the whole content")

    programmes_with_clauses(district, programmes=1, clauses=2)
    report = year_report(district)
    few = sheet_queries(report)
    programmes_with_clauses(district, programmes=3, clauses=5, first=1)
    many = sheet_queries(report)
    assert len(many) == len(few)
    heavy = ("agreements_clause", "agreements_progressreport", "agreements_indicatorvalue")
    # Only PostgreSQL names its server-side cursors; SQLite's read a chunk at a time unnamed.
    if connection.vendor == "postgresql":
        for streamed, sql in many:
            if sql.lstrip().startswith("SELECT") and any(f'FROM "{t}"' in sql for t in heavy):
                assert streamed, sql

    report = report_build(report_id=report.pk)  # the summary; then its parts, in-process
    assert report.xlsx_status == "done"
    book = workbook(report)
    assert len(rows(book, "Nội dung phối hợp")) == 17 and len(rows(book, "Tiến độ")) == 34
    monkeypatch.setattr(services, "report_content", no_content)
    report.xlsx_status = "queued"
    report.save(update_fields=["xlsx_status"])
    report_part_build(report_id=report.pk, part="xlsx", version=report.version)


def test_the_excel_copy_takes_each_clause_as_it_stood_at_the_end_of_the_period(district):
    """A clause's status and latest note are those of its latest report up to the
    period's last day: a report after it does not count, of two reports on one day the
    one recorded last does, a report recorded later about an earlier day does not, and a
    blank note leaves the note before it standing."""
    programme = signed_programme([district.state], title="Chương trình theo dõi cuối kỳ")
    late = date(2018, 6, 30)  # not yet due at the end of 2017: no overdue to hide the status
    clause_with(
        programme,
        number=1,
        text="Báo cáo hai lần trong ngày cuối năm",
        due_date=late,
        progress=[
            (date(2017, 12, 31), "on_track", [], "Lần thứ nhất"),
            (date(2017, 12, 31), "at_risk", [], "Lần thứ hai, ghi sau"),
            (date(2017, 6, 1), "done", [], "Ghi sau về một ngày trước"),
            (date(2018, 1, 5), "done", [], "Sau kỳ báo cáo"),
        ],
    )
    clause_with(
        programme,
        number=2,
        text="Báo cáo cuối năm không ghi chú",
        due_date=late,
        progress=[
            (date(2017, 11, 20), "at_risk", [], "Còn vướng kinh phí"),
            (date(2017, 12, 31), "done", [], "  "),
            (date(2018, 2, 1), "on_track", [], "Sau kỳ, có ghi chú"),
        ],
    )
    report = year_report(district)
    with io.BytesIO() as out:
        services.report_workbook(report, out, today=TODAY)
        book = load_workbook(io.BytesIO(out.getvalue()))
    got = [(row[1], row[6], row[7]) for row in rows(book, "Nội dung phối hợp")]
    assert got == [
        (1, str(ClauseStatus.AT_RISK.label), "Lần thứ hai, ghi sau"),
        (2, str(ClauseStatus.DONE.label), "Còn vướng kinh phí"),
    ]
    content = report_content(report, today=TODAY)
    assert [(c.number, str(c.status_label), c.note) for c in content.clauses] == got
    # The period's progress only: the reports after its end are not listed.
    notes = [row[6] for row in rows(book, "Tiến độ")]
    assert len(notes) == 5 and "Sau kỳ báo cáo" not in notes


def test_a_failed_part_is_shown_and_made_again(district, monkeypatch, client):
    programmes_with_clauses(district, programmes=1, clauses=1)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "report_workbook", broken)
    report = report_build(report_id=year_report(district).pk)
    assert report.status == Report.Status.DONE and report.pdf  # the report itself is ready
    assert report.appendix_status == "done"
    assert report.xlsx_status == "failed" and "disk full" in report.xlsx_error
    leader = district.leader(district.state)
    client.force_login(leader)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-part="xlsx" data-part-status="failed"' in page
    assert "Bản Excel: chưa lập được." in page
    assert "disk full" not in page  # the details are for the administrator
    retry = reverse("reports:retry_part", args=[report.pk, "xlsx"])
    assert retry in page
    monkeypatch.undo()
    with pytest.raises(ReportNotPending):  # failed: only a retry builds it again
        report_part_build(report_id=report.pk, part="xlsx", version=report.version)
    client.post(retry)
    report.refresh_from_db()
    assert report.xlsx_status == "queued"
    build_report_part.delay(report.pk, "xlsx", report.version)  # the worker's turn
    report.refresh_from_db()
    assert report.xlsx_status == "done" and report.xlsx_error == ""
    assert len(rows(workbook(report), "Nội dung phối hợp")) == 1


def test_a_part_built_again_builds_nothing_twice_and_keeps_one_file(district):
    programmes_with_clauses(district, programmes=1, clauses=2)
    report = report_build(report_id=year_report(district).pk)
    names = (report.xlsx.name, report.appendix_pdf.name)
    with pytest.raises(ReportNotPending):
        report_part_build(report_id=report.pk, part="xlsx", version=report.version)
    build_report_part.delay(report.pk, "xlsx", report.version)  # a message delivered twice
    report.refresh_from_db()
    assert report.xlsx_status == "done" and (report.xlsx.name, report.appendix_pdf.name) == names
    # Stuck (a message lost) and asked for again: the same file, made again.
    report.xlsx_status = "running"
    report.save(update_fields=["xlsx_status"])
    report_part_build(report_id=report.pk, part="xlsx", version=report.version)
    report.refresh_from_db()
    assert report.xlsx.name == names[0] and report.xlsx.storage.exists(names[0])
    with pytest.raises(ValidationError, match="bị lỗi hoặc bị treo"):
        report_part_retry(report=report, part="xlsx", by=district.leader(district.state))


def test_a_part_of_an_older_text_is_not_kept_and_the_issued_copy_gets_its_own(district, later):
    """Issuing builds the issued copy; its appendix and Excel copy are built from it,
    never taken over from the draft, and a step still running on the draft keeps
    nothing."""
    programmes_with_clauses(district, programmes=1, clauses=2)
    leader = district.leader(district.state)
    draft = report_build(report_id=year_report(district).pk)
    old = draft.version
    draft = report_narrative_save(report=draft, by=leader, texts={"strengths": "Sửa."})
    assert (draft.appendix_status, draft.xlsx_status) == ("", "")  # none offered
    with pytest.raises(ReportNotPending):  # the draft's step, late: nothing built
        report_part_build(report_id=draft.pk, part="xlsx", version=old)
    draft = report_build(report_id=draft.pk)
    issued = report_issue(
        report=draft,
        by=leader,
        signer=draft.issuing_body.officials.order_by("pk").first(),
        recipients=[],
        today=date(2018, 1, 10),
    )
    assert issued.status == Report.Status.QUEUED and issued.xlsx_status == ""
    issued = report_build(report_id=issued.pk)
    assert issued.state == Report.State.ISSUED and issued.status == Report.Status.DONE
    assert later[-1] == (issued.pk, issued.version) and issued.version > draft.version
    with pytest.raises(ReportNotPending):
        report_part_build(report_id=issued.pk, part="xlsx", version=draft.version)
    for part in ("appendix", "xlsx"):
        report_part_build(report_id=issued.pk, part=part, version=issued.version)
    issued.refresh_from_db()
    assert (issued.appendix_status, issued.xlsx_status) == ("done", "done")
    summary = dict(workbook(issued)["Tổng hợp"].iter_rows(values_only=True))
    assert summary["Báo cáo"] == issued.reference  # the issued copy's number


def test_the_sweep_hands_over_parts_nobody_is_building(district, later):
    programmes_with_clauses(district, programmes=1, clauses=1)
    report = report_build(report_id=year_report(district).pk)
    Report.objects.filter(pk=report.pk).update(parts_queued_at=None)  # never handed over
    later.clear()
    assert reports_sweep() == [report.pk]
    assert later == [(report.pk, report.version, ["appendix", "xlsx"])]
    assert reports_sweep() == []  # handed over just now: not again


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_shows_each_file_as_it_stands_and_makes_a_failed_one_again(page, monkeypatch):
    from tests.fixtures.browser import screenshot
    from tests.reports.test_browser import PASSWORD, log_in

    district = District()
    programmes_with_clauses(district, programmes=1, clauses=2)
    leader = district.leader(district.state)
    leader.set_password(PASSWORD)
    leader.save()
    monkeypatch.setattr(services, "report_parts_enqueue", lambda *args: None)
    report = report_build(report_id=year_report(district).pk)
    report_part_build(report_id=report.pk, part="appendix", version=report.version)
    Report.objects.filter(pk=report.pk).update(xlsx_status="failed", xlsx_error="disk full")
    monkeypatch.undo()  # from here on, parts are built in-process again
    log_in(page, leader)
    page.goto(reverse("reports:detail", args=[report.pk]))
    failed = page.locator('[data-part="xlsx"][data-part-status="failed"]')
    assert "Bản Excel: chưa lập được." in failed.inner_text()
    assert page.locator("[data-testid=download-appendix]").is_visible()
    assert page.locator("[data-testid=download-pdf]").is_visible()
    screenshot(page, "report-excel-failed")
    failed.locator("button[type=submit]").click()
    page.wait_for_selector("[data-testid=download-xlsx]")
    assert page.locator("[data-part-status]").count() == 0
    screenshot(page, "report-excel-made-again")


def test_the_excel_copy_lists_the_wording_in_force_with_its_own_bodies_and_figures(district):
    """Before an amendment the old wording is listed, after it the new one, each with its
    own supporting bodies and indicators (read alongside the clauses: a clause passed
    over must not shift them onto the next)."""
    programme = signed_programme([district.party, district.state], start=date(2024, 1, 1))
    old = clause_with(programme, text="Lời văn cũ", indicators=[("Tin cũ", "tin", 5)])
    old.supporting_bodies.add(district.state)
    amendment = Amendment.objects.create(
        programme=programme, number=1, date=date(2024, 8, 1), title="Phụ lục 01", text="Sửa"
    )
    new = clause_with(
        programme,
        number=1,
        text="Lời văn mới",
        amendment=amendment,
        replaces=old,
        indicators=[("Tin mới", "tin", 8)],
    )
    new.supporting_bodies.add(district.committee)
    clause_with(programme, number=2, text="Nội dung khác", indicators=[("Hội nghị", "cuộc", 2)])

    def listed(quarter):
        period = quarter_period(2024, quarter)
        report = report_create(
            kind=Report.Kind.QUARTERLY,
            programme=programme,
            period_start=period.start,
            period_end=period.end,
            issuing_body=district.party,
            enqueue=False,
        )
        with io.BytesIO() as out:
            services.report_workbook(report, out, today=date(2025, 1, 10))
            book = load_workbook(io.BytesIO(out.getvalue()))
        return [(row[2], row[4], row[8]) for row in rows(book, "Nội dung phối hợp")]

    assert listed(2) == [
        ("Lời văn cũ", district.state.name, "Tin cũ"),
        ("Nội dung khác", None, "Hội nghị"),
    ]
    assert listed(3) == [
        ("Lời văn mới", district.committee.name, "Tin mới"),
        ("Nội dung khác", None, "Hội nghị"),
    ]
