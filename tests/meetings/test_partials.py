"""The pieces other pages include: a programme's meetings and directives, a body's work."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from meetings.directives import directive_create, directive_follow_up
from meetings.selectors import (
    body_directives_context,
    meeting_list_for_programme,
    programme_meetings_context,
)
from parties.models import Membership
from tests.factories import BodyFactory, OfficialFactory, UserFactory, user_in
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )


def parties(programme):
    return (
        programme.memberships.get(is_lead=True).body,
        programme.memberships.get(is_lead=False).body,
    )


def test_the_programme_partial_lists_meetings_and_directives_with_links(rf, programme):
    lead, partner = parties(programme)
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)), title="Giao ban quý I/2024")
    directive = directive_create(
        meeting=meeting, text="Rà soát đơn thư.", addressed_body=partner, deadline=date(2024, 5, 1)
    )
    user = secretariat_of(lead)
    html = render_to_string(
        "meetings/includes/_programme_meetings.html",
        programme_meetings_context(programme=programme, user=user),
    )
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in html
    assert reverse("meetings:directive_detail", args=[directive.pk]) in html
    assert "Giao ban quý I/2024" in html and "Rà soát đơn thư." in html
    assert "Quá hạn" in html
    assert reverse("meetings:plan_briefings") + f"?programme={programme.pk}" in html
    official = user_in(lead, Membership.Role.OFFICIAL)
    html = render_to_string(
        "meetings/includes/_programme_meetings.html",
        programme_meetings_context(programme=programme, user=official),
    )
    assert reverse("meetings:plan_briefings") not in html


def test_the_body_partial_shows_what_is_left_to_do_overdue_first(programme):
    lead, partner = parties(programme)
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    late = directive_create(
        meeting=meeting, text="Việc trễ hạn.", addressed_body=partner, deadline=date(2024, 5, 1)
    )
    later = directive_create(meeting=meeting, text="Việc còn hạn.", addressed_body=partner)
    done = directive_create(meeting=meeting, text="Việc đã xong.", addressed_body=partner)
    directive_follow_up(directive=done, status="done", note="Xong.", on=date(2024, 5, 2))
    user = user_in(partner, Membership.Role.OFFICIAL)
    context = body_directives_context(body=partner, user=user)
    assert context["body_directives"] == [late, later]
    assert context["body_directives_count"] == 2 and context["body_directives_overdue"] == 1
    html = render_to_string("meetings/includes/_body_directives.html", context)
    assert html.index("Việc trễ hạn.") < html.index("Việc còn hạn.")
    assert "Việc đã xong." not in html
    assert "1 quá hạn" in html
    assert reverse("meetings:directive_list") + f"?body={partner.pk}" in html
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in html


def test_a_body_that_is_not_a_party_sees_its_directive_but_no_meeting_link(programme):
    lead, _ = parties(programme)
    front = BodyFactory(unit=lead.unit, name="Ủy ban MTTQ")
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    directive_create(meeting=meeting, text="Làm tốt vai trò đầu mối.", addressed_body=front)
    context = body_directives_context(body=front, user=user_in(front))
    html = render_to_string("meetings/includes/_body_directives.html", context)
    assert "Làm tốt vai trò đầu mối." in html
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) not in html


def test_the_partials_take_constant_queries(programme, django_assert_max_num_queries):
    lead, partner = parties(programme)
    official = OfficialFactory(body=lead)
    user = secretariat_of(lead)

    def add(count):
        for n in range(count):
            meeting = schedule(
                programme, starts_at=at(date(2024, 4, 1 + n)), chair=official, invitees=[official]
            )
            directive_create(
                meeting=meeting, text=f"{n}", addressed_body=partner, given_by=official
            )

    def render_both():
        render_to_string(
            "meetings/includes/_programme_meetings.html",
            programme_meetings_context(programme=programme, user=user),
        )
        render_to_string(
            "meetings/includes/_body_directives.html",
            body_directives_context(body=partner, user=user),
        )

    add(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        render_both()
    add(15)
    with django_assert_max_num_queries(len(one.captured_queries)):
        render_both()


def test_a_user_who_does_not_see_the_programme_gets_no_meetings(programme):
    schedule(programme, starts_at=at(date(2024, 4, 9)))
    assert list(meeting_list_for_programme(programme=programme, user=UserFactory())) == []
