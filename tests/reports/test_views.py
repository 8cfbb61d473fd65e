"""The report pages: asking, following, downloading; who may see and do what."""

from datetime import date

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from parties.models import Membership
from reports.models import Report
from reports.periods import quarter_period
from reports.services import report_build, report_create
from tests.factories import BodyFactory, CommuneFactory, ReportFactory, user_in
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db
Q3 = quarter_period(2017, 3)


@pytest.fixture
def district():
    return District()


@pytest.fixture
def programme(district):
    programme = signed_programme(
        [district.party, district.state], title="Chương trình năm 2017", start=date(2017, 1, 1)
    )
    clause_with(programme, number=1, indicators=[("Hội nghị", "hội nghị", 4)])
    return programme


@pytest.fixture
def leader(district):
    return district.leader()


def make_report(programme, issuing_body, *, build=True, issued_on=date(2017, 10, 5)):
    """The report of quarter III/2017, issued (a draft with `issued_on` None)."""
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=Q3.start,
        period_end=Q3.end,
        issuing_body=issuing_body,
        issued_on=issued_on,
        enqueue=False,
    )
    return report_build(report_id=report.pk) if build else report


def form_data(**overrides):
    data = {"kind": "quarterly", "scope": "body", "year": "2017", "quarter": "3"}
    data.update(overrides)
    return data


# --- the list ------------------------------------------------------------------------


def test_strangers_are_sent_to_log_in(client):
    response = client.get(reverse("reports:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_list_shows_only_reports_the_user_may_see(client, district, programme, leader):
    own = make_report(programme, district.party, build=False)
    elsewhere = District(name="Cẩm Lệ")
    other = signed_programme([elsewhere.party, elsewhere.state], title="Chương trình nơi khác")
    hidden = make_report(other, elsewhere.party, build=False)
    client.force_login(leader)
    response = client.get(reverse("reports:list"))
    assert own.title in response.text
    assert hidden.title not in response.text


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_is_paginated_in_a_constant_number_of_queries(
    client, django_assert_max_num_queries, district, rows
):
    for _ in range(rows):
        ReportFactory(body=district.party, issuing_body=district.party)
    client.force_login(district.leader())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reports:list"))
    assert len(response.context["page"].object_list) == min(rows, 20)


def test_the_list_filters_by_kind(client, district):
    ReportFactory(body=district.party, title="Tổng kết công tác phối hợp")
    client.force_login(district.leader())
    url = reverse("reports:list")
    assert "Tổng kết công tác phối hợp" not in client.get(url + "?kind=quarterly").text
    assert "Tổng kết công tác phối hợp" in client.get(url + "?kind=year_end").text


# --- asking for one ------------------------------------------------------------------


def test_only_leaders_and_the_secretariat_may_ask(client, district):
    client.force_login(user_in(district.party, Membership.Role.OFFICIAL))
    assert client.get(reverse("reports:create")).status_code == 403
    assert client.post(reverse("reports:create"), form_data()).status_code == 403
    client.force_login(user_in(district.party, Membership.Role.SECRETARIAT))
    assert client.get(reverse("reports:create")).status_code == 200


def test_a_leader_asks_for_a_report_and_lands_on_its_page(client, district, programme, leader):
    client.force_login(leader)
    response = client.post(reverse("reports:create"), form_data(body=district.party.pk))
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "reports:detail", args=[report.pk]
    )
    assert (report.kind, report.body, report.period_start, report.period_end) == (
        "quarterly",
        district.party,
        Q3.start,
        Q3.end,
    )
    assert report.requested_by == leader and report.issuing_body == district.party


def test_the_form_starts_from_the_query_string(client, programme, leader):
    client.force_login(leader)
    url = reverse("reports:create") + f"?kind=quarterly&programme={programme.pk}"
    form = client.get(url).context["form"]
    assert form.initial["programme"] == str(programme.pk)
    assert form.initial["scope"] == "programme"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"kind": "year_end", "scope": "programme"},
            "scope",
            "Một chương trình chỉ được sơ kết theo quý",
        ),
        ({"quarter": ""}, "quarter", "Hãy chọn quý."),
        ({"year": "2099"}, "quarter", "Kỳ báo cáo này chưa bắt đầu."),
        ({"kind": "multi_year", "year": "2015", "last_year": "2014"}, "last_year", "Năm cuối"),
        ({"kind": "multi_year", "last_year": ""}, "last_year", "cần có năm cuối"),
        ({"scope": "unit"}, "unit", "Hãy chọn phạm vi của báo cáo."),
        ({"year": "abc"}, "year", "Nhập một số"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(
    client, district, programme, leader, data, field, message
):
    CommuneFactory(parent=district.unit)  # a unit below the leader's, to report on
    client.force_login(leader)
    posted = form_data(body=district.party.pk, programme=programme.pk, **data)
    response = client.post(reverse("reports:create"), posted)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert message in response.text
    assert not Report.objects.exists()
    assert f'value="{posted["year"]}"' in response.text  # what the user typed is kept


def test_a_programme_the_user_cannot_see_cannot_be_chosen_nor_named(client, leader):
    elsewhere = District(name="Cẩm Lệ")
    hidden = signed_programme([elsewhere.party, elsewhere.state], title="Chương trình bí mật")
    client.force_login(leader)
    assert "Chương trình bí mật" not in client.get(reverse("reports:create")).text
    response = client.post(
        reverse("reports:create"), form_data(scope="programme", programme=hidden.pk)
    )
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert "Chương trình bí mật" not in response.text
    assert not Report.objects.exists()


# --- following it -----------------------------------------------------------------------


def test_the_page_of_a_report_others_cannot_see_does_not_exist(client, district, programme):
    report = make_report(programme, district.party, build=False)
    client.force_login(District(name="Cẩm Lệ").leader())
    for name in ["detail", "status", "pdf", "xlsx", "preview"]:
        assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 404, name
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 404


def test_a_pending_report_polls_and_a_finished_one_stops(client, district, programme, leader):
    report = make_report(programme, district.party, build=False)
    client.force_login(leader)
    pending = client.get(reverse("reports:status", args=[report.pk])).text
    assert 'hx-trigger="every 2s"' in pending and 'data-status="queued"' in pending
    assert reverse("reports:status", args=[report.pk]) in pending
    report_build(report_id=report.pk)
    done = client.get(reverse("reports:status", args=[report.pk])).text
    assert "hx-trigger" not in done and 'data-status="done"' in done
    assert reverse("reports:pdf", args=[report.pk]) in done
    assert reverse("reports:xlsx", args=[report.pk]) in done
    assert reverse("reports:preview", args=[report.pk]) in done
    page = client.get(reverse("reports:detail", args=[report.pk])).text
    assert report.reference in page and report.title in page


def test_a_failed_report_says_in_words_what_happened_and_can_be_tried_again(
    client, district, programme, leader
):
    report = make_report(programme, district.party, build=False)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED,
        failure=Report.Failure.BUILD,
        error="TemplateDoesNotExist: x.html",
    )
    client.force_login(user_in(district.party, Membership.Role.OFFICIAL))
    page = client.get(reverse("reports:detail", args=[report.pk])).text
    assert "TemplateDoesNotExist" not in page  # the details are for the log and the admin
    assert "Hệ thống gặp lỗi khi lập báo cáo này" in page
    assert "Đề nghị văn phòng hoặc lãnh đạo cơ quan ban hành thử lại" in page
    assert report.reference in page
    assert reverse("reports:retry", args=[report.pk]) not in page  # officials cannot retry
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 403
    client.force_login(leader)
    page = client.get(reverse("reports:detail", args=[report.pk])).text
    assert reverse("reports:retry", args=[report.pk]) in page
    assert "Hãy bấm «Lập lại» bên dưới" in page and "quản trị hệ thống" in page
    assert client.get(reverse("reports:retry", args=[report.pk])).status_code == 405
    response = client.post(reverse("reports:retry", args=[report.pk]))
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == Report.Status.QUEUED


