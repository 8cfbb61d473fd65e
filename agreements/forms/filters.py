"""The filters of the programme and clause lists (GET): a bad value is simply ignored."""

from typing import NamedTuple

from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyChoiceField, offer_recent_only
from agreements.models import ClauseStatus, Programme, ProgrammeInvolvement, ProgrammeReach
from agreements.rules import (
    programme_ids_seen_by,
    programme_visible_row_by_row,
    visible_programmes,
)
from agreements.search import fold, search_forms
from agreements.selectors import (
    BODIES_IN_ORDER,
    programme_filter_choices,
    programme_filter_units,
)
from agreements.selectors.clauses import not_draft
from parties.models import AdministrativeUnit, Body
from parties.rules import body_of, predecessors_of, sees_everything

IN_FORCE = "in_force"

SORT_CHOICES = [
    ("newest", _("Newest period first")),
    ("oldest", _("Oldest period first")),
    ("reference", _("Issuing body and number")),
    ("title", _("Title")),
    ("status", _("Status")),
]


def offer_once(field, options=None):
    """The select's options from one query (a model choice field otherwise counts its
    rows first, then reads them), or from `options` already read."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    options = field.queryset if options is None else options
    field.widget.choices = empty + [(o.pk, field.label_from_instance(o)) for o in options]


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            *Programme.Status.choices,
            (IN_FORCE, _("In force today (signed, period not ended)")),
        ],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    find = forms.CharField(label=_("Find a body"), required=False, max_length=100)
    body = BodyChoiceField(label=_("Body"), queryset=None, required=False)
    topic = forms.ModelChoiceField(label=_("Field of work"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("Administrative unit"), queryset=None, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = programme_filter_choices(user=user)
        self.fields["year"].choices = [("", _("All years"))] + [
            (y, str(y)) for y in choices["years"]
        ]
        self.fields["body"].empty_label = _("All bodies")
        # A province has some 900 bodies: a few are offered, narrowed by "find".
        find = self.data.get(self.add_prefix("find")) if self.is_bound else ""
        bodies = offer_bodies(self, ("body",), choices["bodies"], find)
        # The bodies were read once to offer them and find their units; a chosen one
        # must be one of them (one look-up by id, no visibility asked again). Setting a
        # queryset resets the options: those offered are put back.
        offered = self.fields["body"].widget.choices
        self.fields["body"].queryset = Body.objects.filter(pk__in=[b.pk for b in bodies])
        self.fields["body"].widget.choices = offered
        self.fields["topic"].queryset = choices["topics"]
        self.fields["topic"].empty_label = _("All fields")
        self.fields["unit"].queryset = programme_filter_units({b.unit_id for b in bodies})
        self.fields["unit"].empty_label = _("All units")
        for name in ("topic", "unit"):
            offer_once(self.fields[name])

    def filters(self):
        """The valid filters only; a value that does not fit is dropped, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "status": data.get("status") or "",
            "year": data.get("year"),
            "body": data.get("body"),
            "topic": data.get("topic"),
            "unit": data.get("unit"),
            "sort": data.get("sort") or "newest",
        }


# A province has some 900 bodies: the clause list's two body pickers offer this many,
# narrowed by what is typed in "find" (and always the ones chosen), not all of them.
BODIES_OFFERED = 40


def clause_filter_bodies(user):
    """The bodies the clause list may filter by: the parties (every lead body is one) and
    the supporting bodies of the programmes the user sees, nothing else; read from the
    programmes' involved bodies kept by agreements/reach.py, one index, no join through
    every clause."""
    programmes = visible_programmes(user).exclude(status=Programme.Status.DRAFT)
    involved = ProgrammeInvolvement.objects.filter(programme__in=programmes).order_by()
    return Body.objects.filter(pk__in=involved.values("body_id"))


