"""Writes to the organisation: bodies, officials and their positions, accounts, and the
reorganisations that end units and bodies and name their successors.

Each service runs in one transaction and calls `full_clean()` before it saves. Nothing
here deletes: a body or a unit ends, an account is deactivated, because what a person
recorded stays theirs.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from parties.models import (
    AdministrativeUnit,
    Body,
    BodyName,
    Membership,
    Official,
    Position,
    Reorganisation,
    Succession,
    UnitName,
)


@transaction.atomic
def body_save(*, body):
    """Create or change a body (the fields come from the form that built it)."""
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def official_create(*, body, full_name, title, held_from, held_to=None, email=""):
    """A person and the first position they hold, in `body`, from `held_from`."""
    official = Official(
        body=body,
        full_name=full_name,
        position=title,
        email=email,
        active_from=held_from,
        active_to=held_to,
    )
    official.full_clean()
    official.save()
    position_add(official=official, body=body, title=title, held_from=held_from, held_to=held_to)
    return official


@transaction.atomic
def position_add(*, official, body, title, held_from, held_to=None):
    """Another position over dates; the official's own record shows the latest."""
    Official.objects.select_for_update().filter(pk=official.pk).first()
    position = Position(
        official=official, body=body, title=title, held_from=held_from, held_to=held_to
    )
    position.full_clean()
    position.save()
    latest = official.positions.order_by("-held_from").first()
    official.body, official.position = latest.body, latest.title
    official.active_to = latest.held_to
    official.save(update_fields=["body", "position", "active_to"])
    return position


# --- accounts ------------------------------------------------------------------


@transaction.atomic
def account_create(*, username, email, first_name, last_name, body, role, official=None):
    """An account with no password yet: the person sets one from the invitation."""
    User = get_user_model()
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    membership = Membership(user=user, body=body, role=role, official=official)
    membership.full_clean()
    membership.save()
    return user


@transaction.atomic
def account_change(*, membership, body, role, official=None):
    """Move an account to another body or role; what it recorded stays as recorded."""
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    membership.body, membership.role, membership.official = body, role, official
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def account_set_active(*, user, active):
    """Deactivate (or reactivate) an account; an account is never deleted."""
    if user.is_superuser and not active:
        raise ValidationError(_("A superuser's account is managed by the system administrator."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    return user


# --- reorganisations -------------------------------------------------------------


def _end(record, last_day):
    if record.ended_on is not None and record.ended_on < last_day:
        raise ValidationError(
            _("%(name)s had already ended on %(day)s.")
            % {"name": record, "day": record.ended_on.strftime("%d/%m/%Y")}
        )
    record.ended_on = last_day
    record.save(update_fields=["ended_on"])


@transaction.atomic
def reorganisation_record(
    *,
    legal_basis,
    decided_on,
    effective_on,
    successions,
    note="",
    by=None,
    renames=(),
    unit_renames=(),
):
    """Record one reorganisation.

    `successions` are (kind, predecessor, successor) triples of units or of bodies;
    each predecessor ends the day before `effective_on` and each successor begins
    then (unless it began earlier). `renames` are (body, new name, new full name) and
    `unit_renames` (unit, new name, new category): each goes on under its new name
    and keeps the old one for earlier dates.
    """
    reorganisation = Reorganisation(
        legal_basis=legal_basis,
        decided_on=decided_on,
        effective_on=effective_on,
        note=note,
        recorded_by=by,
    )
    reorganisation.full_clean()
    reorganisation.save()
    last_day = effective_on - timedelta(days=1)
    if not successions and not renames and not unit_renames:
        raise ValidationError(
            _("Name at least one unit or body that ends and its successor, or one renamed.")
        )
    for kind, old, new in successions:
        if type(old) is not type(new):
            raise ValidationError(_("A unit is succeeded by a unit, a body by a body."))
        if old.pk == new.pk:
            raise ValidationError(_("A unit or body cannot succeed itself."))
        model = type(old)
        old = model.objects.select_for_update().get(pk=old.pk)
        new = model.objects.select_for_update().get(pk=new.pk)
        side = "unit" if model is AdministrativeUnit else "body"
        Succession.objects.create(
            reorganisation=reorganisation,
            kind=kind,
            **{f"predecessor_{side}": old, f"successor_{side}": new},
        )
        _end(old, last_day)
        if new.began_on is None or new.began_on > effective_on:
            new.began_on = effective_on
            new.save(update_fields=["began_on"])
    for body, name, full_name in renames:
        body_rename(body=body, name=name, full_name=full_name, effective_on=effective_on)
        Succession.objects.create(
            reorganisation=reorganisation,
            kind=Succession.Kind.RENAMED,
            predecessor_body=body,
            successor_body=body,
        )
    for unit, name, category in unit_renames:
        unit_rename(unit=unit, name=name, category=category, effective_on=effective_on)
        Succession.objects.create(
            reorganisation=reorganisation,
            kind=Succession.Kind.RENAMED,
            predecessor_unit=unit,
            successor_unit=unit,
        )
    return reorganisation


def _rename(record, former, effective_on, **names):
    """Keep `record`'s present name as `former` (used until the day before
    `effective_on`), then give it `names`. A later name already on record would leave
    two names for the same days: refused."""
    last_day = effective_on - timedelta(days=1)
    if record.former_names.filter(used_until__gte=last_day).exists():
        raise ValidationError(
            _(
                "%(name)s already bears a name recorded from a later day; a rename is "
                "recorded in the order of its dates."
            )
            % {"name": record}
        )
    if record.ended_on is not None and record.ended_on < effective_on:
        raise ValidationError(
            _("%(name)s had already ended on %(day)s.")
            % {"name": record, "day": record.ended_on.strftime("%d/%m/%Y")}
        )
    former.used_until = last_day
    former.full_clean()
    former.save()
    for field, value in names.items():
        setattr(record, field, value)
    record.full_clean()
    record.save(update_fields=list(names))
    return record


@transaction.atomic
def body_rename(*, body, name, full_name, effective_on):
    """A new name from `effective_on`; documents dated before it print the old one."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    former = BodyName(body=body, name=body.name, full_name=body.full_name)
    return _rename(body, former, effective_on, name=name, full_name=full_name)


@transaction.atomic
def unit_rename(*, unit, name, category, effective_on):
    """A new name (and category: a township becomes a commune) from `effective_on`."""
    unit = AdministrativeUnit.objects.select_for_update().get(pk=unit.pk)
    former = UnitName(unit=unit, name=unit.name, category=unit.category)
    return _rename(unit, former, effective_on, name=name, category=category)
