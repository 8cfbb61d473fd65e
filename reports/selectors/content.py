"""Everything a report says, gathered in one place as plain data.

`report_content(report)` reads the programmes the report covers, their
clauses, progress, meetings and directives, and returns a `ReportContent`
of dataclasses (reports/selectors/records.py): the PDF template, the Excel
workbook and the tests all read the same figures from it.

Clauses are taken "as of" the end of the period, or today for a period not
over yet (reports/selectors/clauses.py); a period that is over is read at its
close, so what fell due on its last day undone is overdue in it.
"""

import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal
from sys import intern

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.models import IndicatorValue, Programme, ProgressReport
from meetings.models import Attendance, Directive, Meeting
from parties.documents import name_and_position, named_for_office
from parties.numbers import grouped
from reports.periods import checkpoints, next_period, period_label
from reports.selectors.clauses import (
    BodyNamesOnDays,
    clause_in_force,
    clause_line,
    clause_rows,
    indicator_lines,
    party_names,
    programmes_covered,
    section_of,
    status_by_body,
    status_field,
    status_on,
    status_over_time,
    successor_dates_of,
    supporting_names,
)
from reports.selectors.lookups import AmongMany, AnyOf
from reports.selectors.records import (
    FINISHED,
    ConcernLine,
    DirectiveLine,
    MeetingLine,
    ProgrammeCounts,
    ProgressLine,
    ReportContent,
    TaskLine,
    TotalLine,
)


def sort_key(text):
    """Vietnamese order, near enough: letters without their marks, đ after d."""
    plain = unicodedata.normalize("NFD", text.lower().replace("đ", "dz"))
    return "".join(ch for ch in plain if not unicodedata.combining(ch)), text


# What a progress report's line is read from (the content's and the Excel copy's alike).
PROGRESS_COLUMNS = (
    "pk",
    "reported_on",
    "clause__programme_id",
    "clause__number",
    "reporting_body_id",
    "reporting_body__name",
    "status",
    "note",
)


def amount_writer():
    """A function writing "amount unit" with the language's grouping (parties/numbers.py),
    each distinct amount written once: a province's million figures take few values."""
    written = {}

    def amount_text(value, unit):
        text = written.get(value)
        if text is None:
            text = written[value] = grouped(value)
        return f"{text} {unit}"

    return amount_text


def figure_texts(values, chunk_size=2000):
    """{progress report id: ["indicator: amount unit", …]} of these IndicatorValue rows."""
    found = defaultdict(list)
    rows = values.order_by("report_id", "pk").values_list(
        "report_id", "indicator__name", "value", "indicator__unit"
    )
    amount_text = amount_writer()
    for report_id, name, value, unit in rows.iterator(chunk_size=chunk_size):
        found[report_id].append(f"{name}: {amount_text(value, unit)}")
    return found


def report_content(report, *, today=None, summary_past=None):
    """The report's content. The clauses' statuses, notes and indicator figures are
    found by the database (reports/selectors/clauses.py), a constant number of queries
    whatever the scope; the progress reports are never all loaded (`progress` reads
    them as it is gone through).

    `summary_past`, for the appendix (reports/rendering.py, APPENDIX_CLAUSES): past that
    many clauses the appendix is a summary, and only what it prints is gathered (the
    programmes, clauses, meetings, directives and counts by programme and lead body):
    the quarter-end counts, tasks, concerns, totals and notable clauses stay empty."""
    with transaction.atomic(), gathering_settings():
        return gathered(report, today=today or timezone.localdate(), summary_past=summary_past)


