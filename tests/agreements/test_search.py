"""Search ignores Vietnamese diacritics and case, identically on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.urls import reverse

from agreements.search import fold
from agreements.selectors import programme_search
from tests.agreements.factories import district_bodies, draft
from tests.factories import BodyFactory, DistrictFactory, user_in

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
