"""Celery's report throughput: real worker processes on the configured broker build
the same batch of quarterly programme reports, once with one process and once with
two; reports per minute counted from the first build's start to the last one's end
(the worker's own start-up left out). The reports are deleted afterwards."""

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Min, Q

from agreements.models import Programme
from reports.models import Report
from reports.services import report_create, report_enqueue

ROOT = Path(__file__).resolve().parent.parent
QUARTER = (date(2026, 7, 1), date(2026, 9, 30))


def _programmes(count):
    start, end = QUARTER
    return list(
        Programme.objects.filter(
            status=Programme.Status.SIGNED, period_start__lte=start, period_end__gte=end
        )
        .select_related("issuer__unit")
        .order_by("pk")[:count]
    )


def _start_worker(processes, log):
    command = [sys.executable, "-m", "celery", "-A", "config", "worker",
               f"--concurrency={processes}", "--pool=prefork", "--loglevel=WARNING",
               "--without-gossip", "--without-mingle", "--without-heartbeat",
               f"--hostname=bench{processes}-{os.getpid()}@%h"]  # fmt: skip
    return subprocess.Popen(
        command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _cpu_seconds(group):
    """User + system CPU seconds used so far by the processes of a process group (the
    worker and its pool), and the machine's 1-minute load average."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # pgrp
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _stop(worker):
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def run(processes, programmes, *, limit, log):
    worker = _start_worker(processes, log)
    time.sleep(8)  # let the worker connect before the clock that matters starts
    ids = []
    try:
        for programme in programmes:
            report = report_create(
                kind=Report.Kind.QUARTERLY,
                period_start=QUARTER[0],
                period_end=QUARTER[1],
                issuing_body=programme.issuer,
                programme=programme,
                issued_on=date(2026, 10, 10),
                enqueue=False,
            )
            ids.append(report.pk)
        cpu_before = _cpu_seconds(worker.pid)
        for report_id in ids:
            report_enqueue(report_id)
        waited = time.perf_counter()
        reports = Report.objects.filter(pk__in=ids)
        while reports.filter(status__in=["queued", "running"]).exists():
            if time.perf_counter() - waited > limit:
                break
            time.sleep(0.5)
        wall = time.perf_counter() - waited
        cpu = _cpu_seconds(worker.pid) - cpu_before
        load = os.getloadavg()[0]
        done = reports.filter(status=Report.Status.DONE)
        span = done.aggregate(first=Min("started_at"), last=Max("finished_at"))
        count = done.count()
        failed = reports.filter(status=Report.Status.FAILED).count()
        seconds = (span["last"] - span["first"]).total_seconds() if count else None
        # Builds running at once on average: the builds' own durations over the span. Two
        # processes at ~2 with no gain in rate means each build took twice as long: CPU.
        busy = sum(
            (finished - begun).total_seconds()
            for begun, finished in done.values_list("started_at", "finished_at")
        )
        # How many cores the worker's processes had while they built (CPU seconds per
        # second of wall time): on a shared machine, what a second process can add.
        return {"done": count, "failed": failed, "seconds": seconds,
                "per_minute": count * 60 / seconds if seconds else None,
                "cpu_s": cpu, "cores": cpu / wall if wall else None, "load": load,
                "at_once": busy / seconds if seconds else None}  # fmt: skip
    finally:
        # Their appendices and Excel copies (steps of their own, after the rate measured
        # here) are let finish, so that the next run starts on an empty queue.
        pending = Q(appendix_status__in=["queued", "running"]) | Q(
            xlsx_status__in=["queued", "running"]
        )
        waited = time.perf_counter()
        while Report.objects.filter(pending, pk__in=ids, status=Report.Status.DONE).exists():
            if time.perf_counter() - waited > limit:
                break
            time.sleep(0.5)
        _stop(worker)
        for report in Report.objects.filter(pk__in=ids):
            for field_name in ("pdf", "appendix_pdf", "xlsx", "html"):
                getattr(report, field_name).delete(save=False)
            report.delete()


def measure(*, reports=20, limit=300, say=print):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        raise SystemExit("The Celery row needs a broker: set CELERY_BROKER_URL.")
    programmes = _programmes(reports)
    results = {}
    with open(ROOT / "var" / "bench-worker.log", "ab") as log:
        for processes in (1, 2):
            results[processes] = run(processes, programmes, limit=limit, log=log)
            say(f"  Celery with {processes} process(es): done")
    return results
