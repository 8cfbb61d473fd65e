"""Who may do what with meetings and directives, beyond the permission table
(tests/access/table.py, every page for every role at every place): what a refused
post leaves unchanged, and what the lists show.

The world: a district with two parties to a programme (the organiser A and
its partner B) and a third body C that is not a party; a province H above
the district; a user with no body; a superuser; nobody signed in.
"""

from datetime import date

import pytest
from django.urls import reverse

from meetings.directives import directive_create
from meetings.models import Meeting
from parties.models import Membership
from tests.factories import BodyFactory, OfficialFactory, UserFactory, user_in
from tests.meetings.factories import at, schedule, signed_programme

pytestmark = pytest.mark.django_db
R = Membership.Role


@pytest.fixture
def world():
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    a = programme.memberships.get(is_lead=True).body
    b = programme.memberships.get(is_lead=False).body
    c = BodyFactory(unit=a.unit)
    h = BodyFactory(unit=a.unit.parent)
    chair = OfficialFactory(body=a)
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)), chair=chair, invitees=[chair])
    directive = directive_create(
        meeting=meeting, text="Xây dựng lại kế hoạch.", addressed_body=b, deadline=None
    )
    superuser = UserFactory(is_superuser=True, is_staff=True)
    users = {
        "secretariat of the organiser": user_in(a, R.SECRETARIAT),
        "secretariat of the partner": user_in(b, R.SECRETARIAT),
        "official of the addressed partner": user_in(b, R.OFFICIAL),
        "official of the organiser": user_in(a, R.OFFICIAL),
        "leader of the organiser": user_in(a, R.LEADER),
        "secretariat of a non-party": user_in(c, R.SECRETARIAT),
        "official of a non-party": user_in(c, R.OFFICIAL),
        "leader of the province above": user_in(h, R.LEADER),
        "secretariat of the province above": user_in(h, R.SECRETARIAT),
        "user without a body": UserFactory(),
        "superuser": superuser,
        "nobody signed in": None,
    }
    return {"programme": programme, "meeting": meeting, "directive": directive, "users": users}


REFUSED_CANCEL = [
    "official of the addressed partner",
    "official of the organiser",
    "leader of the organiser",
    "secretariat of a non-party",
    "official of a non-party",
    "leader of the province above",
    "secretariat of the province above",
    "user without a body",
    "nobody signed in",
]


@pytest.mark.parametrize("who", REFUSED_CANCEL)
def test_a_refused_cancel_changes_nothing(client, world, who):
    user = world["users"][who]
    if user is not None:
        client.force_login(user)
    url = reverse("meetings:meeting_cancel", args=[world["meeting"].pk])
    response = client.post(url, {"reason": "Hoãn."})
    assert response.status_code in (302, 403, 404)
    assert Meeting.objects.get(pk=world["meeting"].pk).status == Meeting.Status.SCHEDULED


@pytest.mark.parametrize(
    "who,sees",
    [
        ("secretariat of the organiser", True),
        ("official of the organiser", True),
        ("leader of the province above", True),
        ("secretariat of a non-party", False),
        ("official of a non-party", False),
        ("user without a body", False),
    ],
)
def test_the_calendar_and_directive_list_show_only_what_the_user_may_see(client, world, who, sees):
    client.force_login(world["users"][who])
    calendar = client.get(reverse("meetings:calendar") + "?quarter=2024-2")
    assert (world["meeting"].title in calendar.text) is sees
    directives = client.get(reverse("meetings:directive_list"))
    assert ("Xây dựng lại kế hoạch." in directives.text) is sees
