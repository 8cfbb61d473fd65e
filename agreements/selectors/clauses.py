"""Clauses with their current status, computed in the database so lists can filter,
sort and paginate on it."""

from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    Case,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from agreements.models import (
    OPEN_STATUSES,
    Clause,
    ClauseCount,
    ClauseStatus,
    Indicator,
    Programme,
    ProgressReport,
    overdue_cutoff,
    stale_cutoff,
)
from agreements.rules import (
    programme_visible_row_by_row,
    programme_visible_to,
    programme_visible_to_counted,
    programme_visible_to_in_a_count,
    visible_programmes,
)

S = ClauseStatus

# Overdue first, then at risk, then the rest; finished work last.
URGENCY = [S.OVERDUE, S.AT_RISK, S.STALE, S.ON_TRACK, S.NOT_STARTED, S.DONE, S.DROPPED]


def clause_latest_statuses(*, clause_ids, on=None):
    """{clause id: status of its latest progress report (up to `on`)}, in one query."""
    reports = ProgressReport.objects.filter(clause_id__in=clause_ids)
    if on is not None:
        reports = reports.filter(reported_on__lte=on)
    latest = reports.filter(clause_id=OuterRef("clause_id")).order_by("-reported_on", "-pk")
    rows = reports.filter(pk=Subquery(latest.values("pk")[:1])).values_list("clause_id", "status")
    return dict(rows)


def clauses_with_status(queryset, *, today, ranked=True):
    """Annotate `latest_status`, `latest_note`, `latest_reported_on` (from the stored
    latest report), `current_status` (Clause.status_sql) and, `ranked`, `urgency` (lists
    sorted by it; its CASE of seven statuses took half the compiling of the query)."""
    queryset = queryset.annotate(
        latest_status=F("latest_report__status"),
        latest_note=F("latest_report__note"),
        latest_reported_on=F("reported_on"),
        current_status=Clause.status_sql(today),
    )
    if not ranked:
        return queryset
    return queryset.annotate(
        urgency=Case(
            *[When(current_status=s.value, then=Value(i)) for i, s in enumerate(URGENCY)],
            default=Value(len(URGENCY)),
            output_field=IntegerField(),
        )
    )


def _urgency_segments(today):
    """[(index in URGENCY, condition, undated)]: each urgency (as Clause.status_is_sql
    gives it) cut into ranges of one index in the list's order: clause_open_due_date
    for open work past due, clause_urgency (status, due_date) for the rest, the dated
    first, then (`undated`) those without a due date, as ORDER BY due_date puts them."""
    S = ClauseStatus
    due = overdue_cutoff(today)
    dated, undated = Q(due_date__isnull=False), Q(due_date__isnull=True)
    stale = Q(status=S.ON_TRACK.value, reported_on__lt=stale_cutoff(today))
    fresh = Q(status=S.ON_TRACK.value) & ~Q(reported_on__lt=stale_cutoff(today))
    segments = [
        (S.OVERDUE, Q(status__in=[s.value for s in OPEN_STATUSES], due_date__lt=due), False),
        (S.OVERDUE, Q(status=S.OVERDUE.value, due_date__gte=due), False),
        (S.OVERDUE, Q(status=S.OVERDUE.value) & undated, True),
    ]
    for status, condition in [
        (S.AT_RISK, Q(status=S.AT_RISK.value)),
        (S.STALE, stale),
        (S.ON_TRACK, fresh),
        (S.NOT_STARTED, Q(status=S.NOT_STARTED.value)),
    ]:
        segments += [
            (status, condition & Q(due_date__gte=due), False),
            (status, condition & undated, True),
        ]
    for status in (S.DONE, S.DROPPED):
        segments += [
            (status, Q(status=status.value) & dated, False),
            (status, Q(status=status.value) & undated, True),
        ]
    return [(URGENCY.index(status), condition, bare) for status, condition, bare in segments]


