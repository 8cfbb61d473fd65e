"""Quarterly planning: one briefing per quarter on the rule chosen, never on a weekend,
never twice."""

import threading
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.utils import timezone

from agreements.models import Programme
from meetings import planning
from meetings.models import Meeting, PlannedBriefing
from meetings.planning import (
    DAY_OF_MONTH,
    LAST_WORKING_DAY,
    NTH_WEEKDAY,
    BriefingRule,
    briefing_plan,
    briefings_create,
)
from meetings.quarters import Quarter, is_working_day, quarters_between
from tests.factories import BodyFactory, OfficialFactory
from tests.meetings.factories import signed_programme

pytestmark = pytest.mark.django_db

RULES = [
    BriefingRule(NTH_WEEKDAY, n=2, weekday=1),  # the second Tuesday
    BriefingRule(NTH_WEEKDAY, n=1, weekday=0),  # the first Monday
    BriefingRule(DAY_OF_MONTH, day=1),  # lands on 1 January and on weekends
    BriefingRule(DAY_OF_MONTH, day=10),
    BriefingRule(LAST_WORKING_DAY),
]


def create(programme, rule, **kwargs):
    organiser = programme.memberships.get(is_lead=True).body
    arguments = {
        "programme": programme,
        "rule": rule,
        "organiser": organiser,
        "place": "Phòng họp Ban Tuyên giáo",
        "starts": time(8),
        "ends": time(10),
    }
    arguments.update(kwargs)
    return briefings_create(**arguments)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.kind}-{r.n}-{r.weekday}-{r.day}")
def test_a_2021_2025_term_gets_20_briefings_none_on_a_weekend(rule):
    programme = signed_programme()
    created, already = create(programme, rule)
    assert len(created) == 20 and already == 0
    quarters = sorted(row.quarter for row in programme.planned_briefings.all())
    assert [Quarter.of(q) for q in quarters] == quarters_between(
        date(2021, 1, 1), date(2025, 12, 31)
    )
    days = [timezone.localtime(m.starts_at).date() for m in created]
    assert [d.weekday() for d in days if d.weekday() >= 5] == []
    assert all(is_working_day(d) for d in days)
    assert len(set(days)) == 20
    for meeting in created:
        assert meeting.kind == Meeting.Kind.QUARTERLY_BRIEFING
        assert timezone.localtime(meeting.starts_at).time() == time(8)
        assert timezone.localtime(meeting.ends_at).time() == time(10)
        assert list(meeting.programmes.all()) == [programme]


def test_the_second_tuesday_rule_gives_the_dates_of_the_calendar():
    rows = briefing_plan(programme=signed_programme(), rule=RULES[0], today=date(2020, 12, 31))
    days = [row.day for row in rows]
    assert days[:4] == [date(2021, 4, 13), date(2021, 7, 13), date(2021, 10, 12), date(2022, 1, 11)]
    assert days[-1] == date(2026, 1, 13)  # the last quarter is reviewed after the period ends
    assert all(d.weekday() == 1 for d in days)


def test_weekends_and_new_year_move_to_the_next_working_day():
    rule = BriefingRule(DAY_OF_MONTH, day=1)
    rows = {
        row.quarter.label: row for row in briefing_plan(programme=signed_programme(), rule=rule)
    }
    # 1/1/2022 is a Saturday and a holiday: Monday 3/1.
    assert rows["IV/2021"].day == date(2022, 1, 3)
    assert rows["IV/2021"].moved_from == date(2022, 1, 1)
    # 1/10/2022 is a Saturday: Monday 3/10.
    assert rows["III/2022"].day == date(2022, 10, 3)
    # 1/1/2024 is a Monday, but New Year's Day: Tuesday 2/1.
    assert rows["IV/2023"].day == date(2024, 1, 2)
    assert rows["I/2021"].moved_from is None  # 1/4/2021 is a Thursday


def test_the_last_working_day_of_the_quarter_moves_back_to_friday():
    rule = BriefingRule(LAST_WORKING_DAY)
    rows = {
        row.quarter.label: row for row in briefing_plan(programme=signed_programme(), rule=rule)
    }
    assert rows["III/2023"].day == date(2023, 9, 29)  # 30/9/2023 is a Saturday
    assert rows["IV/2022"].day == date(2022, 12, 30)  # 31/12/2022 is a Saturday
    assert rows["II/2023"].day == date(2023, 6, 30)  # a Friday already


