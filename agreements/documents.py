"""A programme, or an amendment to it, as the official document its heads sign.

The header is the joint header of its parties. What the sources say, and what is
assumed:

- Decree 30/2020/NĐ-CP, Appendix I, Part I, II.2 (State bodies): the issuing body's
  name in capitals, bold, under its direct governing body, a short rule below; the
  national title and motto at the top right (II.1). The decree has no model for a
  joint document. Joint State documents as offices publish them put the names of
  the issuing bodies together in the one name block, joined by a hyphen, the lead
  body first, under one national title, and take a joint symbol ("VĂN PHÒNG CHÍNH
  PHỦ - BỘ NỘI VỤ", Số: 02/2011/TTLT-VPCP-BNV; "ỦY BAN NHÂN DÂN / ỦY BAN MTTQ VIỆT
  NAM / TỈNH ĐẮK LẮK", Số: 01/QCPH/UBND-UBMTTQ, 2017; "THƯỜNG TRỰC HĐND - UBND TỈNH
  HÒA BÌNH", Số: 06/QC-TT.HĐND-UBND, 2019). A joint document of Party bodies is laid
  out the same way under "ĐẢNG CỘNG SẢN VIỆT NAM", each name block ending in the
  Party's star (36-HD/VPTW, II.1.2, as quoted by thuvienphapluat.vn).
- A Party body and a State body together ("chương trình phối hợp" of a Ban of the
  Huyện ủy and the UBND huyện): no rule for it was found in the sources at hand.
  Assumed, as offices print such programmes: each side keeps its own name block —
  the Party side under its committee with the star, the State side with its rule —
  the blocks side by side at the top left, the lead body's first; one title at the
  top right, the lead body's ("ĐẢNG CỘNG SẢN VIỆT NAM" when a Party body leads, the
  national title and motto when a State body does), because the document has one
  number, from the lead body's register, written the lead body's way ("Số 05-CTrPH/…"
  for the Party, "Số: 05/CTrPH-…" for the State).

Each party signs in its own block, side by side at the foot, the lead body's on the
right, with the block that kind of body prints (parties/signature_blocks.py) and,
over it, the body's name where the block alone would not say whose it is.

Signed, the document prints the frozen text with the signatories, the SHA-256
of the signed text (the programme's fingerprint) in the footer of the last page,
and a QR code of its verification page; a draft prints "DỰ THẢO" and no hash.
"""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from agreements.models import Clause, Programme
from parties.documents import FONT_FAMILY, body_named_on, date_line, display_name, font_faces
from parties.signature_blocks import signer_block, signing_title, told_apart

# The kinds of document a programme's title may start with, and their heading.
DOCUMENT_KINDS = (
    ("chương trình phối hợp", "CHƯƠNG TRÌNH PHỐI HỢP"),
    ("quy chế phối hợp", "QUY CHẾ PHỐI HỢP"),
    ("kế hoạch phối hợp", "KẾ HOẠCH PHỐI HỢP"),
)


def heading_and_summary(title):
    """ "Chương trình phối hợp tuyên truyền …" → ("CHƯƠNG TRÌNH PHỐI HỢP", "Tuyên truyền …")."""
    title = title.strip()
    for start, heading in DOCUMENT_KINDS:
        if title.lower().startswith(start):
            rest = title[len(start) :].strip()
            return heading, rest[:1].upper() + rest[1:]
    return DOCUMENT_KINDS[0][1], title


def parties_in_order(programme):
    """The lead body (the issuer) first, then the other parties level by level (the city's
    before the district's, as a text binding several levels lists them), by name."""
    bodies = [m.body for m in programme.memberships.select_related("body__parent", "body__unit")]
    return sorted(bodies, key=lambda b: (b.pk != programme.issuer_id, b.unit.level, b.name))


def header_entry(body):
    return {
        "governing": body.parent.name if body.parent_id else "",
        "issuer": display_name(body),
        "is_party": body.is_party_body,
    }


def header_columns(bodies):
    """The name blocks of the header, left to right: one block for parties of one side
    (Party, or State and the others); a Party side and a State side each their own,
    the lead body's side first (see the module's docstring)."""
    columns = {}
    for body in bodies:
        columns.setdefault(body.is_party_body, []).append(header_entry(body))
    return [{"is_party": party, "entries": entries} for party, entries in columns.items()]


def paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def qr_svg(url):
    svg = segno.make(url, error="m").svg_inline(scale=3, border=1)
    return mark_safe(svg)  # noqa: S308 (segno's own SVG, no user text)


def verification_url(key):
    return settings.SITE_URL.rstrip("/") + reverse("agreements:verify_key", args=[key])


def cadence_line(clause):
    parts = []
    if clause.cadence and clause.cadence != Clause.Cadence.ONCE:
        parts.append(clause.get_cadence_display())
    if clause.due_date:
        parts.append(_("due %(date)s") % {"date": clause.due_date.strftime("%d/%m/%Y")})
    return "; ".join(parts)


