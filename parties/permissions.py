"""Who may see and change what. Every page, export and download asks here.

A user sees a programme when their body is one of its parties, or when their
body's administrative unit is above the unit of one of its parties (a city's
Thành ủy sees its districts). Django superusers see everything.
"""

from django.db.models import Q

from agreements.models import Programme, ProgrammeParty
from parties.models import Body, Membership


def membership_of(user):
    """The user's membership, fetched once per request object, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_membership_cache"):
        user._membership_cache = (
            Membership.objects.select_related("body__unit", "official").filter(user=user).first()
        )
    return user._membership_cache


def sees_everything(user):
    return bool(getattr(user, "is_superuser", False))


def has_role(user, *roles):
    membership = membership_of(user)
    return membership is not None and membership.role in roles


def bodies_overseen_filter(body, prefix=""):
    """Bodies this body may look at: itself and those in units below its own."""
    unit_id = body.unit_id
    return (
        Q(**{f"{prefix}pk": body.pk})
        | Q(**{f"{prefix}unit__parent_id": unit_id})
        | Q(**{f"{prefix}unit__parent__parent_id": unit_id})
    )


def visible_bodies(user):
    if sees_everything(user):
        return Body.objects.all()
    membership = membership_of(user)
    if membership is None:
        return Body.objects.none()
    return Body.objects.filter(bodies_overseen_filter(membership.body))


def visible_programmes(user):
    """Programmes the user may see; anything else must look like it does not exist."""
    if sees_everything(user):
        return Programme.objects.all()
    membership = membership_of(user)
    if membership is None:
        return Programme.objects.none()
    party_rows = ProgrammeParty.objects.filter(
        bodies_overseen_filter(membership.body, prefix="body__")
    )
    return Programme.objects.filter(pk__in=party_rows.values("programme_id"))
