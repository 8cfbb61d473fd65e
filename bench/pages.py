"""Pages timed through Django's test client, in this process, warm: each page for
each user in turn, with the admin changelist of the same model in the same round,
so that whatever else the machine does falls on both sides alike."""

import signal
import statistics
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.backends.signals import connection_created
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

# The reference month and quarter of the generated data (agreements/synthetic.py).
MONTH = "2026-10"
QUARTER = "2026-3"
SEARCH = "tuyên truyền"


@dataclass
class Page:
    label: str
    ours: object  # subject -> path
    admin: object = None  # subject -> path, or None when the admin has no such page


def pages():
    def fixed(path):
        return lambda subject: path

    programme_list = reverse("agreements:programme_list")
    return [
        Page("leaders' dashboard", fixed(reverse("reports:dashboard"))),
        Page("home", fixed(reverse("home"))),
        Page(
            "programme list",
            fixed(programme_list),
            fixed("/admin/agreements/programme/"),
        ),
        Page(
            "programme list, search",
            fixed(f"{programme_list}?q={SEARCH}"),
            fixed(f"/admin/agreements/programme/?q={SEARCH}"),
        ),
        Page("clause list", fixed(reverse("agreements:clause_list")),
             fixed("/admin/agreements/clause/")),
        Page("meetings calendar (month)", fixed(f"{reverse('meetings:calendar')}?month={MONTH}"),
             fixed("/admin/meetings/meeting/")),
        Page("meetings quarter list",
             fixed(f"{reverse('meetings:calendar')}?quarter={QUARTER}"),
             fixed("/admin/meetings/meeting/")),
        Page("directive list", fixed(reverse("meetings:directive_list")),
             fixed("/admin/meetings/directive/")),
        Page(".ics export", fixed(reverse("meetings:calendar_ics"))),
        Page(
            "programme page",
            lambda s: reverse("agreements:programme_detail", args=[s.programme_id]),
            lambda s: f"/admin/agreements/programme/{s.programme_id}/change/",
        ),
        Page("my work", fixed(reverse("agreements:my_work"))),
    ]  # fmt: skip


@dataclass
class Sample:
    times: list = field(default_factory=list)
    status: int = 0
    queries: int = 0
    size: int = 0
    note: str = ""

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self):
        if not self.times:
            return None
        ordered = sorted(self.times)
        return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)]


def _ms_text(sample):
    return f"{sample.median * 1000:,.0f} ms" if sample.median else sample.note or "failed"


def limit_statements(seconds):
    """Every query of this process stops after `seconds` (PostgreSQL), as a
    production database would cut a runaway one."""

    def on_connect(sender, connection, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(seconds * 1000)}")

    connection_created.connect(on_connect, weak=False)
    if connection.connection is not None:
        on_connect(None, connection)


class RequestTooLong(Exception):
    """Raised inside a request that runs past the limit; the page becomes a 500."""


def _too_long(signum, frame):
    raise RequestTooLong


REQUEST_LIMIT = [60.0]


def _fetch(client, path):
    started = time.perf_counter()
    signal.signal(signal.SIGALRM, _too_long)
    # Again each second after the limit: code that swallows one exception meets the next.
    signal.setitimer(signal.ITIMER_REAL, REQUEST_LIMIT[0], 1.0)
    try:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    elapsed = time.perf_counter() - started
    if elapsed >= REQUEST_LIMIT[0]:
        raise RequestTooLong
    return elapsed, response.status_code, len(body)


def _first(client, path):
    """The warm-up request, counted: queries and size (not timed)."""
    _fetch(client, path)  # caches, connection, templates
    with CaptureQueriesContext(connection) as queries:
        elapsed, status, size = _fetch(client, path)
    return Sample(status=status, queries=len(queries), size=size), elapsed


def measure(subjects, admin_user, *, requests=30, slow=3.0, limit=60.0, say=print, only=()):
    """{(page label, subject label or "admin"): Sample} for every page (or those whose
    label is in `only`); a request cut off after `limit` seconds is reported as "> limit"."""
    REQUEST_LIMIT[0] = limit
    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    clients = {}
    for subject in subjects:
        clients[subject.label] = Client(raise_request_exception=False)
        clients[subject.label].force_login(subject.user)
    admin_client = Client(raise_request_exception=False)
    admin_client.force_login(admin_user)
    results = {}
    for page in pages():
        if only and page.label not in only:
            continue
        targets = [(s.label, clients[s.label], page.ours(s)) for s in subjects]
        if page.admin is not None:
            targets.append(("admin", admin_client, page.admin(subjects[-1])))
        rounds = {}
        for label, client, path in targets:
            try:
                sample, elapsed = _first(client, path)
            except RequestTooLong:
                sample, elapsed = Sample(note=f"> {limit:.0f} s"), None
            except Exception as error:  # a timeout the client could not turn into a page
                sample, elapsed = Sample(note=f"{type(error).__name__}"), None
            if elapsed is not None:
                sample.times.append(elapsed)
                rounds[label] = 3 if elapsed > slow else requests
                if elapsed > slow:
                    sample.note = f"slow: {rounds[label]} requests"
            results[(page.label, label)] = sample
            say(f"    {page.label}, {label}: first {_ms_text(sample)}")
        for index in range(1, requests):
            for label, client, path in targets:
                if rounds.get(label, 0) > index:
                    sample = results[(page.label, label)]
                    try:
                        elapsed, _status, _size = _fetch(client, path)
                    except RequestTooLong:
                        rounds[label] = 0
                        sample.note = f"a request > {limit:.0f} s"
                        continue
                    sample.times.append(elapsed)
        say(f"  {page.label}: " + ", ".join(
            f"{label} {_ms_text(results[(page.label, label)])}" for label, _c, _p in targets
        ))  # fmt: skip
    return results
