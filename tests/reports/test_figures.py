"""Counts in a report are grouped in thousands the language's way (vi "1.876", en
"1,876"): in the summary appendix, the main document's sentences and tables, the charts."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import translation

from reports import rendering
from reports.charts import status_by_body_chart
from reports.selectors.content import report_content
from reports.selectors.records import StatusCount
from reports.wording import meetings_sentence, results_sentence
from tests.reports.factories import District
from tests.reports.test_scale import TODAY, programmes_with_clauses, year_report

pytestmark = pytest.mark.django_db


def big_summary(content):
    """The summary appendix of `content` with a province's counts."""
    summary = original_summary(content)
    row = StatusCount(label="Ban Tuyên giáo", counts={"done": 1876, "overdue": 1203})
    summary.update(
        progress_count=23456,
        by_body=rendering.count_rows([row]),
        programmes_cut=1234,
        concerns_cut=4321,
    )
    return summary


original_summary = rendering.appendix_summary


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "vi",
            [
                "23.456 lượt báo cáo",
                "3.079",
                "1.876",
                "1.203",
                "Còn 1.234 chương trình",
                "Còn 4.321 nội dung",
            ],
        ),
        (
            "en",
            [
                "23,456 progress reports",
                "3,079",
                "1,876",
                "1,203",
                "1,234 more programmes",
                "4,321 more clauses",
            ],
        ),
    ],
)
def test_the_summary_appendix_groups_its_counts(monkeypatch, language, expected):
    monkeypatch.setattr(rendering, "APPENDIX_CLAUSES", 1)
    monkeypatch.setattr(rendering, "appendix_summary", big_summary)
    district = District()
    programmes_with_clauses(district, programmes=1, clauses=3)
    report = year_report(district)
    content = report_content(report, today=TODAY)
    with translation.override(language):
        html = rendering.appendix_html(report, content, for_pdf=False)
    for text in expected:
        assert text in html
    # A whole number only: the document's own timestamp (microseconds) may
    # hold these digits inside a longer run, and the test must not depend on
    # the clock it runs at.
    for raw in ("23456", "3079", "1876", "1203", "1234", "4321"):
        assert not re.search(rf"(?<!\d){raw}(?!\d)", html)


def test_the_sentences_and_the_chart_group_their_counts():
    content = SimpleNamespace(
        clauses=range(1876),
        clause_total=1876,
        as_of=date(2017, 12, 31),
        clause_counts=SimpleNamespace(counts={"done": 1500, "overdue": 376}),
        meetings_held=1204,
        directives=range(2000),
        directives_carried_out=1999,
    )
    with translation.override("vi"):
        assert results_sentence(content) == (
            "Tính đến ngày 31/12/2017, có 1.876 nội dung phối hợp đang có hiệu lực; trong đó "
            "hoàn thành 1.500/1.876 nội dung, 376 nội dung quá hạn."
        )
        assert "1.204 cuộc họp" in meetings_sentence(content)
        assert "1.999/2.000" in meetings_sentence(content)
        chart = status_by_body_chart([StatusCount(label="Sở", counts={"done": 1500})], width=600)
    assert "1.500" in chart and ">1500<" not in chart
