"""The directive list read cheaply (issue 12): its total counted with the programmes
seen ORed (visible_directives_counted), the addressed bodies read with it
(DirectivePages.addressed_bodies), the filter's first bodies read as few as shown
(directive_filter_first_bodies: walked in order for a body of the province, read outwards
for a body below) and its rows with the columns a row shows. The same rows, count and
bodies as the plain reads, for each kind of user, in as many queries whatever the data."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.models import ProgrammeInvolvement
from agreements.selectors import (
    BODIES_IN_ORDER,
    bodies_first_where,
    bodies_involved_on_seen,
    bodies_named_on_seen,
)
from meetings.models import Directive
from meetings.rules import visible_directives, visible_directives_counted
from meetings.selectors import (
    DirectivePages,
    directive_filter_first_bodies,
    directive_list_visible,
)
from meetings.views.access import bodies_visible
from parties.models import Body, Membership
from tests.agreements.factories import draft, sign
from tests.factories import (
    VN,
    BodyFactory,
    DirectiveFactory,
    DistrictFactory,
    MeetingFactory,
    OfficialFactory,
    PartyBodyFactory,
    ProvinceFactory,
    UserFactory,
    user_in,
)

pytestmark = pytest.mark.django_db
R = Membership.Role
LIST = reverse("meetings:directive_list")


class Province:
    """A province with two districts. In the first: its Party committee, Ban Tuyên giáo,
    UBND and a front that no programme names (directives are addressed to it); in the
    second, a programme of its own. Each programme has a meeting and directives."""

    def __init__(self):
        province = ProvinceFactory()
        district = DistrictFactory(parent=province)
        self.committee = PartyBodyFactory(
            unit=district, name="Huyện ủy", kind=Body.Kind.PARTY_COMMITTEE
        )
        self.btg = PartyBodyFactory(unit=district, name="Ban Tuyên giáo Huyện ủy")
        self.ubnd = BodyFactory(unit=district, name="UBND huyện")
        self.front = BodyFactory(unit=district, name="Ủy ban MTTQ huyện")
        self.province_ubnd = BodyFactory(unit=province, name="UBND tỉnh")
        other = DistrictFactory(parent=province)
        self.far = [PartyBodyFactory(unit=other), BodyFactory(unit=other)]
        for body in (
            self.committee,
            self.btg,
            self.ubnd,
            self.front,
            self.province_ubnd,
            *self.far,
        ):
            OfficialFactory(body=body)
        self.users = {
            "official": user_in(self.btg, R.OFFICIAL),
            "district leader": user_in(self.committee, R.LEADER),
            "provincial administrator": user_in(self.province_ubnd, R.ADMINISTRATOR),
            "addressed body": user_in(self.front, R.OFFICIAL),
            "superuser": UserFactory(is_superuser=True, is_staff=True),
            "no body": UserFactory(),
        }
        self.count = 0

    def grow(self, rows):
        """`rows` more programmes in each district (one a draft), each with a meeting and
        three directives: open with a deadline, to the front without one, done."""
        for n in range(rows):
            self.count += 1
            here = draft([self.btg, self.ubnd, self.committee], number=self.count, clauses=1)
            far = draft(self.far, number=self.count, clauses=1)
            if n:
                sign(here, far)
            for programme, organiser, party in ((here, self.btg, self.ubnd), (far, *self.far)):
                meeting = MeetingFactory(
                    organiser=organiser, starts_at=datetime(2024, 5, 6 + n, 8, tzinfo=VN)
                )
                meeting.programmes.set([programme])
                for body, deadline, status in (
                    (party, datetime(2024, 6, 1 + n).date(), Directive.Status.OPEN),
                    (self.front, None, Directive.Status.IN_PROGRESS),
                    (organiser, datetime(2024, 5, 1).date(), Directive.Status.DONE),
                ):
                    DirectiveFactory(
                        meeting=meeting,
                        programme=programme,
                        addressed_body=body,
                        deadline=deadline,
                        status=status,
                        completed_on=deadline if status == Directive.Status.DONE else None,
                    )


@pytest.fixture
def province():
    made = Province()
    made.grow(3)
    return made


def ids(queryset):
    return list(queryset.values_list("pk", flat=True))


def test_each_user_sees_the_same_rows_and_count_as_the_plain_read(client, province):
    today = timezone.localdate()
    for label, user in province.users.items():
        expected = list(directive_list_visible(user=user, today=today))
        assert visible_directives_counted(user).count() == len(expected), label
        pages = DirectivePages(user=user, today=today)
        addressed = set(pages.addressed_bodies())
        seen = visible_directives(user).values_list("addressed_body_id", flat=True)
        assert addressed == set(seen), label
        assert pages.count() == len(expected), label  # from the same grouped read
        client.force_login(user)
        page = client.get(LIST).context["page"]
        assert page.paginator.count == len(expected), label
        assert list(page.object_list) == expected[:25], label
    # What each kind sees, to be sure the rule was exercised.
    front = province.users["addressed body"]
    assert {d.addressed_body for d in directive_list_visible(user=front, today=today)} == {
        province.front
    }
    far = set(province.far)
    leader = province.users["district leader"]
    assert not far & {d.addressed_body for d in directive_list_visible(user=leader, today=today)}
    provincial = province.users["provincial administrator"]
    assert far <= {d.addressed_body for d in directive_list_visible(user=provincial, today=today)}
    assert not DirectivePages(user=province.users["no body"], today=today).count()


@pytest.mark.parametrize("first", [1, 2, 4, 40])
def test_the_first_bodies_are_those_of_every_body_the_filter_offers(province, first):
    """directive_filter_first_bodies holds at least the first `first` bodies of
    bodies_visible(addressees=True), in the filter's order, whichever way it reads them."""
    today = timezone.localdate()
    for label, user in province.users.items():
        expected = ids(bodies_visible(user, addressees=True).order_by(*BODIES_IN_ORDER))
        pages = DirectivePages(user=user, today=today)
        for addressed in (pages.addressed_bodies, None):
            read = directive_filter_first_bodies(user, first=first, addressed=addressed)
            assert ids(read.order_by(*BODIES_IN_ORDER)[:first]) == expected[:first], label


