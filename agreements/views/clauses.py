"""Clauses: drafting them, dropping one, a clause's page, the clause list and "my work"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import rules
from agreements.forms import (
    ClauseFilterForm,
    ClauseForm,
    DropClauseForm,
    IndicatorFormSet,
    ProgressReportForm,
    apply_errors,
)
from agreements.forms.clauses import indicator_initial
from agreements.models import Clause
from agreements.selectors import (
    clause_list_for_body,
    clause_list_visible,
)
from agreements.services import (
    clause_create,
    clause_delete,
    clause_drop,
    clause_move,
    clause_update,
    progress_report_create,
)
from agreements.views.access import (
    clause_or_404,
    is_htmx,
    next_or,
    programme_or_404,
    query_string_without_page,
    require,
)
from parties.rules import body_of

PAGE_SIZE = 25


def _clause_form_page(request, programme, clause=None):
    form = ClauseForm(request.POST or None, programme=programme, user=request.user, clause=clause)
    indicators = IndicatorFormSet(
        request.POST or None, prefix="indicators", initial=indicator_initial(clause)
    )
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        arguments = form.service_arguments(indicators.indicators())
        try:
            if clause is None:
                clause_create(programme=programme, **arguments)
            else:
                clause_update(clause=clause, **arguments)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The clause has been saved."))
            return redirect(
                reverse("agreements:programme_detail", args=[programme.pk]) + "#clauses"
            )
    return render(
        request,
        "agreements/clause_form.html",
        {"form": form, "indicators": indicators, "programme": programme, "clause": clause},
    )


@login_required
def clause_add(request, pk):
    programme = programme_or_404(request, pk)
    require(request, rules.can_edit_programme(request.user, programme), programme)
    return _clause_form_page(request, programme)


@login_required
def clause_edit(request, pk):
    clause = clause_or_404(request, pk)
    require(request, rules.can_edit_programme(request.user, clause.programme), clause.programme)
    return _clause_form_page(request, clause.programme, clause)


@login_required
@require_POST
def clause_remove(request, pk):
    clause = clause_or_404(request, pk)
    require(request, rules.can_edit_programme(request.user, clause.programme), clause.programme)
    clause_delete(clause=clause)
    messages.success(request, _("The clause has been removed."))
    return redirect(reverse("agreements:programme_detail", args=[clause.programme_id]) + "#clauses")


@login_required
@require_POST
def clause_reorder(request, pk):
    clause = clause_or_404(request, pk)
    require(request, rules.can_edit_programme(request.user, clause.programme), clause.programme)
    clause_move(clause=clause, offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(reverse("agreements:programme_detail", args=[clause.programme_id]) + "#clauses")


@login_required
def clause_drop_view(request, pk):
    clause = clause_or_404(request, pk)
    require(request, rules.can_drop_clause(request.user, clause), clause.programme)
    form = DropClauseForm(request.POST or None, initial={"dropped_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            clause_drop(clause=clause, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error, aliases={"dropped_reason": "reason"})
        else:
            messages.success(request, _("The clause has been dropped."))
            return redirect("agreements:programme_detail", pk=clause.programme_id)
    return render(request, "agreements/clause_drop.html", {"form": form, "clause": clause})


@login_required
def clause_detail(request, pk):
    clause = clause_or_404(request, pk)
    return render(
        request,
        "agreements/clause_detail.html",
        {
            "clause": clause,
            "programme": clause.programme,
            "can_report": rules.can_report_progress(request.user, clause),
            "can_drop": rules.can_drop_clause(request.user, clause),
        },
    )


@login_required
def progress_report_add(request, pk):
    clause = clause_or_404(request, pk)
    require(request, rules.can_report_progress(request.user, clause), clause.programme)
    form = ProgressReportForm(request.POST or None, clause=clause, user=request.user)
    next_url = next_or(request, reverse("agreements:clause_detail", args=[clause.pk]))
    if request.method == "POST" and form.is_valid():
        try:
            progress_report_create(
                clause=clause,
                reported_on=form.cleaned_data["reported_on"],
                reporting_body=form.cleaned_data["reporting_body"],
                status=form.cleaned_data["status"],
                values=form.values(),
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The progress report has been recorded."))
            if is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = next_url
                return response
            return redirect(next_url)
    context = {"form": form, "clause": clause, "next_url": next_url}
    if is_htmx(request):
        return render(request, "agreements/includes/_progress_form.html", context)
    return render(request, "agreements/progress_form.html", context)


@login_required
def clause_list(request):
    form = ClauseFilterForm(request.GET or None, user=request.user)
    clauses = clause_list_visible(user=request.user, today=timezone.localdate(), **form.filters())
    page = Paginator(clauses, PAGE_SIZE).get_page(request.GET.get("page"))
    _attach_rights(request.user, page.object_list)
    return render(
        request,
        "agreements/clause_list.html",
        {"page": page, "form": form, "query_string": query_string_without_page(request)},
    )


@login_required
def clause_list_bodies(request):
    """The clause list's two body pickers, narrowed by what is typed in "find" (htmx):
    only bodies of the programmes the user sees, never another one."""
    form = ClauseFilterForm(request.GET or None, user=request.user, bodies_only=True)
    return render(request, "agreements/includes/_clause_body_pickers.html", {"form": form})


def _attach_rights(user, clauses):
    for clause in clauses:
        clause.user_can_report = rules.can_report_progress(user, clause)


@login_required
def my_work(request):
    body = body_of(request.user)
    today = timezone.localdate()
    if body is None:
        clauses = Clause.objects.none()
    else:
        clauses = clause_list_for_body(user=request.user, body=body, today=today)
    page = Paginator(clauses, PAGE_SIZE).get_page(request.GET.get("page"))
    _attach_rights(request.user, page.object_list)
    return render(
        request,
        "agreements/my_work.html",
        {
            "page": page,
            "body": body,
            "today": today,
            "query_string": "",
            # An ended body is told which of its programmes its successors now carry on.
            "handovers": rules.handovers_by_ended(body, today)
            .select_related("programme__issuer", "to_body", "reorganisation")
            .order_by("reorganisation__effective_on", "programme_id"),
        },
    )
