"""The signature block each kind of body prints over its signer's name: the authority
line, the title as a title, the head of a body on a date. Reports and programme
documents both print it (reports/signature.py, agreements/documents.py).

State bodies follow Decree 30/2020/NĐ-CP, Appendix I, Part I, section II, point 7
("Chức vụ, họ tên và chữ ký của người có thẩm quyền"), point 7.b: signing on behalf
of a collective writes "TM." before the collective's name — "TM. ỦY BAN NHÂN DÂN";
signing for the head writes "KT." before the head's title — "KT. CHỦ TỊCH" over
"PHÓ CHỦ TỊCH"; point 7.c: the title written is the signer's official leading title
in the body, not other offices held. A body under one head (a Phòng, the People's
Court, the People's Procuracy) is signed by its head directly ("TRƯỞNG PHÒNG",
"CHÁNH ÁN", "VIỆN TRƯỞNG"), or by a deputy "KT. CHÁNH ÁN" over "PHÓ CHÁNH ÁN".

Party bodies follow Hướng dẫn 36-HD/VPTW (03/4/2018) of the Central Party Office,
part II.1 (the components every Party document has): the prefixes are written with a
slash ("T/M", "K/T"); a Party committee signs "T/M BAN THƯỜNG VỤ" whoever of its
leaders signs (the deputy writes only "PHÓ BÍ THƯ", no "K/T" under it); an organ
that advises it (a Ban) is signed by its head directly ("TRƯỞNG BAN"), by a deputy
"K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN".

The Fatherland Front committee signs on behalf of its Ban Thường trực ("TM. BAN
THƯỜNG TRỰC" over "CHỦ TỊCH"), with the State's prefixes: Hướng dẫn 91/HD-MTTW-BTT
(08/4/2013) of the Front's Central Committee applies the Home Affairs rules of the
time (Thông tư 01/2011/TT-BNV, whose TM./KT. Decree 30 kept) to the Front's
documents. A mass organisation signs for its Ban Thường vụ the same way.

The title is printed as a title ("CHỦ TỊCH"), not the whole position ("Phó Bí thư
Huyện ủy, Chủ tịch UBND huyện"); the name in ordinary case, bold.

Sources read: Decree 30/2020/NĐ-CP Appendix I, Part I, II.7 in the decree's own text
(the model rows "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" and "KT. BỘ TRƯỞNG / THỨ TRƯỞNG");
36-HD/VPTW only through secondary summaries (its II.1.2 on the issuing body's name as
quoted by thuvienphapluat.vn; the slash prefixes) — its own text was not at hand, so
"no K/T under T/M" is this app's reading, not a quotation; 91/HD-MTTW-BTT's preamble.
"""

from collections import Counter
from dataclasses import dataclass, replace

from parties.models import Body, Membership, Official

K = Body.Kind

# The collective a body signs on behalf of (TM. / T/M), by kind; absent: one head signs.
COLLECTIVES = {
    K.PEOPLES_COMMITTEE: "Ủy ban nhân dân",
    K.PEOPLES_COUNCIL: "Thường trực Hội đồng nhân dân",
    K.FATHERLAND_FRONT: "Ban Thường trực",
    K.MASS_ORGANISATION: "Ban Thường vụ",
    K.PARTY_COMMITTEE: "Ban Thường vụ",
}

# The head's title in each kind of body, printed on a blank block awaiting its signer.
HEAD_TITLES = {
    K.PEOPLES_COMMITTEE: "Chủ tịch",
    K.PEOPLES_COUNCIL: "Chủ tịch",
    K.FATHERLAND_FRONT: "Chủ tịch",
    K.MASS_ORGANISATION: "Chủ tịch",
    K.PARTY_COMMITTEE: "Bí thư",
    K.PARTY_ORGAN: "Trưởng ban",
    K.DEPARTMENT: "Trưởng phòng",
    K.COURT: "Chánh án",
    K.PROCURACY: "Viện trưởng",
    # A group ("Khối dân vận", "Các đoàn thể") has no head title in common use.
}

# Titles a position may hold, longest first so that "Chủ tịch" is not read in
# "Phó Chủ tịch"; "Phó Ban" is how the articles write a Ban's deputy head.
TITLES = [
    ("Phó Bí thư Thường trực", "Phó Bí thư"),
    ("Phó Chánh Văn phòng", "Phó Chánh Văn phòng"),
    ("Chánh Văn phòng", "Chánh Văn phòng"),
    ("Phó Chủ tịch", "Phó Chủ tịch"),
    ("Phó Trưởng ban", "Phó Trưởng ban"),
    ("Phó Trưởng phòng", "Phó Trưởng phòng"),
    ("Phó Chủ nhiệm", "Phó Chủ nhiệm"),
    ("Phó Chánh án", "Phó Chánh án"),
    ("Phó Viện trưởng", "Phó Viện trưởng"),
    ("Phó Giám đốc", "Phó Giám đốc"),
    ("Phó Bí thư", "Phó Bí thư"),
    ("Phó Ban", "Phó Trưởng ban"),
    ("Chủ tịch", "Chủ tịch"),
    ("Trưởng ban", "Trưởng ban"),
    ("Trưởng phòng", "Trưởng phòng"),
    ("Chủ nhiệm", "Chủ nhiệm"),
    ("Chánh án", "Chánh án"),
    ("Viện trưởng", "Viện trưởng"),
    ("Giám đốc", "Giám đốc"),
    ("Bí thư", "Bí thư"),
    ("Trưởng khối", "Trưởng khối"),
]

DEPUTY = "Phó "


