"""The main document's content at scale: what it counts, counted by the database; in
full, only the clauses it prints.

A province's year holds some 150,000 clauses and its report prints about thirty of
them. `document_content` counts the clauses by programme, lead body and status on the
report's day (the status as `status_case` writes it, reports/selectors/clauses.py),
with how many are overdue or at risk unexplained, due next period or already late, in
one GROUP BY; then reads in full (reports/selectors/content.py, `clause_sections`)
only the programmes that hold the first clauses it lists (overdue or at risk, tasks,
late work). A small scope, whose programmes or clauses the document prints one by one,
is read whole (`gathered`). The appendix and the Excel copy read whole too.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal
from sys import intern

from django.db import connection, transaction
from django.utils import timezone

from agreements.models import (
    Indicator,
    IndicatorValue,
    Programme,
    ProgressReport,
    overdue_cutoff,
)
from parties.models import Body
from reports.periods import checkpoints, next_period, period_label
from reports.selectors.clauses import (
    IN_FORCE_ON,
    BodyNamesOnDays,
    clauses_in_scope,
    latest_status,
    section_of,
    status_case,
    status_over_time,
)
from reports.selectors.content import (
    NOTABLE_LIMIT,
    ProgressLines,
    cited_as,
    clause_sections,
    concern_lines,
    directive_lines,
    gathered,
    gathering_settings,
    meeting_lines,
    meeting_tasks,
    report_programmes,
    scope_label,
    sort_key,
    task_lines,
)
from reports.selectors.records import (
    CONCERNS,
    STATUS_ORDER,
    Counted,
    ProgrammeCounts,
    ReportContent,
    StatusCount,
    TotalLine,
)

# How many of each list's first lines the document prints at most (reports/rendering.py,
# LIMITS; reports/narrative.py names the first ten late tasks): the clauses read in full
# are those of the programmes that hold them.
PRINTED = {"concerns": NOTABLE_LIMIT, "tasks": 30, "late": 10}

# What a clause counts under as a task (content.task_lines' rules): none, one for the
# next period, late (open past a deadline before the next period).
NO_TASK, NEXT_TASK, LATE_TASK = 0, 1, 2


def document_content(report, *, today=None, programmes_listed):
    """The content the main document prints (reports/rendering.py, `report_context`),
    its figures those of `report_content`. Past `programmes_listed` programmes and
    NOTABLE_LIMIT clauses its sections hold no clause nor party (the document lists
    neither) and `counted` holds its counts."""
    today = today or timezone.localdate()
    with transaction.atomic(), gathering_settings():
        start, end = report.period_start, report.period_end
        programmes = report_programmes(report)
        if len(programmes) <= programmes_listed:
            return gathered(report, today=today, programmes=programmes)
        nxt = next_period(start, end)
        as_of = min(end, today)
        tally = ClauseTallies(programmes, as_of=as_of, today=today, nxt=nxt)
        if tally.total <= NOTABLE_LIMIT:
            return gathered(report, today=today, programmes=programmes)
        return counted_content(report, programmes, tally, today=today, as_of=as_of, nxt=nxt)


def counted_content(report, programmes, tally, *, today, as_of, nxt):
    start, end = report.period_start, report.period_end
    programme_ids = [p.pk for p in programmes]
    named = BodyNamesOnDays()
    labels = {value: str(label) for value, label in Programme.Status.choices}
    sections = UnlistedSections(programmes, labels)
    by_programme = ProgrammeCounts(
        sections, [StatusCount(label="", counts=tally.of_programme(p.pk)) for p in programmes]
    )
    by_body = tally.by_body(named, end)
    # The clauses printed: those of the programmes holding the first of each list.
    read = tally.programmes_printed(programmes)
    lines = [
        c
        for s in clause_sections(
            read, {}, start=start, end=end, as_of=as_of, today=today, named=named
        )
        for c in s.clauses
    ]
    meetings = meeting_lines(programme_ids, cited_as(programmes), start, end)
    directives = directive_lines(programme_ids, start, end, as_of, today, named)
    clause_tasks, clause_late = task_lines(read, lines, [], nxt)
    directive_tasks, directive_late = task_lines([], [], directives, nxt)
    overdue_directives = [d for d in directives if d.status == "overdue"]
    concern_bodies = Counter()
    for row in by_body:
        concerns = sum(row.counts[status] for status in CONCERNS)
        if concerns:
            concern_bodies[row.label] += concerns
    for d in overdue_directives:
        concern_bodies[d.addressed_body] += 1
    counted = Counted(
        clauses=StatusCount(label="", counts=tally.counts),
        concerns=tally.concerns + len(overdue_directives),
        unexplained=tally.unexplained
        + sum(1 for d in overdue_directives if not d.follow_up_note.strip()),
        concern_bodies=concern_bodies,
        next_tasks=tally.tasks[NEXT_TASK] + len(directive_tasks),
        late_tasks=tally.tasks[LATE_TASK] + len(directive_late),
    )
    return ReportContent(
        kind=report.kind,
        period_start=start,
        period_end=end,
        as_of=as_of,
        period_label=period_label(start, end),
        next_period_label=period_label(nxt.start, nxt.end),
        scope_label=scope_label(report),
        issuer_name=report.issuing_body.name,
        programmes=sections,
        progress=ProgressLines(programmes, start, end, named),
        meetings=meetings,
        directives=directives,
        status_by_body=by_body,
        by_programme=by_programme,
        concerns=concern_lines(lines, directives),
        totals=indicator_totals(programmes, start=start, end=end, as_of=as_of),
        next_tasks=clause_tasks + directive_tasks,
        late_tasks=clause_late + directive_late,
        next_period_start=nxt.start,
        next_period_end=nxt.end,
        notable=[c for c in lines if c.is_concern][:NOTABLE_LIMIT],
        meeting_next_tasks=meeting_tasks(meetings),
        status_over_time=counts_over_time(
            tally, programme_ids, checkpoints(start, end), as_of, today
        ),
        counted=counted,
    )


class UnlistedSections(Sequence):
    """The programmes' sections in a document at scale, which lists none of them (it
    says how many there are, its table names those with most concerns): no clause nor
    party, each made only when read rather than a province's 13,000 at once."""

    def __init__(self, programmes, labels):
        self.programmes, self.labels = programmes, labels

    def section(self, programme):
        return section_of(programme, ([], ""), self.labels)

    def __len__(self):
        return len(self.programmes)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.section(p) for p in self.programmes[index]]
        return self.section(self.programmes[index])

    def __iter__(self):
        return map(self.section, self.programmes)


