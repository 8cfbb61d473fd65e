"""Log lines an operator can search: one per request and one per Celery task.

With DJANGO_LOG_FORMAT=json every record is one JSON object on one line
(`JsonFormatter`); the request and task lines carry their fields as keys.
Every line written while a request is served carries its request id, taken
from the proxy's X-Request-ID when it sends a sane one.
"""

import contextvars
import inspect
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_logger = logging.getLogger("operations.requests")
task_logger = logging.getLogger("operations.tasks")

request_id_var = contextvars.ContextVar("request_id", default="")
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# The attributes every LogRecord has; anything else was passed as `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if getattr(record, "request_id", ""):
            entry["request_id"] = record.request_id
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """First in the chain: times the whole request and logs it once it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            user = getattr(request, "user", None)
            fields = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            }
            request_logger.info(
                "%(method)s %(path)s %(status)s %(duration_ms)sms user=%(user_id)s",
                fields,
                extra=fields,
            )
            response["X-Request-ID"] = request_id
            return response
        finally:
            request_id_var.reset(token)


# --- Celery tasks ------------------------------------------------------------------

_task_started = {}


def report_id_of(task, args, kwargs):
    """The `report_id` argument of a task that takes one, however it was passed."""
    try:
        bound = inspect.signature(task.run).bind_partial(*(args or ()), **(kwargs or {}))
    except (TypeError, ValueError):
        return None
    return bound.arguments.get("report_id")


def task_started(task_id=None, **_):
    _task_started[task_id] = time.monotonic()


def task_finished(task_id=None, task=None, args=None, kwargs=None, state=None, **_):
    started = _task_started.pop(task_id, None)
    fields = {
        "task": task.name,
        "task_id": task_id,
        "report_id": report_id_of(task, args, kwargs),
        "duration_ms": round((time.monotonic() - started) * 1000, 1) if started else None,
        "outcome": (state or "unknown").lower(),
        "retries": task.request.retries or 0,
    }
    task_logger.info(
        "task %(task)s %(task_id)s %(outcome)s in %(duration_ms)sms (retries: %(retries)s)",
        fields,
        extra=fields,
    )


def connect_task_signals():
    from celery.signals import task_postrun, task_prerun

    task_prerun.connect(task_started, weak=False, dispatch_uid="operations-task-started")
    task_postrun.connect(task_finished, weak=False, dispatch_uid="operations-task-finished")
