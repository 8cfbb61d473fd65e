"""End to end in chromium: an official drafts, the secretariat signs, the official reports,
and so does a supporting body that is not a party."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Programme
from parties.models import Body, Membership
from tests.agreements.factories import district_bodies
from tests.factories import BodyFactory, user_in
from tests.fixtures.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-thu-nghiem-1"


def account(body, role, username, first, last):
    user = user_in(body, role, user__username=username)
    user.first_name, user.last_name = first, last
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")


def test_an_official_drafts_the_secretariat_signs_and_progress_shows(page):
    btg, ubnd = district_bodies()
    # A department of the province above: it supports clause 1 without being a party.
    so = BodyFactory(unit=btg.unit.parent, kind=Body.Kind.DEPARTMENT, name="Sở Văn hóa và Thể thao")
    account(btg, Membership.Role.OFFICIAL, "canbo", "Thủy", "Hoàng Thị Thu")
    account(btg, Membership.Role.SECRETARIAT, "vanphong", "Văn phòng", "Ban Tuyên giáo")
    account(so, Membership.Role.OFFICIAL, "canbo.so", "Sở Văn hóa", "Chuyên viên")
    year = timezone.localdate().year

    # The official signs in and drafts the programme.
    sign_in(page, "canbo")
    page.click("text=Soạn dự thảo chương trình")
    page.fill("input[name=number]", "12")
    page.fill("input[name=symbol]", "CTrPH/BTGHU-UBND")
    page.fill(
        "textarea[name=title]", "Chương trình phối hợp tuyên truyền, phát triển kinh tế - xã hội"
    )
    page.fill("textarea[name=legal_basis]", "Quyết định số 238-QĐ/TW")
    page.check(f"input[name=parties][value='{ubnd.pk}']")
    page.fill("input[name=period_start]", f"01/01/{year}")
    page.fill("input[name=period_end]", f"31/12/{year}")
    page.click("text=Tạo dự thảo")
    page.wait_for_selector("text=Đã tạo dự thảo chương trình")

    for text, lead, indicator in [
        ("Tổ chức hội nghị chuyên đề tuyên truyền", btg, ("Hội nghị chuyên đề", "hội nghị", "4")),
        ("Cung cấp thông tin định kỳ cho báo chí", ubnd, None),
    ]:
        page.click("#programme-actions >> text=Thêm nội dung")
        page.fill("textarea[name=text]", text)
        page.select_option("select[name=lead_body]", str(lead.pk))
        other = ubnd if lead == btg else btg
        page.check(f"input[name=supporting_bodies][value='{other.pk}']")
        if lead == btg:
            page.check(f"input[name=supporting_bodies][value='{so.pk}']")
        page.select_option("select[name=cadence]", "quarterly")
        page.fill("input[name=due_date]", f"31/12/{year}")
        if indicator:
            page.fill("input[name=indicators-0-name]", indicator[0])
            page.fill("input[name=indicators-0-unit]", indicator[1])
            page.fill("input[name=indicators-0-target]", indicator[2])
        page.click("text=Lưu nội dung")
        page.wait_for_selector("text=Đã lưu nội dung phối hợp")
    assert page.locator("#clauses li.list-group-item").count() == 2
    screenshot(page, "i3-1-draft-with-two-clauses")
    programme = Programme.objects.get()
    assert programme.status == Programme.Status.DRAFT

    # The secretariat records the signing.
    sign_in(page, "vanphong")
    page.goto(f"/programmes/{programme.pk}/")
    page.click("text=Ghi nhận ký kết")
    page.wait_for_selector("#signatories select")
    # Only the parties sign, and nobody is chosen for the secretariat.
    selects = page.locator("#signatories select")
    assert selects.count() == 2
    for party, name in [(btg, "Phùng Xuân Trường"), (ubnd, "Vũ Văn Nhàn")]:
        select = page.locator(f"select[name=official_{programme.pk}_{party.pk}]")
        assert select.input_value() == ""
        select.select_option(label=f"{name} – {party.officials.get().position}")
    page.fill("input[name=place]", "Phòng họp số 1 UBND huyện")
    screenshot(page, "i3-2-signing-form")
    page.click("#signing-form button[type=submit]:has-text('Ghi nhận ký kết')")
    page.wait_for_selector("#fingerprint")
    programme.refresh_from_db()
    assert programme.status == Programme.Status.SIGNED
    assert page.inner_text("#fingerprint") == programme.fingerprint

    # The official reports progress from "my work", in the modal.
    sign_in(page, "canbo")
    page.click("nav >> text=Việc của tôi")
    first = programme.clauses.get(number=1)
    page.click(f"#row-clause-{first.pk} >> text=Báo cáo")
    page.wait_for_selector("#progress-modal #progress-form")
    indicator = first.indicators.get()
    page.select_option("#progress-form select[name=status]", "on_track")
    page.fill(f"#progress-form input[name=value_{indicator.pk}]", "3")
    page.fill("#progress-form textarea[name=note]", "Đã tổ chức 3 hội nghị chuyên đề.")
    screenshot(page, "i3-3-progress-modal")
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận báo cáo tiến độ")
    screenshot(page, "i3-4-my-work")

    # The Sở, which supports clause 1 without being a party, reports on it too.
    sign_in(page, "canbo.so")
    page.click("nav >> text=Việc của tôi")
    assert page.locator("#body-directives").count() == 1
    assert page.locator("[id^=row-clause-]").count() == 1  # only the clause it supports
    page.click(f"#row-clause-{first.pk} >> text=Báo cáo")
    page.wait_for_selector("#progress-modal #progress-form")
    page.select_option("#progress-form select[name=status]", "on_track")
    page.fill(f"#progress-form input[name=value_{indicator.pk}]", "1")
    page.fill("#progress-form textarea[name=note]", "Sở đã tổ chức 1 hội nghị tại tỉnh.")
    page.click("#progress-form button[type=submit]")
    page.wait_for_selector("text=Đã ghi nhận báo cáo tiến độ")
    page.goto(f"/programmes/{programme.pk}/")
    assert page.locator("#programme-actions a").count() == 0  # read-only for the Sở
    screenshot(page, "i3-6-supporting-body")

    # The programme page shows it all; its number is labelled "Số" and keeps its letters.
    page.goto(f"/programmes/{programme.pk}/")
    assert f"Số {programme.reference}" in page.inner_text("#programme-number")
    clause_item = page.locator(f"#clause-{first.pk}")
    assert clause_item.locator("[data-status=on_track]").first.is_visible()
    assert "4 / 4 hội nghị" in clause_item.inner_text()
    parties = page.inner_text("table")
    assert "Phùng Xuân Trường" in parties and "Vũ Văn Nhàn" in parties
    assert "Trưởng ban Tuyên giáo" in parties
    # The history card is asked for once the page is shown (htmx, on load): wait for it.
    history = page.locator("#history")
    expect(history).to_contain_text("Hoàng Thị Thu Thủy")
    assert "Ban Tuyên giáo Văn phòng" in history.inner_text()
    clause_item.locator("summary").click()
    assert "Đã tổ chức 3 hội nghị chuyên đề." in clause_item.inner_text()
    assert "Sở đã tổ chức 1 hội nghị tại tỉnh." in clause_item.inner_text()
    assert "Sở Văn hóa và Thể thao" in clause_item.inner_text()
    screenshot(page, "i3-5-programme-page")
