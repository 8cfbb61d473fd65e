"""Which programmes and clauses a report covers, and how each clause stood on a day.

A clause's state on a day is its latest progress report up to that day,
overdue when its due date has passed undone, dropped from the day it was
dropped. A period that is over is read at its close: a clause due on its last
day and not done is overdue in it. An amendment's wording applies from the amendment's date.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from sys import intern
from typing import NamedTuple

from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.utils.text import Truncator

from agreements.models import (
    Amendment,
    Clause,
    ClauseStatus,
    Indicator,
    Programme,
    ProgrammeInvolvement,
    ProgrammeParty,
    ProgrammeReach,
    ProgressReport,
    Signing,
    overdue_cutoff,
)
from parties.models import Body, BodyName
from parties.rules import predecessors_of, unit_lineage
from reports.selectors.lookups import AnyOf
from reports.selectors.records import (
    STATUS_ORDER,
    ClauseLine,
    IndicatorLine,
    ProgrammeSection,
    StatusCount,
)

S = ClauseStatus


def programmes_in_period(*, programme=None, body=None, unit=None, start, end):
    """Programmes signed by the period's end and in force at some point of it."""
    programmes = (
        Programme.objects.exclude(status=Programme.Status.DRAFT)
        .filter(Programme.signed_by_q(end), period_start__lte=end, period_end__gte=start)
        .exclude(closed_on__lt=start)
    )
    if programme is not None:
        return programmes.filter(pk=programme.pk)
    # A body's programmes are those it (or a body it succeeded) is a party to or
    # supports a clause of; a unit's, those of its bodies and its predecessors', in the
    # unit itself or one or two levels below it (the tree's depth: unit_subtree). Read
    # from the tables agreements/reach.py keeps, not through every clause's supporters.
    if body is not None:
        involved = ProgrammeInvolvement.objects.filter(
            body_id__in=[body.pk, *predecessors_of(body)]
        )
        return programmes.filter(pk__in=involved.values("programme_id"))
    if unit is not None:
        lineage = unit_lineage(unit)
        own = ProgrammeInvolvement.objects.filter(
            body_id__in=Body.objects.filter(unit_id__in=lineage).values("pk")
        )
        below = ProgrammeReach.objects.filter(unit_id__in=lineage)
        return programmes.filter(
            Q(pk__in=own.values("programme_id")) | Q(pk__in=below.values("programme_id"))
        )
    return programmes


class ProgrammeRow(NamedTuple):
    """A programme as a report reads it, under Programme's own names (reference,
    short_citation, signed_on, in_force_from): a value row, not a model object with
    its issuer and signing (a province's 13,000 programmes took 0.7 s as objects)."""

    pk: int
    reference: str
    title: str
    period_start: date
    period_end: date
    status: str
    signed_on: date | None

    @property
    def short_citation(self):
        return self.reference or Truncator(self.title).chars(70)

    @property
    def in_force_from(self):
        return self.signed_on or self.period_start

    def get_status_display(self):
        return str(Programme.Status(self.status).label)


def programmes_covered(**scope_and_period):
    """The programmes a report covers in a stable order, as ProgrammeRows (only what a
    report prints of them: their long texts would make a province's sort spill to
    disk); their parties are read apart (`party_names`)."""
    rows = (
        programmes_in_period(**scope_and_period)
        .order_by("period_start", "issuer__name", "number", "pk")
        .values_list(*PROGRAMME_FIELDS)
    )
    return [
        ProgrammeRow(
            pk,
            "" if number is None else Body.reference_of_kind(kind, number, symbol),
            title,
            period_start,
            period_end,
            status,
            signed_on,
        )
        for pk, number, symbol, kind, title, period_start, period_end, status, signed_on in rows
    ]


PROGRAMME_FIELDS = (
    "pk",
    "number",
    "symbol",
    "issuer__kind",
    "title",
    "period_start",
    "period_end",
    "status",
    "signing__date",
)


def clause_in_force(clause, successor_dates, day):
    """Whether `clause` (a row of `clause_rows`) is the wording that applies on `day`:
    added by then, and not yet replaced by an amendment's successor."""
    if clause.amendment_id and clause.amendment__date > day:
        return False
    replaced_on = successor_dates.get(clause.pk)
    return not (replaced_on and replaced_on <= day)


def status_on(clause, latest_status, day, today):
    """A clause's status at the end of `day` if that day is over by `today`, else
    during it (Clause.effective_status on a row of `clause_rows`)."""
    return Clause.effective_status(
        clause, latest_status=latest_status, today=day, day_over=day < today
    )


