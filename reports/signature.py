"""Who signs a report, and the block the rules print above the signature.

State bodies follow Decree 30/2020/NĐ-CP, Appendix I, part II, point 8: a body
led collectively signs "TM." (on behalf of) the collective — "TM. ỦY BAN NHÂN
DÂN" — and a deputy signing for the head adds "KT." (for) the head's title —
"KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"; a body under one head is signed by the head
directly ("TRƯỞNG PHÒNG"), or by a deputy "KT. TRƯỞNG PHÒNG".

Party bodies follow Hướng dẫn 36-HD/VPTW (2018), II.1.7: a Party committee signs
"T/M BAN THƯỜNG VỤ" whoever of its leaders signs (no "K/T" under it); an organ
that advises it (a Ban) is signed by its head directly ("TRƯỞNG BAN"), by a deputy
"K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN".

The signer's title is printed as a title ("CHỦ TỊCH"), not the whole position
("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"); the name in ordinary case, bold.
"""

from dataclasses import dataclass

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

# The head's title in each kind of body, for a body whose officials say too little.
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
    K.GROUP: "Trưởng ban",
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
    """The signer's title as the block prints it, for the body they sign for."""
    part = position_part(position, body)
    return title_of(part) or HEAD_TITLES.get(body.kind, "") or part


def is_deputy(title):
    return title.startswith(DEPUTY)


def head_title(title, body):
    """The head's title a deputy signs for: "Phó Chủ tịch" → "Chủ tịch"."""
    return title[len(DEPUTY) :].strip().capitalize() if is_deputy(title) else title


def signer_block(body, official, day=None, position=None):
    """The signer block of a document of `body` signed by `official` on `day`, who
    held `position` then (by default the position the official holds that day).

    `official` may be None (a body with no official recorded): the block then holds
    the authority and the head's title, with no name, which is how a blank form for
    a signature looks.
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


def report_signer(report):
    """Who signs `report`: the official chosen when it was issued; on a draft, the
    issuing body's head, whom the issue form proposes."""
    if report.signer_id:
        return report.signer
    if report.issued_on:
        return None  # recorded as issued by a source that does not name its signer
    # No head recorded by title (an article names only "a leader of the body"): nobody
    # is proposed, and the leader issuing it chooses.
    return body_head(report.issuing_body, report.issued_on)


def report_signer_block(report):
    """The block as issued: the signer with the position stored at issue."""
    if report.issued_on and not report.signer_id:
        return None  # its signer is not known: no block is guessed
    position = report.signer_position if report.signer_id and report.signer_position else None
    return signer_block(report.issuing_body, report_signer(report), report.issued_on, position)
