"""In a real browser, without the Django admin: a province's unit administrator adds a
commune body and an account for it; the invitation's link sets the password, and the
new official signs in. Then the administrator records the reorganisation that ends the
district's UBND with the commune's as its successor, and hands the district's programme
over to it: the commune's official finds the programme and may report on its clause."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from agreements.models import Handover
from parties.models import Body, Membership, Reorganisation
from tests.agreements.factories import district_bodies, signed
from tests.factories import BodyFactory, DistrictFactory, ProvinceFactory, user_in
from tests.fixtures.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-1"


def sign_in(page, username, password=PASSWORD):
    page.context.clear_cookies()
    page.goto(reverse("login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")


def test_an_administrator_sets_up_a_body_and_an_account(page, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    province = ProvinceFactory(name="Hà Nội", category="thanh_pho_tw")
    ubnd = BodyFactory(unit=province, name="UBND thành phố Hà Nội", code="UBND")
    district = DistrictFactory(parent=province, name="Thanh Trì")
    btg_district, ubnd_district = district_bodies(district)
    programme = signed([btg_district, ubnd_district], title="Chương trình phối hợp năm 2024")
    administrator = user_in(ubnd, Membership.Role.ADMINISTRATOR)
    administrator.set_password(PASSWORD)
    administrator.save()
    sign_in(page, administrator.username)

    # 1. A commune under the province (two levels since 1 July 2025), then its UBND.
    page.goto(reverse("parties:unit_create"))
    page.fill("input[name=name]", "Đại Thanh")
    page.select_option("select[name=category]", "xa")
    page.select_option("select[name=parent]", str(province.pk))
    page.fill("input[name=began_on]", "01/07/2025")
    page.click("main button[type=submit]")
    page.locator(".alert-success").wait_for()
    commune = province.children.get(name="Đại Thanh")
    page.goto(reverse("parties:body_create"))
    page.fill("input[name=name]", "UBND xã Đại Thanh")
    page.fill("input[name=full_name]", "Ủy ban nhân dân xã Đại Thanh")
    page.select_option("select[name=kind]", "peoples_committee")
    page.fill("input[name=code]", "UBND")
    page.select_option("select[name=unit]", str(commune.pk))
    screenshot(page, "org-body-form")
    page.click("main button[type=submit]")
    page.locator(".alert-success").wait_for()
    body = Body.objects.get(unit=commune, code="UBND")
    assert "UBND xã Đại Thanh" in page.locator("main").inner_text()

    # 2. An account for it: invited by e-mail.
    page.goto(reverse("parties:account_create"))
    page.fill("input[name=username]", "canbo.daithanh")
    page.fill("input[name=last_name]", "Nguyễn Văn")
    page.fill("input[name=first_name]", "An")
    page.fill("input[name=email]", "an@daithanh.example.vn")
    page.select_option("select[name=body]", str(body.pk))
    page.select_option("select[name=role]", "official")
    page.click("main button[type=submit]")
    page.locator(".alert-success").wait_for()
    assert "an@daithanh.example.vn" in page.locator(".alert-success").inner_text()
    screenshot(page, "org-accounts")
    [invitation] = mail.outbox
    link = re.search(r"https?://\S+", invitation.body).group(0)

    # 3. The person sets a password from the link, then signs in as the commune's official.
    page.context.clear_cookies()
    page.goto(link)
    page.fill("input[name=new_password1]", "Dai-Thanh-2025!")
    page.fill("input[name=new_password2]", "Dai-Thanh-2025!")
    page.click("main button[type=submit]")
    page.wait_for_url("**/login/")
    sign_in(page, "canbo.daithanh", "Dai-Thanh-2025!")
    member = Membership.objects.get(user__username="canbo.daithanh")
    assert (member.body, member.role) == (body, "official")
    assert page.get_by_text("Tổ chức", exact=True).count() == 0  # no organisation menu

    # 4. The reorganisation, recorded on its page: the district's UBND ends on 30/06/2025
    # and the commune's succeeds it; its programme in force is handed over.
    sign_in(page, administrator.username)
    page.goto(reverse("agreements:reorganisation_create"))
    page.fill("input[name=legal_basis]", "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025")
    page.fill("input[name=decided_on]", "16/06/2025")
    page.fill("input[name=effective_on]", "01/07/2025")
    page.select_option("select[name=bodies-0-kind]", "merged")
    page.select_option("select[name=bodies-0-predecessor]", str(ubnd_district.pk))
    page.select_option("select[name=bodies-0-successor]", str(body.pk))
    screenshot(page, "org-reorganisation-form")
    page.click("main button[type=submit]")
    page.locator(".alert-success").wait_for()
    act = Reorganisation.objects.get()
    ubnd_district.refresh_from_db()
    assert ubnd_district.ended_on.isoformat() == "2025-06-30"
    main = page.locator("main")
    assert programme.reference in main.inner_text()
    main.locator(f"select[name=to_{ubnd_district.pk}]").select_option(str(body.pk))
    main.get_by_role("button", name="Bàn giao").click()
    page.locator(".alert-success").wait_for()
    screenshot(page, "org-reorganisation-settled")
    assert Handover.objects.filter(
        programme=programme, reorganisation=act, from_body=ubnd_district, to_body=body
    ).exists()

    # 5. The commune's official finds the programme handed over and may report on the
    # clause its predecessor led.
    sign_in(page, "canbo.daithanh", "Dai-Thanh-2025!")
    page.goto(reverse("agreements:programme_detail", args=[programme.pk]))
    assert "Chương trình phối hợp năm 2024" in page.locator("main").inner_text()
    clause = programme.clauses.get(lead_body=ubnd_district)
    page.goto(reverse("agreements:clause_detail", args=[clause.pk]))
    assert page.get_by_role("link", name="Báo cáo tiến độ").count() == 1
