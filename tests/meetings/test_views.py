"""The meeting pages as a person uses them: forms, Vietnamese errors, input kept, lists in
constant queries."""

import importlib
import inspect
import pkgutil
from datetime import date, timedelta

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

import agreements.forms as agreement_forms
import meetings.forms as meeting_forms
from agreements.forms.base import DateInput
from meetings.directives import directive_create
from meetings.models import Attendance, Directive, Meeting, PlannedBriefing
from parties.models import Membership
from tests.factories import BodyFactory, OfficialFactory, user_in
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )


@pytest.fixture
def current_programme():
    year = timezone.localdate().year
    return signed_programme(
        period=(date(year - 1, 1, 1), date(year + 1, 12, 31)), signed_on=date(year - 2, 12, 1)
    )


def lead(programme):
    return programme.memberships.get(is_lead=True).body


def partner(programme):
    return programme.memberships.get(is_lead=False).body


def meeting_data(programme, **overrides):
    data = {
        "kind": "quarterly_briefing",
        "title": "Giao ban quý I/2024",
        "programmes": [programme.pk],
        "organiser": lead(programme).pk,
        "day": "09/04/2024",
        "start_time": "08:00",
        "end_time": "10:00",
        "place": "Hội trường lớn UBND huyện",
        "agenda": "Đánh giá kết quả quý I.",
    }
    data.update(overrides)
    return data


