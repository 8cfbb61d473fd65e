"""The Content-Security-Policy (issue 10.2): every page carries it; no template needs
an inline script, handler or style; and in chromium the pages work under it with no
violation, while a script slipped into a page does not run."""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from agreements.services import progress_report_create
from meetings.services import meeting_schedule
from parties.models import Membership
from reports.models import Report
from reports.services import report_build, report_create
from tests.agreements.factories import district_bodies, draft, signed
from tests.factories import VN, OfficialFactory, user_in

R = Membership.Role
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The documents (a report, a programme) are rendered into PDFs, a report also into its
# stored preview, served under a policy of its own (reports/views.py); e-mails are
# plain text.
OWN_POLICY = ("reports/pdf/", "agreements/pdf/", "meetings/email/")
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "on… handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style element": re.compile(r"<style", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "htmx hx-on": re.compile(r"\shx-on", re.I),
}


def test_no_template_needs_what_the_policy_blocks():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name.startswith(OWN_POLICY):
            continue
        text = path.read_text()
        found += [f"{name}: {what}" for what, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_every_kind_of_page_carries_the_policy(client, admin_client):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    client.force_login(user_in(btg, R.OFFICIAL))
    pages = [
        client.get(reverse("login")),
        client.get(reverse("agreements:programme_detail", args=[programme.pk])),
        client.get(reverse("agreements:programme_edit", args=[programme.pk])),  # a 403
        client.get(
            reverse("agreements:progress_add", args=[programme.clauses.first().pk]),
            HTTP_HX_REQUEST="true",
        ),
    ]
    for response in pages:
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert "style-src-attr" not in policy
        assert not any("unsafe" in value for values in policy.values() for value in values)
    admin = directives(admin_client.get(reverse("admin:index"))["Content-Security-Policy"])
    assert admin["script-src"] == ["'self'"]
    assert admin["style-src-attr"] == ["'unsafe-inline'"]  # config/csp.py says why


@pytest.mark.django_db
def test_the_report_preview_keeps_its_own_stricter_policy(client):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
        issuing_body=btg,
        enqueue=False,
    )
    report_build(report_id=report.pk)
    client.force_login(user_in(btg, R.LEADER))
    policy = directives(
        client.get(reverse("reports:preview", args=[report.pk]))["Content-Security-Policy"]
    )
    assert policy["default-src"] == ["'none'"] and "script-src" not in policy


# --- in chromium ---------------------------------------------------------------------

PASSWORD = "mat-khau-csp-1"
# A slip that would let user text into a page as HTML: it must not run. (An indicator's
# unit, where the slip was, holds 50 characters.)
PAYLOAD = "<script>window.xssRan = true</script>"
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(e.violatedDirective + " " + (e.blockedURI || ""));
});
"""


def sign_in(page, user):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")


def account(body, role):
    user = user_in(body, role)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def watched(page):
    """The page, recording every CSP violation: the browser's events and its console."""
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)

    def violations():
        events = page.evaluate("window.cspViolations || []")
        return events + [text for text in console if "Content Security Policy" in text]

    page.violations = violations
    return page


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def quarter_start(day):
    return date(day.year, 3 * quarter_of(day) - 2, 1)


@pytest.fixture
def world(transactional_db):
    btg, ubnd = district_bodies()
    # The live server reads the real clock: the programme is in force today, begun at
    # the start of a quarter well past, whatever the day the suite runs (1 January too).
    start = quarter_start(datetime.now(VN).date() - timedelta(days=200))
    year = start.year
    programme = signed(
        [btg, ubnd],
        title="Chương trình phối hợp tuyên truyền",
        year=year,
        period_start=start,
        period_end=date(year + 2, 12, 31),
    )
    clause = programme.clauses.get(number=1)
    indicator = clause.indicators.get()
    progress_report_create(
        clause=clause,
        reported_on=start + timedelta(days=1),
        reporting_body=btg,
        status="on_track",
        values={indicator: Decimal(1)},
    )
    meeting = meeting_schedule(
        kind="quarterly_briefing",
        title="Giao ban quý",
        programmes=[programme],
        organiser=btg,
        starts_at=datetime.combine(start + timedelta(days=8), time(8), tzinfo=VN),
        ends_at=datetime.combine(start + timedelta(days=8), time(10), tzinfo=VN),
        place="Phòng họp số 1",
        chair=OfficialFactory(body=btg),
    )
    return {
        "btg": btg,
        "programme": programme,
        "draft": draft([btg, ubnd], number=9, year=year),
        "clause": clause,
        "indicator": indicator,
        "meeting": meeting,
        "official": account(btg, R.OFFICIAL),
        "leader": account(btg, R.LEADER),
    }


