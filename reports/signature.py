"""Who signs a report: the report's own choice of signer. The block the rules print
above the signature, for each kind of body, is the parties app's
(parties/signature_blocks.py)."""

from parties.models import Official
from parties.signature_blocks import body_head, signer_block


def report_signer(report):
    """Who signs `report`: the official chosen when it was issued; on a draft, the
    issuing body's head, whom the issue form proposes."""
    if report.signer_id:
        return report.signer
    head = body_head(report.issuing_body, report.issued_on)
    if head is None:
        # No head recorded by title (an article names only "a leader of the body"):
        # the official recorded, whom the leader may change at issue.
        head = Official.objects.filter(body=report.issuing_body).order_by("pk").first()
    return head


def report_signer_block(report):
    """The block as issued: the signer with the position stored at issue."""
    position = report.signer_position if report.signer_id and report.signer_position else None
    return signer_block(report.issuing_body, report_signer(report), report.issued_on, position)
