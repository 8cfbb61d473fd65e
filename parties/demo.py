"""The units, bodies, officials and demo accounts of the five seed articles.

Names and positions are those the articles print. Where an article names no
one (the signatory of a court, say) or no place, the record bears a name that
says what it is ("Đại diện lãnh đạo UBND thị trấn", "Đảng ủy thị trấn") and
its own note says that the article leaves it unnamed; notes are never printed.
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
    # The article on the township's 2018–2021 programme (seed 002) names neither the
    # township nor its district and province: they go by the letters Vietnamese
    # publications use for a place left unnamed ("thị trấn X, huyện Y, tỉnh Z"), and
    # the bodies there say so in their notes (UNNAMED_PLACE).
    ("tinh-x", "Z", Unit.Category.PROVINCE, None),
    ("huyen-x", "Y", Unit.Category.RURAL_DISTRICT, "tinh-x"),
    ("thitran-x", "X", Unit.Category.TOWNSHIP, "huyen-x"),
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
    (
        "doanthe-camle",
        "camle",
        "ĐT",
        Kind.GROUP,
        "Các đoàn thể chính trị - xã hội quận Cẩm Lệ",
        None,
    ),
    ("hu-x", "huyen-x", "HU", Kind.PARTY_COMMITTEE, "Huyện ủy", None),
    ("bdvhu-x", "huyen-x", "BDVHU", Kind.PARTY_ORGAN, "Ban Dân vận Huyện ủy", "hu-x"),
    ("du-tt", "thitran-x", "ĐU", Kind.PARTY_COMMITTEE, "Đảng ủy thị trấn", "hu-x"),
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
    "doanthe-camle": "Các đoàn thể chính trị - xã hội quận Cẩm Lệ",
    "hu-x": "Huyện ủy",
    "bdvhu-x": "Ban Dân vận Huyện ủy",
    "du-tt": "Đảng ủy thị trấn",
    "ubnd-tt": "Ủy ban nhân dân thị trấn",
    "kdv-tt": "Khối dân vận thị trấn",
    "mttq-tt": "Ủy ban Mặt trận Tổ quốc Việt Nam thị trấn",
}

UNNAMED_PLACE = (
    "Bài viết “Thị trấn ký kết chương trình phối hợp thực hiện nhiệm vụ chính trị” không nêu "
    "tên thị trấn, huyện, tỉnh; X, Y, Z là tên thay thế của dữ liệu mẫu."
)

# What the demo keeps about a body beyond its name: never printed (the body's own note).
BODY_NOTES = {
    "vhtt-thanhtri": "Bài viết chỉ nói “các phòng, ban chuyên môn của UBND huyện”; Phòng Văn hóa "
    "và Thông tin là ví dụ minh họa của dữ liệu mẫu.",
    "doanthe-camle": "Bài viết nói “UBMTTQ và các đoàn thể quận” mà không kể tên từng đoàn thể; "
    "dữ liệu mẫu ghi các đoàn thể chính trị - xã hội quận thành một khối.",
    "hu-x": UNNAMED_PLACE,
    "bdvhu-x": UNNAMED_PLACE,
    "du-tt": UNNAMED_PLACE + " Bài viết nói “cấp ủy đảng” của thị trấn; tên “Đảng ủy thị trấn” "
    "là tên mô tả.",
    "ubnd-tt": UNNAMED_PLACE,
    "kdv-tt": UNNAMED_PLACE,
    "mttq-tt": UNNAMED_PLACE + " Bài viết viết “UBMTTQ xã”; ở thị trấn đó là Ủy ban MTTQ Việt "
    "Nam thị trấn.",
}

NAMED = "Họ tên, chức vụ như bài viết in."
EMAIL = " Địa chỉ thư điện tử là minh họa của dữ liệu mẫu."
UNNAMED = (
    "Bài viết không nêu tên người đại diện; tên ghi theo chức trách, là mô tả của dữ liệu mẫu."
)

# (key, body key, full name, position, e-mail, note)
OFFICIALS = [
    (
        "nhan",
        "ubnd-thanhtri",
        "Vũ Văn Nhàn",
        "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện",
        "vvnhan@thanhtri.example.vn",
        NAMED + EMAIL,
    ),
    (
        "truong",
        "btghu-thanhtri",
        "Phùng Xuân Trường",
        "UVTV, Trưởng ban Tuyên giáo Huyện ủy",
        "pxtruong@thanhtri.example.vn",
        NAMED + EMAIL,
    ),
    (
        "thanh",
        "ubkthu-thanhtri",
        "Nguyễn Văn Thành",
        "UVTV, Chủ nhiệm UBKT Huyện ủy",
        "nvthanh@thanhtri.example.vn",
        NAMED + EMAIL,
    ),
    (
        "thuy",
        "btghu-thanhtri",
        "Hoàng Thị Thu Thủy",
        "Phó Ban Tuyên giáo Huyện ủy",
        "httthuy@thanhtri.example.vn",
        "Tác giả bài viết về lễ ký kết năm 2017." + EMAIL,
    ),
    (
        "btgtu-hn-rep",
        "btgtu-hanoi",
        "Lãnh đạo Ban Tuyên giáo Thành ủy Hà Nội",
        "Lãnh đạo Ban Tuyên giáo Thành ủy",
        "",
        UNNAMED,
    ),
    (
        "ubnd-hn-rep",
        "ubnd-hanoi",
        "Lãnh đạo UBND thành phố Hà Nội",
        "Lãnh đạo UBND Thành phố",
        "",
        UNNAMED,
    ),
    (
        "btghu-tt-rep",
        "btghu-thanhtri",
        "Đại diện lãnh đạo Ban Tuyên giáo Huyện ủy Thanh Trì",
        "Lãnh đạo Ban Tuyên giáo Huyện ủy",
        "",
        UNNAMED,
    ),
    (
        "ubnd-tt-rep",
        "ubnd-thanhtri",
        "Đại diện lãnh đạo UBND huyện Thanh Trì",
        "Lãnh đạo UBND huyện",
        "",
        UNNAMED,
    ),
    (
        "son-ngabay",
        "tu-ngabay",
        "Dương Văn Sơn",
        "Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố",
        "dvson@ngabay.example.vn",
        NAMED + EMAIL,
    ),
    (
        "xuyen",
        "btgtu-ngabay",
        "Nguyễn Thị Kim Xuyên",
        "Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy, "
        "Giám đốc Trung tâm chính trị thành phố",
        "ntkxuyen@ngabay.example.vn",
        NAMED + EMAIL,
    ),
    (
        "hdnd-nb-rep",
        "hdnd-ngabay",
        "Đại diện lãnh đạo HĐND thành phố",
        "Lãnh đạo HĐND thành phố",
        "",
        UNNAMED,
    ),
    (
        "ubnd-nb-rep",
        "ubnd-ngabay",
        "Đại diện lãnh đạo UBND thành phố",
        "Lãnh đạo UBND thành phố",
        "",
        UNNAMED,
    ),
    (
        "tand-nb-rep",
        "tand-ngabay",
        "Đại diện lãnh đạo Tòa án nhân dân thành phố",
        "Lãnh đạo Tòa án nhân dân thành phố",
        "",
        UNNAMED,
    ),
    (
        "vksnd-nb-rep",
        "vksnd-ngabay",
        "Đại diện lãnh đạo Viện Kiểm sát nhân dân thành phố",
        "Lãnh đạo Viện Kiểm sát nhân dân thành phố",
        "",
        UNNAMED,
    ),
    (
        "levanson",
        "ubnd-camle",
        "Lê Văn Sơn",
        "Chủ tịch UBND quận",
        "lvson@camle.example.vn",
        NAMED + EMAIL,
    ),
    (
        "mttq-cl-rep",
        "mttq-camle",
        "Đại diện Ủy ban MTTQ Việt Nam quận",
        "Lãnh đạo Ủy ban MTTQ Việt Nam quận",
        "",
        UNNAMED,
    ),
    (
        "doanthe-cl-rep",
        "doanthe-camle",
        "Đại diện các đoàn thể chính trị - xã hội quận",
        "Lãnh đạo các đoàn thể chính trị - xã hội quận",
        "",
        UNNAMED,
    ),
    ("ky", "hu-x", "Nguyễn Đăng Kỷ", "Phó Bí thư Thường trực Huyện ủy", "", NAMED),
    ("dat", "bdvhu-x", "Phạm Quốc Đạt", "UVBTV, Trưởng ban Dân vận Huyện ủy", "", NAMED),
    (
        "ubnd-tt-x-rep",
        "ubnd-tt",
        "Đại diện lãnh đạo UBND thị trấn",
        "Lãnh đạo UBND thị trấn",
        "",
        UNNAMED,
    ),
    (
        "kdv-tt-x-rep",
        "kdv-tt",
        "Đại diện Khối dân vận thị trấn",
        "Lãnh đạo Khối dân vận thị trấn",
        "",
        UNNAMED,
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
                "note": BODY_NOTES.get(key, ""),
            },
        )
    for key, body, full_name, position, email, note in OFFICIALS:
        registry.officials[key], _ = Official.objects.get_or_create(
            body=registry.body(body),
            full_name=full_name,
            position=position,
            defaults={"email": email, "note": note},
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
