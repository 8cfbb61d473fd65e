"""Reads of programmes and clauses, shaped for the pages that show them."""

from django.db.models import OuterRef, Prefetch, Subquery

from agreements.models import Programme, ProgrammeParty, ProgressReport
from parties.permissions import visible_programmes


def programme_list_visible(*, user):
    """The programmes a user may see, with what a list row shows, in constant queries."""
    return (
        visible_programmes(user)
        .select_related("issuer", "signing")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ProgrammeParty.objects.select_related("body"),
            ),
            "topics",
        )
        .order_by(*Programme._meta.ordering)
    )


def clause_latest_statuses(*, clause_ids, on=None):
    """{clause id: status of its latest progress report (up to `on`)}, in one query."""
    reports = ProgressReport.objects.filter(clause_id__in=clause_ids)
    if on is not None:
        reports = reports.filter(reported_on__lte=on)
    latest = reports.filter(clause_id=OuterRef("clause_id")).order_by("-reported_on", "-pk")
    rows = reports.filter(pk=Subquery(latest.values("pk")[:1])).values_list("clause_id", "status")
    return dict(rows)
