"""Meetings after a reorganisation: the secretariat of a successor body schedules and
runs the meetings of a programme handed over to it (the briefings of the quarters after
the change) as a party would; a programme the act closed has no new meeting, for
nobody — the service refuses it whatever page asks."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Programme
from agreements.services import programme_close_by_reorganisation, programme_hand_over
from meetings.models import Meeting
from meetings.planning import BriefingRule, briefing_plan, briefings_create
from meetings.rules import (
    can_follow_up_directive,
    can_run_meeting,
    can_schedule_meeting,
    schedulable_programmes,
)
from meetings.selectors import officials_of_parties
from parties.models import Membership
from tests.factories import (
    BodyFactory,
    DirectiveFactory,
    MeetingFactory,
    OfficialFactory,
    merged_into_commune,
    user_in,
)
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db
JULY = date(2025, 7, 1)


@pytest.fixture
def reorganised():
    """A 2024–2026 programme of two district bodies; the first ends on 30/6/2025 and a
    commune's Đảng ủy succeeds it."""
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2026, 12, 31)), signed_on=date(2023, 12, 20)
    )
    old = programme.memberships.get(is_lead=True).body
    act, successor = merged_into_commune(old, effective_on=JULY)
    return act, programme, old, successor


def handed_over(reorganised):
    act, programme, old, successor = reorganised
    programme_hand_over(programme=programme, reorganisation=act, from_body=old, to_body=successor)
    return Programme.objects.get(pk=programme.pk)


def test_a_successors_secretariat_schedules_the_programme_handed_over(reorganised):
    _act, programme, _old, successor = reorganised
    user = secretariat_of(successor)
    assert programme not in schedulable_programmes(user)  # not before the handover
    programme = handed_over(reorganised)
    user = type(user).objects.get(pk=user.pk)
    assert programme in schedulable_programmes(user)
    assert can_schedule_meeting(user, [programme])
    chair = OfficialFactory(body=successor, position="Bí thư Đảng ủy xã")
    assert chair in officials_of_parties(programmes=[programme])
    meeting = schedule(
        programme,
        organiser=successor,
        chair=chair,
        invitees=[chair],
        starts_at=at(date(2025, 10, 14)),
        title="Giao ban quý III/2025",
    )
    assert meeting.organiser == successor
    assert can_run_meeting(user, meeting)


def test_a_body_that_succeeded_nothing_still_cannot(reorganised):
    programme = handed_over(reorganised)
    other = BodyFactory(unit=reorganised[3].unit, code="UBND")
    user = secretariat_of(other)
    assert programme not in schedulable_programmes(user)
    assert not can_schedule_meeting(user, [programme])
    with pytest.raises(ValidationError) as error:
        schedule(programme, organiser=other, starts_at=at(date(2025, 10, 14)))
    assert "organiser" in error.value.message_dict


def test_a_successor_plans_the_briefings_of_the_quarters_it_inherited(reorganised):
    programme = handed_over(reorganised)
    successor = reorganised[3]
    rule = BriefingRule("nth_weekday", n=2, weekday=1)
    created, already = briefings_create(
        programme=programme,
        rule=rule,
        organiser=successor,
        place="Hội trường Đảng ủy xã Đại Thanh",
        starts=at(JULY).time(),
        ends=at(JULY, 10).time(),
        today=date(2025, 7, 1),
    )
    assert len(created) == 12 and already == 0  # Q1/2024 to Q4/2026
    assert {m.organiser for m in created} == {successor}
    assert not any(row.is_new for row in briefing_plan(programme=programme, rule=rule))