def test_bodies_involved_on_seen_reads_outwards_the_same_bodies(province):
    every = ProgrammeInvolvement.objects.all()
    for label, user in province.users.items():
        assert set(ids(bodies_involved_on_seen(user))) == set(
            ids(bodies_named_on_seen(user, every))
        ), label
    leader = province.users["district leader"]
    assert set(ids(bodies_involved_on_seen(leader))) == {
        province.btg.pk,
        province.ubnd.pk,
        province.committee.pk,
    }


def test_bodies_first_where_walks_the_bodies_in_order():
    bodies = [BodyFactory(name=f"Cơ quan {n}") for n in range(5)]
    wanted = {bodies[1].pk, bodies[3].pk, bodies[4].pk}
    ordered = [pk for pk in ids(Body.objects.order_by(*BODIES_IN_ORDER)) if pk in wanted]
    conditions = [
        lambda body_id: Body.objects.filter(pk=body_id, pk__in=[bodies[1].pk]),
        lambda body_id: Body.objects.filter(pk=body_id, pk__in=[bodies[3].pk, bodies[4].pk]),
    ]
    for first in (1, 2, 3, 10):
        read = bodies_first_where(conditions, first).order_by(*BODIES_IN_ORDER)
        assert ids(read[:first]) == ordered[:first]
        assert set(ids(read)) <= wanted


def test_the_list_asks_as_many_queries_with_more_data(client):
    province = Province()
    province.grow(2)
    paths = [LIST, f"{LIST}?status=open", f"{LIST}?body={province.ubnd.pk}", f"{LIST}?page=2"]

    def counts():
        found = {}
        for label, user in province.users.items():
            client.force_login(user)
            for path in paths:
                client.get(path)  # warm
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(path).status_code == 200
                found[(label, path)] = len(captured)
        return found

    small = counts()
    province.grow(12)
    assert counts() == small
    assert max(small.values()) <= 15
