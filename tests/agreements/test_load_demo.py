"""load_demo brings in the five seed cases as the articles tell them, once."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from agreements import demo as agreements_demo
from agreements.models import Programme, Signing
from agreements.services import programme_fingerprint
from meetings.models import Directive, Meeting
from parties.demo import BODIES, FULL_NAMES
from parties.models import Body, Membership
from reports import services as report_services
from reports.demo import DEMO_REPORTS
from reports.models import Report
from tests.agreements.pdf import pdf_bytes

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def demo(db, monkeypatch):
    """The demo as load_demo loads it, less the rendering of its documents: the reports'
    PDFs are a stand-in here and the programmes' are not made (rendering and signing
    them is most of load_demo's time; what they print is tested in tests/reports and
    tests/agreements/test_documents.py, every demo file in test_demo_notes.py)."""
    monkeypatch.setattr(
        report_services, "html_to_pdf", lambda html, keywords=None: (pdf_bytes(), [])
    )
    monkeypatch.setattr(
        report_services, "sign_report_pdf", lambda report, pdf, places, keyed=False: pdf
    )
    monkeypatch.setattr(agreements_demo, "load_documents", lambda registry: 0)
    call_command("load_demo", stdout=StringIO())


def counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"parties", "agreements", "meetings", "reports", "auth"}
    }


def test_running_it_twice_changes_nothing(demo):
    before = counts()
    stamps = list(Programme.objects.order_by("pk").values_list("pk", "updated_at"))
    call_command("load_demo", stdout=StringIO())
    assert counts() == before
    assert list(Programme.objects.order_by("pk").values_list("pk", "updated_at")) == stamps


def test_thanh_tri_2017_was_signed_in_room_1_by_the_named_officials(demo):
    programme = Programme.objects.get(issuer__code="BTGHU", year=2017)
    assert programme.status == Programme.Status.SIGNED
    assert programme.signing.date == date(2017, 3, 30)
    assert programme.signing.place == "Phòng họp số 1 UBND huyện Thanh Trì"
    signatories = {(s.official.full_name, s.position) for s in programme.signatories.all()}
    assert signatories == {
        ("Phùng Xuân Trường", "UVTV, Trưởng ban Tuyên giáo Huyện ủy"),
        ("Vũ Văn Nhàn", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"),
    }
    assert [w.official.full_name for w in programme.signing.witnesses.all()] == ["Nguyễn Văn Thành"]
    assert set(programme.parties.values_list("name", flat=True)) == {
        "Ban Tuyên giáo Huyện ủy Thanh Trì",
        "UBND huyện Thanh Trì",
    }
    assert programme.clauses.count() == 6


def test_the_nga_bay_ceremony_signed_four_programmes_at_once(demo):
    signing = Signing.objects.get(date=date(2021, 12, 31))
    programmes = signing.programmes.all()
    assert programmes.count() == 4
    partners = {
        party.body.code
        for programme in programmes
        for party in programme.memberships.all()
        if party.body.code != "BTGTU"
    }
    assert partners == {"HĐND", "UBND", "TAND", "VKSND"}
    assert all(p.legal_basis.startswith("Quyết định số 238-QĐ/TW") for p in programmes)
    assert signing.witnesses.get().official.full_name == "Dương Văn Sơn"
    assert signing.meeting.kind == Meeting.Kind.SIGNING


def test_the_township_signing_carried_three_directives(demo):
    meeting = Meeting.objects.get(kind=Meeting.Kind.SIGNING, starts_at__date=date(2018, 10, 2))
    assert meeting.directives.count() == 3
    assert "cụ thể chi tiết đầu việc" in meeting.limitations
    assert meeting.directives.filter(text__startswith="Xây dựng lại kế hoạch").exists()
    programme = meeting.programmes.get()
    assert programme.period_start.year == 2018 and programme.period_end.year == 2021
    amendment = programme.amendments.get()
    assert amendment.clauses.get().replaces.number == 4


def test_cam_le_reviewed_2017_and_signed_2018_on_the_same_day(demo):
    review = Meeting.objects.get(kind=Meeting.Kind.INTERIM_REVIEW)
    assert review.starts_at.date() == date(2018, 4, 23)
    assert review.chair.full_name == "Lê Văn Sơn"
    assert review.signing.date == date(2018, 4, 23)
    closed = Programme.objects.get(status=Programme.Status.CLOSED)
    assert closed.year == 2017 and closed.issuer.unit.name == "Cẩm Lệ"
    assert review.signing.programmes.get().year == 2018


def test_the_hanoi_review_counts_over_a_thousand_conferences(demo):
    programme = Programme.objects.get(issuer__code="BTGTU", issuer__unit__name="Hà Nội")
    clause = programme.clauses.get(number=1)
    total = sum(v.value for r in clause.progress_reports.all() for v in r.values.all())
    assert total > 1000
    assert Meeting.objects.filter(kind=Meeting.Kind.FINAL_REVIEW, programmes=programme).exists()


def test_every_signed_fingerprint_matches_its_text(demo):
    for programme in Programme.objects.exclude(status=Programme.Status.DRAFT):
        assert programme.fingerprint == programme_fingerprint(programme)


def test_every_demo_body_has_its_full_official_name(demo):
    assert {key for key, *_rest in BODIES} == set(FULL_NAMES)
    names = dict(Body.objects.values_list("name", "full_name"))
    assert names["UBND huyện Thanh Trì"] == "Ủy ban nhân dân huyện Thanh Trì"
    assert names["HĐND thành phố Ngã Bảy"] == "Hội đồng nhân dân thành phố Ngã Bảy"
    assert names["TAND thành phố Ngã Bảy"] == "Tòa án nhân dân thành phố Ngã Bảy"
    assert names["Ủy ban MTTQ Việt Nam quận Cẩm Lệ"] == (
        "Ủy ban Mặt trận Tổ quốc Việt Nam quận Cẩm Lệ"
    )
    for body in Body.objects.all():
        body.full_clean()  # written out, in ordinary case
        assert not {"UBND", "HĐND", "MTTQ", "TAND", "VKSND"} & set(body.full_name.split())


def test_there_is_one_demo_account_per_role(demo):
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert Directive.objects.count() >= 10


# --- the demo's reports (reports/demo.py) ---------------------------------------------


def report_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT / "reports"
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def test_the_demo_reports_are_ready_to_download(demo):
    reports = {report.automatic_key: report for report in Report.objects.all()}
    assert set(reports) == {spec["key"] for spec in DEMO_REPORTS}
    for report in reports.values():
        assert report.status == Report.Status.DONE, report.automatic_key
        for field_file in (report.pdf, report.appendix_pdf, report.xlsx, report.html):
            assert field_file.storage.exists(field_file.name)
    hanoi = reports["demo:hanoi-686"]
    assert hanoi.reference == "686-BC/BTGTU"
    assert (hanoi.kind, hanoi.issued_on, hanoi.place_name) == (
        Report.Kind.MULTI_YEAR,
        date(2019, 6, 25),
        "Hà Nội",
    )
    assert hanoi.body.name == "Ban Tuyên giáo Thành ủy Hà Nội"
    # The article does not say who signed 686: nobody is named, none guessed.
    assert (hanoi.signer, hanoi.signer_position) == (None, "")
    assert "không nêu người ký" in hanoi.note
    for report in reports.values():
        assert "nơi nhận" in report.note.lower(), report.automatic_key  # the recipients are ours
    thanh_tri = reports["demo:thanhtri-2017-year-end"]
    assert thanh_tri.issuing_body.name == "Ban Tuyên giáo Huyện ủy Thanh Trì"
    assert thanh_tri.issuing_body.is_party_body
    assert (thanh_tri.body, thanh_tri.issued_on) == (thanh_tri.issuing_body, date(2018, 1, 5))
    nga_bay = reports["demo:ngabay-tand-2022-q2"]
    assert nga_bay.programme.memberships.filter(body__code="TAND").exists()
    assert (nga_bay.period_start, nga_bay.period_end) == (date(2022, 4, 1), date(2022, 6, 30))
    assert reports["demo:thanhtri-2017-q3"].reference == "12/BC-UBND"


def test_running_it_twice_keeps_one_file_per_report(demo, settings):
    before = report_files(settings)
    assert len(before) == 4 * len(DEMO_REPORTS)  # PDF, appendix, Excel, preview
    call_command("load_demo", stdout=StringIO())
    assert report_files(settings) == before
    assert Report.objects.count() == len(DEMO_REPORTS)


def test_a_missing_report_file_is_built_again(demo, settings):
    report = Report.objects.get(automatic_key="demo:hanoi-686")
    report.pdf.storage.delete(report.pdf.name)
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert report.pdf.storage.exists(report.pdf.name)
    assert len(report_files(settings)) == 4 * len(DEMO_REPORTS)
    assert "1 báo cáo mẫu" in out.getvalue()


def test_a_supporting_body_that_is_no_party_sees_and_reports(demo, client):
    """The Fatherland Front supports clauses of Thanh Trì 2017 without signing it."""
    programme = Programme.objects.get(issuer__code="BTGHU", year=2017)
    front = User.objects.get(username="canbo.mttq").membership.body
    assert not programme.memberships.filter(body=front).exists()
    assert programme.clauses.filter(supporting_bodies=front).exists()
    client.force_login(User.objects.get(username="canbo.mttq"))
    assert (
        client.get(reverse("agreements:programme_detail", args=[programme.pk])).status_code == 200
    )
    work = client.get(reverse("agreements:my_work")).context["page"].object_list
    assert {clause.programme_id for clause in work} == {programme.pk}
    assert all(clause.user_can_report for clause in work)


# --- after the 2025 reorganisation (parties/ and agreements/demo_reorganisation.py) ---


def test_thanh_tri_passes_to_dai_thanh_on_1_july_2025(demo, client):
    """The district ends the day before Nghị quyết 1656/NQ-UBTVQH15 takes effect; xã Đại
    Thanh's bodies inherit the 2017 programme, find it, see its handover in its history
    and report on it; the 2017 report still prints the district's names."""
    district = Body.objects.get(code="BTGHU").unit
    assert district.ended_on == date(2025, 6, 30)
    programme = Programme.objects.get(issuer__code="BTGHU", year=2017)
    assert programme.handovers.count() == 2
    assert "1656/NQ-UBTVQH15" in programme.handovers.first().reorganisation.legal_basis
    client.force_login(User.objects.get(username="canbo.daithanh"))
    assert (
        client.get(reverse("agreements:programme_detail", args=[programme.pk])).status_code == 200
    )
    history = client.get(reverse("agreements:programme_history", args=[programme.pk]))
    assert "UBND huyện Thanh Trì" in history.text
    work = client.get(reverse("agreements:my_work")).context["page"].object_list
    assert {clause.programme_id for clause in work} == {programme.pk}
    report = Report.objects.get(automatic_key="demo:thanhtri-2017-q3")
    assert report.issuing_body.full_name_on(report.period_end).endswith("huyện Thanh Trì")