def test_the_successors_secretariat_plans_on_the_page(client, reorganised):
    programme = handed_over(reorganised)
    successor = reorganised[3]
    client.force_login(secretariat_of(successor))
    url = reverse("meetings:plan_briefings")
    assert client.get(url + f"?programme={programme.pk}").status_code == 200
    data = {
        "programme": programme.pk,
        "organiser": successor.pk,
        "rule": "nth_weekday",
        "n": "2",
        "weekday": "1",
        "day": "10",
        "start_time": "08:00",
        "end_time": "10:00",
        "place": "Hội trường Đảng ủy xã",
        "agenda": "Đánh giá kết quả phối hợp trong quý.",
        "action": "create",
    }
    assert client.post(url, data).status_code == 302
    assert Meeting.objects.filter(organiser=successor).count() == 12


def test_a_programme_closed_by_the_act_is_not_schedulable(client, reorganised):
    act, programme, old, successor = reorganised
    programme = programme_close_by_reorganisation(programme=programme, reorganisation=act)
    partner = programme.memberships.get(is_lead=False).body
    for body in (old, partner, successor):
        user = secretariat_of(body)
        assert programme not in schedulable_programmes(user)
        decision = can_schedule_meeting(user, [programme])
        assert not decision
    assert "đã kết thúc" in str(can_schedule_meeting(secretariat_of(partner), [programme]).reason)
    with pytest.raises(ValidationError) as error:
        schedule(programme, organiser=partner, starts_at=at(date(2025, 6, 10)))
    assert "programmes" in error.value.message_dict
    with pytest.raises(ValidationError):
        briefings_create(
            programme=programme,
            rule=BriefingRule("nth_weekday"),
            organiser=partner,
            place="Phòng họp",
            starts=at(JULY).time(),
            ends=at(JULY, 10).time(),
        )
    client.force_login(secretariat_of(partner))
    page = client.get(reverse("meetings:meeting_create") + f"?programme={programme.pk}")
    assert page.status_code == 403
    assert Meeting.objects.count() == 0


def test_the_programme_page_reads_what_was_handed_over_with_the_programme(
    reorganised, django_assert_num_queries
):
    """programme_visible reads whether anything of the programme was handed over to the
    user's body; the rules then skip the body's handovers only when nothing was."""
    from agreements.rules import acting_body_ids
    from agreements.selectors import programme_visible
    from parties.rules import body_of

    _act, _programme, old, successor = reorganised
    programme = handed_over(reorganised)
    user = secretariat_of(successor)
    body = body_of(user)
    shown = programme_visible(user=user, pk=programme.pk)
    assert shown.handed_to_viewer
    assert acting_body_ids(body, shown) == {successor.pk, old.pk}
    other = signed_programme(
        period=(date(2024, 1, 1), date(2026, 12, 31)), signed_on=date(2023, 12, 20)
    )
    other.memberships.create(body=successor)
    shown = programme_visible(user=user, pk=other.pk)
    assert not shown.handed_to_viewer
    fresh = body_of(type(user).objects.get(pk=user.pk))
    with django_assert_num_queries(0):
        assert acting_body_ids(fresh, shown) == {successor.pk}


def test_the_ended_bodys_secretariat_no_longer_schedules_what_it_handed_over(client, reorganised):
    """Once the act is in effect the body that ended is no longer a party in practice:
    its secretariat is refused, told to whom and since when the programme went; its
    successor's secretariat schedules instead."""
    _act, _programme, old, successor = reorganised
    programme = handed_over(reorganised)
    user = secretariat_of(old)
    handed = "đã được bàn giao cho Đảng ủy xã Đại Thanh từ ngày 01/07/2025, khi"
    # The day before the act the body still exists and still schedules.
    assert can_schedule_meeting(user, [programme], today=date(2025, 6, 30))
    assert programme in schedulable_programmes(user, today=date(2025, 6, 30))
    decision = can_schedule_meeting(user, [programme], today=JULY)
    assert not decision
    assert handed in str(decision.reason)
    assert programme not in schedulable_programmes(user, today=JULY)
    assert can_schedule_meeting(secretariat_of(successor), [programme], today=JULY)
    client.force_login(user)
    for name in ("meetings:meeting_create", "meetings:plan_briefings"):
        page = client.get(reverse(name) + f"?programme={programme.pk}")
        assert page.status_code == 403
        text = page.content.decode()
        assert handed in text
        assert "Hãy đề nghị văn phòng của Đảng ủy xã Đại Thanh lên lịch" in text
    client.force_login(secretariat_of(successor))
    page = client.get(reverse("meetings:meeting_create") + f"?programme={programme.pk}")
    assert page.status_code == 200


