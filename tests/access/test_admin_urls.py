"""The admin, walked apart from the permission table: it is for superusers only, so every
one of its URLs sends nobody signed in, a member, and a staff account (even one holding
every model permission) to the admin's sign-in; a unit administrator manages the
organisation from the app's own pages (/org/). What a superuser may change there is
the pages' rules again (tests/agreements/test_admin.py)."""

import re

import pytest
from django.contrib.admin import site
from django.contrib.auth.models import Permission
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


def staff_with_every_permission():
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.mark.parametrize(
    "who", ["nobody signed in", "a unit administrator", "staff with every permission"]
)
def test_every_admin_url_sends_all_but_superusers_to_sign_in(client, who):
    if who == "a unit administrator":
        client.force_login(user_in(district_bodies()[0], R.ADMINISTRATOR))
    elif who == "staff with every permission":
        client.force_login(staff_with_every_permission())
    wrong = []
    for name, url in admin_urls():
        if name in OPEN:
            continue
        response = client.get(url)
        if not sent_to_sign_in(response):
            wrong.append(f"{name} {url}: {response.status_code}")
    assert wrong == []


def test_a_superuser_opens_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:parties_body_changelist")).status_code == 200