def test_the_illustrative_is_said_in_notes_and_the_administrator_manages_hanoi(demo, client):
    dai_thanh = Body.objects.get(name="UBND xã Đại Thanh")
    assert dai_thanh.note.startswith("Minh họa")
    assert "Minh họa" not in dai_thanh.name + dai_thanh.full_name
    admin = User.objects.get(username="quantri.hanoi")
    assert admin.membership.role == Membership.Role.ADMINISTRATOR and not admin.is_staff
    client.force_login(admin)
    page = client.get(reverse("parties:home"))
    assert "UBND xã Đại Thanh" in page.text
    assert client.get(reverse("admin:index")).status_code == 302


# --- the corrections found by reading the seed articles again ---------------------------


def test_the_hanoi_quy_che_keeps_its_title_and_its_levels(demo):
    programme = Programme.objects.get(issuer__code="BTGTU", issuer__unit__name="Hà Nội")
    assert programme.title.startswith(
        "Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản lý Nhà nước cùng cấp"
    )
    levels = {(p.body.code, p.body.unit.name) for p in programme.memberships.all()}
    assert levels == {
        ("BTGTU", "Hà Nội"),
        ("UBND", "Hà Nội"),
        ("BTGHU", "Thanh Trì"),
        ("UBND", "Thanh Trì"),
    }
    assert programme.legal_basis == ""  # it is not its own basis
    # The article gives neither its number nor its date nor where it was signed: none is
    # invented; it is cited by its title, and its note says so.
    assert (programme.number, programme.symbol, programme.reference) == (None, "", "")
    assert (programme.signing.date, programme.signing.place) == (None, "")
    assert not programme.signatories.exists()  # nor who signed: no stand-in signs
    assert programme.citation == programme.title == str(programme)
    assert programme.in_force_from == programme.period_start
    assert "không nêu số, ngày ban hành" in programme.note
    assert programme.signing.note == ""  # the signing's note is printed: nothing invented
    assert programme.fingerprint == programme_fingerprint(programme)


