"""The build task on a real Celery worker, on Redis, against PostgreSQL."""

import os
import signal
import threading
import time
from datetime import date

import pytest
from django.db import connection, transaction

from reports.models import Report, report_file_path
from reports.periods import quarter_period
from reports.services import report_create
from reports.tasks import build_report
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
Q3 = quarter_period(2017, 3)


def wait_for(predicate, timeout=60, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def district():
    return District()


@pytest.fixture
def programme(district):
    programme = signed_programme([district.party, district.state], start=date(2017, 1, 1))
    clause_with(programme, number=1, indicators=[("Hội nghị", "hội nghị", 4)])
    return programme


def queued_report(programme, issuing_body):
    return report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=Q3.start,
        period_end=Q3.end,
        issuing_body=issuing_body,
        enqueue=False,
    )


def wait_for_parts(report):
    """The report's appendix and Excel copy follow its PDF, each a task of its own."""
    wait_for(
        lambda: (fresh(report).appendix_status, fresh(report).xlsx_status) == ("done", "done"),
        what="the appendix and the Excel copy",
    )


def fresh(report):
    return Report.objects.get(pk=report.pk)


def files_of(report):
    folder = report.pdf.storage.path(report_file_path(report, ""))
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_a_queued_report_is_built_by_the_worker(celery_worker, district, programme):
    celery_worker()
    with transaction.atomic():
        report = queued_report(programme, district.party)
        transaction.on_commit(lambda: build_report.delay(report.pk))
        assert fresh(report).status == Report.Status.QUEUED
    wait_for(lambda: fresh(report).status == Report.Status.DONE, what="the report to be done")
    wait_for_parts(report)
    report = fresh(report)
    assert report.attempts == 1 and report.error == ""
    assert report.started_at <= report.finished_at
    assert files_of(report) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]
    with report.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_failing_render_is_retried_within_bounds_then_marked_failed(
    celery_worker, district, programme
):
    celery_worker.env.update(
        REPORT_PDF_TEMPLATE="reports/pdf/no-such-template.html",
        REPORT_MAX_RETRIES="2",
        REPORT_RETRY_DELAY="0.2",
    )
    celery_worker()
    report = queued_report(programme, district.party)
    build_report.delay(report.pk)
    wait_for(lambda: fresh(report).status == Report.Status.FAILED, what="the report to fail")
    report = fresh(report)
    assert report.attempts == 3  # the first try and two retries, no more
    assert report.error == "TemplateDoesNotExist: reports/pdf/no-such-template.html"
    assert not report.pdf and files_of(report) == []


def test_a_message_delivered_twice_builds_the_report_once(celery_worker, district, programme):
    celery_worker()
    report = queued_report(programme, district.party)
    build_report.delay(report.pk)
    build_report.delay(report.pk)
    wait_for(lambda: fresh(report).status == Report.Status.DONE, what="the report to be done")
    time.sleep(1)  # the second message, handled after the first by the solo pool
    built = fresh(report)
    assert (built.attempts, built.number) == (1, report.number)
    assert Report.objects.count() == 1
    wait_for_parts(report)
    assert files_of(report) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]


def blocked_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def children_of(pid):
    """Process ids whose parent is `pid` (the pool processes of a prefork worker)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


@pytest.fixture
def stuck_report(district, programme):
    """A report whose build will stop mid-way: another transaction holds its row
    until `release` is set, so the worker's build waits on the lock."""
    report = queued_report(programme, district.party)
    locked, release = threading.Event(), threading.Event()

    def hold_the_report_row():
        with transaction.atomic():
            Report.objects.select_for_update().get(pk=report.pk)
            locked.set()
            release.wait(60)
        connection.close()

    holder = threading.Thread(target=hold_the_report_row)
    holder.start()
    assert locked.wait(10)
    yield report, release
    release.set()
    holder.join(10)


PREFORK = ["--pool=prefork", "--concurrency=1"]


def test_a_worker_that_dies_mid_report_loses_no_report(celery_worker, stuck_report):
    report, release = stuck_report
    # A message nobody acknowledged goes back to the queue 2 s after its delivery.
    celery_worker.env.update(
        CELERY_VISIBILITY_TIMEOUT="2",
        CELERY_UNACKED_RESTORE_INTERVAL="1",
        CELERY_UNACKED_RESTORE_THROTTLE="1",
    )
    first = celery_worker(PREFORK)
    build_report.delay(report.pk)
    wait_for(blocked_on_a_lock, what="the first worker to be mid-report")
    for pid in children_of(first.process.pid):  # the whole worker dies at once
        os.kill(pid, signal.SIGKILL)
    first.kill()
    release.set()
    time.sleep(3)  # past the visibility timeout
    assert fresh(report).status != Report.Status.DONE
    celery_worker()
    wait_for(lambda: fresh(report).status == Report.Status.DONE, what="another worker to build it")
    wait_for_parts(report)
    assert files_of(report) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]
    assert fresh(report).number == report.number and Report.objects.count() == 1


def test_a_pool_process_that_dies_mid_report_gives_the_task_back(celery_worker, stuck_report):
    report, release = stuck_report
    worker = celery_worker(PREFORK)
    build_report.delay(report.pk)
    wait_for(blocked_on_a_lock, what="the pool process to be mid-report")
    [child] = children_of(worker.process.pid)
    os.kill(child, signal.SIGKILL)  # reject_on_worker_lost: the message goes back to the queue
    release.set()
    wait_for(lambda: fresh(report).status == Report.Status.DONE, what="a new pool process")
    wait_for_parts(report)
    assert files_of(report) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]
    assert fresh(report).number == report.number and Report.objects.count() == 1
