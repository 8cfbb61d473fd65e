"""Programmes the user may see: the filtered list, one programme's page, its meetings."""

from decimal import Decimal
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.models import (
    Amendment,
    Handover,
    Indicator,
    IndicatorValue,
    Programme,
    ProgrammeDocument,
    ProgrammeInvolvement,
    ProgrammeParty,
    ProgressReport,
    Signatory,
    SigningWitness,
    Topic,
)
from agreements.rules import (
    programme_ids_seen_by,
    programme_visible_row_by_row,
    programme_visible_to_in_a_count,
    visible_programmes,
)
from agreements.search import search_forms
from agreements.selectors.clauses import clauses_with_status
from parties.models import AdministrativeUnit, Body, unit_subtree
from parties.rules import body_of, sees_everything, unit_lineage

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
    """The programmes a user may see, with what a list row shows, in constant queries.
    Visibility is asked of each row (programme_visible_row_by_row): read in the sort's index
    (`programme_newest_first`) the page stops after 25 rows seen, instead of hashing
    the thousands of programmes a provincial body sees before sorting them."""
    return (
        Programme.objects.filter(programme_visible_row_by_row(user))
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


def _filtered(programmes, *, q="", status="", year=None, body=None, topic=None, unit=None):
    forms = search_forms(q)
    if forms:
        found = Q()
        for form in forms:  # as typed, or with its abbreviations spelled out
            found |= Q(search_text__contains=form)
        programmes = programmes.filter(found)
    if status == "in_force":  # what the dashboard counts as in force
        programmes = programmes.filter(Programme.in_force_q(timezone.localdate()))
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
    return programmes


def programme_search(*, user, sort="newest", **filters):
    """The list page: search ignoring diacritics and case, filters, and a sort order.
    Its count is programme_search_count's (a paginator's count of this queryset would
    probe every programme one by one)."""
    programmes = _filtered(programme_list_visible(user=user), **filters)
    return programmes.order_by(*SORTS.get(sort, SORTS["newest"]))


def programme_search_count(*, user, sort="newest", **filters):
    """How many programmes programme_search finds: every one is counted, so here the
    programmes the user sees are hashed once (programme_visible_to_in_a_count), not
    probed one by one."""
    seen = Programme.objects.filter(programme_visible_to_in_a_count(user, "pk"))
    return _filtered(seen, **filters).order_by().count()


def programme_filter_choices(*, user):
    """What the list's filters offer: only bodies and fields the user can find (the
    units: programme_filter_units, from the bodies the form reads). The fields and the
    first and last period ask "is there one programme the user sees" of a few rows."""
    seen_by_row = programme_visible_row_by_row(user, "programme_id")
    # Not read here: the form reads them once, the columns it shows only
    # (agreements.forms.filters.offer_bodies).
    bodies = bodies_named_on_seen(user, ProgrammeParty.objects.all())
    seen_topic = Programme.topics.through.objects.filter(
        seen_by_row, topic_id=OuterRef("pk")
    ).order_by()
    topics = Topic.objects.filter(Exists(seen_topic))
    # The years from the first period's start to the last one's end: the first and the
    # last programme the user sees in two indexes' order, not every programme read back.
    seen = Programme.objects.filter(programme_visible_row_by_row(user))
    first = seen.order_by("period_start").values("period_start")[:1]
    last = seen.order_by("-period_end").values("period_end")[:1]
    # One query: both on any one programme's row (there is one if the user sees any).
    span = (
        Programme.objects.order_by()
        .annotate(first=Subquery(first), last=Subquery(last))
        .values("first", "last")[:1]
    )
    span = next(iter(span), None)
    years = []
    if span and span["first"]:
        years = list(range(span["last"].year, span["first"].year - 1, -1))
    return {"bodies": bodies, "topics": topics, "years": years}


def bodies_named_on_seen(user, rows):
    """The bodies that `rows` (ProgrammeParty or ProgrammeInvolvement rows) name on the
    programmes the user sees: a filter's bodies. Asked of each body, a district's leader
    would read every row of the bodies it does not see (52,000 rows out of order): the
    programmes seen are hashed once. But a body of the province itself sees nearly every
    programme (22,000 of 25,000): asked body by body, a body's first row answers (5 ms),
    where hashing the programmes seen first costs 17 ms."""
    body = body_of(user)
    if sees_everything(user) or (body is not None and body.unit.parent_id is None):
        seen = rows.filter(programme_visible_row_by_row(user, "programme_id"))
        return Body.objects.filter(Exists(seen.filter(body_id=OuterRef("pk")).order_by()))
    seen = rows.filter(programme__in=visible_programmes(user)).order_by()
    return Body.objects.filter(pk__in=seen.values("body_id"))


def bodies_involved_on_seen(user):
    """bodies_named_on_seen(user, every ProgrammeInvolvement): the parties and supporting
    bodies of the programmes the user sees. For a body below the province, on
    PostgreSQL, read outwards: from the programmes it sees (~2,000 of 25,000), each one's
    bodies by the index programme_involvement_bodies alone, in a LATERAL subquery fenced
    by OFFSET 0, instead of every body's involvements (~400 each) probed against the
    programmes seen (bench/INDEXES.md). A body of the province sees nearly every
    programme: asked body by body (bodies_named_on_seen) it needs no such read."""
    body = body_of(user)
    involved = ProgrammeInvolvement.objects.all()
    if (
        sees_everything(user)
        or body is None
        or body.unit.parent_id is None
        or connection.vendor != "postgresql"
    ):
        return bodies_named_on_seen(user, involved)
    seen_sql, seen_params = programme_ids_seen_by(body).query.sql_with_params()
    table = connection.ops.quote_name(ProgrammeInvolvement._meta.db_table)
    sql = (
        f"SELECT involved.body_id FROM ({seen_sql}) seen (programme_id) CROSS JOIN LATERAL"
        f" (SELECT body_id FROM {table} WHERE programme_id = seen.programme_id OFFSET 0)"
        " involved"
    )
    return Body.objects.filter(pk__in=RawSQL(sql, seen_params))


# The order in which a list's body filter offers bodies (agreements/forms/filters.py).
BODIES_IN_ORDER = ("unit__level", "unit__name", "name", "pk")


def bodies_first_where(conditions, first):
    """The bodies of which one of `conditions` holds, of which the first `first` in
    BODIES_IN_ORDER at least: each condition is a function of a body's id (an
    expression) giving a queryset, which holds when it has a row. On PostgreSQL only
    those first ones: the bodies sorted first (a subquery fenced by OFFSET 0), then
    walked in that order, each condition asked of each (EXISTS), stopping at the
    `first`-th. Written plainly, the conditions would be asked of every body (~900)
    before the sort, which no index gives (bench/INDEXES.md). For a user who sees
    most bodies: one who sees few would walk past many bodies to find the first."""
    if connection.vendor != "postgresql":
        return Body.objects.filter(
            reduce(or_, (Exists(condition(OuterRef("pk"))) for condition in conditions))
        )
    walked = RawSQL('"walked"."pk"', ())
    ordered = Body.objects.order_by(*BODIES_IN_ORDER).values("pk")
    sql, params = ordered.query.sql_with_params()
    asked = []
    params = list(params)
    for condition in conditions:
        condition_sql, condition_params = (
            condition(walked).order_by().values("pk").query.sql_with_params()
        )
        asked.append(f"EXISTS ({condition_sql})")
        params += condition_params
    sql = f"SELECT walked.pk FROM ({sql} OFFSET 0) walked WHERE {' OR '.join(asked)} LIMIT %s"
    return Body.objects.filter(pk__in=RawSQL(sql, (*params, first)))


def programme_filter_units(unit_ids):
    """The units the list may filter by: those of the parties' bodies (`unit_ids`, from
    the bodies already read) and the units above them."""
    return AdministrativeUnit.objects.filter(
        Q(pk__in=unit_ids) | Q(children__in=unit_ids) | Q(children__children__in=unit_ids)
    ).distinct()


def programme_visible(*, user, pk):
    """One programme with its header, parties and signing, or 404 if the user may not see it;
    with its own document's state (`document_status`, `_signed`, `_text_version`), read in
    the same query. Also read there, so that the page asks no query for them: each
    party's signatory (`signatory_name`, `signatory_position`), whether it has any
    amendment, and whether anything of it was handed over to the user's body (the rules
    then need not read the body's handovers)."""
    document = ProgrammeDocument.objects.filter(
        programme=OuterRef("pk"), amendment__isnull=True
    ).order_by("pk")
    signatory = Signatory.objects.filter(
        programme=OuterRef("programme_id"), body=OuterRef("body_id")
    ).order_by("pk")
    body = body_of(user)
    handed = Handover.objects.filter(programme=OuterRef("pk"), to_body_id=body.pk if body else None)
    programme = get_object_or_404(
        visible_programmes(user)
        .annotate(
            document_status=Subquery(document.values("status")[:1]),
            document_signed=Subquery(document.values("signed")[:1]),
            document_text_version=Subquery(document.values("text_version")[:1]),
            amended=Exists(Amendment.objects.filter(programme=OuterRef("pk"))),
            handed_to_viewer=Exists(handed),
        )
        .select_related("issuer__unit", "signing", "created_by")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=ProgrammeParty.objects.select_related("body__unit").annotate(
                    signatory_name=Subquery(signatory.values("official__full_name")[:1]),
                    signatory_position=Subquery(signatory.values("position")[:1]),
                ),
            ),
        ),
        pk=pk,
    )
    if not programme.amended:  # known from the same query: no prefetch needed
        prefetched = programme.__dict__.setdefault("_prefetched_objects_cache", {})
        prefetched["amendments"] = Amendment.objects.none()
    else:
        prefetch_related_objects([programme], "amendments")
    programme.seen_by_user_id = user.pk
    if body is not None:
        programme.handed_to_body = (body.pk, programme.handed_to_viewer)
    return programme