class UrgencyPages:
    """Clauses in urgency order (URGENCY, then `order`), pageable by Paginator without
    computing and sorting every visible clause's urgency (a date decides it, so no index
    gives that order; bench/INDEXES.md).

    `clauses` holds the list's filters but visibility. The count is a plain COUNT with
    the set of programmes the user sees hashed once, or, given `counted` (the ClauseCount
    rows of exactly the clauses `clauses` holds, visible or not), the sum of those rows
    the user sees: one a programme, not one a clause. With `walk` (many clauses, e.g.
    every visible one), a page [start, stop) is among the first `stop` rows of each
    segment of an urgency (_urgency_segments): one UNION ALL takes those, each an index
    scan in due-date order that stops there, visibility asked row by row (no set hashed
    per segment), and orders them. Without (a body's few clauses), one query sorts all
    their ids by urgency, which also counts them. The page's rows are then read by id
    with their status and shape."""

    def __init__(self, clauses, *, user, today, order, walk, counted=None):
        self.clauses = clauses.order_by()
        self.user = user
        self.today = today
        self.order = order
        self.walk = walk
        self.counted = counted
        self._count = self._ids = None

    def count(self):
        if not self.walk:
            return len(self._ranked_ids())
        if self._count is None:
            if self.counted is not None:
                visible = programme_visible_to_in_a_count(self.user, "programme_id")
                total = self.counted.filter(visible).order_by().aggregate(n=Sum("clauses"))
                self._count = total["n"] or 0
            else:
                visible = programme_visible_to(self.user, "programme_id")
                self._count = self.clauses.filter(visible).count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("UrgencyPages is read in slices, as Paginator does.")
        start, stop = key.start or 0, key.stop if key.stop is not None else self.count()
        if stop <= start:
            return []
        ids = self._walked(start, stop) if self.walk else self._sorted(start, stop)
        rows = clauses_with_status(Clause.objects.filter(pk__in=ids), today=self.today)
        return list(_list_shape(rows).order_by("urgency", *self.order))

    def _ranked_ids(self):
        """Every id in order, read once: for a body's few clauses one query both counts
        and orders them (the count and the page's sort each read them all otherwise)."""
        if self._ids is None:
            visible = self.clauses.filter(programme_visible_to(self.user, "programme_id"))
            ranked = clauses_with_status(visible, today=self.today)
            ranked = ranked.order_by("urgency", *self.order).values_list("pk", flat=True)
            self._ids = list(ranked)
        return self._ids

    def _sorted(self, start, stop):
        return self._ranked_ids()[start:stop]

    def _walked(self, start, stop):
        connection = connections[self.clauses.db]
        if not connection.features.supports_slicing_ordering_in_compound:
            # The embedded SQLite (make run, a demo's few hundred clauses) takes no
            # LIMIT inside a UNION: it sorts every visible clause instead.
            return self._sorted(start, stop)
        try:
            sql, params = self._walk_sql(start, stop)
        except EmptyResultSet:  # a user without a body sees nothing
            return []
        if connection.vendor == "postgresql":
            # Underestimated rows would have an undated segment hash or rescan every
            # clause of its status instead of walking the programmes in order
            # (bench/INDEXES.md). No parallel workers: the segments are read one after
            # the other, as the page's order wants. SET LOCAL in the same statement
            # string: PostgreSQL runs it as one implicit transaction, so the settings
            # hold for this query only, without a BEGIN and a COMMIT sent apart (in a
            # transaction already, to its end). JIT is off for every connection
            # (config/settings.py).
            settings = (
                "SET LOCAL enable_material = off; SET LOCAL max_parallel_workers_per_gather = 0; "
            )
            sql = settings + sql
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        segments = [segment for _pk, segment in rows]
        if segments != sorted(segments):
            # Not read one segment after the other (a planner that interleaves them):
            # the rows may not be the first ones, so sort every clause instead.
            return self._sorted(start, stop)
        return [pk for pk, _segment in rows]

    def _walk_sql(self, start, stop):
        """One UNION ALL of the segments (_urgency_segments), each an index scan in the
        list's order cut at `stop`, without an ORDER BY around them: the segments follow
        each other in the list's order, every row of one before any of the next, so the
        Append reads them in turn and the LIMIT stops it as soon as the page is full —
        on the first page, most often inside the first segment, instead of reading and
        sorting the first `stop` rows of all fifteen (bench/INDEXES.md).

        The clauses' filters and visibility (row by row) are compiled once, as a
        subquery that PostgreSQL flattens into each segment; each segment adds its
        condition on the subquery's columns and its order (compiling fifteen whole
        querysets cost some 30 ms)."""
        visible = programme_visible_row_by_row(self.user, "programme_id")
        keys = {f"k{index}": F(field.lstrip("-")) for index, field in enumerate(self.order)}
        base = self.clauses.filter(visible).order_by()
        base = base.annotate(**keys).values("id", "status", "due_date", "reported_on", *keys)
        base_sql, base_params = base.query.sql_with_params()
        qn = connections[base.db].ops.quote_name
        table = qn(Clause._meta.db_table)
        parts, params = [], []
        for segment, (_urgency, condition, undated) in enumerate(_urgency_segments(self.today)):
            # Without a due date the order starts at the next key (the programme's
            # start for the clause list, walked by the index programme_recent).
            order = ", ".join(
                f"{qn(f'k{index}')}{' DESC' if field.startswith('-') else ''}"
                for index, field in enumerate(self.order)
                if not (undated and index == 0)
            )
            # The condition names the clause's own columns as "agreements_clause"."…":
            # the subquery goes by that name.
            where = Clause.objects.filter(condition).query
            where_sql, where_params = where.get_compiler(base.db).compile(where.where)
            parts.append(
                f"(SELECT {table}.{qn('id')}, %s FROM ({base_sql}) {table} "
                f"WHERE {where_sql} ORDER BY {order} LIMIT %s)"
            )
            params += [segment, *base_params, *where_params, stop]
        sql = " UNION ALL ".join(parts) + " LIMIT %s OFFSET %s"
        return sql, (*params, stop - start, start)


