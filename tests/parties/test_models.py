import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from parties.models import AdministrativeUnit, Body, Official
from tests.factories import (
    BodyFactory,
    CommuneFactory,
    DistrictFactory,
    MembershipFactory,
    OfficialFactory,
    PartyBodyFactory,
    ProvinceFactory,
)

pytestmark = pytest.mark.django_db
Unit = AdministrativeUnit


def test_a_district_reads_with_its_category():
    district = DistrictFactory(name="Thanh Trì")
    assert str(district) == "huyện Thanh Trì"


def test_only_provinces_may_be_roots():
    with pytest.raises(IntegrityError):
        Unit.objects.create(
            name="Mồ côi", category=Unit.Category.RURAL_DISTRICT, level=Unit.Level.DISTRICT
        )


def test_a_province_cannot_have_a_parent():
    parent = ProvinceFactory()
    with pytest.raises(IntegrityError):
        Unit.objects.create(name="Lạc chỗ", category=Unit.Category.PROVINCE, level=1, parent=parent)


def test_level_out_of_range_is_refused():
    with pytest.raises(IntegrityError):
        Unit.objects.create(name="Cấp 4", category=Unit.Category.COMMUNE, level=4)


def test_two_units_of_the_same_name_under_one_parent_are_refused():
    district = DistrictFactory(name="Thanh Trì")
    with pytest.raises(IntegrityError):
        DistrictFactory(name="Thanh Trì", parent=district.parent)


def test_two_provinces_of_the_same_name_are_refused():
    ProvinceFactory(name="Hậu Giang")
    with pytest.raises(IntegrityError):
        ProvinceFactory(name="Hậu Giang")


def test_clean_refuses_a_category_on_the_wrong_level():
    unit = Unit(name="Ngã Bảy", category=Unit.Category.PROVINCIAL_CITY, level=3)
    with pytest.raises(ValidationError) as error:
        unit.clean()
    assert "level" in error.value.message_dict


def test_clean_refuses_a_parent_on_the_same_level_or_below():
    commune = CommuneFactory()
    unit = Unit(name="Xã lạc", category=Unit.Category.COMMUNE, level=3, parent=commune)
    with pytest.raises(ValidationError) as error:
        unit.clean()
    assert "parent" in error.value.message_dict


def test_since_2025_a_commune_sits_under_its_province():
    unit = Unit(name="Đại Thanh", category=Unit.Category.COMMUNE, level=3, parent=ProvinceFactory())
    unit.clean()


def test_ancestors_walk_up_the_tree():
    commune = CommuneFactory()
    assert commune.ancestors() == [commune.parent, commune.parent.parent]


def test_body_codes_are_unique_within_a_unit_only():
    body = BodyFactory(code="UBND")
    BodyFactory(code="UBND")  # another district may use the same code
    with pytest.raises(IntegrityError):
        BodyFactory(code="UBND", unit=body.unit)


def test_a_body_cannot_govern_itself():
    body = BodyFactory()
    body.parent = body
    with pytest.raises(ValidationError):
        body.clean()


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        (Body.Kind.PEOPLES_COMMITTEE, 12, "12/BC-UBND"),
        (Body.Kind.PEOPLES_COMMITTEE, 5, "05/BC-UBND"),
        (Body.Kind.PARTY_ORGAN, 686, "686-BC/UBND"),
    ],
)
def test_document_references_follow_the_issuers_rules(kind, number, expected):
    body = BodyFactory(kind=kind, code="UBND")
    assert body.format_reference(number, body.document_symbol("BC")) == expected


def test_party_bodies_are_told_apart_by_kind():
    assert PartyBodyFactory().is_party_body
    assert not BodyFactory(kind=Body.Kind.COURT).is_party_body


def test_an_official_term_cannot_end_before_it_starts():
    from datetime import date

    official = OfficialFactory.build(active_from=date(2020, 1, 1), active_to=date(2019, 1, 1))
    with pytest.raises(ValidationError):
        official.clean()
    official.body = BodyFactory()
    with pytest.raises(IntegrityError):
        official.save()


def test_an_official_is_active_within_the_term():
    from datetime import date

    official = Official(active_from=date(2020, 1, 1), active_to=date(2020, 12, 31))
    assert official.is_active_on(date(2020, 6, 1))
    assert not official.is_active_on(date(2021, 1, 1))


def test_a_membership_official_must_work_for_the_same_body():
    membership = MembershipFactory.build(
        user=MembershipFactory().user, body=BodyFactory(), official=OfficialFactory()
    )
    with pytest.raises(ValidationError) as error:
        membership.clean()
    assert "official" in error.value.message_dict


def test_a_body_has_a_short_name_for_pages_and_a_full_name_for_documents():
    body = BodyFactory(name="UBND huyện Thanh Trì", full_name="Ủy ban nhân dân huyện Thanh Trì")
    assert str(body) == "UBND huyện Thanh Trì"
    body.full_clean()


@pytest.mark.parametrize(
    ("full_name", "message"),
    [
        ("", "không được để trắng"),
        ("ỦY BAN NHÂN DÂN HUYỆN THANH TRÌ", "Hãy viết tên đầy đủ bằng chữ thường"),
    ],
)
def test_a_full_name_is_required_and_written_in_ordinary_case(full_name, message):
    body = BodyFactory()
    body.full_name = full_name
    with pytest.raises(ValidationError) as error:
        body.full_clean()
    assert message in " ".join(error.value.message_dict["full_name"])
