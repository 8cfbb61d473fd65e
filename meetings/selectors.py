"""Reads of meetings and directives, shaped for the pages that show them.

Every list here is read in a constant number of queries, however many rows.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from agreements.models import (
    Clause,
    Handover,
    Programme,
    ProgrammeInvolvement,
    ProgrammeParty,
)
from agreements.rules import programme_visible_row_by_row
from agreements.selectors import bodies_first_where, bodies_involved_on_seen
from meetings.models import Attendance, Directive, DirectiveUpdate, Meeting, PlannedBriefing
from meetings.rules import (
    can_schedule_meeting,
    directive_visible_row_by_row,
    meeting_visible_to_row,
    visible_directives,
    visible_directives_counted,
    visible_meetings,
)
from parties.models import Body, Official, unit_subtree
from parties.rules import body_of, sees_everything

PROGRAMMES_SHOWN = Prefetch(
    "programmes", queryset=Programme.objects.select_related("issuer").order_by("pk")
)


def programmes_visible_to(user):
    """A meeting's programmes that `user` may see, as `meeting.programmes_visible`.

    A joint meeting (the Ngã Bảy briefings) concerns programmes some of its
    viewers are not party to; their titles must not leak through it. Asked programme
    by programme: a page of meetings names a few dozen programmes.
    """
    return Prefetch(
        "programmes",
        queryset=Programme.objects.filter(programme_visible_row_by_row(user, "pk"))
        .select_related("issuer")
        .order_by("pk"),
        to_attr="programmes_visible",
    )


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def body_takes_part(body):
    """A condition on meetings: `body` takes part in it. It organises it, is a party to
    one of its programmes or supports a clause of one (ProgrammeInvolvement), or stands
    for a party that ended, a reorganisation having handed the programme over to it.
    (Its officials are invited only then: meeting_check_people.) The calendar's body
    filter and a body's .ics feed (meetings/feed.py) both mean this.

    Asked meeting by meeting, as one EXISTS of a UNION ALL of index probes on the
    meeting's programmes: an EXISTS or IN that PostgreSQL may hash would read every
    meeting of every programme the body is involved in (some 2,000 rows for a
    provincial body, more each year) where the days already bound the meetings to a
    few hundred."""
    meeting_links = Meeting.programmes.through.objects.filter(meeting_id=OuterRef("pk"))
    programme = OuterRef("programme_id")
    involved = meeting_links.filter(
        Exists(ProgrammeInvolvement.objects.filter(body_id=body.pk, programme_id=programme))
    )
    handed = meeting_links.filter(
        Exists(Handover.objects.filter(to_body_id=body.pk, programme_id=programme))
    )
    either = (
        involved.order_by()
        .values("meeting_id")
        .union(handed.order_by().values("meeting_id"), all=True)
    )
    return Q(organiser=body) | Exists(either)


def meetings_visible_between(*, user, first_day=None, last_day=None, body=None, programme=None):
    """The meetings a user may see between two days (inclusive), optionally filtered;
    unordered, nothing related read. Visibility is asked meeting by meeting (an EXISTS
    over its programmes, two index probes each): the days bound the rows first, through
    the index on `starts_at`, instead of building the whole set of programmes a
    provincial body sees (bench/INDEXES.md)."""
    meetings = Meeting.objects.filter(meeting_visible_to_row(user))
    if first_day is not None:
        meetings = meetings.filter(starts_at__gte=day_start(first_day))
    if last_day is not None:
        meetings = meetings.filter(starts_at__lt=day_start(last_day + timedelta(days=1)))
    if body is not None:
        meetings = meetings.filter(body_takes_part(body))
    if programme is not None:
        meetings = meetings.filter(
            Exists(
                Meeting.programmes.through.objects.filter(
                    meeting_id=OuterRef("pk"), programme=programme
                )
            )
        )
    return meetings.order_by()


def meeting_list_visible(*, user, first_day=None, last_day=None, body=None, programme=None):
    """The meetings a user may see between two days (inclusive), optionally filtered,
    each with its organiser, chair and the programmes the user sees (a list, a feed)."""
    meetings = meetings_visible_between(
        user=user, first_day=first_day, last_day=last_day, body=body, programme=programme
    )
    return (
        meetings.select_related("organiser", "chair")
        .prefetch_related(programmes_visible_to(user))
        .order_by("starts_at", "pk")
    )


# What an event of the .ics feed says of a meeting (meetings/ical.py): not its minutes,
# conclusions, agenda or other long texts.
FEED_FIELDS = (
    "pk", "uid", "kind", "title", "starts_at", "ends_at", "place", "status", "status_reason",
    "sequence", "updated_at", "organiser__name", "chair__full_name",
)  # fmt: skip
# What it says of a programme: its citation (Programme.short_citation).
FEED_PROGRAMME_FIELDS = (
    "meeting_id", "programme__id", "programme__updated_at", "programme__number",
    "programme__symbol", "programme__title", "programme__issuer__kind",
)  # fmt: skip


@dataclass
class FeedRead:
    """A feed's meetings read cheaply (meeting_feed_read): enough for its ETag, and the
    ids and programmes its events then need."""

    fingerprint: str
    changed: object  # the latest change among them, or None
    ids: list
    programmes: dict  # meeting id -> the programmes of it the user sees


def meeting_feed_read(meetings, *, user, most):
    """What a feed of `meetings` (meetings_visible_between) says, read cheaply enough to
    answer a calendar app's poll without writing the file: the first `most` meetings in
    time, each with its id and last change, its organiser's and chair's names, and the
    programmes of it the user sees with their last change and what cites them."""
    rows = list(
        meetings.values_list("pk", "updated_at", "organiser__name", "chair__full_name").order_by(
            "starts_at", "pk"
        )[:most]
    )
    ids = [row[0] for row in rows]
    # The ids themselves, not the subquery again: the planner then knows they are a few
    # hundred and reads their programmes by primary key, not all 25,000 hashed.
    links = (
        Meeting.programmes.through.objects.filter(
            programme_visible_row_by_row(user, "programme_id"), meeting_id__in=ids
        )
        .select_related("programme__issuer")
        .only(*FEED_PROGRAMME_FIELDS)
        .order_by("meeting_id", "programme_id")
    )
    digest = hashlib.sha256()
    changes = []
    for row in rows:
        digest.update(repr(row).encode())
        changes.append(row[1])
    digest.update(b"|")
    programmes = {}
    for link in links if rows else ():
        programme = link.programme
        digest.update(repr((link.meeting_id, programme.pk, programme.updated_at)).encode())
        changes.append(programme.updated_at)
        programmes.setdefault(link.meeting_id, []).append(programme)
    return FeedRead(digest.hexdigest(), max(changes, default=None), ids, programmes)


def meeting_feed_events(read):
    """The meetings of a .ics feed, by the ids its read found (already filtered, seen by
    the user, cut at the feed's size): by primary key, without asking again who sees
    them; with what their events say and, as `programmes_visible`, the programmes of
    them the user sees, as the read found them."""
    meetings = (
        Meeting.objects.filter(pk__in=read.ids)
        .select_related("organiser", "chair")
        .only(*FEED_FIELDS)
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        meeting.programmes_visible = read.programmes.get(meeting.pk, [])
        yield meeting


# What a day of the month grid shows of a meeting (templates/meetings/calendar.html).
MONTH_GRID_FIELDS = ("pk", "starts_at", "title", "place", "status", "sequence")


def meeting_month_visible(*, user, first_day, last_day, body=None, programme=None):
    """A month's meetings for the grid: the few fields a day shows, no related rows."""
    meetings = meetings_visible_between(
        user=user, first_day=first_day, last_day=last_day, body=body, programme=programme
    )
    return meetings.only(*MONTH_GRID_FIELDS).order_by("starts_at", "pk")


def programme_choices_visible(user):
    """The programmes a filter offers, latest first: walked along the index on
    `period_start`, visibility asked programme by programme, so that the first hundred
    cost a hundred-odd probes, not the whole visible set sorted (bench/INDEXES.md)."""
    return (
        Programme.objects.filter(programme_visible_row_by_row(user, "pk"))
        .select_related("issuer")
        .order_by("-period_start", "pk")
    )


def meeting_nearest_visible(*, user, day, body=None, programme=None):
    """The visible meeting closest to `day` (upcoming first), to offer when a month is
    empty: walked from the day along the index on `starts_at`, one probe a meeting."""
    meetings = meetings_visible_between(user=user, body=body, programme=programme).only(
        *MONTH_GRID_FIELDS
    )
    upcoming = meetings.filter(starts_at__gte=day_start(day)).order_by("starts_at", "pk").first()
    return upcoming or meetings.order_by("-starts_at", "-pk").first()


def meeting_get_visible(*, user, pk):
    """One meeting with everything its page shows; 404 when the user may not see it."""
    queryset = (
        visible_meetings(user)
        .select_related("organiser", "chair__body", "created_by")
        .prefetch_related(
            PROGRAMMES_SHOWN,
            programmes_visible_to(user),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("official__body").order_by(
                    "-invited", "official__body__name", "official__full_name"
                ),
            ),
            Prefetch(
                "planned_briefings",
                queryset=PlannedBriefing.objects.select_related("programme__issuer"),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def meeting_list_for_programme(*, programme, user):
    """A programme's meetings, newest first, for its page (the user already sees it)."""
    return (
        visible_meetings(user)
        .filter(
            Exists(
                Meeting.programmes.through.objects.filter(
                    meeting_id=OuterRef("pk"), programme=programme
                )
            )
        )
        .select_related("organiser", "chair")  # the page shows no other programme
        .order_by("-starts_at", "-pk")
    )


# What a row of a directive table shows (meetings/templatetags/directive_tags.py), on the
# directive list, a meeting's page, a programme's page and "my work": not the meeting's
# minutes and other long texts, nor the programme, which no row names. A field left out
# here and read by a row costs a query per row.
DIRECTIVE_ROW_FIELDS = (
    "meeting", "text", "given_by", "addressed_body", "deadline", "status", "follow_up_note",
    "completed_on", "meeting__kind", "meeting__title", "meeting__starts_at",
    "meeting__organiser", "meeting__organiser__name", "given_by__full_name",
    "addressed_body__name",
)  # fmt: skip


def directives_with_overdue(directives, today):
    """Mark each directive `overdue` in SQL and put the overdue ones first, then the
    others still open, the done ones last. Not sorted on `overdue` itself: an overdue
    directive is one not done whose deadline has passed, so among those not done the
    earliest deadline first already puts them first. The order then needs no today and
    is an index's (directive_follow_up_order): a page stops at its 25th row. The rows
    are read for a table's row (DIRECTIVE_ROW_FIELDS)."""
    overdue = Case(
        When(Directive.overdue_on_q(today), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        directives.annotate(overdue=overdue)
        .select_related("meeting__organiser", "addressed_body", "given_by")
        .only(*DIRECTIVE_ROW_FIELDS)
        .order_by(
            Case(When(status=Directive.Status.DONE, then=Value(1)), default=Value(0)),
            F("deadline").asc(nulls_last=True),
            "-meeting__starts_at",
            "pk",
        )
    )


def directive_filter_status(directives, status, today):
    """`status` is open, in_progress, done or the derived overdue; a directive is in one
    of them only: an overdue one is neither open nor in progress (as the dashboard
    counts them)."""
    overdue = Directive.overdue_on_q(today)
    if status == "overdue":
        return directives.filter(overdue)
    if status == Directive.Status.DONE:
        return directives.filter(status=status)
    if status in Directive.Status.values:
        return directives.filter(Q(status=status) & ~overdue)
    return directives


def directive_list_visible(*, user, today, status=None, body=None, programme=None):
    directives = visible_directives(user)
    directives = directive_filter_status(directives, status, today)
    if body is not None:
        directives = directives.filter(addressed_body=body)
    if programme is not None:
        directives = directives.filter(directive_on_programme(programme))
    return directives_with_overdue(directives, today)


def sees_most_directives(user):
    """Whether the user sees most directives: a superuser, or a body of the province
    itself, which sees the programmes of every body of the units below its own
    (ProgrammeReach: some 22,000 of 25,000 programmes, nine directives in ten), as
    bodies_named_on_seen (agreements) decides for the filters' bodies."""
    if sees_everything(user):
        return True
    body = body_of(user)
    return body is not None and body.unit.parent_id is None


class DirectivePages:
    """directive_list_visible(user=…, today=…) unfiltered, pageable by Paginator.

    The count hashes every meeting the user sees once (visible_directives_counted). For a
    user who sees most directives (sees_most_directives), a page is read along
    directive_follow_up_order with visibility asked row by row
    (directive_visible_row_by_row), stopping at its last row, instead of hashing every
    meeting seen a second time. For the others (a district's or a commune's body) the
    walk would probe many unseen directives for each row shown, and the set they see is
    small: the hashed query, as for a filtered list. The same rows either way
    (bench/INDEXES.md)."""

    def __init__(self, *, user, today):
        self.user = user
        self.today = today
        self._count = None
        self._addressed = None

    def count(self):
        if self._count is None:
            self._count = visible_directives_counted(self.user).order_by().count()
        return self._count

    def addressed_bodies(self):
        """The ids of the bodies the directives seen are addressed to (the body filter
        offers them), read with the count: one grouped query over the directives seen,
        which the count hashes anyway, instead of hashing them again in the filter's."""
        if self._addressed is None:
            per_body = (
                visible_directives_counted(self.user)
                .order_by()
                .values_list("addressed_body_id")
                .annotate(n=Count("pk"))
            )
            counted = dict(per_body)
            self._addressed = sorted(counted)
            self._count = sum(counted.values())
        return self._addressed

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("DirectivePages is read in slices, as Paginator does.")
        if sees_most_directives(self.user):
            directives = Directive.objects.filter(directive_visible_row_by_row(self.user))
        else:
            directives = visible_directives(self.user)
        return list(directives_with_overdue(directives, self.today)[key])


def directive_filter_first_bodies(user, *, first, addressed=None):
    """The bodies the directive list's body filter offers when nothing is typed or chosen,
    read in its order (offer_bodies) and cut at `first`: the first of the bodies of the
    programmes the user sees and those the directives they see are addressed to
    (meetings.views.access.bodies_visible(addressees=True)), the same bodies, read as
    few as shown. A body of the province, or a superuser, sees nearly every body: they
    are walked in order, each asked whether it is involved in a programme seen or
    addressed by a directive seen, row by row, to the last shown (bodies_first_where).
    A body below sees a hundred-odd: its programmes' bodies read outwards
    (bodies_involved_on_seen), with the ids `addressed` returns (the unfiltered list's
    DirectivePages.addressed_bodies, read with its count) or else those of every
    directive seen (bench/INDEXES.md)."""
    if sees_most_directives(user):
        involved = ProgrammeInvolvement.objects.filter(
            programme_visible_row_by_row(user, "programme_id")
        )
        addressed_seen = Directive.objects.filter(directive_visible_row_by_row(user))
        return bodies_first_where(
            [
                lambda body_id: involved.filter(body_id=body_id),
                lambda body_id: addressed_seen.filter(addressed_body_id=body_id),
            ],
            first,
        )
    if addressed is None:
        ids = visible_directives(user).order_by().values("addressed_body_id")
    else:
        ids = addressed()
    return Body.objects.filter(Q(pk__in=bodies_involved_on_seen(user).values("pk")) | Q(pk__in=ids))


def meetings_seen_among(*, user, ids):
    """Which of these meetings the user sees (a directive's row links its meeting only
    then): asked of these few rows, not of every meeting the user sees."""
    meetings = Meeting.objects.filter(pk__in=ids).filter(meeting_visible_to_row(user))
    return set(meetings.values_list("pk", flat=True))


def directive_on_programme(programme):
    """Directives on the programme, or given without one at a meeting on it (no DISTINCT)."""
    meeting_on_it = Meeting.programmes.through.objects.filter(
        meeting_id=OuterRef("meeting_id"), programme=programme
    )
    return Q(programme=programme) | Q(Q(programme__isnull=True) & Exists(meeting_on_it))


def directive_list_for_programme(*, programme, today=None):
    """The directives on a programme, overdue first (the programme page checks who sees it)."""
    today = today or timezone.localdate()
    directives = Directive.objects.filter(directive_on_programme(programme))
    return directives_with_overdue(directives, today)


def directive_list_for_body(*, body, today):
    """What a body still has to carry out: its directives not yet done, overdue first."""
    directives = Directive.objects.filter(addressed_body=body).exclude(status=Directive.Status.DONE)
    return directives_with_overdue(directives, today)


def directive_get_visible(*, user, pk):
    queryset = (
        visible_directives(user)
        .select_related("meeting__organiser", "addressed_body", "given_by", "programme__issuer")
        .prefetch_related(
            Prefetch("updates", queryset=DirectiveUpdate.objects.select_related("created_by"))
        )
    )
    return get_object_or_404(queryset, pk=pk)


def directive_addressable_bodies(*, meeting):
    """Bodies a directive may go to: the parties, the bodies supporting a clause of the
    programmes (parties or not), and any body of the parties' localities or below."""
    units = ProgrammeParty.objects.filter(programme__meetings=meeting).values("body__unit_id")
    supporters = Clause.supporting_bodies.through.objects.filter(
        clause__programme__meetings=meeting
    ).values("body_id")
    return Body.objects.filter(
        unit_subtree("unit", units, lookup="in") | Q(pk__in=supporters)
    ).select_related("unit")


def officials_of_parties(*, programmes):
    """Officials who may chair or attend a meeting on these programmes: of their parties,
    and of the successors a reorganisation handed them over to."""
    parties = ProgrammeParty.objects.filter(programme__in=programmes).values("body_id")
    successors = Handover.objects.filter(programme__in=programmes).values("to_body_id")
    return Official.objects.filter(
        Q(body_id__in=parties) | Q(body_id__in=successors)
    ).select_related("body")


def briefings_planned(*, programmes):
    """{(programme id, first day of quarter): PlannedBriefing} for these programmes."""
    rows = PlannedBriefing.objects.filter(programme__in=programmes).select_related(
        "meeting", "programme__issuer"
    )
    return {(row.programme_id, row.quarter): row for row in rows}


def programme_meetings_context(*, programme, user, limit=10):
    """Everything templates/meetings/includes/_programme_meetings.html needs."""
    return {
        "programme": programme,
        "programme_meetings": list(
            meeting_list_for_programme(programme=programme, user=user)[:limit]
        ),
        "programme_directives": list(directive_list_for_programme(programme=programme)[:limit]),
        "can_schedule": can_schedule_meeting(user, [programme]),
        "today": timezone.localdate(),
    }


def body_directives_context(*, body, user, limit=10):
    """Everything templates/meetings/includes/_body_directives.html needs."""
    today = timezone.localdate()
    directives = directive_list_for_body(body=body, today=today)
    shown = list(directives[:limit])
    # Both counts in one aggregate over the body's directives (an index on
    # addressed_body); the meetings asked of the shown rows only, row by row, not the
    # set of every meeting the user sees hashed (bench/INDEXES.md).
    counts = directives.order_by().aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Directive.overdue_on_q(today))
    )
    return {
        "body": body,
        "body_directives": shown,
        "body_directives_count": counts["total"],
        "body_directives_overdue": counts["overdue"],
        "visible_meeting_ids": meetings_seen_among(user=user, ids={d.meeting_id for d in shown}),
    }
