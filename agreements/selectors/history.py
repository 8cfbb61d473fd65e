"""A programme's history: who changed what and when, from django-simple-history.

The records of the programme, its clauses, their progress reports, its
signatories, amendments and signing are read in one query per model; the
differences between consecutive records of an object are worked out here.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agreements.models import (
    Amendment,
    Clause,
    Handover,
    Indicator,
    Programme,
    ProgrammeParty,
    ProgressReport,
    Signatory,
    Signing,
)
from parties.models import Body, Official

# Fields that change on every save or are kept for the machine, not for people.
HIDDEN_FIELDS = {"id", "updated_at", "created_at", "search_text", "created_by"}
TEXT_LIMIT = 160


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    user: object
    action: str  # "+", "~" or "-"
    what: str
    changes: list = field(default_factory=list)

    @property
    def action_label(self):
        return {"+": _("created"), "~": _("changed"), "-": _("deleted")}[self.action]


def _records(programme):
    clause_ids = list(
        Clause.history.filter(programme_id=programme.pk).values_list("id", flat=True).distinct()
    )
    sources = [
        Programme.history.filter(id=programme.pk),
        ProgrammeParty.history.filter(programme_id=programme.pk),
        Clause.history.filter(programme_id=programme.pk),
        Indicator.history.filter(clause_id__in=clause_ids),
        ProgressReport.history.filter(clause_id__in=clause_ids),
        Signatory.history.filter(programme_id=programme.pk),
        Amendment.history.filter(programme_id=programme.pk),
        Handover.history.filter(programme_id=programme.pk),
    ]
    if programme.signing_id:
        sources.append(Signing.history.filter(id=programme.signing_id))
    for source in sources:
        yield list(source.select_related("history_user").order_by("id", "history_date", "pk"))


def _format(value, model_field, names):
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        # A record the history points at may have been deleted since: say so, not "#10".
        return str(names.get((model_field.related_model, value), _("(deleted)")))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


# Not editable in forms, but what signing changes: people should see it change.
SHOWN_READONLY = {"fingerprint"}


def _tracked_fields(model):
    """The fields people follow, among those the history keeps (a programme's own note,
    for its keepers only, is not kept)."""
    kept = {f.name for f in model.history.model._meta.concrete_fields}
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS
        and f.name in kept
        and (f.editable or f.name in SHOWN_READONLY)
    ]


def _related_names(groups):
    """{(model, id): label} for whatever the records point at: bodies, officials,
    clauses, fields of work …, one query per model."""
    wanted = defaultdict(set)
    for records in groups:
        for record in records:
            for f in _tracked_fields(record.instance_type):
                if isinstance(f, models.ForeignKey):
                    value = getattr(record, f.attname)
                    if value is not None:
                        wanted[f.related_model].add(value)
    names = {}
    for model, ids in wanted.items():
        if not ids:
            continue
        if model is Clause:
            rows = Clause.history.filter(id__in=ids).order_by("id", "history_date")
            for row in rows:  # the latest number and wording a clause had
                names[(Clause, row.id)] = _("clause %(number)s") % {"number": row.number}
            continue
        for obj in model.objects.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj) if model is not Official else obj.full_name
    return names


def _label(record, names):
    model = record.instance_type
    if model is Programme:
        return _("Programme")
    if model is Clause:
        return _("Clause %(number)s") % {"number": record.number}
    if model is ProgressReport:
        return _("Progress report on %(clause)s, %(date)s") % {
            "clause": names.get((Clause, record.clause_id), "?"),
            "date": formats.date_format(record.reported_on, "SHORT_DATE_FORMAT"),
        }
    if model is ProgrammeParty:
        return _("Party %(body)s") % {"body": names.get((Body, record.body_id), "?")}
    if model is Indicator:
        return _("Indicator of %(clause)s") % {"clause": names.get((Clause, record.clause_id), "?")}
    if model is Signatory:
        return _("Signatory for %(body)s") % {"body": names.get((Body, record.body_id), "?")}
    if model is Amendment:
        return _("Amendment %(number)s") % {"number": record.number}
    if model is Handover:
        return _("Handed over by %(body)s") % {"body": names.get((Body, record.from_body_id), "?")}
    return _("Signing")


def programme_history(*, programme):
    """Every recorded change around a programme, newest first, as HistoryEntry rows."""
    groups = list(_records(programme))
    names = _related_names(groups)
    entries = []
    for records in groups:
        previous = None
        for record in records:
            model = record.instance_type
            fields = _tracked_fields(model)
            if previous is not None and previous.id != record.id:
                previous = None
            changes = []
            if record.history_type == "~" and previous is not None:
                for f in fields:
                    old, new = getattr(previous, f.attname), getattr(record, f.attname)
                    if old != new:
                        changes.append(
                            Change(
                                str(f.verbose_name),
                                _format(old, f, names),
                                _format(new, f, names),
                            )
                        )
                if not changes:
                    previous = record
                    continue
            elif record.history_type in "+-":
                for f in fields:
                    value = getattr(record, f.attname)
                    if value not in (None, "", False) and f.name not in {"programme", "clause"}:
                        shown = _format(value, f, names)
                        created = record.history_type == "+"
                        changes.append(
                            Change(str(f.verbose_name), "" if created else shown, shown * created)
                        )
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    user=record.history_user,
                    action=record.history_type,
                    what=_label(record, names),
                    changes=changes,
                )
            )
            previous = record
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
