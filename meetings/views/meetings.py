"""A meeting's page, and the secretariat's actions on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agreements.views.access import back_to_programme
from meetings import services
from meetings.forms import (
    WHEN_ERRORS,
    AttendanceForm,
    MeetingCancelForm,
    MeetingEditForm,
    MeetingForm,
    MeetingMoveForm,
    MeetingRecordForm,
    apply_service_errors,
)
from meetings.rules import can_run_meeting, can_schedule_meeting
from meetings.selectors import directives_with_overdue, meeting_get_visible, officials_of_parties
from meetings.views.access import (
    meeting_to_run,
    programme_in_query,
    require_secretariat,
    scheduling_choices,
)
from parties.rules import require


@login_required
def meeting_detail(request, pk):
    meeting = meeting_get_visible(user=request.user, pk=pk)
    now = timezone.now()
    today = timezone.localdate()
    directives = list(directives_with_overdue(meeting.directives.all(), today))
    can_run = can_run_meeting(request.user, meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "can_run": can_run,
            "started": meeting.has_started(now),
            "directives": directives,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    require_secretariat(request.user)
    programmes, organisers, officials = scheduling_choices(request.user)
    initial = {}
    chosen = programme_in_query(request)
    if chosen is not None:
        require(
            can_schedule_meeting(request.user, [chosen]), ways_forward=[back_to_programme(chosen)]
        )
        initial = {"programmes": [chosen], "kind": request.GET.get("kind", "")}
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        programmes=programmes,
        officials=officials,
        organisers=organisers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at, ends_at = form.when()
        try:
            meeting = services.meeting_schedule(
                kind=data["kind"],
                title=data["title"],
                programmes=data["programmes"],
                organiser=data["organiser"],
                starts_at=starts_at,
                ends_at=ends_at,
                place=data["place"],
                chair=data["chair"],
                agenda=data["agenda"],
                invitees=data["invitees"],
                quarter=data["quarter"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error, WHEN_ERRORS)
        else:
            messages.success(request, _("The meeting is on the calendar."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = meeting_to_run(request, pk)
    officials = officials_of_parties(programmes=meeting.programmes.all()).order_by(
        "body__name", "full_name"
    )
    invited = [a.official for a in meeting.attendances.all() if a.invited]
    form = MeetingEditForm(
        request.POST or None,
        initial={
            "title": meeting.title,
            "place": meeting.place,
            "agenda": meeting.agenda,
            "chair": meeting.chair,
            "invitees": invited,
            "version": meeting.version,
        },
        officials=officials,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been updated."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_edit.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request, pk):
    meeting = meeting_to_run(request, pk)
    local = timezone.localtime(meeting.starts_at)
    form = MeetingMoveForm(
        request.POST or None,
        initial={
            "day": local.date(),
            "start_time": local.time(),
            "end_time": timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None,
            "version": meeting.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.when()
        try:
            services.meeting_move(
                meeting=meeting,
                starts_at=starts_at,
                ends_at=ends_at,
                reason=form.cleaned_data["reason"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_service_errors(form, error, WHEN_ERRORS)
        else:
            messages.success(
                request, _("The meeting has been moved; invitees will be reminded of the new time.")
            )
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_change.html",
        {"form": form, "meeting": meeting, "action": "move"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    meeting = meeting_to_run(request, pk)
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(
                meeting=meeting, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The meeting has been cancelled."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_change.html",
        {"form": form, "meeting": meeting, "action": "cancel"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record(request, pk):
    meeting = meeting_to_run(request, pk)
    form = MeetingRecordForm(
        request.POST or None,
        meeting=meeting,
        initial={
            "minutes": meeting.minutes,
            "conclusions": meeting.conclusions,
            "results": meeting.results,
            "limitations": meeting.limitations,
            "next_tasks": meeting.next_tasks,
            "version": meeting.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_record(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The minutes have been recorded."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_record.html",
        {"form": form, "meeting": meeting, "started": meeting.has_started(timezone.now())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = meeting_to_run(request, pk)
    rows = list(meeting.attendances.all())
    listed = {row.official_id for row in rows}
    others = (
        officials_of_parties(programmes=meeting.programmes.all())
        .exclude(pk__in=listed)
        .order_by("body__name", "full_name")
    )
    form = AttendanceForm(
        request.POST or None,
        attendances=rows,
        others=others,
        initial={"version": meeting.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                entries=form.entries(),
                also_present=form.cleaned_data["also_present"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Attendance has been recorded."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/attendance_form.html",
        {"form": form, "meeting": meeting, "started": meeting.has_started(timezone.now())},
    )
