"""The leaders' dashboard: what is in force, how its clauses stand, what comes next."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from agreements.models import Clause, ClauseStatus, Programme
from agreements.rules import visible_programmes
from agreements.selectors import clause_latest_statuses
from meetings.models import Directive, Meeting
from meetings.rules import visible_meetings
from reports.selectors.lists import report_latest_visible
from reports.selectors.records import STATUS_ORDER, StatusCount

S = ClauseStatus


@dataclass
class Dashboard:
    today: object
    programmes_in_force: int
    clause_counts: StatusCount
    status_by_body: list
    next_meetings: list
    directive_counts: dict
    overdue_directives: list
    latest_reports: list


def clause_statuses_in_force(*, user, today):
    """Current clauses of the programmes in force the user sees, with today's status."""
    clauses = list(
        Clause.objects.filter(
            programme__in=visible_programmes(user).filter(status=Programme.Status.SIGNED),
            replaced_by__isnull=True,
        )
        .filter(Q(amendment__isnull=True) | Q(amendment__date__lte=today))
        .select_related("lead_body")
        .only("pk", "due_date", "dropped_on", "lead_body__name", "lead_body__id")
    )
    latest = clause_latest_statuses(clause_ids=[c.pk for c in clauses], on=today)
    return [(c, c.effective_status(latest_status=latest.get(c.pk), today=today)) for c in clauses]


def dashboard_data(*, user, today=None, meetings=5, directives=5, reports=5):
    today = today or timezone.localdate()
    by_body, totals = {}, dict.fromkeys(STATUS_ORDER, 0)
    for clause, status in clause_statuses_in_force(user=user, today=today):
        row = by_body.setdefault(
            clause.lead_body_id,
            StatusCount(
                label=clause.lead_body.name,
                counts=dict.fromkeys(STATUS_ORDER, 0),
                key=clause.lead_body_id,
            ),
        )
        row.counts[status] += 1
        totals[status] += 1
    seen_meetings = visible_meetings(user)
    directive_rows = Directive.objects.filter(meeting__in=seen_meetings)
    overdue = Directive.overdue_on_q(today)
    counts = directive_rows.aggregate(
        open=Count("pk", filter=Q(status=Directive.Status.OPEN)),
        in_progress=Count("pk", filter=Q(status=Directive.Status.IN_PROGRESS)),
        overdue=Count("pk", filter=overdue),
    )
    return Dashboard(
        today=today,
        programmes_in_force=visible_programmes(user).filter(status=Programme.Status.SIGNED).count(),
        clause_counts=StatusCount(label="", counts=totals),
        status_by_body=sorted(by_body.values(), key=lambda r: r.label),
        next_meetings=list(
            Meeting.objects.filter(
                pk__in=seen_meetings.values("pk"),
                status=Meeting.Status.SCHEDULED,
                starts_at__gte=timezone.now(),
            )
            .select_related("organiser")
            .order_by("starts_at")[:meetings]
        ),
        directive_counts=counts,
        overdue_directives=list(
            directive_rows.filter(overdue)
            .select_related("addressed_body", "meeting")
            .order_by("deadline", "pk")[:directives]
        ),
        latest_reports=report_latest_visible(user=user, limit=reports),
    )