@dataclass(frozen=True)
class SignerBlock:
    """The lines above and under the signature, as printed (capitals where the rules
    want them); `authority` and `deputy` are empty when they do not apply."""

    authority: str
    deputy: str
    title: str
    name: str
    # In a joint document, the name of the body the block signs for (see party_line).
    party: str = ""

    @property
    def lines(self):
        return [line for line in (self.authority, self.deputy, self.title) if line]


def upper(text):
    return text.upper()


def position_part(position, body):
    """The part of a position listing several that concerns `body`: "UVTV, Trưởng ban
    Tuyên giáo Huyện ủy" → "Trưởng ban Tuyên giáo Huyện ủy"; "Phó Bí thư Huyện ủy,
    Chủ tịch UBND huyện" for the UBND → "Chủ tịch UBND huyện"."""
    body_words = set(f"{body.name} {body.full_name}".lower().split())
    parts = [part.strip() for part in position.split(",") if part.strip()]
    if not parts:
        return ""

    head = HEAD_TITLES.get(body.kind, "")

    def score(part):
        shared = len(body_words & set(part.lower().split()))
        title = title_of(part)
        # The title this kind of body is headed by (or its deputy's) names the office held here.
        fits = bool(head) and title.removeprefix(DEPUTY).lower() == head.lower()
        return shared + (2 if title else 0) + (3 if fits else 0)

    return max(parts, key=score)


def title_of(text):
    """The bare title at the start of a position ("Chủ tịch UBND huyện" → "Chủ tịch")."""
    lowered = text.strip().lower()
    for written, title in TITLES:
        if lowered.startswith(written.lower()):
            return title
    return ""


def signing_title(position, body):
    """The signer's title as the block prints it, for the body they sign for; empty
    when the recorded position names no title ("Lãnh đạo UBND thị trấn", a
    representative of a group): the block then asserts no office the record lacks."""
    return title_of(position_part(position, body))


def is_deputy(title):
    return title.startswith(DEPUTY)


def head_title(title, body):
    """The head's title a deputy signs for: "Phó Chủ tịch" → "Chủ tịch"."""
    return title[len(DEPUTY) :].strip().capitalize() if is_deputy(title) else title


# Kinds whose authority line already names the body itself ("TM. ỦY BAN NHÂN DÂN").
NAMED_BY_AUTHORITY = {K.PEOPLES_COMMITTEE, K.PEOPLES_COUNCIL}


def party_line(body):
    """The line over a block of a joint document naming the body it signs for, where
    the block alone would not say whose it is ("TRƯỞNG BAN", "T/M BAN THƯỜNG VỤ",
    "TM. BAN THƯỜNG TRỰC"): the body's full name in capitals. Empty for a People's
    Committee or Council, whose "TM. ỦY BAN NHÂN DÂN" already names it.

    Assumed, not found in a source: neither Decree 30 nor the summaries of 36-HD/VPTW
    read here lay out a joint document's blocks. On a joint document a block that
    says only "TRƯỞNG BAN" does not tell the reader whose it is."""
    return "" if body.kind in NAMED_BY_AUTHORITY else upper(body.full_name)


def told_apart(blocks, bodies):
    """The blocks of a joint document, each naming its body where another block reads
    the same: two People's Committees (a city's and a district's) both sign "TM. ỦY BAN
    NHÂN DÂN / CHỦ TỊCH", and the reader must know which is which."""
    alike = Counter(tuple(block.lines) for block in blocks if not block.party)
    return [
        replace(block, party=upper(body.full_name))
        if not block.party and alike[tuple(block.lines)] > 1
        else block
        for block, body in zip(blocks, bodies, strict=True)
    ]


def signer_block(body, official, day=None, position=None, *, joint=False):
    """The signer block of a document of `body` signed by `official` on `day`, who
    held `position` then (by default the position the official holds that day).

    `official` may be None (a body with no official recorded): the block then holds
    the authority and the head's title, with no name, which is how a blank form for
    a signature looks. `joint`: the block of one party of a joint document, which
    names its body above the authority (party_line).
    """
    party = body.is_party_body
    collective = COLLECTIVES.get(body.kind)
    if official and position is None:
        position = official.position_on(day) if day else official.position
    title = signing_title(position, body) if official else HEAD_TITLES.get(body.kind, "")
    authority = ""
    if collective:
        authority = ("T/M " if party else "TM. ") + upper(collective)
    deputy = ""
    # Under a Party committee's T/M a deputy writes only their title (36-HD/VPTW).
    if is_deputy(title) and not (party and collective):
        deputy = ("K/T " if party else "KT. ") + upper(head_title(title, body))
    return SignerBlock(
        authority=authority,
        deputy=deputy,
        title=upper(title),
        name=official.full_name if official else "",
        party=party_line(body) if joint else "",
    )


def body_head(body, day=None):
    """The issuing body's head: a leader's official record whose title is the head's,
    else any official of the body holding the head's title; None if none is recorded
    (a record with no title, "a representative", never signs)."""
    officials = list(Official.objects.filter(body=body).order_by("pk"))
    if day is not None:
        officials = [o for o in officials if o.is_active_on(day)] or officials
    leaders = set(
        Membership.objects.filter(
            body=body, role=Membership.Role.LEADER, official__isnull=False
        ).values_list("official_id", flat=True)
    )
    heads = [o for o in officials if not is_deputy(signing_title(o.position, body))]
    titled = [o for o in heads if title_of(position_part(o.position, body))]
    for group in ([o for o in titled if o.pk in leaders], titled):
        if group:
            return group[0]
    return None
