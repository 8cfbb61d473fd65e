"""Recording a signing ceremony (several drafts at once) and amending a signed programme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements import rules
from agreements.forms import AmendmentClauseFormSet, AmendmentForm, SigningForm, apply_errors
from agreements.services import amendment_create, programmes_sign
from agreements.views.access import is_htmx, programme_or_404, require


@login_required
def signing_create(request):
    """Step one chooses the drafts (GET ?programme=…); the signatories follow for each."""
    require(request, rules.can_sign_programmes(request.user))
    chosen = request.GET.getlist("programme") or request.GET.getlist("programmes")
    form = SigningForm(request.POST or None, user=request.user, chosen=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            signing = programmes_sign(**form.service_arguments(), by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            count = len(form.cleaned_data["programmes"])
            messages.success(
                request,
                ngettext(
                    "The signing has been recorded; the programme is now in force.",
                    "The signing has been recorded; %(count)d programmes are now in force.",
                    count,
                )
                % {"count": count},
            )
            first = signing.programmes.order_by("pk").first()
            return redirect("agreements:programme_detail", pk=first.pk)
    template = "agreements/includes/_signatories.html" if is_htmx(request) else None
    return render(
        request,
        template or "agreements/signing_form.html",
        {"form": form, "has_drafts": form.fields["programmes"].queryset.exists()},
    )


@login_required
def amendment_add(request, pk):
    programme = programme_or_404(request, pk)
    require(request, rules.can_amend_programme(request.user, programme), programme)
    form = AmendmentForm(request.POST or None)
    clauses = AmendmentClauseFormSet(
        request.POST or None,
        prefix="clauses",
        form_kwargs={"programme": programme, "user": request.user},
    )
    if request.method == "POST" and form.is_valid() and clauses.is_valid():
        try:
            with transaction.atomic():
                amendment_create(
                    programme=programme,
                    clause_changes=clauses.changes(),
                    by=request.user,
                    **form.cleaned_data,
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The amendment has been recorded."))
            return redirect("agreements:programme_detail", pk=programme.pk)
    return render(
        request,
        "agreements/amendment_form.html",
        {"form": form, "clauses": clauses, "programme": programme},
    )
