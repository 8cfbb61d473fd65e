"""Issue 12: every page the benchmark measures issues as many queries with a few rows
as with several times more, for each role it measures (an official of one body, a
leader of a district, a provincial administrator), and no more than 15."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Directive
from parties.models import Body, Membership
from tests.agreements.factories import draft, report, sign
from tests.factories import (
    VN,
    BodyFactory,
    DirectiveFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
    PartyBodyFactory,
    ProvinceFactory,
    user_in,
)

pytestmark = pytest.mark.django_db
R = Membership.Role

MOST_QUERIES = 15  # the target for every page
# The programme page: 4 for the session and the user's body, 3 for the programme (with
# its document state, each party's signatory, whether it is amended or handed over to
# the user's body) and its parties and witnesses and fields (one query), 4 for the
# clauses with their supporters, reports and indicators with their values, and the
# reports (2) and meetings (2) of the apps above; its history is asked for apart. An
# amended programme adds its amendments, a body a programme was handed over to its
# handovers.
PROGRAMME_PAGE_MOST = MOST_QUERIES

PAGES = [
    ("leaders' dashboard", "reports:dashboard", ""),
    ("home", "home", ""),
    ("programme list", "agreements:programme_list", ""),
    ("programme search", "agreements:programme_list", "?q=tuyên truyền&sort=title"),
    ("programme list filtered", "agreements:programme_list", "?status=signed&year=2024"),
    ("clause list", "agreements:clause_list", ""),
    ("clause list, overdue", "agreements:clause_list", "?status=overdue&in_force=1"),
    ("clause list's body pickers", "agreements:clause_list_bodies", "?find=ban"),
    ("month calendar", "meetings:calendar", "?month=2024-05"),
    ("quarter list", "meetings:calendar", "?quarter=2024-2"),
    ("directive list", "meetings:directive_list", ""),
    (".ics export", "meetings:calendar_ics", ""),
    ("my work", "agreements:my_work", ""),
]


class Province:
    """A province with one district: the district's Party committee, its Ban Tuyên
    giáo and UBND; the province's UBND. Programmes join the three district bodies."""

    def __init__(self):
        province = ProvinceFactory()
        district = DistrictFactory(parent=province)
        self.committee = PartyBodyFactory(
            unit=district, name="Huyện ủy", kind=Body.Kind.PARTY_COMMITTEE
        )
        self.btg = PartyBodyFactory(unit=district, name="Ban Tuyên giáo Huyện ủy")
        self.ubnd = BodyFactory(unit=district, name="UBND huyện")
        self.province_ubnd = BodyFactory(unit=province, name="UBND tỉnh")
        for body in (self.committee, self.btg, self.ubnd, self.province_ubnd):
            OfficialFactory(body=body)
        self.users = {
            "official": user_in(self.btg, R.OFFICIAL),
            "district leader": user_in(self.committee, R.LEADER),
            "provincial administrator": user_in(self.province_ubnd, R.ADMINISTRATOR),
        }
        self.programmes = []

    def grow(self, rows):
        """`rows` more signed programmes, each with two clauses, a progress report on
        each, a meeting in May 2024 and one next week, and an open directive."""
        start = len(self.programmes)
        added = [
            draft([self.btg, self.ubnd, self.committee], number=start + n + 1, clauses=2)
            for n in range(rows)
        ]
        sign(*added)
        for programme in added:
            for clause in programme.clauses.all():
                report(clause)
            for when in (datetime(2024, 5, 6, 8, tzinfo=VN), datetime(2030, 1, 7, 8, tzinfo=VN)):
                meeting = MeetingFactory(organiser=self.btg, starts_at=when)
                meeting.programmes.set([programme])
                DirectiveFactory(
                    meeting=meeting,
                    programme=programme,
                    addressed_body=self.btg,
                    status=Directive.Status.OPEN,
                )
        self.programmes += added


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, path
    return len(captured)


def counts(client, pages):
    found = {}
    for label, name, query in pages:
        path = reverse(name) + query
        client.get(path)  # warm: the first request of a session may set it up
        found[label] = queries(client, path)
    return found


@pytest.mark.parametrize("role", ["official", "district leader", "provincial administrator"])
def test_every_page_takes_the_same_queries_for_few_rows_and_many(client, role):
    world = Province()
    client.force_login(world.users[role])
    world.grow(1)
    few = counts(client, PAGES)
    world.grow(4)
    many = counts(client, PAGES)
    assert many == few
    assert {label: n for label, n in many.items() if n > MOST_QUERIES} == {}


@pytest.mark.parametrize("role", ["official", "district leader", "provincial administrator"])
def test_the_programme_page_takes_the_same_queries_for_one_clause_or_many(client, role):
    world = Province()
    client.force_login(world.users[role])
    small = draft([world.btg, world.ubnd, world.committee], number=1, clauses=1)
    large = draft([world.btg, world.ubnd, world.committee], number=2, clauses=8)
    sign(small, large)
    for programme in (small, large):
        for clause in programme.clauses.all():
            report(clause)
            report(clause, day=datetime(2024, 6, 30).date())
        for month in (5, 6):
            meeting = MeetingFactory(
                organiser=world.btg, starts_at=datetime(2024, month, 6, 8, tzinfo=VN)
            )
            meeting.programmes.set([programme])
            DirectiveFactory(meeting=meeting, programme=programme, addressed_body=world.btg)
    pages = [
        (size, "agreements:programme_detail", programme.pk)
        for size, programme in (("small", small), ("large", large))
    ]
    found = {}
    for size, name, pk in pages:
        path = reverse(name, args=[pk])
        client.get(path)
        found[size] = queries(client, path)
    assert found["large"] == found["small"]
    assert found["large"] <= PROGRAMME_PAGE_MOST
