"""Who signs a report: the report's own choice of signer. The block the rules print
above the signature, for each kind of body, is the parties app's
(parties/signature_blocks.py)."""

from parties.signature_blocks import body_head, signer_block


def report_signer(report):
    """Who signs `report`: the official chosen when it was issued; on a draft, the
    issuing body's head, whom the issue form proposes."""
    if report.signer_id:
        return report.signer
    if report.issued_on:
        return None  # recorded as issued by a source that does not name its signer
    # No head recorded by title (an article names only "a leader of the body"): nobody
    # is proposed, and the leader issuing it chooses.
    return body_head(report.issuing_body, report.issued_on)


def report_signer_block(report):
    """The block as issued: the signer with the position stored at issue."""
    if report.issued_on and not report.signer_id:
        return None  # its signer is not known: no block is guessed
    position = report.signer_position if report.signer_id and report.signer_position else None
    return signer_block(report.issuing_body, report_signer(report), report.issued_on, position)