def clause_filter_bodies_from_programmes(user):
    """clause_filter_bodies read outwards from the programmes the user sees, for a user who
    sees few (a district's ~2,000 of 25,000): each programme's bodies from the index
    programme_involvement_bodies alone, instead of every body's involvements probed
    against the programmes seen (32 -> 13 ms for a district's leader). A LATERAL
    subquery, fenced by OFFSET 0, keeps that order: as a plain join PostgreSQL reads
    every involvement instead (bench/INDEXES.md). For a user who sees most programmes it
    would read most of the table: not for them."""
    body = body_of(user)
    if sees_everything(user) or body is None or connection.vendor != "postgresql":
        return clause_filter_bodies(user)
    seen_sql, seen_params = programme_ids_seen_by(body).query.sql_with_params()
    drafts = Programme.objects.filter(status=Programme.Status.DRAFT).order_by().values("pk")
    drafts_sql, drafts_params = drafts.query.sql_with_params()
    involvement = connection.ops.quote_name(ProgrammeInvolvement._meta.db_table)
    sql = (
        f"SELECT involved.body_id FROM ({seen_sql}) seen (programme_id) CROSS JOIN LATERAL"
        f" (SELECT body_id FROM {involvement} WHERE programme_id = seen.programme_id"
        f" OFFSET 0) involved WHERE seen.programme_id NOT IN ({drafts_sql})"
    )
    return Body.objects.filter(pk__in=RawSQL(sql, (*seen_params, *drafts_params)))


def clause_filter_bodies_row_by_row(user):
    """clause_filter_bodies asked body by body, in the pickers' order: a body is kept when
    one of its involvements (agreements/reach.py) is in a programme that is no draft and
    that the user sees, asked row by row (two index probes), no set of every programme
    seen hashed. Read with a LIMIT, it stops after the first bodies offered, which is
    quick when the user sees most programmes (sees_most_programmes): then nearly every
    body's first involvement is one the user sees. For a user who sees few, it would
    walk every involvement of the many bodies they do not see (bench/INDEXES.md)."""
    involved = ProgrammeInvolvement.objects.filter(
        programme_visible_row_by_row(user, "programme_id"),
        not_draft("programme_id"),
        body_id=OuterRef("pk"),
    )
    return Body.objects.filter(Exists(involved))


def sees_most_programmes(user):
    """Whether the user sees at least half of the programmes, counted from the tables
    kept by agreements/reach.py (their unit's reach and their body's own involvements,
    which may overlap): a provincial body. One query of three index counts."""
    if sees_everything(user):
        return True
    body = body_of(user)
    if body is None:
        return False
    own = [body.pk, *sorted(predecessors_of(body))]
    reach, involvement, programme = (
        model._meta.db_table for model in (ProgrammeReach, ProgrammeInvolvement, Programme)
    )
    bodies = ", ".join(["%s"] * len(own))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {reach} WHERE unit_id = %s)"
            f" + (SELECT COUNT(*) FROM {involvement} WHERE body_id IN ({bodies})),"
            f" (SELECT COUNT(*) FROM {programme})",
            [body.unit_id, *own],
        )
        seen, total = cursor.fetchone()
    return seen * 2 >= total


class OfferedBody(NamedTuple):
    pk: int
    unit_id: int
    label: str  # as BodyChoiceField writes it: "name (unit)"
    full_name: str