@contextmanager
def gathering_settings():
    """PostgreSQL settings for the few large queries of a report, for this transaction
    only: room to sort a province's rows in memory rather than on disk. (JIT, which took
    3 of the clause query's 13 s, is off for every connection: config/settings.py.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
    yield


def report_programmes(report):
    """The programmes the report covers: those of its scope in force in its period."""
    return programmes_covered(
        programme=report.programme,
        body=report.body,
        unit=report.unit,
        start=report.period_start,
        end=report.period_end,
    )


def gathered(report, *, today, summary_past=None, programmes=None):
    """The content read whole; `programmes` those covered, when read already."""
    start, end = report.period_start, report.period_end
    as_of = min(end, today)
    if programmes is None:
        programmes = report_programmes(report)
    programme_ids = [p.pk for p in programmes]
    days = checkpoints(start, end)
    # Bodies named as on the period's end: the names the work was done under.
    named = BodyNamesOnDays()
    parties = party_names(programme_ids, named, end)
    programme_sections = clause_sections(
        programmes, parties, start=start, end=end, as_of=as_of, today=today, named=named
    )
    del parties
    cited = cited_as(programmes)
    lines = [c for s in programme_sections for c in s.clauses]
    meetings = meeting_lines(programme_ids, cited, start, end)
    directives = directive_lines(programme_ids, start, end, as_of, today, named)
    nxt = next_period(start, end)
    common = {
        "kind": report.kind,
        "period_start": start,
        "period_end": end,
        "as_of": as_of,
        "period_label": period_label(start, end),
        "next_period_label": period_label(nxt.start, nxt.end),
        "scope_label": scope_label(report),
        "issuer_name": report.issuing_body.name,
        "programmes": programme_sections,
        "progress": ProgressLines(programmes, start, end, named),
        "meetings": meetings,
        "directives": directives,
        "status_by_body": status_by_body(lines),
        "by_programme": ProgrammeCounts(
            programme_sections, [s.counts() for s in programme_sections]
        ),
    }
    if summary_past is not None and len(lines) > summary_past:
        # The summary appendix prints none of the rest: it is not worked out.
        return ReportContent(
            **common,
            concerns=[],
            totals=[],
            next_tasks=[],
            meeting_next_tasks=[],
            status_over_time=[],
        )
    tasks, late = task_lines(programmes, lines, directives, nxt)
    return ReportContent(
        **common,
        concerns=concern_lines(lines, directives),
        totals=total_lines(lines),
        next_tasks=tasks,
        late_tasks=late,
        next_period_start=nxt.start,
        next_period_end=nxt.end,
        notable=notable_lines(lines),
        meeting_next_tasks=meeting_tasks(meetings),
        status_over_time=status_over_time(programme_ids, days, as_of, today),
    )


# How many meetings' tasks the main document quotes (the latest ones); every meeting's
# tasks are in the Excel copy: a province's year has over a thousand meetings.
MEETING_TASKS_LIMIT = 12


def cited_as(programmes):
    """{programme id: (pk, short citation, title when it has no number)}: what each
    clause line repeats of its programme, worked out once per programme."""
    return {p.pk: (p.pk, p.short_citation, "" if p.reference else p.title) for p in programmes}


def clause_sections(programmes, parties, *, start, end, as_of, today, named):
    """The programmes as ProgrammeSections in their order, each with its clauses in force
    on `as_of` as ClauseLines (status, notes, bodies and indicator figures); `parties`
    {programme id: (names, lead)} from `party_names` (a missing one: none named)."""
    programme_ids = [p.pk for p in programmes]
    successor_dates = successor_dates_of(programme_ids)
    supporting = supporting_names(programme_ids, named, end)
    indicators = indicator_lines(programme_ids, start, end)
    # The status labels translated once, not once per programme.
    labels = {value: str(label) for value, label in Programme.Status.choices}
    sections = {p.pk: section_of(p, parties.get(p.pk, ([], "")), labels) for p in programmes}
    cited = cited_as(programmes)
    in_force_from = {p.pk: p.in_force_from for p in programmes}
    as_of_status = status_field(as_of)
    for clause in clause_rows(programme_ids, [as_of], as_of):
        if in_force_from[clause.programme_id] > as_of or not clause_in_force(
            clause, successor_dates, as_of
        ):
            continue
        status = status_on(clause, getattr(clause, as_of_status), as_of, today)
        sections[clause.programme_id].clauses.append(
            clause_line(
                clause,
                cited[clause.programme_id],
                status,
                named.name(clause.lead_body_id, intern(clause.lead_body__name), end),
                supporting[clause.pk],
                indicators[clause.pk],
            )
        )
    return [sections[p.pk] for p in programmes]


def meeting_tasks(meetings):
    """(title, tasks) of the latest meetings that set tasks, oldest first."""
    rows = [(m.title, m.next_tasks) for m in meetings if m.next_tasks.strip()]
    return rows[-MEETING_TASKS_LIMIT:]


def scope_label(report):
    if report.programme_id:
        programme = report.programme
        if not programme.reference:
            return programme.title  # cited by its name, as the act is when it has no number
        return _("programme %(reference)s") % {"reference": programme.reference}
    # Named as they were at the end of the period (parties/models.py, `full_name_on`).
    if report.body_id:
        return report.body.full_name_on(report.period_end)
    return report.unit.full_name_on(report.period_end)


class ProgressLines:
    """The progress reported in the period on the programmes' clauses, as ProgressLines
    by date, programme and clause. Read from the database each time it is gone
    through, a few thousand reports at a time: a province's year holds hundreds of
    thousands, which the appendix does not print and the Excel copy writes as it reads."""

    CHUNK = 2000

    def __init__(self, programmes, start, end, named):
        self.references = {p.pk: p.short_citation for p in programmes}
        self.start, self.end, self.named = start, end, named

    def queryset(self):
        return ProgressReport.objects.filter(
            AnyOf(F("clause__programme_id"), list(self.references)),
            reported_on__gte=self.start,
            reported_on__lte=self.end,
        )

    def __len__(self):
        if not hasattr(self, "_count"):
            self._count = self.queryset().count()
        return self._count

    def __bool__(self):
        return len(self) > 0

    def figures(self):
        """{progress report id: ["indicator: amount unit", …]} for the period's reports."""
        values = IndicatorValue.objects.filter(report__in=self.queryset())
        return figure_texts(values, self.CHUNK)

    def __iter__(self):
        figures = self.figures()
        reports = (
            self.queryset()
            .order_by("reported_on", "pk")
            .values_list(*PROGRESS_COLUMNS)
            .iterator(chunk_size=self.CHUNK)
        )
        day, rows = None, []
        for pk, reported_on, programme_id, number, body_id, body, status, note in reports:
            if reported_on != day and rows:
                yield from sorted(rows, key=progress_order)
                rows = []
            day = reported_on
            rows.append(
                ProgressLine(
                    reported_on=reported_on,
                    programme_reference=self.references[programme_id],
                    clause_number=number,
                    # Named as it was when it reported.
                    reporting_body=self.named.name(body_id, body, reported_on),
                    status=status,
                    figures=figures.pop(pk, []),
                    note=note,
                )
            )
        yield from sorted(rows, key=progress_order)

    def __getitem__(self, index):
        return list(self)[index]


