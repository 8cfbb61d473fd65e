"""Who a user is and which bodies and units they look after: the small predicates
every app's own rules are built on (`agreements/rules.py`, `meetings/rules.py`,
`reports/rules.py`). Nothing here knows a programme, a meeting or a report.

A rule answers with a `Decision`: true when the user may, false when not, and
then with the reason a person reads on the refusal page. Views call
`require(decision)`, which raises `Refused` (a PermissionDenied) with that reason.
Django superusers hold every role and look after every body.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from parties.models import (
    AdministrativeUnit,
    Body,
    Membership,
    Reorganisation,
    Succession,
    predecessor_ids,
    unit_subtree,
)

Role = Membership.Role


# --- decisions ----------------------------------------------------------------


class Decision:
    """A rule's answer: truthy when allowed; when refused, `reason` says why."""

    __slots__ = ("allowed", "reason")

    def __init__(self, allowed, reason=""):
        self.allowed = allowed
        self.reason = reason

    def __bool__(self):
        return self.allowed

    def __repr__(self):
        return "Decision(allowed)" if self.allowed else f"Decision(refused: {self.reason!s})"


ALLOWED = Decision(True)


def deny(reason):
    return Decision(False, reason)


def decide(allowed, reason):
    """ALLOWED when `allowed` is true, else a refusal for `reason`."""
    return ALLOWED if allowed else deny(reason)


class Refused(PermissionDenied):
    """A refusal with its reason and the ways forward the view knows: (url, label) pairs
    that the refusal page offers as links (config/errors.py)."""

    def __init__(self, reason="", *, ways_forward=()):
        super().__init__(reason)
        self.reason = reason
        self.ways_forward = list(ways_forward)


def require(decision, *, ways_forward=()):
    """Go on if `decision` allows; otherwise refuse (403) with its reason."""
    if not decision:
        raise Refused(getattr(decision, "reason", ""), ways_forward=ways_forward)


# --- who the user is -----------------------------------------------------------


def membership_of(user):
    """The user's membership, fetched once per user object, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_membership_cache"):
        user._membership_cache = (
            Membership.objects.select_related("body__unit", "official").filter(user=user).first()
        )
    return user._membership_cache


def sees_everything(user):
    return bool(getattr(user, "is_superuser", False))


def body_of(user):
    membership = membership_of(user)
    return membership.body if membership else None


def has_role(user, *roles):
    """True when the user holds one of `roles`; superusers hold them all."""
    if sees_everything(user):
        return True
    membership = membership_of(user)
    return membership is not None and membership.role in roles


def has_ended(body, day):
    """`body` no longer existed on `day`: a reorganisation ended it before then."""
    return body is not None and body.ended_on is not None and body.ended_on < day


def works_for(user, body_id):
    """The user's own body is the body with this id."""
    body = body_of(user)
    return body is not None and body.pk == body_id


# --- the bodies and units a body looks after ----------------------------------


def predecessors_of(body):
    """Ids of the bodies `body` succeeded, fetched once per body object: a successor
    sees what its predecessors did (their programmes, meetings and reports)."""
    if not hasattr(body, "_predecessor_ids"):
        body._predecessor_ids = predecessor_ids(Body, body.pk)
    return body._predecessor_ids


def bodies_overseen_filter(body, prefix=""):
    """Bodies this body may look at: itself, the bodies it succeeded, and those in
    units below its own."""
    unit_id = body.unit_id
    return (
        Q(**{f"{prefix}pk": body.pk})
        | Q(**{f"{prefix}pk__in": sorted(predecessors_of(body))})
        | Q(**{f"{prefix}unit__parent_id": unit_id})
        | Q(**{f"{prefix}unit__parent__parent_id": unit_id})
    )


def unit_lineage(unit):
    """The unit's id and those of the units it succeeded: a report for a new unit covers
    its predecessors' work for the periods before the change."""
    return [unit.pk, *sorted(predecessor_ids(AdministrativeUnit, unit.pk))]


def visible_bodies(user):
    if sees_everything(user):
        return Body.objects.all()
    body = body_of(user)
    if body is None:
        return Body.objects.none()
    return Body.objects.filter(bodies_overseen_filter(body))


def units_overseen(user):
    """The units below the user's own: what a body looks after as a whole. Its own unit
    is not one of them: a body sees its own programmes there, not its neighbours'."""
    if sees_everything(user):
        return AdministrativeUnit.objects.all()
    body = body_of(user)
    if body is None:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(
        Q(parent_id=body.unit_id)
        | Q(parent__parent_id=body.unit_id)
        | Q(pk__in=predecessor_ids(AdministrativeUnit, body.unit_id))
    )


def pickable_bodies(user):
    """Bodies a drafter may name, as parties or as supporting a clause: those of their own
    unit, of the unit above it and of the units below it."""
    if sees_everything(user):
        return Body.objects.all()
    body = body_of(user)
    if body is None:
        return Body.objects.none()
    unit = body.unit
    return Body.objects.filter(
        bodies_overseen_filter(body)
        | Q(unit_id=unit.pk)
        | (Q(unit_id=unit.parent_id) if unit.parent_id else Q(pk__in=[]))
    )


# --- administering the organisation (the pages under /org/) ----------------------

ONLY_ADMINISTRATORS = _("Only a unit's administrators manage its bodies, officials and accounts.")


def can_administer(user):
    """Open the organisation pages at all: a unit administrator (or a superuser)."""
    return decide(has_role(user, Role.ADMINISTRATOR), ONLY_ADMINISTRATORS)


def administered_units(user):
    """The administrator's own unit and the units below it."""
    if sees_everything(user):
        return AdministrativeUnit.objects.all()
    body = body_of(user)
    if body is None or not has_role(user, Role.ADMINISTRATOR):
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.filter(unit_subtree("", body.unit_id))


def administered_bodies(user):
    if sees_everything(user):
        return Body.objects.all()
    body = body_of(user)
    if body is None or not has_role(user, Role.ADMINISTRATOR):
        return Body.objects.none()
    return Body.objects.filter(unit_subtree("unit", body.unit_id))


def administered_memberships(user):
    """Accounts of the bodies the administrator manages."""
    return Membership.objects.filter(body__in=administered_bodies(user))


def can_administer_account(user, membership):
    """A superuser's account is not changed from these pages, nor one's own."""
    if membership.user.is_superuser:
        return deny(_("A superuser's account is managed by the system administrator."))
    if membership.user_id == user.pk:
        return deny(_("Your own account is changed by another administrator."))
    return ALLOWED


def administered_reorganisations(user):
    """Reorganisations that ended a unit or body the administrator manages."""
    if sees_everything(user):
        return Reorganisation.objects.all()
    return Reorganisation.objects.filter(
        Q(
            pk__in=Succession.objects.filter(predecessor_body__in=administered_bodies(user)).values(
                "reorganisation_id"
            )
        )
        | Q(
            pk__in=Succession.objects.filter(predecessor_unit__in=administered_units(user)).values(
                "reorganisation_id"
            )
        )
    )
