"""The report's figures as an Excel workbook (openpyxl): the same content as the
PDF, one sheet per table, numbers as numbers and dates as dates."""

from copy import copy
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
DATE_FORMAT = "dd/mm/yyyy"
# A text a spreadsheet could take for a formula (CSV/formula injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text this short fits any column unwrapped.
SHORT = 12


class Styles:
    """The few cell styles of a write-only workbook, made once: setting a style on each
    of a province's hundreds of thousands of cells would cost more than writing them."""

    def __init__(self, sheet):
        self.text = self.style(sheet, alignment=WRAP)
        self.date = self.style(sheet, alignment=WRAP, number_format=DATE_FORMAT)
        self.header = self.style(sheet, alignment=WRAP, font=HEADER_FONT, fill=HEADER_FILL)
        self.label = self.style(sheet, font=HEADER_FONT)
        self.left = self.style(sheet, alignment=LEFT)
        self.left_date = self.style(sheet, alignment=LEFT, number_format=DATE_FORMAT)

    @staticmethod
    def style(sheet, **attributes):
        prototype = WriteOnlyCell(sheet)
        for name, value in attributes.items():
            setattr(prototype, name, value)
        return prototype._style


def cell(sheet, value, style=None, width=SHORT):
    """A cell for the write-only sheet: text wrapped, and kept text even when it looks
    like a formula (typed as "=HYPERLINK(…)" or "+1-2" into a clause, it is stored as
    a string, never a formula, and marked so that a spreadsheet keeps it text when
    someone edits it); dates as dd/mm/yyyy; numbers and blanks as they are unless
    `style` (a Styles attribute) is given; a text that fits its column's `width` as it
    is, unstyled (most of a province's cells: styling each costs more than writing it)."""
    styles = sheet.parent.styles
    is_date = hasattr(value, "year")
    if style is None:
        if isinstance(value, str):
            if len(value) <= width and not value.startswith(FORMULA_STARTS):
                return value  # fits its column: no style to set on it
            style = styles.text
        elif is_date:
            style = styles.date
        else:
            return value
    elif is_date and style is styles.left:
        style = styles.left_date
    written = WriteOnlyCell(sheet, value)
    written._style = copy(style)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        written.data_type = "s"
        written.quotePrefix = True
    return written


def number(value):
    """A Decimal as an int or float cell value."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def add_table(book, title, headers, rows, widths):
    """A sheet of one table, its rows written as they come (openpyxl's write-only
    mode: a province's clauses and progress never sit in memory as cells)."""
    sheet = book.create_sheet(str(title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    styles = book.styles
    sheet.append([cell(sheet, str(h), styles.header) for h in headers])
    fits = [max(SHORT, width - 2) for width in widths]
    for row in rows:
        sheet.append([cell(sheet, value, width=fit) for value, fit in zip(row, fits, strict=True)])
    return sheet


def summary_sheet(book, report, content):
    sheet = book.create_sheet(_("Summary"))
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    rows = [
        (_("Report"), report.reference),
        (_("Summary line"), report.title),
        (_("Issuing body"), report.issuing_body.full_name),
        (_("Date issued"), report.issued_on),
        (_("Covers"), str(content.scope_label)),
        (_("Period"), str(content.period_label)),
        (_("From"), content.period_start),
        (_("To"), content.period_end),
        (_("Programmes in force"), len(content.programmes)),
        (_("Clauses in force"), len(content.clauses)),
    ]
    rows += [(str(label), count) for _status, label, count in content.clause_counts.ordered()]
    rows += [
        (_("Meetings held"), len(content.meetings)),
        (_("Directives"), len(content.directives)),
        (_("Directives carried out"), content.directives_carried_out),
    ]
    styles = book.styles
    for label, value in rows:
        sheet.append([cell(sheet, str(label), styles.label), cell(sheet, value, styles.left)])


def clause_rows(content):
    """A row per clause and indicator (a clause without indicators: one row)."""
    for clause in content.clauses:
        base = [
            clause.programme_reference,
            clause.number,
            clause.text,
            clause.lead_body,
            "; ".join(clause.supporting_bodies),
            clause.due_date,
            str(clause.status_label),
            clause.note,
        ]
        if not clause.indicators:
            yield base + [None] * 6
        for i in clause.indicators:
            yield base + [
                i.name,
                i.unit,
                number(i.target),
                number(i.in_period),
                number(i.to_date),
                i.percent,
            ]


def report_workbook(report, content):
    """The workbook as bytes."""
    book = Workbook(write_only=True)
    book.styles = Styles(book.create_sheet("styles"))
    book.remove(book["styles"])
    summary_sheet(book, report, content)

    add_table(
        book,
        _("Figures"),
        [_("Indicator"), _("Counted in"), _("In the period"), _("Since the start"), _("Target")],
        [
            [t.name, t.unit, number(t.in_period), number(t.to_date), number(t.target)]
            for t in content.totals
        ],
        [40, 18, 16, 16, 16],
    )

    add_table(
        book,
        _("Clauses"),
        [
            _("Programme"),
            _("No."),
            _("Clause"),
            _("Lead body"),
            _("Supporting bodies"),
            _("Due date"),
            _("Status"),
            _("Latest note"),
            _("Indicator"),
            _("Counted in"),
            _("Target"),
            _("In the period"),
            _("Since the start"),
            _("Percent of target"),
        ],
        clause_rows(content),
        [22, 6, 60, 28, 30, 12, 16, 40, 30, 12, 10, 12, 12, 10],
    )

    add_table(
        book,
        _("Progress"),
        [
            _("Date"),
            _("Programme"),
            _("Clause"),
            _("Reporting body"),
            _("Status"),
            _("Figures"),
            _("Note"),
        ],
        (
            [
                p.reported_on,
                p.programme_reference,
                p.clause_number,
                p.reporting_body,
                str(p.status_label),
                "; ".join(p.figures),
                p.note,
            ]
            for p in content.progress
        ),
        [12, 22, 8, 30, 16, 40, 50],
    )

    add_table(
        book,
        _("Meetings"),
        [
            _("Date"),
            _("Meeting"),
            _("Kind"),
            _("Place"),
            _("Chair"),
            _("Results"),
            _("Limitations"),
            _("Conclusions"),
            _("Next tasks"),
        ],
        [
            [
                m.starts_at.date(),
                m.title,
                str(m.kind_label),
                m.place,
                m.chair,
                m.results,
                m.limitations,
                m.conclusions,
                m.next_tasks,
            ]
            for m in content.meetings
        ],
        [12, 40, 18, 28, 24, 40, 40, 40, 40],
    )

    add_table(
        book,
        _("Directives"),
        [
            _("Given on"),
            _("Meeting"),
            _("Directive"),
            _("Addressed to"),
            _("Deadline"),
            _("Result"),
            _("Completed on"),
            _("Follow-up note"),
        ],
        [
            [
                d.given_on,
                d.meeting_title,
                d.text,
                d.addressed_body,
                d.deadline,
                str(d.status_label),
                d.completed_on,
                d.follow_up_note,
            ]
            for d in content.directives
        ],
        [12, 36, 50, 28, 12, 22, 12, 40],
    )

    add_table(
        book,
        _("Next tasks"),
        [_("Source"), _("Task"), _("Responsible"), _("Deadline"), _("Carried over")],
        [
            [str(t.source), t.text, t.responsible, t.due_date, _("yes") if t.carried_over else ""]
            for t in content.next_tasks
        ],
        [34, 60, 28, 12, 12],
    )

    out = BytesIO()
    book.save(out)
    return out.getvalue()
