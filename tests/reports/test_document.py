"""The report read as an office reads it: the signer block of Decree 30/2020/NĐ-CP and
of 36-HD/VPTW, names in full, the Party's style, nothing printed that is not part of
the document, the assessment sections, the next period, the length, the appendix."""

import io
import re
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from parties.models import Body
from parties.services import body_rename
from reports.models import Report
from reports.narrative import KEYS, default_narrative
from reports.periods import next_period, period_label, quarter_period, year_period
from reports.selectors.content import report_content
from reports.services import report_build, report_create
from tests.factories import BodyFactory, OfficialFactory
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return District()


def official(body, name, position):
    return OfficialFactory(body=body, full_name=name, position=position)


def head(person, name, position):
    person.full_name, person.position = name, position
    person.save()
    return person


# --- the next period ------------------------------------------------------------------


def test_a_review_ending_mid_year_is_followed_by_the_rest_of_that_year():
    nxt = next_period(date(2009, 6, 1), date(2019, 6, 25))
    assert nxt == (date(2019, 6, 26), date(2019, 12, 31))
    assert next_period(date(2019, 1, 1), date(2019, 6, 30)) == (
        date(2019, 7, 1),
        date(2019, 12, 31),
    )


def test_half_years_are_named_as_offices_name_them(vietnamese):
    assert period_label(date(2019, 7, 1), date(2019, 12, 31)) == "6 tháng cuối năm 2019"
    assert period_label(date(2019, 1, 1), date(2019, 6, 30)) == "6 tháng đầu năm 2019"


# --- the document -------------------------------------------------------------------


def build(programme, issuing_body, kind=Report.Kind.QUARTERLY, period=None, **scope):
    """The report issued on 05/10/2017 and sent where the issue form proposes: the body
    above, to report to, and the programme's other parties."""
    period = period or quarter_period(2017, 3)
    if not scope:
        scope = {"programme": programme}
    recipients = [issuing_body.parent] if issuing_body.parent_id else []
    if programme is not None:
        recipients += [body for body in programme.parties.all() if body != issuing_body]
    report = report_create(
        recipients=recipients,
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        issuing_body=issuing_body,
        issued_on=date(2017, 10, 5),
        enqueue=False,
        **scope,
    )
    return report_build(report_id=report.pk)


def pdf_text(field_file):
    with field_file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    pages = [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in reader.pages]
    return reader, pages


