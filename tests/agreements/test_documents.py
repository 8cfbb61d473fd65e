"""The programme as a document, signed digitally and verified (issue 14)."""

import io
import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from agreements.models import ProgrammeDocument
from agreements.services import amendment_create
from agreements.services.documents import document_build, document_for, document_request
from parties.certificate_authority import issue_pkcs12, make_authority
from parties.certificates import certificate_store
from parties.services import body_rename, unit_rename
from parties.verification import verify_copy
from tests.agreements.factories import district_bodies, draft, signed

pytestmark = pytest.mark.django_db

# A fixed moment: certificates valid around it, whatever the wall clock says.
NOW = datetime(2024, 1, 1, tzinfo=UTC)


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in reader.pages]


def built(programme, amendment=None):
    document = document_request(programme=programme, amendment=amendment)
    document_build(document_id=document.pk)
    document.refresh_from_db()
    return document, document.pdf.read()


@pytest.fixture
def authority(tmp_path, settings):
    authority = make_authority("CA thử nghiệm", now=datetime.now(UTC))
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(authority.pem)
    settings.SIGNATURE_TRUST_ROOTS = str(bundle)
    return authority


@pytest.fixture
def parties():
    return district_bodies()


def test_a_draft_prints_the_joint_header_the_sections_and_draft_mark(parties):
    btg, ubnd = parties
    programme = draft([btg, ubnd], title="Chương trình phối hợp tuyên truyền năm 2024")
    document, data = built(programme)
    pages = pdf_text(data)
    first, whole = pages[0], " ".join(pages)
    assert "DỰ THẢO" in first
    # Led by a Party body: a Party document, both bodies in the header, lead first.
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first
    assert first.index(btg.full_name.upper().split(" HUYỆN")[0]) < first.index("UBND")
    assert "CHƯƠNG TRÌNH PHỐI HỢP" in first
    assert "Tuyên truyền năm 2024" in first
    assert "Số 01-CTrPH/BTGHU-UBND" in first
    for heading in ("MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG PHỐI HỢP", "TỔ CHỨC THỰC HIỆN"):
        assert heading in whole
    assert "Chủ trì" in whole and "phối hợp" in whole
    assert "SHA-256" not in whole
    assert document.record.is_draft


