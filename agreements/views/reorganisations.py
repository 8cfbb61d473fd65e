"""Reorganisations (/org/reorganisations/): recording one, and settling what it does to
the programmes in force of the bodies it ended — each handed over to a successor or
closed, as the administrator chooses. On this floor because it hands programmes over;
who may: parties/rules.py (administrators) and agreements/rules.py (the programmes)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements import rules
from agreements.services import (
    programme_close_by_reorganisation,
    programme_hand_over,
    programmes_to_settle,
    successors_for,
)
from parties.forms import (
    BodyRenameFormSet,
    ReorganisationForm,
    SuccessionFormSet,
    UnitRenameFormSet,
)
from parties.models import Body
from parties.rules import (
    administered_bodies,
    administered_reorganisations,
    administered_units,
    can_administer,
    require,
)
from parties.services import reorganisation_record

PAGE_SIZE = 25


@login_required
def reorganisation_list(request):
    require(can_administer(request.user))
    acts = administered_reorganisations(request.user)
    page = Paginator(acts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "agreements/reorganisation_list.html", {"page": page})


@login_required
def reorganisation_create(request):
    require(can_administer(request.user))
    bodies = administered_bodies(request.user).select_related("unit")
    units = administered_units(request.user)
    data = request.POST or None
    form = ReorganisationForm(data)
    body_rows = SuccessionFormSet(data, prefix="bodies", form_kwargs={"choices": bodies})
    unit_rows = SuccessionFormSet(data, prefix="units", form_kwargs={"choices": units})
    body_renames = BodyRenameFormSet(data, prefix="renames", form_kwargs={"choices": bodies})
    unit_renames = UnitRenameFormSet(data, prefix="unit_renames", form_kwargs={"choices": units})
    every = [form, body_rows, unit_rows, body_renames, unit_renames]
    # Every part validated (a list, not a generator), so that each shows its errors.
    if request.method == "POST" and all([part.is_valid() for part in every]):  # noqa: C419
        successions = [
            (row["kind"], row["predecessor"], row["successor"])
            for rows in (body_rows, unit_rows)
            for row in rows.cleaned_data
            if row.get("kind")
        ]
        try:
            act = reorganisation_record(
                **form.cleaned_data,
                successions=successions,
                renames=body_renames.renames(),
                unit_renames=unit_renames.renames(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reorganisation has been recorded."))
            return redirect("agreements:reorganisation_detail", pk=act.pk)
    return render(
        request,
        "agreements/reorganisation_form.html",
        {
            "form": form,
            "body_rows": body_rows,
            "unit_rows": unit_rows,
            "rename_sets": [body_renames, unit_renames],
        },
    )


def _named_on(record, day):
    return record.name_on(day) if isinstance(record, Body) else record.full_name_on(day)


def _as_named(act, succession):
    """(what ended or was renamed, as named on its last day under that name; the kind;
    its successor, as named on the act's first day)."""
    old = succession.predecessor_body or succession.predecessor_unit
    new = succession.successor_body or succession.successor_unit
    last_day = act.effective_on - timedelta(days=1)
    return (
        _named_on(old, last_day),
        succession.get_kind_display(),
        _named_on(new, act.effective_on),
    )


def _act(request, pk):
    require(can_administer(request.user))
    return get_object_or_404(administered_reorganisations(request.user), pk=pk)


@login_required
def reorganisation_detail(request, pk):
    """What ended, what succeeded it, and the programmes in force still to settle."""
    act = _act(request, pk)
    successions = [
        _as_named(act, row)
        for row in act.successions.select_related(
            "predecessor_body", "successor_body", "predecessor_unit", "successor_unit"
        )
    ]
    pending = Paginator(programmes_to_settle(act).select_related("issuer"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(programme, successors_for(act, programme)) for programme in pending]
    return render(
        request,
        "agreements/reorganisation_detail.html",
        {"act": act, "successions": successions, "page": pending, "rows": rows},
    )


@login_required
def reorganisation_settle(request, pk, programme_pk):
    """Hand one programme over (`to` = a successor's id, for the body it replaces) or
    close it (`to` = "close")."""
    act = _act(request, pk)
    programme = get_object_or_404(programmes_to_settle(act), pk=programme_pk)
    rules_decision = rules.can_settle_programme(request.user, programme)
    require(rules_decision)
    if request.method == "POST":
        choice = request.POST.get("to", "")
        try:
            if choice == "close":
                programme_close_by_reorganisation(programme=programme, reorganisation=act)
                messages.success(request, _("The programme has been closed."))
            else:
                handed = 0
                for old, successors in successors_for(act, programme).items():
                    chosen = [
                        b for b in successors if str(b.pk) == request.POST.get(f"to_{old.pk}")
                    ]
                    if chosen:
                        programme_hand_over(
                            programme=programme,
                            reorganisation=act,
                            from_body=old,
                            to_body=chosen[0],
                        )
                        handed += 1
                if not handed:
                    raise ValidationError(_("Choose a successor, or close the programme."))
                messages.success(request, _("The programme has been handed over."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("agreements:reorganisation_detail", pk=act.pk)
