"""Is this PDF a document of this app, unchanged, and are its signatures good?

The app's documents carry their key in the PDF's keywords (and in the QR code
of a signed one). The key names the issued document; the file's SHA-256 tells
whether the copy is byte for byte the one handed out; each digital signature
is checked against the trust roots. A copy that differs says which signature
no longer matches what it signed.
"""

import hashlib
import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader

from parties.models import IssuedDocument
from parties.signatures import check_signatures

KEY_PATTERN = re.compile(
    rb"coordination-document:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


def document_key(data):
    """The key in the PDF's keywords (WeasyPrint keeps them in a compressed object
    stream; a signature's incremental update may repeat them in clear)."""
    match = KEY_PATTERN.search(data)
    if match:
        return match.group(1).decode("ascii")
    try:
        keywords = (PdfReader(io.BytesIO(data)).metadata or {}).get("/Keywords") or ""
    except Exception:  # noqa: BLE001 (an unreadable file simply carries no key)
        return None
    match = KEY_PATTERN.search(str(keywords).encode("ascii", "ignore"))
    return match.group(1).decode("ascii") if match else None


@dataclass
class Verdict:
    record: IssuedDocument | None
    unchanged: bool = False
    readable: bool = True
    signatures: list = field(default_factory=list)

    @property
    def known(self):
        return self.record is not None

    @property
    def broken_signatures(self):
        return [s for s in self.signatures if not (s.intact and s.valid) or s.problem]

    @property
    def genuine(self):
        return self.known and self.unchanged and not self.broken_signatures


def verify_copy(data):
    key = document_key(data)
    record = IssuedDocument.objects.filter(key=key).first() if key else None
    checks = check_signatures(data)
    verdict = Verdict(record=record, readable=checks is not None, signatures=checks or [])
    if record and record.file_sha256:
        verdict.unchanged = hashlib.sha256(data).hexdigest() == record.file_sha256
    return verdict