@pytest.mark.parametrize(
    ("failure", "error", "sentence"),
    [
        (
            Report.Failure.QUEUE,
            "OperationalError: Error 111 connecting to 127.0.0.1:6379. Connection refused.",
            "Dịch vụ lập báo cáo chạy nền",
        ),
        (
            Report.Failure.TIME_LIMIT,
            "SoftTimeLimitExceeded: SoftTimeLimitExceeded()",
            "kéo dài quá thời gian",
        ),
        ("", "KeyError: 'x'", "Hệ thống gặp lỗi khi lập báo cáo này"),
    ],
)
def test_each_failure_is_a_vietnamese_sentence_never_the_exception(
    client, district, programme, leader, failure, error, sentence
):
    report = make_report(programme, district.party, build=False)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.FAILED, failure=failure, error=error
    )
    client.force_login(leader)
    panel = client.get(reverse("reports:status", args=[report.pk])).text
    assert sentence in panel
    assert error.split(":")[0] not in panel


def test_an_attempt_that_failed_is_not_shown_as_an_exception_while_retrying(
    client, district, programme, leader
):
    report = make_report(programme, district.party, build=False)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.QUEUED,
        attempts=1,
        error="Attempt 1 failed, trying again: RuntimeError: the renderer broke",
    )
    client.force_login(leader)
    panel = client.get(reverse("reports:status", args=[report.pk])).text
    assert "RuntimeError" not in panel
    assert "hệ thống đang tự thử lại" in panel


