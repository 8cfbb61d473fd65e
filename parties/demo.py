"""The units, bodies, officials and demo accounts of the five seed articles.

Names and positions are those the articles print. Where an article names no
one (the signatory of a court, say), the record says so instead of inventing
a person.
"""

import secrets
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from parties.abbreviations import spell_out
from parties.certificate_authority import issue_pkcs12, make_authority
from parties.certificates import certificate_store
from parties.demo_reorganisation import load_reorganisation
from parties.models import AdministrativeUnit, Body, Membership, Official, SigningCertificate

Unit = AdministrativeUnit
Kind = Body.Kind

# (key, name, category, parent key)
UNITS = [
    ("hanoi", "Hà Nội", Unit.Category.CENTRAL_CITY, None),
    ("thanhtri", "Thanh Trì", Unit.Category.RURAL_DISTRICT, "hanoi"),
    ("haugiang", "Hậu Giang", Unit.Category.PROVINCE, None),
    ("ngabay", "Ngã Bảy", Unit.Category.PROVINCIAL_CITY, "haugiang"),
    ("danang", "Đà Nẵng", Unit.Category.CENTRAL_CITY, None),
    ("camle", "Cẩm Lệ", Unit.Category.URBAN_DISTRICT, "danang"),
    # The article on the township's 2018–2021 programme does not say where it is.
    ("tinh-x", "(bài viết không nêu tên)", Unit.Category.PROVINCE, None),
    ("huyen-x", "(bài viết không nêu tên)", Unit.Category.RURAL_DISTRICT, "tinh-x"),
    ("thitran-x", "(bài viết không nêu tên)", Unit.Category.TOWNSHIP, "huyen-x"),
]

# (key, unit key, code, kind, name, parent key)
BODIES = [
    ("tu-hanoi", "hanoi", "TU", Kind.PARTY_COMMITTEE, "Thành ủy Hà Nội", None),
    (
        "btgtu-hanoi",
        "hanoi",
        "BTGTU",
        Kind.PARTY_ORGAN,
        "Ban Tuyên giáo Thành ủy Hà Nội",
        "tu-hanoi",
    ),
    ("ubnd-hanoi", "hanoi", "UBND", Kind.PEOPLES_COMMITTEE, "UBND thành phố Hà Nội", None),
    ("hu-thanhtri", "thanhtri", "HU", Kind.PARTY_COMMITTEE, "Huyện ủy Thanh Trì", None),
    (
        "btghu-thanhtri",
        "thanhtri",
        "BTGHU",
        Kind.PARTY_ORGAN,
        "Ban Tuyên giáo Huyện ủy Thanh Trì",
        "hu-thanhtri",
    ),
    (
        "ubkthu-thanhtri",
        "thanhtri",
        "UBKTHU",
        Kind.PARTY_ORGAN,
        "Ủy ban Kiểm tra Huyện ủy Thanh Trì",
        "hu-thanhtri",
    ),
    ("ubnd-thanhtri", "thanhtri", "UBND", Kind.PEOPLES_COMMITTEE, "UBND huyện Thanh Trì", None),
    ("hdnd-thanhtri", "thanhtri", "HĐND", Kind.PEOPLES_COUNCIL, "HĐND huyện Thanh Trì", None),
    (
        "mttq-thanhtri",
        "thanhtri",
        "MTTQ",
        Kind.FATHERLAND_FRONT,
        "Ủy ban MTTQ Việt Nam huyện Thanh Trì",
        None,
    ),
    (
        "vhtt-thanhtri",
        "thanhtri",
        "VHTT",
        Kind.DEPARTMENT,
        "Phòng Văn hóa và Thông tin huyện Thanh Trì",
        "ubnd-thanhtri",
    ),
    ("tu-ngabay", "ngabay", "TU", Kind.PARTY_COMMITTEE, "Thành ủy Ngã Bảy", None),
    (
        "btgtu-ngabay",
        "ngabay",
        "BTGTU",
        Kind.PARTY_ORGAN,
        "Ban Tuyên giáo Thành ủy Ngã Bảy",
        "tu-ngabay",
    ),
    ("hdnd-ngabay", "ngabay", "HĐND", Kind.PEOPLES_COUNCIL, "HĐND thành phố Ngã Bảy", None),
    ("ubnd-ngabay", "ngabay", "UBND", Kind.PEOPLES_COMMITTEE, "UBND thành phố Ngã Bảy", None),
    ("tand-ngabay", "ngabay", "TAND", Kind.COURT, "TAND thành phố Ngã Bảy", None),
    ("vksnd-ngabay", "ngabay", "VKSND", Kind.PROCURACY, "VKSND thành phố Ngã Bảy", None),
    ("ubnd-camle", "camle", "UBND", Kind.PEOPLES_COMMITTEE, "UBND quận Cẩm Lệ", None),
    (
        "mttq-camle",
        "camle",
        "MTTQ",
        Kind.FATHERLAND_FRONT,
        "Ủy ban MTTQ Việt Nam quận Cẩm Lệ",
        None,
    ),
    ("hu-x", "huyen-x", "HU", Kind.PARTY_COMMITTEE, "Huyện ủy", None),
    ("bdvhu-x", "huyen-x", "BDVHU", Kind.PARTY_ORGAN, "Ban Dân vận Huyện ủy", "hu-x"),
    ("ubnd-tt", "thitran-x", "UBND", Kind.PEOPLES_COMMITTEE, "UBND thị trấn", None),
    ("kdv-tt", "thitran-x", "KDV", Kind.GROUP, "Khối dân vận thị trấn", None),
    ("mttq-tt", "thitran-x", "MTTQ", Kind.FATHERLAND_FRONT, "Ủy ban MTTQ Việt Nam thị trấn", None),
]