def indicators_with_totals():
    """Indicators with `achieved`: the sum of the values reported on them."""
    total = Coalesce(
        Sum("values__value"),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    return Indicator.objects.annotate(achieved=total).order_by("pk")


def _led_or_supported_by(body):
    """Clauses the body leads or supports, in its own name or in the place of a body whose
    programme was handed over to it (Handover)."""
    supported = Clause.supporting_bodies.through.objects.filter(body=body).values("clause_id")
    led_in_place = Clause.objects.filter(
        programme__handovers__to_body=body, programme__handovers__from_body=F("lead_body")
    ).values("pk")
    supported_in_place = Clause.supporting_bodies.through.objects.filter(
        clause__programme__handovers__to_body=body,
        clause__programme__handovers__from_body=F("body"),
    ).values("clause_id")
    led = Clause.objects.filter(lead_body=body).order_by().values("pk")
    # One IN of a UNION ALL, which PostgreSQL joins from the body's few clauses; the four
    # conditions ORed made it read every clause of the province (bench/INDEXES.md).
    return Q(
        pk__in=led.union(
            supported.order_by(), led_in_place.order_by(), supported_in_place.order_by(), all=True
        )
    )


def _list_shape(queryset):
    return queryset.select_related(
        "programme__issuer", "lead_body", "topic", "amendment", "replaced_by"
    ).prefetch_related(
        "supporting_bodies",
        Prefetch("indicators", queryset=indicators_with_totals()),
    )


def not_draft(programme_field):
    """A condition on rows naming a programme in `programme_field`: it is not a draft.
    NOT IN the few drafts (the partial index programme_drafts), hashed once, instead of
    joining every programme to read its status."""
    drafts = Programme.objects.filter(status=Programme.Status.DRAFT).order_by().values("pk")
    return ~Q(**{f"{programme_field}__in": drafts})


def programmes_in_force(*, user, today):
    """Signed programmes the user sees whose period has not ended by `today` (counted:
    programme_signed_period_end serves the rest)."""
    return Programme.objects.filter(
        programme_visible_to_counted(user, "pk"), Programme.in_force_q(today)
    )


def clauses_in_force(*, user, today):
    """The current clauses of the programmes in force the user sees (an amendment's
    clauses from its date); what the dashboard counts."""
    return _in_force(today).filter(programme_visible_to(user, "programme_id"))


def _in_force(today):
    return Clause.objects.current().filter(
        Q(amendment__isnull=True) | Q(amendment__date__lte=today),
        Programme.in_force_q(today, "programme__"),
    )


def clause_list_visible(
    *, user, today, status=None, body=None, lead=None, programme=None, in_force=False
):
    """Every clause in force of the programmes the user sees; overdue first. With
    `in_force`, only those the dashboard counts (clauses_in_force)."""
    if in_force:
        clauses = _in_force(today)
    else:
        clauses = Clause.objects.current().filter(not_draft("programme_id"))
    if body is not None:
        clauses = clauses.filter(_led_or_supported_by(body))
    if lead is not None:
        clauses = clauses.filter(lead_body=lead)
    if programme is not None:
        clauses = clauses.filter(programme=programme)
    if status:
        clauses = clauses.filter(Clause.status_is_sql(status, today))
    walk = body is None and lead is None and programme is None
    return UrgencyPages(
        clauses,
        user=user,
        today=today,
        order=["due_date", "-programme__period_start", "programme_id", "number", "pk"],
        walk=walk,
        # Unfiltered, the list is every current clause of the programmes that are not
        # drafts: what ClauseCount counts per programme.
        counted=ClauseCount.objects.all() if walk and not (status or in_force) else None,
    )


def clause_list_for_body(*, user, body, today):
    """The user's work: clauses in force their body leads or supports, overdue first."""
    clauses = Clause.objects.current().filter(
        _led_or_supported_by(body), programme__status=Programme.Status.SIGNED
    )
    return UrgencyPages(
        clauses,
        user=user,
        today=today,
        order=["due_date", "programme_id", "number", "pk"],
        walk=False,
    )


def clause_visible(*, user, pk, today):
    """One clause of a programme the user sees, with its status and reports, or 404."""
    clauses = clauses_with_status(
        Clause.objects.filter(programme__in=visible_programmes(user)), today=today
    )
    return get_object_or_404(
        _list_shape(clauses)
        .select_related("programme__signing", "replaces", "replaced_by__amendment")
        .prefetch_related(
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.select_related(
                    "reporting_body", "created_by"
                ).prefetch_related("values__indicator"),
            )
        ),
        pk=pk,
    )
