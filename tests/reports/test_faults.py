"""Faults against the real services (issue 10, "keep it so"), each on a Redis or a
PostgreSQL cluster the test starts on a free port, never the shared ones:

- Redis down while a leader asks for a report, then up again;
- the whole worker SIGKILLed mid-build with its message held for an hour;
- PostgreSQL restarted mid-build while pages are being read.

(SIGKILL of a pool process and of the whole worker with the broker giving the
message back are in test_worker.py.) Each ends with every report built exactly
once, its number kept, nothing lost, and no page answering a traceback.
"""

import os
import signal
import threading
import time
import uuid

import psycopg2
import pytest
from django.urls import reverse

from config.celery_app import app
from reports.models import Report
from reports.services import reports_sweep
from reports.tasks import build_report
from tests.fixtures.stack import Web, seed_in, stack_env
from tests.fixtures.worker import start_worker
from tests.reports.test_worker import (
    PREFORK,
    blocked_on_a_lock,
    children_of,
    district,  # noqa: F401
    files_of,
    fresh,
    programme,  # noqa: F401
    stuck_report,  # noqa: F401
    wait_for,
    wait_for_parts,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FILES = ("html", "pdf", "xlsx")
TRACEBACK_SIGNS = ("Traceback", "OperationalError", "psycopg2", "InterfaceError", 'File "/')


def point_celery_at(url):
    """The test process's Celery app publishes to `url` from now on (Celery reads
    CELERY_BROKER_URL from the environment before its own setting)."""
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


@pytest.fixture
def own_broker(redis_server, celery_worker):
    """The app and the workers of this test on a Redis of the test's own."""
    before = os.environ["CELERY_BROKER_URL"]
    point_celery_at(redis_server.url)
    celery_worker.env["CELERY_BROKER_URL"] = redis_server.url
    yield redis_server
    point_celery_at(before)


def ask(client, scope):
    return client.post(
        reverse("reports:create"),
        {
            "kind": "quarterly",
            "scope": "programme",
            "programme": scope.pk,
            "year": "2017",
            "quarter": "3",
        },
        follow=True,
    )


def test_a_report_asked_for_while_redis_is_down_is_made_once_it_is_back(
    own_broker,
    celery_worker,
    client,
    district,  # noqa: F811
    programme,  # noqa: F811
    settings,
):
    settings.CELERY_BROKER_URL = own_broker.url
    celery_worker()
    own_broker.stop()
    client.force_login(district.leader())
    response = ask(client, programme)
    assert response.status_code == 200
    said = [str(message) for message in response.context["messages"]]
    report = Report.objects.get()
    assert said == [f"Đã ghi nhận {report.label}."]
    page = response.text
    waiting = (
        "Dịch vụ lập báo cáo chạy nền hiện chưa phản hồi. Yêu cầu đã được lưu lại: báo cáo "
        "sẽ tự động được lập ngay khi dịch vụ hoạt động trở lại, không cần yêu cầu lại."
    )
    assert page.count(waiting) == 1  # told once, on the report's own status panel
    assert str(own_broker.port) not in page and "127.0.0.1" not in page
    assert "không lập được" not in page.lower() and "Connection refused" not in page
    assert report.is_waiting_for_the_queue
    again = ask(client, programme)  # asking again while it waits gives the same report
    assert Report.objects.count() == 1 and again.redirect_chain[-1][0].endswith(
        f"/reports/{report.pk}/"
    )

    own_broker.start()  # the same port: the worker reconnects by itself
    wait_for(lambda: reports_sweep() == [report.pk], what="the sweep to hand the report over")
    wait_for(lambda: fresh(report).status == Report.Status.DONE, what="the report to be built")
    built = fresh(report)
    assert (built.number, built.attempts, built.failure) == (report.number, 1, "")
    assert Report.objects.count() == 1
    wait_for_parts(report)
    assert files_of(built) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in FILES
    ]