# The full official name of each body (a document header prints it in capitals).
# The articles abbreviate them ("UBND huyện", "Uỷ ban MTTQ Việt Nam", "Tòa án
# Nhân dân ... thành phố"); these are the names the bodies bear in law.
FULL_NAMES = {
    "tu-hanoi": "Thành ủy Hà Nội",
    "btgtu-hanoi": "Ban Tuyên giáo Thành ủy Hà Nội",
    "ubnd-hanoi": "Ủy ban nhân dân thành phố Hà Nội",
    "hu-thanhtri": "Huyện ủy Thanh Trì",
    "btghu-thanhtri": "Ban Tuyên giáo Huyện ủy Thanh Trì",
    "ubkthu-thanhtri": "Ủy ban Kiểm tra Huyện ủy Thanh Trì",
    "ubnd-thanhtri": "Ủy ban nhân dân huyện Thanh Trì",
    "hdnd-thanhtri": "Hội đồng nhân dân huyện Thanh Trì",
    "mttq-thanhtri": "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Thanh Trì",
    "vhtt-thanhtri": "Phòng Văn hóa và Thông tin huyện Thanh Trì",
    "tu-ngabay": "Thành ủy Ngã Bảy",
    "btgtu-ngabay": "Ban Tuyên giáo Thành ủy Ngã Bảy",
    "hdnd-ngabay": "Hội đồng nhân dân thành phố Ngã Bảy",
    "ubnd-ngabay": "Ủy ban nhân dân thành phố Ngã Bảy",
    "tand-ngabay": "Tòa án nhân dân thành phố Ngã Bảy",
    "vksnd-ngabay": "Viện kiểm sát nhân dân thành phố Ngã Bảy",
    "ubnd-camle": "Ủy ban nhân dân quận Cẩm Lệ",
    "mttq-camle": "Ủy ban Mặt trận Tổ quốc Việt Nam quận Cẩm Lệ",
    "hu-x": "Huyện ủy",
    "bdvhu-x": "Ban Dân vận Huyện ủy",
    "ubnd-tt": "Ủy ban nhân dân thị trấn",
    "kdv-tt": "Khối dân vận thị trấn",
    "mttq-tt": "Ủy ban Mặt trận Tổ quốc Việt Nam thị trấn",
}

