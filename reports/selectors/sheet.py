"""The rows of a report's Excel copy, as the database streams them (issue 12).

The Excel copy lists every clause and progress report of the scope: a province's year
holds a hundred thousand clauses and hundreds of thousands of reports. They are read by
values() queries a few thousand rows at a time (`iterator`), already in the order the
copy lists them, and handed on as tuples, never gathered; what a batch needs besides (the
supporting bodies and indicator figures of its clauses, the figures of its progress
reports) is read for that batch alone. The memory is a batch's whatever the scope.

The figures are those `report_content` gives (reports/selectors/content.py): the
same programmes, the clauses in force as of the period's end (or today), their status,
latest note and indicator sums, bodies named as on the period's end.
"""

from collections import defaultdict
from decimal import Decimal
from itertools import islice
from sys import intern

from django.db.models import Exists, F, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.text import Truncator

from agreements.models import Clause, Indicator, IndicatorValue, ProgressReport
from meetings.models import Directive, Meeting
from parties.models import Body
from reports.selectors.clauses import (
    BodyNamesOnDays,
    latest_report,
    programmes_in_period,
    status_on,
)
from reports.selectors.content import PROGRESS_COLUMNS, figure_texts

BATCH = 2000
# The programmes in the order the report lists them (as `programmes_covered`).
PROGRAMME_ORDER = ("period_start", "issuer__name", "number", "pk")


def batches(rows):
    rows = iter(rows)
    while batch := list(islice(rows, BATCH)):
        yield batch


def citations(programmes):
    """{programme id: (reference, short citation, title)} (Programme.reference and
    short_citation) of the report's programmes, read once: as many as the programmes,
    whatever the number of rows that cite them."""
    found = {}
    rows = programmes.order_by().values_list("pk", "number", "symbol", "issuer__kind", "title")
    for pk, number, symbol, kind, title in rows.iterator(chunk_size=BATCH):
        reference = "" if number is None else Body(kind=kind).format_reference(number, symbol)
        found[pk] = (reference, reference or Truncator(title).chars(70), title)
    return found