def test_the_secretariat_schedules_a_meeting(client, programme):
    chair = OfficialFactory(body=lead(programme))
    guest = OfficialFactory(body=partner(programme))
    client.force_login(secretariat_of(lead(programme)))
    url = reverse("meetings:meeting_create")
    assert client.get(url + f"?programme={programme.pk}").status_code == 200
    response = client.post(
        url,
        meeting_data(programme, chair=chair.pk, invitees=[chair.pk, guest.pk], quarter="2024-1"),
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting_url(meeting)
    assert timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M") == "09/04/2024 08:00"
    assert meeting.attendances.count() == 2 and meeting.chair == chair
    assert meeting.planned_briefings.get().quarter == date(2024, 1, 1)
    page = client.get(meeting_url(meeting)).text
    assert "Hội trường lớn UBND huyện" in page and "Giao ban quý I/2024" in page


def meeting_url(meeting):
    return reverse("meetings:meeting_detail", args=[meeting.pk])


def assert_error_kept(response, message, *kept):
    assert response.status_code == 200
    assert message in response.text
    assert "is-invalid" in response.text
    for value in kept:
        assert value in response.text
    assert Meeting.objects.count() == 0


def test_a_meeting_outside_the_period_is_refused_in_vietnamese(client, programme):
    client.force_login(secretariat_of(lead(programme)))
    response = client.post(
        reverse("meetings:meeting_create"), meeting_data(programme, day="01/06/2023")
    )
    assert_error_kept(
        response,
        "nằm ngoài thời gian thực hiện của tất cả các chương trình",
        'value="01/06/2023"',
        "Hội trường lớn UBND huyện",
    )


def test_an_end_before_the_start_is_refused_at_the_end_time(client, programme):
    client.force_login(secretariat_of(lead(programme)))
    response = client.post(
        reverse("meetings:meeting_create"),
        meeting_data(programme, start_time="14:00", end_time="13:00"),
    )
    assert_error_kept(response, "Hội nghị không thể kết thúc trước khi bắt đầu.", 'value="13:00"')
    assert 'id="error_1_id_end_time"' in response.text


def test_a_chair_and_an_invitee_from_outside_the_parties_are_refused(client, programme):
    secretariat = secretariat_of(lead(programme))
    # The secretariat's other programme brings a third body's official into the lists.
    third = BodyFactory(unit=lead(programme).unit)
    signed_programme(
        parties=[lead(programme), third], period=(date(2024, 1, 1), date(2024, 12, 31))
    )
    outsider = OfficialFactory(body=third, full_name="Lê Văn Ngoài")
    client.force_login(secretariat)
    response = client.post(
        reverse("meetings:meeting_create"),
        meeting_data(programme, chair=outsider.pk, invitees=[outsider.pk]),
    )
    assert_error_kept(response, "không phải là một bên của các chương trình của hội nghị này")
    assert "Lê Văn Ngoài" in response.text
    assert Attendance.objects.count() == 0


def test_attendance_for_a_meeting_that_has_not_happened_is_refused(client, current_programme):
    invitee = OfficialFactory(body=lead(current_programme))
    starts = at(timezone.localdate() + timedelta(days=3))
    meeting = schedule(current_programme, starts_at=starts, invitees=[invitee])
    client.force_login(secretariat_of(lead(current_programme)))
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert "Hội nghị chưa diễn ra" in client.get(url).text
    row = meeting.attendances.get()
    response = client.post(url, {f"state_{row.pk}": "present"})
    assert response.status_code == 200
    assert "Hội nghị chưa diễn ra: hội nghị bắt đầu lúc" in response.text
    assert 'value="present" checked' in response.text
    row.refresh_from_db()
    assert row.present is None


def test_attendance_is_recorded_with_a_deputy(client, programme):
    officials = [OfficialFactory(body=lead(programme)) for _ in range(2)]
    meeting = schedule(programme, invitees=officials)
    client.force_login(secretariat_of(partner(programme)))
    first, second = meeting.attendances.order_by("pk")
    url = reverse("meetings:attendance", args=[meeting.pk])
    missing_name = client.post(
        url, {f"state_{first.pk}": "present", f"state_{second.pk}": "deputy"}
    )
    assert "Hãy ghi họ tên người dự thay." in missing_name.text
    response = client.post(
        url,
        {
            f"state_{first.pk}": "present",
            f"state_{second.pk}": "deputy",
            f"deputy_{second.pk}": "Trần Thị C",
            f"deputy_position_{second.pk}": "Phó Chánh Văn phòng",
        },
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.state == "deputy" and second.deputy_position == "Phó Chánh Văn phòng"
    page = client.get(meeting_url(meeting)).text
    assert "Trần Thị C, Phó Chánh Văn phòng" in page


def test_a_directive_deadline_before_the_meeting_is_refused(client, programme):
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    client.force_login(secretariat_of(lead(programme)))
    url = reverse("meetings:directive_create", args=[meeting.pk])
    data = {
        "text": "Rà soát đơn thư khiếu nại.",
        "addressed_body": partner(programme).pk,
        "deadline": "01/04/2024",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Thời hạn không được trước ngày hội nghị." in response.text
    assert "Rà soát đơn thư khiếu nại." in response.text and 'value="01/04/2024"' in response.text
    assert Directive.objects.count() == 0
    data["deadline"] = "31/05/2024"
    assert client.post(url, data).status_code == 302
    assert Directive.objects.get().deadline == date(2024, 5, 31)


def date_fields():
    """Every date field declared by the forms of the programme and meeting pages."""
    modules = [meeting_forms] + [
        importlib.import_module(f"agreements.forms.{info.name}")
        for info in pkgutil.iter_modules(agreement_forms.__path__)
    ]
    return {
        f"{form.__module__}.{form.__name__}.{name}": field
        for module in modules
        for form in vars(module).values()
        if inspect.isclass(form) and issubclass(form, forms.BaseForm)
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField)
    }


def test_the_directive_deadline_uses_the_same_date_input_as_every_other_date(client, programme):
    fields = date_fields()
    assert "meetings.forms.DirectiveForm.deadline" in fields
    assert "agreements.forms.progress.ProgressReportForm.reported_on" in fields
    widgets = {name: (type(f.widget), f.widget.format) for name, f in fields.items()}
    assert set(widgets.values()) == {(DateInput, "%d/%m/%Y")}, widgets  # typed dd/mm/yyyy
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    client.force_login(secretariat_of(lead(programme)))
    page = client.get(reverse("meetings:directive_create", args=[meeting.pk])).text
    assert 'name="deadline" placeholder="nn/tt/nnnn" inputmode="numeric"' in page


def plan_data(programme, **overrides):
    data = {
        "programme": programme.pk,
        "organiser": lead(programme).pk,
        "rule": "nth_weekday",
        "n": "2",
        "weekday": "1",
        "day": "10",
        "start_time": "08:00",
        "end_time": "10:00",
        "place": "Phòng họp Ban Tuyên giáo",
        "agenda": "Đánh giá kết quả phối hợp trong quý.",
        "action": "preview",
    }
    data.update(overrides)
    return data


def test_planning_previews_then_creates_then_creates_nothing_again(client):
    term = signed_programme()
    client.force_login(secretariat_of(lead(term)))
    url = reverse("meetings:plan_briefings")
    preview = client.post(url, plan_data(term))
    assert preview.status_code == 200
    assert preview.text.count("Giao ban mới") == 20
    assert "Thứ Ba, 13/04/2021" in preview.text
    assert "Tạo 20 hội nghị giao ban" in preview.text
    assert Meeting.objects.count() == 0
    created = client.post(url, plan_data(term, action="create"), follow=True)
    assert "Đã đưa 20 hội nghị giao ban quý vào lịch." in created.text
    assert Meeting.objects.count() == 20
    again = client.post(url, plan_data(term))
    assert "Giao ban mới" not in again.text and again.text.count("Đã có kế hoạch") == 20
    client.post(url, plan_data(term, action="create"))
    assert Meeting.objects.count() == 20 and PlannedBriefing.objects.count() == 20


def test_planning_a_programme_that_is_not_signed_is_refused_at_the_field(client):
    draft = signed_programme(sign=False)
    client.force_login(secretariat_of(lead(draft)))
    response = client.post(reverse("meetings:plan_briefings"), plan_data(draft, action="create"))
    assert response.status_code == 200
    assert (
        "Chỉ lập kế hoạch giao ban cho chương trình đã ký kết và đang có hiệu lực" in response.text
    )
    assert "Dự thảo" in response.text
    assert 'value="Phòng họp Ban Tuyên giáo"' in response.text
    assert Meeting.objects.count() == 0


def test_a_meeting_is_moved_and_cancelled_with_a_reason(client, current_programme):
    meeting = schedule(current_programme, starts_at=at(timezone.localdate() + timedelta(days=5)))
    client.force_login(secretariat_of(lead(current_programme)))
    new_day = (timezone.localdate() + timedelta(days=9)).strftime("%d/%m/%Y")
    url = reverse("meetings:meeting_move", args=[meeting.pk])
    no_reason = client.post(url, {"day": new_day, "start_time": "14:00", "end_time": "16:00"})
    assert "Hãy nêu lý do dời lịch hội nghị." in no_reason.text
    assert f'value="{new_day}"' in no_reason.text
    moved = client.post(
        url,
        {"day": new_day, "start_time": "14:00", "end_time": "16:00", "reason": "Trùng lịch."},
    )
    assert moved.status_code == 302
    page = client.get(meeting_url(meeting)).text
    assert "Hội nghị đã được dời lịch: Trùng lịch." in page
    cancel = reverse("meetings:meeting_cancel", args=[meeting.pk])
    assert "Hãy nêu lý do hủy hội nghị." in client.post(cancel, {"reason": ""}).text
    client.post(cancel, {"reason": "Lãnh đạo đi công tác."})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.sequence == 2


def test_a_review_records_its_assessment(client, programme):
    review = schedule(programme, kind="final_review", starts_at=at(date(2024, 12, 20)))
    client.force_login(secretariat_of(lead(programme)))
    url = reverse("meetings:meeting_record", args=[review.pk])
    assert "Đánh giá việc thực hiện chương trình" in client.get(url).text
    client.post(
        url,
        {
            "minutes": "Biên bản hội nghị.",
            "conclusions": "Hoàn thành 5/6 nội dung.",
            "results": "Tuyên truyền đạt chỉ tiêu.",
            "limitations": "Nội dung, thời gian phối hợp cần cụ thể chi tiết đầu việc.",
            "next_tasks": "Xây dựng lại kế hoạch.",
        },
    )
    review.refresh_from_db()
    assert review.status == Meeting.Status.HELD
    assert review.limitations.startswith("Nội dung, thời gian phối hợp")
    assert "cụ thể chi tiết đầu việc" in client.get(meeting_url(review)).text


def test_the_addressed_official_follows_up_and_the_history_shows(client, programme):
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    directive = directive_create(
        meeting=meeting,
        text="Rà soát đơn thư.",
        addressed_body=partner(programme),
        deadline=date(2024, 5, 31),
    )
    official = user_in(partner(programme), Membership.Role.OFFICIAL)
    client.force_login(official)
    url = reverse("meetings:directive_detail", args=[directive.pk])
    page = client.get(url).text
    assert "Quá hạn" in page and "border-danger" in page
    today = timezone.localdate().strftime("%d/%m/%Y")
    client.post(url, {"status": "done", "note": "Đã rà soát 12 đơn.", "on": today})
    page = client.get(url).text
    assert "Đã rà soát 12 đơn." in page and "Quá hạn" not in page


def test_the_calendar_shows_a_month_grid_and_a_quarter_list(client, programme):
    schedule(programme, starts_at=at(date(2024, 4, 9)), title="Giao ban quý I/2024")
    client.force_login(secretariat_of(lead(programme)))
    url = reverse("meetings:calendar")
    month = client.get(url + "?month=2024-04").text
    assert "meeting-calendar" in month and "Giao ban quý I/2024" in month
    assert "Tháng 4/2024" in month
    quarter = client.get(url + "?quarter=2024-2").text
    assert "Quý II/2024" in quarter and "Giao ban quý I/2024" in quarter
    empty = client.get(url + "?month=2024-08").text
    assert "Không có hội nghị nào trong tháng này." in empty and "?month=2024-04" in empty
    assert client.get(url + "?month=garbage").status_code == 200
    assert client.get(url + "?quarter=2024-9").status_code == 200
    other = signed_programme(
        parties=[lead(programme), partner(programme)], period=(date(2024, 1, 1), date(2024, 12, 31))
    )
    filtered = client.get(url + f"?month=2024-04&programme={other.pk}").text
    assert "Giao ban quý I/2024" not in filtered


def many_meetings(programme, count):
    body = lead(programme)
    official = OfficialFactory(body=body)
    for n in range(count):
        meeting = schedule(
            programme,
            starts_at=at(date(2024, 4, 1) + timedelta(days=n % 28)),
            title=f"Hội nghị {n}",
            chair=official,
            invitees=[official],
        )
        directive_create(
            meeting=meeting,
            text=f"Ý kiến {n}",
            addressed_body=partner(programme),
            deadline=date(2024, 5, 1),
            given_by=official,
        )


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/?month=2024-04",
        "/meetings/?quarter=2024-2",
        "/meetings/directives/",
        "/meetings/directives/?status=overdue",
        "/meetings/calendar.ics",
    ],
)
def test_lists_take_the_same_number_of_queries_for_one_row_or_many(
    client, programme, django_assert_max_num_queries, path
):
    client.force_login(secretariat_of(lead(programme)))
    many_meetings(programme, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    many_meetings(programme, 30)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(path).status_code == 200


def test_the_meeting_page_takes_the_same_number_of_queries_however_many_people(
    client, programme, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(secretariat_of(lead(programme)))
    few = schedule(programme, invitees=[OfficialFactory(body=lead(programme))])
    directive_create(meeting=few, text="x", addressed_body=partner(programme), deadline=None)
    with CaptureQueriesContext(connection) as one:
        client.get(meeting_url(few))
    people = [OfficialFactory(body=lead(programme)) for _ in range(20)]
    crowded = schedule(programme, invitees=people)
    for n in range(10):
        directive_create(
            meeting=crowded, text=f"{n}", addressed_body=partner(programme), deadline=None
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(meeting_url(crowded))


def test_the_directive_list_filters_by_status_body_and_programme(client, programme):
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    late = directive_create(
        meeting=meeting,
        text="Việc trễ hạn",
        addressed_body=partner(programme),
        deadline=date(2024, 5, 1),
    )
    directive_create(
        meeting=meeting,
        text="Việc của cơ quan chủ trì",
        addressed_body=lead(programme),
        deadline=None,
    )
    client.force_login(secretariat_of(lead(programme)))
    url = reverse("meetings:directive_list")
    overdue = client.get(url + "?status=overdue").text
    assert "Việc trễ hạn" in overdue and "Việc của cơ quan chủ trì" not in overdue
    assert "table-danger" in overdue and "text-bg-danger" in overdue
    mine = client.get(url + f"?body={lead(programme).pk}").text
    assert "Việc của cơ quan chủ trì" in mine and "Việc trễ hạn" not in mine
    assert late.is_overdue_on(timezone.localdate())


def test_the_secretariat_edits_what_is_announced(client, current_programme):
    first, second = (OfficialFactory(body=lead(current_programme)) for _ in range(2))
    meeting = schedule(
        current_programme,
        starts_at=at(timezone.localdate() + timedelta(days=4)),
        invitees=[first],
    )
    client.force_login(secretariat_of(lead(current_programme)))
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    form = client.get(url)
    assert form.status_code == 200 and first.full_name in form.text
    response = client.post(
        url,
        {
            "title": meeting.title,
            "place": "Hội trường UBND huyện",
            "agenda": "",
            "chair": second.pk,
            "invitees": [first.pk, second.pk],
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Hội trường UBND huyện" and meeting.sequence == 1
    assert meeting.chair == second and meeting.attendances.count() == 2


def test_the_calendar_filters_by_body(client, programme):
    schedule(programme, starts_at=at(date(2024, 4, 9)), title="Giao ban của huyện")
    elsewhere = BodyFactory(unit=lead(programme).unit)
    other = signed_programme(
        parties=[lead(programme), elsewhere], period=(date(2024, 1, 1), date(2024, 12, 31))
    )
    schedule(other, starts_at=at(date(2024, 4, 10)), title="Họp với cơ quan khác")
    client.force_login(secretariat_of(lead(programme)))
    url = reverse("meetings:calendar") + f"?month=2024-04&body={elsewhere.pk}"
    page = client.get(url).text
    assert "Họp với cơ quan khác" in page and "Giao ban của huyện" not in page