def programme_names(programme):
    """The programme's fields of work and its signing's witnesses, two short lists of
    names, read in one query: (field names, [(witness name, position held)])."""
    witnesses = (
        SigningWitness.objects.filter(signing_id=programme.signing_id)
        .annotate(kind=Value(1), label=F("official__full_name"), detail=F("position"))
        .values_list("kind", "label", "detail", "pk")
    )
    topics = (
        Programme.topics.through.objects.filter(programme_id=programme.pk)
        .annotate(kind=Value(0), label=F("topic__name"), detail=Value(""))
        .values_list("kind", "label", "detail", "topic_id")
    )
    # Unordered parts (sorted below): SQLite, the demo's database, refuses an ORDER BY
    # inside a UNION, and the witnesses' model has a default one.
    rows = topics.order_by().union(witnesses.order_by(), all=True)
    # Fields by name, witnesses in the order they were recorded, as each model orders them.
    rows = sorted(rows, key=lambda row: (row[0], row[1] if row[0] == 0 else row[3]))
    return (
        [label for kind, label, _detail, _pk in rows if kind == 0],
        [(label, detail) for kind, label, detail, _pk in rows if kind == 1],
    )


def programme_clauses(*, programme, today):
    """All the clauses of a programme, original and amended, with status, indicators, reports.
    The indicators and the values reported on them come from one query (each indicator
    with its values): the page shows each indicator's total and each report's values."""
    # In the programme's order: no urgency to rank by.
    clauses = clauses_with_status(programme.clauses.all(), today=today, ranked=False)
    clauses = list(
        clauses.select_related(
            "lead_body", "topic", "amendment", "replaces", "replaced_by__amendment"
        )
        .prefetch_related(
            "supporting_bodies",
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.select_related("reporting_body"),
            ),
        )
        .order_by("number", "pk")
    )
    _attach_indicators(clauses)
    for clause in clauses:
        clause.replacement = _replacement(clause)
    return clauses


