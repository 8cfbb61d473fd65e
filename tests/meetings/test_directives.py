"""Directives: given at a meeting, followed up with a history, overdue when late."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.directives import directive_create, directive_follow_up
from meetings.models import Directive
from meetings.selectors import (
    directive_list_for_body,
    directive_list_for_programme,
    directive_list_visible,
)
from tests.factories import BodyFactory, CommuneFactory, OfficialFactory, UserFactory
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )


@pytest.fixture
def meeting(programme):
    return schedule(programme, starts_at=at(date(2024, 4, 9)))


def partner(programme):
    return programme.memberships.get(is_lead=False).body


def give(meeting, **kwargs):
    arguments = {
        "meeting": meeting,
        "text": "Xây dựng lại kế hoạch, nội dung, công việc phối hợp.",
        "addressed_body": meeting.programmes.get().memberships.get(is_lead=False).body,
        "deadline": date(2024, 5, 31),
    }
    arguments.update(kwargs)
    return directive_create(**arguments)


def test_a_directive_is_given_to_a_body_with_a_deadline(meeting, programme):
    directive = give(meeting)
    assert directive.status == Directive.Status.OPEN
    assert directive.programme == programme


def test_a_deadline_before_the_meeting_is_refused(meeting):
    with pytest.raises(ValidationError) as error:
        give(meeting, deadline=date(2024, 4, 8))
    assert "deadline" in error.value.message_dict
    assert Directive.objects.count() == 0


def test_no_directive_for_a_meeting_that_has_not_happened(programme):
    year = timezone.localdate().year
    later = signed_programme(
        period=(date(year, 1, 1), date(year + 1, 12, 31)), signed_on=date(year - 1, 12, 1)
    )
    meeting = schedule(later, starts_at=at(timezone.localdate() + timedelta(days=3)))
    with pytest.raises(ValidationError):
        give(meeting, addressed_body=partner(later), deadline=None)


def test_a_directive_may_go_to_a_body_of_the_parties_locality_but_not_further(meeting, programme):
    front = BodyFactory(unit=partner(programme).unit, name="Ủy ban MTTQ", code="MTTQ")
    assert give(meeting, addressed_body=front).addressed_body == front
    ward = BodyFactory(unit=CommuneFactory(parent=partner(programme).unit))
    assert give(meeting, addressed_body=ward).addressed_body == ward
    with pytest.raises(ValidationError) as error:
        give(meeting, addressed_body=BodyFactory())
    assert "addressed_body" in error.value.message_dict


def test_the_giver_is_the_chair_or_someone_at_the_meeting(meeting, programme):
    with pytest.raises(ValidationError) as error:
        give(meeting, given_by=OfficialFactory(body=partner(programme)))
    assert "given_by" in error.value.message_dict


def test_follow_up_keeps_a_history_and_dates_completion(meeting):
    directive = give(meeting)
    user = secretariat_of(directive.addressed_body)
    directive_follow_up(
        directive=directive,
        status="in_progress",
        note="Đã làm việc với 3 xã.",
        on=date(2024, 5, 2),
        by=user,
    )
    directive_follow_up(
        directive=directive, status="done", note="Đã ban hành phụ lục.", on=date(2024, 5, 20)
    )
    directive.refresh_from_db()
    assert directive.status == "done" and directive.completed_on == date(2024, 5, 20)
    assert directive.follow_up_note == "Đã ban hành phụ lục."
    history = [(u.status, u.note) for u in directive.updates.all()]
    assert history == [("done", "Đã ban hành phụ lục."), ("in_progress", "Đã làm việc với 3 xã.")]
    # Reopened: it is no longer complete.
    directive_follow_up(directive=directive, status="in_progress", note="Phát sinh thêm.")
    directive.refresh_from_db()
    assert directive.completed_on is None


def test_a_follow_up_must_say_something(meeting):
    directive = give(meeting)
    with pytest.raises(ValidationError) as error:
        directive_follow_up(directive=directive, status="open", note="  ")
    assert "note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        directive_follow_up(directive=directive, status="done", on=date(2024, 4, 1))
    assert "on" in error.value.message_dict
    with pytest.raises(ValidationError):
        directive_follow_up(
            directive=directive, status="done", on=timezone.localdate() + timedelta(days=1)
        )
    assert directive.updates.count() == 0


def test_overdue_directives_come_first_and_are_marked(meeting, programme):
    late = give(meeting, text="Trễ hạn", deadline=date(2024, 5, 1))
    on_time = give(meeting, text="Còn hạn", deadline=date(2024, 12, 1))
    no_deadline = give(meeting, text="Không hạn", deadline=None)
    done_late = give(meeting, text="Đã xong", deadline=date(2024, 4, 30))
    directive_follow_up(directive=done_late, status="done", note="Xong.", on=date(2024, 6, 1))
    today = date(2024, 6, 15)
    rows = list(directive_list_for_body(body=partner(programme), today=today))
    assert [(d.text, d.overdue) for d in rows] == [
        ("Trễ hạn", True),
        ("Còn hạn", False),
        ("Không hạn", False),
    ]
    user = secretariat_of(partner(programme))
    overdue = directive_list_visible(user=user, today=today, status="overdue")
    assert list(overdue) == [late]
    everything = list(directive_list_visible(user=user, today=today))
    assert everything[0] == late and everything[-1] == done_late
    assert set(everything) == {late, on_time, no_deadline, done_late}
    assert late.is_overdue_on(today) and not done_late.is_overdue_on(today)
    assert late.follow_up_state_on(today) == "overdue"


def test_the_programme_lists_directives_of_meetings_on_several_programmes(programme):
    other = signed_programme(
        parties=list(programme.parties.all()),
        period=(date(2024, 1, 1), date(2024, 12, 31)),
        signed_on=date(2024, 1, 5),
    )
    joint = schedule(programme, programmes=[programme, other], starts_at=at(date(2024, 4, 9)))
    directive = directive_create(
        meeting=joint, text="Chung.", addressed_body=partner(programme), deadline=None
    )
    assert directive.programme is None
    assert list(directive_list_for_programme(programme=programme)) == [directive]
    assert list(directive_list_for_programme(programme=other)) == [directive]


def test_the_addressed_body_sees_its_directive_even_when_it_is_not_a_party(meeting, programme):
    front = BodyFactory(unit=partner(programme).unit)
    directive = give(meeting, addressed_body=front)
    official = secretariat_of(front)
    assert list(directive_list_visible(user=official, today=date(2024, 6, 1))) == [directive]
    assert list(directive_list_visible(user=UserFactory(), today=date(2024, 6, 1))) == []
