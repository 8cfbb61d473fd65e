"""Which programmes and clauses a report covers, and how each clause stood on a day.

A clause's state on a day is its latest progress report up to that day,
overdue when its due date has passed undone, dropped from the day it was
dropped. A period that is over is read at its close: a clause due on its last
day and not done is overdue in it. An amendment's wording applies from the amendment's date.
"""

from django.db.models import Prefetch, Q

from agreements.models import Clause, ClauseStatus, Programme, ProgrammeParty
from parties.models import unit_subtree
from parties.rules import predecessors_of, unit_lineage
from reports.periods import checkpoints
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
    # supports a clause of; a unit's, those of its bodies and its predecessors'.
    if body is not None:
        lineage = [body.pk, *predecessors_of(body)]
        parties = ProgrammeParty.objects.filter(body__in=lineage)
        supporters = Clause.supporting_bodies.through.objects.filter(body__in=lineage)
    elif unit is not None:
        lineage = unit_lineage(unit)
        parties = ProgrammeParty.objects.filter(unit_subtree("body__unit", lineage, "in"))
        supporters = Clause.supporting_bodies.through.objects.filter(
            unit_subtree("body__unit", lineage, "in")
        )
    else:
        return programmes
    return programmes.filter(
        Q(pk__in=parties.values("programme_id"))
        | Q(pk__in=supporters.values("clause__programme_id"))
    )


def programmes_covered(**scope_and_period):
    """The programmes a report covers, with their parties, in a stable order."""
    return (
        programmes_in_period(**scope_and_period)
        .select_related("issuer", "signing")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ProgrammeParty.objects.select_related("body").prefetch_related(
                    "body__former_names"
                ),
            )
        )
        .order_by("period_start", "issuer__name", "number", "pk")
    )


def clause_in_force(clause, successors, day):
    """The wording of the clause that applies on `day`."""
    if clause.amendment_id and clause.amendment.date > day:
        return False
    successor = successors.get(clause.pk)
    return not (successor and successor.amendment.date <= day)


def clause_status_on(clause, reports, day, today):
    """(status, latest report) of a clause at the end of `day` if that day is
    over by `today`, else during it; `reports` oldest first."""
    latest = None
    for report in reports:
        if report.reported_on > day:
            break
        latest = report
    status = clause.effective_status(
        latest_status=latest and latest.status, today=day, day_over=day < today
    )
    return status, None if status == S.DROPPED else latest


def latest_note(reports, day):
    notes = [r.note for r in reports if r.reported_on <= day and r.note.strip()]
    return notes[-1] if notes else ""


def section_of(programme, day):
    """The programme as a report's section, its parties named as on `day` (the end of
    the report's period: the names the work was done under)."""
    parties = list(programme.memberships.all())
    lead = next((p.body.name_on(day) for p in parties if p.is_lead), "")
    return ProgrammeSection(
        pk=programme.pk,
        reference=programme.reference,
        title=programme.title,
        parties=[p.body.name_on(day) for p in parties],
        lead=lead,
        period_start=programme.period_start,
        period_end=programme.period_end,
        signed_on=programme.signed_on,
        status_label=programme.get_status_display(),
    )


def clause_line(clause, programme, reports, start, end, as_of, today):
    status, _latest = clause_status_on(clause, reports, as_of, today)
    indicators = {
        i.pk: IndicatorLine(name=i.name, unit=i.unit, target=i.target)
        for i in clause.indicators.all()
    }
    for progress in reports:
        for value in progress.values.all():
            line = indicators.get(value.indicator_id)
            if line is None:
                continue
            line.to_date += value.value
            if progress.reported_on >= start:
                line.in_period += value.value
    return ClauseLine(
        pk=clause.pk,
        programme_reference=programme.short_citation,
        programme_id=programme.pk,
        programme_title="" if programme.reference else programme.title,
        number=clause.number,
        text=clause.text,
        lead_body_id=clause.lead_body_id,
        lead_body=clause.lead_body.name_on(end),
        supporting_bodies=[b.name_on(end) for b in clause.supporting_bodies.all()],
        cadence_label=clause.get_cadence_display(),
        due_date=clause.due_date,
        status=status,
        note=latest_note(reports, as_of),
        indicators=list(indicators.values()),
        amendment_title=clause.amendment.title if clause.amendment_id else "",
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


def status_over_time(programmes, clauses, successors, reports_of, start, end, as_of, today):
    """Clause statuses at the end of each quarter (or year) up to the period's end."""
    signed = {p.pk: p.in_force_from for p in programmes}
    columns = []
    for label, day in checkpoints(start, end):
        if day > as_of:
            break
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for clause in clauses:
            if signed[clause.programme_id] > day or not clause_in_force(clause, successors, day):
                continue
            status, _latest = clause_status_on(clause, reports_of[clause.pk], day, today)
            counts[status] += 1
        columns.append(StatusCount(label=label, counts=counts, key=day))
    return columns