def test_the_hanoi_quy_che_page_says_the_source_gives_no_number_or_date(demo, client):
    programme = Programme.objects.get(issuer__code="BTGTU", issuer__unit__name="Hà Nội")
    client.force_login(User.objects.get(username="quantri"))
    page = client.get(reverse("agreements:programme_detail", args=[programme.pk])).content
    text = page.decode()
    assert "Nguồn ghi nhận chương trình này không cho biết số văn bản." in text
    assert "không cho biết ngày, nơi ký" in text
    assert "QCPH" not in text
    listing = client.get(reverse("agreements:programme_list")).content.decode()
    assert "Quy chế phối hợp giữa Ban Tuyên giáo các cấp" in listing


def test_report_686_covers_the_quy_che_at_every_level(demo):
    report = Report.objects.get(automatic_key="demo:hanoi-686")
    quy_che = Programme.objects.get(issuer__code="BTGTU", issuer__unit__name="Hà Nội")
    assert report.body.programmes.filter(pk=quy_che.pk).exists()
    assert quy_che.memberships.filter(body__unit__name="Thanh Trì").count() == 2
    assert report.title.startswith("Tổng kết 10 năm thực hiện Quy chế phối hợp giữa Ban Tuyên giáo")


def test_nga_bay_keeps_khoa_xii_and_starts_when_signed(demo):
    signing = Signing.objects.get(date=date(2021, 12, 31))
    for programme in signing.programmes.all():
        assert programme.legal_basis == (
            "Quyết định số 238-QĐ/TW của Ban Bí thư Trung ương Đảng khóa XII."
        )
        assert programme.period_start == signing.date
        assert programme.period_end == date(2025, 12, 31)


