"""Issue 12: what every page pays before its own work — the middleware, the session,
the user, the navigation bar's membership, the base template — stays at three small
queries, whatever the page and however much data there is."""

import re

import pytest
from django.db import connection
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.models import Membership
from tests.agreements.factories import district_bodies
from tests.factories import user_in

pytestmark = pytest.mark.django_db


def tables_read(queries):
    """The table each query reads first (FROM …), in order."""
    return [re.search(r'FROM "(\w+)"', query["sql"]).group(1) for query in queries]


def test_a_signed_in_users_bare_page_costs_the_session_the_user_and_the_membership(
    client, settings
):
    settings.DEBUG = False
    client.force_login(user_in(district_bodies()[0], Membership.Role.LEADER))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/khong-co-trang-nay/")  # the base template, nothing else
    assert response.status_code == 404
    assert 'id="main-nav"' in response.text
    # The membership comes with its body, unit and official in the same query.
    assert tables_read(queries) == ["django_session", "auth_user", "parties_membership"]


def test_the_membership_is_read_once_a_request_though_the_page_and_the_bar_ask(client):
    client.force_login(user_in(district_bodies()[0], Membership.Role.LEADER))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("agreements:my_work"))
    assert response.status_code == 200
    assert tables_read(queries).count("parties_membership") == 1


def test_a_visitor_who_is_not_signed_in_costs_no_query(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("login"))
    assert response.status_code == 200
    assert len(queries) == 0


def test_templates_are_read_and_compiled_once_per_process(settings):
    # No `loaders` option in settings: Django then keeps compiled templates in memory.
    assert "loaders" not in settings.TEMPLATES[0]["OPTIONS"]
    loaders = engines["django"].engine.template_loaders
    assert [type(loader) for loader in loaders] == [CachedLoader]