# (key, body key, full name, position, e-mail)
OFFICIALS = [
    (
        "nhan",
        "ubnd-thanhtri",
        "Vũ Văn Nhàn",
        "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện",
        "vvnhan@thanhtri.example.vn",
    ),
    (
        "truong",
        "btghu-thanhtri",
        "Phùng Xuân Trường",
        "UVTV, Trưởng ban Tuyên giáo Huyện ủy",
        "pxtruong@thanhtri.example.vn",
    ),
    (
        "thanh",
        "ubkthu-thanhtri",
        "Nguyễn Văn Thành",
        "UVTV, Chủ nhiệm UBKT Huyện ủy",
        "nvthanh@thanhtri.example.vn",
    ),
    (
        "thuy",
        "btghu-thanhtri",
        "Hoàng Thị Thu Thủy",
        "Phó Ban Tuyên giáo Huyện ủy",
        "httthuy@thanhtri.example.vn",
    ),
    (
        "ubnd-tt-rep",
        "ubnd-thanhtri",
        "Lãnh đạo Văn phòng HĐND - UBND huyện",
        "Đại diện Văn phòng HĐND - UBND huyện (bài viết không nêu tên)",
        "",
    ),
    (
        "btgtu-hn-rep",
        "btgtu-hanoi",
        "Lãnh đạo Ban Tuyên giáo Thành ủy Hà Nội",
        "Trưởng ban Tuyên giáo Thành ủy (bài viết không nêu tên)",
        "",
    ),
    (
        "ubnd-hn-rep",
        "ubnd-hanoi",
        "Lãnh đạo UBND thành phố Hà Nội",
        "Đại diện lãnh đạo UBND Thành phố (bài viết không nêu tên)",
        "",
    ),
    (
        "son-ngabay",
        "tu-ngabay",
        "Dương Văn Sơn",
        "Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố",
        "dvson@ngabay.example.vn",
    ),
    (
        "xuyen",
        "btgtu-ngabay",
        "Nguyễn Thị Kim Xuyên",
        "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy, "
        "Giám đốc Trung tâm chính trị thành phố",
        "ntkxuyen@ngabay.example.vn",
    ),
    (
        "hdnd-nb-rep",
        "hdnd-ngabay",
        "Đại diện lãnh đạo HĐND thành phố",
        "Đại diện lãnh đạo HĐND thành phố (bài viết không nêu tên)",
        "",
    ),
    (
        "ubnd-nb-rep",
        "ubnd-ngabay",
        "Đại diện lãnh đạo UBND thành phố",
        "Đại diện lãnh đạo UBND thành phố (bài viết không nêu tên)",
        "",
    ),
    (
        "tand-nb-rep",
        "tand-ngabay",
        "Đại diện lãnh đạo Tòa án nhân dân thành phố",
        "Đại diện lãnh đạo Tòa án nhân dân thành phố (bài viết không nêu tên)",
        "",
    ),
    (
        "vksnd-nb-rep",
        "vksnd-ngabay",
        "Đại diện lãnh đạo Viện Kiểm sát nhân dân thành phố",
        "Đại diện lãnh đạo Viện Kiểm sát nhân dân thành phố (bài viết không nêu tên)",
        "",
    ),
    ("levanson", "ubnd-camle", "Lê Văn Sơn", "Chủ tịch UBND quận", "lvson@camle.example.vn"),
    (
        "mttq-cl-rep",
        "mttq-camle",
        "Đại diện Ủy ban MTTQ Việt Nam quận",
        "Chủ tịch Ủy ban MTTQ Việt Nam quận (bài viết không nêu tên)",
        "",
    ),
    ("ky", "hu-x", "Nguyễn Đăng Kỷ", "Phó Bí thư Thường trực Huyện ủy", ""),
    ("dat", "bdvhu-x", "Phạm Quốc Đạt", "UVBTV, Trưởng ban Dân vận Huyện ủy", ""),
    (
        "ubnd-tt-x-rep",
        "ubnd-tt",
        "Đại diện lãnh đạo UBND thị trấn",
        "Chủ tịch UBND thị trấn (bài viết không nêu tên)",
        "",
    ),
    (
        "kdv-tt-x-rep",
        "kdv-tt",
        "Đại diện Khối dân vận thị trấn",
        "Trưởng Khối dân vận thị trấn (bài viết không nêu tên)",
        "",
    ),
]

R = Membership.Role

# Every demo account shares one password, printed by the command.
DEMO_PASSWORD = "phoihop2017"

# (username, given name, family name, role, body key, official key, superuser);
# shown family name first, so an office account reads "Văn phòng Ban Tuyên giáo".
USERS = [
    ("canbo", "Thủy", "Hoàng Thị Thu", R.OFFICIAL, "btghu-thanhtri", "thuy", False),
    (
        "vanphong",
        "Ban Tuyên giáo",
        "Văn phòng",
        R.SECRETARIAT,
        "btghu-thanhtri",
        None,
        False,
    ),
    ("lanhdao", "Trường", "Phùng Xuân", R.LEADER, "btghu-thanhtri", "truong", False),
    ("quantri", "hệ thống", "Quản trị", R.ADMINISTRATOR, "btgtu-hanoi", None, True),
    (
        "canbo.ubnd",
        "UBND huyện",
        "Chuyên viên",
        R.OFFICIAL,
        "ubnd-thanhtri",
        None,
        False,
    ),
    # The Fatherland Front supports clauses of the Thanh Trì programme without being a
    # party to it (seed article 000): it sees the programme and reports on its clauses.
    (
        "canbo.mttq",
        "MTTQ huyện",
        "Chuyên viên",
        R.OFFICIAL,
        "mttq-thanhtri",
        None,
        False,
    ),
    (
        "lanhdao.hanoi",
        "Ban Tuyên giáo Thành ủy",
        "Lãnh đạo",
        R.LEADER,
        "btgtu-hanoi",
        None,
        False,
    ),
    (
        "vanphong.ngabay",
        "BTG Ngã Bảy",
        "Văn phòng",
        R.SECRETARIAT,
        "btgtu-ngabay",
        None,
        False,
    ),
    (
        "lanhdao.ngabay",
        "Xuyên",
        "Nguyễn Thị Kim",
        R.LEADER,
        "btgtu-ngabay",
        "xuyen",
        False,
    ),
    (
        "canbo.camle",
        "UBND quận",
        "Chuyên viên",
        R.OFFICIAL,
        "ubnd-camle",
        None,
        False,
    ),
]


