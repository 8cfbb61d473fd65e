"""Shared fixtures: a temporary MEDIA_ROOT, fast hashing, Celery in-process by
default, a real Celery worker and a headless chromium where a test asks for one.

Tests marked `postgres` or `worker` skip on a bare machine; with CI set a
skip of any kind is a failure, so CI cannot pass by not testing.
"""

import os

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from tests.fixtures.browser import browser, page  # noqa: F401
from tests.fixtures.services import (  # noqa: F401
    postgres_cluster,
    redis_server,
    s3_server,
    s3_storages,
)
from tests.fixtures.worker import celery_worker  # noqa: F401

IN_CI = bool(os.environ.get("CI"))


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language: a request in English earlier in
    the run leaves English active in the thread, which would otherwise decide what a
    later test's names and messages read."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_collection_modifyitems(config, items):
    needs = {
        "postgres": ("DATABASE_URL", "PostgreSQL"),
        "worker": ("CELERY_BROKER_URL", "a Celery broker"),
    }
    for item in items:
        for marker, (variable, what) in needs.items():
            if marker in item.keywords and not os.environ.get(variable):
                item.add_marker(pytest.mark.skip(reason=f"needs {what}: set {variable}"))
        if "worker" in item.keywords and not os.environ.get("DATABASE_URL", "").startswith(
            "postgres"
        ):
            item.add_marker(
                pytest.mark.skip(reason="a worker process needs a shared PostgreSQL database")
            )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {report.longrepr}"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Tasks run in the test's own process unless the test starts a worker."""
    from config.celery_app import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
