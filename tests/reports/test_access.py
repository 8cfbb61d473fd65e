"""A report shows only what its reader may see (issue 10.1).

A report covers everything its scope holds, so who may ask for, list and open
it (page, status, preview, PDF, Excel) follows from its scope: a programme's
report is for whoever sees the programme; a body's for that body and the bodies
above it; a unit's for the bodies that oversee the unit, never for one body in
it, which does not see its neighbours' programmes.
"""

from datetime import date, datetime
from itertools import product

import pytest
from django.urls import reverse

from agreements.rules import visible_programmes
from meetings.models import Directive, Meeting
from parties.models import Membership
from reports.models import Report
from reports.rules import visible_reports
from reports.selectors.clauses import programmes_in_period
from reports.selectors.content import report_content
from reports.services import report_build, report_create
from tests.factories import (
    VN,
    BodyFactory,
    CommuneFactory,
    DistrictFactory,
    MeetingFactory,
    ReportFactory,
    user_in,
)
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db
R = Membership.Role
YEAR = (date(2017, 1, 1), date(2017, 12, 31))
SECRET = "Chương trình riêng của hai cơ quan khác"
REPORT_PAGES = ["detail", "status", "preview", "pdf", "xlsx"]


@pytest.fixture
def district():
    """Thanh Trì: the Ban Tuyên giáo and UBND have a programme; UBND and the Court have
    another that the Ban Tuyên giáo is no party to."""
    district = District()
    district.court = BodyFactory(unit=district.unit, name="Tòa án nhân dân huyện")
    district.city = BodyFactory(unit=district.unit.parent, name="Ban Tuyên giáo Thành ủy")
    own = signed_programme([district.party, district.state], title="Chương trình của Ban")
    clause_with(own, number=1)
    district.secret = signed_programme([district.state, district.court], title=SECRET)
    clause_with(district.secret, number=1, text="Nội dung riêng của Tòa án")
    return district


def unit_report(district):
    """The district's year-end summary, asked for by the city above it and built."""
    report = report_create(
        kind=Report.Kind.YEAR_END,
        unit=district.unit,
        period_start=YEAR[0],
        period_end=YEAR[1],
        issuing_body=district.city,
        enqueue=False,
    )
    return report_build(report_id=report.pk)