@pytest.mark.browser
def test_the_pages_work_under_the_policy_with_no_violation(watched, world):
    page = watched
    sign_in(page, world["official"])

    # The programme page: indicator bars drawn without a style attribute.
    page.goto(reverse("agreements:programme_detail", args=[world["programme"].pk]))
    assert page.locator("svg.indicator-bar .indicator-bar-fill").first.get_attribute("width")
    assert page.locator("svg.indicator-bar").first.bounding_box()["width"] > 50

    # A draft's "remove" asks first (data-confirm, static/js/app.js); saying no keeps it.
    page.goto(reverse("agreements:programme_detail", args=[world["draft"].pk]))
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("form[data-confirm] button").first.click()
    assert asked and world["draft"].clauses.count() == 2

    # My work: the progress modal loads its form through htmx and sends it back.
    page.goto(reverse("agreements:my_work"))
    page.locator("[data-bs-target='#progress-modal']").first.click()
    page.wait_for_selector("#progress-modal #progress-form")
    assert "Nội dung phối hợp số 1" in page.inner_text("#progress-modal-clause")
    page.select_option("#progress-modal select[name=status]", "done")
    page.click("#progress-modal button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận báo cáo tiến độ")
    assert world["clause"].progress_reports.filter(status="done").exists()

    # The meetings calendar, its month grid and its quarter list.
    starts = world["meeting"].starts_at.astimezone(VN)
    page.goto(reverse("meetings:calendar") + f"?month={starts:%Y-%m}")
    page.wait_for_selector("text=Giao ban quý")
    page.goto(reverse("meetings:calendar") + f"?quarter={starts.year}-{quarter_of(starts)}")
    page.wait_for_selector("text=Giao ban quý")
    assert page.violations() == []

    # The leaders' dashboard with its chart; the report form's script.
    sign_in(page, world["leader"])
    chart = page.locator("svg.chart")
    assert chart.count() == 1 and chart.bounding_box()["width"] > 300
    page.goto(reverse("reports:create"))
    page.select_option("#id_kind", "year_end")
    assert not page.is_visible("#div_id_quarter")

    # A report's page polls its status through htmx until the report is done.
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=world["programme"],
        period_start=quarter_start(starts.date()),
        period_end=quarter_start(quarter_start(starts.date()) + timedelta(days=95))
        - timedelta(days=1),
        issuing_body=world["btg"],
        enqueue=False,
    )
    page.goto(reverse("reports:detail", args=[report.pk]))
    assert page.get_attribute("#report-status", "data-status") == "queued"
    report_build(report_id=report.pk)
    page.wait_for_selector('#report-status[data-status="done"]', timeout=10_000)
    assert page.violations() == []


@pytest.mark.browser
def test_a_script_slipped_into_a_page_does_not_run(watched, world, monkeypatch):
    """Undo the escaping of the progress form's help text (the stored XSS of 10.2): the
    page then carries the script, and the browser refuses to run it."""
    monkeypatch.setattr("agreements.forms.progress.escape", lambda text: text)
    world["indicator"].unit = PAYLOAD
    world["indicator"].save()
    page = watched
    sign_in(page, world["official"])
    page.goto(reverse("agreements:progress_add", args=[world["clause"].pk]))
    assert page.locator("#progress-form script").count() == 1  # it is in the page…
    page.wait_for_timeout(300)
    assert page.evaluate("window.xssRan === undefined")  # …and did not run
    assert any(v.startswith("script-src") for v in page.violations())

    # The same through htmx, in the modal of my work.
    page.goto(reverse("agreements:my_work"))
    page.locator("[data-bs-target='#progress-modal']").first.click()
    page.wait_for_selector("#progress-modal #progress-form")
    page.wait_for_timeout(300)
    assert page.evaluate("window.xssRan === undefined")
