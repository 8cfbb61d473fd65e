"""Reports a user may see, shaped for the pages that list them."""

from django.db.models import Exists, OuterRef, Q, Value

from agreements.models import Clause, ProgrammeParty
from parties.models import Body
from parties.rules import body_of
from reports.models import Report
from reports.rules import visible_reports

LIST_RELATED = ("issuing_body", "programme__issuer", "body", "unit", "requested_by")


def report_list_visible(*, user, kind=None, status=None, showing=None):
    """The reports the user may see, newest first, with what a row shows, in constant
    queries: drafts and issued reports (`showing` None), or only the drafts, the
    reports sent to the user's body ("received") or the discarded drafts."""
    body = body_of(user)
    reports = visible_reports(user).select_related(*LIST_RELATED)
    sent = Report.recipients.through.objects.filter(report=OuterRef("pk"), body=body)
    reports = reports.annotate(received=Exists(sent) if body else Value(False))
    if showing == "discarded":
        reports = reports.filter(state=Report.State.DISCARDED)
    else:
        reports = reports.exclude(state=Report.State.DISCARDED)
    if showing == "drafts":
        reports = reports.filter(state=Report.State.DRAFT)
    elif showing == "received":
        reports = reports.filter(received=True)
    if kind:
        reports = reports.filter(kind=kind)
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("-created_at", "-pk")


def report_get_visible(*, user, pk):
    """The report, or Report.DoesNotExist when the user may not see it."""
    return (
        visible_reports(user)
        .select_related(*LIST_RELATED, "issuing_body__unit", "issuing_body__parent")
        .get(pk=pk)
    )


def report_list_for_programme(*, user, programme, limit=10):
    """Reports that cover a programme: its own quarterly reviews and the summaries of
    its parties, of the bodies supporting its clauses and of their units, over a period
    that overlaps the programme's."""
    # The bodies involved and the units above them, as subqueries of the one query.
    supporters = Clause.supporting_bodies.through.objects.filter(clause__programme=programme)
    involved = Body.objects.filter(
        Q(pk__in=ProgrammeParty.objects.filter(programme=programme).values("body_id"))
        | Q(pk__in=supporters.values("body_id"))
    )
    bodies = involved.values("pk")
    units = (
        Q(unit_id__in=involved.values("unit_id"))
        | Q(unit_id__in=involved.filter(unit__parent__isnull=False).values("unit__parent_id"))
        | Q(
            unit_id__in=involved.filter(unit__parent__parent__isnull=False).values(
                "unit__parent__parent_id"
            )
        )
    )
    return list(
        visible_reports(user)
        .filter(
            Q(programme=programme) | Q(body_id__in=bodies) | units,
            period_start__lte=programme.period_end,
            period_end__gte=programme.period_start,
        )
        .exclude(state=Report.State.DISCARDED)
        .select_related(*LIST_RELATED)
        .order_by("-period_end", "-created_at", "-pk")[:limit]
    )


def report_latest_visible(*, user, limit=5):
    """The latest issued reports (the dashboard's list)."""
    return list(
        report_list_visible(user=user).filter(status=Report.Status.DONE, state=Report.State.ISSUED)[
            :limit
        ]
    )