def progress_order(line):
    return (line.programme_reference, line.clause_number)


# What a meeting line reads of a meeting and its chair, as value rows (a province's
# year has some two thousand meetings, each with a dozen attendance rows).
MEETING_COLUMNS = (
    "pk",
    "starts_at",
    "title",
    "kind",
    "place",
    "chair__full_name",
    "chair_position",
    "conclusions",
    "results",
    "limitations",
    "next_tasks",
)
MEETING_KINDS = dict(Meeting.Kind.choices)


def meeting_lines(programme_ids, cited, start, end):
    """The meetings held in the period on the programmes; `cited` {programme id: (pk,
    short citation, title)} of the programmes covered. Read as value rows: the
    meetings, the programmes they concern and their attendance, a query each."""
    on_programmes = Meeting.programmes.through.objects.filter(
        AmongMany(F("programme_id"), programme_ids)
    )
    rows = list(
        Meeting.objects.filter(
            pk__in=on_programmes.values("meeting_id"),
            status=Meeting.Status.HELD,
            starts_at__date__gte=start,
            starts_at__date__lte=end,
        )
        .order_by("starts_at", "pk")
        .values_list(*MEETING_COLUMNS)
    )
    meeting_ids = [row[0] for row in rows]
    # A joint meeting may concern programmes outside the report: they stay unnamed.
    # In the programmes' own order (Programme.Meta.ordering), as the meeting lists them.
    references = defaultdict(list)
    concerned = (
        on_programmes.filter(AmongMany(F("meeting_id"), meeting_ids))
        .order_by(
            "meeting_id",
            F("programme__period_start").desc(),
            F("programme__year").desc(),
            F("programme__number").desc(nulls_last=True),
            "programme_id",
        )
        .values_list("meeting_id", "programme_id")
    )
    for meeting_id, programme_id in concerned:
        references[meeting_id].append(cited[programme_id][1])
    attendance = attendance_of(meeting_ids)
    # The zone looked up once: timezone.localtime looks it up again for each row.
    zone = timezone.get_current_timezone()
    return [
        MeetingLine(
            starts_at=starts_at.astimezone(zone),
            title=title,
            kind_label=str(MEETING_KINDS.get(kind, kind)),
            place=place,
            chair=name_and_position(chair, chair_position) if chair else "",
            chair_in_person=bool(chair) and not named_for_office(chair, chair_position),
            programme_references=references[pk],
            conclusions=conclusions,
            results=results,
            limitations=limitations,
            next_tasks=next_tasks,
            **attendance[pk],
        )
        for (
            pk,
            starts_at,
            title,
            kind,
            place,
            chair,
            chair_position,
            conclusions,
            results,
            limitations,
            next_tasks,
        ) in rows
    ]


