"""The world every access test walks: one district's programmes, seen from five places.

Places (where the user's body stands):
  own        the district's Ban Tuyên giáo: a party, the lead and issuer, organiser
  partner    the district's UBND: the other party; supports clause 1, is sent the directive
  neighbour  another body of the same district (the Court): no party, sees nothing here
  above      a body of the province above: oversees the district, sees everything here
  elsewhere  a body of another province: sees nothing here

Users: each role at each place, a superuser, nobody signed in.
Objects: a draft and a signed programme between own and partner (clause 1 of each led
by own and supported by partner; the signed one has a scan, an indicator and progress),
a briefing of the signed programme organised by own, a directive to partner, a
quarterly report on the signed programme issued by own, and a draft of the next
quarter's report by own.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from agreements.services import programme_attach_scan, progress_report_create
from meetings.directives import directive_create
from meetings.services import meeting_schedule
from parties.models import Body, Membership, Succession
from parties.services import reorganisation_record
from reports.models import Report
from reports.services import report_build, report_create, report_store
from tests.agreements.factories import district_bodies, draft, signed
from tests.agreements.pdf import pdf_bytes, tiny_pdf
from tests.factories import (
    VN,
    BodyFactory,
    CommuneFactory,
    DistrictFactory,
    OfficialFactory,
    UserFactory,
    user_in,
)

R = Membership.Role
ROLES = [R.OFFICIAL, R.SECRETARIAT, R.LEADER, R.ADMINISTRATOR]
PLACES = ["own", "partner", "neighbour", "above", "elsewhere"]
SEEING = ("own", "partner", "above")  # who sees the world's programmes
PARTIES = ("own", "partner")


@dataclass(frozen=True)
class Case:
    """Who asks: a role at a place; or the superuser, an account that belongs to no
    body, nobody signed in."""

    role: str | None = None
    place: str | None = None
    who: str = "member"  # member, superuser, "no body", anonymous

    def __str__(self):
        if self.who != "member":
            return self.who
        return f"{self.role} at {self.place}"


ANONYMOUS = Case(who="anonymous")
SUPERUSER = Case(who="superuser")
NO_BODY = Case(who="no body")
CASES = [ANONYMOUS, SUPERUSER, NO_BODY] + [Case(role, place) for place in PLACES for role in ROLES]


@dataclass
class World:
    bodies: dict
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.objects[name]

    def user(self, case):
        return self.users.get(case)

    def body(self, case):
        return self.bodies.get(case.place) if case.who == "member" else None


def at(day, hour=8):
    return datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def world_bodies():
    own, partner = district_bodies()
    district = own.unit
    return {
        "own": own,
        "partner": partner,
        "neighbour": BodyFactory(
            unit=district, name="Tòa án nhân dân huyện", kind=Body.Kind.COURT, code="TAND"
        ),
        "above": BodyFactory(
            unit=district.parent, name="Ban Tuyên giáo Tỉnh ủy", kind=Body.Kind.PARTY_ORGAN
        ),
        "elsewhere": BodyFactory(unit=DistrictFactory(), name="UBND huyện ở tỉnh khác"),
    }


def build_world(*, real_reports=False):
    """The world; its report's files are made by WeasyPrint only with `real_reports`
    (the permission table needs files to serve, not their words)."""
    bodies = world_bodies()
    for body in bodies.values():
        if not body.officials.exists():
            OfficialFactory(body=body)
    world = World(bodies=bodies)
    for place, body in bodies.items():
        for role in ROLES:
            world.users[Case(role, place)] = user_in(body, role)
    world.users[SUPERUSER] = UserFactory(is_superuser=True, is_staff=True)
    world.users[NO_BODY] = UserFactory()

    own, partner = bodies["own"], bodies["partner"]
    world.objects["draft"] = draft([own, partner], number=1, title="Dự thảo chung")
    programme = signed([own, partner], number=2, title="Chương trình đã ký chung")
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    clause = programme.clauses.get(number=1)
    progress_report_create(
        clause=clause,
        reported_on=date(2024, 3, 31),
        reporting_body=own,
        status="on_track",
        values={clause.indicators.get(): 2},
        note="Đã tổ chức 2 hội nghị.",
    )
    chair = own.officials.first()
    meeting = meeting_schedule(
        kind="quarterly_briefing",
        title="Giao ban quý I năm 2024",
        programmes=[programme],
        organiser=own,
        starts_at=at(date(2024, 4, 9)),
        ends_at=at(date(2024, 4, 9), 10),
        place="Phòng họp số 1",
        chair=chair,
        invitees=[chair],
    )
    world.objects.update(
        signed=programme,
        draft_clause=world.objects["draft"].clauses.get(number=1),
        clause=clause,
        meeting=meeting,
        directive=directive_create(
            meeting=meeting, text="Bổ sung kế hoạch quý II.", addressed_body=partner
        ),
        report=quarterly_report(programme, own, real=real_reports),
        account=world.users[Case(R.OFFICIAL, "own")].membership,
        official=chair,
        draft_report=quarterly_report(programme, own, real=real_reports, issued_on=None),
    )
    reorganise_a_commune(world)
    return world


def reorganise_a_commune(world):
    """A commune of the district merged into a new commune under the province: its
    UBND ended, with a programme in force still to hand over or close. Its bodies stand
    apart from the five places (no place is a party to its programme)."""
    district = world.bodies["own"].unit
    old = CommuneFactory(parent=district, name="Xã cũ")
    new = CommuneFactory(parent=district.parent, name="Xã mới")
    ended = BodyFactory(unit=old, name="UBND xã cũ", code="UBNDXC")
    front = BodyFactory(unit=old, name="MTTQ xã cũ", code="MTTQXC", kind=Body.Kind.FATHERLAND_FRONT)
    successor = BodyFactory(unit=new, name="UBND xã mới", code="UBNDXM")
    for body in (ended, front):
        OfficialFactory(body=body)
    world.objects["to_settle"] = signed([ended, front], number=9, title="Chương trình của xã cũ")
    world.objects["reorganisation"] = reorganisation_record(
        legal_basis="Nghị quyết sắp xếp đơn vị hành chính cấp xã",
        decided_on=date(2025, 6, 16),
        effective_on=date(2025, 7, 1),
        successions=[
            (Succession.Kind.MERGED, ended, successor),
            (Succession.Kind.MERGED, old, new),
        ],
    )


def quarterly_report(programme, issuer, *, real, issued_on=date(2024, 4, 5)):
    """The report of quarter I/2024, issued on `issued_on`; or, without it, the draft
    of quarter II's."""
    quarter = (
        (date(2024, 1, 1), date(2024, 3, 31))
        if issued_on
        else (date(2024, 4, 1), date(2024, 6, 30))
    )
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=quarter[0],
        period_end=quarter[1],
        issuing_body=issuer,
        issued_on=issued_on,
        enqueue=False,
    )
    if real:
        return report_build(report_id=report.pk)
    files = {
        "pdf": pdf_bytes(),
        "appendix_pdf": pdf_bytes(),
        "xlsx": b"PK\x03\x04",
        "html": b"<p>preview</p>",
    }
    if issued_on is None:  # what the first build of a draft pre-fills
        files["narrative"] = {"strengths": "Các bên phối hợp chặt chẽ."}
    return report_store(report_id=report.pk, files=files)
