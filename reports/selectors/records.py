"""The plain data a report is made of: lines of tables, counts by status.

Built by reports.selectors.content.report_content and read by the PDF
template, the Excel workbook, the charts and the tests.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from agreements.models import ClauseStatus
from reports.models import Report

S = ClauseStatus

# The order statuses are counted, tabled and charted in.
STATUS_ORDER = [S.DONE, S.ON_TRACK, S.AT_RISK, S.OVERDUE, S.NOT_STARTED, S.DROPPED]
# The dashboard also tells "on track" said too long ago apart (Clause.status_sql).
DASHBOARD_ORDER = [S.DONE, S.ON_TRACK, S.STALE, S.AT_RISK, S.OVERDUE, S.NOT_STARTED, S.DROPPED]
CONCERNS = (S.AT_RISK, S.OVERDUE)
FINISHED = (S.DONE, S.DROPPED)

DIRECTIVE_LABELS = {
    "done": _("Carried out"),
    "in_progress": _("Being carried out"),
    "open": _("Not yet carried out"),
    "overdue": _("Overdue, not carried out"),
}


def status_label(status):
    return ClauseStatus(status).label


@dataclass(slots=True)
class IndicatorLine:
    name: str
    unit: str
    target: Decimal
    in_period: Decimal = Decimal(0)
    to_date: Decimal = Decimal(0)

    @property
    def percent(self):
        if not self.target:
            return None
        return int((self.to_date * 100 / self.target).to_integral_value())


@dataclass(slots=True)
class ClauseLine:
    pk: int
    programme_reference: str
    number: int
    text: str
    lead_body_id: int
    lead_body: str
    supporting_bodies: list
    cadence_label: str
    due_date: date | None
    status: str
    note: str
    indicators: list
    amendment_title: str = ""
    dropped_reason: str = ""
    programme_id: int = 0
    # The programme's title when it has no number (a source that does not give it).
    programme_title: str = ""

    @property
    def status_label(self):
        return status_label(self.status)

    @property
    def subject(self):
        """ "Clause 2 of programme 01-CTrPH/…", or of the act by its title."""
        if self.programme_title:
            # Cited by its name, capital kept: "Nội dung 1, Quy chế phối hợp …".
            return _("Clause %(number)s of %(title)s") % {
                "number": self.number,
                "title": self.programme_title,
            }
        return _("Clause %(number)s of programme %(reference)s") % {
            "number": self.number,
            "reference": self.programme_reference,
        }

    @property
    def is_concern(self):
        return self.status in CONCERNS


@dataclass
class ProgrammeSection:
    pk: int
    reference: str
    title: str
    parties: list
    lead: str
    period_start: date
    period_end: date
    signed_on: date
    status_label: str
    clauses: list = field(default_factory=list)

    def counts(self):
        return count_statuses(self.clauses)


@dataclass(slots=True)
class ProgressLine:
    reported_on: date
    programme_reference: str
    clause_number: int
    reporting_body: str
    status: str
    figures: list
    note: str

    @property
    def status_label(self):
        return status_label(self.status)


@dataclass
class MeetingLine:
    starts_at: object
    title: str
    kind_label: str
    place: str
    # "Name, position" as printed once (parties.documents.name_and_position); whether
    # the chair is a person ("đồng chí …") or a record named for an office.
    chair: str
    chair_in_person: bool
    programme_references: list
    conclusions: str
    results: str
    limitations: str
    next_tasks: str
    # "Name, position" of those invited, by what the attendance record says.
    present: list = field(default_factory=list)
    absent: list = field(default_factory=list)
    deputies: list = field(default_factory=list)

    @property
    def attendance_recorded(self):
        return bool(self.present or self.absent or self.deputies)


@dataclass
class DirectiveLine:
    given_on: date
    meeting_title: str
    text: str
    addressed_body: str
    given_by: str
    deadline: date | None
    status: str
    completed_on: date | None
    follow_up_note: str

    @property
    def status_label(self):
        return DIRECTIVE_LABELS[self.status]

    @property
    def carried_out(self):
        return self.status == "done"


@dataclass(slots=True)
class ConcernLine:
    subject: str
    text: str
    responsible: str
    status: str
    status_label: str
    # The latest thing the body in charge reported (a progress note, a follow-up note):
    # what it says, never called a cause unless it gives one.
    note: str
    due_date: date | None = None

    @property
    def explained(self):
        return bool(self.note.strip())


@dataclass
class TotalLine:
    """One indicator (by name and unit) summed across the clauses that measure it."""

    name: str
    unit: str
    in_period: Decimal
    to_date: Decimal
    target: Decimal


@dataclass(slots=True)
class TaskLine:
    source: str
    text: str
    responsible: str
    due_date: date | None
    carried_over: bool = False


@dataclass
class StatusCount:
    label: str
    counts: dict
    key: object = None

    @property
    def total(self):
        return sum(self.counts.values())

    def ordered(self):
        return [
            (status, status_label(status), self.counts.get(status, 0)) for status in STATUS_ORDER
        ]

    def present(self):
        """(status, label, count) of the statuses that occur."""
        return [row for row in self.ordered() if row[2]]


class ProgrammeCounts(Sequence):
    """ReportContent.by_programme: (section, StatusCount) of each programme in order,
    the two kept apart so that a document can rank the programmes on their counts and
    read only the sections of those it prints (reports/rendering.py, `programme_rows`;
    at scale the sections are made as they are read: summary.UnlistedSections)."""

    def __init__(self, sections, counts):
        self.sections, self.counts = sections, counts

    def __len__(self):
        return len(self.counts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(zip(self.sections[index], self.counts[index], strict=True))
        return self.sections[index], self.counts[index]

    def __iter__(self):
        return zip(self.sections, self.counts, strict=True)


@dataclass
class Counted:
    """What the main document counts of work it lists only the first of, counted by the
    database (reports/selectors/summary.py) rather than from a line per clause."""

    clauses: "StatusCount"
    concerns: int
    # Concerns (clauses and directives) whose body in charge never said why.
    unexplained: int
    # {body in charge: its concerns}, as ConcernLine.responsible names it.
    concern_bodies: Counter
    next_tasks: int
    late_tasks: int


@dataclass
class ReportContent:
    kind: str
    period_start: date
    period_end: date
    as_of: date
    period_label: str
    next_period_label: str
    scope_label: str
    programmes: list
    progress: list
    meetings: list
    directives: list
    concerns: list
    totals: list
    next_tasks: list
    meeting_next_tasks: list
    status_by_body: list
    status_over_time: list
    next_period_start: date | None = None
    next_period_end: date | None = None
    # Open work past its deadline: to finish without delay, not a task "for" next period.
    late_tasks: list = field(default_factory=list)
    # The issuing body's name: a report makes no proposal to the body that issues it.
    issuer_name: str = ""
    # Clauses shown one by one in the main document; the rest are in the appendix.
    notable: list = field(default_factory=list)
    by_programme: ProgrammeCounts = field(default_factory=lambda: ProgrammeCounts([], []))
    # Set for the main document at scale (reports/selectors/summary.py): its sections
    # then hold no clause, and concerns, next_tasks and late_tasks only their first lines
    # (as many as it prints); the counts below are the whole.
    counted: Counted | None = None

    @cached_property
    def clauses(self):
        return [clause for section in self.programmes for clause in section.clauses]

    @cached_property
    def clause_counts(self):
        if self.counted is not None:
            return self.counted.clauses
        return count_statuses(self.clauses)

    @property
    def clause_total(self):
        return self.clause_counts.total

    @property
    def concern_count(self):
        return self.counted.concerns if self.counted else len(self.concerns)

    @property
    def unexplained_concerns(self):
        if self.counted is not None:
            return self.counted.unexplained
        return sum(1 for c in self.concerns if not c.explained)

    @property
    def concern_bodies(self):
        """{body in charge: how many of the concerns it is in charge of}."""
        if self.counted is not None:
            return self.counted.concern_bodies
        return Counter(c.responsible for c in self.concerns)

    @property
    def next_task_count(self):
        return self.counted.next_tasks if self.counted else len(self.next_tasks)

    @property
    def late_task_count(self):
        return self.counted.late_tasks if self.counted else len(self.late_tasks)

    @property
    def directives_carried_out(self):
        return sum(1 for d in self.directives if d.carried_out)

    @property
    def meetings_held(self):
        return len(self.meetings)

    @property
    def carried_over(self):
        """Open clauses and directives whose deadline passed before the next period."""
        return self.late_tasks

    @property
    def kind_label(self):
        return Report.Kind(self.kind).label


def count_statuses(clauses):
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for clause in clauses:
        counts[clause.status] += 1
    return StatusCount(label="", counts=counts)
