"""Plan a programme's quarterly briefings: choose a rule, review the dates, create them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from agreements.views.access import back_to_programme
from meetings.forms import PlanForm, apply_service_errors
from meetings.planning import briefing_plan, briefings_create, describe_rule
from meetings.rules import can_plan_briefings
from meetings.selectors import briefings_planned
from meetings.views.access import programme_in_query, require_secretariat, scheduling_choices
from parties.rules import require


def plan_arguments(form):
    data = form.cleaned_data
    return {
        "programme": data["programme"],
        "rule": form.briefing_rule(),
        "together_with": list(data["together_with"]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_briefings(request):
    require_secretariat(request.user)
    programmes, organisers, officials = scheduling_choices(request.user)
    chosen = programme_in_query(request)
    if chosen is not None:
        require(can_plan_briefings(request.user, chosen), ways_forward=[back_to_programme(chosen)])
    form = PlanForm(
        request.POST or None,
        initial={"programme": chosen, "place": ""},
        programmes=programmes,
        officials=officials,
        organisers=organisers,
    )
    rows = rule_text = None
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["programme"]
        try:
            arguments = plan_arguments(form)
            if request.POST.get("action") == "create":
                data = form.cleaned_data
                created, already = briefings_create(
                    **arguments,
                    organiser=data["organiser"],
                    place=data["place"],
                    starts=data["start_time"],
                    ends=data["end_time"],
                    chair=data["chair"],
                    invitees=list(data["invitees"]),
                    agenda=data["agenda"],
                    by=request.user,
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)s quarterly briefing has been put on the calendar.",
                        "%(count)s quarterly briefings have been put on the calendar.",
                        len(created),
                    )
                    % {"count": len(created)}
                    + (
                        " " + _("%(count)s quarters already had theirs.") % {"count": already}
                        if already
                        else ""
                    ),
                )
                return redirect(reverse("meetings:plan_briefings") + f"?programme={chosen.pk}")
            rows = briefing_plan(**arguments)
            rule_text = describe_rule(arguments["rule"])
        except ValidationError as error:
            apply_service_errors(form, error, {"ends": "end_time"})
    planned = []
    if chosen is not None:
        planned = sorted(
            briefings_planned(programmes=[chosen]).values(), key=lambda row: row.quarter
        )
    return render(
        request,
        "meetings/plan_briefings.html",
        {
            "form": form,
            "rows": rows,
            "rule_text": rule_text,
            "new_count": sum(1 for row in rows or () if row.is_new),
            "programme": chosen,
            "planned": planned,
            "today": timezone.localdate(),
        },
    )
