"""Scheduling, moving, cancelling and recording meetings, and every bad input the issue names."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings import services
from meetings.models import Attendance, Meeting
from meetings.quarters import Quarter
from tests.factories import BodyFactory, OfficialFactory
from tests.meetings.factories import at, schedule, signed_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )


@pytest.fixture
def future_programme():
    year = timezone.localdate().year
    return signed_programme(
        period=(date(year, 1, 1), date(year + 2, 12, 31)), signed_on=date(year - 1, 12, 20)
    )


def party(programme, lead=True):
    return programme.memberships.get(is_lead=lead).body


def in_days(days, hour=8):
    return at(timezone.localdate() + timedelta(days=days), hour)


def test_it_schedules_a_meeting_and_invites_officials_of_the_parties(programme):
    chair = OfficialFactory(body=party(programme), position="Trưởng ban")
    guest = OfficialFactory(body=party(programme, lead=False))
    meeting = schedule(programme, chair=chair, invitees=[chair, guest, guest])
    assert meeting.status == Meeting.Status.SCHEDULED and meeting.sequence == 0
    assert meeting.chair_position == "Trưởng ban"
    assert set(meeting.attendances.values_list("official_id", flat=True)) == {chair.pk, guest.pk}
    assert meeting.attendances.get(official=guest).position == guest.position


def test_a_meeting_outside_every_programmes_period_is_refused(programme):
    with pytest.raises(ValidationError) as error:
        schedule(programme, starts_at=at(date(2023, 6, 1)))
    assert "starts_at" in error.value.message_dict
    assert Meeting.objects.count() == 0


def test_a_briefing_or_review_may_look_back_a_quarter_after_the_period(programme):
    schedule(programme, starts_at=at(date(2025, 1, 14)))  # reviews Q4/2024
    schedule(programme, kind="final_review", starts_at=at(date(2025, 3, 20)))
    with pytest.raises(ValidationError):
        schedule(programme, kind="other", starts_at=at(date(2025, 1, 14)))
    with pytest.raises(ValidationError):
        schedule(programme, kind="final_review", starts_at=at(date(2025, 6, 1)))


def test_a_meeting_inside_one_of_several_periods_is_accepted(programme):
    other = signed_programme(
        parties=[party(programme), party(programme, lead=False)],
        period=(date(2023, 1, 1), date(2023, 12, 31)),
        signed_on=date(2022, 12, 1),
    )
    meeting = schedule(programme, programmes=[programme, other], starts_at=at(date(2023, 6, 1)))
    assert meeting.programmes.count() == 2


def test_a_meeting_cannot_end_before_it_starts(programme):
    starts = at(date(2024, 4, 9), 14)
    with pytest.raises(ValidationError) as error:
        schedule(programme, starts_at=starts, ends_at=starts - timedelta(hours=1))
    assert "ends_at" in error.value.message_dict


def test_a_chair_whose_body_is_not_a_party_is_refused(programme):
    outsider = OfficialFactory(body=BodyFactory(unit=party(programme).unit))
    with pytest.raises(ValidationError) as error:
        schedule(programme, chair=outsider)
    assert "chair" in error.value.message_dict
    assert outsider.full_name in error.value.message_dict["chair"][0]


def test_an_invitee_whose_body_is_not_a_party_is_refused(programme):
    insider, outsider = OfficialFactory(body=party(programme)), OfficialFactory()
    with pytest.raises(ValidationError) as error:
        schedule(programme, invitees=[insider, outsider])
    assert outsider.full_name in error.value.message_dict["invitees"][0]
    assert Meeting.objects.count() == 0 and Attendance.objects.count() == 0


def test_the_organiser_must_be_a_party(programme):
    with pytest.raises(ValidationError) as error:
        schedule(programme, organiser=BodyFactory())
    assert "organiser" in error.value.message_dict


def test_a_briefing_scheduled_by_hand_can_claim_its_quarter_once(programme):
    schedule(programme, quarter=Quarter(2024, 1))
    with pytest.raises(ValidationError) as error:
        schedule(programme, quarter=Quarter(2024, 1))
    assert "quarter" in error.value.message_dict
    assert Meeting.objects.count() == 1


def test_moving_raises_the_sequence_and_keeps_the_reason(future_programme):
    invitee = OfficialFactory(body=party(future_programme))
    meeting = schedule(future_programme, starts_at=in_days(1), invitees=[invitee])
    meeting.attendances.update(reminder_sent_at=timezone.now())
    services.meeting_move(
        meeting=meeting,
        starts_at=in_days(8, 14),
        ends_at=in_days(8, 16),
        reason="Trùng lịch kỳ họp HĐND.",
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.is_moved
    assert meeting.status_reason == "Trùng lịch kỳ họp HĐND."
    assert meeting.starts_at == in_days(8, 14)
    # The reminder announced the old date: invitees will be reminded of the new one.
    assert meeting.attendances.get().reminder_sent_at is None


def test_a_move_needs_a_reason_and_a_new_time(future_programme):
    meeting = schedule(future_programme, starts_at=in_days(3))
    with pytest.raises(ValidationError) as error:
        services.meeting_move(
            meeting=meeting, starts_at=in_days(4), ends_at=in_days(4, 10), reason=" "
        )
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.meeting_move(
            meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at, reason="x"
        )
    assert "starts_at" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_cancelling_keeps_the_meeting_with_its_reason(future_programme):
    meeting = schedule(future_programme, starts_at=in_days(3))
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, reason="")
    services.meeting_cancel(meeting=meeting, reason="Lãnh đạo đi công tác.")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.sequence == 1
    with pytest.raises(ValidationError):
        services.meeting_move(meeting=meeting, starts_at=in_days(5), ends_at=None, reason="x")


def test_editing_what_is_announced_raises_the_sequence(future_programme):
    meeting = schedule(future_programme, starts_at=in_days(3))
    services.meeting_update(
        meeting=meeting, title=meeting.title, place=meeting.place, agenda=meeting.agenda
    )
    assert meeting.sequence == 0
    services.meeting_update(
        meeting=meeting, title=meeting.title, place="Hội trường UBND", agenda=meeting.agenda
    )
    assert meeting.sequence == 1


def test_editing_invitees_keeps_those_already_recorded(future_programme):
    first, second = (OfficialFactory(body=party(future_programme)) for _ in range(2))
    meeting = schedule(future_programme, starts_at=in_days(3), invitees=[first])
    services.meeting_update(meeting=meeting, title="t", place="p", agenda="", invitees=[second])
    assert list(meeting.attendances.values_list("official_id", flat=True)) == [second.pk]
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=meeting, title="t", place="p", agenda="", invitees=[OfficialFactory()]
        )


def test_attendance_is_not_recorded_for_a_meeting_that_has_not_happened(future_programme):
    invitee = OfficialFactory(body=party(future_programme))
    meeting = schedule(future_programme, starts_at=in_days(2), invitees=[invitee])
    row = meeting.attendances.get()
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=meeting, entries={row: {"state": "present"}})
    assert "not taken place" in str(error.value) or "chưa diễn ra" in str(error.value)
    row.refresh_from_db()
    assert row.present is None


def test_attendance_records_present_absent_and_deputies(programme):
    officials = [OfficialFactory(body=party(programme)) for _ in range(3)]
    meeting = schedule(programme, invitees=officials)
    rows = {a.official_id: a for a in meeting.attendances.all()}
    came, missed, deputised = (rows[o.pk] for o in officials)
    walk_in = OfficialFactory(body=party(programme, lead=False))
    services.attendance_record(
        meeting=meeting,
        entries={
            came: {"state": "present"},
            missed: {"state": "absent"},
            deputised: {"state": "deputy", "deputy": "Trần Văn B", "deputy_position": "Phó ban"},
        },
        also_present=[walk_in],
    )
    assert [Attendance.objects.get(pk=r.pk).state for r in (came, missed, deputised)] == [
        "present",
        "absent",
        "deputy",
    ]
    deputised.refresh_from_db()
    assert (deputised.deputy, deputised.deputy_position) == ("Trần Văn B", "Phó ban")
    extra = meeting.attendances.get(official=walk_in)
    assert extra.present and not extra.invited
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_a_deputy_needs_a_name_and_nothing_is_half_saved(programme):
    officials = [OfficialFactory(body=party(programme)) for _ in range(2)]
    meeting = schedule(programme, invitees=officials)
    first, second = meeting.attendances.order_by("official__full_name")
    with pytest.raises(ValidationError):
        services.attendance_record(
            meeting=meeting,
            entries={first: {"state": "present"}, second: {"state": "deputy", "deputy": ""}},
        )
    assert not Attendance.objects.filter(present__isnull=False).exists()


def test_people_who_came_uninvited_must_still_be_from_a_party(programme):
    meeting = schedule(programme)
    with pytest.raises(ValidationError) as error:
        services.attendance_record(meeting=meeting, entries={}, also_present=[OfficialFactory()])
    assert "also_present" in error.value.message_dict


def test_minutes_wait_for_the_meeting_and_assessment_is_for_reviews(programme, future_programme):
    later = schedule(future_programme, starts_at=in_days(5))
    with pytest.raises(ValidationError):
        services.meeting_record(meeting=later, minutes="…", conclusions="…")
    briefing = schedule(programme)
    with pytest.raises(ValidationError):
        services.meeting_record(
            meeting=briefing, minutes="", conclusions="", limitations="Còn chậm."
        )
    review = schedule(programme, kind="interim_review", starts_at=at(date(2024, 7, 2)))
    services.meeting_record(
        meeting=review,
        minutes="Biên bản.",
        conclusions="Kết luận.",
        results="Hoàn thành 5/6 nội dung.",
        limitations="Nội dung, thời gian phối hợp cần cụ thể chi tiết đầu việc.",
        next_tasks="Xây dựng lại kế hoạch.",
    )
    review.refresh_from_db()
    assert review.status == Meeting.Status.HELD
    assert "cụ thể chi tiết đầu việc" in review.limitations


def test_nothing_is_recorded_for_a_cancelled_meeting(future_programme):
    meeting = schedule(future_programme, starts_at=in_days(1))
    services.meeting_cancel(meeting=meeting, reason="Hoãn.")
    with pytest.raises(ValidationError):
        services.meeting_record(
            meeting=meeting,
            minutes="x",
            conclusions="",
            now=meeting.starts_at + timedelta(days=1),
        )


def test_a_meeting_has_started_from_its_start_time(programme):
    meeting = schedule(programme)
    assert meeting.has_started(meeting.starts_at)
    assert not meeting.has_started(meeting.starts_at - timedelta(seconds=1))
    assert isinstance(meeting.starts_at, datetime)
