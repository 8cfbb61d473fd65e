"""The demo as `make run` serves it, on the embedded SQLite: CI runs the suite on
PostgreSQL, and twice a query only SQLite refuses (a LIMIT inside a UNION; arrays and
LATERAL) passed CI and broke the demo, the README's first command.

In processes of their own, with make run's settings (DEBUG off, no DATABASE_URL but a
temporary SQLite file, no broker so tasks run in-process): its migrations, its static
files, its demo loader; then tests/demo/walk.py signs in as every demo account and
opens what the navigation and the lists' first rows lead to. Any server error or
missing page fails, naming the account and the address.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# A stuck step fails the test instead of holding up CI.
STEP_LIMIT = 600

# Every kind of page the walk must reach with at least one account; one that no
# account reached would mean the walk no longer tests it.
KINDS = [
    "home",
    "dashboard",
    "navigation",
    "programme list",
    "programme search",
    "programme body filter",
    "programme page",
    "clause list",
    "clause status filter",
    "clause page",
    "my work",
    "calendar month",
    "calendar quarter",
    "meeting page",
    "meeting .ics",
    "calendar .ics",
    "directive list",
    "directive page",
    "directive follow-up sent",
    "progress report sent",
    "report list",
    "report page",
    "report PDF",
    "admin index",
]

pytestmark = pytest.mark.demo


def make_run_environment(folder):
    """This process's environment without the app's settings, then what `make run` sets
    (Makefile: LOCAL_ENV), the database and stored files in `folder`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL")
        and not k.startswith(("DJANGO_", "STORAGE_S3_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="False",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="False",
        DJANGO_SECURE_COOKIES="False",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(folder / "private"),
        DJANGO_STATIC_ROOT=str(folder / "static"),
    )
    return env


def step(args, env, what):
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_LIMIT,
    )
    if result.returncode != 0:
        pytest.fail(
            f"The demo on SQLite (make run): {what} failed ({' '.join(args)}):\n"
            f"{result.stderr[-4000:]}",
            pytrace=False,
        )
    return result


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    env = make_run_environment(folder)
    step(["manage.py", "migrate", "--noinput"], env, "its migrations")
    # Hashed names without WhiteNoise's compressed copies (tests/demo/static_settings.py).
    static_env = {**env, "DJANGO_SETTINGS_MODULE": "tests.demo.static_settings"}
    step(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], static_env, "statics")
    step(["manage.py", "load_demo"], env, "its demo loader")
    found = folder / "walk.json"
    result = step(["-m", "tests.demo.walk", str(found)], env, "the walk through its pages")
    return json.loads(found.read_text()), result.stderr


def test_no_demo_page_fails_for_any_account(walk):
    report, log = walk
    if report["faults"]:
        pytest.fail(
            "The demo on SQLite (make run) fails:\n  "
            + "\n  ".join(report["faults"])
            + f"\n\nThe walk's log, last lines:\n{log[-6000:]}",
            pytrace=False,
        )


def test_the_walk_reaches_every_kind_of_page(walk):
    report, _log = walk
    assert len(report["accounts"]) >= 10, report["accounts"]
    unreached = [kind for kind in KINDS if kind not in report["reached"]]
    assert not unreached, f"no demo account reached a page of these kinds: {unreached}"
