"""Synthetic bodies and people for load tests (`generate_load`): a province's unit
tree, the bodies of each unit, and officials with accounts for every role.

Invented, not true: the province "Sơn Hà" and its districts do not exist, so
nothing here can be mistaken for the demo's real cases. Everything follows from
the seed; nothing reads the clock.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from parties.models import AdministrativeUnit, Body, Membership, Official

PROVINCE_NAME = "Sơn Hà"
PASSWORD = "tai-thu-2026"

DISTRICT_NAMES = [
    "Yên Bình", "Phú Lộc", "An Khánh", "Đông Hưng", "Tiên Lãng", "Hòa Vang", "Kim Sơn",
    "Thạch Thất", "Quế Võ", "Lương Sơn", "Mỹ Hào", "Tân Uyên", "Châu Thành", "Vĩnh Bảo",
    "Đức Thọ", "Nghĩa Hưng", "Cẩm Khê", "Triệu Phong", "Ba Vì", "Hải Hậu",
]  # fmt: skip
COMMUNE_FIRST = ["An", "Bình", "Đông", "Hòa", "Hưng", "Phú", "Tân", "Thành", "Vĩnh", "Xuân"]
COMMUNE_SECOND = ["Lợi", "Phước", "Thịnh", "Sơn", "Lộc", "Mỹ", "Tiến", "Hải", "Yên", "Thuận"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang", "Hữu", "Ngọc", "Thu", "Xuân", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Lan",
         "Linh", "Long", "Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
         "Việt", "Yến", "Khánh", "Đạt", "Ngân", "Thủy", "Trung", "Hiếu"]  # fmt: skip

K = Body.Kind
# (code, short name, full name, kind, code of the governing body, head's title).
# {u} is the unit's name with its category word ("tỉnh Sơn Hà"), {w} the Party
# committee's word for the unit ("Tỉnh ủy", "Huyện ủy", "Thành ủy").
PROVINCE_BODIES = [
    ("TU", "{w}", "{w} {n}", K.PARTY_COMMITTEE, None, "Bí thư"),
    ("BTGTU", "Ban Tuyên giáo {w}", "Ban Tuyên giáo {w} {n}", K.PARTY_ORGAN, "TU", "Trưởng ban"),
    ("BDVTU", "Ban Dân vận {w}", "Ban Dân vận {w} {n}", K.PARTY_ORGAN, "TU", "Trưởng ban"),
    ("BTCTU", "Ban Tổ chức {w}", "Ban Tổ chức {w} {n}", K.PARTY_ORGAN, "TU", "Trưởng ban"),
    ("BNCTU", "Ban Nội chính {w}", "Ban Nội chính {w} {n}", K.PARTY_ORGAN, "TU", "Trưởng ban"),
    ("UBKTTU", "UBKT {w}", "Ủy ban Kiểm tra {w} {n}", K.PARTY_ORGAN, "TU", "Chủ nhiệm"),
    ("HĐND", "HĐND {u}", "Hội đồng nhân dân {u}", K.PEOPLES_COUNCIL, None, "Chủ tịch"),
    ("UBND", "UBND {u}", "Ủy ban nhân dân {u}", K.PEOPLES_COMMITTEE, None, "Chủ tịch"),
    ("MTTQ", "UBMTTQ {u}", "Ủy ban Mặt trận Tổ quốc Việt Nam {u}", K.FATHERLAND_FRONT, None,
     "Chủ tịch"),
    ("TAND", "TAND {u}", "Tòa án nhân dân {u}", K.COURT, None, "Chánh án"),
    ("VKSND", "VKSND {u}", "Viện kiểm sát nhân dân {u}", K.PROCURACY, None, "Viện trưởng"),
    ("ĐTN", "Đoàn Thanh niên {u}", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {u}",
     K.MASS_ORGANISATION, "MTTQ", "Bí thư"),
    ("HLHPN", "Hội LHPN {u}", "Hội Liên hiệp Phụ nữ {u}", K.MASS_ORGANISATION, "MTTQ", "Chủ tịch"),
    ("HND", "Hội Nông dân {u}", "Hội Nông dân {u}", K.MASS_ORGANISATION, "MTTQ", "Chủ tịch"),
    ("HCCB", "Hội CCB {u}", "Hội Cựu chiến binh {u}", K.MASS_ORGANISATION, "MTTQ", "Chủ tịch"),
    ("LĐLĐ", "LĐLĐ {u}", "Liên đoàn Lao động {u}", K.MASS_ORGANISATION, "MTTQ", "Chủ tịch"),
    ("BCĐ35", "BCĐ 35 {w}", "Ban Chỉ đạo 35 {w} {n}", K.GROUP, "TU", "Trưởng ban"),
    ("STP", "Sở Tư pháp", "Sở Tư pháp {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SGDĐT", "Sở GD&ĐT", "Sở Giáo dục và Đào tạo {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SYT", "Sở Y tế", "Sở Y tế {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SNNPTNT", "Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn {u}", K.DEPARTMENT,
     "UBND", "Giám đốc"),
    ("STNMT", "Sở TN&MT", "Sở Tài nguyên và Môi trường {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SVHTTDL", "Sở VHTT&DL", "Sở Văn hóa, Thể thao và Du lịch {u}", K.DEPARTMENT, "UBND",
     "Giám đốc"),
    ("SNV", "Sở Nội vụ", "Sở Nội vụ {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("STC", "Sở Tài chính", "Sở Tài chính {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SKHĐT", "Sở KH&ĐT", "Sở Kế hoạch và Đầu tư {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SCT", "Sở Công Thương", "Sở Công Thương {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SGTVT", "Sở GTVT", "Sở Giao thông vận tải {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SXD", "Sở Xây dựng", "Sở Xây dựng {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SLĐTBXH", "Sở LĐ-TB&XH", "Sở Lao động – Thương binh và Xã hội {u}", K.DEPARTMENT, "UBND",
     "Giám đốc"),
    ("STTTT", "Sở TT&TT", "Sở Thông tin và Truyền thông {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("SKHCN", "Sở KH&CN", "Sở Khoa học và Công nghệ {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("CAT", "Công an tỉnh", "Công an {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("BCHQS", "Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự {u}", K.DEPARTMENT, "UBND", "Chỉ huy trưởng"),
    ("BDT", "Ban Dân tộc tỉnh", "Ban Dân tộc {u}", K.DEPARTMENT, "UBND", "Trưởng ban"),
    ("TTr", "Thanh tra tỉnh", "Thanh tra {u}", K.DEPARTMENT, "UBND", "Chánh Thanh tra"),
    ("VPUBND", "Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân {u}", K.DEPARTMENT, "UBND",
     "Chánh Văn phòng"),
    ("SNgV", "Sở Ngoại vụ", "Sở Ngoại vụ {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
    ("BQLKKT", "BQL các KCN", "Ban Quản lý các khu công nghiệp {u}", K.DEPARTMENT, "UBND",
     "Trưởng ban"),
    ("BHXH", "BHXH tỉnh", "Bảo hiểm xã hội {u}", K.DEPARTMENT, "UBND", "Giám đốc"),
]  # fmt: skip
DISTRICT_BODIES = PROVINCE_BODIES[:16] + [
    ("PTP", "Phòng Tư pháp", "Phòng Tư pháp {u}", K.DEPARTMENT, "UBND", "Trưởng phòng"),
    ("PGDĐT", "Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo {u}", K.DEPARTMENT, "UBND",
     "Trưởng phòng"),
    ("PYT", "Phòng Y tế", "Phòng Y tế {u}", K.DEPARTMENT, "UBND", "Trưởng phòng"),
    ("PNN", "Phòng NN&PTNT", "Phòng Nông nghiệp và Phát triển nông thôn {u}", K.DEPARTMENT,
     "UBND", "Trưởng phòng"),
    ("PTNMT", "Phòng TN&MT", "Phòng Tài nguyên và Môi trường {u}", K.DEPARTMENT, "UBND",
     "Trưởng phòng"),
    ("PVHTT", "Phòng VH&TT", "Phòng Văn hóa và Thông tin {u}", K.DEPARTMENT, "UBND",
     "Trưởng phòng"),
    ("PNV", "Phòng Nội vụ", "Phòng Nội vụ {u}", K.DEPARTMENT, "UBND", "Trưởng phòng"),
    ("PTCKH", "Phòng TC-KH", "Phòng Tài chính – Kế hoạch {u}", K.DEPARTMENT, "UBND",
     "Trưởng phòng"),
    ("CAH", "Công an huyện", "Công an {u}", K.DEPARTMENT, "UBND", "Trưởng Công an"),
]  # fmt: skip
COMMUNE_BODIES = [
    ("ĐU", "Đảng ủy {u}", "Đảng ủy {u}", K.PARTY_COMMITTEE, None, "Bí thư"),
    ("UBND", "UBND {u}", "Ủy ban nhân dân {u}", K.PEOPLES_COMMITTEE, None, "Chủ tịch"),
    (
        "MTTQ",
        "UBMTTQ {u}",
        "Ủy ban Mặt trận Tổ quốc Việt Nam {u}",
        K.FATHERLAND_FRONT,
        None,
        "Chủ tịch",
    ),
]
PARTY_WORD = {
    AdministrativeUnit.Category.PROVINCE: ("Tỉnh ủy", "TU"),
    AdministrativeUnit.Category.RURAL_DISTRICT: ("Huyện ủy", "HU"),
    AdministrativeUnit.Category.PROVINCIAL_CITY: ("Thành ủy", "ThU"),
    AdministrativeUnit.Category.TOWN: ("Thị ủy", "TXU"),
}
# Accounts per body, relative: a province's body has the most staff on the system.
STAFF_WEIGHT = {1: 6, 2: 3, 3: 1}


@dataclass
class SynthBody:
    id: int
    unit_id: int
    level: int
    district_id: int | None  # the district the body's unit is in (or is); None at province
    code: str
    name: str
    kind: str
    full_name: str = ""
    head: str = ""
    officials: list = field(default_factory=list)  # (official id, position), head first
    users: list = field(default_factory=list)  # user ids


@dataclass
class Place:
    """What the generated tree holds, for the generators of the floors above."""

    province_id: int
    district_ids: list  # largest first: the district generators weight most
    communes_of: dict  # district id -> commune ids
    bodies: list
    bodies_of_unit: dict  # unit id -> [SynthBody]
    parent_unit: dict  # unit id -> parent unit id
    body: dict  # id -> SynthBody
    user_count: int = 0


def person_name(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def generate_parties(writer, *, seed, districts, communes_per_district, province_bodies, users):
    """Units, bodies, officials, accounts and memberships; returns the Place."""
    rng = random.Random(f"{seed}-parties")
    ids = writer.new_id
    Unit = AdministrativeUnit
    units, unit_meta = [], {}

    def add_unit(name, category, level, parent_id):
        unit_id = ids(Unit)
        writer.add(Unit, id=unit_id, name=name, category=category, level=level, parent_id=parent_id)
        word = Unit.NAME_WORDS.get(category) or Unit.Category(category).label
        unit_meta[unit_id] = (name, f"{word} {name}", category, level)
        units.append(unit_id)
        return unit_id

    province = add_unit(PROVINCE_NAME, Unit.Category.PROVINCE, 1, None)
    parent_unit, communes_of = {}, {}
    district_ids = []
    for index in range(districts):
        category = (
            Unit.Category.PROVINCIAL_CITY
            if index == 0
            else Unit.Category.TOWN
            if index == 1
            else Unit.Category.RURAL_DISTRICT
        )
        district = add_unit(DISTRICT_NAMES[index % len(DISTRICT_NAMES)], category, 2, province)
        parent_unit[district] = province
        district_ids.append(district)
        pairs = [(a, b) for a in COMMUNE_FIRST for b in COMMUNE_SECOND if a != b]
        rng.shuffle(pairs)
        # The first districts are the largest: more communes, and more of everything.
        count = max(1, round(communes_per_district * (1.5 if index == 0 else 1.0)))
        communes_of[district] = []
        for first, second in pairs[:count]:
            kind = (
                Unit.Category.WARD
                if category == Unit.Category.PROVINCIAL_CITY
                else Unit.Category.COMMUNE
            )
            commune = add_unit(f"{first} {second}", kind, 3, district)
            parent_unit[commune] = district
            communes_of[district].append(commune)

    bodies, bodies_of_unit, by_id = [], {}, {}
    for unit_id in units:
        name, full, category, level = unit_meta[unit_id]
        templates = {1: PROVINCE_BODIES[:province_bodies], 2: DISTRICT_BODIES, 3: COMMUNE_BODIES}[
            level
        ]
        word, party_code = PARTY_WORD.get(category, ("", ""))
        district_id = None if level == 1 else unit_id if level == 2 else parent_unit[unit_id]
        codes = {}
        for code, short, long, kind, parent_code, head in templates:
            if level > 1 and code.endswith("TU"):
                code = code[:-2] + party_code
            parent_code = party_code if (level > 1 and parent_code == "TU") else parent_code
            if code == "TU":
                code = party_code
            body_id = ids(Body)
            values = {"u": full, "n": name, "w": word}
            body = SynthBody(
                id=body_id,
                unit_id=unit_id,
                level=level,
                district_id=district_id,
                code=code,
                name=short.format(**values),
                kind=kind,
                full_name=long.format(**values),
                head=head,
            )
            writer.add(
                Body,
                id=body_id,
                name=body.name,
                full_name=body.full_name,
                kind=kind,
                unit_id=unit_id,
                code=code,
                parent_id=codes.get(parent_code),
            )
            codes[code] = body_id
            bodies.append(body)
            bodies_of_unit.setdefault(unit_id, []).append(body)
            by_id[body_id] = body

    place = Place(
        province_id=province,
        district_ids=district_ids,
        communes_of=communes_of,
        bodies=bodies,
        bodies_of_unit=bodies_of_unit,
        parent_unit=parent_unit,
        body=by_id,
    )
    _people(writer, rng, place, users)
    return place


def _people(writer, rng, place, users):
    """One official per account; every body has a head (a leader), a secretariat and
    officials; the province's and each district's People's Committee an administrator."""
    User = get_user_model()
    weights = [STAFF_WEIGHT[body.level] for body in place.bodies]
    total = sum(weights)
    password = make_password(PASSWORD, salt="generate-load")
    joined = writer.now
    ids = writer.new_id
    count = 0
    for body, weight in zip(place.bodies, weights, strict=True):
        # Leader, secretariat, an official; and the administrator of a People's Committee.
        floor = 4 if body.code == "UBND" and body.level < 3 else 3
        staff = max(floor, round(users * weight / total))
        for index in range(staff):
            if index == 0:
                role, position = Membership.Role.LEADER, body.head
            elif index == 1:
                role, position = Membership.Role.SECRETARIAT, "Chuyên viên văn phòng"
            elif index == 2 and body.code == "UBND" and body.level < 3:
                role, position = Membership.Role.ADMINISTRATOR, "Quản trị hệ thống"
            else:
                role = Membership.Role.OFFICIAL
                position = rng.choice(["Chuyên viên", "Chuyên viên chính", "Phó " + body.head])
            full_name = person_name(rng)
            official_id, user_id = ids(Official), ids(User)
            writer.add(
                Official,
                id=official_id,
                full_name=full_name,
                body_id=body.id,
                position=position,
                email=f"cb{official_id}@sonha.gov.vn",
                active_from=date(2021, 1, 1),
            )
            family, _, given = full_name.rpartition(" ")
            writer.add(
                User,
                id=user_id,
                password=password,
                username=f"sh{user_id}",
                first_name=given,
                last_name=family,
                email=f"cb{official_id}@sonha.gov.vn",
                is_staff=role == Membership.Role.ADMINISTRATOR,
                is_superuser=False,
                is_active=True,
                date_joined=joined,
            )
            writer.add(
                Membership,
                id=ids(Membership),
                user_id=user_id,
                body_id=body.id,
                role=role,
                official_id=official_id,
            )
            writer.flush_if_full()
            body.officials.append((official_id, position))
            body.users.append(user_id)
            count += 1
    place.user_count = count
