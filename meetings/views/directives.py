"""Directives: given at a meeting, listed for follow-up, followed up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from agreements.rules import can_see_programme, visible_programmes
from agreements.views.access import body_picker, is_body_picker
from meetings.directives import directive_create as directive_create_service
from meetings.directives import directive_follow_up
from meetings.forms import DirectiveFilterForm, DirectiveForm, FollowUpForm, apply_service_errors
from meetings.rules import can_follow_up_directive, can_see_meeting
from meetings.selectors import (
    DirectivePages,
    directive_addressable_bodies,
    directive_filter_first_bodies,
    directive_get_visible,
    directive_list_visible,
    meetings_seen_among,
)
from meetings.views.access import (
    bodies_visible,
    meeting_to_run,
    programmes_visible,
    query_without,
)
from parties.models import Official
from parties.rules import require, works_for

PAGE_SIZE = 25
FILTERS = ("status", "body", "programme")


@login_required
@require_http_methods(["GET", "POST"])
def directive_create(request, pk):
    meeting = meeting_to_run(request, pk)
    speakers = Official.objects.filter(
        pk__in=[meeting.chair_id, *(a.official_id for a in meeting.attendances.all())]
    ).select_related("body")
    form = DirectiveForm(
        request.POST or None,
        initial={"given_by": meeting.chair},
        bodies=directive_addressable_bodies(meeting=meeting).order_by("unit__level", "name"),
        speakers=speakers,
        # A joint meeting may concern programmes this secretariat does not see.
        programmes=visible_programmes(request.user).filter(meetings=meeting).order_by("pk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            directive_create_service(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The directive has been recorded."))
            if "another" in request.POST:
                return redirect("meetings:directive_create", pk=meeting.pk)
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/directive_form.html", {"form": form, "meeting": meeting})


@login_required
@vary_on_headers("HX-Request")
def directive_list(request):
    """Directives to follow up, overdue first; filter by status, addressed body, programme."""
    today = timezone.localdate()
    # Every directive the user sees, when nothing filters them: read along the list's
    # index (DirectivePages). The bodies they are addressed to, which the body filter
    # offers, are read with its count, when it is counted: nothing asks to filter.
    every = DirectivePages(user=request.user, today=today)
    unfiltered = not any(request.GET.get(name) for name in FILTERS)
    form = DirectiveFilterForm(
        request.GET or None,
        bodies=bodies_visible(request.user, addressees=True),
        programmes=programmes_visible(request.user),
        first_bodies=lambda first: directive_filter_first_bodies(
            request.user, first=first, addressed=every.addressed_bodies if unfiltered else None
        ),
    )
    if is_body_picker(request):
        return body_picker(request, form, "body")
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    chosen = {name: filters.get(name) for name in FILTERS}
    if any(chosen.values()):
        directives = directive_list_visible(user=request.user, today=today, **chosen)
    else:
        directives = every
    page = Paginator(directives, PAGE_SIZE).get_page(request.GET.get("page"))
    seen = meetings_seen_among(user=request.user, ids={d.meeting_id for d in page.object_list})
    return render(
        request,
        "meetings/directive_list.html",
        {
            "filter_form": form,
            "page": page,
            "query_string": query_without(request, "page"),
            "visible_meeting_ids": seen,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def directive_detail(request, pk):
    """A directive, its follow-up history, and the follow-up form for those who may use it."""
    directive = directive_get_visible(user=request.user, pk=pk)
    today = timezone.localdate()
    may_follow_up = can_follow_up_directive(request.user, directive)
    form = None
    if may_follow_up:
        form = FollowUpForm(
            request.POST or None,
            initial={"status": directive.status, "on": today, "version": directive.version},
        )
    if request.method == "POST":
        require(may_follow_up)
        if form.is_valid():
            try:
                directive_follow_up(directive=directive, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("The follow-up has been recorded."))
                return redirect("meetings:directive_detail", pk=directive.pk)
    return render(
        request,
        "meetings/directive_detail.html",
        {
            "directive": directive,
            "form": form,
            "today": today,
            "overdue": directive.is_overdue_on(today),
            "meeting_visible": can_see_meeting(request.user, directive.meeting),
            # The addressed body may be no party: the programme is named only to who sees it.
            "programme_visible": directive.programme_id is not None
            and can_see_programme(request.user, directive.programme),
            # The addressed body that no longer follows it up is told who does now.
            "follow_up_refused": ""
            if may_follow_up or not works_for(request.user, directive.addressed_body_id)
            else may_follow_up.reason,
        },
    )
