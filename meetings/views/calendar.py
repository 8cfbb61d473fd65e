"""The calendar of meetings (a month grid or a quarter's list) and its .ics downloads."""

import calendar as pycalendar
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from meetings.forms import CalendarFilterForm
from meetings.ical import meeting_calendar, meeting_calendar_chunks
from meetings.quarters import Quarter
from meetings.rules import can_plan_briefings, is_secretariat
from meetings.selectors import meeting_get_visible, meeting_list_visible, meeting_nearest_visible
from meetings.views.access import bodies_visible, programmes_visible, query_without
from parties.dates import month_in_range

PAGE_SIZE = 25


def parse_month(text):
    """ "2024-04" → date(2024, 4, 1); None when it is not a month of the product's
    range (parties/dates.py), so that its previous and next months exist too."""
    try:
        year, month = (int(part) for part in text.split("-"))
        day = date(year, month, 1)
    except (ValueError, AttributeError, TypeError):
        return None
    return day if month_in_range(year, month) else None


def parse_quarter(text):
    try:
        return Quarter.parse(text)
    except (ValueError, AttributeError):
        return None


def month_weeks(first_day, meetings):
    """Weeks (Monday first) of a month: each a list of (day or None, meetings that day)."""
    by_day = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(
        first_day.year, first_day.month
    ):
        weeks.append(
            [(day if day.month == first_day.month else None, by_day.get(day, [])) for day in week]
        )
    return weeks


def calendar_filters(request):
    form = CalendarFilterForm(
        request.GET or None,
        bodies=bodies_visible(request.user),
        programmes=programmes_visible(request.user),
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data.get("body"), form.cleaned_data.get("programme")
    return form, None, None


@login_required
def calendar(request):
    today = timezone.localdate()
    form, body, programme = calendar_filters(request)
    quarter = parse_quarter(request.GET.get("quarter"))
    context = {
        "filter_form": form,
        "today": today,
        "filters": query_without(request, "month", "quarter", "page"),
        "can_schedule": is_secretariat(request.user),
        "can_plan": programme is not None and can_plan_briefings(request.user, programme),
        "programme": programme,
    }
    if quarter is not None:
        meetings = meeting_list_visible(
            user=request.user,
            first_day=quarter.first_day,
            last_day=quarter.last_day,
            body=body,
            programme=programme,
        )
        page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            view="quarter",
            quarter=quarter,
            previous=f"quarter={quarter.previous().param}",
            next=f"quarter={quarter.next().param}",
            current=f"quarter={Quarter.of(today).param}",
            other_view=f"month={quarter.first_day:%Y-%m}",
            page=page,
            query_string=query_without(request, "page"),
            empty=not page.object_list,
        )
        first_day = quarter.first_day
    else:
        first_day = parse_month(request.GET.get("month")) or today.replace(day=1)
        last_day = first_day.replace(day=pycalendar.monthrange(first_day.year, first_day.month)[1])
        meetings = list(
            meeting_list_visible(
                user=request.user,
                first_day=first_day,
                last_day=last_day,
                body=body,
                programme=programme,
            )
        )
        previous_month = (first_day - timedelta(days=1)).replace(day=1)
        next_month = last_day + timedelta(days=1)
        context.update(
            view="month",
            month=first_day,
            weeks=month_weeks(first_day, meetings),
            meetings=meetings,
            previous=f"month={previous_month:%Y-%m}",
            next=f"month={next_month:%Y-%m}",
            current=f"month={today:%Y-%m}",
            other_view=f"quarter={Quarter.of(first_day).param}",
            empty=not meetings,
        )
    if context["empty"]:
        context["nearest"] = meeting_nearest_visible(
            user=request.user, day=first_day, body=body, programme=programme
        )
    return render(request, "meetings/calendar.html", context)


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# The calendar a person subscribes to: the last quarter and the coming year. A
# programme's own calendar holds all its meetings (a few dozen at most).
ICS_PAST = timedelta(days=92)
ICS_FUTURE = timedelta(days=366)


@login_required
def calendar_ics(request):
    """The meetings the user may see (filtered like the calendar), as one .ics file,
    streamed: those of a rolling window, or all of the programme asked for."""
    _form, body, programme = calendar_filters(request)
    today = timezone.localdate()
    window = (
        {}
        if programme is not None
        else {
            "first_day": today - ICS_PAST,
            "last_day": today + ICS_FUTURE,
        }
    )
    meetings = meeting_list_visible(user=request.user, body=body, programme=programme, **window)
    base_url = request.build_absolute_uri("/").rstrip("/")
    # Chunks of 2,000 (a province's window holds about that many meetings): each chunk
    # costs its own prefetch queries, so 200 made a provincial file take 18 queries.
    chunks = meeting_calendar_chunks(meetings.iterator(chunk_size=2000), base_url=base_url)
    response = StreamingHttpResponse(chunks, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lich-hoi-nghi.ics"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def meeting_ics(request, pk):
    meeting = meeting_get_visible(user=request.user, pk=pk)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return ics_response(
        meeting_calendar([meeting], name=meeting.title, base_url=base_url), f"hoi-nghi-{pk}.ics"
    )
