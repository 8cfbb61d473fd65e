"""Who may see and do what with programmes, beyond the permission table.

The table itself — every page and action, for every role at every place — is
tests/access/table.py. Here: what a status code does not show (whose drafts a
signing may name, which buttons are offered, what the lists hold).

Placements: "own" — the user's body is a party; "partner" — the other party,
which supports the clause the own body leads; "supervising" — a body of the
province above the district; "other" — a body of another district.
"""

import pytest
from django.urls import reverse

from agreements.models import Programme
from agreements.services import programme_attach_scan
from parties.models import Membership
from tests.agreements.factories import district_bodies, draft, signed
from tests.agreements.pdf import tiny_pdf
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, user_in

pytestmark = pytest.mark.django_db

R = Membership.Role
PLACES = ["own", "partner", "supervising", "other"]


@pytest.fixture
def world():
    district = DistrictFactory()
    own, partner = district_bodies(district)
    supervising = BodyFactory(unit=district.parent, name="Ban Tuyên giáo Tỉnh ủy")
    other = BodyFactory(unit=DistrictFactory(), name="UBND huyện khác")
    OfficialFactory(body=other)
    draft_programme = draft([own, partner], number=1, title="Dự thảo bí mật")
    signed_programme = signed([own, partner], number=2, title="Chương trình đã ký bí mật")
    programme_attach_scan(programme=signed_programme, upload=tiny_pdf())
    return {
        "bodies": {"own": own, "partner": partner, "supervising": supervising, "other": other},
        "draft": draft_programme,
        "signed": signed_programme,
        # The first clause is led by the own body and supported by the partner.
        "draft_clause": draft_programme.clauses.get(number=1),
        "clause": signed_programme.clauses.get(number=1),
    }


def test_the_secretariat_records_signings_only_for_its_own_drafts(client, world):
    for place, expected_status in [("supervising", "draft"), ("other", "draft"), ("own", "signed")]:
        user = user_in(world["bodies"][place], R.SECRETARIAT)
        client.force_login(user)
        programme = world["draft"]
        response = client.post(
            reverse("agreements:signing_create"),
            {
                "programmes": [programme.pk],
                "date": "2024-02-01",
                "place": "Hội trường",
                **{
                    f"official_{programme.pk}_{party.body_id}": party.body.officials.first().pk
                    for party in programme.memberships.all()
                },
            },
        )
        programme.refresh_from_db()
        assert programme.status == expected_status, place
        if expected_status == "draft":
            assert response.status_code == 200
            assert "programmes" in response.context["form"].errors
            assert "Dự thảo bí mật" not in response.text


@pytest.mark.parametrize("role", [R.OFFICIAL, R.LEADER])
def test_only_the_secretariat_opens_the_signing_page(client, world, role):
    client.force_login(user_in(world["bodies"]["own"], role))
    assert client.get(reverse("agreements:signing_create")).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"), [(R.OFFICIAL, 200), (R.SECRETARIAT, 403), (R.LEADER, 403)]
)
def test_only_officials_draft_programmes(client, world, role, status):
    client.force_login(user_in(world["bodies"]["own"], role))
    assert client.get(reverse("agreements:programme_create")).status_code == status


@pytest.mark.parametrize("place", PLACES)
def test_lists_and_search_never_leak_another_districts_titles(client, world, place):
    client.force_login(user_in(world["bodies"][place], R.LEADER))
    pages = [
        client.get(reverse("agreements:programme_list")),
        client.get(reverse("agreements:programme_list"), {"q": "bi mat"}),
        client.get(reverse("agreements:clause_list")),
        client.get(reverse("agreements:my_work")),
        client.get(reverse("home")),
    ]
    for response in pages[:2]:
        assert ("Chương trình đã ký bí mật" in response.text) == (place != "other")
    if place == "other":  # a leader's home page is the dashboard: figures, no titles
        assert "Chương trình đã ký bí mật" not in pages[4].text
    assert ("Nội dung phối hợp số 1" in pages[2].text) == (place != "other")


def test_a_user_without_a_body_sees_nothing_and_gets_404(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_user("lost", password="x"))
    assert (
        client.get(reverse("agreements:programme_detail", args=[world["signed"].pk])).status_code
        == 404
    )
    assert client.get(reverse("agreements:my_work")).status_code == 200


def test_superusers_see_and_do_everything(client, world, admin_user):
    client.force_login(admin_user)
    assert (
        client.get(reverse("agreements:programme_detail", args=[world["signed"].pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("agreements:programme_edit", args=[world["draft"].pk])).status_code
        == 200
    )


def test_strangers_are_sent_to_the_login_page(client, world):
    for url in [
        reverse("agreements:programme_list"),
        reverse("agreements:programme_detail", args=[world["signed"].pk]),
        reverse("agreements:programme_scan_download", args=[world["signed"].pk]),
        reverse("agreements:my_work"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_media_is_not_served_without_a_check(client, world, settings):
    name = Programme.objects.get(pk=world["signed"].pk).scanned_copy.name
    assert client.get("/" + settings.MEDIA_URL + name).status_code == 404


@pytest.mark.parametrize(
    ("role", "place", "offered"),
    [
        (R.OFFICIAL, "own", True),  # leads clause 1
        (R.OFFICIAL, "partner", False),  # only supports it
        (R.SECRETARIAT, "own", True),
        (R.SECRETARIAT, "partner", True),
        (R.LEADER, "own", False),
        (R.OFFICIAL, "supervising", False),
    ],
)
def test_the_drop_button_is_offered_only_to_who_may_drop(client, world, role, place, offered):
    client.force_login(user_in(world["bodies"][place], role))
    drop = reverse("agreements:clause_drop", args=[world["clause"].pk])
    for page in ("programme_detail", "clause_detail"):
        pk = world["signed"].pk if page == "programme_detail" else world["clause"].pk
        assert (drop in client.get(reverse(f"agreements:{page}", args=[pk])).text) is offered


def test_the_lead_bodys_official_drops_the_clause_it_leads_and_no_other(client, world):
    """The partner leads clause 2: its official may drop that one, not clause 1."""
    client.force_login(user_in(world["bodies"]["partner"], R.OFFICIAL))
    second = world["signed"].clauses.get(number=2)
    assert client.get(reverse("agreements:clause_drop", args=[second.pk])).status_code == 200
    response = client.get(reverse("agreements:clause_drop", args=[world["clause"].pk]))
    assert response.status_code == 403
