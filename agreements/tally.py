"""The clauses in force counted ahead (ClauseTally), for the leaders' dashboard.

One row per programme, lead body, stored status and the dates today's status and
"in force" are read from (Clause.status_sql; the amendment's date; the programme's
period end), with how many current clauses share them; only signed programmes. The
dashboard groups these rows instead of joining every clause to its programme and
amendment, and stays exact for any day: nothing in a row depends on today.

Kept within the same transaction by whatever changes a programme's counted clauses:
a clause saved or deleted (added, edited, replaced by an amendment, dropped), its
stored status refreshed from its progress reports (ClauseQuerySet.status_refresh), a
programme saved (signed, closed, its period changed), an amendment saved. A handover
changes none of it (the lead body stays the body that ended; visibility is asked live).
`rebuild_clause_tally` rebuilds it after a bulk load (generate_load does it itself).
"""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from agreements.models import (
    OPEN_STATUSES,
    Amendment,
    Clause,
    ClauseStatus,
    ClauseTally,
    Programme,
)

# Statuses that become "overdue" past the due date; a stored "overdue" stays so anyway.
_DUE_MATTERS = sorted(s.value for s in OPEN_STATUSES if s != ClauseStatus.OVERDUE)

_COUNT = """
    SELECT c.programme_id, c.lead_body_id, c.status,
           CASE WHEN c.status IN ({due}) THEN c.due_date END,
           CASE WHEN c.status = %s THEN c.reported_on END,
           a.date, p.period_end, COUNT(*)
    FROM {clause} c
    JOIN {programme} p ON p.id = c.programme_id
    LEFT JOIN {amendment} a ON a.id = c.amendment_id
    WHERE p.status = %s
      AND NOT EXISTS (SELECT 1 FROM {clause} r WHERE r.replaces_id = c.id){where}
    GROUP BY 1, 2, 3, 4, 5, 6, 7
"""

# The first key of the advisory locks taken here (any number no other lock uses).
_LOCK_SPACE = 7301


def clause_tally_rebuild(programme_ids=None):
    """Count again the clauses of these programmes (all when None)."""
    tally = ClauseTally._meta.db_table
    ids, where = [], ""
    if programme_ids is not None:
        ids = sorted({int(pk) for pk in programme_ids if pk is not None})
        if not ids:
            return
        where = f" AND programme_id IN ({', '.join(['%s'] * len(ids))})"
    count = _COUNT.format(
        due=", ".join(["%s"] * len(_DUE_MATTERS)),
        clause=Clause._meta.db_table,
        programme=Programme._meta.db_table,
        amendment=Amendment._meta.db_table,
        where=where.replace("programme_id", "c.programme_id"),
    )
    params = [*_DUE_MATTERS, ClauseStatus.ON_TRACK.value, Programme.Status.SIGNED.value]
    with transaction.atomic(), connection.cursor() as cursor:
        if ids:
            # Two writers of one programme one after the other: else each deletes the
            # rows it saw and both insert, counting the clauses twice.
            if connection.vendor == "postgresql":  # in id order, in one statement
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, id)"
                    " FROM (SELECT unnest(%s::int[]) AS id ORDER BY 1) AS ids",
                    [_LOCK_SPACE, ids],
                )
            cursor.execute(f"DELETE FROM {tally}{where.replace(' AND', ' WHERE', 1)}", ids)
            params += ids
        else:
            cursor.execute(f"DELETE FROM {tally}")
        cursor.execute(
            f"INSERT INTO {tally} (programme_id, lead_body_id, status, due_date, reported_on,"
            f" in_force_from, period_end, clauses) {count}",
            params,
        )


# --- keeping it -----------------------------------------------------------------


def _clause_changed(sender, instance, **kwargs):
    clause_tally_rebuild([instance.programme_id])


def _programme_saved(sender, instance, **kwargs):
    clause_tally_rebuild([instance.pk])


def connect():
    post_save.connect(_clause_changed, sender=Clause, dispatch_uid="tally_clause_saved")
    post_delete.connect(_clause_changed, sender=Clause, dispatch_uid="tally_clause_deleted")
    post_save.connect(_programme_saved, sender=Programme, dispatch_uid="tally_programme_saved")
    post_save.connect(_clause_changed, sender=Amendment, dispatch_uid="tally_amendment_saved")
