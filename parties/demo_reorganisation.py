"""The demo after the 2025 reorganisation: the Thanh Trì case goes on past 1 July 2025,
when districts ended and Hà Nội's communes were rearranged.

What is sourced: Nghị quyết số 1656/NQ-UBTVQH15 of 16/6/2025 of the National Assembly's
Standing Committee arranged Hà Nội's commune-level units, in effect from 1/7/2025; xã
Đại Thanh was formed from the xã Hữu Hòa, Tả Thanh Oai, Vĩnh Quỳnh (most of each), Tam
Hiệp and thị trấn Văn Điển of huyện Thanh Trì and part of phường Kiến Hưng (quận Hà
Đông). The district's territory also went to other new communes and wards, which the
demo does not record. What is illustrative — which commune bodies took over the
district bodies' programmes, and the demo accounts — is said in the records' note
fields, never in their names.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from parties.models import AdministrativeUnit, Body, Membership, Reorganisation, Succession
from parties.services import reorganisation_record

R = Membership.Role
K = Succession.Kind
EFFECTIVE = date(2025, 7, 1)
RESOLUTION = (
    "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội về việc "
    "sắp xếp các đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025"
)
SOURCE = (
    "Nguồn: Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025; xã Đại Thanh hình thành từ phần lớn "
    "các xã Hữu Hòa, Tả Thanh Oai, Vĩnh Quỳnh, các xã Tam Hiệp, thị trấn Văn Điển (huyện Thanh "
    "Trì) và một phần phường Kiến Hưng (quận Hà Đông)."
)
ILLUSTRATIVE = (
    "Minh họa: dữ liệu mẫu giả định cơ quan này kế thừa các chương trình phối hợp của cơ quan "
    "cấp huyện Thanh Trì; nghị quyết chỉ quy định địa giới, không quy định việc này."
)

# (key, name, full name, kind, code, parent key)
BODIES = [
    (
        "du-daithanh",
        "Đảng ủy xã Đại Thanh",
        "Đảng ủy xã Đại Thanh",
        Body.Kind.PARTY_COMMITTEE,
        "ĐU",
        None,
    ),
    (
        "ubnd-daithanh",
        "UBND xã Đại Thanh",
        "Ủy ban nhân dân xã Đại Thanh",
        Body.Kind.PEOPLES_COMMITTEE,
        "UBND",
        None,
    ),
]

# (kind, predecessor body key, successor body key): the district's bodies that were
# parties to the 2017 programme, and the Party committee above its Ban Tuyên giáo.
SUCCESSIONS = [
    (K.SPLIT, "hu-thanhtri", "du-daithanh"),
    (K.SPLIT, "btghu-thanhtri", "du-daithanh"),
    (K.SPLIT, "ubnd-thanhtri", "ubnd-daithanh"),
]

# (username, given name, family name, role, body key); no person is invented: the
# accounts are an office's, named by what they do.
USERS = [
    ("lanhdao.daithanh", "Đảng ủy xã Đại Thanh", "Lãnh đạo", R.LEADER, "du-daithanh"),
    ("canbo.daithanh", "UBND xã Đại Thanh", "Chuyên viên", R.OFFICIAL, "ubnd-daithanh"),
    ("quantri.hanoi", "thành phố Hà Nội", "Quản trị", R.ADMINISTRATOR, "ubnd-hanoi"),
]


@transaction.atomic
def load_reorganisation(registry, password):
    """Xã Đại Thanh, its bodies, the 2025 reorganisation and the accounts; safe to re-run."""
    hanoi = registry.unit("hanoi")
    commune, _created = AdministrativeUnit.objects.get_or_create(
        name="Đại Thanh",
        category=AdministrativeUnit.Category.COMMUNE,
        parent=hanoi,
        defaults={"level": AdministrativeUnit.Level.COMMUNE, "note": SOURCE},
    )
    registry.units["daithanh"] = commune
    for key, name, full_name, kind, code, parent in BODIES:
        registry.bodies[key], _created = Body.objects.get_or_create(
            unit=commune,
            code=code,
            defaults={
                "name": name,
                "full_name": full_name,
                "kind": kind,
                "parent": registry.bodies.get(parent),
                "note": ILLUSTRATIVE,
            },
        )
    act = Reorganisation.objects.filter(legal_basis=RESOLUTION).first()
    if act is None:
        act = reorganisation_record(
            legal_basis=RESOLUTION,
            decided_on=date(2025, 6, 16),
            effective_on=EFFECTIVE,
            note=f"{SOURCE} {ILLUSTRATIVE}",
            successions=[
                (K.SPLIT, registry.unit("thanhtri"), commune),
                *[(kind, registry.body(old), registry.body(new)) for kind, old, new in SUCCESSIONS],
            ],
        )
    registry.reorganisation = act
    return [account(registry, password, *row) for row in USERS]


def account(registry, password, username, first, last, role, body_key):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(
        user=user, defaults={"body": registry.body(body_key), "role": role}
    )
    return (username, role, registry.body(body_key))
