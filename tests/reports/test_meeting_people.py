"""Who chaired and who attended a meeting, as a report prints them: a person's name and
position once ("đồng chí …" for the chair), a record named for an office (a
representative, "Đại diện lãnh đạo …") by its name alone, never followed by the
position its name already says."""

import re
from datetime import date, datetime

import pytest
from django.utils.html import strip_tags

from meetings.models import Attendance, Meeting
from parties.documents import name_and_position, named_for_office
from reports import rendering
from reports.models import Report
from reports.periods import quarter_period
from reports.selectors.content import report_content
from tests.factories import VN, MeetingFactory, OfficialFactory
from tests.reports.factories import District, signed_programme

pytestmark = pytest.mark.django_db


def test_a_record_named_for_an_office_is_printed_by_its_name_alone():
    assert named_for_office("Đại diện lãnh đạo UBND thành phố", "Lãnh đạo UBND thành phố")
    assert named_for_office("Lãnh đạo UBND thành phố Hà Nội", "Lãnh đạo UBND Thành phố")
    assert not named_for_office("Nguyễn Thị Kim Xuyên", "Trưởng Ban Tuyên giáo Thành ủy")
    assert (
        name_and_position("Đại diện lãnh đạo UBND thành phố", "Lãnh đạo UBND thành phố")
        == "Đại diện lãnh đạo UBND thành phố"
    )
    assert (
        name_and_position("Nguyễn Thị Kim Xuyên", "Trưởng Ban Tuyên giáo Thành ủy")
        == "Nguyễn Thị Kim Xuyên, Trưởng Ban Tuyên giáo Thành ủy"
    )
    assert name_and_position("Nguyễn Văn A", "") == "Nguyễn Văn A"


def meetings_part(html):
    """The text of point 6 (the meetings of the parties) of a report."""
    text = " ".join(strip_tags(html).split())
    return re.search(r"6\. Các cuộc họp.*?7\. Ý kiến chỉ đạo", text).group(0)


def test_the_chair_and_the_attendance_name_each_person_once(vietnamese):
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2024, 1, 1))
    representative = OfficialFactory(
        body=district.state,
        full_name="Đại diện lãnh đạo UBND huyện Thanh Trì",
        position="Lãnh đạo UBND huyện",
    )
    head = district.party_head
    for day, chair in ((9, representative), (16, head)):
        meeting = MeetingFactory(
            organiser=district.party,
            title=f"Giao ban ngày {day}",
            starts_at=datetime(2024, 4, day, 8, 0, tzinfo=VN),
            chair=chair,
            chair_position=chair.position,
            status=Meeting.Status.HELD,
        )
        meeting.programmes.add(programme)
        for official in (head, representative):
            Attendance.objects.create(
                meeting=meeting, official=official, position=official.position, present=True
            )
    report = Report(
        kind=Report.Kind.QUARTERLY,
        period_start=quarter_period(2024, 2)[0],
        period_end=quarter_period(2024, 2)[1],
        issuing_body=district.party,
        programme=programme,
    )
    content = report_content(report, today=date(2024, 7, 5))
    text = meetings_part(rendering.report_html(report, content, for_pdf=False))
    assert "Đại diện lãnh đạo UBND huyện Thanh Trì chủ trì" in text
    assert "đồng chí Nguyễn Văn Bình, Trưởng ban Tuyên giáo Huyện ủy chủ trì" in text
    assert "đồng chí Đại diện" not in text
    assert "Thanh Trì, Lãnh đạo UBND huyện" not in text
    # Each named once a meeting, in the attendance; the head once more as a chair.
    assert text.count("Đại diện lãnh đạo UBND huyện Thanh Trì") == 3
    assert text.count("Nguyễn Văn Bình, Trưởng ban Tuyên giáo Huyện ủy") == 3


def test_the_nga_bay_report_names_the_representatives_once(demo, vietnamese):
    registry = demo
    report = Report(
        kind=Report.Kind.QUARTERLY,
        period_start=quarter_period(2022, 2)[0],
        period_end=quarter_period(2022, 2)[1],
        issuing_body=registry.body("btgtu-ngabay"),
        programme=registry.programmes["ngabay-tand"],
    )
    content = report_content(report, today=date(2022, 7, 5))
    text = meetings_part(rendering.report_html(report, content, for_pdf=False))
    assert "Đại diện lãnh đạo HĐND thành phố;" in text
    assert "Đại diện lãnh đạo HĐND thành phố, Lãnh đạo HĐND thành phố" not in text
    assert "đồng chí Nguyễn Thị Kim Xuyên, Ủy viên Ban Thường vụ Thành ủy" in text