def latest_report(field, day):
    """The `field` of the clause's latest progress report up to `day`, as a subquery."""
    reports = ProgressReport.objects.filter(clause=OuterRef("pk"), reported_on__lte=day)
    if field == "note":
        reports = reports.exclude(note__regex=r"^\s*$")
    return Subquery(reports.order_by("-reported_on", "-pk").values(field)[:1])


CLAUSE_FIELDS = (
    "pk",
    "programme_id",
    "number",
    "text",
    "lead_body_id",
    "lead_body__name",
    "cadence",
    "due_date",
    "amendment_id",
    "amendment__date",
    "amendment__title",
    "replaces_id",
    "dropped_on",
    "dropped_reason",
)


def status_field(day):
    return f"status_{day:%Y%m%d}"


def clause_rows(programme_ids, days, as_of):
    """Every clause of the programmes as a named tuple of CLAUSE_FIELDS, with its
    latest reported status up to each of `days` (attribute `status_field(day)`) and its
    latest note up to `as_of`: one query whatever the number of clauses, no progress
    report loaded, the rows read a few thousand at a time."""
    statuses = {status_field(day): latest_report("status", day) for day in days}
    return (
        Clause.objects.filter(AnyOf(F("programme_id"), programme_ids))
        .annotate(**statuses, latest_note=latest_report("note", as_of))
        .values_list(*CLAUSE_FIELDS, *statuses, "latest_note", named=True)
        .order_by("programme_id", "number", "pk")
        .iterator(chunk_size=5000)
    )


def successor_dates_of(programme_ids):
    """{clause id: the date of the amendment whose clause replaced it}."""
    return dict(
        Clause.objects.filter(AnyOf(F("programme_id"), programme_ids), replaces__isnull=False)
        .order_by()
        .values_list("replaces_id", "amendment__date")
    )


def supporting_names(programme_ids, named, day):
    """{clause id: [supporting body names as on `day`]}, in the bodies' own order;
    `named` a BodyNamesOnDays."""
    names = defaultdict(list)
    rows = (
        Clause.supporting_bodies.through.objects.filter(
            AnyOf(F("clause__programme_id"), programme_ids)
        )
        .order_by("clause_id", "body__unit__level", "body__unit__name", "body__name", "body_id")
        .values_list("clause_id", "body_id", "body__name")
    )
    for clause_id, body_id, name in rows.iterator(chunk_size=5000):
        # One copy of each name, not one per clause.
        names[clause_id].append(named.name(body_id, intern(name), day))
    return names


class BodyNamesOnDays:
    """Bodies' short names as borne on a day, for rows read as values: the former names
    of every renamed body in one query (a few rows; most bodies were never renamed)."""

    def __init__(self):
        self.former = defaultdict(list)
        for body_id, until, name in BodyName.objects.order_by("body_id", "used_until").values_list(
            "body_id", "used_until", "name"
        ):
            self.former[body_id].append((until, intern(name)))

    def name(self, body_id, present, day):
        """The name `body_id` bore on `day`; `present` its name now (Body.name_on)."""
        for until, name in self.former.get(body_id, ()):
            if until >= day:
                return name
        return present


def indicator_lines(programme_ids, start, end):
    """{clause id: [IndicatorLine]} with what was achieved in the period and up to its
    end, summed by the database (an indicator's values reported on its own clause): one
    GROUP BY from the indicators, their values joined to them."""
    counted = Q(values__report__clause_id=F("clause_id"), values__report__reported_on__lte=end)
    in_period = counted & Q(values__report__reported_on__gte=start)
    rows = (
        Indicator.objects.filter(AnyOf(F("clause__programme_id"), programme_ids))
        .annotate(
            to_date=Sum("values__value", filter=counted),
            in_period=Sum("values__value", filter=in_period),
        )
        .order_by("clause_id", "pk")
        .values_list("clause_id", "name", "unit", "target", "in_period", "to_date")
    )
    lines = defaultdict(list)
    for clause_id, name, unit, target, in_period, to_date in rows:
        lines[clause_id].append(
            IndicatorLine(
                name=name,
                unit=unit,
                target=target,
                in_period=in_period or Decimal(0),
                to_date=to_date or Decimal(0),
            )
        )
    return lines


def party_names(programme_ids, named, day):
    """{programme id: ([its parties' names], its lead party's name)}, the parties in
    their programme's order and named as on `day`; `named` a BodyNamesOnDays. Value rows
    read once for all: a province's year has some 64,000 parties."""
    found = defaultdict(lambda: ([], ""))
    rows = (
        ProgrammeParty.objects.filter(AnyOf(F("programme_id"), programme_ids))
        .order_by("programme_id", "-is_lead", "pk")
        .values_list("programme_id", "body_id", "body__name", "is_lead")
    )
    for programme_id, body_id, name, is_lead in rows.iterator(chunk_size=5000):
        names, lead = found[programme_id]
        name = named.name(body_id, intern(name), day)
        names.append(name)
        if is_lead and not lead:
            found[programme_id] = (names, name)
    return found


