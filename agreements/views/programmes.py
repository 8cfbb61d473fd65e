"""The programme list, a programme's page and history, drafting, the scan, closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from agreements import rules
from agreements.forms import CloseForm, ProgrammeFilterForm, ProgrammeForm, ScanForm, apply_errors
from agreements.models import ProgrammeDocument
from agreements.selectors import (
    programme_clauses,
    programme_history,
    programme_search,
    programme_search_count,
)
from agreements.selectors.programmes import programme_names, programme_own_document
from agreements.services import (
    programme_attach_scan,
    programme_close,
    programme_create,
    programme_update,
)
from agreements.services.documents import document_is_current
from agreements.views.access import (
    CountedPaginator,
    body_picker,
    is_body_picker,
    is_htmx,
    programme_or_404,
    query_string_without_page,
    require,
)

PAGE_SIZE = 25
HISTORY_ON_PAGE = 15


@login_required
@vary_on_headers("HX-Request")
def programme_list(request):
    form = ProgrammeFilterForm(request.GET or None, user=request.user)
    if is_body_picker(request):
        return body_picker(request, form, "body", small=True)
    filters = form.filters()
    programmes = programme_search(user=request.user, **filters)
    paginator = CountedPaginator(
        programmes,
        PAGE_SIZE,
        count=lambda: programme_search_count(user=request.user, **filters),
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "agreements/programme_list.html",
        {
            "page": page,
            "form": form,
            "filtered": request.GET.get("find")
            or any(v for k, v in filters.items() if k != "sort"),
            "query_string": query_string_without_page(request),
            "can_draft": rules.can_draft_programmes(request.user),
            "can_sign": rules.can_sign_programmes(request.user),
        },
    )


def programme_rights(user, programme):
    return {
        "can_edit": rules.can_edit_programme(user, programme),
        "can_sign": rules.can_record_signing(user, programme),
        "can_amend": rules.can_amend_programme(user, programme),
        "can_close": rules.can_close_programme(user, programme),
        "can_attach_scan": rules.can_attach_scan(user, programme),
    }


@login_required
def programme_detail(request, pk):
    programme = programme_or_404(request, pk)
    today = timezone.localdate()
    clauses = programme_clauses(programme=programme, today=today)
    for clause in clauses:
        clause.programme = programme  # for the permission checks, without a query each
        clause.user_can_report = rules.can_report_progress(request.user, clause)
        clause.user_can_drop = rules.can_drop_clause(request.user, clause)
    rights = programme_rights(request.user, programme)
    topic_names, witnesses = programme_names(programme)
    document = programme_own_document(programme)  # read with the programme, no query
    current = document_is_current(document, programme)
    return render(
        request,
        "agreements/programme_detail.html",
        {
            "programme": programme,
            "parties": programme.memberships.all(),  # each with its signatory's name
            "topic_names": topic_names,
            "witnesses": witnesses,
            "clauses": clauses,
            "clauses_in_force": [c for c in clauses if c.replacement is None],
            "scan_form": ScanForm() if rights["can_attach_scan"] else None,
            "today": today,
            "document_ready": current and document.status == ProgrammeDocument.Status.DONE,
            "document_pending": current and document.status == ProgrammeDocument.Status.QUEUED,
            **rights,
        },
    )


@login_required
def programme_history_page(request, pk):
    programme = programme_or_404(request, pk)
    history = programme_history(programme=programme)
    if is_htmx(request):
        # The programme page's own card, asked for once the page is shown: the history
        # grows with every change and report, and the page itself need not wait for it.
        return render(
            request,
            "agreements/includes/_programme_history.html",
            {
                "programme": programme,
                "history": history[:HISTORY_ON_PAGE],
                "history_count": len(history),
            },
        )
    page = Paginator(history, 50).get_page(request.GET.get("page"))
    return render(
        request, "agreements/programme_history.html", {"programme": programme, "page": page}
    )


@login_required
def programme_create_view(request):
    require(request, rules.can_draft_programmes(request.user))
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = programme_create(**form.service_arguments(), created_by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft programme has been created. Add its clauses."))
            return redirect("agreements:programme_detail", pk=programme.pk)
    return render(request, "agreements/programme_form.html", {"form": form, "programme": None})


@login_required
def programme_edit(request, pk):
    programme = programme_or_404(request, pk)
    require(request, rules.can_edit_programme(request.user, programme), programme)
    form = ProgrammeForm(request.POST or None, user=request.user, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            programme_update(programme=programme, **form.service_arguments())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft has been saved."))
            return redirect("agreements:programme_detail", pk=programme.pk)
    return render(request, "agreements/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_close_view(request, pk):
    programme = programme_or_404(request, pk)
    require(request, rules.can_close_programme(request.user, programme), programme)
    form = CloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            programme_close(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The programme has been closed."))
            return redirect("agreements:programme_detail", pk=programme.pk)
    return render(
        request, "agreements/programme_close.html", {"form": form, "programme": programme}
    )


@login_required
@require_POST
def programme_scan_upload(request, pk):
    programme = programme_or_404(request, pk)
    require(request, rules.can_attach_scan(request.user, programme), programme)
    form = ScanForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            programme_attach_scan(programme=programme, upload=form.cleaned_data["scanned_copy"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The scanned signed copy has been attached."))
            return redirect("agreements:programme_detail", pk=programme.pk)
    return render(
        request,
        "agreements/programme_scan.html",
        {"form": form, "programme": programme},
        status=400,
    )


@login_required
def programme_scan_download(request, pk):
    programme = programme_or_404(request, pk)
    if not programme.scanned_copy:
        raise Http404
    try:
        handle = programme.scanned_copy.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{programme.file_stem}.pdf"
    return FileResponse(handle, content_type="application/pdf", filename=filename)
