"""A report's PDF, registered for /verify/ and signed digitally by its issuing body.

`sign_report_pdf` is called where the report's PDF is made today
(reports/services.py, `report_render`); once reports are issued by a leader
(draft → issued), the call belongs to the issuing.
"""

import hashlib
import io

from pypdf import PdfReader, PdfWriter

from parties.models import IssuedDocument
from parties.signatures import sign_pdf


def with_key(pdf_bytes, key):
    """The PDF with its verification key in its keywords, as programmes carry theirs."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    writer.add_metadata({"/Keywords": ", ".join(key_keywords(key))})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def report_record(report):
    """The report's issued-document record (its verification key), made on first call."""
    record, _created = IssuedDocument.objects.get_or_create(
        source=f"report:{report.pk}",
        defaults={"kind": IssuedDocument.Kind.REPORT, "reference": report.reference},
    )
    return record


def key_keywords(key):
    """The PDF keywords that carry the verification key (parties/verification.py)."""
    return [f"coordination-document:{key}"]


def sign_report_pdf(report, pdf_bytes, places=(), *, keyed=False):
    """Register the report as an issued document and sign it with its issuing body's
    certificate, in the signature block (`places`: where it stands); unsigned when the
    body holds none. `keyed`: the PDF carries its key already, set by WeasyPrint at the
    render (`key_keywords` of `report_record`), rather than by a second pass over the
    whole file here. Returns the PDF to store."""
    record = report_record(report)
    keyed = pdf_bytes if keyed else with_key(pdf_bytes, record.key)
    places = [p for p in places if p.body_id == report.issuing_body_id]
    pdf = sign_pdf(keyed, places, reason=report.reference)
    record.kind = IssuedDocument.Kind.REPORT
    record.reference = report.reference
    record.issuer_names = report.issuing_body.full_name
    record.issued_on = report.issued_on
    record.is_draft = False
    record.file_sha256 = hashlib.sha256(pdf).hexdigest()
    record.digital_signatures = len(places) if pdf is not keyed else 0
    record.save()
    return pdf
