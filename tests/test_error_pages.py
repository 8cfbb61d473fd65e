"""Refusals and errors are the site's own pages, in Vietnamese, with a way on: 403 says
why, 404 names nothing, 500 needs neither the request nor the database."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from config import errors, urls
from parties.models import Membership
from tests.agreements.factories import district_bodies, signed
from tests.factories import user_in

R = Membership.Role


def test_the_site_uses_its_own_error_pages():
    assert urls.handler400 == "config.errors.bad_request"
    assert urls.handler403 == "config.errors.permission_denied"
    assert urls.handler404 == "config.errors.page_not_found"
    assert urls.handler500 == "config.errors.server_error"


@pytest.mark.django_db
def test_a_missing_page_is_the_sites_own_in_vietnamese(client, settings):
    settings.DEBUG = False
    client.force_login(user_in(district_bodies()[0]))
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text
    assert "Trang này không tồn tại hoặc không mở cho tài khoản của bạn." in response.text
    assert f'href="{reverse("home")}"' in response.text
    assert 'id="main-nav"' in response.text  # the site's page, with its navigation


@pytest.mark.django_db
def test_a_programme_the_user_may_not_see_is_the_same_missing_page(client, settings):
    settings.DEBUG = False
    programme = signed(list(district_bodies()), title="Chương trình của huyện khác")
    client.force_login(user_in(district_bodies()[0]))
    response = client.get(reverse("agreements:programme_detail", args=[programme.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text
    assert "Chương trình của huyện khác" not in response.text


@pytest.mark.django_db
def test_a_refusal_leads_back_to_where_the_user_came_from(client, settings):
    settings.DEBUG = False
    btg, _ = district_bodies()
    client.force_login(user_in(btg, R.LEADER))
    came_from = "http://testserver" + reverse("agreements:programme_list")
    response = client.get(reverse("agreements:programme_create"), HTTP_REFERER=came_from)
    assert response.status_code == 403
    assert "Chỉ cán bộ, chuyên viên mới soạn dự thảo chương trình." in response.text
    assert f'href="{came_from}"' in response.text and "Quay lại" in response.text
    elsewhere = client.get(
        reverse("agreements:programme_create"), HTTP_REFERER="https://example.com/x"
    )
    assert "example.com" not in elsewhere.text


def test_the_server_error_page_needs_no_request_context_and_no_database():
    """No django_db mark: any query here would fail the test."""
    with translation.override("vi"):
        response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "Hệ thống gặp sự cố" in text
    assert "Hãy thử lại sau ít phút" in text
    assert 'href="/"' in text


@pytest.mark.django_db
def test_an_error_in_a_page_shows_the_server_error_page(client, settings, monkeypatch):
    settings.DEBUG = False

    def broken(request):
        raise RuntimeError("a bug")

    monkeypatch.setattr("reports.views.programme_list", broken)
    client.raise_request_exception = False
    client.force_login(user_in(district_bodies()[0], R.OFFICIAL))
    response = client.get(reverse("home"))
    assert response.status_code == 500
    assert "Hệ thống gặp sự cố" in response.text
    assert "a bug" not in response.text and "Traceback" not in response.text


@pytest.mark.django_db
def test_an_expired_form_is_explained_not_refused_in_english(settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_in(district_bodies()[0], R.SECRETARIAT))
    response = client.post(reverse("agreements:signing_create"), {"place": "Hội trường"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.text
    assert "Hãy quay lại, tải lại trang rồi gửi lại biểu mẫu." in response.text
    assert "CSRF" not in response.text


BAD_REQUEST = "Không đọc được yêu cầu"


@pytest.mark.django_db
def test_a_request_too_large_to_read_is_the_sites_own_400(client, settings):
    settings.DEBUG = False
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client.force_login(user_in(district_bodies()[0], R.OFFICIAL))
    came_from = "http://testserver" + reverse("agreements:programme_list")
    response = client.post(
        reverse("agreements:programme_create"),
        {f"field{n}": "x" for n in range(60)},
        HTTP_REFERER=came_from,
    )
    assert response.status_code == 400
    assert BAD_REQUEST in response.text and "Không có gì được lưu" in response.text
    assert f'href="{came_from}"' in response.text
    assert 'id="main-nav"' in response.text
    assert "TooManyFields" not in response.text and "DATA_UPLOAD" not in response.text


@pytest.mark.django_db
def test_a_forged_host_is_a_400_that_names_no_host(client, settings):
    settings.DEBUG = False
    response = client.get(reverse("login"), HTTP_HOST="evil.example", HTTP_REFERER="http://x/")
    assert response.status_code == 400
    assert BAD_REQUEST in response.text
    assert "evil.example" not in response.text
