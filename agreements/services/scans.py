"""The scanned signed copy: a PDF, checked by its content, never by its name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader

from agreements.models import Programme

PDF_MAGIC = b"%PDF-"


def scan_check(upload):
    """Refuse anything but a readable PDF of at most settings.SCAN_MAX_BYTES."""
    if upload.size > settings.SCAN_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.SCAN_MAX_BYTES),
            }
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if PDF_MAGIC not in head:
        raise ValidationError(_("The file is not a PDF document. Upload the scan as a PDF."))
    try:
        pages = len(PdfReader(upload).pages)
    except Exception as error:  # pypdf raises many kinds of error on a broken file
        raise ValidationError(
            _("The PDF file is damaged or cannot be read. Scan the document again.")
        ) from error
    finally:
        upload.seek(0)
    if pages < 1:
        raise ValidationError(_("The PDF file has no pages."))


@transaction.atomic
def programme_attach_scan(*, programme, upload):
    """Keep the scanned signed copy of a signed programme; a new scan replaces the old."""
    if programme.status == Programme.Status.DRAFT:
        raise ValidationError(_("Only a signed programme has a signed copy to attach."))
    try:
        scan_check(upload)
    except ValidationError as error:
        raise ValidationError({"scanned_copy": error.messages}) from error
    old = programme.scanned_copy.name if programme.scanned_copy else ""
    programme.scanned_copy.save("scan.pdf", upload, save=False)
    programme.save(update_fields=["scanned_copy", "updated_at"])
    if old and old != programme.scanned_copy.name:
        transaction.on_commit(lambda: programme.scanned_copy.storage.delete(old))
    return programme