def attendance_of(meeting_ids):
    """{meeting id: who was invited and came, stayed away, or sent someone in their
    place}, in the attendance's own order (Attendance.Meta.ordering)."""
    found = defaultdict(lambda: {"present": [], "absent": [], "deputies": []})
    rows = (
        Attendance.objects.filter(AnyOf(F("meeting_id"), meeting_ids), invited=True)
        .order_by("meeting_id", "official__body__name", "official__full_name", "pk")
        .values_list(
            "meeting_id", "official__full_name", "position", "present", "deputy", "deputy_position"
        )
    )
    sent = _("%(who)s (sent %(stand_in)s)")
    for meeting_id, name, position, present, deputy, deputy_position in rows:
        if present is None:
            continue  # nothing recorded (Attendance.state)
        lists = found[meeting_id]
        who = name_and_position(name, position)
        if present:
            lists["present"].append(who)
        elif not deputy:
            lists["absent"].append(who)
        else:
            stand_in = name_and_position(deputy, deputy_position)
            lists["deputies"].append(sent % {"who": who, "stand_in": stand_in})
    return found


def directive_lines(programme_ids, start, end, as_of, today, named):
    """Directives given by the period's end and not carried out before it began: those on
    the programmes covered, and those of their meetings that name no programme (a joint
    meeting's directive on another programme is that programme's). Read as value rows."""
    on_programmes = Meeting.programmes.through.objects.filter(
        AmongMany(F("programme_id"), programme_ids)
    )

    def given(where):
        return (
            Directive.objects.filter(where)
            .filter(meeting__starts_at__date__lte=end)
            .exclude(status=Directive.Status.DONE, completed_on__lt=start)
            .order_by()
            .values_list("pk", *DIRECTIVE_FIELDS, named=True)
        )

    # The two kinds apart, joined by UNION ALL (they cannot overlap: a programme or
    # none): ORed in one WHERE, PostgreSQL checked each row against a province's 13,000
    # programme ids one by one (0.36 s; 0.04 s apart).
    rows = (
        given(AmongMany(F("programme_id"), programme_ids))
        .union(
            given(Q(programme__isnull=True, meeting_id__in=on_programmes.values("meeting_id"))),
            all=True,
        )
        .order_by("meeting__starts_at", "pk")
    )
    lines = []
    zone = timezone.get_current_timezone()  # once, not per row (timezone.localtime)
    for d in rows:
        given_on = d.meeting__starts_at.astimezone(zone).date()
        status = Directive.status_on(d, as_of, today)
        lines.append(
            DirectiveLine(
                given_on=given_on,
                meeting_title=d.meeting__title,
                text=d.text,
                # Named as it was when the directive was given.
                addressed_body=named.name(d.addressed_body_id, d.addressed_body__name, given_on),
                given_by=d.given_by__full_name or "",
                deadline=d.deadline,
                status=status,
                completed_on=d.completed_on if status == "done" else None,
                follow_up_note=d.follow_up_note,
            )
        )
    return lines