def clause_rows(clauses, day):
    return [
        {
            "number": clause.number,
            "paragraphs": paragraphs(clause.text),
            "lead": clause.lead_body.full_name_on(day),
            "supporting": [b.full_name_on(day) for b in clause.supporting_bodies.all()],
            "when": cadence_line(clause),
            "indicators": list(clause.indicators.all()),
        }
        for clause in clauses
    ]


@dataclass
class SignatureBlock:
    body_id: int
    block: object  # parties.signature_blocks.SignerBlock
    title: str  # the signer's title in ordinary case, for the footer
    anchor: str

    @property
    def name(self):
        return self.block.name


def signature_blocks(programme, bodies, *, named=True):
    """One block per party, the lead body's on the right (so, last): the block its
    kind of body prints, signed by the official recorded at the signing in the
    position stored then; unsigned (a draft, an amendment), the authority and the
    head's title with the name left for the signer."""
    signatories = {}
    day = programme.signing.date if programme.signing_id else None
    if named:
        signatories = {s.body_id: s for s in programme.signatories.select_related("official")}
    order = list(reversed(bodies))
    blocks, titles = [], []
    for body in order:
        signatory = signatories.get(body.pk)
        if signatory:
            official, position = signatory.official, signatory.position or None
            titles.append(signing_title(signatory.position, body))
        else:
            official, position = None, None
            titles.append("")
        blocks.append(signer_block(body, official, day, position, joint=True))
    return [
        SignatureBlock(body_id=body.pk, block=block, title=title, anchor=f"signature-{body.pk}")
        for body, block, title in zip(order, told_apart(blocks, order), titles, strict=True)
    ]


def document_context(document, *, for_pdf=True):
    programme = document.programme
    amendment = document.amendment
    signed = programme.status != Programme.Status.DRAFT
    if amendment:
        day = amendment.date
    elif signed:
        day = programme.signing.date
    else:
        day = None
    # The names of the document's own date (a draft: today's, the earliest it is signed;
    # signed on a day the source does not give: those of the day it took effect).
    names_day = day or (programme.in_force_from if signed else timezone.localdate())
    bodies = [body_named_on(body, names_day) for body in parties_in_order(programme)]
    lead = bodies[0] if bodies else programme.issuer
    heading, summary = heading_and_summary(programme.title)
    if not programme.reference:
        # Recorded from a source that does not give its number: no number is printed.
        reference = ""
    elif lead.is_party_body:
        reference = _("No. %(reference)s") % {"reference": programme.reference}
    else:
        reference = _("No.: %(reference)s") % {"reference": programme.reference}
    place = programme.issuer.unit.name_on(names_day)
    blocks = signature_blocks(programme, bodies, named=not amendment)
    clauses = (
        programme.clauses.filter(amendment=amendment)
        .select_related("lead_body", "replaces")
        .prefetch_related(
            "lead_body__former_names", "supporting_bodies__former_names", "indicators"
        )
        .order_by("number")
    )
    return {
        "document": document,
        "programme": programme,
        "amendment": amendment,
        "is_party": lead.is_party_body,
        "header": header_columns(bodies),
        "mixed_header": len({body.is_party_body for body in bodies}) > 1,
        "reference": reference,
        "date_line": date_line(place, day)
        if day
        # A signed programme whose source does not give the day: no date is printed.
        else (
            ""
            if signed and not amendment
            else _("%(place)s, day … month … year %(year)s")
            % {"place": place, "year": programme.year}
        ),
        "heading": heading,
        # What the text calls itself: "Chương trình", "Quy chế", "Kế hoạch".
        "kind": heading.split(" PHỐI HỢP")[0].capitalize(),
        "summary": summary,
        "draft": not signed and not amendment,
        "legal_basis": paragraphs(programme.legal_basis),
        "purpose": paragraphs(programme.content),
        "clauses": clause_rows(clauses, names_day),
        "amendment_text": paragraphs(amendment.text) if amendment else [],
        "blocks": blocks,
        "has_party_lines": any(block.block.party for block in blocks),
        # Who signed, under the QR code: only those the record names.
        # (Without an amendment `blocks` are already the named ones.)
        "signers": [block for block in blocks if block.name] if signed and not amendment else [],
        "signed": signed,
        "fingerprint": programme.fingerprint if signed and not amendment else "",
        "signing": programme.signing,
        "verify_url": verification_url(document.record.key),
        "qr": qr_svg(verification_url(document.record.key)) if signed else "",
        "fonts": font_faces(for_pdf=for_pdf),
        "font_family": FONT_FAMILY,
    }


def document_html(document):
    return render_to_string("agreements/pdf/programme.html", document_context(document))
