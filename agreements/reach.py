"""Which units see a programme through the bodies below them (ProgrammeReach).

A body sees a programme when one of the bodies it looks after is a party to it or
supports one of its clauses (agreements/rules.py); the bodies it looks after are
itself, its predecessors and the bodies of the units one and two levels below its
own. Both are kept here, so that no visibility query joins every supporting body of
every clause: ProgrammeInvolvement, each programme's parties and supporting bodies
once; ProgrammeReach, for each programme the parent and grandparent units of every
involved body's unit.

Kept by signals on whatever changes it — a party added or removed, a clause's
supporting bodies, a clause deleted, a body moved to another unit, a unit moved
under another — within the same transaction; `rebuild_programme_reach` rebuilds both
after a bulk load (generate_load does it itself).
"""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from agreements.models import Clause, ProgrammeInvolvement, ProgrammeParty, ProgrammeReach
from parties.models import AdministrativeUnit, Body

# Every (programme, unit above an involved body's unit), parties and supporters alike.
_INVOLVED = """
    SELECT pp.programme_id AS programme_id, pp.body_id AS body_id
    FROM agreements_programmeparty pp {party_filter}
    UNION
    SELECT c.programme_id, s.body_id
    FROM agreements_clause_supporting_bodies s
    JOIN agreements_clause c ON c.id = s.clause_id {supporter_filter}
"""
_REACH = """
    SELECT i.programme_id, u.parent_id FROM ({involved}) i
    JOIN parties_body b ON b.id = i.body_id
    JOIN parties_administrativeunit u ON u.id = b.unit_id
    WHERE u.parent_id IS NOT NULL
    UNION
    SELECT i.programme_id, u2.parent_id FROM ({involved}) i
    JOIN parties_body b ON b.id = i.body_id
    JOIN parties_administrativeunit u ON u.id = b.unit_id
    JOIN parties_administrativeunit u2 ON u2.id = u.parent_id
    WHERE u2.parent_id IS NOT NULL
"""


def programme_reach_rebuild(programme_ids=None):
    """Write again the involved bodies and the reach of these programmes (all when None)."""
    reach = ProgrammeReach._meta.db_table
    involvement = ProgrammeInvolvement._meta.db_table
    ids, where = [], ""
    if programme_ids is not None:
        ids = sorted({int(pk) for pk in programme_ids if pk is not None})
        if not ids:
            return
        marks = ", ".join(["%s"] * len(ids))
        where = f" WHERE programme_id IN ({marks})"
    involved = _INVOLVED.format(
        party_filter=where.replace("programme_id", "pp.programme_id"),
        supporter_filter=where.replace("programme_id", "c.programme_id"),
    )
    kept = f"SELECT programme_id, body_id FROM {involvement}{where}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {reach}{where}", ids)
        cursor.execute(f"DELETE FROM {involvement}{where}", ids)
        cursor.execute(f"INSERT INTO {involvement} (programme_id, body_id) {involved}", ids * 2)
        cursor.execute(
            f"INSERT INTO {reach} (programme_id, unit_id) {_REACH.format(involved=kept)}", ids * 2
        )


def programmes_involving(body_ids):
    return set(
        ProgrammeInvolvement.objects.filter(body_id__in=body_ids).values_list(
            "programme_id", flat=True
        )
    )


# --- keeping it -----------------------------------------------------------------


def _party_changed(sender, instance, **kwargs):
    programme_reach_rebuild([instance.programme_id])


def _supporters_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:  # clause.supporting_bodies.add(...)
        programme_reach_rebuild([instance.programme_id])
    elif action == "post_clear":  # from the body's side: the links are gone, so all
        programme_reach_rebuild()
    else:
        ids = Clause.objects.filter(pk__in=pk_set or ()).values_list("programme_id", flat=True)
        programme_reach_rebuild(set(ids))


def _clause_deleted(sender, instance, **kwargs):
    programme_reach_rebuild([instance.programme_id])


def _remember_parent(sender, instance, **kwargs):
    """Before a body or unit is saved: where it hung, to see whether it moved."""
    field = "unit_id" if sender is Body else "parent_id"
    if instance.pk is None:
        instance._reach_was = None
        return
    instance._reach_was = (
        sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    )


def _body_saved(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_reach_was", instance.unit_id) != instance.unit_id:
        programme_reach_rebuild(programmes_involving([instance.pk]))


def _unit_saved(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_reach_was", instance.parent_id) != instance.parent_id:
        programme_reach_rebuild()  # a unit moved: rare, and every level below it moves


def connect():
    post_save.connect(_party_changed, sender=ProgrammeParty, dispatch_uid="reach_party_saved")
    post_delete.connect(_party_changed, sender=ProgrammeParty, dispatch_uid="reach_party_deleted")
    m2m_changed.connect(
        _supporters_changed,
        sender=Clause.supporting_bodies.through,
        dispatch_uid="reach_supporters",
    )
    post_delete.connect(_clause_deleted, sender=Clause, dispatch_uid="reach_clause_deleted")
    pre_save.connect(_remember_parent, sender=Body, dispatch_uid="reach_body_before")
    post_save.connect(_body_saved, sender=Body, dispatch_uid="reach_body_saved")
    pre_save.connect(_remember_parent, sender=AdministrativeUnit, dispatch_uid="reach_unit_before")
    post_save.connect(_unit_saved, sender=AdministrativeUnit, dispatch_uid="reach_unit_saved")
