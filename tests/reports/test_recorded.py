"""What a report prints of what its sources do not give: a programme without a number or a
signing day is cited by its title; a report whose source does not name who signed it
prints no signer, and no untitled record ("Lãnh đạo …", a stand-in) ever signs one."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Programme, Signing
from reports.models import Report
from reports.periods import quarter_period, year_period
from reports.selectors.content import report_content
from reports.services import report_build, report_create
from reports.signature import report_signer
from tests.factories import OfficialFactory, ProgrammeFactory, user_in
from tests.reports.factories import District, clause_with
from tests.reports.test_document import pdf_text

pytestmark = pytest.mark.django_db

TITLE = "Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản lý Nhà nước cùng cấp"


@pytest.fixture
def district():
    return District()


@pytest.fixture
def quy_che(district):
    """In force since 2009; its source gives neither its number nor its signing day."""
    programme = ProgrammeFactory(
        issuer=district.party,
        parties=[district.party, district.state],
        number=None,
        symbol="",
        year=2009,
        title=TITLE,
        period_start=date(2009, 6, 1),
        period_end=date(2019, 6, 30),
        status=Programme.Status.SIGNED,
        signing=Signing.objects.create(date=None, place=""),
        fingerprint="0" * 64,
    )
    clause_with(
        programme,
        number=1,
        lead=district.party,
        text="Phối hợp tổ chức hội nghị chuyên đề.",
        indicators=[("Hội nghị chuyên đề", "hội nghị", 100)],
        progress=[(date(2017, 6, 15), "on_track", [12], "")],
    )
    return programme


def issued(body, scope, kind=Report.Kind.YEAR_END, period=None, **fields):
    period = period or year_period(2017)
    report = report_create(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        issuing_body=body,
        issued_on=date(2018, 1, 5),
        enqueue=False,
        **scope,
        **fields,
    )
    return report_build(report_id=report.pk)


def test_a_programme_without_number_is_in_force_and_cited_by_its_title(district, quy_che):
    report = issued(district.party, {"body": district.party})
    content = report_content(report, today=date(2018, 1, 5))
    assert [p.pk for p in content.programmes] == [quy_che.pk]
    [clause] = content.clauses
    assert clause.subject == f"Nội dung 1, {TITLE}"
    _reader, pages = pdf_text(report.pdf)
    text = " ".join(pages)
    assert TITLE in text
    assert "số None" not in text and "Chương trình phối hợp số –" not in text
    assert "ký ngày" not in text  # no signing day to print
    _reader, appendix = pdf_text(report.appendix_pdf)
    assert TITLE in " ".join(appendix) and "ký ngày" not in " ".join(appendix)


def test_a_report_on_it_says_it_reports_on_the_act_by_its_name(district, quy_che):
    report = issued(
        district.party,
        {"programme": quy_che},
        kind=Report.Kind.QUARTERLY,
        period=quarter_period(2017, 2),
    )
    _reader, pages = pdf_text(report.pdf)
    text = " ".join(pages)
    assert f"báo cáo kết quả thực hiện {TITLE} trong quý II năm 2017" in text
    assert "Chương trình phối hợp số" not in text


def test_no_untitled_record_is_proposed_to_sign(district, quy_che):
    stand_in = OfficialFactory(body=district.party, full_name="Lãnh đạo Ban", position="Lãnh đạo")
    district.party_head.delete()
    draft = Report.objects.create(
        kind=Report.Kind.YEAR_END,
        body=district.party,
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
        issuing_body=district.party,
        place_name="Thanh Trì",
        title="Báo cáo",
    )
    assert report_signer(draft) is None
    # A report recorded as issued must name its signer, or say its source does not.
    with pytest.raises(ValidationError) as error:
        issued(district.party, {"body": district.party})
    assert "signer" in error.value.message_dict
    report = issued(district.party, {"body": district.party}, signer=stand_in)
    assert report.signer == stand_in  # chosen by a person, not guessed


def test_a_report_whose_signer_is_not_known_prints_none(client, district, quy_che):
    report = issued(district.party, {"body": district.party}, signer_unknown=True)
    assert report.state == Report.State.ISSUED
    assert (report.signer, report.signer_position) == (None, "")
    assert len(report.text_sha256) == 64
    _reader, pages = pdf_text(report.pdf)
    closing = pages[-1].split("Nơi nhận")[-1]
    assert "TRƯỞNG BAN" not in closing and "K/T" not in closing
    assert district.party_head.full_name not in closing
    client.force_login(user_in(district.party))
    page = client.get(
        reverse("reports:detail", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert 'id="signer-unknown"' in page
    assert "Không rõ: nguồn ghi nhận hồ sơ này không cho biết." in page


def test_a_report_with_a_known_signer_still_prints_the_block(district, quy_che):
    report = issued(district.party, {"body": district.party})
    _reader, pages = pdf_text(report.pdf)
    assert f"TRƯỞNG BAN {district.party_head.full_name}" in pages[-1]


def test_a_report_proposes_nothing_to_the_body_that_issues_it(vietnamese):
    from collections import Counter
    from types import SimpleNamespace

    from reports.narrative import proposals

    late = Counter(["UBND huyện Thanh Trì"])  # content.concern_bodies: one late clause
    own = proposals(SimpleNamespace(concern_bodies=late, issuer_name="UBND huyện Thanh Trì"))
    assert "UBND huyện Thanh Trì" not in own
    other = proposals(SimpleNamespace(concern_bodies=late, issuer_name="Ban Tuyên giáo Huyện ủy"))
    assert "Đề nghị UBND huyện Thanh Trì" in other


def test_a_report_on_one_programme_closes_on_that_programme(district, quy_che):
    report = issued(
        district.party,
        {"programme": quy_che},
        kind=Report.Kind.QUARTERLY,
        period=quarter_period(2017, 2),
    )
    _reader, pages = pdf_text(report.pdf)
    text = " ".join(pages)
    assert f"Trên đây là báo cáo kết quả thực hiện {TITLE} quý II năm 2017 của" in text
    assert "các chương trình phối hợp quý II" not in text


@pytest.mark.parametrize(
    ("late", "risky", "expected"),
    [
        (1, 0, "Còn 1 nội dung quá hạn chưa hoàn thành."),
        (0, 2, "Còn 2 nội dung có nguy cơ chậm tiến độ."),
        (1, 2, "Còn 1 nội dung quá hạn chưa hoàn thành và 2 nội dung có nguy cơ chậm tiến độ."),
    ],
)
def test_the_assessment_never_counts_zero_clauses(vietnamese, late, risky, expected):
    from types import SimpleNamespace

    from agreements.models import ClauseStatus as S
    from reports.narrative import weaknesses_and_causes

    counts = {S.OVERDUE: late, S.AT_RISK: risky, S.NOT_STARTED: 0}
    content = SimpleNamespace(
        clause_counts=SimpleNamespace(counts=counts),
        directives=[],
        concerns=[],
        unexplained_concerns=0,
    )
    text = weaknesses_and_causes(content)
    assert text.startswith(expected)
    assert " 0 nội dung" not in text