def section_of(programme, parties, status_labels=None):
    """The programme as a report's section; `parties` its (names, lead) from
    `party_names`; `status_labels` {status: its label}, translated once for all."""
    names, lead = parties
    return ProgrammeSection(
        pk=programme.pk,
        reference=programme.reference,
        title=programme.title,
        parties=names,
        lead=lead,
        period_start=programme.period_start,
        period_end=programme.period_end,
        signed_on=programme.signed_on,
        status_label=status_labels[programme.status]
        if status_labels
        else programme.get_status_display(),
    )


CADENCE_LABELS = {cadence.value: cadence.label for cadence in Clause.Cadence}


def clause_line(clause, programme, status, lead_body, supporting, indicators):
    """A row of `clause_rows` as the report prints it, its status on the report's
    day, `lead_body` its lead body's name as on the period's end; `programme` a
    (pk, short citation, title when it has no reference) of its programme."""
    programme_id, citation, title = programme
    return ClauseLine(
        pk=clause.pk,
        programme_reference=citation,
        programme_id=programme_id,
        programme_title=title,
        number=clause.number,
        text=clause.text,
        lead_body_id=clause.lead_body_id,
        lead_body=lead_body,
        supporting_bodies=supporting,
        cadence_label=CADENCE_LABELS[clause.cadence],
        due_date=clause.due_date,
        status=status,
        note=clause.latest_note or "",
        indicators=indicators,
        amendment_title=clause.amendment__title or "",
        dropped_reason=clause.dropped_reason if status == S.DROPPED else "",
    )


def status_by_body(clauses):
    rows = {}
    for clause in clauses:
        row = rows.setdefault(
            clause.lead_body_id,
            StatusCount(
                label=clause.lead_body,
                counts=dict.fromkeys(STATUS_ORDER, 0),
                key=clause.lead_body_id,
            ),
        )
        row.counts[clause.status] += 1
    return sorted(rows.values(), key=lambda r: r.label)


def status_over_time(programme_ids, days, as_of, today):
    """[StatusCount] of the clauses' statuses at the end of each of `days` (the (label,
    day) checkpoints) up to `as_of`: counted by the database in one query, each clause's
    latest report up to each day found along the index progress_clause_latest. The same
    rules as `clause_in_force` and `status_on` (tests/reports/test_gathering.py): a
    clause counts from its programme's and its amendment's day until its successor's,
    dropped from the day it was dropped, overdue once past due undone (a day that is
    over by `today` counts what fell due on it)."""
    days = [(label, day) for label, day in days if day <= as_of]
    counts = {day: dict.fromkeys(STATUS_ORDER, 0) for _label, day in days}
    if days and programme_ids:
        cutoffs = [overdue_cutoff(day, day_over=day < today) for _label, day in days]
        params = {
            "done": S.DONE.value,
            "overdue": S.OVERDUE.value,
            "dropped": S.DROPPED.value,
            "not_started": S.NOT_STARTED.value,
        }
        if connection.vendor == "postgresql":
            sql = STATUS_OVER_TIME_SQL.format(fence="OFFSET 0")
            params |= {
                "days": [day for _label, day in days],
                "cutoffs": cutoffs,
                "programmes": list(programme_ids),
            }
        else:
            sql, more = status_over_time_portable(days, cutoffs, programme_ids)
            params |= more
        # SQLite gives the day back as text.
        day_of = {str(day): day for _label, day in days}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for day, status, number in cursor.fetchall():
                counts[day_of.get(str(day), day)][status] += number
    return [StatusCount(label=label, counts=counts[day], key=day) for label, day in days]


def status_case(clause, day, cutoff, latest):
    """The SQL of a clause's status on `day` (status_on's rules), for both forms below."""
    return f"""CASE
           WHEN {clause}.dropped_on <= {day} THEN %(dropped)s
           WHEN COALESCE({latest}, %(not_started)s) <> %(done)s
                AND {clause}.due_date < {cutoff} THEN %(overdue)s
           ELSE COALESCE({latest}, %(not_started)s)
       END"""


