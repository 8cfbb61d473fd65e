"""Programmes the user may see: the filtered list, one programme's page, its meetings."""

from django.db.models import F, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.models import (
    IndicatorValue,
    Programme,
    ProgrammeDocument,
    ProgrammeParty,
    ProgressReport,
    Signatory,
    SigningWitness,
    Topic,
)
from agreements.rules import visible_programmes
from agreements.search import search_forms
from agreements.selectors.clauses import clauses_with_status, indicators_with_totals
from parties.models import AdministrativeUnit, Body, unit_subtree
from parties.rules import unit_lineage

# A programme recorded without a number (its source does not give one) comes after the
# numbered ones of its year, whichever way the list is sorted.
SORTS = {
    "newest": ["-period_start", "-year", F("number").desc(nulls_last=True), "pk"],
    "oldest": ["period_start", "year", F("number").asc(nulls_last=True), "pk"],
    "reference": ["issuer__name", "-year", F("number").asc(nulls_last=True), "pk"],
    "title": ["title", "pk"],
    "status": ["status", "-period_start", "pk"],
}


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
        .order_by(*SORTS["newest"])
    )


def programme_search(
    *, user, q="", status="", year=None, body=None, topic=None, unit=None, sort="newest"
):
    """The list page: search ignoring diacritics and case, filters, and a sort order."""
    programmes = programme_list_visible(user=user)
    forms = search_forms(q)
    if forms:
        found = Q()
        for form in forms:  # as typed, or with its abbreviations spelled out
            found |= Q(search_text__contains=form)
        programmes = programmes.filter(found)
    if status == "in_force":  # what the dashboard counts as in force
        programmes = programmes.filter(
            status=Programme.Status.SIGNED, period_end__gte=timezone.localdate()
        )
    elif status:
        programmes = programmes.filter(status=status)
    if year:
        programmes = programmes.filter(period_start__year__lte=year, period_end__year__gte=year)
    if body is not None:
        programmes = programmes.filter(
            pk__in=ProgrammeParty.objects.filter(body=body).values("programme_id")
        )
    if topic is not None:
        programmes = programmes.filter(
            pk__in=Programme.topics.through.objects.filter(topic=topic).values("programme_id")
        )
    if unit is not None:
        in_unit = ProgrammeParty.objects.filter(
            unit_subtree("body__unit", unit_lineage(unit), "in")
        )
        programmes = programmes.filter(pk__in=in_unit.values("programme_id"))
    return programmes.order_by(*SORTS.get(sort, SORTS["newest"]))


def programme_filter_choices(*, user):
    """What the list's filters offer: only bodies, units and fields the user can find."""
    visible = visible_programmes(user)
    party_rows = ProgrammeParty.objects.filter(programme__in=visible)
    bodies = Body.objects.filter(pk__in=party_rows.values("body_id")).select_related("unit")
    units_of_parties = Body.objects.filter(pk__in=party_rows.values("body_id")).values("unit_id")
    units = AdministrativeUnit.objects.filter(
        Q(pk__in=units_of_parties)
        | Q(children__in=units_of_parties)
        | Q(children__children__in=units_of_parties)
    ).distinct()
    topics = Topic.objects.filter(
        pk__in=Programme.topics.through.objects.filter(programme__in=visible).values("topic_id")
    )
    # The years from the first period's start to the last one's end: one aggregate, not
    # every programme read back (a province's 25,000 rows for each list page).
    span = visible.order_by().aggregate(first=Min("period_start"), last=Max("period_end"))
    years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
    return {"bodies": bodies, "units": units, "topics": topics, "years": years}


def programme_visible(*, user, pk):
    """One programme with its header, parties and signing, or 404 if the user may not see it;
    with its own document's state (`document_status`, `_signed`, `_text_version`), read in
    the same query."""
    document = ProgrammeDocument.objects.filter(
        programme=OuterRef("pk"), amendment__isnull=True
    ).order_by("pk")
    return get_object_or_404(
        visible_programmes(user)
        .annotate(
            document_status=Subquery(document.values("status")[:1]),
            document_signed=Subquery(document.values("signed")[:1]),
            document_text_version=Subquery(document.values("text_version")[:1]),
        )
        .select_related("issuer__unit", "signing", "created_by")
        .prefetch_related(
            Prefetch("memberships", queryset=ProgrammeParty.objects.select_related("body__unit")),
            Prefetch("signatories", queryset=Signatory.objects.select_related("official", "body")),
            Prefetch(
                "signing__witnesses",
                queryset=SigningWitness.objects.select_related("official__body"),
            ),
            "topics",
            "amendments",
        ),
        pk=pk,
    )


def programme_clauses(*, programme, today):
    """All the clauses of a programme, original and amended, with status, indicators, reports."""
    clauses = clauses_with_status(programme.clauses.all(), today=today)
    return list(
        clauses.select_related(
            "lead_body", "topic", "amendment", "replaces", "replaced_by__amendment"
        )
        .prefetch_related(
            "supporting_bodies",
            Prefetch("indicators", queryset=indicators_with_totals()),
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.select_related("reporting_body").prefetch_related(
                    Prefetch("values", queryset=IndicatorValue.objects.select_related("indicator"))
                ),
            ),
        )
        .order_by("number", "pk")
    )


def programme_own_document(programme):
    """The programme's own document as programme_visible read it (no query), or None."""
    if getattr(programme, "document_status", None) is None:
        return None
    return ProgrammeDocument(
        programme=programme,
        status=programme.document_status,
        signed=programme.document_signed,
        text_version=programme.document_text_version,
    )