class Registry:
    """Looks demo records up by the short keys the case data uses."""

    def __init__(self):
        self.units, self.bodies, self.officials, self.users = {}, {}, {}, {}

    def unit(self, key):
        return self.units[key]

    def body(self, key):
        return self.bodies[key]

    def official(self, key):
        return self.officials[key]


DEMO_ROOTS = "demo-trust-roots.pem"


@transaction.atomic
def load_parties(registry):
    for key, name, category, parent in UNITS:
        registry.units[key], _ = Unit.objects.get_or_create(
            name=name,
            category=category,
            parent=registry.units.get(parent),
            defaults={"level": Unit.CATEGORY_LEVELS[category]},
        )
    for key, unit, code, kind, name, parent in BODIES:
        registry.bodies[key], _ = Body.objects.get_or_create(
            unit=registry.unit(unit),
            code=code,
            defaults={
                "kind": kind,
                "name": name,
                "full_name": FULL_NAMES.get(key) or spell_out(name),
                "parent": registry.bodies.get(parent),
            },
        )
    for key, body, full_name, position, email in OFFICIALS:
        registry.officials[key], _ = Official.objects.get_or_create(
            body=registry.body(body),
            full_name=full_name,
            position=position,
            defaults={"email": email},
        )
    return registry


@transaction.atomic
def load_users(registry):
    """One account per role; passwords are set only where they differ."""
    User = get_user_model()
    rows = []
    for username, first, last, role, body, official, superuser in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            defaults={
                "body": registry.body(body),
                "role": role,
                "official": registry.officials.get(official),
            },
        )
        registry.users[username] = user
        rows.append((username, role, registry.body(body)))
    return rows


# --- what load_demo runs (parties/management/commands/load_demo.py) ----------------

AFTER = ()


# The body that holds the demo's signing certificate: it signs the Thanh Trì programme
# of 2017 and issues a demo report, which both carry its digital signature.
DEMO_CERTIFICATE_BODY = "btghu-thanhtri"
DEMO_CERTIFICATE_NOTE = (
    "Chứng thư số MẪU, tự cấp khi nạp dữ liệu mẫu (CA mẫu, không có giá trị pháp lý); "
    "chỉ để minh họa việc ký số và trang kiểm tra văn bản."
)


def load_demo_certificate(registry):
    """A self-issued certificate for one body, its CA written where the trust roots
    are read from. Left as it is when the body holds one already; skipped (with a
    line saying so) when no certificate key is configured."""
    body = registry.body(DEMO_CERTIFICATE_BODY)
    if SigningCertificate.objects.filter(body=body).exists():
        return []
    bundle = Path(settings.SIGNATURE_TRUST_ROOTS or settings.BASE_DIR / "var" / DEMO_ROOTS)
    now = datetime.now(UTC)
    authority = make_authority("CA mẫu – Chương trình phối hợp (demo)", now=now)
    passphrase = secrets.token_urlsafe(16)
    data = issue_pkcs12(
        authority,
        body.full_name,
        body.parent.full_name if body.parent_id else body.full_name,
        passphrase=passphrase,
        now=now,
    )
    try:
        certificate_store(body=body, data=data, passphrase=passphrase, note=DEMO_CERTIFICATE_NOTE)
    except ImproperlyConfigured:
        return ["Không tạo chứng thư số mẫu: chưa đặt DJANGO_CERTIFICATE_KEY."]
    bundle.parent.mkdir(parents=True, exist_ok=True)
    bundle.write_bytes(authority.pem)
    return [f"Chứng thư số mẫu cho {body.name}; CA mẫu ghi tại {bundle}."]


def load(registry):
    load_parties(registry)
    registry.accounts = load_users(registry)
    # After the 2025 reorganisation (parties/demo_reorganisation.py).
    registry.accounts += load_reorganisation(registry, DEMO_PASSWORD)
    return load_demo_certificate(registry)


def notes(registry):
    """The demo accounts, printed last so a person finds them at once."""
    return [
        f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):",
        *(
            f"  {username:<16} {role.label:<14} {body}"
            for username, role, body in registry.accounts
        ),
    ]