def counts_over_time(tally, programme_ids, days, as_of, today):
    """status_over_time, the report's own day (when a checkpoint) taken from the tally
    rather than counted once more."""
    earlier = [(label, day) for label, day in days if day < as_of]
    rows = status_over_time(programme_ids, earlier, as_of, today)
    rows += [
        StatusCount(label=label, counts=dict(tally.counts), key=day)
        for label, day in days
        if day == as_of
    ]
    return rows


# The clauses in force on the day by programme, lead body, status on the day, whether
# overdue or at risk with nothing ever said of why (no note: ConcernLine.explained), and
# as what task they count; with the first (number, id) of each group, for the order
# the clauses are listed in. {latest} each clause's latest status up to the day.
TALLY_SQL = """
WITH {clauses}
SELECT x.programme_id, x.lead_body_id, x.status,
       CASE WHEN x.status IN (%(at_risk)s, %(overdue)s) AND NOT EXISTS (
                SELECT 1 FROM {report} r
                WHERE r.clause_id = x.id AND r.reported_on <= %(day)s
                  AND NOT (r.note {regex} %(blank)s))
            THEN 1 ELSE 0 END,
       CASE WHEN x.status IN (%(done)s, %(dropped)s) THEN {no_task}
            WHEN x.due_date < %(next_start)s THEN {late}
            WHEN x.due_date <= %(next_end)s
                 OR x.due_date IS NULL AND x.programme_end >= %(next_start)s THEN {task}
            ELSE {no_task} END,
       COUNT(*),
       MIN(x.number * 4294967296 + x.id)
FROM (
    SELECT y.*, {status} AS status
    FROM ({latest}) y
) x
GROUP BY 1, 2, 3, 4, 5
"""

