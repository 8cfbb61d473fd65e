"""A leader asks for a year-end summary in the browser, watches it finish, downloads it."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from reports.models import Report
from tests.fixtures.browser import screenshot
from tests.reports.factories import District, clause_with, signed_programme

PASSWORD = "secret-pass-1"  # tests.factories.UserFactory


@pytest.fixture
def leader_and_district(transactional_db):
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2017, 1, 1))
    clause_with(
        programme,
        number=1,
        indicators=[("Hội nghị chuyên đề", "hội nghị", 4)],
        progress=[(date(2017, 9, 27), "done", [4], "Hoàn thành")],
    )
    return district.leader_with_official(), district


def log_in(page, user):
    page.goto("/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))


def ask_for_the_2017_summary(page, district):
    page.goto("/reports/new/")
    page.select_option("#id_kind", "year_end")
    page.check("input[name=scope][value=body]")
    page.select_option("#id_body", str(district.party.pk))
    page.fill("#id_year", "2017")
    page.click("#report-form [type=submit]")
    page.wait_for_url(re.compile(r".*/reports/\d+/$"))


def downloaded_pdf(page):
    with page.expect_download() as info:
        page.click("[data-testid=download-pdf]")
    download = info.value
    # What a leader asks for is a draft (issue 13): no number until it is issued.
    assert re.fullmatch(r"du-thao-bao-cao-\d+\.pdf", download.suggested_filename)
    with open(download.path(), "rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


@pytest.mark.browser
@pytest.mark.worker
def test_a_leader_watches_a_year_end_summary_finish_and_downloads_it(
    page, celery_worker, leader_and_district
):
    leader, district = leader_and_district
    log_in(page, leader)
    ask_for_the_2017_summary(page, district)
    status = page.locator("#report-status")
    assert status.get_attribute("data-status") == "queued"  # no worker is running yet
    assert "Đang chờ" in status.inner_text()
    screenshot(page, "report-queued")
    page.evaluate("window.stillTheSamePage = true")

    celery_worker()  # the worker starts and takes the queued report
    page.wait_for_selector('#report-status[data-status="done"]', timeout=60_000)
    assert page.evaluate("window.stillTheSamePage") is True  # updated by htmx, no reload
    screenshot(page, "report-done")

    pdf = downloaded_pdf(page)
    first = " ".join(pdf.pages[0].extract_text().split())
    assert "BÁO CÁO" in first
    assert (
        "Tổng kết năm 2017 thực hiện các chương trình phối hợp của Ban Tuyên giáo Huyện ủy "
        "Thanh Trì" in first
    )
    # A draft: marked so, its number and date left blank until a leader issues it.
    assert "DỰ THẢO" in first and "-BC/BTGHU" in first and "01-BC/BTGHU" not in first
    assert Report.objects.get().status == Report.Status.DONE


@pytest.mark.browser
def test_without_a_broker_the_report_is_made_at_once(page, leader_and_district):
    leader, district = leader_and_district
    log_in(page, leader)
    ask_for_the_2017_summary(page, district)
    assert page.locator("#report-status").get_attribute("data-status") == "done"
    pdf = downloaded_pdf(page)
    assert "PHÙNG XUÂN TRƯỜNG" not in pdf.pages[-1].extract_text()
    assert "Phùng Xuân Trường" in " ".join(p.extract_text() for p in pdf.pages)