def test_the_ended_bodys_secretariat_no_longer_runs_the_meetings_it_scheduled(client, reorganised):
    """A meeting scheduled before the act (here for after it) is run, from the act on,
    by the successor's secretariat: the ended body's is refused, told to whom and since
    when the programme went, and its page offers it no action."""
    _act, programme, old, successor = reorganised
    meeting = schedule(
        programme, organiser=old, starts_at=at(date(2025, 7, 15)), title="Giao ban quý II/2025"
    )
    programme = handed_over(reorganised)
    user = secretariat_of(old)
    handed = "đã được bàn giao cho Đảng ủy xã Đại Thanh từ ngày 01/07/2025, khi"
    assert can_run_meeting(user, meeting, today=date(2025, 6, 30))
    decision = can_run_meeting(user, meeting, today=JULY)
    assert not decision
    assert handed in str(decision.reason)
    assert can_run_meeting(secretariat_of(successor), meeting, today=JULY)
    # The pages read today's date: any day since 1/7/2025 is after the act.
    client.force_login(user)
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert page.status_code == 200
    for name in ("meeting_edit", "meeting_record", "attendance", "meeting_cancel"):
        url = reverse(f"meetings:{name}", args=[meeting.pk])
        assert f'href="{url}"' not in page.content.decode()
        refused = client.get(url)
        assert refused.status_code == 403, name
        assert handed in refused.content.decode()
        assert reverse("meetings:meeting_detail", args=[meeting.pk]) in refused.content.decode()
    client.force_login(secretariat_of(successor))
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    assert f'href="{reverse("meetings:meeting_edit", args=[meeting.pk])}"' in page


FOLLOWED_UP_BY = "nay do Đảng ủy xã Đại Thanh theo dõi, đôn đốc"


@pytest.mark.parametrize("under", ["programme", "meeting"])
def test_a_directive_to_the_ended_body_is_followed_up_by_its_successor(client, reorganised, under):
    """Addressed to the ended body under the programme it handed over (named on the
    directive, or only by its meeting): the successor follows it up, the ended body's
    officials are told so on its page, a third body still may not."""
    programme = handed_over(reorganised)
    _act, _programme, old, successor = reorganised
    meeting = MeetingFactory(organiser=old, starts_at=at(date(2025, 4, 10)))
    meeting.programmes.add(programme)
    directive = DirectiveFactory(
        meeting=meeting, programme=programme if under == "programme" else None, addressed_body=old
    )
    ended = user_in(old, Membership.Role.OFFICIAL)
    acting = user_in(successor, Membership.Role.OFFICIAL)
    other = user_in(BodyFactory(unit=successor.unit, code="UBND"), Membership.Role.OFFICIAL)
    # Before the act the addressed body follows it up, and nobody in its place.
    assert can_follow_up_directive(ended, directive, today=date(2025, 6, 30))
    assert not can_follow_up_directive(acting, directive, today=date(2025, 6, 30))
    refused = can_follow_up_directive(ended, directive, today=JULY)
    assert not refused and FOLLOWED_UP_BY in str(refused.reason)
    assert can_follow_up_directive(acting, directive, today=JULY)
    assert not can_follow_up_directive(other, directive, today=JULY)
    # The pages read today's date: any day since 1/7/2025 is after the act.
    url = reverse("meetings:directive_detail", args=[directive.pk])
    client.force_login(ended)
    page = client.get(url).text
    assert FOLLOWED_UP_BY in page and 'name="status"' not in page
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(acting)
    assert 'name="status"' in client.get(url).text