# What a directive line reads of a directive and its meeting, bodies and people (a
# province's year has some 30,000 directives).
DIRECTIVE_FIELDS = (
    "text",
    "status",
    "deadline",
    "completed_on",
    "follow_up_note",
    "meeting__starts_at",
    "meeting__title",
    "addressed_body_id",
    "addressed_body__name",
    "given_by__full_name",
)


def clause_subjects():
    """ClauseLine.subject as a function, its wording translated once rather than for
    each of a province's hundred thousand clauses."""
    of_title = gettext("Clause %(number)s of %(title)s")
    of_programme = gettext("Clause %(number)s of programme %(reference)s")

    def subject(clause):
        if clause.programme_title:
            return of_title % {"number": clause.number, "title": clause.programme_title}
        return of_programme % {"number": clause.number, "reference": clause.programme_reference}

    return subject


def directive_subjects():
    """ "Directive of 05/01/2025" of a day as a function, worded once per day: a
    province's ten thousand open directives were given on a few hundred days."""
    of_day = gettext("Directive of %(date)s")  # translated once, not per directive
    written = {}

    def subject(day):
        text = written.get(day)
        if text is None:
            text = written[day] = of_day % {"date": day.strftime("%d/%m/%Y")}
        return text

    return subject


def concern_lines(clauses, directives):
    subject = clause_subjects()
    of_day = directive_subjects()
    rows = [
        ConcernLine(
            subject=subject(c),
            text=c.text,
            responsible=c.lead_body,
            status=c.status,
            status_label=c.status_label,
            note=c.note,
            due_date=c.due_date,
        )
        for c in clauses
        if c.is_concern
    ]
    rows += [
        ConcernLine(
            subject=of_day(d.given_on),
            text=d.text,
            responsible=d.addressed_body,
            status=d.status,
            status_label=d.status_label,
            note=d.follow_up_note,
            due_date=d.deadline,
        )
        for d in directives
        if d.status == "overdue"
    ]
    return rows


def total_lines(clauses):
    """Indicator figures summed across clauses and programmes, indicator by indicator:
    "Hội nghị chuyên đề" and "Hội nghị giao ban" stay apart though both count hội nghị."""
    totals = {}
    for clause in clauses:
        for indicator in clause.indicators:
            name, unit = " ".join(indicator.name.split()), indicator.unit.strip()
            key = (name.lower(), unit.lower())
            line = totals.setdefault(key, TotalLine(name, unit, Decimal(0), Decimal(0), Decimal(0)))
            line.in_period += indicator.in_period
            line.to_date += indicator.to_date
            line.target += indicator.target
    return sorted(totals.values(), key=lambda t: (sort_key(t.name), sort_key(t.unit)))


def task_lines(programmes, clauses, directives, nxt):
    """(tasks for the next period, late work). A task for the next period is an open
    clause or directive due within it, or with no deadline on a programme still in force
    then; open work whose deadline has passed is late (to finish without delay), never
    listed under a deadline in the past."""
    ends = {p.pk: p.period_end for p in programmes}
    tasks, late = [], []

    def place(row, due, runs_on):
        if due is not None and due < nxt.start:
            row.carried_over = True
            late.append(row)
        elif due is not None and due <= nxt.end or due is None and runs_on:
            tasks.append(row)

    subject = clause_subjects()
    of_day = directive_subjects()
    for c in clauses:
        if c.status in FINISHED:
            continue
        row = TaskLine(
            source=subject(c),
            text=c.text,
            responsible=c.lead_body,
            due_date=c.due_date,
        )
        place(row, c.due_date, ends[c.programme_id] >= nxt.start)
    for d in directives:
        if d.carried_out:
            continue
        row = TaskLine(
            source=of_day(d.given_on),
            text=d.text,
            responsible=d.addressed_body,
            due_date=d.deadline,
        )
        place(row, d.deadline, True)
    return tasks, late


# How many clauses the main document shows one by one; the appendix has them all.
NOTABLE_LIMIT = 40


def notable_lines(clauses):
    """The clauses the main document shows in full: those overdue or at risk first, then
    (while room is left) the others, so a small report reads whole and a large one stays
    short; every clause is in the appendix and the Excel copy."""
    concerns = [c for c in clauses if c.is_concern]
    if len(clauses) <= NOTABLE_LIMIT:
        return clauses
    return concerns[:NOTABLE_LIMIT]
