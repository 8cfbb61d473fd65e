"""The programme page's clauses, written faster (progress-report rows and status badges
by programme_tags, a clause's replacement read once), print what the templates printed
before, byte for byte."""

import copy
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse

from agreements.models import ClauseStatus, ProgressReport
from agreements.services import amendment_create
from agreements.templatetags.programme_tags import STATUS_CLASSES, STATUS_ICONS, clause_status
from parties.models import Membership
from tests.agreements.factories import district_bodies, report, signed
from tests.factories import user_in

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates" / "agreements" / "includes"

# The badge's template as it was, rendered for each status by an inclusion tag.
OLD_BADGE = (
    '<span class="badge {{ css }} clause-status" data-status="{{ value }}">'
    '<i class="bi {{ icon }} me-1"></i>{{ label }}</span>\n'
)

# The rows of the progress reports' template as they were.
OLD_ROWS = """  {% for report in clause.progress_reports.all %}
    <tr>
      <td class="text-nowrap">{{ report.reported_on|date:"SHORT_DATE_FORMAT" }}</td>
      <td>{{ report.reporting_body }}</td>
      <td>{% clause_status report.status %}</td>
      <td>{% for value in report.values.all %}<div class="text-nowrap">{{ value.indicator.name }}: +{{ value.value|plain_number }}</div>{% empty %}—{% endfor %}</td>
      <td>{{ report.note|default:"" }}</td>
    </tr>
  {% endfor %}
"""  # noqa: E501


def _old_templates():
    """The clauses' and the reports' templates as they were before."""
    clauses = (TEMPLATES_DIR / "_programme_clauses.html").read_text()
    reports = (TEMPLATES_DIR / "_progress_reports.html").read_text()
    assert "clause.replacement" in clauses and "{% progress_report_rows clause %}\n" in reports
    return {
        "agreements/includes/_programme_clauses.html": clauses.replace(
            "clause.replacement", "clause.replaced_by"
        ),
        "agreements/includes/_progress_reports.html": reports.replace(
            "  {% progress_report_rows clause %}\n", OLD_ROWS
        ),
    }


def _with_old_templates():
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["APP_DIRS"] = False
    templates[0]["OPTIONS"]["loaders"] = [
        ("django.template.loaders.locmem.Loader", _old_templates()),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return override_settings(TEMPLATES=templates)


def _page(client, programme, language):
    page = reverse("agreements:programme_detail", args=[programme.pk])
    html = client.get(page, HTTP_ACCEPT_LANGUAGE=language).text
    # What differs from one request to the next.
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)
    return re.sub(r'nonce="[^"]+"', "nonce", html)


@pytest.mark.parametrize("value", [None, "", *ClauseStatus.values])
def test_the_status_badge_is_the_one_its_template_printed(value):
    status = ClauseStatus(value or ClauseStatus.NOT_STARTED)
    old = Template(OLD_BADGE).render(
        Context(
            {
                "label": status.label,
                "css": STATUS_CLASSES[status],
                "icon": STATUS_ICONS[status],
                "value": status.value,
            }
        )
    )
    assert clause_status(value) == old


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_programme_page_prints_its_clauses_as_before(client, language):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd], clauses=4)
    first, second, third, _fourth = programme.clauses.order_by("number")
    indicator = first.indicators.get()
    report(first, "on_track", day=date(2024, 2, 1), values={indicator: Decimal("1.5")})
    report(first, "at_risk", day=date(2024, 3, 1), values={indicator: Decimal(1020)})
    reported = report(second, "done", day=date(2024, 4, 1))
    ProgressReport.objects.filter(pk=reported.pk).update(
        note='Đã xong <b>"hội nghị"</b> & tổng kết'
    )
    report(third, "at_risk", day=date(2024, 2, 15))
    amendment_create(
        programme=programme,
        date=date(2024, 5, 1),
        title="Phụ lục 01",
        text="Sửa đổi nội dung 3, thêm một nội dung.",
        clause_changes=[
            {"replaces": third, "text": "Nội dung 3 sửa đổi", "lead_body": ubnd},
            {"text": "Nội dung thêm", "lead_body": btg},
        ],
    )
    client.force_login(user_in(btg, Membership.Role.LEADER))
    new = _page(client, programme, language)
    with _with_old_templates():
        old = _page(client, programme, language)
    assert new == old
    # The page did show what the rewritten parts print.
    assert "+1,5" in new or "+1.5" in new
    assert "&lt;b&gt;&quot;hội nghị&quot;&lt;/b&gt; &amp; tổng kết" in new
    assert new.count("list-group-item py-3 bg-body-tertiary") == 1
    assert 'data-status="at_risk"' in new
