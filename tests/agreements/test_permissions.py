"""Who may see and do what, as one table: role × where the user's body stands × page/action.

Placements: "own" — the user's body is a party; "partner" — the other party,
which supports the clause the own body leads; "supervising" — a body of the
province above the district; "other" — a body of another district. What a
user may not see is 404 (never a leak); what they see but may not do is 403.
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
ROLES = [R.OFFICIAL, R.SECRETARIAT, R.LEADER]
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


def allow(ok, *, roles, places=("own",), visible=("own", "partner", "supervising")):
    """An expectation: `ok` for the roles at the places, 404 where unseen, else 403."""

    def expected(role, place):
        if place not in visible:
            return 404
        return ok if role in roles and place in places else 403

    return expected


def seen(ok=200):
    return allow(ok, roles=ROLES, places=("own", "partner", "supervising"))


PARTIES = ("own", "partner")


def drop_rule(ok):
    """A party's secretariat, or an official of the clause's lead body (the own body leads
    clause 1; the partner only supports it)."""

    def expected(role, place):
        if place == "other":
            return 404
        if (role == R.SECRETARIAT and place in PARTIES) or (role == R.OFFICIAL and place == "own"):
            return ok
        return 403

    return expected


# (name, method, url(world), data(world) or None, expectation)
TABLE = [
    # pages anyone who sees the programme may read
    ("programme page (draft)", "get", lambda w: ("programme_detail", w["draft"].pk), None, seen()),
    (
        "programme page (signed)",
        "get",
        lambda w: ("programme_detail", w["signed"].pk),
        None,
        seen(),
    ),
    ("history", "get", lambda w: ("programme_history", w["signed"].pk), None, seen()),
    ("clause page", "get", lambda w: ("clause_detail", w["clause"].pk), None, seen()),
    ("scan download", "get", lambda w: ("programme_scan_download", w["signed"].pk), None, seen()),
    # drafting: officials of a party
    (
        "edit draft",
        "get",
        lambda w: ("programme_edit", w["draft"].pk),
        None,
        allow(200, roles=[R.OFFICIAL], places=PARTIES),
    ),
    (
        "add clause",
        "get",
        lambda w: ("clause_add", w["draft"].pk),
        None,
        allow(200, roles=[R.OFFICIAL], places=PARTIES),
    ),
    (
        "edit clause",
        "get",
        lambda w: ("clause_edit", w["draft_clause"].pk),
        None,
        allow(200, roles=[R.OFFICIAL], places=PARTIES),
    ),
    (
        "move clause",
        "post",
        lambda w: ("clause_move", w["draft_clause"].pk),
        {"direction": "down"},
        allow(302, roles=[R.OFFICIAL], places=PARTIES),
    ),
    (
        "remove clause",
        "post",
        lambda w: ("clause_remove", w["draft_clause"].pk),
        {},
        allow(302, roles=[R.OFFICIAL], places=PARTIES),
    ),
    (
        "edit a signed programme",
        "get",
        lambda w: ("programme_edit", w["signed"].pk),
        None,
        allow(200, roles=[], places=()),
    ),
    (
        "add a clause to a signed programme",
        "post",
        lambda w: ("clause_add", w["signed"].pk),
        {"text": "x"},
        allow(302, roles=[], places=()),
    ),
    # progress: officials of the clause's lead or supporting bodies
    (
        "progress form",
        "get",
        lambda w: ("progress_add", w["clause"].pk),
        None,
        allow(200, roles=[R.OFFICIAL], places=PARTIES),
    ),
    (
        "report progress",
        "post",
        lambda w: ("progress_add", w["clause"].pk),
        lambda w, body: {
            "reported_on": "2024-03-31",
            "status": "on_track",
            "reporting_body": body.pk,
        },
        allow(302, roles=[R.OFFICIAL], places=PARTIES),
    ),
    # after signing: amendments by officials and the secretariat of a party; a clause
    # dropped by a party's secretariat or an official of its lead body
    (
        "amendment form",
        "get",
        lambda w: ("amendment_add", w["signed"].pk),
        None,
        allow(200, roles=[R.OFFICIAL, R.SECRETARIAT], places=PARTIES),
    ),
    (
        "drop clause form",
        "get",
        lambda w: ("clause_drop", w["clause"].pk),
        None,
        drop_rule(200),
    ),
    (
        "drop clause",
        "post",
        lambda w: ("clause_drop", w["clause"].pk),
        {"dropped_on": "2024-06-01", "reason": "Không còn phù hợp"},
        drop_rule(302),
    ),
    (
        "upload scan",
        "post",
        lambda w: ("programme_scan_upload", w["signed"].pk),
        lambda w, body: {"scanned_copy": tiny_pdf()},
        allow(302, roles=[R.OFFICIAL, R.SECRETARIAT], places=PARTIES),
    ),
    # closing: the secretariat of a party
    (
        "close form",
        "get",
        lambda w: ("programme_close", w["signed"].pk),
        None,
        allow(200, roles=[R.SECRETARIAT], places=PARTIES),
    ),
    (
        "close (refused: clauses open)",
        "post",
        lambda w: ("programme_close", w["signed"].pk),
        {"closed_on": "2024-12-31"},
        allow(200, roles=[R.SECRETARIAT], places=PARTIES),
    ),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("action", "method", "target", "data", "expectation"), TABLE, ids=[row[0] for row in TABLE]
)
def test_the_permission_table(
    client, world, role, place, action, method, target, data, expectation
):
    body = world["bodies"][place]
    client.force_login(user_in(body, role))
    name, pk = target(world)
    url = reverse(f"agreements:{name}", args=[pk])
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, data(world, body) if callable(data) else data)
    assert response.status_code == expectation(role, place), action


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
