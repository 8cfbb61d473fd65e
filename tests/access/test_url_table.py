"""Every URL of the site has its row in the permission table (tests/access/table.py),
and every row holds for every case: nobody signed in, the superuser, each role at
each place (tests/access/world.py). A new page without a row fails here. Every
refusal on the way is the site's page saying why, in Vietnamese.

Each row is one test: the world is built once and every case asks inside a
savepoint that is rolled back, so a post by one case changes nothing for the next.
"""

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.access.table import LOGIN, TABLE
from tests.access.world import CASES, build_world

pytestmark = pytest.mark.django_db

# The admin has its own permission system (staff, then model permissions); it is
# walked in tests/access/test_admin_urls.py.
NOT_IN_THE_TABLE = ("admin:",)


def url_names(patterns=None, namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_row_in_the_permission_table():
    names = {name for name in url_names() if not name.startswith(NOT_IN_THE_TABLE)}
    assert "None" not in {n.rpartition(":")[2] for n in names}, "a URL without a name"
    rows = {row.name for row in TABLE}
    assert sorted(names - rows) == [], "pages with no row in tests/access/table.py"
    assert sorted(rows - names) == [], "rows for pages that no longer exist"


@pytest.fixture
def world():
    return build_world()


def ask(client, world, case, row):
    client.logout()
    user = world.user(case)
    if user is not None:
        client.force_login(user)
    url = reverse(row.name, args=row.args(world))
    url += row.query.format(**{name: obj.pk for name, obj in world.objects.items()})
    data = row.data(world, case) if callable(row.data) else (row.data or {})
    response = client.post(url, data) if row.method == "post" else client.get(url)
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        return LOGIN, response
    return response.status_code, response


def unexplained(response):
    """What is wrong with a refusal page, if anything: it must say why, in Vietnamese."""
    reason = response.context and response.context.get("reason")
    if not reason:
        return "a refusal without a reason"
    with translation.override("en"):
        english = str(reason)
    with translation.override("vi"):
        vietnamese = str(reason)
    if vietnamese == english:
        return f"{english!r} is not translated"
    if vietnamese not in response.text:
        return "the reason is not on the page"
    return ""


@pytest.mark.parametrize("row", TABLE, ids=[row.label for row in TABLE])
def test_the_permission_table(client, world, row):
    wrong = []
    for case in CASES:
        with transaction.atomic():
            got, response = ask(client, world, case, row)
            transaction.set_rollback(True)
        if got != row.expected(case):
            wrong.append(f"{case}: expected {row.expected(case)}, got {got}")
        elif got == 403 and unexplained(response):
            wrong.append(f"{case}: {unexplained(response)}")
    assert wrong == [], f"{row.label} ({row.name})"
