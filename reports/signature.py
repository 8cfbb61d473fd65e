"""Who signs a report by default: the head of the issuing body.

A first rule (the document's own helper writes the full one): the body's
official in office whose position names the body's head office, else the
first in office.
"""

from django.utils import timezone

HEAD_WORDS = ("Trưởng", "Chủ tịch", "Chủ nhiệm", "Giám đốc", "Bí thư", "Chánh")


def report_signer(report):
    """The issuing body's head (a parties.Official), or None when it has no official."""
    day = report.issued_on or timezone.localdate()
    officials = [
        official
        for official in report.issuing_body.officials.order_by("pk")
        if official.is_active_on(day)
    ]

    def rank(official):
        parts = [part.strip() for part in official.position.split(",")]
        return 0 if any(part.startswith(HEAD_WORDS) for part in parts) else 1

    return min(officials, key=rank) if officials else None
