"""List pages and the programme page issue as many queries for 1 row as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Directive
from tests.agreements.factories import district_bodies, draft, report, sign
from tests.factories import DirectiveFactory, MeetingFactory, user_in

pytestmark = pytest.mark.django_db


def build(rows):
    btg, ubnd = district_bodies()
    programmes = [draft([btg, ubnd], number=n + 1, clauses=1) for n in range(rows)]
    sign(*programmes)
    for programme in programmes:
        report(programme.clauses.get())
    meeting = MeetingFactory(organiser=btg)
    meeting.programmes.set(programmes)
    for _ in range(rows):
        DirectiveFactory(meeting=meeting, addressed_body=btg, status=Directive.Status.OPEN)
    return btg, programmes


def count_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize(
    ("name", "params", "size"),
    [
        ("agreements:programme_list", {}, "page"),
        ("agreements:programme_list", {"q": "chuong trinh", "sort": "title"}, "page"),
        ("home", {}, "page"),
        ("agreements:clause_list", {}, "page"),
        ("agreements:clause_list", {"status": "overdue"}, "page"),
        ("agreements:my_work", {}, "page"),
    ],
)
def test_list_pages_use_a_constant_number_of_queries(
    client, django_assert_max_num_queries, name, params, size
):
    body, _ = build(1)
    client.force_login(user_in(body))
    one, response = count_queries(client, reverse(name), params)
    assert len(response.context[size].object_list) == 1

    body, _ = build(30)
    client.force_login(user_in(body))
    many, response = count_queries(client, reverse(name), params)
    assert len(response.context[size].object_list) == 25  # a full page
    assert many == one
    with django_assert_max_num_queries(one):
        client.get(reverse(name), params)


def test_the_programme_page_does_not_grow_with_its_clauses(client):
    btg, ubnd = district_bodies()
    small = draft([btg, ubnd], number=1, clauses=1)
    large = draft([btg, ubnd], number=2, clauses=12)
    sign(small, large)
    for clause in large.clauses.all():
        report(clause)
    report(small.clauses.get())
    client.force_login(user_in(btg))
    one, _ = count_queries(client, reverse("agreements:programme_detail", args=[small.pk]))
    many, _ = count_queries(client, reverse("agreements:programme_detail", args=[large.pk]))
    assert many == one
