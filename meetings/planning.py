"""Plan a programme's quarterly briefings in one action.

One briefing reviews each quarter of the programme's period, on a day given
by a rule the secretariat picks, moved off weekends and fixed public
holidays. `briefing_plan` computes the dates for review; `briefings_create`
creates them. Running it again creates nothing new: each programme's quarter
holds at most one briefing (a unique constraint on PlannedBriefing), so the
database refuses a duplicate even when two people plan at the same moment.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Programme
from agreements.rules import acting_party_ids
from meetings.models import Meeting
from meetings.quarters import (
    Quarter,
    next_working_day,
    nth_weekday,
    previous_working_day,
    quarters_between,
)
from meetings.selectors import briefings_planned
from meetings.services import BriefingAlreadyPlanned, meeting_check_people, meeting_schedule

NTH_WEEKDAY = "nth_weekday"
DAY_OF_MONTH = "day_of_month"
LAST_WORKING_DAY = "last_working_day"
RULE_CHOICES = [
    (NTH_WEEKDAY, gettext_lazy("The n-th weekday of the first month after the quarter")),
    (DAY_OF_MONTH, gettext_lazy("A given day of the first month after the quarter")),
    (LAST_WORKING_DAY, gettext_lazy("The last working day of the quarter")),
]


@dataclass(frozen=True)
class BriefingRule:
    kind: str
    n: int = 2
    weekday: int = 1  # Tuesday
    day: int = 10

    def __post_init__(self):
        if self.kind not in dict(RULE_CHOICES):
            raise ValueError(self.kind)
        if not (1 <= self.n <= 4 and 0 <= self.weekday <= 4 and 1 <= self.day <= 28):
            raise ValueError(self)

    def nominal_day(self, quarter):
        """The day the rule names, before it is moved off a weekend or holiday."""
        if self.kind == LAST_WORKING_DAY:
            return quarter.last_day
        following = quarter.next().first_day
        if self.kind == NTH_WEEKDAY:
            return nth_weekday(following.year, following.month, self.weekday, self.n)
        return following.replace(day=self.day)

    def day_for(self, quarter):
        nominal = self.nominal_day(quarter)
        if self.kind == LAST_WORKING_DAY:
            return previous_working_day(nominal)
        return next_working_day(nominal)


@dataclass
class PlanRow:
    quarter: Quarter
    day: date
    moved_from: date | None = None
    programmes: list = field(default_factory=list)  # to plan now
    existing: list = field(default_factory=list)  # PlannedBriefing rows already there
    skipped: str = ""
    in_past: bool = False

    @property
    def is_new(self):
        return bool(self.programmes) and not self.skipped


def briefing_check_programmes(*, programme, together_with=()):
    errors = {}
    if programme.status != Programme.Status.SIGNED:
        errors["programme"] = _(
            "Briefings are planned only for a programme signed and in force; "
            "the status of %(reference)s is: %(status)s."
        ) % {"reference": programme.citation, "status": programme.get_status_display()}
    not_signed = [p for p in together_with if p.status != Programme.Status.SIGNED]
    if not_signed:
        errors["together_with"] = _(
            "Briefings are planned only for signed programmes in force; %(references)s is not."
        ) % {"references": ", ".join(p.citation for p in not_signed)}
    if errors:
        raise ValidationError(errors)


def programme_quarters(programme):
    """The quarters of a programme's period that end after it was signed."""
    signed_on = programme.in_force_from
    return [
        q
        for q in quarters_between(programme.period_start, programme.period_end)
        if q.last_day > signed_on
    ]


