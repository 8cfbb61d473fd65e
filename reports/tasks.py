"""Celery tasks: thin wrappers that take ids and call the services.

`build_report` is acknowledged only when it has finished (acks_late), and
given back to the queue if the worker running it dies (reject_on_worker_lost;
on Redis, a message a killed worker held returns after the broker's
visibility timeout). A failed attempt is retried with an exponential
back-off a bounded number of times; then the report is marked failed with
the reason, which its page shows with a button to try again.

When PostgreSQL drops mid-build the connection is dead: it is closed before
the failure is written, so that the next query opens a new one; if the
database still does not answer, the retry goes ahead all the same and the
sweep (`sweep_reports`, run by beat) picks up a report left queued or
running, so none waits for a person.
"""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Report
from reports.services import (
    ReportNotPending,
    report_build,
    report_fail,
    report_part_build,
    report_part_fail,
    report_part_retrying,
    report_retrying,
    reports_schedule_quarterly,
    reports_schedule_year_end,
    reports_sweep,
)

logger = logging.getLogger(__name__)


def failure_reason(error):
    return f"{type(error).__name__}: {error}"[:2000]


def drop_dead_connection():
    """Close the database connection if the server dropped it; the next query opens a
    new one. (Inside a transaction, as in a test, there is nothing to do.)"""
    if connection.in_atomic_block or connection.connection is None:
        return
    if not connection.is_usable():
        connection.close()


def record(service, **arguments):
    """Write a report's state even after the database dropped the connection. If the
    database is still away, say so in the log and go on: the retry is scheduled all
    the same, and the sweep finds a report left queued or running."""
    drop_dead_connection()
    try:
        service(**arguments)
    except DatabaseError:
        logger.warning(
            "report %s: the database did not answer; the sweep will take the report up",
            arguments.get("report_id"),
            exc_info=True,
        )
        drop_dead_connection()


# A report's build and its files' steps: acknowledged once done, so that a worker lost
# mid-build leaves the message for another; retried, and stopped past the time limit.
BUILD_TASK = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": settings.REPORT_MAX_RETRIES,
    "soft_time_limit": settings.REPORT_SOFT_TIME_LIMIT,
    "time_limit": settings.REPORT_TIME_LIMIT,
}


def retry_countdown(task):
    return settings.REPORT_RETRY_DELAY * 2**task.request.retries


@shared_task(**BUILD_TASK)
def build_report(self, report_id):
    try:
        report_build(report_id=report_id)
    except Report.DoesNotExist:
        logger.warning("report %s no longer exists; nothing to build", report_id)
    except ReportNotPending:
        logger.info("report %s is already done or failed; nothing to build", report_id)
    except Exception as error:
        reason = failure_reason(error)
        if self.request.retries < self.max_retries:
            logger.warning("report %s: attempt failed, retrying: %s", report_id, reason)
            record(
                report_retrying,
                report_id=report_id,
                reason=_("Attempt %(attempt)s failed, trying again: %(reason)s")
                % {"attempt": self.request.retries + 1, "reason": reason},
            )
            countdown = retry_countdown(self)
            raise self.retry(exc=error, countdown=countdown) from error
        logger.error(
            "report %s failed after %s attempts: %s",
            report_id,
            self.max_retries + 1,
            reason,
            exc_info=error,
        )
        timed_out = isinstance(error, SoftTimeLimitExceeded)
        record(
            report_fail,
            report_id=report_id,
            reason=reason,
            failure=Report.Failure.TIME_LIMIT if timed_out else Report.Failure.BUILD,
        )


@shared_task(**BUILD_TASK)
def build_report_part(self, report_id, part, version):
    """The report's appendix or Excel copy, after its PDF: retried as `build_report` is."""
    try:
        report_part_build(report_id=report_id, part=part, version=version)
    except Report.DoesNotExist:
        logger.warning("report %s no longer exists; no %s to build", report_id, part)
    except ReportNotPending:
        logger.info("report %s: %s built already or no longer wanted", report_id, part)
    except Exception as error:
        reason = failure_reason(error)
        arguments = {"report_id": report_id, "part": part, "version": version}
        if self.request.retries < self.max_retries:
            logger.warning("report %s: %s failed, retrying: %s", report_id, part, reason)
            record(report_part_retrying, reason=reason, **arguments)
            countdown = retry_countdown(self)
            raise self.retry(exc=error, countdown=countdown) from error
        logger.error("report %s: %s failed: %s", report_id, part, reason, exc_info=error)
        record(report_part_fail, reason=reason, **arguments)


@shared_task
def queue_quarterly_reports():
    return len(reports_schedule_quarterly(today=timezone.localdate()))


@shared_task
def queue_year_end_reports():
    return len(reports_schedule_year_end(today=timezone.localdate()))


@shared_task
def sweep_reports():
    return len(reports_sweep())
