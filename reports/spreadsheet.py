"""The report's figures as an Excel workbook: the same content as the PDF, one sheet
per table, numbers as numbers and dates as dates.

Written straight from the rows the database streams (reports/selectors/sheet.py), each
row as text into its sheet's own file as it comes (reports/sheet_xml.py): a province's
clauses and progress never sit in memory, neither as objects nor as cells. The counts
and sums of the first two sheets are kept as the rows go by and written last.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from agreements.models import ClauseStatus
from reports.periods import next_period, period_label
from reports.selectors.content import gathering_settings, scope_label, sort_key
from reports.selectors.records import DIRECTIVE_LABELS, FINISHED, STATUS_ORDER
from reports.selectors.sheet import SheetRows
from reports.sheet_xml import CellStyles, Look, StreamedSheet, save

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT = Alignment(wrap_text=True, vertical="top", horizontal="left")
DATE_FORMAT = "dd/mm/yyyy"
# A text this short fits any column unwrapped.
SHORT = 12


def cell_styles(book):
    """The few cell styles of the workbook, in the order they were always made."""
    return CellStyles(
        book.create_sheet("styles"),
        text={"alignment": WRAP},
        date={"alignment": WRAP, "number_format": DATE_FORMAT},
        header={"alignment": WRAP, "font": HEADER_FONT, "fill": HEADER_FILL},
        label={"font": HEADER_FONT},
        left={"alignment": LEFT},
        left_date={"alignment": LEFT, "number_format": DATE_FORMAT},
    )


HEADER = Look(text="header", date="header", other="header")
LABEL = Look(text="label", date="label", other="label")
VALUE = Look(text="left", date="left_date", other="left")


def body(width):
    """A table column's cells: a text wrapped unless it fits the column's `width` (most
    of a province's cells: unstyled), a date as dd/mm/yyyy, numbers and blanks as they
    are; a text that looks like a formula (typed as "=HYPERLINK(…)" or "+1-2" into a
    clause) stored as a string, never a formula, and marked so that a spreadsheet keeps
    it text when someone edits it."""
    return Look(fit=max(SHORT, width - 2), text="text", date="date")


def number(value):
    """A Decimal as an int or float cell value."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class Sheets:
    """The workbook (openpyxl, write-only) and its sheets, each written as it comes."""

    def __init__(self):
        self.book = Workbook(write_only=True)
        self.styles = cell_styles(self.book)
        self.book.remove(self.book["styles"])
        self.written = []

    def sheet(self, title, widths):
        sheet = StreamedSheet(self.book, title, self.styles)
        for index, width in enumerate(widths, start=1):
            sheet.sheet.column_dimensions[get_column_letter(index)].width = width
        self.written.append(sheet)
        return sheet

    def table(self, title, headers, widths):
        """A sheet of one table, its header written, the header row frozen; returns
        write(row): each row is written as it comes (a province's clauses never sit in
        memory)."""
        table = self.sheet(title, widths)
        table.sheet.freeze_panes = "A2"
        table.append([str(h) for h in headers], [HEADER] * len(headers))
        looks = [body(width) for width in widths]

        def write(row):
            table.append(row, looks)

        return write

    def save(self, out):
        save(self.book, self.written, out)


def percent(target, to_date):
    """IndicatorLine.percent: what was achieved up to the end, in percent of the target."""
    if not target:
        return None
    return int((to_date * 100 / target).to_integral_value())


def clause_subject(reference, title, number):
    """ClauseLine.subject, from a row."""
    if not reference:
        return _("Clause %(number)s of %(title)s") % {"number": number, "title": title}
    return _("Clause %(number)s of programme %(reference)s") % {
        "number": number,
        "reference": reference,
    }


class Tally:
    """What the first two sheets say, kept as the rows go by: counts by status, the
    indicators summed by name and unit (TotalLine), the meetings and directives."""

    def __init__(self):
        self.statuses = dict.fromkeys(STATUS_ORDER, 0)
        self.totals = {}
        self.meetings = self.directives = self.carried_out = 0

    def add_indicator(self, name, unit, target, in_period, to_date):
        name, unit = " ".join(name.split()), unit.strip()
        line = self.totals.setdefault(
            (name.lower(), unit.lower()), [name, unit, Decimal(0), Decimal(0), Decimal(0)]
        )
        line[2] += in_period
        line[3] += to_date
        line[4] += target

    def total_rows(self):
        rows = sorted(self.totals.values(), key=lambda t: (sort_key(t[0]), sort_key(t[1])))
        return [[n, u, number(p), number(d), number(t)] for n, u, p, d, t in rows]


def clause_headers():
    return [
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
    ]


def report_workbook(report, out, *, today=None):
    """Write the report's workbook to `out` (a path or a binary file open for writing).
    In one transaction: its queries, streamed side by side, read one state of the data
    (and their server-side cursors are read as they go, not stored whole at a commit),
    with room to sort a province's rows in memory (content.gathering_settings)."""
    with transaction.atomic(), gathering_settings():
        write_workbook(report, out, today=today)


def write_workbook(report, out, *, today):
    rows = SheetRows(report, today=today)
    nxt = next_period(report.period_start, report.period_end)
    labels = {status: str(ClauseStatus(status).label) for status in STATUS_ORDER}
    sheets = Sheets()
    summary = sheets.sheet(_("Summary"), [28, 90])
    write_total = sheets.table(
        _("Figures"),
        [_("Indicator"), _("Counted in"), _("In the period"), _("Since the start"), _("Target")],
        [40, 18, 16, 16, 16],
    )
    write_clause = sheets.table(
        _("Clauses"), clause_headers(),
        [22, 6, 60, 28, 30, 12, 16, 40, 30, 12, 10, 12, 12, 10],
    )  # fmt: skip
    write_progress = sheets.table(
        _("Progress"),
        [_("Date"), _("Programme"), _("Clause"), _("Reporting body"), _("Status"),
         _("Figures"), _("Note")],
        [12, 22, 8, 30, 16, 40, 50],
    )  # fmt: skip
    write_meeting = sheets.table(
        _("Meetings"),
        [_("Date"), _("Meeting"), _("Kind"), _("Place"), _("Chair"), _("Results"),
         _("Limitations"), _("Conclusions"), _("Next tasks")],
        [12, 40, 18, 28, 24, 40, 40, 40, 40],
    )  # fmt: skip
    write_directive = sheets.table(
        _("Directives"),
        [_("Given on"), _("Meeting"), _("Directive"), _("Addressed to"), _("Deadline"),
         _("Result"), _("Completed on"), _("Follow-up note")],
        [12, 36, 50, 28, 12, 22, 12, 40],
    )  # fmt: skip
    write_task = sheets.table(
        _("Next tasks"),
        [_("Source"), _("Task"), _("Responsible"), _("Deadline"), _("Carried over")],
        [34, 60, 28, 12, 12],
    )
    tally = Tally()
    clauses = 0
    for row, status, lead, supporting, indicators in rows.clauses():
        clauses += 1
        tally.statuses[status] += 1
        reference, short, title = rows.citations[row.programme_id]
        base = [
            short, row.number, row.text, lead, "; ".join(supporting), row.due_date,
            labels[status], row.latest_note or "",
        ]  # fmt: skip
        if not indicators:
            write_clause(base + [None] * 6)
        for name, unit, target, in_period, to_date in indicators:
            tally.add_indicator(name, unit, target, in_period, to_date)
            write_clause(base + [name, unit, number(target), number(in_period),
                                 number(to_date), percent(target, to_date)])  # fmt: skip
        # A task for the next period: open, due within it, or with no deadline on a
        # programme still in force then (content.task_lines); late work is not one.
        due = row.due_date
        if status not in FINISHED and (
            due is not None
            and nxt.start <= due <= nxt.end
            or due is None
            and row.programme__period_end >= nxt.start
        ):
            subject = clause_subject(reference, title, row.number)
            write_task([subject, row.text, lead, due, ""])
    for day, programme, clause, body, status, figures, note in rows.progress():
        write_progress([day, programme, clause, body, labels[status], "; ".join(figures), note])
    for meeting in rows.meetings():
        tally.meetings += 1
        write_meeting(meeting)
    for given_on, meeting, text, body, deadline, status, completed, note in rows.directives():
        tally.directives += 1
        tally.carried_out += status == "done"
        write_directive([given_on, meeting, text, body, deadline,
                         str(DIRECTIVE_LABELS[status]), completed, note])  # fmt: skip
        if status != "done" and (deadline is None or nxt.start <= deadline <= nxt.end):
            source = _("Directive of %(date)s") % {"date": given_on.strftime("%d/%m/%Y")}
            write_task([source, text, body, deadline, ""])
    for total in tally.total_rows():
        write_total(total)
    summary_rows = [
        (_("Report"), report.reference),
        (_("Summary line"), report.title),
        (_("Issuing body"), report.issuing_body.full_name),
        (_("Date issued"), report.issued_on),
        (_("Covers"), str(scope_label(report))),
        (_("Period"), str(period_label(report.period_start, report.period_end))),
        (_("From"), report.period_start),
        (_("To"), report.period_end),
        (_("Programmes in force"), rows.programme_count()),
        (_("Clauses in force"), clauses),
        *((labels[status], tally.statuses[status]) for status in STATUS_ORDER),
        (_("Meetings held"), tally.meetings),
        (_("Directives"), tally.directives),
        (_("Directives carried out"), tally.carried_out),
    ]
    for label, value in summary_rows:
        summary.append([str(label), value], [LABEL, VALUE])
    sheets.save(out)
