"""The leaders' dashboard: what is in force, how its clauses stand, what comes next.

Every figure is one aggregate query over what the leader sees, however many
programmes there are; each equals the count of the list it links to
(reports/links.py): the same filters, the same status rule (Clause.status_sql). The
clauses are counted from ClauseTally (agreements/tally.py), kept by the writes.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from agreements.models import Clause, ClauseStatus, ClauseTally
from agreements.rules import programme_visible_to
from agreements.selectors import programmes_in_force
from meetings.models import Directive, Meeting
from meetings.rules import visible_directives, visible_meetings
from parties.models import Body
from reports.selectors.lists import report_latest_visible
from reports.selectors.records import DASHBOARD_ORDER, StatusCount

S = ClauseStatus
BODIES_SHOWN = 15


@dataclass
class Dashboard:
    today: object
    programmes_in_force: int
    clause_counts: StatusCount
    status_by_body: list
    bodies_total: int
    next_meetings: list
    directive_counts: dict
    overdue_directives: list
    latest_reports: list


def clause_counts_by_lead_body(*, user, today):
    """(totals, rows by lead body, how many lead bodies) of the clauses in force, by
    today's status: one GROUP BY over the counted clauses (ClauseTally), one query for
    the names."""
    groups = (
        tally_in_force(user=user, today=today)
        .annotate(current_status=Clause.status_sql(today))
        .order_by()
        .values_list("lead_body_id", "current_status")
        .annotate(count=Sum("clauses"))
    )
    totals, by_body = dict.fromkeys(DASHBOARD_ORDER, 0), {}
    for body_id, status, count in groups:
        by_body.setdefault(body_id, dict.fromkeys(DASHBOARD_ORDER, 0))[status] += count
        totals[status] += count
    # A province has hundreds of lead bodies: the page shows those with most to worry about.
    worst = sorted(by_body.items(), key=lambda item: (concern(item[1]), item[0]))[:BODIES_SHOWN]
    names = dict(Body.objects.filter(pk__in=[pk for pk, _ in worst]).values_list("pk", "name"))
    rows = [StatusCount(label=names[pk], counts=counts, key=pk) for pk, counts in worst]
    return StatusCount(label="", counts=totals), sorted(rows, key=lambda r: r.label), len(by_body)


def tally_in_force(*, user, today):
    """The ClauseTally rows of exactly the clauses clauses_in_force(user, today) gives: a
    row holds only current clauses of signed programmes, with the dates to apply
    `today` to (its status with Clause.status_sql on the same columns)."""
    return ClauseTally.objects.filter(
        programme_visible_to(user, "programme_id"),
        Q(in_force_from__isnull=True) | Q(in_force_from__lte=today),
        period_end__gte=today,
    )


def concern(counts):
    """Sorts the bodies with most overdue, then at risk, then stale work first."""
    return (-counts[S.OVERDUE], -counts[S.AT_RISK], -counts[S.STALE])


def directive_counts(directives, today):
    """Each directive counted once: overdue first, else open or in progress."""
    overdue = Directive.overdue_on_q(today)
    return directives.aggregate(
        open=Count("pk", filter=Q(status=Directive.Status.OPEN) & ~overdue),
        in_progress=Count("pk", filter=Q(status=Directive.Status.IN_PROGRESS) & ~overdue),
        overdue=Count("pk", filter=overdue),
    )


def dashboard_data(*, user, today=None, meetings=5, directives=5, reports=5):
    today = today or timezone.localdate()
    clause_totals, by_body, bodies_total = clause_counts_by_lead_body(user=user, today=today)
    directive_rows = visible_directives(user)
    return Dashboard(
        today=today,
        programmes_in_force=programmes_in_force(user=user, today=today).count(),
        clause_counts=clause_totals,
        status_by_body=by_body,
        bodies_total=bodies_total,
        next_meetings=list(
            visible_meetings(user)
            .filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now())
            .select_related("organiser")
            .order_by("starts_at", "pk")[:meetings]
        ),
        directive_counts=directive_counts(directive_rows, today),
        overdue_directives=list(
            # Not the meeting: the card names the body and the deadline, and joining
            # every overdue directive's meeting before the top five cost more than the rest.
            directive_rows.filter(Directive.overdue_on_q(today))
            .select_related("addressed_body")
            .order_by("deadline", "pk")[:directives]
        ),
        latest_reports=report_latest_visible(user=user, limit=reports),
    )
