"""Report pages: the list, asking for a report, following it, downloading it;
and the leaders' dashboard. Files are only ever served here, after a
visibility check — never from a public URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements.forms.base import apply_errors
from agreements.views.programmes import programme_list
from parties.rules import Role, body_of, has_role, require
from reports.charts import status_by_body_chart
from reports.forms import IssueForm, NarrativeForm, ReportRequestForm
from reports.issue import NO_OFFICIAL
from reports.models import NARRATIVE_KEYS, Report
from reports.rules import (
    can_correct_report,
    can_discard_report,
    can_edit_draft,
    can_issue_report,
    can_request_report,
    may_request_reports,
)
from reports.selectors import dashboard_data, report_get_visible, report_list_visible
from reports.services import (
    report_correct,
    report_discard,
    report_issue,
    report_narrative_save,
    report_part_retry,
    report_request,
    report_retry,
)

PAGE_SIZE = 20
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "appendix_pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PART_OF = {"appendix_pdf": "appendix", "xlsx": "xlsx"}
# The stored preview is our own escaped HTML; still, let it load nothing but its fonts.
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src data:"


def get_report(request, pk):
    try:
        return report_get_visible(user=request.user, pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None


SHOWING = ("drafts", "received", "discarded")


@login_required
@require_GET
def report_list(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Report.Kind.values else None
    showing = request.GET.get("show") if request.GET.get("show") in SHOWING else None
    reports = report_list_visible(user=request.user, kind=kind, showing=showing)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("kind", kind), ("show", showing)) if v)
    return render(
        request,
        "reports/report_list.html",
        {
            "page": page,
            "kind": kind,
            "show": showing,
            "kinds": Report.Kind.choices,
            "query_string": query,
            "can_request": may_request_reports(request.user),
            "my_body_id": getattr(body_of(request.user), "pk", None),
        },
    )


@login_required
def report_create(request):
    require(may_request_reports(request.user))
    if request.method == "POST":
        form = ReportRequestForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = report_request(
                    user=request.user,
                    kind=data["kind"],
                    scope=data["scope_object"],
                    period_start=data["period"].start,
                    period_end=data["period"].end,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                announce_request(request, report)
                return redirect("reports:detail", pk=report.pk)
    else:
        form = ReportRequestForm(
            initial=ReportRequestForm.initial_for(user=request.user, params=request.GET),
            user=request.user,
        )
    return render(request, "reports/report_form.html", {"form": form})


def announce_request(request, report):
    """Say once where the new draft stands: with tasks run in-process it is already
    built (or failed) by the time the page shows it; with the broker down it waits."""
    already = getattr(report, "already_asked", False)
    report.refresh_from_db(fields=["status", "failure"])
    values = {"label": report.label}
    if already:
        messages.info(
            request,
            _(
                "A draft of the same report is already open: %(label)s, shown here. "
                "No second one was made."
            )
            % values,
        )
    elif report.status == Report.Status.DONE:
        messages.success(
            request,
            _(
                "%(label)s is ready: check and complete its text, then a leader of your "
                "body issues it."
            )
            % values,
        )
    elif report.status == Report.Status.FAILED:
        messages.error(request, _("%(label)s could not be made.") % values)
    elif report.is_waiting_for_the_queue:
        # The status panel says, once, why it waits and that it will be made by itself.
        messages.info(request, _("%(label)s is recorded.") % values)
    else:
        messages.success(
            request, _("%(label)s is being made; this page shows when it is ready.") % values
        )


def detail_context(request, report):
    user = request.user
    return {
        "report": report,
        "can_retry": report.can_be_retried and can_request_report(user, report.scope),
        # The appendix or Excel copy failed (or is stuck): who may ask again may retry it.
        "can_retry_parts": report.status == Report.Status.DONE
        and can_request_report(user, report.scope),
        "can_edit": can_edit_draft(user, report),
        "can_issue": can_issue_report(user, report),
        "can_discard": can_discard_report(user, report),
        "can_correct": can_correct_report(user, report),
    }


def page_context(request, report):
    """The report page's context: the status panel's, and what the page shows beside it."""
    body = body_of(request.user)
    recipients = list(report.recipients.select_related("unit").order_by("name"))
    return {
        **detail_context(request, report),
        "sections": [
            (Report._meta.get_field(key).verbose_name, getattr(report, key))
            for key in NARRATIVE_KEYS
        ],
        "recipients": recipients,
        "received": body is not None and any(b.pk == body.pk for b in recipients),
        "superseded_by": report.superseded_by,
        "open_correction": report.corrections.filter(state=Report.State.DRAFT).first()
        if report.is_issued and body is not None and body.pk == report.issuing_body_id
        else None,
    }


@login_required
@require_GET
def report_detail(request, pk):
    report = get_report(request, pk)
    return render(request, "reports/report_detail.html", page_context(request, report))


@login_required
def report_edit(request, pk):
    """The secretariat writes the draft's narrative; the preview is built again."""
    report = get_report(request, pk)
    require(can_edit_draft(request.user, report), ways_forward=[back_to(report)])
    if request.method == "POST":
        form = NarrativeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report_narrative_save(
                    report=report,
                    by=request.user,
                    texts={key: data[key] for key in NARRATIVE_KEYS},
                    version=data.get("version"),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The draft is saved; its preview is being made again."))
                return redirect("reports:detail", pk=report.pk)
    else:
        form = NarrativeForm(initial=NarrativeForm.initial_for(report))
    return render(request, "reports/report_edit.html", {"report": report, "form": form})


@login_required
def report_issue_view(request, pk):
    """A leader of the issuing body chooses the signer and the recipients, and issues."""
    report = get_report(request, pk)
    require(can_issue_report(request.user, report), ways_forward=[back_to(report)])
    no_official = not report.issuing_body.officials.exists()
    if request.method == "POST" and not no_official:
        form = IssueForm(request.POST, report=report, user=request.user)
        if form.is_valid():
            try:
                issued = report_issue(
                    report=report,
                    by=request.user,
                    signer=form.cleaned_data["signer"],
                    recipients=form.cleaned_data["recipients"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Report %(reference)s is issued; the issued copy is being made.")
                    % {"reference": issued.reference},
                )
                return redirect("reports:detail", pk=report.pk)
    else:
        form = IssueForm(initial=IssueForm.initial_for(report), report=report, user=request.user)
    return render(
        request,
        "reports/report_issue.html",
        {
            "report": report,
            "form": form,
            "no_official": NO_OFFICIAL % {"body": report.issuing_body.full_name}
            if no_official
            else "",
        },
    )


@login_required
@require_POST
def report_discard_view(request, pk):
    report = get_report(request, pk)
    require(can_discard_report(request.user, report), ways_forward=[back_to(report)])
    report_discard(report=report, by=request.user)
    messages.success(
        request, _("The draft has been discarded; it stays in the list of discarded drafts.")
    )
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_correct_view(request, pk):
    report = get_report(request, pk)
    require(can_correct_report(request.user, report), ways_forward=[back_to(report)])
    correction = report_correct(report=report, by=request.user)
    if getattr(correction, "already_asked", False):
        messages.info(request, _("A corrected draft of this report is already open: here it is."))
    else:
        messages.success(
            request,
            _("A corrected draft has been made; once issued, it replaces %(reference)s.")
            % {"reference": report.reference},
        )
    return redirect("reports:detail", pk=correction.pk)


def back_to(report):
    return (reverse("reports:detail", args=[report.pk]), _("Back to the report"))


@login_required
@require_GET
def report_status(request, pk):
    """The status panel alone, polled by htmx until the report is done or failed."""
    report = get_report(request, pk)
    return render(request, "reports/includes/_report_status.html", detail_context(request, report))


@login_required
@require_POST
def report_retry_view(request, pk):
    report = get_report(request, pk)
    try:
        report_retry(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been queued again."))
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_part_retry_view(request, pk, part):
    report = get_report(request, pk)
    try:
        report_part_retry(report=report, part=part, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The file is being made again."))
    return redirect("reports:detail", pk=report.pk)


def filename(report, fmt):
    stem = (
        f"du-thao-bao-cao-{report.pk}"
        if report.number is None
        else report.reference.replace("/", "-")
    )
    if fmt == "appendix_pdf":
        return f"{stem}-phu-luc.pdf"
    return f"{stem}.{fmt}"


@login_required
@require_GET
def report_download(request, pk, fmt):
    report = get_report(request, pk)
    field_file = getattr(report, fmt)
    if report.status != Report.Status.DONE or not field_file:
        raise Http404
    # An appendix or Excel copy is offered once built from the report as it now stands.
    part = PART_OF.get(fmt)
    if part and report.part_status(part) != Report.Status.DONE:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename(report, fmt),
        content_type=CONTENT_TYPES[fmt],
    )


@login_required
@require_GET
def report_preview(request, pk):
    report = get_report(request, pk)
    if report.status != Report.Status.DONE or not report.html:
        raise Http404
    try:
        with report.html.open("rb") as handle:
            body = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_POLICY
    return response


@login_required
@require_GET
def dashboard(request):
    data = dashboard_data(user=request.user)
    return render(
        request,
        "reports/dashboard.html",
        {
            "data": data,
            "chart": status_by_body_chart(
                data.status_by_body,
                width=720,
                font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            ),
            "can_request": may_request_reports(request.user),
        },
    )


@login_required
@require_GET
def home(request):
    """The landing page: leaders get their dashboard, everyone else the programme list."""
    if has_role(request.user, Role.LEADER):
        return dashboard(request)
    return programme_list(request)
