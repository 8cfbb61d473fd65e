"""The programme's document: prepared on a worker, downloaded by whoever sees the programme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.models import Amendment, ProgrammeDocument
from agreements.services.documents import document_for, document_is_current, document_request
from agreements.views.access import programme_or_404


@login_required
@require_POST
def document_prepare(request, pk):
    """Ask for the document of the programme's current text (a draft's changes with it)."""
    programme = programme_or_404(request, pk)
    document_request(programme=programme)
    messages.info(
        request,
        _("The document is being prepared; refresh the page in a moment to download it."),
    )
    return redirect("agreements:programme_detail", pk=programme.pk)


def _stream(request, document, filename):
    ready = document and document.status == ProgrammeDocument.Status.DONE and document.pdf
    if not ready:
        messages.info(
            request,
            _("The document is not ready yet; prepare it, then refresh the page in a moment."),
        )
        return redirect("agreements:programme_detail", pk=document.programme_id if document else 0)
    try:
        handle = document.pdf.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, content_type="application/pdf", filename=filename)


@login_required
def document_download(request, pk):
    programme = programme_or_404(request, pk)
    document = document_for(programme)
    if document is None or not document_is_current(document, programme):
        messages.info(
            request,
            _("The document of the current text is not ready yet; prepare it from this page."),
        )
        return redirect("agreements:programme_detail", pk=programme.pk)
    suffix = "" if document.signed else "-du-thao"
    return _stream(request, document, f"{programme.file_stem}{suffix}.pdf")


@login_required
def amendment_document_download(request, pk):
    amendment = get_object_or_404(Amendment.objects.only("pk", "programme_id", "number"), pk=pk)
    programme = programme_or_404(request, amendment.programme_id)
    document = document_for(programme, amendment)
    if document is None:
        messages.info(request, _("The amendment's document is being prepared."))
        return redirect("agreements:programme_detail", pk=programme.pk)
    name = f"{programme.file_stem}-sua-doi-{amendment.number}.pdf"
    return _stream(request, document, name)