def briefing_plan(*, programme, rule, together_with=(), today=None):
    """The briefings the rule gives, quarter by quarter, for review before creating them.

    `together_with` are other signed programmes whose quarters the same
    briefings also review (the Ngã Bảy Ban Tuyên giáo signed four at once).
    A quarter the programme already has a briefing for is left as it is.
    """
    today = today or timezone.localdate()
    together_with = [p for p in together_with if p.pk != programme.pk]
    briefing_check_programmes(programme=programme, together_with=together_with)
    programmes = [programme, *together_with]
    planned = briefings_planned(programmes=programmes)
    covered = {p.pk: set(programme_quarters(p)) for p in programmes}
    rows = []
    for quarter in quarters_between(programme.period_start, programme.period_end):
        day, nominal = rule.day_for(quarter), rule.nominal_day(quarter)
        row = PlanRow(quarter=quarter, day=day, moved_from=nominal if day != nominal else None)
        row.in_past = day < today
        rows.append(row)
        if quarter not in covered[programme.pk] or day < programme.in_force_from:
            row.skipped = _("before the programme was signed")
            continue
        own = planned.get((programme.pk, quarter.first_day))
        if own is not None:
            row.existing.append(own)
            continue
        for p in programmes:
            if quarter in covered[p.pk]:
                existing = planned.get((p.pk, quarter.first_day))
                if existing is None:
                    row.programmes.append(p)
                else:
                    row.existing.append(existing)
    return rows


def briefing_title(quarter):
    return _("Quarterly briefing for quarter %(quarter)s") % {"quarter": quarter.label}


def at(day, clock):
    return timezone.make_aware(datetime.combine(day, clock))


@transaction.atomic
def briefings_create(
    *,
    programme,
    rule,
    organiser,
    place,
    starts,
    ends,
    together_with=(),
    chair=None,
    invitees=(),
    agenda="",
    by=None,
    today=None,
):
    """Create the briefings `briefing_plan` shows as new; returns (created, already there).

    A quarter someone else planned in the meantime is left to them: the
    database refuses the second briefing and that quarter counts as already there.
    """
    together_with = [p for p in together_with if p.pk != programme.pk]
    rows = briefing_plan(programme=programme, rule=rule, together_with=together_with, today=today)
    if ends <= starts:
        raise ValidationError({"ends": _("A meeting cannot end before it starts.")})
    everyone = [programme, *together_with]
    # The parties, and the successors a reorganisation handed the programme over to.
    bodies = {p.pk: acting_party_ids([p]) for p in everyone}
    if any(organiser.pk not in bodies[p.pk] for p in everyone):
        raise ValidationError(
            {"organiser": _("The organising body must be a party to every programme planned.")}
        )
    invitees = list(invitees)
    meeting_check_people(programmes=[programme], chair=chair)
    meeting_check_people(programmes=everyone, officials=invitees)
    created, already = [], sum(1 for row in rows if row.existing and not row.programmes)
    for row in rows:
        if not row.is_new:
            continue
        row_bodies = set().union(*(bodies[p.pk] for p in row.programmes))
        try:
            meeting = meeting_schedule(
                kind=Meeting.Kind.QUARTERLY_BRIEFING,
                title=briefing_title(row.quarter),
                programmes=row.programmes,
                organiser=organiser,
                starts_at=at(row.day, starts),
                ends_at=at(row.day, ends),
                place=place,
                chair=chair,
                agenda=agenda,
                invitees=[o for o in invitees if o.body_id in row_bodies],
                quarter=row.quarter,
                by=by,
            )
        except BriefingAlreadyPlanned:
            already += 1
            continue
        created.append(meeting)
    return created, already


def describe_rule(rule):
    """The rule in words, for the page and the agenda."""
    if rule.kind == LAST_WORKING_DAY:
        return _("the last working day of each quarter")
    if rule.kind == DAY_OF_MONTH:
        return _("day %(day)s of the first month after each quarter") % {"day": rule.day}
    weekday = date_format(date(2024, 1, 1 + rule.weekday), "l")
    return _("the %(n)s %(weekday)s of the first month after each quarter") % {
        "n": ORDINALS[rule.n],
        "weekday": weekday,
    }


ORDINALS = {
    1: gettext_lazy("first"),
    2: gettext_lazy("second"),
    3: gettext_lazy("third"),
    4: gettext_lazy("fourth"),
}
