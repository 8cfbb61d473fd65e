"""Report pages: the list, asking for a report, following it, downloading it;
and the leaders' dashboard. Files are only ever served here, after a
visibility check — never from a public URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agreements.views.programmes import programme_list
from parties.rules import Role, has_role, require
from reports.charts import status_by_body_chart
from reports.forms import ReportRequestForm
from reports.models import Report
from reports.rules import can_request_report, may_request_reports
from reports.selectors import dashboard_data, report_get_visible, report_list_visible
from reports.services import report_request, report_retry

PAGE_SIZE = 20
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "appendix_pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The stored preview is our own escaped HTML; still, let it load nothing but its fonts.
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src data:"


def get_report(request, pk):
    try:
        return report_get_visible(user=request.user, pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def report_list(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Report.Kind.values else None
    reports = report_list_visible(user=request.user, kind=kind)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/report_list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": Report.Kind.choices,
            "query_string": f"kind={kind}" if kind else "",
            "can_request": may_request_reports(request.user),
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
    """Say once where the new report stands: with tasks run in-process it is already
    built (or failed) by the time the page shows it; with the broker down it waits."""
    already = getattr(report, "already_asked", False)
    report.refresh_from_db(fields=["status", "failure"])
    values = {"reference": report.reference}
    if already:
        messages.info(
            request,
            _(
                "The same report has already been asked for: %(reference)s, shown here. "
                "No second report was made."
            )
            % values,
        )
    elif report.status == Report.Status.DONE:
        messages.success(request, _("Report %(reference)s is ready.") % values)
    elif report.status == Report.Status.FAILED:
        messages.error(request, _("Report %(reference)s could not be made.") % values)
    elif report.is_waiting_for_the_queue:
        # The status panel says, once, why it waits and that it will be made by itself.
        messages.info(request, _("Report %(reference)s is recorded.") % values)
    else:
        messages.success(
            request,
            _("Report %(reference)s is being made; this page shows when it is ready.") % values,
        )


def detail_context(request, report):
    return {
        "report": report,
        "can_retry": report.can_be_retried and can_request_report(request.user, report.scope),
    }


@login_required
@require_GET
def report_detail(request, pk):
    report = get_report(request, pk)
    return render(request, "reports/report_detail.html", detail_context(request, report))


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


def filename(report, fmt):
    stem = report.reference.replace("/", "-")
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