# Each clause in force with its latest status (`latest_status`), found once per clause:
# "{fence}" is OFFSET 0 on PostgreSQL (reports/selectors/clauses.py, STATUS_OVER_TIME_SQL).
LATEST = f"""
    SELECT c.*, {latest_status("c", "%(day)s")} AS latest FROM clauses c
    WHERE {IN_FORCE_ON.format(day="%(day)s")}
    {{fence}}"""


class ClauseTallies:
    """The clauses of the programmes in force on `as_of`, counted by TALLY_SQL."""

    def __init__(self, programmes, *, as_of, today, nxt):
        self.position = {p.pk: i for i, p in enumerate(programmes)}
        self.counts = dict.fromkeys(STATUS_ORDER, 0)
        self.programmes = defaultdict(lambda: dict.fromkeys(STATUS_ORDER, 0))
        self.bodies = {}
        # {programme id: [concerns, tasks, late tasks]}
        self.listed = defaultdict(lambda: [0, 0, 0])
        self.tasks = [0, 0, 0]
        # A province's tally has some 90,000 rows: the loop reads locals, and makes a
        # body's or a programme's counts only for its first row.
        counts, programme_counts, bodies, listed_of, tasks = (
            self.counts,
            self.programmes,
            self.bodies,
            self.listed,
            self.tasks,
        )
        position, zero = self.position, dict.fromkeys(STATUS_ORDER, 0)
        concerns = unexplained_concerns = 0
        for programme_id, body_id, status, unexplained, task, number, first in self.rows(
            programmes, as_of, today, nxt
        ):
            counts[status] += number
            programme_counts[programme_id][status] += number
            key = (position[programme_id], first)
            body = bodies.get(body_id)
            if body is None:
                body = bodies[body_id] = [key, zero.copy()]
            elif key < body[0]:
                body[0] = key
            body[1][status] += number
            tasks[task] += number
            listed = listed_of[programme_id]
            if task != NO_TASK:
                listed[task] += number
            if status in CONCERNS:
                concerns += number
                unexplained_concerns += number * unexplained
                listed[0] += number
        self.concerns, self.unexplained = concerns, unexplained_concerns
        self.total = sum(self.counts.values())

    def rows(self, programmes, as_of, today, nxt):
        params = {
            "day": as_of,
            "cutoff": overdue_cutoff(as_of, day_over=as_of < today),
            "next_start": nxt.start,
            "next_end": nxt.end,
            "blank": r"^\s*$",
            **{status.name.lower(): status.value for status in STATUS_ORDER},
        }
        postgres = connection.vendor == "postgresql"
        report_table = ProgressReport._meta.db_table
        latest = LATEST.format(fence="OFFSET 0" if postgres else "")
        sql = TALLY_SQL.format(
            clauses=clauses_in_scope([p.pk for p in programmes], params),
            report=report_table,
            regex="~" if postgres else "REGEXP",
            status=status_case("y", "%(day)s", "%(cutoff)s", "y.latest"),
            latest=latest,
            no_task=NO_TASK,
            task=NEXT_TASK,
            late=LATE_TASK,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def of_programme(self, programme_id):
        return dict(self.programmes.get(programme_id) or dict.fromkeys(STATUS_ORDER, 0))

    def by_body(self, named, day):
        """[StatusCount] by lead body, named as on `day`, in status_by_body's order: by
        name, bodies of one name as their first clause comes."""
        names = dict(Body.objects.filter(pk__in=list(self.bodies)).values_list("pk", "name"))
        rows = [
            (first, StatusCount(named.name(pk, intern(names[pk]), day), counts, key=pk))
            for pk, (first, counts) in self.bodies.items()
        ]
        rows.sort(key=lambda row: row[0])
        return sorted((row for _first, row in rows), key=lambda r: r.label)

    def programmes_printed(self, programmes):
        """The programmes, in order, up to those holding the first PRINTED concerns,
        tasks and late tasks."""
        seen = [0, 0, 0]
        limits = [PRINTED["concerns"], PRINTED["tasks"], PRINTED["late"]]
        chosen = []
        for p in programmes:
            listed = self.listed.get(p.pk)
            if not listed:
                continue
            if any(n and seen[i] < limits[i] for i, n in enumerate(listed)):
                chosen.append(p)
            seen = [a + b for a, b in zip(seen, listed, strict=True)]
            if all(seen[i] >= limits[i] for i in range(3)):
                break
        return chosen


# The indicators of the clauses in force on the day, by name and unit: their targets,
# and the values reported on their own clause in the period and up to its end.
TOTALS_SQL = """
WITH {clauses},
in_force AS (SELECT c.id FROM clauses c WHERE {in_force}),
reached AS (
    SELECT i.id AS indicator_id,
           SUM(CASE WHEN r.reported_on >= %(start)s THEN v.value END) AS in_period,
           SUM(v.value) AS to_date
    FROM in_force c
    JOIN {indicator} i ON i.clause_id = c.id
    JOIN {report} r ON r.clause_id = c.id AND r.reported_on <= %(end)s
    JOIN {value} v ON v.report_id = r.id AND v.indicator_id = i.id
    GROUP BY i.id
)
SELECT i.name, i.unit, SUM(i.target), SUM(reached.in_period), SUM(reached.to_date)
FROM {indicator} i
JOIN in_force c ON c.id = i.clause_id
LEFT JOIN reached ON reached.indicator_id = i.id
GROUP BY i.name, i.unit
"""


def totals_sql(programme_ids, day, params):
    return TOTALS_SQL.format(
        clauses=clauses_in_scope(programme_ids, params),
        in_force=IN_FORCE_ON.format(day="%(day)s"),
        value=IndicatorValue._meta.db_table,
        report=ProgressReport._meta.db_table,
        indicator=Indicator._meta.db_table,
    )


def amount(value):
    """A sum as a Decimal of two places, as the ORM reads one (SQLite sums to a float)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def indicator_totals(programmes, *, start, end, as_of):
    """content.total_lines of the clauses in force on `as_of`, summed by the database by
    indicator name and unit; each total named as its first indicator in the clauses'
    order is (by programme, number and id)."""
    programme_ids = [p.pk for p in programmes]
    params = {"day": as_of, "start": start, "end": end}
    with connection.cursor() as cursor:
        cursor.execute(totals_sql(programme_ids, as_of, params), params)
        rows = cursor.fetchall()
    groups = defaultdict(list)
    for name, unit, target, in_period, to_date in rows:
        shown = (" ".join(name.split()), unit.strip())
        groups[(shown[0].lower(), shown[1].lower())].append(
            (name, unit, shown, [amount(target), amount(in_period), amount(to_date)])
        )
    position = {p.pk: i for i, p in enumerate(programmes)}
    totals = []
    for variants in groups.values():
        written = {shown for _n, _u, shown, _s in variants}
        name, unit = (
            written.pop()
            if len(written) == 1
            else first_shown(programme_ids, as_of, variants, position)
        )
        line = TotalLine(name, unit, Decimal(0), Decimal(0), Decimal(0))
        for _name, _unit, _shown, (target, in_period, to_date) in variants:
            line.target += target
            line.in_period += in_period
            line.to_date += to_date
        totals.append(line)
    return sorted(totals, key=lambda t: (sort_key(t.name), sort_key(t.unit)))


def first_shown(programme_ids, day, variants, position):
    """(name, unit) as the first of these variants in the clauses' order is written
    (rare: one indicator written two ways)."""
    params = {"day": day}
    clauses = clauses_in_scope(programme_ids, params)
    wanted = []
    for i, (name, unit, _shown, _sums) in enumerate(variants):
        params[f"name{i}"], params[f"unit{i}"] = name, unit
        wanted.append(f"(i.name = %(name{i})s AND i.unit = %(unit{i})s)")
    sql = f"""
WITH {clauses}
SELECT c.programme_id, c.number, c.id, i.id, i.name, i.unit
FROM {Indicator._meta.db_table} i JOIN clauses c ON c.id = i.clause_id
WHERE {IN_FORCE_ON.format(day="%(day)s")} AND ({" OR ".join(wanted)})
"""  # noqa: S608 (table names from the models, every value a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    *_, name, unit = min(rows, key=lambda r: (position[r[0]], r[1], r[2], r[3]))
    return " ".join(name.split()), unit.strip()
