"""The report's figures as an Excel workbook (openpyxl): the same content as the
PDF, one sheet per table, numbers as numbers and dates as dates."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "dd/mm/yyyy"
# A text a spreadsheet could take for a formula (CSV/formula injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def keep_as_text(book):
    """Every text cell is text: one typed as "=HYPERLINK(…)" or "+1-2" into a clause
    is stored as a string, never as a formula, and marked so that a spreadsheet
    keeps it text when someone edits the cell."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def number(value):
    """A Decimal as an int or float cell value."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def add_table(sheet, headers, rows, widths):
    sheet.append([str(h) for h in headers])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
    first = sheet.max_row
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=first + 1):
        for cell in row:
            cell.alignment = WRAP
            if hasattr(cell.value, "year"):
                cell.number_format = DATE_FORMAT
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=first + 1, column=1)


def summary_sheet(sheet, report, content):
    sheet.title = _("Summary")
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
    for label, value in rows:
        sheet.append([str(label), value])
        if hasattr(value, "year"):
            sheet.cell(row=sheet.max_row, column=2).number_format = DATE_FORMAT
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    for row in sheet.iter_rows():
        row[1].alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")


def report_workbook(report, content):
    """The workbook as bytes."""
    book = Workbook()
    summary_sheet(book.active, report, content)

    add_table(
        book.create_sheet(_("Figures")),
        [_("Indicator"), _("Counted in"), _("In the period"), _("Since the start"), _("Target")],
        [
            [t.name, t.unit, number(t.in_period), number(t.to_date), number(t.target)]
            for t in content.totals
        ],
        [40, 18, 16, 16, 16],
    )

    clause_rows = []
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
            clause_rows.append(base + [None] * 6)
        for i in clause.indicators:
            clause_rows.append(
                base
                + [
                    i.name,
                    i.unit,
                    number(i.target),
                    number(i.in_period),
                    number(i.to_date),
                    i.percent,
                ]
            )
    add_table(
        book.create_sheet(_("Clauses")),
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
        clause_rows,
        [22, 6, 60, 28, 30, 12, 16, 40, 30, 12, 10, 12, 12, 10],
    )

    add_table(
        book.create_sheet(_("Progress")),
        [
            _("Date"),
            _("Programme"),
            _("Clause"),
            _("Reporting body"),
            _("Status"),
            _("Figures"),
            _("Note"),
        ],
        [
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
        ],
        [12, 22, 8, 30, 16, 40, 50],
    )

    add_table(
        book.create_sheet(_("Meetings")),
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
        book.create_sheet(_("Directives")),
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
        book.create_sheet(_("Next tasks")),
        [_("Source"), _("Task"), _("Responsible"), _("Deadline"), _("Carried over")],
        [
            [str(t.source), t.text, t.responsible, t.due_date, _("yes") if t.carried_over else ""]
            for t in content.next_tasks
        ],
        [34, 60, 28, 12, 12],
    )

    keep_as_text(book)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
