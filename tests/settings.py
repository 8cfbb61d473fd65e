"""The settings the test suite runs under: the app's own (config/settings.py),
in development mode unless the environment says otherwise, so that tests need
no secret key and no collected static files. Production settings are tested
in subprocesses (tests/test_settings.py, tests/config/)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "True")

from config.settings import *  # noqa: E402, F403

# The signing certificates of the tests are encrypted with a key of their own.
CERTIFICATE_KEY = "test-certificate-key"

# A connection is closed after each request and task, as Django does by default: the
# threads of the live server and of the Celery worker must not keep one open on the
# test database, which is dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