def _replacement(clause):
    """The clause's amended wording (replaced_by), or None. Read once here: the page asks
    four times a clause, and a template that meets the missing relation's exception
    lists the clause's every attribute (dir) to tell it from a failing property."""
    try:
        return clause.replaced_by
    except clause.__class__.replaced_by.RelatedObjectDoesNotExist:
        return None


def _attach_indicators(clauses):
    """Each clause's `indicators` (with `achieved`, the sum of the values reported on
    them) and each report's `values` (with their indicator), as prefetches would."""
    rows = (
        Indicator.objects.filter(clause__in=[clause.pk for clause in clauses])
        .annotate(
            value_id=F("values__pk"),
            value_report_id=F("values__report_id"),
            value=F("values__value"),
        )
        .order_by("pk", "values__report_id", "values__pk")
    )
    indicators, values = {}, {}
    for row in rows:
        indicator = indicators.setdefault(row.pk, row)
        if indicator is row:
            indicator.achieved = Decimal(0)
        if row.value_id is not None:
            indicator.achieved += row.value
            values.setdefault(row.value_report_id, []).append(
                IndicatorValue(
                    pk=row.value_id,
                    report_id=row.value_report_id,
                    indicator=indicator,
                    value=row.value,
                )
            )
    by_clause = {}
    for indicator in indicators.values():
        by_clause.setdefault(indicator.clause_id, []).append(indicator)
    for clause in clauses:
        clause._prefetched_objects_cache["indicators"] = by_clause.get(clause.pk, [])
        for report in clause.progress_reports.all():
            report._prefetched_objects_cache = {"values": values.get(report.pk, [])}


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