class SheetRows:
    """The report's rows for the Excel copy, each kind read as it is gone through."""

    def __init__(self, report, *, today=None):
        self.today = today or timezone.localdate()
        self.start, self.end = report.period_start, report.period_end
        self.as_of = min(self.end, self.today)
        self.programmes = programmes_in_period(
            programme=report.programme,
            body=report.body,
            unit=report.unit,
            start=self.start,
            end=self.end,
        )
        self.named = BodyNamesOnDays()
        self.citations = citations(self.programmes)

    def programme_count(self):
        return len(self.citations)

    def in_force(self):
        """The clauses in force on the report's day, on programmes signed by then: the
        wording an amendment had given by then, not yet replaced by a later one."""
        day = self.as_of
        replaced = Clause.objects.filter(replaces=OuterRef("pk"), amendment__date__lte=day)
        return (
            Clause.objects.filter(programme__in=self.programmes.values("pk"))
            .filter(
                Q(programme__signing__date__lte=day)
                | Q(programme__signing__date__isnull=True, programme__period_start__lte=day)
            )
            .exclude(amendment__date__gt=day)
            .exclude(Exists(replaced))
        )

    def clauses(self):
        """(row, status, lead body, [supporting bodies], [(name, unit, target, in period,
        to date)]) of each clause in force, in the report's order."""
        rows = (
            self.in_force()
            .annotate(
                latest_status=latest_report("status", self.as_of),
                latest_note=latest_report("note", self.as_of),
            )
            .order_by(*(f"programme__{field}" for field in PROGRAMME_ORDER), "number", "pk")
            .values_list(
                "pk",
                "programme_id",
                "programme__period_end",
                "number",
                "text",
                "lead_body_id",
                "lead_body__name",
                "due_date",
                "dropped_on",
                "latest_status",
                "latest_note",
                named=True,
            )
            .iterator(chunk_size=BATCH)
        )
        for batch in batches(rows):
            ids = [row.pk for row in batch]
            supporting, indicators = self.supporting(ids), self.indicators(ids)
            for row in batch:
                yield (
                    row,
                    status_on(row, row.latest_status, self.as_of, self.today),
                    self.named.name(row.lead_body_id, row.lead_body__name, self.end),
                    supporting.get(row.pk, ()),
                    indicators.get(row.pk, ()),
                )

    def supporting(self, clause_ids):
        names = defaultdict(list)
        rows = (
            Clause.supporting_bodies.through.objects.filter(clause_id__in=clause_ids)
            .order_by("clause_id", "body__unit__level", "body__unit__name", "body__name", "body_id")
            .values_list("clause_id", "body_id", "body__name")
        )
        for clause_id, body_id, name in rows:
            names[clause_id].append(self.named.name(body_id, intern(name), self.end))
        return names

    def indicators(self, clause_ids):
        """{clause id: [(name, unit, target, in the period, up to its end)]}: what was
        reported on the clause itself, summed by the database."""
        sums = {
            row["indicator_id"]: row
            for row in IndicatorValue.objects.filter(
                indicator__clause_id__in=clause_ids,
                report__clause_id=F("indicator__clause_id"),
                report__reported_on__lte=self.end,
            )
            .values("indicator_id")
            .annotate(
                to_date=Sum("value"),
                in_period=Sum("value", filter=Q(report__reported_on__gte=self.start)),
            )
            .order_by()
        }
        lines = defaultdict(list)
        for pk, clause_id, name, unit, target in (
            Indicator.objects.filter(clause_id__in=clause_ids)
            .order_by("clause_id", "pk")
            .values_list("pk", "clause_id", "name", "unit", "target")
        ):
            found = sums.get(pk, {})
            lines[clause_id].append(
                (
                    name,
                    unit,
                    target,
                    found.get("in_period") or Decimal(0),
                    found.get("to_date") or Decimal(0),
                )
            )
        return lines

    def progress(self):
        """(date, programme, clause number, reporting body as named that day, status,
        [figures], note) of each progress report of the period, by date, then in the
        report's order of programmes and clauses."""
        rows = (
            ProgressReport.objects.filter(
                clause__programme__in=self.programmes.values("pk"),
                reported_on__gte=self.start,
                reported_on__lte=self.end,
            )
            .order_by(
                "reported_on",
                *(f"clause__programme__{field}" for field in PROGRAMME_ORDER),
                "clause__number",
                "pk",
            )
            .values_list(*PROGRESS_COLUMNS)
            .iterator(chunk_size=BATCH)
        )
        for batch in batches(rows):
            figures = figure_texts(
                IndicatorValue.objects.filter(report_id__in=[row[0] for row in batch]), BATCH
            )
            for pk, day, programme_id, number, body_id, body, status, note in batch:
                yield (
                    day,
                    self.citations[programme_id][1],
                    number,
                    self.named.name(body_id, body, day),
                    status,
                    figures.get(pk, ()),
                    note,
                )

    def meetings(self):
        """The meetings held in the period on the programmes, oldest first."""
        kinds = {kind: str(label) for kind, label in Meeting.Kind.choices}
        rows = (
            Meeting.objects.filter(
                programmes__in=self.programmes.values("pk"),
                status=Meeting.Status.HELD,
                starts_at__date__gte=self.start,
                starts_at__date__lte=self.end,
            )
            .distinct()
            .order_by("starts_at", "pk")
            .values_list(
                "pk",
                "starts_at",
                "title",
                "kind",
                "place",
                "chair__full_name",
                "results",
                "limitations",
                "conclusions",
                "next_tasks",
            )
            .iterator(chunk_size=BATCH)
        )
        for _pk, starts_at, title, kind, place, chair, *texts in rows:
            yield (timezone.localtime(starts_at).date(), title, kinds.get(kind, kind), place,
                   chair or "", *texts)  # fmt: skip

    def directives(self):
        """(given on, meeting, text, addressed body as named that day, deadline, status as
        of the report's day, completed on, follow-up note) of the directives the report
        covers (as `directive_lines`)."""
        rows = (
            Directive.objects.filter(
                Q(programme__in=self.programmes.values("pk"))
                | Q(programme__isnull=True, meeting__programmes__in=self.programmes.values("pk"))
            )
            .filter(meeting__starts_at__date__lte=self.end)
            .exclude(status=Directive.Status.DONE, completed_on__lt=self.start)
            .distinct()
            .order_by("meeting__starts_at", "pk")
            .values_list(
                "pk",
                "meeting__starts_at",
                "meeting__title",
                "text",
                "addressed_body_id",
                "addressed_body__name",
                "deadline",
                "status",
                "completed_on",
                "follow_up_note",
            )
            .iterator(chunk_size=BATCH)
        )
        for _pk, starts_at, meeting, text, body_id, body, deadline, stored, completed, note in rows:
            given_on = timezone.localtime(starts_at).date()
            status = Directive(status=stored, completed_on=completed, deadline=deadline).status_on(
                self.as_of, self.today
            )
            yield (
                given_on,
                meeting,
                text,
                self.named.name(body_id, body, given_on) if body_id else "",
                deadline,
                status,
                completed if status == "done" else None,
                note,
            )
