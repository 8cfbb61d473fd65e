"""Who and what the benchmark measures with, found in whatever data is loaded
(`generate_load` makes a province that has all of them)."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count

from agreements.models import Clause, Programme, ProgrammeParty
from parties.models import AdministrativeUnit, Body, Membership

BENCH_ADMIN = "bench-admin"


@dataclass
class Subject:
    label: str
    user: object
    body: object
    programme_id: int | None


def largest_district():
    """The district with the most programmes issued in it and in its communes."""
    per_unit = Counter(
        dict(Programme.objects.values_list("issuer__unit").annotate(n=Count("pk")).order_by())
    )
    districts = list(AdministrativeUnit.objects.filter(level=2).order_by("pk"))
    communes = dict(AdministrativeUnit.objects.filter(level=3).values_list("pk", "parent_id"))
    totals = Counter()
    for unit_id, count in per_unit.items():
        totals[communes.get(unit_id, unit_id)] += count
    return max(districts, key=lambda d: (totals[d.pk], -d.pk))


def province():
    return (
        AdministrativeUnit.objects.filter(level=1)
        .annotate(bodies_count=Count("bodies"))
        .order_by("-bodies_count", "pk")
        .first()
    )


def _member(role, bodies):
    membership = (
        Membership.objects.filter(role=role, body__in=bodies)
        .select_related("user", "body")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise SystemExit(f"No {role} in the data: load it with `manage.py generate_load`.")
    return membership


def _programme_for(body):
    """The programme with the most clauses among the body's own (any if no body)."""
    programmes = Programme.objects.all()
    if body is not None:
        programmes = programmes.filter(
            pk__in=ProgrammeParty.objects.filter(body=body).values("programme")
        )
    counted = (
        Clause.objects.filter(programme__in=programmes)
        .values("programme")
        .annotate(n=Count("pk"))
        .order_by("-n", "programme")
        .first()
    )
    return counted["programme"] if counted else None


def subjects(district):
    """An official of the body with the most programmes (not the leader's), a leader of
    the district's Party committee, and an administrator of the province."""

    district_committee = (
        Body.objects.filter(unit=district, kind=Body.Kind.PARTY_COMMITTEE).first()
        or Body.objects.filter(unit=district).order_by("pk").first()
    )
    leader = _member(Membership.Role.LEADER, [district_committee])
    busiest = (
        Body.objects.exclude(pk=district_committee.pk)
        .annotate(n=Count("programme_memberships"))
        .order_by("-n", "pk")
        .first()
    )
    official = _member(Membership.Role.OFFICIAL, [busiest])
    admin = _member(
        Membership.Role.ADMINISTRATOR, Body.objects.filter(unit__level=1).order_by("pk")
    )
    return [
        Subject(f"official ({official.body.name})", official.user, official.body,
                _programme_for(official.body)),
        Subject(f"leader ({leader.body.name})", leader.user, leader.body,
                _programme_for(leader.body)),
        Subject(f"province admin ({admin.body.name})", admin.user, admin.body,
                _programme_for(admin.body) or _programme_for(None)),
    ]  # fmt: skip


def bench_superuser():
    """The account the admin changelists are measured with."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=BENCH_ADMIN, defaults={"is_staff": True, "is_superuser": True}
    )
    return user


def search_word():
    """A word most programme titles share, so the search has work to do."""
    return "tuyên truyền"
