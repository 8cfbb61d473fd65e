"""The rows of a report's Excel copy, as the database streams them (issue 12).

The Excel copy lists every clause and progress report of the scope: a province's year
holds a hundred thousand clauses and hundreds of thousands of reports. They are read by
values() queries a few thousand rows at a time (server-side cursors), already in the
order the copy lists them, and handed on as tuples, never gathered. What a row needs
besides (a clause's supporting bodies and indicator figures, a progress report's
figures) is a query of its own streamed alongside in the same order
(reports/selectors/streams.py): a handful of queries whatever the scope, no list of
ids sent, the memory a chunk's per query.

The figures are those `report_content` gives (reports/selectors/content.py): the
same programmes, the clauses in force as of the period's end (or today), their status,
latest note and indicator sums, bodies named as on the period's end.
"""

from decimal import Decimal
from sys import intern

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery, Sum
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
from reports.selectors.content import PROGRESS_COLUMNS, amount_writer
from reports.selectors.streams import Alongside, streamed

# The programmes in the order the report lists them (as `programmes_covered`).
PROGRAMME_ORDER = ("period_start", "issuer__name", "number", "pk")


def clause_order(via=""):
    """The report's order of clauses, for a query of `via` (e.g. "clause__") them."""
    return (*(f"{via}programme__{field}" for field in PROGRAMME_ORDER), f"{via}number", f"{via}pk")


def citations(programmes):
    """{programme id: (reference, short citation, title)} (Programme.reference and
    short_citation) of the report's programmes, read once: as many as the programmes,
    whatever the number of rows that cite them."""
    found = {}
    rows = programmes.order_by().values_list("pk", "number", "symbol", "issuer__kind", "title")
    for pk, number, symbol, kind, title in streamed(rows):
        reference = "" if number is None else Body.reference_of_kind(kind, number, symbol)
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
        """Whether a clause is in force on the report's day, as an expression: on a
        programme signed by then, in the wording an amendment had given by then, not yet
        replaced by a later one."""
        day = self.as_of
        replaced = Clause.objects.filter(replaces=OuterRef("pk"), amendment__date__lte=day)
        return ExpressionWrapper(
            (
                Q(programme__signing__date__lte=day)
                | Q(programme__signing__date__isnull=True, programme__period_start__lte=day)
            )
            & (Q(amendment__isnull=True) | Q(amendment__date__lte=day))
            & ~Exists(replaced),
            output_field=BooleanField(),
        )

    def clauses(self):
        """(row, status, lead body, [supporting bodies], [(name, unit, target, in period,
        to date)]) of each clause in force, in the report's order. The programmes'
        clauses, their supporting bodies and their indicators are three queries streamed
        side by side in that order (reports/selectors/streams.py); a clause not in force
        is passed over with its rows."""
        programme_ids = list(self.citations)
        rows = streamed(
            Clause.objects.filter(programme_id__in=programme_ids)
            .annotate(
                in_force=self.in_force(),
                latest_status=latest_report("status", self.as_of),
                latest_note=latest_report("note", self.as_of),
            )
            .order_by(*clause_order())
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
                "in_force",
                "latest_status",
                "latest_note",
                named=True,
            )
        )
        supporting = Alongside(streamed(self.supporting(programme_ids)))
        indicators = Alongside(streamed(self.indicators(programme_ids)))
        for row in rows:
            bodies, lines = supporting.take(row.pk), indicators.take(row.pk)
            if not row.in_force:
                continue
            yield (
                row,
                status_on(row, row.latest_status, self.as_of, self.today),
                self.named.name(row.lead_body_id, row.lead_body__name, self.end),
                [self.named.name(body_id, intern(name), self.end) for _c, body_id, name in bodies],
                [
                    (name, unit, target, in_period or Decimal(0), to_date or Decimal(0))
                    for _c, name, unit, target, in_period, to_date in lines
                ],
            )
        supporting.finish()
        indicators.finish()

    @staticmethod
    def supporting(programme_ids):
        """(clause id, body id, name) of the supporting bodies of the programmes'
        clauses, in the clauses' order and each clause's in the bodies' own."""
        return (
            Clause.supporting_bodies.through.objects.filter(clause__programme_id__in=programme_ids)
            .order_by(
                *clause_order("clause__"),
                "body__unit__level",
                "body__unit__name",
                "body__name",
                "body_id",
            )
            .values_list("clause_id", "body_id", "body__name")
        )

    def indicators(self, programme_ids):
        """(clause id, name, unit, target, in the period, up to its end) of the
        indicators of the programmes' clauses, in the clauses' order: what was reported
        on the clause itself, summed by the database indicator by indicator."""
        values = (
            IndicatorValue.objects.filter(
                indicator=OuterRef("pk"),
                report__clause_id=OuterRef("clause_id"),
                report__reported_on__lte=self.end,
            )
            .order_by()
            .values("indicator")
        )

        def total(values):
            return Subquery(values.annotate(total=Sum("value")).values("total"))

        return (
            Indicator.objects.filter(clause__programme_id__in=programme_ids)
            .annotate(
                to_date=total(values),
                in_period=total(values.filter(report__reported_on__gte=self.start)),
            )
            .order_by(*clause_order("clause__"), "pk")
            .values_list("clause_id", "name", "unit", "target", "in_period", "to_date")
        )

    def progress(self):
        """(date, programme, clause number, reporting body as named that day, status,
        [figures], note) of each progress report of the period, by date, then in the
        report's order of programmes and clauses; the reports and their figures are two
        queries streamed side by side in that order."""
        order = (
            "reported_on",
            *(f"clause__programme__{field}" for field in PROGRAMME_ORDER),
            "clause__number",
            "pk",
        )
        rows = streamed(
            ProgressReport.objects.filter(
                clause__programme__in=self.programmes.values("pk"),
                reported_on__gte=self.start,
                reported_on__lte=self.end,
            )
            .order_by(*order)
            .values_list(*PROGRESS_COLUMNS)
        )
        figures = Alongside(
            streamed(
                IndicatorValue.objects.filter(
                    report__clause__programme__in=self.programmes.values("pk"),
                    report__reported_on__gte=self.start,
                    report__reported_on__lte=self.end,
                )
                .order_by(*(f"report__{field}" for field in order), "pk")
                .values_list("report_id", "indicator__name", "value", "indicator__unit")
            )
        )
        amount_text = amount_writer()
        for pk, day, programme_id, number, body_id, body, status, note in rows:
            yield (
                day,
                self.citations[programme_id][1],
                number,
                self.named.name(body_id, body, day),
                status,
                # As content.figure_texts words them.
                [
                    f"{name}: {amount_text(value, unit)}"
                    for _r, name, value, unit in figures.take(pk)
                ],
                note,
            )
        figures.finish()

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
        )
        rows = streamed(rows)
        zone = timezone.get_current_timezone()  # once, not per row (timezone.localtime)
        for _pk, starts_at, title, kind, place, chair, *texts in rows:
            yield (starts_at.astimezone(zone).date(), title, kinds.get(kind, kind), place,
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
        )
        rows = streamed(rows)
        zone = timezone.get_current_timezone()
        for _pk, starts_at, meeting, text, body_id, body, deadline, stored, completed, note in rows:
            given_on = starts_at.astimezone(zone).date()
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
