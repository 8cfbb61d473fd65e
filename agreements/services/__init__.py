"""Writes to programmes, clauses, signings, progress and amendments.

Each service takes keyword-only arguments, runs in one transaction and calls
`full_clean()` before it saves, so bad input leaves nothing half-written. The
functions live in one module per stage of a programme's life; import them
from here.
"""

from agreements.services.amendments import amendment_create
from agreements.services.clauses import (
    clause_create,
    clause_delete,
    clause_drop,
    clause_move,
    clause_update,
)
from agreements.services.closing import clause_open_numbers, programme_close
from agreements.services.drafts import (
    programme_create,
    programme_ensure_draft,
    programme_refresh_search_text,
    programme_update,
)
from agreements.services.handover import (
    programme_close_by_reorganisation,
    programme_hand_over,
    programmes_to_settle,
    successors_for,
)
from agreements.services.progress import progress_report_create
from agreements.services.scans import programme_attach_scan, scan_check
from agreements.services.signing import (
    programme_canonical_content,
    programme_fingerprint,
    programmes_sign,
)

__all__ = [
    "programme_close_by_reorganisation",
    "programme_hand_over",
    "programmes_to_settle",
    "successors_for",
    "amendment_create",
    "clause_create",
    "clause_delete",
    "clause_drop",
    "clause_move",
    "clause_open_numbers",
    "clause_update",
    "programme_attach_scan",
    "programme_canonical_content",
    "programme_close",
    "programme_create",
    "programme_ensure_draft",
    "programme_fingerprint",
    "programme_refresh_search_text",
    "programme_update",
    "programmes_sign",
    "progress_report_create",
    "scan_check",
]
