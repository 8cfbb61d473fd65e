"""The signature block each kind of body prints (parties/signature_blocks.py): Decree
30/2020/NĐ-CP for State bodies, 36-HD/VPTW for Party bodies, the Front's own rules."""

from datetime import date

import pytest

from parties.models import Body
from parties.signature_blocks import body_head, party_line, signer_block, signing_title
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory

pytestmark = pytest.mark.django_db

K = Body.Kind


@pytest.fixture
def unit():
    return DistrictFactory(name="Thanh Trì")


def body(unit, kind, name, full_name=None, **extra):
    return BodyFactory(unit=unit, kind=kind, name=name, full_name=full_name or name, **extra)


def official(body, name, position, **extra):
    return OfficialFactory(body=body, full_name=name, position=position, **extra)


@pytest.fixture
def ubnd(unit):
    full_name = "Ủy ban nhân dân huyện Thanh Trì"
    return body(unit, K.PEOPLES_COMMITTEE, "UBND huyện Thanh Trì", full_name)


@pytest.fixture
def committee(unit):
    return body(unit, K.PARTY_COMMITTEE, "Huyện ủy Thanh Trì", code="HU")


@pytest.fixture
def ban(unit, committee):
    return body(unit, K.PARTY_ORGAN, "Ban Tuyên giáo Huyện ủy Thanh Trì", parent=committee)


def test_a_peoples_committee_is_signed_on_behalf_of_the_committee(ubnd):
    chair = official(ubnd, "Vũ Văn Nhàn", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện")
    block = signer_block(ubnd, chair)
    assert block.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert block.name == "Vũ Văn Nhàn"


def test_a_deputy_chair_signs_for_the_chair_under_the_committee(ubnd):
    deputy = official(ubnd, "Nguyễn Văn A", "Phó Chủ tịch UBND huyện")
    block = signer_block(ubnd, deputy)
    assert block.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_a_party_organ_is_signed_by_its_head_or_for_its_head(ban):
    head = official(ban, "Phùng Xuân Trường", "UVTV, Trưởng ban Tuyên giáo Huyện ủy")
    deputy = official(ban, "Hoàng Thị Thu Thủy", "Phó Ban Tuyên giáo Huyện ủy")
    assert signer_block(ban, head).lines == ["TRƯỞNG BAN"]
    assert signer_block(ban, deputy).lines == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]


def test_a_party_committee_signs_on_behalf_of_its_standing_committee(committee):
    secretary = official(committee, "Lê Văn C", "Bí thư Huyện ủy")
    deputy = official(committee, "Vũ Văn Nhàn", "Phó Bí thư Huyện ủy")
    assert signer_block(committee, secretary).lines == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    # 36-HD/VPTW: under "T/M" a deputy writes only their title, no "K/T".
    assert signer_block(committee, deputy).lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]


def test_the_fatherland_front_signs_for_its_standing_board(unit):
    front = body(unit, K.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam huyện Thanh Trì")
    chair = official(front, "Đỗ Thị D", "Chủ tịch Ủy ban MTTQ Việt Nam huyện")
    assert signer_block(front, chair).lines == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]


@pytest.mark.parametrize(
    ("kind", "position", "lines"),
    [
        (K.COURT, "Chánh án Tòa án nhân dân thành phố", ["CHÁNH ÁN"]),
        (K.COURT, "Phó Chánh án", ["KT. CHÁNH ÁN", "PHÓ CHÁNH ÁN"]),
        (K.PROCURACY, "Viện trưởng Viện kiểm sát nhân dân", ["VIỆN TRƯỞNG"]),
        (K.PROCURACY, "Phó Viện trưởng", ["KT. VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG"]),
        (K.PEOPLES_COUNCIL, "Chủ tịch HĐND", ["TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"]),
        (K.DEPARTMENT, "Phó Trưởng phòng", ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]),
    ],
)
def test_bodies_under_one_head_and_the_council(unit, kind, position, lines):
    signer_body = body(unit, kind, f"Cơ quan {kind}")
    assert signer_block(signer_body, official(signer_body, "Trần Văn B", position)).lines == lines


