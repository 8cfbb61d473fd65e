"""Digital signatures (PAdES, with pyHanko) on the documents the app issues,
and their verification against the configured trust roots.

A document is signed by each signing body that holds a certificate, in turn,
each in its own visible field drawn over that body's signature block. All the
fields are added before the first signature, so that each later signature only
fills a field the earlier ones already covered.
"""

import asyncio
import functools
import io
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext as _
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from parties.certificates import certificate_open
from parties.documents import FONT_FILES, font_path
from parties.models import SigningCertificate

FIELD_PREFIX = "body-"


@dataclass(frozen=True)
class SignaturePlace:
    """Where a body's signature block stands: page index and box in PDF points."""

    body_id: int
    page: int
    box: tuple[float, float, float, float]

    @property
    def field_name(self):
        return f"{FIELD_PREFIX}{self.body_id}"


def outside_event_loops(function, *args, **kwargs):
    """pyHanko's synchronous calls start an event loop of their own (asyncio.run), which
    fails in a thread where one already runs (an async server, a Playwright session):
    there they run in a thread of their own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


# The visible stamp drawn in a signature block, in Liberation Serif, the documents' own
# font (every Vietnamese diacritic). pyHanko 0.38 writes a TrueType font's glyph widths
# and kerning into the PDF in the font's own units, where PDF counts thousandths of
# an em: Liberation's 2048 units to the em spread each line to about twice its width
# and cut it at the box's edge. The stamp therefore draws with a copy of the font
# rescaled to 1000 units (and cut down to Latin and Vietnamese letters), made once
# per process. The text is laid out at its natural size and shrunk to fit the block's
# signature space (38 x 24 mm).
STAMP_FONT_SIZE = 8
STAMP_FONT_UNITS = 1000
STAMP_CHARACTERS = [
    *range(0x20, 0x250),  # Basic Latin to Latin Extended-B (ơ, ư, đ)
    *range(0x300, 0x370),  # combining marks
    *range(0x1EA0, 0x1F00),  # Latin Extended Additional (ạ … ỹ)
    *range(0x2000, 0x2070),  # punctuation
]


@functools.cache
def stamp_font_file():
    source = font_path(FONT_FILES[("normal", "normal")])
    stat = source.stat()
    target = Path(tempfile.gettempdir()) / (
        f"coordination-stamp-{stat.st_size}-{int(stat.st_mtime)}-{STAMP_FONT_UNITS}.ttf"
    )
    if not target.exists():
        font = TTFont(source)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=STAMP_CHARACTERS)
        subsetter.subset(font)
        scale_upem(font, STAMP_FONT_UNITS)
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(partial)
        os.replace(partial, target)
    return str(target)


def stamp_style():
    font = GlyphAccumulatorFactory(stamp_font_file(), font_size=STAMP_FONT_SIZE)
    return TextStampStyle(
        stamp_text=_("Digitally signed by:") + "\n%(signer)s\n" + _("Time:") + " %(ts)s",
        timestamp_format="%d/%m/%Y %H:%M %z",
        text_box_style=TextBoxStyle(
            font=font, font_size=STAMP_FONT_SIZE, leading=STAMP_FONT_SIZE + 2
        ),
        border_width=1,
    )


def signer_for(record):
    data, passphrase = certificate_open(record)
    return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase)


def sign_pdf(pdf, places, *, reason, location=""):
    """`pdf` signed by each place's body that holds a certificate, in the given order;
    unchanged when none does."""
    certificates = {
        c.body_id: c
        for c in SigningCertificate.objects.filter(body_id__in=[p.body_id for p in places])
    }
    places = [p for p in places if p.body_id in certificates]
    if not places:
        return pdf
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    for place in places:
        fields.append_signature_field(
            writer,
            fields.SigFieldSpec(sig_field_name=place.field_name, on_page=place.page, box=place.box),
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    style = stamp_style()
    for place in places:
        buffer.seek(0)
        metadata = signers.PdfSignatureMetadata(
            field_name=place.field_name,
            reason=reason,
            location=location or None,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        pdf_signer = signers.PdfSigner(
            metadata, signer=signer_for(certificates[place.body_id]), stamp_style=style
        )
        buffer = outside_event_loops(pdf_signer.sign_pdf, IncrementalPdfFileWriter(buffer))
    return buffer.getvalue()


def trust_roots():
    """The certificate authorities named by DJANGO_SIGNATURE_TRUST_ROOTS (a PEM bundle)."""
    path = settings.SIGNATURE_TRUST_ROOTS
    if not path or not Path(path).is_file():
        return []
    roots = []
    for _type, _headers, der in asn1_pem.unarmor(Path(path).read_bytes(), multiple=True):
        roots.append(asn1_x509.Certificate.load(der))
    return roots


@dataclass
class SignatureCheck:
    field_name: str
    body_id: int | None
    signer: str
    signed_at: object
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    problem: str

    @property
    def ok(self):
        return self.intact and self.valid and self.trusted and not self.problem


def _body_id(field_name):
    if field_name and field_name.startswith(FIELD_PREFIX):
        number = field_name[len(FIELD_PREFIX) :]
        return int(number) if number.isdigit() else None
    return None


def check_signatures(data):
    """Every digital signature in the PDF, checked; None if the file cannot be read."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 (any unreadable structure is "cannot be read")
        return None
    context = ValidationContext(
        trust_roots=trust_roots(), allow_fetching=False, revocation_mode="soft-fail"
    )
    checks = []
    total = len(embedded)
    for index, signature in enumerate(embedded):
        name = signature.field_name
        try:
            status = outside_event_loops(validate_pdf_signature, signature, context)
        except Exception as error:  # noqa: BLE001 (a broken signature is a verdict, not a crash)
            checks.append(
                SignatureCheck(
                    name, _body_id(name), "", None, False, False, False, False, str(error)
                )
            )
            continue
        cert = status.signing_cert
        # A later signature legitimately adds to the file; only the last must cover it all.
        coverage = status.coverage.name if status.coverage else ""
        covers = coverage == "ENTIRE_FILE"
        problem = ""
        if not covers and index == total - 1:
            problem = _("The file was changed after the last signature.")
        elif status.modification_level is not None and status.modification_level.name not in (
            "NONE",
            "LTA_UPDATES",
            "FORM_FILLING",
        ):
            problem = _("The document was changed after this signature.")
        checks.append(
            SignatureCheck(
                field_name=name,
                body_id=_body_id(name),
                signer=cert.subject.human_friendly if cert else "",
                signed_at=status.signer_reported_dt,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                covers_whole_file=covers,
                problem=problem,
            )
        )
    return checks
