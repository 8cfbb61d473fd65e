from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Meeting
from tests.factories import VN, AttendanceFactory, DirectiveFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_meeting_cannot_end_before_it_starts():
    meeting = MeetingFactory()
    meeting.ends_at = meeting.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        meeting.clean()
    assert "ends_at" in error.value.message_dict
    with pytest.raises(IntegrityError):
        meeting.save()


def test_a_cancelled_meeting_needs_a_reason():
    meeting = MeetingFactory()
    meeting.status = Meeting.Status.CANCELLED
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.save()
    meeting.status_reason = "Trùng lịch kỳ họp HĐND."
    meeting.save()


def test_an_official_is_invited_once():
    attendance = AttendanceFactory()
    with pytest.raises(IntegrityError):
        AttendanceFactory(meeting=attendance.meeting, official=attendance.official)


def test_a_directive_deadline_cannot_precede_the_meeting():
    meeting = MeetingFactory(starts_at=datetime(2024, 4, 9, 8, tzinfo=VN))
    directive = DirectiveFactory.build(meeting=meeting, deadline=date(2024, 4, 8))
    with pytest.raises(ValidationError) as error:
        directive.clean()
    assert "deadline" in error.value.message_dict


def test_a_done_directive_needs_its_completion_date():
    directive = DirectiveFactory()
    directive.status = "done"
    with pytest.raises(IntegrityError):
        directive.save()


def test_a_directive_is_overdue_past_its_deadline_until_done():
    directive = DirectiveFactory(deadline=date(2024, 5, 31))
    assert not directive.is_overdue_on(date(2024, 5, 31))
    assert directive.is_overdue_on(date(2024, 6, 1))
    directive.status, directive.completed_on = "done", date(2024, 6, 2)
    assert not directive.is_overdue_on(date(2024, 6, 3))


def test_a_deputy_is_recorded_only_for_someone_absent():
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(present=True, deputy="Trần Văn C")
    assert AttendanceFactory(present=False, deputy="Trần Văn D").state == "deputy"
    assert AttendanceFactory(present=False).state == "absent"
    assert AttendanceFactory(present=None).state == ""


def test_a_planned_briefing_names_a_quarter_by_its_first_day():
    from meetings.models import PlannedBriefing

    briefing = PlannedBriefing(quarter=date(2024, 5, 1))
    with pytest.raises(ValidationError) as error:
        briefing.clean()
    assert "quarter" in error.value.message_dict
    assert PlannedBriefing(quarter=date(2024, 4, 1)).period.label == "II/2024"


def test_quarters_parse_and_count():
    from meetings.quarters import Quarter, quarters_between

    assert Quarter.parse("2024-2") == Quarter.parse("2024-Q2") == Quarter.parse("2024q2")
    assert Quarter(2024, 4).next() == Quarter(2025, 1)
    assert Quarter(2025, 1).previous() == Quarter(2024, 4)
    assert Quarter(2024, 1).last_day == date(2024, 3, 31)
    assert Quarter(2024, 4).label == "IV/2024"
    assert len(quarters_between(date(2021, 1, 1), date(2025, 12, 31))) == 20
    for bad in ("2024-5", "2024", "x-1", "2024-0"):
        with pytest.raises(ValueError):
            Quarter.parse(bad)
