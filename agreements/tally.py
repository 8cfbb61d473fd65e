"""The clauses counted ahead: ClauseTally for the leaders' dashboard, ClauseCount for
the clause list's total.

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

ClauseCount is simpler: per programme that is not a draft (closed ones too, which the
clause list shows), how many current clauses it has. Kept by the same writes, in the
same transaction (clauses_counted_again).
"""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from agreements.models import (
    OPEN_STATUSES,
    Amendment,
    Clause,
    ClauseCount,
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

_PER_PROGRAMME = """
    SELECT c.programme_id, COUNT(*)
    FROM {clause} c
    JOIN {programme} p ON p.id = c.programme_id
    WHERE p.status <> %s
      AND NOT EXISTS (SELECT 1 FROM {clause} r WHERE r.replaces_id = c.id){where}
    GROUP BY 1
"""

# The first key of the advisory locks taken here (any number no other lock uses).
_LOCK_SPACE = 7301


def _programmes_chosen(programme_ids):
    """(ids, " AND programme_id IN (…)") for these programmes, ([], "") for all of them
    (None), or None when the list names none: there is nothing to count again."""
    if programme_ids is None:
        return [], ""
    ids = sorted({int(pk) for pk in programme_ids if pk is not None})
    if not ids:
        return None
    return ids, f" AND programme_id IN ({', '.join(['%s'] * len(ids))})"


def clause_tally_rebuild(programme_ids=None):
    """Count again the clauses of these programmes (all when None)."""
    tally = ClauseTally._meta.db_table
    chosen = _programmes_chosen(programme_ids)
    if chosen is None:
        return
    ids, where = chosen
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


def clauses_counted_again(programme_ids=None):
    """Count again the clauses of these programmes (all when None), for both ClauseTally
    and ClauseCount, in one transaction under clause_tally_rebuild's locks. (The
    migration that made ClauseTally fills it alone, before ClauseCount exists.)"""
    with transaction.atomic():
        clause_tally_rebuild(programme_ids)
        _clause_count_rebuild(programme_ids)


def _clause_count_rebuild(programme_ids):
    table = ClauseCount._meta.db_table
    chosen = _programmes_chosen(programme_ids)
    if chosen is None:
        return
    ids, where = chosen
    count = _PER_PROGRAMME.format(
        clause=Clause._meta.db_table,
        programme=Programme._meta.db_table,
        where=where.replace("programme_id", "c.programme_id"),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}{where.replace(' AND', ' WHERE', 1)}", ids)
        cursor.execute(
            f"INSERT INTO {table} (programme_id, clauses) {count}",
            [Programme.Status.DRAFT.value, *ids],
        )


# --- keeping it -----------------------------------------------------------------


def _clause_changed(sender, instance, **kwargs):
    clauses_counted_again([instance.programme_id])


def _programme_saved(sender, instance, **kwargs):
    clauses_counted_again([instance.pk])


def connect():
    post_save.connect(_clause_changed, sender=Clause, dispatch_uid="tally_clause_saved")
    post_delete.connect(_clause_changed, sender=Clause, dispatch_uid="tally_clause_deleted")
    post_save.connect(_programme_saved, sender=Programme, dispatch_uid="tally_programme_saved")
    post_save.connect(_clause_changed, sender=Amendment, dispatch_uid="tally_amendment_saved")