@pytest.mark.django_db(transaction=True)
def test_with_tasks_in_process_a_new_report_is_announced_as_it_stands(client, leader, district):
    """Built before the page shows it: "ready" beside "Hoàn thành", never "being made"."""
    signed_programme([district.party, district.state], start=date(2017, 1, 1))
    client.force_login(leader)
    response = client.post(
        reverse("reports:create"), form_data(body=district.party.pk), follow=True
    )
    report = Report.objects.get()
    assert report.status == Report.Status.DONE
    page = response.text
    assert f"{report.label} đã lập xong: hãy rà soát, hoàn thiện nội dung" in page
    assert "đang được lập" not in page


def test_a_report_still_queued_is_announced_as_being_made(client, leader, district):
    signed_programme([district.party, district.state], start=date(2017, 1, 1))
    client.force_login(leader)
    response = client.post(
        reverse("reports:create"), form_data(body=district.party.pk), follow=True
    )
    assert Report.objects.get().status == Report.Status.QUEUED  # not committed, not built
    assert "đang được lập" in response.text


# --- downloading -----------------------------------------------------------------------


def test_a_finished_report_downloads_as_pdf_and_excel(client, district, programme):
    report = make_report(programme, district.state)
    client.force_login(user_in(district.party, Membership.Role.OFFICIAL))  # a party sees it
    pdf = client.get(reverse("reports:pdf", args=[report.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="01-BC-UBND.pdf"'
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    xlsx = client.get(reverse("reports:xlsx", args=[report.pk]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(xlsx.streaming_content).startswith(b"PK")


def test_the_preview_is_the_document_in_html_and_loads_nothing_else(
    client, district, programme, leader
):
    report = make_report(programme, district.party)
    client.force_login(leader)
    response = client.get(reverse("reports:preview", args=[report.pk]))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in response.text


def test_nothing_is_downloadable_before_it_is_done(client, district, programme, leader):
    report = make_report(programme, district.party, build=False)
    client.force_login(leader)
    for name in ["pdf", "xlsx", "preview"]:
        assert client.get(reverse(f"reports:{name}", args=[report.pk])).status_code == 404


def test_report_files_live_outside_the_public_media_folder(district, programme):
    report = make_report(programme, district.party)
    path = report.pdf.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with pytest.raises(ValueError):
        report.pdf.url  # noqa: B018


# --- the programme page's block --------------------------------------------------------


def render_programme_block(user, programme):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load report_tags %}{% programme_reports programme %}")
    return template.render(Context({"request": request, "programme": programme}))


def test_the_programme_page_block_lists_its_reports_and_offers_a_new_one(
    district, programme, leader
):
    quarterly = make_report(programme, district.party, build=False)
    summary = ReportFactory(
        kind=Report.Kind.YEAR_END,
        body=district.party,
        issuing_body=district.party,
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
        title="Tổng kết năm 2017 của Ban",
    )
    city = BodyFactory(unit=district.unit.parent, name="Ban Tuyên giáo Thành ủy")
    district_summary = ReportFactory(
        kind=Report.Kind.YEAR_END,
        body=None,
        unit=district.unit,
        issuing_body=city,
        period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31),
        title="Tổng kết năm 2017 trên địa bàn huyện",
    )
    ReportFactory(body=district.party, issuing_body=district.party, title="Báo cáo năm 2024")
    html = render_programme_block(leader, programme)
    assert quarterly.reference in html and summary.title in html
    assert "Báo cáo năm 2024" not in html  # another period
    # The district's summary is for the city above it, not for one body of the district.
    assert district_summary.title not in html
    assert district_summary.title in render_programme_block(district.leader(city), programme)
    assert f"?kind=quarterly&amp;programme={programme.pk}" in html
    official = user_in(district.party, Membership.Role.OFFICIAL)
    assert "?kind=quarterly" not in render_programme_block(official, programme)


def test_a_report_stuck_in_the_queue_can_be_asked_for_again(
    client, district, programme, leader, settings
):
    report = make_report(programme, district.party, build=False)
    client.force_login(leader)
    page = client.get(reverse("reports:status", args=[report.pk])).text
    assert reverse("reports:retry", args=[report.pk]) not in page  # still fresh
    settings.REPORT_STUCK_AFTER = 0
    page = client.get(reverse("reports:status", args=[report.pk])).text
    assert "hx-trigger" not in page and reverse("reports:retry", args=[report.pk]) in page
    assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 302


def test_the_admin_shows_a_report_with_links_to_its_checked_downloads(
    admin_client, district, programme
):
    report = make_report(programme, district.party)
    page = admin_client.get(reverse("admin:reports_report_change", args=[report.pk]))
    assert page.status_code == 200
    assert reverse("reports:pdf", args=[report.pk]) in page.text


def test_an_official_asking_for_a_report_is_told_who_may(client, district, settings):
    settings.DEBUG = False
    client.force_login(user_in(district.party, Membership.Role.OFFICIAL))
    response = client.get(reverse("reports:create"))
    assert response.status_code == 403
    assert "Chỉ lãnh đạo và văn phòng mới yêu cầu lập báo cáo." in response.text
