"""The admin, walked apart from the permission table: every one of its URLs sends
nobody signed in and a user who is not staff to the admin's sign-in, and refuses a
staff account the model does not allow. What staff may change there is the pages'
rules again (tests/agreements/test_admin.py)."""

import re

import pytest
from django.contrib.admin import site
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access.world import R
from tests.agreements.factories import district_bodies
from tests.factories import UserFactory, user_in

pytestmark = pytest.mark.django_db
# Signing in and out of the admin are for anyone.
OPEN = {"admin:login", "admin:logout"}
MODEL_PAGES = tuple(
    f"admin:{model._meta.app_label}_{model._meta.model_name}_" for model in site._registry
)


def admin_urls():
    """(name, a URL of that pattern) for every URL of the admin, ids and labels made up."""
    [admin] = [p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "admin"]

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                yield f"admin:{pattern.name}", concrete(route)

    return sorted(set(walk(admin.url_patterns, "/admin/")))


def concrete(route):
    route = re.sub(r"<(?:int:|path:|str:)?[a-z_]+>", "1", route)
    route = re.sub(r"\(\?P<app_label>([a-z_]+)[^)]*\)", r"\1", route)
    route = re.sub(r"\(\?P<url>\.\*\)", "no-such-page/", route)
    route = route.replace("([^/]+)", "1")
    return route.replace("^", "").replace("$", "")


def sent_to_sign_in(response):
    return response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_the_walk_finds_the_admin():
    names = {name for name, _url in admin_urls()}
    assert {"admin:index", "admin:agreements_programme_change", "admin:login"} <= names
    assert len(names) > 100


@pytest.mark.parametrize("who", ["nobody signed in", "a member who is not staff"])
def test_every_admin_url_sends_others_to_sign_in(client, who):
    if who != "nobody signed in":
        client.force_login(user_in(district_bodies()[0], R.ADMINISTRATOR))
    wrong = []
    for name, url in admin_urls():
        if name in OPEN:
            continue
        response = client.get(url)
        if not sent_to_sign_in(response):
            wrong.append(f"{name} {url}: {response.status_code}")
    assert wrong == []


def test_staff_without_permissions_open_no_model(client):
    client.force_login(UserFactory(is_staff=True))
    wrong = []
    for name, url in admin_urls():
        if not name.startswith(MODEL_PAGES):
            continue
        response = client.get(url)
        # 403; or, for an object that does not exist, 404 or back to the index
        refused = response.status_code in (403, 404) or (
            response.status_code == 302 and response.url == reverse("admin:index")
        )
        if not refused:
            wrong.append(f"{name} {url}: {response.status_code}")
    assert wrong == []