def test_a_body_cannot_ask_for_the_report_of_its_own_unit(client, district):
    client.force_login(district.leader())
    page = client.get(reverse("reports:create"))
    assert 'value="unit"' not in page.text  # no unit below: the choice is not offered
    response = client.post(
        reverse("reports:create"),
        {"kind": "year_end", "scope": "unit", "unit": district.unit.pk, "year": "2017"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Report.objects.exists()


def test_a_unit_report_is_not_shown_to_a_body_in_that_unit(client, district):
    report = unit_report(district)
    for body in (district.party, district.state, district.court):
        client.force_login(district.leader(body))
        for name in REPORT_PAGES:
            url = reverse(f"reports:{name}", args=[report.pk])
            assert client.get(url).status_code == 404, (body, name)
        listing = client.get(reverse("reports:list"))
        assert report.reference not in listing.text and report.title not in listing.text
        assert report.pk not in [r.pk for r in listing.context["page"].object_list]


def test_a_unit_report_is_for_the_bodies_above_it(client, district):
    report = unit_report(district)
    client.force_login(district.leader(district.city))
    for name in REPORT_PAGES:
        assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 200, name
    assert SECRET in client.get(reverse("reports:preview", args=[report.pk])).text
    response = client.post(
        reverse("reports:create"),
        {"kind": "year_end", "scope": "unit", "unit": district.unit.pk, "year": "2017"},
    )
    assert response.status_code == 302


def test_a_body_report_names_only_the_programmes_of_that_body(
    client, district, django_capture_on_commit_callbacks
):
    client.force_login(district.leader())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:create"),
            {"kind": "year_end", "scope": "body", "body": district.party.pk, "year": "2017"},
        )
    report = Report.objects.get()
    assert response.url == reverse("reports:detail", args=[report.pk])
    preview = client.get(reverse("reports:preview", args=[report.pk])).text
    assert "Chương trình của Ban" in preview and SECRET not in preview
    neighbour = district.leader(district.court)
    client.force_login(neighbour)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404


def test_a_joint_meeting_in_a_report_names_no_programme_outside_it(district):
    own = district.party.programme_memberships.get().programme
    meeting = MeetingFactory(
        organiser=district.state,
        title="Giao ban liên tịch",
        status=Meeting.Status.HELD,
        starts_at=datetime(2017, 6, 1, 8, tzinfo=VN),
    )
    meeting.programmes.set([own, district.secret])
    Directive.objects.create(
        meeting=meeting,
        programme=district.secret,
        text="Việc riêng của Tòa án",
        addressed_body=district.court,
    )
    Directive.objects.create(meeting=meeting, text="Việc chung", addressed_body=district.party)
    report = ReportFactory(
        body=district.party, issuing_body=district.party, period_start=YEAR[0], period_end=YEAR[1]
    )
    content = report_content(report, today=date(2018, 1, 10))
    [line] = content.meetings
    assert line.programme_references == [own.reference]
    assert [d.text for d in content.directives] == ["Việc chung"]


@pytest.fixture
def province():
    """A province with a body, two districts with three bodies each, a commune with two;
    programmes between bodies of one place, across places and across levels."""
    top = BodyFactory(unit=DistrictFactory().parent)
    province_unit = top.unit
    d1, d2 = DistrictFactory(parent=province_unit), DistrictFactory(parent=province_unit)
    commune = CommuneFactory(parent=d1)
    bodies = {
        "p": top,
        **{f"d1{i}": BodyFactory(unit=d1) for i in range(3)},
        **{f"d2{i}": BodyFactory(unit=d2) for i in range(3)},
        **{f"c{i}": BodyFactory(unit=commune) for i in range(2)},
    }
    pairs = [("d10", "d11"), ("d11", "d12"), ("d20", "d21"), ("c0", "c1"), ("p", "d22")]
    pairs += [("d12", "c0"), ("d10", "d20")]
    programmes = []
    for index, (a, b) in enumerate(pairs):
        programme = signed_programme([bodies[a], bodies[b]], title=f"Chương trình {index}")
        clause_with(programme, number=1)
        programmes.append(programme)
    # A body that only supports a clause of a programme between two others.
    clause_with(programmes[2], number=2).supporting_bodies.add(bodies["c1"])
    return {"units": [province_unit, d1, d2, commune], "bodies": bodies, "programmes": programmes}


def test_every_report_a_user_may_open_covers_only_programmes_they_see(province):
    """The rule as a property: for every reader, role and report of every scope."""
    reports = []
    for programme in province["programmes"]:
        reports.append(
            ReportFactory(
                kind=Report.Kind.QUARTERLY,
                body=None,
                programme=programme,
                issuing_body=programme.issuer,
            )
        )
    for body in province["bodies"].values():
        reports.append(ReportFactory(body=body, issuing_body=body))
    for unit in province["units"]:
        reports.append(ReportFactory(body=None, unit=unit, issuing_body=province["bodies"]["p"]))
    opened = 0
    for body, role in product(province["bodies"].values(), [R.LEADER, R.SECRETARIAT]):
        user = user_in(body, role)
        seen = set(visible_programmes(user).values_list("pk", flat=True))
        for report in visible_reports(user):
            covered = programmes_in_period(
                programme=report.programme,
                body=report.body,
                unit=report.unit,
                start=YEAR[0],
                end=YEAR[1],
            )
            assert set(covered.values_list("pk", flat=True)) <= seen, (body, report.scope)
            opened += 1
    assert opened > len(province["bodies"]) * 2  # the property was not checked on nothing
