"""The abbreviations Vietnamese officials write for the bodies of the political
system (and for a few fields of work), and what each stands for.

"UBND huyện Thanh Trì" is "Ủy ban nhân dân huyện Thanh Trì"; a code such as
"BTGHU" is "Ban Tuyên giáo" + "Huyện ủy". Search spells abbreviations out so
that either way of writing finds the other; a body's full name is spelled out
from its short name the same way.
"""

import re
import unicodedata
from typing import NamedTuple


class Abbreviation(NamedTuple):
    written: str
    meanings: tuple
    # Two-letter Party committee abbreviations (HU, TU, QU, ĐU) are read only in
    # capitals: in lower case they are ordinary words once marks are dropped (tự, hư).
    capitals_only: bool = False


def _a(written, *meanings, capitals_only=False):
    return Abbreviation(written, meanings, capitals_only)


ABBREVIATIONS = [
    # State bodies
    _a("UBND", "Ủy ban nhân dân"),
    _a("HĐND", "Hội đồng nhân dân"),
    _a("TAND", "Tòa án nhân dân"),
    _a("VKSND", "Viện kiểm sát nhân dân"),
    _a("CAND", "Công an nhân dân"),
    _a("BCHQS", "Ban Chỉ huy Quân sự"),
    _a("VP", "Văn phòng"),
    # The Fatherland Front and the mass organisations
    _a("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    _a("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    _a("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    _a("MTTQ", "Mặt trận Tổ quốc"),
    _a("HLHPN", "Hội Liên hiệp Phụ nữ"),
    _a("HPN", "Hội Phụ nữ"),
    _a("ĐTNCS", "Đoàn Thanh niên Cộng sản"),
    _a("ĐTN", "Đoàn Thanh niên"),
    _a("TNCS", "Thanh niên Cộng sản"),
    _a("HND", "Hội Nông dân"),
    _a("HCCB", "Hội Cựu chiến binh"),
    _a("LĐLĐ", "Liên đoàn Lao động"),
    # Party committees and their organs
    _a("BTGDV", "Ban Tuyên giáo và Dân vận"),
    _a("BTG", "Ban Tuyên giáo"),
    _a("BDV", "Ban Dân vận"),
    _a("BTC", "Ban Tổ chức"),
    _a("UBKT", "Ủy ban Kiểm tra"),
    _a("BTV", "Ban Thường vụ"),
    _a("BCH", "Ban Chấp hành"),
    _a("TW", "Trung ương"),
    _a("HU", "Huyện ủy", capitals_only=True),
    _a("TU", "Tỉnh ủy", "Thành ủy", capitals_only=True),
    _a("QU", "Quận ủy", capitals_only=True),
    _a("ĐU", "Đảng ủy", capitals_only=True),
    # Units
    _a("TP", "thành phố"),
    _a("TX", "thị xã"),
    _a("VN", "Việt Nam"),
    _a("HCM", "Hồ Chí Minh"),
    # Fields of work the seeds abbreviate
    _a("KT-XH", "kinh tế - xã hội"),
    _a("ATGT", "an toàn giao thông"),
    _a("PCCC", "phòng cháy, chữa cháy"),
    _a("VSATTP", "vệ sinh an toàn thực phẩm"),
    _a("ATTP", "an toàn thực phẩm"),
    _a("NTM", "nông thôn mới"),
    _a("KNTC", "khiếu nại, tố cáo"),
    _a("ANTT", "an ninh trật tự"),
    _a("GPMB", "giải phóng mặt bằng"),
    _a("CCHC", "cải cách hành chính"),
]

# The most meanings an abbreviation has (TU: Tỉnh ủy or Thành ủy).
MOST_MEANINGS = max(len(a.meanings) for a in ABBREVIATIONS)


def fold(text):
    """ "Ủy ban Mặt trận Thanh Trì" → "uy ban mat tran thanh tri"; đ → d: lower case,
    no marks, single spaces. What search compares and abbreviations are known by."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


_BY_KEY = {fold(a.written): a for a in ABBREVIATIONS if not a.capitals_only}
_IN_CAPITALS = {a.written: a for a in ABBREVIATIONS if a.capitals_only}
_ALL_KEYS = {fold(a.written): a for a in ABBREVIATIONS}
# A word, or words joined by hyphens ("KT-XH", "BTGHU-UBND").
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _compound(token):
    """The abbreviations an all-capitals code is made of ("BTGHU" → BTG, HU), or None."""
    key = fold(token)
    best = {0: []}
    for end in range(1, len(key) + 1):
        for start in range(end):
            found = _ALL_KEYS.get(key[start:end])
            if start in best and found is not None and end not in best:
                best[end] = best[start] + [found]
    return best.get(len(key))


def _meaning(abbreviation, choice):
    return abbreviation.meanings[min(choice, len(abbreviation.meanings) - 1)]


def _spell_token(token, choice, compounds):
    known = _IN_CAPITALS.get(token) or _BY_KEY.get(fold(token))
    if known is not None:
        return _meaning(known, choice)
    if "-" in token:
        return "-".join(_spell_token(part, choice, compounds) for part in token.split("-"))
    if compounds and token.isupper() and len(token) > 2:
        parts = _compound(token)
        if parts and len(parts) > 1:
            return " ".join(_meaning(part, choice) for part in parts)
    return token


def spell_out(text, *, choice=0, compounds=True):
    """`text` with every abbreviation written in full; `choice` picks among the meanings
    of an ambiguous one (TU: 0 Tỉnh ủy, 1 Thành ủy)."""
    return _TOKEN.sub(lambda m: _spell_token(m[0], choice, compounds), text or "")


def spellings(text):
    """`text` spelled out in every reading its abbreviations allow, without repeats,
    not counting `text` itself."""
    found = []
    for choice in range(MOST_MEANINGS):
        spelled = spell_out(text, choice=choice)
        if spelled != text and spelled not in found:
            found.append(spelled)
    return found


def is_ambiguous(text):
    """Whether spelling `text` out would have to guess between meanings."""
    return len(spellings(text)) > 1
