"""Signing in is throttled per account and address, and a session ends when unused
(issue 10.9; config/login.py)."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.login import RENEW_EVERY, RENEWED, client_address
from tests.test_settings import KEY, run_settings

pytestmark = pytest.mark.django_db
PASSWORD = "mat-khau-dung-1"
LOCKED = "Tạm dừng đăng nhập"


@pytest.fixture
def account(django_user_model):
    return django_user_model.objects.create_user("canbo", password=PASSWORD, is_staff=True)


def sign_in(client, password, *, url=None, username="canbo", address="203.0.113.7"):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.parametrize("page", ["login", "admin:login"])
def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, account, page):
    url = reverse(page)
    for _ in range(4):
        assert sign_in(client, "sai-mat-khau", url=url).status_code == 200
    locked = sign_in(client, "sai-mat-khau", url=url)
    assert locked.status_code == 429
    right = sign_in(client, PASSWORD, url=url)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    assert LOCKED in right.text  # the site's own page, in Vietnamese
    assert "5 lần liên tiếp" in right.text and "15 phút" in right.text
    assert 'id="main-nav"' in right.text


def test_thirty_wrong_passwords_and_then_the_right_one_does_not_sign_in(client, account):
    """The review's finding, as it was made."""
    for _ in range(30):
        sign_in(client, "sai-mat-khau")
    assert sign_in(client, PASSWORD).status_code == 429
    assert client.get(reverse("agreements:my_work")).status_code == 302


def test_the_lock_holds_one_account_from_one_address_only(client, account, django_user_model):
    django_user_model.objects.create_user("vanphong", password=PASSWORD)
    for _ in range(5):
        sign_in(client, "sai-mat-khau")
    assert sign_in(Client(), PASSWORD, address="198.51.100.20").status_code == 302
    assert sign_in(Client(), PASSWORD, username="vanphong").status_code == 302


def test_the_lock_ends_after_its_time(client, account, settings):
    for _ in range(5):
        sign_in(client, "sai-mat-khau")
    assert sign_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_right_password_clears_the_earlier_failures(client, account):
    for _ in range(4):
        sign_in(client, "sai-mat-khau")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "sai-mat-khau").status_code == 200


def test_failures_and_the_lockout_are_logged_without_the_password(client, account, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        for _ in range(5):
            sign_in(client, "sai-mat-khau-bi-mat")
    text = caplog.text
    assert "canbo" in text and "203.0.113.7" in text
    assert any(record.levelno >= logging.WARNING for record in caplog.records)
    assert "sai-mat-khau-bi-mat" not in text
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "canbo",
        "203.0.113.7",
        5,
    )


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, account, settings):
    """With no proxy in front, X-Forwarded-For is the client's own word: ignored."""
    settings.PROXY_COUNT = 0
    for n in range(5):
        client.post(
            reverse("login"),
            {"username": "canbo", "password": "sai"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    assert sign_in(client, PASSWORD).status_code == 429


def test_behind_the_proxy_the_address_is_the_one_it_saw(rf, settings):
    settings.PROXY_COUNT = 1
    forged_then_seen = rf.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7"
    )
    assert client_address(forged_then_seen) == "203.0.113.7"
    garbage = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(garbage) == "127.0.0.1"
    settings.PROXY_COUNT = 0
    assert client_address(forged_then_seen) == "127.0.0.1"


# --- sessions -------------------------------------------------------------------------


def test_a_session_ends_after_the_idle_time_and_requests_renew_it(client, account):
    client.force_login(account)
    page = reverse("agreements:my_work")
    assert client.get(page).status_code == 200
    # Nearly idle for 30 minutes, last renewed over a minute ago: a request renews it.
    session = client.session
    session[RENEWED] -= RENEW_EVERY + 1
    session.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(page).status_code == 200
    renewed = Session.objects.get().expire_date
    assert renewed > timezone.now() + timedelta(minutes=29)  # 30 minutes from this request
    # Idle past its time: signed out.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(page)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_requests_within_a_minute_write_no_session(client, account):
    client.force_login(account)
    page = reverse("reports:list")
    client.get(page)
    with CaptureQueriesContext(connection) as queries:
        client.get(page)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].startswith(("UPDATE", "INSERT"))
    ]
    assert writes == []


def test_an_htmx_request_after_the_session_ended_sends_the_window_to_sign_in(client, account):
    response = client.get(
        reverse("reports:list"),
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/reports/?kind=x"},
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("login") + "?next=/reports/%3Fkind%3Dx"


def test_the_idle_time_and_the_lock_come_from_the_environment():
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_AGE, s.AXES_FAILURE_LIMIT, "
        "int(s.AXES_COOLOFF_TIME.total_seconds()), s.PROXY_COUNT)"
    )
    default = run_settings(probe, DJANGO_SECRET_KEY=KEY)
    assert default.stdout.split() == ["1800", "5", "900", "0"], default.stderr
    chosen = run_settings(
        probe,
        DJANGO_SECRET_KEY=KEY,
        DJANGO_SESSION_IDLE_MINUTES="10",
        DJANGO_LOGIN_FAILURE_LIMIT="3",
        DJANGO_LOGIN_LOCKOUT_MINUTES="60",
        DJANGO_PROXY_COUNT="1",
    )
    assert chosen.stdout.split() == ["600", "3", "3600", "1"], chosen.stderr
