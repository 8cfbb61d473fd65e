"""Clauses: added, edited, reordered and removed while the programme is a draft;
dropped with a reason once it is signed."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Clause, Indicator, Programme
from agreements.services.drafts import programme_lock, programme_lock_draft
from parties.versions import version_check

GONE = _(
    "This clause has just been removed from the draft by someone else; "
    "what you typed is still here: add it again as a new clause if it is needed."
)


def _clause_locked(clause):
    """The clause as saved now. Call with its programme's row locked: every write to a
    programme's text takes that one lock first, so clause writes never interleave."""
    try:
        return Clause.objects.select_related("programme").get(pk=clause.pk)
    except Clause.DoesNotExist:
        raise ValidationError(GONE) from None


def _indicator_lines(indicators):
    return [f"{name}: {Decimal(target).normalize():f} {unit}" for name, unit, target in indicators]


def _save_indicators(clause, indicators):
    for name, unit, target in indicators:
        indicator = Indicator(clause=clause, name=name, unit=unit, target=target)
        indicator.full_clean()
        indicator.save()


def _replace_indicators(clause, indicators):
    """Keep the indicators that stay as they are; delete and add the rest (a draft has no
    values yet), one row at a time so the history records each change."""
    wanted = {(name, unit, Decimal(target)) for name, unit, target in indicators}
    for indicator in clause.indicators.all():
        key = (indicator.name, indicator.unit, indicator.target)
        if key in wanted:
            wanted.discard(key)
        else:
            indicator.delete()
    _save_indicators(clause, sorted(wanted))


@transaction.atomic
def clause_create(
    *,
    programme,
    text,
    lead_body,
    number=None,
    supporting_bodies=(),
    topic=None,
    cadence=Clause.Cadence.ONGOING,
    due_date=None,
    indicators=(),
    amendment=None,
    replaces=None,
):
    """Add a clause; to a draft directly, to a signed programme only through an amendment.

    `indicators` is a list of (name, unit, target).
    """
    if amendment is None:  # an amendment locked the programme already
        programme_lock_draft(programme)
    if number is None:
        last = programme.clauses.filter(amendment__isnull=True).order_by("-number").first()
        number = (last.number + 1) if last else 1
    clause = Clause(
        programme=programme,
        number=number,
        text=text,
        lead_body=lead_body,
        topic=topic,
        cadence=cadence,
        due_date=due_date,
        amendment=amendment,
        replaces=replaces,
    )
    clause.full_clean()
    clause.save()
    clause.supporting_bodies.set([b for b in supporting_bodies if b != lead_body])
    _save_indicators(clause, indicators)
    return clause


@transaction.atomic
def clause_update(
    *,
    clause,
    text,
    lead_body,
    supporting_bodies=(),
    topic=None,
    cadence=Clause.Cadence.ONGOING,
    due_date=None,
    indicators=(),
    version=None,
):
    """Edit a clause of a draft; its indicators are replaced by `indicators`.

    `version` is the clause's version the form was opened at: if someone saved
    the clause since, the edit is refused with what changed (EditConflict).
    """
    programme_lock_draft(clause.programme)
    current = _clause_locked(clause)
    supporting = [b for b in supporting_bodies if b != lead_body]
    version_check(
        record=current,
        version=version,
        compare=lambda: [
            (Clause._meta.get_field("text").verbose_name, current.text, text),
            (Clause._meta.get_field("lead_body").verbose_name, current.lead_body, lead_body),
            (
                Clause._meta.get_field("supporting_bodies").verbose_name,
                list(current.supporting_bodies.all()),
                supporting,
            ),
            (Clause._meta.get_field("topic").verbose_name, current.topic, topic),
            (
                Clause._meta.get_field("cadence").verbose_name,
                current.get_cadence_display(),
                Clause.Cadence(cadence).label,
            ),
            (Clause._meta.get_field("due_date").verbose_name, current.due_date, due_date),
            (
                _("Indicators"),
                _indicator_lines((i.name, i.unit, i.target) for i in current.indicators.all()),
                _indicator_lines(indicators),
            ),
        ],
    )
    current.text = text
    current.lead_body = lead_body
    current.topic = topic
    current.cadence = cadence
    current.due_date = due_date
    current.version += 1
    current.full_clean()
    current.save(update_fields=["text", "lead_body", "topic", "cadence", "due_date", "version"])
    current.supporting_bodies.set(supporting)
    _replace_indicators(current, indicators)
    return current


@transaction.atomic
def clause_delete(*, clause):
    """Remove a clause from a draft; the clauses after it move up one number."""
    programme = programme_lock_draft(clause.programme)
    clause = Clause.objects.filter(pk=clause.pk).first()
    if clause is None:  # someone removed it a moment ago
        return
    number = clause.number
    clause.delete()
    later = programme.clauses.filter(amendment__isnull=True, number__gt=number).order_by("number")
    for row in later:
        row.number -= 1
        row.save(update_fields=["number"])


@transaction.atomic
def clause_move(*, clause, offset):
    """Swap a clause of a draft with its neighbour above (offset -1) or below (+1)."""
    programme = programme_lock_draft(clause.programme)
    clause = _clause_locked(clause)
    siblings = programme.clauses.filter(amendment__isnull=True)
    if offset < 0:
        neighbour = siblings.filter(number__lt=clause.number).order_by("-number").first()
    else:
        neighbour = siblings.filter(number__gt=clause.number).order_by("number").first()
    if neighbour is None:
        return clause
    mine, theirs = clause.number, neighbour.number
    clause.number = 0  # a free number while the two swap places
    clause.save(update_fields=["number"])
    neighbour.number = mine
    neighbour.save(update_fields=["number"])
    clause.number = theirs
    clause.save(update_fields=["number"])
    return clause


@transaction.atomic
def clause_drop(*, clause, dropped_on, reason):
    """Drop a clause of a signed programme, with the reason; its history stays."""
    programme_lock(clause.programme)
    clause = _clause_locked(clause)
    if clause.programme.status != Programme.Status.SIGNED:
        raise ValidationError(
            _("Only a clause of a programme in force can be dropped; edit a draft instead.")
        )
    if clause.is_dropped:
        raise ValidationError(_("This clause has already been dropped."))
    if Clause.objects.filter(replaces=clause).exists():
        raise ValidationError(
            _("This clause was replaced by an amendment; drop its new wording instead.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for dropping the clause.")})
    if dropped_on < clause.programme.in_force_from:
        raise ValidationError(
            {"dropped_on": _("A clause cannot be dropped before the programme was signed.")}
        )
    if dropped_on > timezone.localdate():
        raise ValidationError({"dropped_on": _("This date is in the future.")})
    clause.dropped_on = dropped_on
    clause.dropped_reason = reason
    clause.full_clean()
    clause.save()  # Clause.save stores the status "dropped"
    return clause
