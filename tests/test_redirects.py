"""A `next` leads only to a page of this site (issue 10.12): wherever one is read — the
progress form (page and htmx modal), signing in and out, the language switch."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from parties.models import Membership
from tests.agreements.factories import district_bodies, signed
from tests.factories import user_in

pytestmark = pytest.mark.django_db

# As they arrive in a query string: `%5C` is the backslash browsers read as a slash.
ELSEWHERE = [
    "/%5Cevil.example/",
    "/%5C%5Cevil.example/",
    "//evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "/%09/evil.example",
]


@pytest.fixture
def clause(client):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    client.force_login(user_in(btg, Membership.Role.OFFICIAL))
    return programme.clauses.get(number=1)


def progress(clause):
    return {
        "reported_on": "2024-03-31",
        "status": "on_track",
        "reporting_body": clause.lead_body_id,
    }


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_progress_form_never_sends_the_user_to_another_site(client, clause, target):
    url = reverse("agreements:progress_add", args=[clause.pk]) + "?next=" + target
    form = client.get(url)
    assert form.context["next_url"] == reverse("agreements:clause_detail", args=[clause.pk])
    done = client.post(url, progress(clause))
    assert done.status_code == 302
    assert done.url == reverse("agreements:clause_detail", args=[clause.pk])
    modal = client.post(url, progress(clause), headers={"HX-Request": "true"})
    assert modal.status_code == 204
    assert modal["HX-Redirect"] == reverse("agreements:clause_detail", args=[clause.pk])


@pytest.mark.parametrize("target", ELSEWHERE)
def test_a_posted_next_is_checked_too(client, clause, target):
    url = reverse("agreements:progress_add", args=[clause.pk])
    response = client.post(url, {**progress(clause), "next": unquote(target)})
    assert response.url == reverse("agreements:clause_detail", args=[clause.pk])


def test_a_page_of_this_site_is_where_the_form_returns(client, clause):
    back = reverse("agreements:my_work") + "?page=2"
    url = reverse("agreements:progress_add", args=[clause.pk])
    response = client.post(url, {**progress(clause), "next": back})
    assert response.url == back


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_never_leads_to_another_site(client, django_user_model, target):
    django_user_model.objects.create_user("canbo", password="secret-pass-1")
    response = client.post(
        reverse("login") + "?next=" + target,
        {"username": "canbo", "password": "secret-pass-1", "next": unquote(target)},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url and not response.url.startswith("javascript")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_language_switch_and_signing_out_never_lead_to_another_site(client, clause, target):
    switched = client.post(reverse("set_language"), {"language": "en", "next": unquote(target)})
    assert "evil.example" not in switched.get("Location", "")
    signed_out = client.post(reverse("logout"), {"next": unquote(target)})
    assert "evil.example" not in signed_out.get("Location", "")
