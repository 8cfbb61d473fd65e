"""The tables visibility reads (agreements/reach.py) follow every change that moves what
a body sees, and a rebuild gives the same rows the signals kept."""

import pytest
from django.core.management import call_command

from agreements.models import ProgrammeInvolvement, ProgrammeReach
from agreements.reach import programme_reach_rebuild
from agreements.rules import programme_ids_seen_by, visible_programmes
from parties.models import Body
from parties.rules import bodies_overseen_filter
from tests.agreements.factories import draft
from tests.factories import (
    BodyFactory,
    CommuneFactory,
    DistrictFactory,
    OfficialFactory,
    ProvinceFactory,
    user_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    province = ProvinceFactory()
    east, west = DistrictFactory(parent=province), DistrictFactory(parent=province)
    commune = CommuneFactory(parent=east)
    bodies = {
        "province": BodyFactory(unit=province, name="UBND tỉnh"),
        "east": BodyFactory(unit=east, name="UBND huyện Đông"),
        "east 2": BodyFactory(unit=east, name="Ban Dân vận huyện Đông"),
        "west": BodyFactory(unit=west, name="UBND huyện Tây"),
        "commune": BodyFactory(unit=commune, name="UBND xã"),
        "commune 2": BodyFactory(unit=commune, name="Đoàn xã"),
    }
    for body in bodies.values():
        OfficialFactory(body=body)
    return bodies


def seen_by(body):
    return set(programme_ids_seen_by(body).values_list("programme_id", flat=True))


def seen_the_long_way(body):
    """What the rule says, asked of the parties and supporters themselves."""
    overseen = Body.objects.filter(bodies_overseen_filter(body))
    ids = set()
    for other in overseen:
        ids |= set(other.programme_memberships.values_list("programme_id", flat=True))
        ids |= set(other.supported_clauses.values_list("programme_id", flat=True))
    return ids


def kept():
    return (
        set(ProgrammeReach.objects.values_list("programme_id", "unit_id")),
        set(ProgrammeInvolvement.objects.values_list("programme_id", "body_id")),
    )


def agree(bodies):
    for name, body in bodies.items():
        assert seen_by(body) == seen_the_long_way(body), name


def test_a_commune_programme_is_seen_above_it_not_beside_it(place):
    programme = draft([place["commune"], place["commune 2"]], clauses=1)
    assert programme.pk in seen_by(place["province"])  # two levels up
    assert programme.pk in seen_by(place["east"])  # one level up
    assert programme.pk not in seen_by(place["west"])  # another district
    assert programme.pk in seen_by(place["commune"])
    agree(place)
    # …and through the user's own visibility, as the pages ask it
    assert visible_programmes(user_in(place["east 2"])).filter(pk=programme.pk).exists()


def test_supporting_bodies_added_and_removed_move_what_is_seen(place):
    programme = draft([place["east"], place["east 2"]], clauses=1)
    clause = programme.clauses.get()
    assert programme.pk not in seen_by(place["west"])
    clause.supporting_bodies.add(place["west"])
    assert programme.pk in seen_by(place["west"])
    agree(place)
    clause.supporting_bodies.remove(place["west"])
    assert programme.pk not in seen_by(place["west"])
    clause.supporting_bodies.add(place["commune"])
    assert programme.pk in seen_by(place["commune"])
    clause.delete()
    assert programme.pk not in seen_by(place["commune"])
    agree(place)


def test_a_party_removed_and_a_body_moved_are_followed(place):
    programme = draft([place["east"], place["commune"]], clauses=1)
    assert programme.pk not in seen_by(place["commune 2"])  # the same unit: not
    for clause in programme.clauses.all():
        clause.supporting_bodies.clear()
    assert programme.pk in seen_by(place["commune"])  # still a party
    programme.memberships.get(body=place["commune"]).delete()
    assert programme.pk not in seen_by(place["commune"])
    mover = place["east 2"]
    draft([mover, place["province"]], number=2, clauses=1)
    mover.unit = CommuneFactory(parent=place["west"].unit)
    mover.save()
    agree(place)


def test_a_unit_moved_under_another_is_followed(place):
    programme = draft([place["commune"], place["commune 2"]], clauses=1)
    commune = place["commune"].unit
    commune.parent = place["west"].unit
    commune.save()
    assert programme.pk in seen_by(place["west"])
    assert programme.pk not in seen_by(place["east"])
    agree(place)


def test_the_rebuild_gives_what_the_signals_kept(place):
    first = draft([place["commune"], place["east"]], clauses=2)
    first.clauses.first().supporting_bodies.add(place["west"], place["province"])
    draft([place["west"], place["province"]], number=2, clauses=1)
    before = kept()
    assert before[0] and before[1]
    ProgrammeReach.objects.all().delete()
    ProgrammeInvolvement.objects.all().delete()
    call_command("rebuild_programme_reach", verbosity=0)
    assert kept() == before
    programme_reach_rebuild([first.pk])  # one programme again: the same rows
    assert kept() == before
