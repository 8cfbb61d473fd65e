"""A programme, or an amendment to it, as the official document its heads sign.

The header is the joint header of its parties. Decree 30/2020/NĐ-CP (State
bodies) and Hướng dẫn 36-HD/VPTW (Party bodies) both put the names of the
issuing bodies of a joint document one under the other in the upper left, the
lead body (the one whose register gives the number) first, each under its
governing body; a joint document takes the number of the lead body's register.
When a Party body and a State body issue together, the document follows the
rules of the lead body: led by a Party body it is a Party document ("ĐẢNG CỘNG
SẢN VIỆT NAM", "Số 05-CTrPH/…"), led by a State body a State one (the national
title and motto, "Số: 05/CTrPH-…"). Each party signs in its own block, side by
side at the foot, the lead body's on the right.

Signed, the document prints the frozen text with the signatories, the SHA-256
of the signed text (the programme's fingerprint) in the footer of the last page,
and a QR code of its verification page; a draft prints "DỰ THẢO" and no hash.
"""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from agreements.models import Clause, Programme
from parties.documents import FONT_FAMILY, date_line, display_name, font_faces, signing_title

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


def clause_rows(clauses):
    return [
        {
            "number": clause.number,
            "paragraphs": paragraphs(clause.text),
            "lead": clause.lead_body.full_name,
            "supporting": [b.full_name for b in clause.supporting_bodies.all()],
            "when": cadence_line(clause),
            "indicators": list(clause.indicators.all()),
        }
        for clause in clauses
    ]


@dataclass
class SignatureBlock:
    body_id: int
    body: str
    title: str
    name: str
    anchor: str


def signature_blocks(programme, bodies, *, named=True):
    """One block per party, the lead body's on the right (so, last)."""
    signatories = {}
    if named:
        signatories = {s.body_id: s for s in programme.signatories.select_related("official")}
    blocks = []
    for body in reversed(bodies):
        signatory = signatories.get(body.pk)
        blocks.append(
            SignatureBlock(
                body_id=body.pk,
                body=display_name(body) if not body.parent_id else body.full_name,
                title=signing_title(signatory.position, body.name) if signatory else "",
                name=signatory.official.full_name if signatory else "",
                anchor=f"signature-{body.pk}",
            )
        )
    return blocks


def document_context(document, *, for_pdf=True):
    programme = document.programme
    amendment = document.amendment
    bodies = parties_in_order(programme)
    lead = bodies[0] if bodies else programme.issuer
    signed = programme.status != Programme.Status.DRAFT
    heading, summary = heading_and_summary(programme.title)
    if not programme.reference:
        # Recorded from a source that does not give its number: no number is printed.
        reference = ""
    elif lead.is_party_body:
        reference = _("No. %(reference)s") % {"reference": programme.reference}
    else:
        reference = _("No.: %(reference)s") % {"reference": programme.reference}
    place = programme.issuer.unit.name
    if amendment:
        day = amendment.date
    elif signed:
        day = programme.signing.date
    else:
        day = None
    clauses = (
        programme.clauses.filter(amendment=amendment)
        .select_related("lead_body", "replaces")
        .prefetch_related("supporting_bodies", "indicators")
        .order_by("number")
    )
    return {
        "document": document,
        "programme": programme,
        "amendment": amendment,
        "is_party": lead.is_party_body,
        "header": [header_entry(body) for body in bodies],
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
        "clauses": clause_rows(clauses),
        "amendment_text": paragraphs(amendment.text) if amendment else [],
        "blocks": signature_blocks(programme, bodies, named=not amendment),
        # Who signed, under the QR code: only those the record names.
        "signers": [
            block for block in signature_blocks(programme, bodies, named=True) if block.name
        ]
        if signed and not amendment
        else [],
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
