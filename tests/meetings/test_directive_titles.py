"""A directive names nothing its reader may not see (issue 10.7).

A directive is seen by the body it is addressed to even when that body is no
party: it has to carry it out. Its page, the directive list and "my work" then
show what to do, by when and who gave it — not the title of a meeting or a
programme that body does not see. The directive form of a joint meeting offers
only the programmes its secretariat sees.
"""

from datetime import date

import pytest
from django.urls import reverse

from meetings.directives import directive_create
from parties.models import Membership
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, user_in
from tests.meetings.factories import at, schedule, signed_programme

pytestmark = pytest.mark.django_db
R = Membership.Role
SECRET_PROGRAMME = "Chương trình phối hợp với Tòa án về xét xử lưu động"
SECRET_MEETING = "Giao ban Chương trình xét xử lưu động"
TASK = "Báo cáo số liệu hòa giải cơ sở trước ngày 30/6."


@pytest.fixture
def world():
    district = DistrictFactory()
    lead, council, court, front = (BodyFactory(unit=district) for _ in range(4))
    with_council = signed_programme(parties=[lead, council])
    with_court = signed_programme(parties=[lead, court])
    with_court.title = SECRET_PROGRAMME
    with_court.save()
    chair = OfficialFactory(body=lead)
    joint = schedule(
        with_council,
        programmes=[with_council, with_court],
        title="Giao ban liên tịch quý I",
        starts_at=at(date(2024, 4, 9)),
        chair=chair,
        invitees=[chair],
    )
    alone = schedule(
        with_court, title=SECRET_MEETING, starts_at=at(date(2024, 4, 10)), kind="other"
    )
    # The Front is no party to the programme with the court; the directive goes to it.
    directive = directive_create(
        meeting=alone, text=TASK, addressed_body=front, programme=with_court, deadline=None
    )
    return {
        "joint": joint,
        "alone": alone,
        "directive": directive,
        "front": front,
        "council": council,
        "lead": lead,
        "with_court": with_court,
        "with_council": with_council,
    }


def assert_unnamed(text, world):
    assert SECRET_PROGRAMME not in text
    assert world["with_court"].reference not in text
    assert SECRET_MEETING not in text


@pytest.mark.parametrize("role", [R.OFFICIAL, R.SECRETARIAT, R.LEADER])
def test_the_directive_page_names_neither_programme_nor_meeting_to_the_addressee(
    client, world, role
):
    client.force_login(user_in(world["front"], role))
    response = client.get(reverse("meetings:directive_detail", args=[world["directive"].pk]))
    assert response.status_code == 200
    assert TASK in response.text
    # the meeting as the addressee may know it: its kind and who organised it
    assert "Cuộc họp khác" in response.text and world["lead"].name in response.text
    assert_unnamed(response.text, world)


def test_the_directive_list_and_my_work_do_not_name_the_meeting(client, world):
    client.force_login(user_in(world["front"], R.OFFICIAL))
    listing = client.get(reverse("meetings:directive_list"))
    work = client.get(reverse("agreements:my_work"))
    for response in (listing, work):
        assert response.status_code == 200
        assert TASK in response.text
        assert_unnamed(response.text, world)
        # nor links to the meeting, which would be a 404 anyway
        assert reverse("meetings:meeting_detail", args=[world["alone"].pk]) not in response.text


def test_a_party_still_reads_the_programme_and_meeting_on_the_directive(client, world):
    client.force_login(user_in(world["lead"], R.OFFICIAL))
    response = client.get(reverse("meetings:directive_detail", args=[world["directive"].pk]))
    assert SECRET_PROGRAMME in response.text and SECRET_MEETING in response.text


def test_the_directive_form_of_a_joint_meeting_offers_only_the_programmes_seen(client, world):
    """The council's secretariat runs the joint briefing but is no party to the programme
    with the court."""
    client.force_login(user_in(world["council"], R.SECRETARIAT))
    url = reverse("meetings:directive_create", args=[world["joint"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert_unnamed(response.text, world)
    forged = client.post(
        url,
        {
            "text": "Việc phải làm",
            "addressed_body": world["council"].pk,
            "programme": world["with_court"].pk,
        },
    )
    # the only programme it sees is the directive's; the forged choice is ignored
    assert forged.status_code == 302
    assert world["joint"].directives.get().programme == world["with_council"]


def test_the_lead_still_chooses_among_every_programme_of_the_joint_meeting(client, world):
    client.force_login(user_in(world["lead"], R.SECRETARIAT))
    response = client.get(reverse("meetings:directive_create", args=[world["joint"].pk]))
    assert SECRET_PROGRAMME in response.text
