"""In a real browser, without the Django admin: a province's unit administrator adds a
commune body and an account for it; the invitation's link sets the password, and the
new official signs in."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from parties.models import Body, Membership
from tests.factories import BodyFactory, ProvinceFactory, user_in
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
    commune = province.children.get()
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