def test_the_title_is_the_office_held_in_the_body_not_the_whole_position(ubnd, ban):
    assert signing_title("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", ubnd) == "Chủ tịch"
    assert signing_title("UVTV, Trưởng ban Tuyên giáo Huyện ủy", ban) == "Trưởng ban"


def test_a_body_with_no_official_gets_the_block_without_a_name(ubnd, ban):
    block = signer_block(ubnd, None)
    assert block.lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] and block.name == ""
    assert signer_block(ban, None).lines == ["TRƯỞNG BAN"]


def test_the_position_held_on_the_day_is_the_one_printed(ubnd):
    chair = official(ubnd, "Vũ Văn Nhàn", "Chủ tịch UBND huyện")
    block = signer_block(ubnd, chair, date(2017, 3, 30), "Phó Chủ tịch UBND huyện")
    assert block.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_a_joint_block_names_its_body_where_the_block_would_not(ubnd, ban):
    head = official(ban, "Phùng Xuân Trường", "Trưởng ban Tuyên giáo")
    assert signer_block(ban, head, joint=True).party == "BAN TUYÊN GIÁO HUYỆN ỦY THANH TRÌ"
    assert signer_block(ban, head).party == ""
    # "TM. ỦY BAN NHÂN DÂN" already says whose block it is.
    assert party_line(ubnd) == ""


def test_the_head_is_a_titled_official_never_a_deputy(ubnd):
    official(ubnd, "Nguyễn Văn A", "Phó Chủ tịch UBND huyện")
    chair = official(ubnd, "Vũ Văn Nhàn", "Chủ tịch UBND huyện")
    assert body_head(ubnd) == chair


def test_blocks_that_read_alike_name_their_bodies(unit, ubnd, ban):
    from parties.signature_blocks import told_apart

    city = body(
        DistrictFactory(name="Hà Nội"),
        K.PEOPLES_COMMITTEE,
        "UBND thành phố Hà Nội",
        "Ủy ban nhân dân thành phố Hà Nội",
    )
    bodies = [ubnd, city, ban]
    blocks = told_apart([signer_block(b, None, joint=True) for b in bodies], bodies)
    assert [b.party for b in blocks] == [
        "ỦY BAN NHÂN DÂN HUYỆN THANH TRÌ",
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        "BAN TUYÊN GIÁO HUYỆN ỦY THANH TRÌ",
    ]
    # One People's Committee among other kinds needs no name over its block.
    alone = told_apart([signer_block(b, None, joint=True) for b in (ubnd, ban)], [ubnd, ban])
    assert alone[0].party == ""


def test_a_representative_record_is_given_no_title_it_does_not_hold(ubnd):
    # The demo's "Đại diện lãnh đạo UBND thị trấn": the article names no signer, so
    # the record says only "a leader"; the block must not make them the Chairman.
    representative = official(ubnd, "Đại diện lãnh đạo UBND huyện", "Lãnh đạo UBND huyện")
    block = signer_block(ubnd, representative)
    assert block.lines == ["TM. ỦY BAN NHÂN DÂN"]
    assert block.name == "Đại diện lãnh đạo UBND huyện"
    assert signing_title("Lãnh đạo UBND huyện", ubnd) == ""


def test_a_group_body_represented_prints_no_head_title(unit):
    group = body(unit, K.GROUP, "Khối dân vận thị trấn")
    representative = official(group, "Đại diện Khối dân vận thị trấn", "Lãnh đạo Khối dân vận")
    block = signer_block(group, representative, joint=True)
    assert block.lines == []
    assert block.party == "KHỐI DÂN VẬN THỊ TRẤN"
    assert "TRƯỞNG BAN" not in block.lines


def test_a_blank_block_still_shows_the_heads_title(ubnd):
    # No one recorded yet (a draft): the form shows whose signature it awaits.
    assert signer_block(ubnd, None).lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
