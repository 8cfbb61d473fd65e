"""Counts on the pages are grouped the language's way, as in the reports: "25.000 chương
trình", "Trang 1/1.250" in Vietnamese, "25,000 programmes" in English; never "25000"."""

from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agreements.templatetags.programme_tags import plain_number
from agreements.views.access import CountedPaginator
from parties.numbers import grouped
from tests.agreements.factories import district_bodies, draft, sign
from tests.factories import user_in


@pytest.mark.parametrize(
    "language, value, text",
    [("vi", 25000, "25.000"), ("en", 25000, "25,000"), ("vi", 999, "999"), ("vi", None, "")],
)
def test_grouped(language, value, text):
    with translation.override(language):
        assert grouped(value) == text


def test_the_pages_of_a_long_list_are_numbered_grouped():
    page = Paginator(range(25000), 20).get_page(700)
    with translation.override("vi"):
        html = render_to_string("includes/_pagination.html", {"page": page})
    assert "Trang 700/1.250" in html
    assert "page=701" in html and "page=699" in html  # the links keep plain numbers


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, paginator, vi, en",
    [
        ("agreements:programme_list", CountedPaginator, "25.000 chương trình", "25,000 programmes"),
        ("agreements:clause_list", Paginator, "25.000 nội dung", "25,000 clauses"),
        ("agreements:my_work", Paginator, "25.000 nội dung", "25,000 clauses"),
        ("meetings:directive_list", Paginator, "25.000 ý kiến chỉ đạo", "25,000 directives"),
    ],
)
def test_a_list_names_its_total_grouped(client, monkeypatch, url, paginator, vi, en):
    btg, ubnd = district_bodies()
    sign(draft([btg, ubnd], clauses=1))
    # The total is the paginator's: a province's worth without loading one.
    monkeypatch.setattr(paginator, "count", property(lambda self: 25000))
    client.force_login(user_in(btg))
    assert vi in client.get(reverse(url)).text
    assert en in client.get(reverse(url), HTTP_ACCEPT_LANGUAGE="en").text


@pytest.mark.parametrize(
    "language, value, text",
    [
        ("vi", Decimal("1020.00"), "1.020"),
        ("vi", Decimal("12.50"), "12,5"),
        ("en", Decimal("3220.00"), "3,220"),
        ("vi", Decimal("0.25"), "0,25"),
    ],
)
def test_an_indicators_figure_is_grouped_without_trailing_zeros(language, value, text):
    with translation.override(language):
        assert plain_number(value) == text
