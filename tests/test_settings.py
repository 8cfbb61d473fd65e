"""Settings come from the environment: the embedded default, production, CI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from config.settings import DEVELOPMENT_SECRET_KEY

ROOT = Path(__file__).resolve().parents[1]
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE']); print(s.CELERY_TASK_ALWAYS_EAGER); "
    "print(s.DEBUG); print(s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)"
)
VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL")
KEY = "a-real-secret-" + "x" * 40
PRODUCTION = {
    "DJANGO_SECRET_KEY": KEY,
    "DJANGO_ALLOWED_HOSTS": "phoihop.example.vn",
    "DATABASE_URL": "postgres://coordination@127.0.0.1:5432/coordination",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def clean_environment(**variables):
    """This process's environment without any of the app's settings, plus `variables`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in VARIABLES and not k.startswith(("DJANGO_", "STORAGE_S3_"))
    }
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings")
    return env


def run_settings(probe=PROBE, **variables):
    return subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
    )


def test_with_nothing_set_debug_is_off_so_it_asks_for_a_secret_key():
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_with_only_a_key_it_runs_on_sqlite_with_tasks_in_process_and_debug_off():
    result = run_settings(DJANGO_SECRET_KEY=KEY)
    assert result.returncode == 0, result.stderr
    engine, eager, debug, locale = result.stdout.split("\n")[:4]
    assert engine == "django.db.backends.sqlite3"
    assert eager == "True"
    assert debug == "False"
    assert locale == "vi Asia/Ho_Chi_Minh True"


def test_development_needs_no_key():
    result = run_settings(DJANGO_DEBUG="True")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[2] == "True"


def test_the_key_may_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(KEY + "\n")
    result = run_settings(
        "import django; django.setup(); from django.conf import settings as s; print(s.SECRET_KEY)",
        DJANGO_SECRET_KEY_FILE=str(key_file),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == KEY


SECURITY_PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
    "s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.STORAGES['staticfiles']['BACKEND'])"
)


def test_production_redirects_to_https_sends_hsts_and_trusts_the_proxy_header():
    result = run_settings(SECURITY_PROBE, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        str(365 * 24 * 3600),
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


def test_make_run_serves_plain_http_on_this_machine():
    """What `make run` sets: DEBUG still off, but no redirect to an HTTPS that is not there."""
    result = run_settings(
        SECURITY_PROBE,
        DJANGO_SECRET_KEY=KEY,
        DJANGO_SECURE_SSL_REDIRECT="False",
        DJANGO_SECURE_COOKIES="False",
    )
    assert result.returncode == 0, result.stderr
    redirect, *_, session_secure, csrf_secure, static = result.stdout.split()
    assert (redirect, session_secure, csrf_secure) == ("False", "False", "False")
    assert static == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_deploy_checks_pass_with_production_variables():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_environment(**PRODUCTION),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_with_the_variables_set_it_runs_on_postgresql_and_a_broker():
    result = run_settings(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    engine, eager = result.stdout.split("\n")[:2]
    assert engine == "django.db.backends.postgresql"
    assert eager == "False"


CONNECTION_PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['CONN_MAX_AGE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
)


def test_a_process_keeps_its_database_connection_between_requests_and_checks_it():
    # Opening a connection would cost every request more than its session and user queries.
    result = run_settings(CONNECTION_PROBE, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["300", "True"]


def test_the_connection_may_be_closed_after_each_request():
    result = run_settings(CONNECTION_PROBE, DJANGO_DB_CONN_MAX_AGE="0", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True"]


def test_a_sqlite_url_is_understood_too(tmp_path):
    result = run_settings(DJANGO_DEBUG="True", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("django.db.backends.sqlite3")


def test_production_refuses_the_development_key():
    result = run_settings(DJANGO_DEBUG="False", DJANGO_SECRET_KEY=DEVELOPMENT_SECRET_KEY)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_key():
    result = run_settings(DJANGO_DEBUG="False", DJANGO_SECRET_KEY="a-real-secret-" + "x" * 40)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[2] == "False"


@pytest.mark.postgres
@pytest.mark.django_db
def test_ci_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    # A province's pages cost seconds of JIT compiling with it (bench/INDEXES.md).
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.worker
def test_ci_runs_a_real_worker_on_redis(celery_worker):
    assert django_settings.CELERY_BROKER_URL.startswith("redis://")
    worker = celery_worker()
    replies = worker.app.control.ping(destination=[worker.name], timeout=2)
    assert replies and worker.name in replies[0]
