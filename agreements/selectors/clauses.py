"""Clauses with their current status, computed in the database so lists can filter,
sort and paginate on it."""

from decimal import Decimal

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

from agreements.models import Clause, ClauseStatus, Indicator, Programme, ProgressReport
from agreements.rules import programme_visible_to, visible_programmes

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


def clauses_with_status(queryset, *, today):
    """Annotate `latest_status`, `latest_note`, `latest_reported_on` (from the stored
    latest report), `current_status` (Clause.status_sql) and `urgency`."""
    return queryset.annotate(
        latest_status=F("latest_report__status"),
        latest_note=F("latest_report__note"),
        latest_reported_on=F("reported_on"),
        current_status=Clause.status_sql(today),
    ).annotate(
        urgency=Case(
            *[When(current_status=s.value, then=Value(i)) for i, s in enumerate(URGENCY)],
            default=Value(len(URGENCY)),
            output_field=IntegerField(),
        )
    )


def indicators_with_totals():
    """Indicators with `achieved`: the sum of the values reported on them."""
    total = Coalesce(
        Sum("values__value"),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    return Indicator.objects.annotate(achieved=total).order_by("pk")


def _led_or_supported_by(body):
    supported = Clause.supporting_bodies.through.objects.filter(body=body).values("clause_id")
    return Q(lead_body=body) | Q(pk__in=supported)


def _list_shape(queryset):
    return queryset.select_related(
        "programme__issuer", "lead_body", "topic", "amendment", "replaced_by"
    ).prefetch_related(
        "supporting_bodies",
        Prefetch("indicators", queryset=indicators_with_totals()),
    )


def programmes_in_force(*, user, today):
    """Signed programmes the user sees whose period has not ended by `today`."""
    return Programme.objects.filter(
        programme_visible_to(user, OuterRef("pk")),
        status=Programme.Status.SIGNED,
        period_end__gte=today,
    )


def clauses_in_force(*, user, today):
    """The current clauses of the programmes in force the user sees (an amendment's
    clauses from its date); what the dashboard counts."""
    return Clause.objects.filter(
        programme_visible_to(user, OuterRef("programme_id")),
        Q(amendment__isnull=True) | Q(amendment__date__lte=today),
        programme__status=Programme.Status.SIGNED,
        programme__period_end__gte=today,
        replaced_by__isnull=True,
    )


def clause_list_visible(
    *, user, today, status=None, body=None, lead=None, programme=None, in_force=False
):
    """Every clause in force of the programmes the user sees; overdue first. With
    `in_force`, only those the dashboard counts (clauses_in_force)."""
    if in_force:
        clauses = clauses_in_force(user=user, today=today)
    else:
        clauses = Clause.objects.filter(
            programme_visible_to(user, OuterRef("programme_id")), replaced_by__isnull=True
        ).exclude(programme__status=Programme.Status.DRAFT)
    if body is not None:
        clauses = clauses.filter(_led_or_supported_by(body))
    if lead is not None:
        clauses = clauses.filter(lead_body=lead)
    if programme is not None:
        clauses = clauses.filter(programme=programme)
    if status:
        clauses = clauses.filter(Clause.status_is_sql(status, today))
    clauses = clauses_with_status(clauses, today=today)
    return _list_shape(clauses).order_by(
        "urgency", "due_date", "-programme__period_start", "programme_id", "number", "pk"
    )


def clause_list_for_body(*, user, body, today):
    """The user's work: clauses in force their body leads or supports, overdue first."""
    clauses = Clause.objects.filter(
        _led_or_supported_by(body),
        programme_visible_to(user, OuterRef("programme_id")),
        programme__status=Programme.Status.SIGNED,
        replaced_by__isnull=True,
    )
    clauses = clauses_with_status(clauses, today=today)
    return _list_shape(clauses).order_by("urgency", "due_date", "programme_id", "number", "pk")


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
