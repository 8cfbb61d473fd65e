"""In a real browser: the secretariat plans a term of quarterly briefings, records one with
attendance and a directive, and the addressed body's official finds the directive."""

from datetime import date

import pytest
from django.urls import reverse

from meetings.models import Attendance, Directive, Meeting
from parties.models import Membership
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, user_in
from tests.fixtures.browser import screenshot
from tests.meetings.factories import signed_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-1"


def sign_in(page, user):
    page.context.clear_cookies()
    page.goto(reverse("login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/")


def test_plan_record_and_follow_a_directive(page):
    district = DistrictFactory(name="Ngã Bảy")
    btg = BodyFactory(
        unit=district, name="Ban Tuyên giáo Thành ủy", code="BTGTU", kind="party_organ"
    )
    ubnd = BodyFactory(unit=district, name="UBND thành phố", code="UBND")
    programme = signed_programme(parties=[btg, ubnd])
    chair = OfficialFactory(body=btg, full_name="Nguyễn Thị Kim Xuyên", position="Trưởng ban")
    partner = OfficialFactory(body=ubnd, full_name="Đại diện UBND", position="Phó Chủ tịch")
    secretariat = user_in(btg, Membership.Role.SECRETARIAT, official=None)
    official = user_in(ubnd, Membership.Role.OFFICIAL)

    # 1. Plan the term: preview, then create.
    sign_in(page, secretariat)
    page.goto(reverse("meetings:plan_briefings") + f"?programme={programme.pk}")
    page.fill("input[name=place]", "Phòng họp Ban Tuyên giáo Thành ủy")
    page.select_option("select[name=chair]", str(chair.pk))
    page.check(f"input[name=invitees][value='{chair.pk}']")
    page.check(f"input[name=invitees][value='{partner.pk}']")
    page.click("button[value=preview]")
    preview = page.locator("#plan-preview")
    preview.wait_for()
    assert preview.locator("text=Giao ban mới").count() == 20
    assert preview.locator("text=Thứ Ba, 13/04/2021").count() == 1
    screenshot(page, "meetings-plan-preview")
    assert Meeting.objects.count() == 0
    page.click("button[value=create]")
    page.locator(".alert-success").wait_for()
    message = page.locator(".alert-success").inner_text()
    assert "Đã đưa 20 hội nghị giao ban quý vào lịch." in message
    assert Meeting.objects.count() == 20

    # 2. Record the first briefing: attendance, then a directive.
    page.click("#planned a:text('Giao ban quý I/2021 chương trình phối hợp')")
    page.wait_for_url("**/meetings/*/")
    page.click("text=Ghi thành phần dự")
    chair_row = page.locator("tr", has_text="Nguyễn Thị Kim Xuyên")
    chair_row.locator("input[value=present]").check()
    partner_row = page.locator("tr", has_text="Đại diện UBND")
    partner_row.locator("input[value=deputy]").check()
    partner_row.locator("input[name^=deputy_]").first.fill("Trần Văn Bình")
    partner_row.locator("input[name^=deputy_position_]").fill("Chánh Văn phòng UBND")
    page.click("text=Lưu thành phần dự")
    page.locator(".alert-success").wait_for()
    assert page.locator("text=Trần Văn Bình, Chánh Văn phòng UBND").count() == 1
    page.click("text=Thêm ý kiến chỉ đạo")
    page.fill("textarea[name=text]", "Định kỳ hàng quý báo cáo kết quả hội nghị cung cấp thông tin")
    page.select_option("select[name=addressed_body]", str(ubnd.pk))
    page.fill("input[name=deadline]", "30/06/2021")
    page.click("button:text('Lưu'):not([name=another])")
    page.locator(".alert-success").wait_for()
    assert page.locator("#directives .badge.text-bg-danger").count() == 1  # overdue by now
    screenshot(page, "meetings-briefing-recorded")
    meeting = Meeting.objects.get(starts_at__date=date(2021, 4, 13))
    assert meeting.status == Meeting.Status.HELD
    assert Attendance.objects.get(meeting=meeting, official=partner).deputy == "Trần Văn Bình"

    # 3. The addressed body's official sees it on their "my work" page, overdue,
    # and follows it up from their body's directive list.
    sign_in(page, official)
    page.goto(reverse("agreements:my_work"))
    mine = page.locator("#body-directives tr", has_text="Định kỳ hàng quý báo cáo kết quả")
    mine.wait_for()
    assert "Quá hạn" in mine.inner_text()
    screenshot(page, "meetings-directive-on-my-work")
    page.goto(reverse("meetings:directive_list") + f"?body={ubnd.pk}")
    row = page.locator("tr", has_text="Định kỳ hàng quý báo cáo kết quả")
    row.wait_for()
    assert "Quá hạn" in row.inner_text()
    assert "table-danger" in row.get_attribute("class")
    screenshot(page, "meetings-directive-for-the-addressed-body")
    row.locator("a").first.click()
    page.select_option("select[name=status]", "done")
    page.fill("textarea[name=note]", "Đã báo cáo tại giao ban quý II/2021.")
    page.click("button:text('Lưu')")
    page.locator(".alert-success").wait_for()
    directive = Directive.objects.get()
    assert directive.status == "done" and directive.updates.count() == 1
