"""Reads of programmes, clauses and their history, shaped for the pages that show them.

Every selector starts from what the user may see (`agreements/rules.py`) and
fetches what a page needs in a fixed number of queries.
"""

from agreements.selectors.clauses import (
    clause_latest_statuses,
    clause_list_for_body,
    clause_list_visible,
    clause_visible,
    clauses_in_force,
    clauses_with_status,
    programmes_in_force,
)
from agreements.selectors.history import programme_history
from agreements.selectors.programmes import (
    BODIES_IN_ORDER,
    bodies_first_where,
    bodies_involved_on_seen,
    bodies_named_on_seen,
    programme_clauses,
    programme_filter_choices,
    programme_filter_units,
    programme_list_visible,
    programme_search,
    programme_search_count,
    programme_visible,
)

__all__ = [
    "BODIES_IN_ORDER",
    "bodies_first_where",
    "bodies_involved_on_seen",
    "bodies_named_on_seen",
    "clause_latest_statuses",
    "clause_list_for_body",
    "clause_list_visible",
    "clause_visible",
    "clauses_in_force",
    "clauses_with_status",
    "programmes_in_force",
    "programme_clauses",
    "programme_filter_choices",
    "programme_filter_units",
    "programme_history",
    "programme_list_visible",
    "programme_search",
    "programme_search_count",
    "programme_visible",
]
