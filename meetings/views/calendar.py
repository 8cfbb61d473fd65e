"""The calendar of meetings (a month grid or a quarter's list) and its .ics downloads."""

import calendar as pycalendar
import hashlib
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.html import format_html
from django.utils.http import quote_etag
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from agreements.views.access import body_picker, is_body_picker, next_or
from meetings.feed import MOST_EVENTS, feed_for
from meetings.forms import CalendarFilterForm
from meetings.ical import meeting_calendar, meeting_calendar_chunks
from meetings.quarters import Quarter
from meetings.rules import can_plan_briefings, is_secretariat
from meetings.selectors import (
    meeting_feed_events,
    meeting_feed_read,
    meeting_get_visible,
    meeting_list_visible,
    meeting_month_visible,
    meeting_nearest_visible,
    meetings_visible_between,
    programme_choices_visible,
)
from meetings.subscriptions import renew_subscription, subscriber, subscription_token
from meetings.views.access import bodies_visible, query_without
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


# A meeting's look on the grid, by status (static/css: the legend under the grid).
ENTRY_CLASSES = {"cancelled": "entry-cancelled", "held": "entry-held"}


def grid_entry(meeting):
    """A meeting's link on the month grid, written once here: a provincial body's month
    holds some 300, and the template's tags per entry cost more than the queries."""
    css = ENTRY_CLASSES.get(meeting.status) or (
        "entry-moved" if meeting.is_moved else "entry-scheduled"
    )
    return format_html(
        '<a href="{}" class="calendar-entry d-block small rounded px-1 mb-1 '
        'text-decoration-none {}" title="{} – {}">'
        '<span class="fw-semibold">{}</span> {}</a>',
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        css,
        meeting.title,
        meeting.place,
        f"{timezone.localtime(meeting.starts_at):%H:%M}",
        Truncator(meeting.title).chars(48),
    )


def month_weeks(first_day, meetings):
    """Weeks (Monday first) of a month: each a list of (day or None, entries that day)."""
    by_day = {}
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        by_day.setdefault(day, []).append(grid_entry(meeting))
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(
        first_day.year, first_day.month
    ):
        weeks.append(
            [(day if day.month == first_day.month else None, by_day.get(day, [])) for day in week]
        )
    return weeks


def calendar_filters(request, *, offer=True, user=None):
    """The filter form and the body and programme it asks for (None when not asked or not
    valid). `offer=False` when no select is shown (the feed): no choices read. `user`:
    whose rights the choices follow, when not the signed-in one (a subscribed feed)."""
    user = user or request.user
    form = CalendarFilterForm(
        request.GET or None,
        bodies=bodies_visible(user),
        programmes=programme_choices_visible(user),
        offer=offer,
    )
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data.get("body"), form.cleaned_data.get("programme")
    return form, None, None


@login_required
@vary_on_headers("HX-Request")
def calendar(request):
    today = timezone.localdate()
    form, body, programme = calendar_filters(request)
    if is_body_picker(request):
        return body_picker(request, form, "body")
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
            meeting_month_visible(
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
    # The .ics link and what it holds (templates/meetings/includes/_calendar_feed.html).
    context["feed"] = feed = feed_for(request.user, body=body, programme=programme)
    context["subscription"] = subscription_address(request, feed)
    return render(request, "meetings/calendar.html", context)


def subscription_address(request, feed):
    """The address a calendar app subscribes to for this feed (meetings/subscriptions.py)."""
    path = reverse("meetings:calendar_subscription", args=[subscription_token(request.user)])
    return request.build_absolute_uri(f"{path}?{feed.query}" if feed.query else path)


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Raised whenever the file's layout changes, so that every calendar fetches it afresh.
ICS_FORMAT = "3"


def feed_etag(fingerprint, base_url, name):
    """The feed's entity tag: what its bytes depend on (the meetings read cheaply, the
    site's address, the calendar's name, the language of its labels, the file's layout)."""
    parts = (ICS_FORMAT, fingerprint, base_url, name or "", get_language() or "")
    return quote_etag(hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32])


@login_required
def calendar_ics(request):
    """The signed-in user's calendar feed, downloaded from the calendar page."""
    return feed_response(request, request.user)


def calendar_subscription(request, token):
    """The feed at the address a calendar app subscribes to: the token names the user
    (meetings/subscriptions.py), whose rights decide what it holds at each poll."""
    user = subscriber(token)
    if user is None:
        return render(request, "meetings/subscription_invalid.html", status=404)
    return feed_response(request, user)


@login_required
@require_POST
def calendar_subscription_renew(request):
    """A new subscription address: the earlier ones stop working."""
    renew_subscription(request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new subscription address. The earlier one no longer works: "
            "subscribe again with the new one in your calendar app."
        ),
    )
    return redirect(next_or(request, reverse("meetings:calendar")))


def feed_response(request, user):
    """The user's feed (meetings/feed.py): their own body's meetings, or what the
    calendar's filters (?body=, ?programme=) or ?scope=all ask for, among those the user
    may see; one .ics file, streamed. A calendar app polls it every few hours: its
    If-None-Match is answered 304 from one light read of the meetings (ids and last
    changes), without writing the file."""
    _form, body, programme = calendar_filters(request, offer=False, user=user)
    feed = feed_for(user, body=body, programme=programme, scope=request.GET.get("scope"))
    meetings = meetings_visible_between(
        user=user,
        body=feed.body,
        programme=feed.programme,
        **feed.window(timezone.localdate()),
    )
    base_url = request.build_absolute_uri("/").rstrip("/")
    read = meeting_feed_read(meetings, user=user, most=MOST_EVENTS)
    name = feed.name
    etag = feed_etag(read.fingerprint, base_url, name)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        chunks = meeting_calendar_chunks(
            meeting_feed_events(read),
            name=name,
            base_url=base_url,
            stamp=read.changed,
            compact=True,
        )
        response = StreamingHttpResponse(chunks, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="lich-hoi-nghi.ics"'
    response["ETag"] = etag
    # Kept by the reader's own calendar only, and asked again each time (cheaply).
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def meeting_ics(request, pk):
    meeting = meeting_get_visible(user=request.user, pk=pk)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return ics_response(
        meeting_calendar([meeting], name=meeting.title, base_url=base_url), f"hoi-nghi-{pk}.ics"
    )
