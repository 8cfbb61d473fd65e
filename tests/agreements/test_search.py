"""Search ignores Vietnamese diacritics and case, identically on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from agreements.search import fold
from agreements.selectors import programme_search
from tests.agreements.factories import district_bodies, draft
from tests.factories import BodyFactory, DistrictFactory, PartyBodyFactory, user_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Thanh Trì", "thanh tri"),
        ("Ủy ban Mặt trận Tổ quốc", "uy ban mat tran to quoc"),
        ("Uỷ ban", "uy ban"),  # the old placement of the tone mark
        ("ĐOÀN THANH NIÊN", "doan thanh nien"),
        ("Hội  đồng\nnhân dân", "hoi dong nhan dan"),
        ("Ngã Bảy", "nga bay"),
    ],
)
def test_fold_strips_marks_and_case(text, folded):
    assert fold(text) == folded


@pytest.fixture
def world():
    district = DistrictFactory(name="Thanh Trì")
    btg, ubnd = district_bodies(district)
    front = BodyFactory(unit=district, name="Ủy ban Mặt trận Tổ quốc Việt Nam huyện")
    with_front = draft([btg, front], number=1, title="Chương trình phối hợp tuyên truyền")
    with_ubnd = draft([btg, ubnd], number=2, title="Phát triển kinh tế - xã hội, đô thị văn minh")
    other = draft(
        list(district_bodies(DistrictFactory(name="Cẩm Lệ"))), title="Chương trình Đà Nẵng"
    )
    return {"user": user_in(btg), "front": with_front, "ubnd": with_ubnd, "other": other}


def found(world, q):
    return set(programme_search(user=world["user"], q=q).values_list("pk", flat=True))


def check_search(world):
    assert found(world, "thanh tri") == {world["front"].pk, world["ubnd"].pk}
    assert found(world, "uy ban mat tran") == {world["front"].pk}
    assert found(world, "ỦY BAN MẶT TRẬN") == {world["front"].pk}
    assert found(world, "do thi van minh") == {world["ubnd"].pk}
    assert found(world, "đô thị") == {world["ubnd"].pk}
    assert found(world, "dô thi") == {world["ubnd"].pk}
    assert found(world, "01-CTrPH") == {world["front"].pk}
    # Another district's programme is never found, even by its own words.
    assert found(world, "da nang") == set()
    assert found(world, "cam le") == set()


def test_search_on_the_default_database(world):
    check_search(world)


@pytest.mark.postgres
def test_search_on_postgresql(world, postgres_only):
    assert connection.vendor == "postgresql"
    check_search(world)


def test_the_list_page_searches_and_keeps_the_query(client, world):
    client.force_login(world["user"])
    response = client.get(reverse("agreements:programme_list"), {"q": "uy ban mat tran"})
    assert [p.pk for p in response.context["page"].object_list] == [world["front"].pk]
    assert 'value="uy ban mat tran"' in response.text


def test_editing_a_draft_refreshes_what_it_is_found_by(world):
    from agreements.services import programme_update

    programme = world["ubnd"]
    programme_update(
        programme=programme,
        number=programme.number,
        symbol=programme.symbol,
        year=programme.year,
        issuer=programme.issuer,
        title="Chương trình An toàn giao thông",
        parties=list(programme.parties.all()),
        lead=programme.issuer,
        period_start=programme.period_start,
        period_end=programme.period_end,
    )
    assert found(world, "an toan giao thong") == {programme.pk}
    assert found(world, "do thi van minh") == set()


# --- abbreviations of the political system, both ways ---------------------------------

# Bodies named only one way (short and full name alike), so that only the search's
# knowledge of abbreviations can find them the other way.
NAMED = {
    "mttq_abbr": "Ủy ban MTTQ huyện",
    "mttq_full": "Ủy ban Mặt trận Tổ quốc Việt Nam thị trấn",
    "ubnd_abbr": "UBND huyện",
    "ubnd_full": "Ủy ban nhân dân thị trấn",
    "hdnd_abbr": "HĐND huyện",
    "hdnd_full": "Hội đồng nhân dân thị trấn",
    "tand_abbr": "TAND huyện",
    "tand_full": "Tòa án nhân dân khu vực 1",
    "vks_abbr": "VKSND huyện",
    "vks_full": "Viện kiểm sát nhân dân khu vực 1",
    "btg_abbr": "Ban Tuyên giáo HU",
    "btg_code": "BTGHU",
    "bdv_abbr": "BDV Huyện ủy",
    "bdv_full": "Ban Dân vận Tỉnh ủy",
    "ubkt_abbr": "UBKT Huyện ủy",
    "hpn_abbr": "HPN huyện",
    "dtn_full": "Đoàn Thanh niên huyện",
    "hnd_abbr": "HND huyện",
    "hccb_full": "Hội Cựu chiến binh huyện",
    "ldld_abbr": "LĐLĐ huyện",
}


@pytest.fixture
def named():
    """A programme of each body above with a neutral partner, seen from the province."""
    district = DistrictFactory(name="Thanh Trì")
    partner = BodyFactory(unit=district, name="Phòng Nội vụ", full_name="Phòng Nội vụ")
    programmes = {}
    for number, (key, name) in enumerate(NAMED.items(), start=1):
        body = BodyFactory(unit=district, name=name, full_name=name)
        programmes[key] = draft(
            [partner, body], number=number, symbol="CTrPH", title=f"Chương trình số {number}"
        )
    plain_word = draft(
        [partner, BodyFactory(unit=district, name="Phòng Tư pháp", full_name="Phòng Tư pháp")],
        number=99,
        symbol="CTrPH",
        title="Tự chủ, tự chịu trách nhiệm",  # "tự" is no "TU" (Tỉnh ủy)
    )
    programmes["plain_word"] = plain_word
    viewer = user_in(BodyFactory(unit=district.parent, name="UBND tỉnh"))
    return viewer, programmes


ABBREVIATION_CASES = [
    ("mat tran to quoc", {"mttq_abbr", "mttq_full"}),
    ("MTTQ", {"mttq_abbr", "mttq_full"}),
    ("Ủy ban MTTQ", {"mttq_abbr", "mttq_full"}),
    ("uy ban nhan dan", {"ubnd_abbr", "ubnd_full"}),
    ("ubnd", {"ubnd_abbr", "ubnd_full"}),
    ("Ủy ban nhân dân huyện", {"ubnd_abbr"}),
    ("UBND thị trấn", {"ubnd_full"}),
    ("hoi dong nhan dan", {"hdnd_abbr", "hdnd_full"}),
    ("HĐND", {"hdnd_abbr", "hdnd_full"}),
    ("hdnd", {"hdnd_abbr", "hdnd_full"}),
    ("Tòa án nhân dân", {"tand_abbr", "tand_full"}),
    ("TAND", {"tand_abbr", "tand_full"}),
    ("vien kiem sat nhan dan", {"vks_abbr", "vks_full"}),
    ("VKSND", {"vks_abbr", "vks_full"}),
    ("ban tuyen giao huyen uy", {"btg_abbr", "btg_code"}),
    ("BTG", {"btg_abbr", "btg_code"}),
    ("Ban Dân vận", {"bdv_abbr", "bdv_full"}),
    ("bdv", {"bdv_abbr", "bdv_full"}),
    ("tinh uy", {"bdv_full"}),
    ("BDV TU", {"bdv_full"}),
    ("uy ban kiem tra", {"ubkt_abbr"}),
    ("hoi phu nu", {"hpn_abbr"}),
    ("ĐTN", {"dtn_full"}),
    ("dtn", {"dtn_full"}),
    ("hoi nong dan", {"hnd_abbr"}),
    ("HCCB", {"hccb_full"}),
    ("lien doan lao dong", {"ldld_abbr"}),
]


def check_abbreviations(named):
    viewer, programmes = named
    keys = {programme.pk: key for key, programme in programmes.items()}
    for query, expected in ABBREVIATION_CASES:
        found = programme_search(user=viewer, q=query).values_list("pk", flat=True)
        assert {keys[pk] for pk in found} == expected, query


def test_abbreviations_find_the_full_names_and_back(named):
    check_abbreviations(named)


@pytest.mark.postgres
def test_abbreviations_find_the_full_names_and_back_on_postgresql(named, postgres_only):
    assert connection.vendor == "postgresql"
    check_abbreviations(named)


def test_a_body_found_by_its_full_name_though_its_short_name_is_abbreviated():
    district = DistrictFactory(name="Cẩm Lệ")
    btg = PartyBodyFactory(unit=district, name="Ban Tuyên giáo Quận ủy Cẩm Lệ")
    front = BodyFactory(
        unit=district,
        name="UB MTTQ quận",  # a short name the list of abbreviations does not know
        full_name="Ủy ban Mặt trận Tổ quốc Việt Nam quận Cẩm Lệ",
    )
    programme = draft([btg, front], symbol="CTrPH")
    user = user_in(btg)
    assert [p.pk for p in programme_search(user=user, q="mat tran to quoc viet nam")] == [
        programme.pk
    ]
    assert [p.pk for p in programme_search(user=user, q="UB MTTQ")] == [programme.pk]
