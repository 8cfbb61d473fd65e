"""The leaders' dashboard: what is in force, how its clauses stand, what comes next.

Every figure is one aggregate query over what the leader sees, however many
programmes there are; each equals the count of the list it links to
(reports/links.py): the same filters, the same status rule (Clause.status_sql). The
clauses are counted from ClauseTally (agreements/tally.py), kept by the writes. The
visible programmes are hashed by three queries (the clauses, the programmes, the
directives); the lists of a few rows (next meetings, first overdue directives) ask row
by row instead, stopping at their fifth row (bench/INDEXES.md, branch `dash`).
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from agreements.models import Clause, ClauseStatus, ClauseTally
from agreements.rules import programme_visible_to
from agreements.selectors import programmes_in_force
from meetings.models import Directive, Meeting
from meetings.rules import (
    directive_visible_row_by_row,
    directive_visible_to,
    meeting_visible_to_row,
    visible_directives,
)
from parties.models import Body
from parties.rules import body_of, sees_everything
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


def directive_counts(user, today):
    """Each directive the user sees counted once: overdue first, else open or in
    progress; with how many directives are overdue anywhere (`overdue_anywhere`, for
    overdue_directives_first only: never shown). One pass over the directives not done
    grouped by (seen, state), so that the set of meetings seen is hashed once."""
    counts = {"open": 0, "in_progress": 0, "overdue": 0, "overdue_anywhere": 0}
    if sees_everything(user):
        seen = Value(True)
    elif (body := body_of(user)) is not None:
        seen = ExpressionWrapper(directive_visible_to(user, body), output_field=BooleanField())
    else:
        return counts
    state = Case(When(Directive.overdue_on_q(today), then=Value("overdue")), default=F("status"))
    groups = (
        # Done ones count nowhere (never overdue): half the rows skipped.
        Directive.objects.exclude(status=Directive.Status.DONE)
        .annotate(seen=seen, state=state)
        .order_by()
        .values_list("seen", "state")
        .annotate(n=Count("pk"))
    )
    for is_seen, state, n in groups:
        if state == "overdue":
            counts["overdue_anywhere"] += n
        if is_seen and state in ("open", "in_progress", "overdue"):
            counts[state] += n
    return counts


# The user's overdue directives are "dense" when at least one in DENSE of all those overdue:
# then the first few are found reading the overdue ones by deadline, asking of each
# whether the user sees it, after a few dozen rows at most.
DENSE = 20


def overdue_directives_first(user, today, counts, limit):
    """The first `limit` overdue directives the user sees, by deadline. Where they are
    dense (a provincial body sees nine in ten), read in the order of the index
    directive_follow_up_order and asked row by row: a few rows read instead of every
    meeting seen hashed first. Else (a commune's body sees a few) the hash is cheaper
    than walking every overdue directive. The same rows either way."""
    overdue = Directive.overdue_on_q(today)
    seen = counts["overdue"]
    if seen >= limit and seen * DENSE >= counts["overdue_anywhere"]:
        directives = Directive.objects.alias(
            # The index's first column, so that its range is overdue work by deadline.
            not_done_first=Case(When(status=Directive.Status.DONE, then=Value(1)), default=Value(0))
        ).filter(directive_visible_row_by_row(user), overdue, not_done_first=0)
    else:
        directives = visible_directives(user).filter(overdue)
    # Not the meeting: the card names the body and the deadline, and joining every
    # overdue directive's meeting before the top five cost more than the rest.
    return list(directives.select_related("addressed_body").order_by("deadline", "pk")[:limit])


def dashboard_data(*, user, today=None, meetings=5, directives=5, reports=5):
    today = today or timezone.localdate()
    clause_totals, by_body, bodies_total = clause_counts_by_lead_body(user=user, today=today)
    counts = directive_counts(user, today)
    return Dashboard(
        today=today,
        programmes_in_force=programmes_in_force(user=user, today=today).count(),
        clause_counts=clause_totals,
        status_by_body=by_body,
        bodies_total=bodies_total,
        # Meeting by meeting in time order, each asked whether the user sees one of its
        # programmes: a few hundred meetings to come at most, and the first five seen
        # end it, where hashing every programme seen first cost more than the rest.
        next_meetings=list(
            Meeting.objects.filter(
                meeting_visible_to_row(user),
                status=Meeting.Status.SCHEDULED,
                starts_at__gte=timezone.now(),
            )
            .select_related("organiser")
            .order_by("starts_at", "pk")[:meetings]
        ),
        directive_counts={key: counts[key] for key in ("open", "in_progress", "overdue")},
        overdue_directives=overdue_directives_first(user, today, counts, directives),
        latest_reports=report_latest_visible(user=user, limit=reports),
    )
