"""No lost update (issue 10.6): two people open the same edit form; the first saves;
the second save is refused with what is saved now beside what they typed, keeps
everything they typed, and a second save on purpose keeps theirs.

The forms with a version: a programme's draft, a clause, a meeting's
announcement, its move, its minutes, its attendance, and a directive's follow-up.
Creating, reporting progress, amending, signing and closing add rows or end a
state under a lock, so there is nothing of someone else's to overwrite.
"""

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements.models import Clause, Programme
from meetings.directives import directive_create
from meetings.models import Directive, Meeting
from parties.models import Membership
from tests.agreements.factories import district_bodies, draft
from tests.factories import OfficialFactory, user_in
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db


def two_people(user_a, user_b):
    people = []
    for user in (user_a, user_b):
        person = Client()
        person.force_login(user)
        people.append(person)
    return people


def hidden_version(page):
    match = re.search(r'<input type="hidden" name="version" value="(\d+)"', page)
    assert match, "the form carries no version"
    return int(match.group(1))


def lost_update_refused(url, first, second, data, field, mine, theirs):
    """Both open `url`; `first` saves `field`=`theirs`, then `second` tries `mine`."""
    opened = hidden_version(first.get(url).text)
    assert hidden_version(second.get(url).text) == opened
    saved = first.post(url, {**data, "version": opened, field: theirs})
    assert saved.status_code == 302, saved.context and saved.context["form"].errors
    refused = second.post(url, {**data, "version": opened, field: mine})
    assert refused.status_code == 200
    page = refused.text
    assert 'data-testid="edit-conflict"' in page
    assert "Người khác đã lưu nội dung này trong lúc bạn đang sửa" in page
    assert theirs in page and mine in page  # theirs beside mine, and mine still typed
    assert hidden_version(page) == opened + 1
    return refused


@pytest.fixture
def bodies():
    return district_bodies()


def test_a_stale_save_of_a_draft_is_refused_with_the_differences(bodies):
    programme = draft(list(bodies))
    first, second = two_people(user_in(bodies[0]), user_in(bodies[0]))
    url = reverse("agreements:programme_edit", args=[programme.pk])
    data = {
        "number": programme.number,
        "symbol": programme.symbol,
        "year": programme.year,
        "issuer": bodies[0].pk,
        "parties": [b.pk for b in bodies],
        "lead": bodies[0].pk,
        "period_start": "01/01/2024",
        "period_end": "31/12/2024",
    }
    lost_update_refused(
        url, first, second, data, "title", "Tiêu đề của anh Minh", "Tiêu đề của chị Lan"
    )
    assert Programme.objects.get(pk=programme.pk).title == "Tiêu đề của chị Lan"
    again = second.post(url, {**data, "version": programme.version + 1, "title": "Của anh Minh"})
    assert again.status_code == 302
    assert Programme.objects.get(pk=programme.pk).title == "Của anh Minh"


def test_a_stale_save_of_a_clause_is_refused_with_the_differences(bodies):
    programme = draft(list(bodies))
    clause = programme.clauses.get(number=1)
    first, second = two_people(user_in(bodies[0]), user_in(bodies[1]))
    url = reverse("agreements:clause_edit", args=[clause.pk])
    data = {
        "lead_body": clause.lead_body_id,
        "cadence": clause.cadence,
        "due_date": clause.due_date.strftime("%d/%m/%Y"),
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Hội nghị chuyên đề",
        "indicators-0-unit": "hội nghị",
        "indicators-0-target": "4",
    }
    lost_update_refused(
        url, first, second, data, "text", "Nội dung anh Minh viết", "Nội dung chị Lan viết"
    )
    assert Clause.objects.get(pk=clause.pk).text == "Nội dung chị Lan viết"


@pytest.fixture
def current_programme():
    year = timezone.localdate().year
    return signed_programme(
        period=(date(year - 1, 1, 1), date(year + 1, 12, 31)), signed_on=date(year - 2, 12, 1)
    )


def lead(programme):
    return programme.memberships.get(is_lead=True).body


def test_a_stale_save_of_a_meetings_announcement_is_refused(current_programme):
    body = lead(current_programme)
    meeting = schedule(current_programme, starts_at=at(timezone.localdate() + timedelta(days=4)))
    first, second = two_people(secretariat_of(body), secretariat_of(body))
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    data = {"title": meeting.title, "agenda": ""}
    lost_update_refused(url, first, second, data, "place", "Hội trường B", "Hội trường A")
    assert Meeting.objects.get(pk=meeting.pk).place == "Hội trường A"


def test_a_stale_move_of_a_meeting_is_refused(current_programme):
    body = lead(current_programme)
    day = timezone.localdate() + timedelta(days=4)
    meeting = schedule(current_programme, starts_at=at(day))
    first, second = two_people(secretariat_of(body), secretariat_of(body))
    url = reverse("meetings:meeting_move", args=[meeting.pk])
    data = {"day": (day + timedelta(days=1)).strftime("%d/%m/%Y"), "end_time": "11:00"}
    data["reason"] = "Trùng lịch"
    lost_update_refused(url, first, second, data, "start_time", "09:30", "08:30")
    moved = Meeting.objects.get(pk=meeting.pk)
    assert timezone.localtime(moved.starts_at).strftime("%H:%M") == "08:30"


def test_stale_minutes_are_refused_and_kept_in_the_form():
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    review = schedule(programme, kind="final_review", starts_at=at(date(2024, 12, 20)))
    body = lead(programme)
    first, second = two_people(secretariat_of(body), secretariat_of(body))
    url = reverse("meetings:meeting_record", args=[review.pk])
    data = {"conclusions": "Kết luận."}
    lost_update_refused(
        url, first, second, data, "minutes", "Biên bản do tôi ghi", "Biên bản của văn phòng"
    )
    assert Meeting.objects.get(pk=review.pk).minutes == "Biên bản của văn phòng"


def test_stale_attendance_is_refused():
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    body = lead(programme)
    invitee = OfficialFactory(body=body, full_name="Nguyễn Văn Ba")
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)), invitees=[invitee])
    row = meeting.attendances.get()
    first, second = two_people(secretariat_of(body), secretariat_of(body))
    url = reverse("meetings:attendance", args=[meeting.pk])
    data = {f"deputy_{row.pk}": "", f"deputy_position_{row.pk}": ""}
    refused = lost_update_refused(url, first, second, data, f"state_{row.pk}", "absent", "present")
    assert "Nguyễn Văn Ba" in refused.text
    row.refresh_from_db()
    assert row.present is True


def test_a_stale_follow_up_of_a_directive_is_refused():
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    partner = programme.memberships.get(is_lead=False).body
    directive = directive_create(
        meeting=meeting, text="Rà soát đơn thư.", addressed_body=partner, deadline=None
    )
    first, second = two_people(
        user_in(partner, Membership.Role.OFFICIAL), user_in(partner, Membership.Role.OFFICIAL)
    )
    url = reverse("meetings:directive_detail", args=[directive.pk])
    data = {"status": "in_progress", "on": timezone.localdate().strftime("%d/%m/%Y")}
    lost_update_refused(url, first, second, data, "note", "Tôi đã gọi điện", "Đã rà soát 12 đơn")
    assert Directive.objects.get(pk=directive.pk).follow_up_note == "Đã rà soát 12 đơn"