@pytest.fixture
def programme(district):
    programme = signed_programme(
        [district.state, district.party], start=date(2017, 1, 1), signed=date(2017, 3, 30)
    )
    supporter = BodyFactory(
        unit=district.unit, name="Phòng VHTT huyện", full_name="Phòng Văn hóa và Thông tin"
    )
    clause_with(
        programme,
        number=1,
        lead=district.state,
        text="Tổ chức hội nghị quán triệt chương trình phối hợp.",
        due_date=date(2017, 12, 31),
        indicators=[("Hội nghị quán triệt", "hội nghị", 4), ("Hội nghị chuyên đề", "hội nghị", 2)],
        progress=[(date(2017, 9, 27), "on_track", [3, 0], "Đã tổ chức 3 hội nghị.")],
    ).supporting_bodies.add(supporter)
    clause_with(
        programme,
        number=2,
        lead=district.party,
        text="Tuyên truyền tiêu chí nông thôn mới.",
        due_date=date(2017, 9, 15),
        progress=[(date(2017, 8, 1), "on_track", [], "Đang chuẩn bị tài liệu.")],
    )
    # The heads who sign (the district's own, renamed to the article's people).
    head(district.state_head, "Vũ Văn Nhàn", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện")
    head(district.party_head, "Phùng Xuân Trường", "UVTV, Trưởng ban Tuyên giáo Huyện ủy")
    return programme


def test_a_state_report_ends_with_the_signer_block_of_decree_30(programme, district):
    _, pages = pdf_text(build(programme, district.state).pdf)
    last = pages[-1]
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH" in last
    assert "Vũ Văn Nhàn" in last
    assert "Nơi nhận:" in last and "- Lưu: VT." in last
    assert "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện" not in last


def test_a_party_report_has_the_partys_closing(programme, district):
    _, pages = pdf_text(build(programme, district.party).pdf)
    text = " ".join(pages)
    assert "TRƯỞNG BAN Phùng Xuân Trường" in text
    assert "- Huyện ủy Thanh Trì (để báo cáo)," in text  # commas, as the Party writes it
    assert "- Lưu Văn phòng Huyện ủy." in text
    assert "-----" in pages[0]  # the dashes under the summary
    assert "Lưu: VT" not in text


def test_the_recipients_are_named_in_full(programme, district):
    district.state.full_name = "Ủy ban nhân dân huyện Thanh Trì"
    district.state.save()
    _, pages = pdf_text(build(programme, district.party).pdf)
    assert "- Ủy ban nhân dân huyện Thanh Trì," in pages[-1]


def test_a_department_under_the_committee_is_named_without_the_place_again(programme, district):
    district.state.name = "UBND huyện Thanh Trì"
    district.state.save()
    department = BodyFactory(
        unit=district.unit,
        kind=Body.Kind.DEPARTMENT,
        code="VHTT",
        name="Phòng VHTT huyện Thanh Trì",
        full_name="Phòng Văn hóa và Thông tin huyện Thanh Trì",
        parent=district.state,
    )
    official(department, "Lê Thị Hoa", "Trưởng phòng")
    _, pages = pdf_text(build(programme, department).pdf)
    assert "UBND HUYỆN THANH TRÌ PHÒNG VĂN HÓA VÀ THÔNG TIN CỘNG HÒA" in pages[0]
    assert "THÔNG TIN HUYỆN THANH TRÌ" not in pages[0]


def test_nothing_but_the_document_is_printed_the_facts_go_to_the_metadata(programme, district):
    reader, pages = pdf_text(build(programme, district.state).pdf)
    text = " ".join(pages)
    assert "tổng hợp tự động" not in text.lower()
    assert "Hệ thống" not in text
    assert "dữ liệu" in reader.metadata.get("/Producer", "") + str(reader.metadata)


def test_the_report_has_the_assessment_proposals_and_missing_content(programme, district):
    _, pages = pdf_text(build(programme, district.state).pdf)
    text = " ".join(pages)
    for heading in [
        "III. ĐÁNH GIÁ CHUNG",
        "1. Ưu điểm",
        "2. Hạn chế và nguyên nhân",
        "3. Bài học kinh nghiệm",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ IV NĂM 2017",
    ]:
        assert heading in text, heading
    assert "phối hợp: Phòng VHTT huyện" in text  # the supporting body beside the lead
    # Indicators totalled one by one, not merged because both count "hội nghị".
    assert "Hội nghị quán triệt" in text and "Hội nghị chuyên đề" in text
    # The meetings of the parties are told apart from the conferences counted.
    assert "các bên chưa tổ chức cuộc họp" in text


def test_generated_sentences_read_naturally(programme, district):
    _, pages = pdf_text(build(programme, district.state).pdf)
    text = " ".join(pages)
    assert not re.search(r"(?<![\d/])0/\d", text)  # no "0/1", "0/2" (dates aside)
    assert "Hội nghị chuyên đề: chưa thực hiện (kế hoạch 2 hội nghị)" in text
    assert "hàng quý" not in text
    assert "Lý do:" not in text  # a progress note is reported, not called a cause
    assert "Báo cáo gần nhất: Đang chuẩn bị tài liệu." in text


def test_the_narrative_is_prefilled_in_every_section(programme, district, vietnamese):
    report = Report(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=date(2017, 7, 1),
        period_end=date(2017, 9, 30),
        issuing_body=district.state,
        issued_on=date(2017, 10, 5),
    )
    narrative = default_narrative(report_content(report, today=date(2018, 1, 1)))
    assert tuple(narrative) == KEYS
    assert all(narrative[key].strip() for key in KEYS)
    assert "1 nội dung quá hạn chưa hoàn thành" in narrative["weaknesses_and_causes"]


def test_a_year_end_summary_never_lists_a_past_deadline_as_next_years_task(district):
    programme = signed_programme([district.state], start=date(2017, 1, 1), end=date(2018, 12, 31))
    clause_with(programme, number=1, text="Việc đã quá hạn.", due_date=date(2017, 11, 30))
    clause_with(programme, number=2, text="Việc đến hạn năm sau.", due_date=date(2018, 6, 30))
    clause_with(programme, number=3, text="Việc thường xuyên.")
    report = Report(
        kind=Report.Kind.YEAR_END,
        body=district.state,
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
        issuing_body=district.state,
        issued_on=date(2018, 1, 5),
    )
    content = report_content(report, today=date(2018, 1, 5))
    assert [t.text for t in content.next_tasks] == ["Việc đến hạn năm sau.", "Việc thường xuyên."]
    assert all(t.due_date is None or t.due_date.year == 2018 for t in content.next_tasks)
    assert [t.text for t in content.late_tasks] == ["Việc đã quá hạn."]


def test_a_large_scope_stays_short_and_the_detail_goes_to_the_appendix(district):
    for index in range(12):
        programme = signed_programme(
            [district.state, district.party],
            title=f"Chương trình phối hợp số {index}",
            start=date(2017, 1, 1),
        )
        for number in range(1, 16):
            clause_with(
                programme,
                number=number,
                text=f"Nội dung {number} của chương trình {index}: tuyên truyền, vận động "
                "Nhân dân thực hiện các chủ trương của Đảng, chính sách của Nhà nước.",
                due_date=date(2017, 6, 30) if number == 1 else date(2017, 12, 31),
                indicators=[("Tin, bài", "tin, bài", 10)],
                progress=[(date(2017, 5, 1), "on_track" if number == 1 else "done", [number], "")],
            )
    report = build(
        None,
        district.state,
        kind=Report.Kind.YEAR_END,
        period=year_period(2017),
        body=district.state,
    )
    reader, pages = pdf_text(report.pdf)
    appendix, appendix_pages = pdf_text(report.appendix_pdf)
    assert len(pages) <= 40
    assert len(appendix_pages) > len(pages)  # 180 clauses, one by one, are in the appendix
    assert "PHỤ LỤC" in appendix_pages[0]
    assert f"Kèm theo Báo cáo số {report.reference}" in appendix_pages[0]
    text = " ".join(pages)
    # Overdue clauses stay in the main document in full, the others are not listed there.
    assert "Nội dung 1 của chương trình 0" in text
    assert "Nội dung 7 của chương trình 0" not in text
    assert "Nội dung 7 của chương trình 0" in " ".join(appendix_pages)


# --- the names of the report's own date -----------------------------------------------


def test_a_report_prints_the_names_of_its_date_of_issue(programme, district):
    """Renamed by the 2025 reorganisation (the service an administrator's form calls):
    the report issued in 2017 still prints the names of 2017 — the issuing body, the
    committee above it, the recipients — and one issued after the change the new ones."""
    report_2017 = build(programme, district.party)
    july = date(2025, 7, 1)
    body_rename(
        body=district.committee,
        name="Đảng ủy Thanh Trì",
        full_name="Đảng ủy Thanh Trì",
        effective_on=july,
    )
    body_rename(
        body=district.party,
        name="Ban Tuyên giáo và Dân vận Đảng ủy Thanh Trì",
        full_name="Ban Tuyên giáo và Dân vận Đảng ủy Thanh Trì",
        effective_on=july,
    )
    body_rename(
        body=district.state,
        name="UBND Thanh Trì",
        full_name="Ủy ban nhân dân Thanh Trì mới",
        effective_on=july,
    )
    # The 2017 report rebuilt today (a new copy, as a correction's original would be).
    old = " ".join(pdf_text(report_build(report_id=report_2017.pk, rebuild=True).pdf)[1])
    assert "HUYỆN ỦY THANH TRÌ BAN TUYÊN GIÁO" in old
    assert "Ban Tuyên giáo Huyện ủy Thanh Trì báo cáo" in old
    assert "- Huyện ủy Thanh Trì (để báo cáo)," in old
    assert "Đảng ủy" not in old and "ĐẢNG ỦY" not in old and "Thanh Trì mới" not in old
    assert "UBND Thanh Trì" not in old  # its tables too: "UBND huyện Thanh Trì" then

    district.party.refresh_from_db()
    district.committee.refresh_from_db()
    district.state.refresh_from_db()
    report_2025 = report_create(
        recipients=[district.committee, district.state],
        kind=Report.Kind.QUARTERLY,
        period_start=date(2017, 7, 1),
        period_end=date(2017, 9, 30),
        issuing_body=district.party,
        programme=programme,
        issued_on=date(2025, 7, 10),
        enqueue=False,
    )
    new = " ".join(pdf_text(report_build(report_id=report_2025.pk).pdf)[1])
    assert "ĐẢNG ỦY THANH TRÌ BAN TUYÊN GIÁO VÀ DÂN VẬN" in new
    assert "- Đảng ủy Thanh Trì (để báo cáo)," in new
    assert "Ủy ban nhân dân Thanh Trì mới" in new
    assert "HUYỆN ỦY THANH TRÌ" not in new
    # Its tables name the bodies as they were in the period reported on (2017).
    assert "Ban Tuyên giáo Huyện ủy Thanh Trì" in new