def test_guests_who_came_to_direct_do_not_chair(demo):
    """Dương Văn Sơn (Ngã Bảy) and Nguyễn Đăng Kỷ, Phạm Quốc Đạt (the township)
    "đến dự và chỉ đạo": they attend, they direct, they do not chair."""
    for day, guests in [
        (date(2021, 12, 31), {"Dương Văn Sơn"}),
        (date(2018, 10, 2), {"Nguyễn Đăng Kỷ", "Phạm Quốc Đạt"}),
    ]:
        meeting = Meeting.objects.get(kind=Meeting.Kind.SIGNING, starts_at__date=day)
        assert meeting.chair is None or meeting.chair.full_name not in guests
        present = {a.official.full_name for a in meeting.attendances.filter(present=True)}
        assert guests <= present
        assert "không chủ trì" in meeting.note


def test_the_township_directives_go_to_the_bodies_the_article_names(demo):
    meeting = Meeting.objects.get(kind=Meeting.Kind.SIGNING, starts_at__date=date(2018, 10, 2))
    addressed = {d.text.split(",")[0]: d.addressed_body.name for d in meeting.directives.all()}
    # "đề nghị UBND thị và các bộ phận chuyên môn cần xây dựng lại kế hoạch …"
    assert addressed["Xây dựng lại kế hoạch"] == "UBND thị trấn"
    # "UBMTTQ xã làm tốt vai trò đầu mối … Đồng thời báo cáo kịp thời với cấp ủy …"
    assert addressed["Làm tốt vai trò đầu mối trong điều hành"] == "Ủy ban MTTQ Việt Nam thị trấn"
    assert addressed["Báo cáo kịp thời với cấp ủy Đảng"] == "Ủy ban MTTQ Việt Nam thị trấn"
    assert not meeting.programmes.get().legal_basis  # the article cites none


def test_cam_le_is_between_the_ubnd_and_the_front_with_the_mass_organisations(demo):
    for programme in Programme.objects.filter(issuer__unit__name="Cẩm Lệ"):
        parties = set(programme.memberships.values_list("body__name", flat=True))
        assert parties == {
            "UBND quận Cẩm Lệ",
            "Ủy ban MTTQ Việt Nam quận Cẩm Lệ",
            "Các đoàn thể chính trị - xã hội quận Cẩm Lệ",
        }
        assert programme.signatories.count() == 3


def test_what_an_article_leaves_unnamed_is_named_for_what_it_is(demo):
    """No "(bài viết không nêu tên)" in a name: the fact is in the record's note."""
    from parties.models import AdministrativeUnit, Official

    for name in [
        *AdministrativeUnit.objects.values_list("name", flat=True),
        *Body.objects.values_list("name", flat=True),
        *Body.objects.values_list("full_name", flat=True),
        *Official.objects.values_list("full_name", flat=True),
        *Official.objects.values_list("position", flat=True),
    ]:
        assert "(" not in name and "không nêu" not in name, name
    party = Body.objects.get(name="Đảng ủy thị trấn")
    assert party.parent.name == "Huyện ủy" and party.unit.parent == party.parent.unit
    assert "không nêu tên thị trấn" in party.note
    court = Official.objects.get(body__code="TAND", body__unit__name="Ngã Bảy")
    assert "không nêu tên" in court.note
