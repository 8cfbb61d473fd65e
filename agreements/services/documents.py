"""The programme's document: asked for, built on a worker, stored.

A draft's document is asked for from the programme's page and made again when
the text has changed since (each version gets a new key, so a printed older
draft is told apart from the current one). The signing asks for the signed
document and each amendment for its own; those are built once and kept.
"""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from agreements.models import ProgrammeDocument
from parties.models import IssuedDocument


class DocumentNotPending(Exception):
    """The document is already built for this text, or no longer exists."""


def document_for(programme, amendment=None):
    return (
        ProgrammeDocument.objects.filter(programme=programme, amendment=amendment)
        .select_related("record")
        .first()
    )


def document_is_current(document, programme):
    """Built, or being built, for the programme's text as it stands."""
    if document is None or document.status == ProgrammeDocument.Status.FAILED:
        return False
    if document.amendment_id:
        return True
    return document.signed == (not programme.is_draft) and (
        document.signed or document.text_version == programme.version
    )


def _source(programme, amendment):
    return f"amendment:{amendment.pk}" if amendment else f"programme:{programme.pk}"


def issuer_names(programme):
    memberships = programme.memberships.select_related("body")
    bodies = sorted(
        (m.body for m in memberships), key=lambda b: (b.pk != programme.issuer_id, b.name)
    )
    return "; ".join(body.full_name for body in bodies)


@transaction.atomic
def document_request(*, programme, amendment=None):
    """The programme's (or amendment's) document for its current text, queued for a
    worker unless it is built or being built already."""
    from agreements.tasks import build_programme_document

    document = (
        ProgrammeDocument.objects.select_for_update()
        .filter(programme=programme, amendment=amendment)
        .first()
    )
    if document_is_current(document, programme):
        return document
    kind = IssuedDocument.Kind.AMENDMENT if amendment else IssuedDocument.Kind.PROGRAMME
    if document is None:
        record = IssuedDocument.objects.create(
            source=_source(programme, amendment), kind=kind, reference=programme.reference
        )
        document = ProgrammeDocument(programme=programme, amendment=amendment, record=record)
    else:
        # A new text, a new key: a copy of the old one is told apart from this one.
        record = document.record
        record.key = uuid.uuid4()
        record.file_sha256 = ""
        record.save(update_fields=["key", "file_sha256", "updated_at"])
    document.status = ProgrammeDocument.Status.QUEUED
    document.error = ""
    document.text_version = programme.version
    document.signed = not programme.is_draft
    document.save()
    transaction.on_commit(lambda: build_programme_document.delay(document.pk))
    return document


def document_render(document):
    """The PDF, signed digitally by every party whose body holds a certificate."""
    from agreements.documents import document_html
    from parties.documents import pdf_and_signature_places
    from parties.signatures import sign_pdf

    with override("vi"):
        html = document_html(document)
    pdf, anchors = pdf_and_signature_places(html)
    if document.signed and not document.amendment_id:
        pdf = sign_pdf(pdf, anchors, reason=document.programme.citation[:200])
    return pdf


def document_build(*, document_id):
    """Render the document and store it, with what the verification page needs."""
    document = ProgrammeDocument.objects.select_related(
        "programme__issuer__unit", "programme__signing", "amendment", "record"
    ).get(pk=document_id)
    if document.status == ProgrammeDocument.Status.DONE:
        raise DocumentNotPending(document_id)
    pdf = document_render(document)
    return document_store(document_id=document_id, pdf=pdf)


@transaction.atomic
def document_store(*, document_id, pdf):
    document = ProgrammeDocument.objects.select_for_update().get(pk=document_id)
    programme = document.programme
    amendment = document.amendment
    if document.pdf:
        document.pdf.delete(save=False)
    document.pdf.save("document.pdf", ContentFile(pdf), save=False)
    document.status = ProgrammeDocument.Status.DONE
    document.built_at = timezone.now()
    document.save()
    record = document.record
    record.reference = programme.reference
    record.issuer_names = issuer_names(programme)[:1000]
    record.is_draft = not document.signed and not amendment
    record.issued_on = amendment.date if amendment else programme.signed_on
    record.text_sha256 = programme.fingerprint if document.signed and not amendment else ""
    record.file_sha256 = hashlib.sha256(pdf).hexdigest()
    record.digital_signatures = pdf.count(b"/Type /Sig") if b"/ByteRange" in pdf else 0
    record.save()
    return document


def document_fail(*, document_id, reason):
    ProgrammeDocument.objects.filter(pk=document_id).exclude(
        status=ProgrammeDocument.Status.DONE
    ).update(status=ProgrammeDocument.Status.FAILED, error=reason[:2000])


def document_failure_message():
    return _("The document could not be prepared. Try again; if it fails again, tell the office.")
