"""A supporting body (cơ quan phối hợp) need not be a party, and does not sign: it sees
the programme read-only, works on the clauses it supports, reports progress on them,
receives directives and is named in reports."""

import re
from datetime import date

import pytest
from django.urls import reverse

from agreements.models import Programme, ProgressReport
from meetings.directives import directive_create
from parties.models import Body, Membership
from reports.selectors import report_content
from tests.agreements.factories import district_bodies, draft, sign
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, ReportFactory, user_in
from tests.meetings.factories import at, schedule

pytestmark = pytest.mark.django_db
R = Membership.Role


@pytest.fixture
def world():
    """A district's Ban Tuyên giáo and UBND sign; a Sở of the province supports clause 1."""
    district = DistrictFactory()
    btg, ubnd = district_bodies(district)
    so = BodyFactory(unit=district.parent, kind=Body.Kind.DEPARTMENT, name="Sở Văn hóa và Thể thao")
    OfficialFactory(body=so, full_name="Trần Văn Sở", position="Giám đốc Sở")
    programme = draft([btg, ubnd], number=1, clauses=2)
    first = programme.clauses.get(number=1)
    first.supporting_bodies.add(so)
    return {"btg": btg, "ubnd": ubnd, "so": so, "programme": programme, "first": first}


def signed(world):
    sign(world["programme"])
    world["programme"].refresh_from_db()
    return world["programme"]


CLAUSE = {
    "text": "Tổ chức liên hoan văn nghệ tuyên truyền",
    "cadence": "quarterly",
    "indicators-TOTAL_FORMS": "0",
    "indicators-INITIAL_FORMS": "0",
}


def offered(response):
    return set(response.context["form"].fields["supporting_bodies"].queryset)


def test_a_drafter_names_a_body_that_is_not_a_party_as_supporting(client, world):
    client.force_login(user_in(world["btg"], R.OFFICIAL))
    url = reverse("agreements:clause_add", args=[world["programme"].pk])
    assert world["so"] in offered(client.get(url))
    response = client.post(
        url, {**CLAUSE, "lead_body": world["btg"].pk, "supporting_bodies": [world["so"].pk]}
    )
    assert response.status_code == 302
    clause = world["programme"].clauses.get(number=3)
    assert list(clause.supporting_bodies.all()) == [world["so"]]
    assert not world["programme"].memberships.filter(body=world["so"]).exists()


def test_a_body_beyond_the_drafters_reach_is_not_offered(client, world):
    elsewhere = BodyFactory(unit=DistrictFactory(), name="Phòng Văn hóa huyện khác")
    client.force_login(user_in(world["btg"], R.OFFICIAL))
    response = client.get(reverse("agreements:clause_add", args=[world["programme"].pk]))
    assert elsewhere not in offered(response)
    assert {world["btg"], world["ubnd"], world["so"]} <= offered(response)


def test_editing_a_clause_keeps_a_supporting_body_the_editor_could_not_pick(client, world):
    elsewhere = BodyFactory(unit=DistrictFactory(), name="Phòng Văn hóa huyện khác")
    world["first"].supporting_bodies.add(elsewhere)
    client.force_login(user_in(world["ubnd"], R.OFFICIAL))
    response = client.get(reverse("agreements:clause_edit", args=[world["first"].pk]))
    assert {elsewhere, world["so"]} <= offered(response)
    assert {elsewhere, world["so"]} <= set(response.context["form"].initial["supporting_bodies"])


def test_only_the_parties_sign_and_nobody_is_chosen_for_them(client, world):
    programme = world["programme"]
    client.force_login(user_in(world["btg"], R.SECRETARIAT))
    page = client.get(reverse("agreements:signing_create") + f"?programme={programme.pk}")
    form = page.context["form"]
    fields = [name for name in form.fields if name.startswith("official_")]
    assert fields == [
        f"official_{programme.pk}_{world['btg'].pk}",
        f"official_{programme.pk}_{world['ubnd'].pk}",
    ]
    # Each party has one official on record; still nobody is chosen for the secretariat.
    assert all(form[name].value() in (None, "") for name in fields)
    assert not re.search(r'<option value="\d+" selected', page.text)
    assert "Chỉ các bên ký kết" in page.text
    missing = client.post(
        reverse("agreements:signing_create"),
        {"programmes": [programme.pk], "date": "2024-02-01", "place": "Hội trường"},
    )
    assert missing.context["form"].errors[fields[0]] == ["Hãy chọn người ký thay mặt bên này."]
    programme.refresh_from_db()
    assert programme.status == Programme.Status.DRAFT