def offer_bodies(form, names, queryset, find="", limit=BODIES_OFFERED, *, first=None):
    """Let the selects `names` list at most `limit` bodies of `queryset` whose name, full
    name or unit matches `find` (diacritics and abbreviations aside), and the ones chosen;
    any body of the queryset is still accepted. One query, whatever the number of bodies,
    of the columns shown only, read as tuples (no two models a body for ~900 bodies);
    returns every body read, as OfferedBody. With `first`, only the first `first` bodies
    are read (enough when nothing is typed or chosen: `limit` + 1 tells whether more
    are left)."""
    values = queryset.order_by(*BODIES_IN_ORDER).values_list(
        "pk", "name", "full_name", "unit_id", "unit__category", "unit__name"
    )
    if first is not None:
        values = values[:first]
    units = {}
    rows = []
    for pk, name, full_name, unit_id, category, unit_name in values:
        if unit_id not in units:
            units[unit_id] = str(AdministrativeUnit(pk=unit_id, category=category, name=unit_name))
        rows.append(OfferedBody(pk, unit_id, f"{name} ({units[unit_id]})", full_name))
    forms_ = search_forms(find or "")
    chosen = set()
    for name in names:
        value = str(form.data.get(form.add_prefix(name)) or "") if form.is_bound else ""
        if value.isdigit():
            chosen.add(int(value))
    offered = []
    for body in rows:
        if forms_:
            # The full name too: it spells out what the name abbreviates ("UBND xã …"
            # is found by "ủy ban nhân dân"), as a query's abbreviations are spelled out.
            folded = fold(f"{body.label}\n{body.full_name}")
            if not any(f in folded for f in forms_):
                continue
        offered.append(body)
        if len(offered) >= limit:
            break
    shown = {b.pk for b in offered}
    offered += [b for b in rows if b.pk in chosen and b.pk not in shown]
    for name in names:
        field = form.fields[name]
        empty = [("", field.empty_label)] if field.empty_label is not None else []
        field.widget.choices = empty + [(b.pk, b.label) for b in offered]
    form.bodies_found = len(offered)
    form.bodies_limited = len(rows) > limit
    return rows


class ClauseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ClauseStatus.choices]
    )
    find = forms.CharField(label=_("Find a body"), required=False, max_length=100)
    body = BodyChoiceField(label=_("Lead or supporting body"), queryset=None, required=False)
    # The leaders' dashboard counts clauses by the body that leads them.
    lead = BodyChoiceField(label=_("Lead body"), queryset=None, required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)
    # The dashboard's figures count the programmes in force only (reports/links.py).
    in_force = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, bodies_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Visibility asked programme by programme: only the 100 most recent are offered,
        # walked by the index programme_recent (bench/INDEXES.md).
        programmes = Programme.objects.filter(programme_visible_row_by_row(user, "pk")).exclude(
            status=Programme.Status.DRAFT
        )
        bodies = clause_filter_bodies(user)
        self.fields["body"].queryset = bodies
        self.fields["body"].empty_label = _("All bodies")
        self.fields["lead"].queryset = bodies
        self.fields["lead"].empty_label = _("All bodies")
        find = self.data.get(self.add_prefix("find")) if self.is_bound else ""
        chosen = self.is_bound and any(
            str(self.data.get(self.add_prefix(name)) or "").isdigit() for name in ("body", "lead")
        )
        if not find and not chosen and sees_most_programmes(user):
            # Nothing typed or chosen: the first bodies are all that is shown.
            walked = clause_filter_bodies_row_by_row(user)
            offer_bodies(self, ("body", "lead"), walked, first=BODIES_OFFERED + 1)
        elif not find and not chosen:
            # Sees few programmes (sees_most_programmes said no).
            few = clause_filter_bodies_from_programmes(user)
            offer_bodies(self, ("body", "lead"), few, find)
        else:
            offer_bodies(self, ("body", "lead"), bodies, find)
        # The columns the label shows only: not the programmes' texts.
        self.fields["programme"].queryset = (
            programmes.select_related("issuer")
            .only("number", "symbol", "title", "issuer__kind")
            .order_by("-period_start", "pk")
        )
        self.fields["programme"].label_from_instance = lambda p: (
            (f"{p.reference} – " if p.reference else "")
            + f"{p.title[:70]}{'…' if len(p.title) > 70 else ''}"
        )
        self.fields["programme"].empty_label = _("All programmes")
        if not bodies_only:
            offer_recent_only(self, "programme")

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or None,
            "body": data.get("body"),
            "lead": data.get("lead"),
            "programme": data.get("programme"),
            "in_force": bool(data.get("in_force")),
        }