def latest_status(clause, day):
    """The SQL of the status of a clause's latest progress report up to `day` (NULL or
    "not started" when none: status_case reads either alike). The status stored on the
    clause (ClauseQuerySet.status_refresh) when it has no report after that day and is
    not dropped (it is then its latest report's, or "not started"); else looked up along
    the index progress_clause_latest. At a year's end this spares a province about half
    of its 135,000 look-ups."""
    return f"""CASE
           WHEN {clause}.dropped_on IS NULL
                AND ({clause}.reported_on IS NULL OR {clause}.reported_on <= {day})
           THEN {clause}.stored_status
           ELSE (SELECT r.status FROM {ProgressReport._meta.db_table} r
                 WHERE r.clause_id = {clause}.id AND r.reported_on <= {day}
                 ORDER BY r.reported_on DESC, r.id DESC
                 LIMIT 1)
       END"""


# Each in-force row's latest status found once (OFFSET 0 keeps PostgreSQL from
# copying its look-up into each of status_case's three mentions); "{fence}" is that
# OFFSET 0 on PostgreSQL, nothing on SQLite (which needs no fence nor takes one).
STATUS_OVER_TIME_SQL = f"""
WITH days (day, cutoff) AS (
    SELECT * FROM unnest(%(days)s::date[], %(cutoffs)s::date[])
),
clauses AS (
    SELECT c.id, c.due_date, c.dropped_on, added.date AS added_on,
           COALESCE(signing.date, p.period_start) AS in_force_from,
           successor_amendment.date AS replaced_on,
           c.programme_id, c.lead_body_id, c.number, p.period_end AS programme_end,
           c.status AS stored_status, c.reported_on
    FROM {Clause._meta.db_table} c
    JOIN {Programme._meta.db_table} p ON p.id = c.programme_id
    LEFT JOIN {Signing._meta.db_table} signing ON signing.id = p.signing_id
    LEFT JOIN {Amendment._meta.db_table} added ON added.id = c.amendment_id
    LEFT JOIN {Clause._meta.db_table} successor
           ON successor.replaces_id = c.id AND successor.programme_id = ANY(%(programmes)s)
    LEFT JOIN {Amendment._meta.db_table} successor_amendment
           ON successor_amendment.id = successor.amendment_id
    WHERE c.programme_id = ANY(%(programmes)s)
)
SELECT x.day,
       {status_case("x", "x.day", "x.cutoff", "x.latest")} AS status,
       count(*)
FROM (
    SELECT days.day, days.cutoff, c.dropped_on, c.due_date,
           {latest_status("c", "days.day")} AS latest
    FROM clauses c
    JOIN days ON c.in_force_from <= days.day
             AND (c.added_on IS NULL OR c.added_on <= days.day)
             AND (c.replaced_on IS NULL OR c.replaced_on > days.day)
    {{fence}}
) x
GROUP BY 1, 2
"""  # noqa: S608 (table names from the models, every value a parameter)


def clauses_in_scope(programme_ids, params):
    """The `clauses` CTE of STATUS_OVER_TIME_SQL (each clause of the programmes with the
    dates it is in force between, its due and dropped dates), for this database: the
    programmes as an array on PostgreSQL, as IN (…) elsewhere; `params` takes theirs."""
    clauses = STATUS_OVER_TIME_SQL[
        STATUS_OVER_TIME_SQL.index("clauses AS (") : STATUS_OVER_TIME_SQL.index("SELECT x.day,")
    ]
    if connection.vendor == "postgresql":
        params["programmes"] = list(programme_ids)
        return clauses
    marks = []
    for i, pk in enumerate(programme_ids):
        params[f"programme{i}"] = int(pk)
        marks.append(f"%(programme{i})s")
    return clauses.replace("= ANY(%(programmes)s)", f"IN ({', '.join(marks)})")


IN_FORCE_ON = """c.in_force_from <= {day}
         AND (c.added_on IS NULL OR c.added_on <= {day})
         AND (c.replaced_on IS NULL OR c.replaced_on > {day})"""


def status_over_time_portable(days, cutoffs, programme_ids):
    """STATUS_OVER_TIME_SQL for a database without arrays or LATERAL (the embedded
    SQLite the app runs on with nothing set): the days as VALUES, the programmes as
    IN (…), each clause's latest status by `latest_status`; the same rules."""
    params = {}
    rows = []
    for i, ((_label, day), cutoff) in enumerate(zip(days, cutoffs, strict=True)):
        params[f"day{i}"], params[f"cutoff{i}"] = day, cutoff
        rows.append(f"(%(day{i})s, %(cutoff{i})s)")
    # The same statement from its clauses on (clauses_in_scope writes their IN (…)),
    # without the fence SQLite neither needs nor takes.
    clauses = clauses_in_scope(programme_ids, params)
    rest = STATUS_OVER_TIME_SQL[STATUS_OVER_TIME_SQL.index("SELECT x.day,") :].format(fence="")
    sql = f"WITH days (day, cutoff) AS (VALUES {', '.join(rows)}),\n{clauses}{rest}"
    return sql, params