def test_running_the_plan_again_creates_nothing():
    programme = signed_programme()
    first, _ = create(programme, RULES[0])
    second, already = create(programme, RULES[0])
    assert len(first) == 20 and second == [] and already == 20
    # …whatever the rule: a quarter has its briefing.
    third, already = create(programme, RULES[4])
    assert third == [] and already == 20
    assert Meeting.objects.count() == 20
    assert PlannedBriefing.objects.count() == 20
    rows = briefing_plan(programme=programme, rule=RULES[0])
    assert not any(row.is_new for row in rows)
    assert all(len(row.existing) == 1 for row in rows)


def test_the_database_refuses_a_second_briefing_for_a_quarter():
    programme = signed_programme()
    created, _ = create(programme, RULES[0])
    with pytest.raises(IntegrityError):
        PlannedBriefing.objects.create(
            programme=programme, quarter=date(2021, 1, 1), meeting=created[1]
        )


def test_a_plan_racing_another_keeps_one_briefing_per_quarter(monkeypatch):
    """Someone planned the same quarters between our preview and our click: the unique
    constraint refuses ours, quarter by quarter, and nothing is left half-made."""
    programme = signed_programme()
    create(programme, RULES[0])
    monkeypatch.setattr(planning, "briefings_planned", lambda **kwargs: {})
    monkeypatch.setattr("meetings.services.PlannedBriefing.objects.filter", _nothing_taken)
    created, already = create(programme, RULES[3])
    assert created == [] and already == 20
    assert Meeting.objects.count() == 20
    assert PlannedBriefing.objects.count() == 20


def _nothing_taken(*args, **kwargs):
    return PlannedBriefing.objects.none()


def test_quarters_that_ended_before_the_signing_are_skipped():
    programme = signed_programme(signed_on=date(2021, 12, 31))
    rows = briefing_plan(programme=programme, rule=RULES[0])
    assert [row.quarter.label for row in rows if row.skipped] == [
        "I/2021",
        "II/2021",
        "III/2021",
        "IV/2021",
    ]
    created, _ = create(programme, RULES[0])
    assert len(created) == 16


def test_a_programme_that_is_not_signed_cannot_be_planned():
    draft = signed_programme(sign=False)
    with pytest.raises(ValidationError) as error:
        briefing_plan(programme=draft, rule=RULES[0])
    assert "programme" in error.value.message_dict
    with pytest.raises(ValidationError):
        create(draft, RULES[0])
    assert Meeting.objects.count() == 0


def test_programmes_signed_together_share_one_briefing_per_quarter():
    first = signed_programme()
    lead = first.memberships.get(is_lead=True).body
    second = signed_programme(parties=[lead, BodyFactory(unit=lead.unit)])
    created, _ = create(first, RULES[0], together_with=[second])
    assert len(created) == 20
    assert all(m.programmes.count() == 2 for m in created)
    assert PlannedBriefing.objects.filter(programme=second).count() == 20
    again, already = create(second, RULES[0])
    assert again == [] and already == 20


def test_invitees_are_asked_to_every_briefing_and_must_be_parties():
    programme = signed_programme()
    lead = programme.memberships.get(is_lead=True).body
    official = OfficialFactory(body=lead)
    created, _ = create(programme, RULES[0], invitees=[official], chair=official)
    assert all(m.attendances.get().official == official for m in created)
    stranger = OfficialFactory()
    with pytest.raises(ValidationError) as error:
        create(signed_programme(), RULES[0], invitees=[stranger])
    assert "invitees" in error.value.message_dict


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_planning_at_the_same_moment_get_one_briefing_per_quarter(monkeypatch):
    """Two real transactions on PostgreSQL: both read "nothing planned", both insert; the
    second waits on the unique index, then is refused, quarter by quarter."""
    programme = signed_programme()
    both_have_read = threading.Barrier(2, timeout=30)
    read = planning.briefings_planned

    def read_then_wait(**kwargs):
        rows = read(**kwargs)
        both_have_read.wait()
        return rows

    monkeypatch.setattr(planning, "briefings_planned", read_then_wait)
    results, errors = [], []

    def plan():
        try:
            results.append(create(Programme.objects.get(pk=programme.pk), RULES[0]))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(len(created) for created, _ in results) == [0, 20]
    assert sum(already for _, already in results) == 20
    assert Meeting.objects.count() == 20
    assert PlannedBriefing.objects.count() == 20
