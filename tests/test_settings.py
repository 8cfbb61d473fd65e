"""Settings come from the environment: the embedded default, production, CI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE']); print(s.CELERY_TASK_ALWAYS_EAGER); "
    "print(s.DEBUG); print(s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ)"
)
VARIABLES = ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG")


def run_settings(**variables):
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_with_nothing_set_it_runs_on_sqlite_with_tasks_in_process():
    result = run_settings()
    assert result.returncode == 0, result.stderr
    engine, eager, debug, locale = result.stdout.split("\n")[:4]
    assert engine == "django.db.backends.sqlite3"
    assert eager == "True"
    assert debug == "True"
    assert locale == "vi Asia/Ho_Chi_Minh True"


def test_with_the_variables_set_it_runs_on_postgresql_and_a_broker():
    result = run_settings(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/coordination",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    engine, eager = result.stdout.split("\n")[:2]
    assert engine == "django.db.backends.postgresql"
    assert eager == "False"


def test_a_sqlite_url_is_understood_too(tmp_path):
    result = run_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("django.db.backends.sqlite3")


def test_production_refuses_the_development_key():
    result = run_settings(DJANGO_DEBUG="False")
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


@pytest.mark.worker
def test_ci_runs_a_real_worker_on_redis(celery_worker):
    assert django_settings.CELERY_BROKER_URL.startswith("redis://")
    worker = celery_worker()
    replies = worker.app.control.ping(destination=[worker.name], timeout=2)
    assert replies and worker.name in replies[0]