def test_a_killed_worker_whose_message_is_held_is_rebuilt_by_the_sweep(
    celery_worker,
    stuck_report,  # noqa: F811
    settings,
):
    """The broker would give the message back only after an hour: the sweep does not wait."""
    report, release = stuck_report
    first = celery_worker(PREFORK)
    build_report.delay(report.pk)
    wait_for(blocked_on_a_lock, what="the worker to be mid-report")
    for pid in children_of(first.process.pid):
        os.kill(pid, signal.SIGKILL)
    first.kill()
    release.set()
    wait_for(lambda: not blocked_on_a_lock(), what="the killed build's lock to go")
    assert fresh(report).status in (Report.Status.QUEUED, Report.Status.RUNNING)
    settings.REPORT_STUCK_AFTER = 0  # an hour later, as far as the sweep can tell
    celery_worker()
    assert reports_sweep() == [report.pk]
    wait_for(lambda: fresh(report).status == Report.Status.DONE, what="the rebuild")
    built = fresh(report)
    assert built.number == report.number and Report.objects.count() == 1
    wait_for_parts(report)
    assert files_of(built) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in FILES
    ]
    build_report.delay(report.pk)  # the held message, delivered at last: nothing more
    time.sleep(2)
    assert fresh(report).finished_at == built.finished_at


# --- PostgreSQL restarted mid-build, under page load ---------------------------------


class PageLoad(threading.Thread):
    """Reads pages in a loop until stopped; keeps every answer."""

    def __init__(self, web, paths):
        super().__init__(daemon=True)
        self.web, self.paths, self.answers = web, paths, []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for path in self.paths:
                self.answers.append((path, *self.web.get(path)))
            time.sleep(0.05)

    def stop(self):
        self.stopping.set()
        self.join(60)


def query(database_url, sql, *parameters):
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql, parameters)
            return cursor.fetchall()
    finally:
        conn.close()


def report_row(database_url, report_id):
    sql = "SELECT status, number, attempts, pdf FROM reports_report WHERE id = %s"
    return query(database_url, sql, report_id)[0]


def test_postgresql_restarted_mid_build_under_page_load_loses_nothing(
    postgres_cluster, redis_server, tmp_path
):
    url = postgres_cluster.createdb("faults")
    queue = f"faults-{uuid.uuid4().hex[:8]}"
    env = stack_env(
        database_url=url,
        broker_url=redis_server.url,
        private_root=tmp_path / "private",
        queue=queue,
    )
    seeded = seed_in(env)
    report_id = seeded["report"]
    before = (
        os.environ["CELERY_BROKER_URL"],
        app.conf.task_always_eager,
        app.conf.task_default_queue,
    )
    point_celery_at(redis_server.url)
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    web = Web(env, seeded["session"])
    worker = None
    load = PageLoad(web, [f"/reports/{report_id}/", "/reports/", "/programmes/"])
    holder = psycopg2.connect(url)
    load.start()
    try:
        worker = start_worker(app, queue, env)
        # The build renders, then waits to store its files: this transaction holds the row.
        holder.autocommit = False
        build_report.delay(report_id)
        wait_for(lambda: report_row(url, report_id)[0] == "running", what="the build to start")
        holder.cursor().execute(
            "SELECT id FROM reports_report WHERE id = %s FOR UPDATE", [report_id]
        )
        time.sleep(1)  # the render (under a second) reaches the store and waits
        postgres_cluster.run(
            str(postgres_cluster.bindir / "pg_ctl"),
            "-D",
            str(postgres_cluster.folder / "data"),
            "-l",
            str(postgres_cluster.folder / "log"),  # else the new server holds run()'s pipes
            "-m",
            "fast",
            "-w",
            "restart",
        )
        wait_for(
            lambda: report_row(url, report_id)[0] == "done",
            timeout=90,
            what="the report to be built after the restart",
        )
        time.sleep(1)  # a few more pages after the restart
    finally:
        load.stop()
        web.stop()
        if worker is not None and worker.process.poll() is None:
            worker.process.terminate()
            worker.process.wait(timeout=30)
        holder.close()
        point_celery_at(before[0])
        app.conf.task_always_eager, app.conf.task_default_queue = before[1:]
    status, number, attempts, pdf = report_row(url, report_id)
    assert (status, number) == ("done", seeded["number"])
    assert attempts >= 2  # the attempt the restart cut short, then the one that built it
    assert pdf.endswith(f"/report-{report_id}.pdf")
    folder = tmp_path / "private" / os.path.dirname(pdf)
    assert sorted(os.listdir(folder)) == [f"report-{report_id}-appendix.pdf"] + [
        f"report-{report_id}.{ext}" for ext in FILES
    ]
    assert query(url, "SELECT count(*) FROM reports_report") == [(1,)]
    assert load.answers, "no page was read"
    for path, code, body in load.answers:
        assert code in (200, 500), (path, code)
        assert not any(sign in body for sign in TRACEBACK_SIGNS), (path, code, body[:300])
        if code == 500:
            assert 'id="error-page"' in body, body[:300]  # the site's own page
    assert load.answers[-1][1] == 200  # the pages answer again once PostgreSQL is back