def test_a_state_led_programme_prints_the_national_title(parties):
    btg, ubnd = parties
    programme = draft([ubnd, btg])
    _document, data = built(programme)
    first = pdf_text(data)[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in first


def test_the_signed_document_prints_signatories_hash_and_verifies_unchanged(parties):
    btg, ubnd = parties
    programme = signed([btg, ubnd])
    document, data = built(programme)
    last = pdf_text(data)[-1]
    assert "DỰ THẢO" not in " ".join(pdf_text(data))
    assert "Phùng Xuân Trường" in last and "Vũ Văn Nhàn" in last
    assert programme.fingerprint in last.replace(" ", "")
    assert str(document.record.key) in last.replace(" ", "")
    verdict = verify_copy(data)
    assert verdict.known and verdict.unchanged and verdict.genuine
    assert verdict.signatures == []  # no body holds a certificate: handwritten blocks


def test_a_signature_per_certified_body_valid_then_broken_by_one_byte(parties, authority):
    btg, ubnd = parties
    certificate_store(
        body=btg,
        data=issue_pkcs12(authority, "Ban Tuyên giáo", "Huyện ủy", passphrase="mk", now=NOW),
        passphrase="mk",
    )
    programme = signed([btg, ubnd])
    document, data = built(programme)
    verdict = verify_copy(data)
    assert verdict.genuine, verdict.signatures
    (check,) = verdict.signatures
    assert check.body_id == btg.pk and check.intact and check.valid and check.trusted
    assert document.record.digital_signatures == 1

    # One byte of the signed content changed: the copy and the signature both say so.
    at = data.index(b"stream", len(data) // 4) + 20
    tampered = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
    verdict = verify_copy(tampered)
    assert verdict.known and not verdict.unchanged and not verdict.genuine
    assert [s.body_id for s in verdict.broken_signatures] == [btg.pk]


def test_two_certified_bodies_sign_in_turn_and_an_untrusted_root_is_said(
    parties, authority, settings
):
    btg, ubnd = parties
    for body in parties:
        data = issue_pkcs12(authority, body.name, "Thử", passphrase="pw", now=NOW)
        certificate_store(body=body, data=data, passphrase="pw")
    _document, data = built(signed([btg, ubnd]))
    verdict = verify_copy(data)
    assert len(verdict.signatures) == 2 and verdict.genuine
    settings.SIGNATURE_TRUST_ROOTS = ""
    verdict = verify_copy(data)
    assert all(s.intact and s.valid and not s.trusted for s in verdict.signatures)


def test_an_amendment_prints_as_its_own_document_referring_to_the_original(parties):
    btg, ubnd = parties
    programme = signed([btg, ubnd])
    amendment = amendment_create(
        programme=programme,
        date=programme.period_start,
        title="Bổ sung nội dung",
        text="Bổ sung một nội dung phối hợp.",
    )
    document, data = built(programme, amendment)
    first = pdf_text(data)[0]
    assert "SỬA ĐỔI" in first.upper() and programme.reference in first
    assert document_for(programme, amendment) == document


def test_a_draft_changed_gets_a_new_document_and_key(parties):
    btg, ubnd = parties
    programme = draft([btg, ubnd])
    document, _data = built(programme)
    key = document.record.key
    programme.version += 1
    programme.save(update_fields=["version"])
    again = document_request(programme=programme)
    assert again.pk == document.pk and again.status == ProgrammeDocument.Status.QUEUED
    assert again.record.key != key


def test_an_unknown_pdf_is_not_a_document_of_the_app():
    from tests.agreements.pdf import pdf_bytes

    verdict = verify_copy(pdf_bytes())
    assert not verdict.known and not verdict.genuine


def test_a_report_is_signed_by_its_issuing_body_and_verifies(parties, authority):
    from parties.documents import pdf_and_signature_places
    from reports.signing import sign_report_pdf
    from tests.factories import ReportFactory

    btg, _ubnd = parties
    certificate_store(
        body=btg,
        data=issue_pkcs12(authority, "Ban Tuyên giáo", "Huyện ủy", passphrase="mk", now=NOW),
        passphrase="mk",
    )
    report = ReportFactory(issuing_body=btg)
    html = f'<p>Báo cáo</p><div id="signature-{btg.pk}" style="height:20mm;width:40mm"></div>'
    pdf, places = pdf_and_signature_places(html)
    signed_pdf = sign_report_pdf(report, pdf, places)
    verdict = verify_copy(signed_pdf)
    assert verdict.genuine and verdict.record.kind == "report"
    assert [s.body_id for s in verdict.signatures if s.ok] == [btg.pk]


def test_the_verify_page_names_the_broken_signature(client, parties, authority):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.factories import user_in

    btg, ubnd = parties
    certificate_store(
        body=btg,
        data=issue_pkcs12(authority, "Ban Tuyên giáo Thử", "Huyện ủy", passphrase="mk", now=NOW),
        passphrase="mk",
    )
    _document, data = built(signed([btg, ubnd]))
    at = data.index(b"stream", len(data) // 4) + 20
    tampered = data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
    client.force_login(user_in(ubnd))
    response = client.post(
        reverse("agreements:verify"),
        {"copy": SimpleUploadedFile("ban.pdf", tampered)},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "đã bị thay đổi" in page
    assert "Ban Tuyên giáo Thử" in page and "không còn hợp lệ" in page


# --- the header and signature blocks, by kind of party ---------------------------------


def kinded(district, kind, name, full_name, code, **extra):
    from tests.factories import BodyFactory

    return BodyFactory(unit=district, kind=kind, name=name, full_name=full_name, code=code, **extra)


def signed_by(pairs, **kwargs):
    """A programme between the bodies of `pairs` (the first leads), signed for each by
    the official given, who held the position given."""
    from agreements.services import programmes_sign
    from tests.factories import OfficialFactory

    rows = []
    for body, name, position in pairs:
        official = OfficialFactory(body=body, full_name=name, position=position)
        rows.append((body, official, position))
    programme = draft([body for body, _name, _position in pairs], **kwargs)
    programmes_sign(
        programmes=[programme],
        date=programme.period_start,
        place="Phòng họp số 1",
        signatories={programme: rows},
    )
    programme.refresh_from_db()
    return programme


def blocks_text(data):
    """The text from the signature blocks on: the last page with the blocks."""
    whole = " ".join(pdf_text(data))
    return whole[whole.rindex("TỔ CHỨC THỰC HIỆN") :]


def test_a_ban_and_a_peoples_committee_each_sign_as_their_kind_prints(parties):
    btg, ubnd = parties
    programme = signed_by(
        [
            (btg, "Phùng Xuân Trường", "UVTV, Trưởng ban Tuyên giáo Huyện ủy"),
            (ubnd, "Vũ Văn Nhàn", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"),
        ]
    )
    _document, data = built(programme)
    blocks = blocks_text(data)
    assert "TM. ỦY BAN NHÂN DÂN" in blocks and "CHỦ TỊCH" in blocks
    assert "TRƯỞNG BAN" in blocks
    assert "T/M" not in blocks  # neither side signs for a collective with the Party's T/M
    assert btg.full_name.upper() in blocks  # the Ban's block says whose it is
    assert "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện" not in blocks  # a title, not a position
    # The lead (the Ban) signs on the right: its block comes after the UBND's.
    assert blocks.index("TM. ỦY BAN NHÂN DÂN") < blocks.index("TRƯỞNG BAN")
    last = pdf_text(data)[-1]
    assert "Vũ Văn Nhàn (Chủ tịch)" in last and "Phùng Xuân Trường (Trưởng ban)" in last


def test_representatives_sign_with_no_title_the_record_lacks(parties):
    # As the demo records the town's programme: the article names no signer, so each
    # side is "Đại diện …", a leader of no stated rank.
    btg, ubnd = parties
    programme = signed_by(
        [
            (btg, "Đại diện lãnh đạo Ban Tuyên giáo", "Lãnh đạo Ban Tuyên giáo Huyện ủy"),
            (ubnd, "Đại diện lãnh đạo UBND huyện", "Lãnh đạo UBND huyện"),
        ]
    )
    data = built(programme)[1]
    blocks = blocks_text(data)
    assert "TM. ỦY BAN NHÂN DÂN" in blocks
    assert "CHỦ TỊCH" not in blocks and "TRƯỞNG BAN" not in blocks
    last = pdf_text(data)[-1]
    assert "()" not in last
    assert "Đại diện lãnh đạo UBND huyện" in last


def test_deputies_sign_for_their_heads(parties):
    btg, ubnd = parties
    programme = signed_by(
        [
            (btg, "Hoàng Thị Thu Thủy", "Phó Trưởng ban Tuyên giáo Huyện ủy"),
            (ubnd, "Nguyễn Văn A", "Phó Chủ tịch UBND huyện"),
        ]
    )
    blocks = blocks_text(built(programme)[1])
    assert "K/T TRƯỞNG BAN" in blocks and "PHÓ TRƯỞNG BAN" in blocks
    assert "KT. CHỦ TỊCH" in blocks and "PHÓ CHỦ TỊCH" in blocks
    assert "TM. ỦY BAN NHÂN DÂN" in blocks


def test_a_party_committee_and_the_front_sign_for_their_standing_boards():
    from parties.models import Body
    from tests.factories import DistrictFactory

    district = DistrictFactory(name="Thanh Trì")
    committee = kinded(
        district, Body.Kind.PARTY_COMMITTEE, "Huyện ủy Thanh Trì", "Huyện ủy Thanh Trì", "HU"
    )
    front = kinded(
        district,
        Body.Kind.FATHERLAND_FRONT,
        "Ủy ban MTTQ Việt Nam huyện Thanh Trì",
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Thanh Trì",
        "MTTQ",
    )
    programme = signed_by(
        [
            (committee, "Lê Văn C", "Phó Bí thư Thường trực Huyện ủy"),
            (front, "Đỗ Thị D", "Chủ tịch Ủy ban MTTQ Việt Nam huyện"),
        ],
        symbol="CTrPH/HU-MTTQ",
    )
    _document, data = built(programme)
    first, blocks = pdf_text(data)[0], blocks_text(data)
    # Led by the Party committee: a Party document; the Front keeps its own name block.
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "CỘNG HÒA" not in first
    assert "HUYỆN ỦY THANH TRÌ" in first and "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM" in first
    assert "T/M BAN THƯỜNG VỤ" in blocks and "PHÓ BÍ THƯ" in blocks
    assert "K/T" not in blocks  # under the committee's T/M, no K/T (36-HD/VPTW)
    assert "TM. BAN THƯỜNG TRỰC" in blocks and "CHỦ TỊCH" in blocks


def test_the_court_and_the_procuracy_are_signed_by_their_heads():
    from parties.models import Body
    from tests.factories import DistrictFactory

    district = DistrictFactory(name="Ngã Bảy")
    court = kinded(
        district, Body.Kind.COURT, "TAND thành phố", "Tòa án nhân dân thành phố Ngã Bảy", "TAND"
    )
    procuracy = kinded(
        district,
        Body.Kind.PROCURACY,
        "VKSND thành phố",
        "Viện kiểm sát nhân dân thành phố Ngã Bảy",
        "VKSND",
    )
    programme = signed_by(
        [
            (court, "Trần Văn E", "Chánh án Tòa án nhân dân thành phố"),
            (procuracy, "Lý Thị G", "Phó Viện trưởng Viện kiểm sát nhân dân thành phố"),
        ],
        symbol="CTrPH-TAND-VKSND",
    )
    _document, data = built(programme)
    first, blocks = pdf_text(data)[0], blocks_text(data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "ĐẢNG CỘNG SẢN" not in first
    assert "Số: 01/CTrPH-TAND-VKSND" in first
    assert "CHÁNH ÁN" in blocks and "TM." not in blocks
    assert "KT. VIỆN TRƯỞNG" in blocks and "PHÓ VIỆN TRƯỞNG" in blocks


def test_a_state_led_programme_keeps_the_party_sides_name_block(parties):
    btg, ubnd = parties
    _document, data = built(draft([ubnd, btg], symbol="CTrPH/UBND-BTGHU"))
    first = pdf_text(data)[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số: 01/CTrPH/UBND-BTGHU" in first
    assert btg.full_name.upper().split(" HUYỆN")[0] in first and "*" in first
    # Unsigned: each block holds its body's authority and head's title for the signer.
    blocks = blocks_text(data)
    assert "TM. ỦY BAN NHÂN DÂN" in blocks and "TRƯỞNG BAN" in blocks


# --- the names of the document's own date --------------------------------------------


def test_a_document_prints_the_names_of_its_own_date(parties):
    """A body renamed after the programme was signed: its signed document still prints
    the name it signed under (header, signature block, clauses, place); an amendment
    dated after the rename, and a draft of today, print the new one."""
    btg, ubnd = parties
    old_unit = ubnd.unit.name
    programme = signed([btg, ubnd])  # signed on 01/01/2024
    body_rename(
        body=ubnd,
        name="UBND quận Hoàng Mai",
        full_name="Ủy ban nhân dân quận Hoàng Mai",
        effective_on=date(2025, 7, 1),
    )
    unit_rename(unit=ubnd.unit, name="Hoàng Mai", category="quan", effective_on=date(2025, 7, 1))
    _document, data = built(programme)
    signed_text = " ".join(pdf_text(data))
    assert ubnd.full_name.upper() in signed_text  # "ỦY BAN NHÂN DÂN UBND HUYỆN SỐ …"
    assert f"{old_unit}, ngày 01 tháng 01 năm 2024" in signed_text
    assert "HOÀNG MAI" not in signed_text.upper()

    amendment = amendment_create(
        programme=programme,
        date=date(2025, 8, 1),
        title="Bổ sung nội dung",
        text="Bổ sung một nội dung phối hợp.",
    )
    amended = " ".join(pdf_text(built(programme, amendment)[1]))
    assert "ỦY BAN NHÂN DÂN QUẬN HOÀNG MAI" in amended
    assert "Hoàng Mai, ngày 01 tháng 8 năm 2025" in amended
    assert ubnd.full_name.upper() not in amended


def test_a_draft_prints_the_names_of_today(parties):
    """A draft has no date yet: it prints today's names, the earliest day it is signed
    (a rename from tomorrow is not yet printed, one from today is)."""
    btg, ubnd = parties
    today = timezone.localdate()
    old = btg.full_name
    body_rename(
        body=btg,
        name="Ban Tuyên giáo và Dân vận",
        full_name="Ban Tuyên giáo và Dân vận Huyện ủy",
        effective_on=today + timedelta(days=1),
    )
    body_rename(
        body=ubnd,
        name="UBND quận Hoàng Mai",
        full_name="Ủy ban nhân dân quận Hoàng Mai",
        effective_on=today,
    )
    first = pdf_text(built(draft([btg, ubnd], number=7))[1])[0]
    assert old.upper() in first and "DÂN VẬN" not in first
    assert "ỦY BAN NHÂN DÂN QUẬN HOÀNG MAI" in first