def test_the_supporting_body_sees_the_programme_read_only(client, world):
    programme = signed(world)
    client.force_login(user_in(world["so"], R.OFFICIAL))
    page = client.get(reverse("agreements:programme_detail", args=[programme.pk]))
    assert page.status_code == 200
    assert not page.context["can_edit"] and not page.context["can_amend"]
    assert not page.context["can_close"] and not page.context["can_attach_scan"]
    assert reverse("agreements:amendment_add", args=[programme.pk]) not in page.text
    assert reverse("agreements:clause_drop", args=[world["first"].pk]) not in page.text
    refused = client.get(reverse("agreements:amendment_add", args=[programme.pk]))
    assert refused.status_code == 403
    assert "cơ quan của bạn không phải là một bên" in refused.text


def test_its_work_is_the_clause_it_supports(client, world):
    programme = signed(world)
    client.force_login(user_in(world["so"], R.OFFICIAL))
    page = client.get(reverse("agreements:my_work"))
    rows = [clause.pk for clause in page.context["page"].object_list]
    assert rows == [world["first"].pk]
    assert programme.clauses.get(number=2).pk not in rows


def test_it_reports_progress_on_the_clause_it_supports_and_no_other(client, world):
    programme = signed(world)
    client.force_login(user_in(world["so"], R.OFFICIAL))
    data = {"reported_on": "2024-03-31", "status": "on_track", "reporting_body": world["so"].pk}
    response = client.post(reverse("agreements:progress_add", args=[world["first"].pk]), data)
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.clause, report.reporting_body) == (world["first"], world["so"])
    other = programme.clauses.get(number=2)
    assert client.post(reverse("agreements:progress_add", args=[other.pk]), data).status_code == 403


def test_it_receives_directives_and_sees_the_meeting(client, world):
    programme = signed(world)
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)), title="Giao ban quý I/2024")
    directive = directive_create(
        meeting=meeting, text="Chuẩn bị liên hoan văn nghệ.", addressed_body=world["so"]
    )
    client.force_login(user_in(world["so"], R.OFFICIAL))
    work = client.get(reverse("agreements:my_work")).text
    assert "Chuẩn bị liên hoan văn nghệ." in work
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in work  # it sees the meeting
    listed = client.get(reverse("meetings:directive_list"), {"body": world["so"].pk})
    assert [d.pk for d in listed.context["page"].object_list] == [directive.pk]
    calendar = client.get(
        reverse("meetings:calendar"), {"quarter": "2024-2", "body": world["so"].pk}
    )
    assert "Giao ban quý I/2024" in calendar.text
    followed = client.post(
        reverse("meetings:directive_detail", args=[directive.pk]),
        {"status": "in_progress", "note": "Đang tập luyện.", "on": "2024-04-20"},
    )
    assert followed.status_code == 302


def test_the_secretariat_addresses_a_directive_to_it(client, world):
    programme = signed(world)
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    client.force_login(user_in(world["btg"], R.SECRETARIAT))
    url = reverse("meetings:directive_create", args=[meeting.pk])
    assert f'value="{world["so"].pk}"' in client.get(url).text
    response = client.post(url, {"text": "Phối hợp tổ chức.", "addressed_body": world["so"].pk})
    assert response.status_code == 302


def test_it_is_named_in_reports_and_its_own_report_covers_the_programme(client, world):
    programme = signed(world)
    for_programme = ReportFactory(
        kind="quarterly",
        body=None,
        programme=programme,
        issuing_body=world["btg"],
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
    )
    line = report_content(for_programme).programmes[0].clauses[0]
    assert "Sở Văn hóa và Thể thao" in line.supporting_bodies
    own = ReportFactory(body=world["so"], issuing_body=world["so"], title="Báo cáo năm của Sở")
    assert [s.pk for s in report_content(own).programmes] == [programme.pk]
    client.force_login(user_in(world["so"], R.LEADER))
    page = client.get(reverse("agreements:programme_detail", args=[programme.pk]))
    assert "Báo cáo năm của Sở" in page.text


def test_a_body_that_supports_nothing_still_sees_nothing(client, world):
    programme = signed(world)
    neighbour = BodyFactory(unit=DistrictFactory(parent=world["so"].unit), name="UBND huyện bên")
    client.force_login(user_in(neighbour, R.LEADER))
    url = reverse("agreements:programme_detail", args=[programme.pk])
    assert client.get(url).status_code == 404
