"""One log line per request and per task; JSON with DJANGO_LOG_FORMAT=json."""

import json
import logging
import runpy
import subprocess
import sys

import pytest

from config.logs import JsonFormatter, RequestIdFilter, request_id_var
from reports.models import Report
from reports.tasks import build_report
from tests.factories import ReportFactory, UserFactory
from tests.test_settings import ROOT, clean_environment

pytestmark = pytest.mark.django_db


def records(caplog, logger):
    return [record for record in caplog.records if record.name == logger]


def as_json(record):
    RequestIdFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def test_each_request_makes_one_line_with_its_fields(client, caplog):
    user = UserFactory()
    client.force_login(user)
    caplog.set_level(logging.INFO, logger="operations.requests")
    response = client.get("/livez/?q=kept-out-of-the-log", HTTP_X_REQUEST_ID="abc-123")
    (record,) = records(caplog, "operations.requests")
    line = as_json(record)
    assert line["method"] == "GET"
    assert line["path"] == "/livez/"
    assert line["status"] == 200
    assert line["user_id"] == user.pk
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["logger"] == "operations.requests"
    assert "kept-out-of-the-log" not in json.dumps(line)
    assert response["X-Request-ID"] == "abc-123"


def test_a_request_gets_an_id_of_its_own_unless_the_proxy_gives_a_sane_one(client, caplog):
    caplog.set_level(logging.INFO, logger="operations.requests")
    given = client.get("/livez/", HTTP_X_REQUEST_ID="bad id\nwith a newline")
    made = given["X-Request-ID"]
    assert made != "bad id\nwith a newline" and len(made) == 32
    assert client.get("/livez/")["X-Request-ID"] != made
    assert records(caplog, "operations.requests")[0].user_id is None


def test_lines_logged_during_a_request_carry_its_id():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "something", (), None)
    token = request_id_var.set("req-42")
    try:
        line = as_json(record)
    finally:
        request_id_var.reset(token)
    assert line["request_id"] == "req-42"
    assert line["message"] == "something"


def test_a_line_with_an_error_keeps_the_traceback_in_one_line():
    try:
        raise ValueError("broken")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: broken" in json.loads(text)["exception"]


def test_each_task_makes_one_line_with_its_report_and_outcome(caplog):
    report = ReportFactory(status=Report.Status.QUEUED)
    caplog.set_level(logging.INFO, logger="operations.tasks")
    build_report.delay(report.pk)
    lines = [as_json(record) for record in records(caplog, "operations.tasks")]
    # The report's own task, then one for each file it hands on (the appendix, the Excel copy).
    (line,) = [line for line in lines if line["task"] == "reports.tasks.build_report"]
    parts = [line for line in lines if line["task"] == "reports.tasks.build_report_part"]
    assert len(parts) == 2 and {part["outcome"] for part in parts} == {"success"}
    assert {part["report_id"] for part in parts} == {report.pk}
    assert line["report_id"] == report.pk
    assert line["outcome"] == "success"
    assert line["retries"] == 0
    assert line["task_id"] and line["duration_ms"] > 0
    report.refresh_from_db()
    assert report.status == Report.Status.DONE


LOGGING_PROBE = (
    "import django, logging; django.setup(); "
    "handler = logging.getLogger().handlers[0]; "
    "print(type(handler.formatter).__name__); "
    "logging.getLogger('operations.requests').info('a request'); "
    "logging.getLogger('reports').warning('a warning')"
)


def run_logging(**variables):
    return subprocess.run(
        [sys.executable, "-c", LOGGING_PROBE],
        cwd=ROOT,
        env=clean_environment(DJANGO_DEBUG="True", **variables),
        capture_output=True,
        text=True,
    )


def test_logs_are_plain_text_by_default_and_gunicorn_writes_the_request_line():
    result = run_logging()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Formatter"
    assert "WARNING reports: a warning" in result.stderr
    assert "a request" not in result.stderr


def test_json_logs_are_one_object_a_line_with_the_request_line_from_the_app():
    result = run_logging(DJANGO_LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "JsonFormatter"
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(line["logger"], line["message"]) for line in lines] == [
        ("operations.requests", "a request"),
        ("reports", "a warning"),
    ]


def gunicorn_settings(monkeypatch, **variables):
    for name in ("DJANGO_LOG_FORMAT", "GUNICORN_BIND", "GUNICORN_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "config" / "gunicorn.py"))


def test_gunicorn_writes_its_access_log_to_stdout_unless_the_app_writes_json(monkeypatch):
    assert gunicorn_settings(monkeypatch)["accesslog"] == "-"
    assert gunicorn_settings(monkeypatch, DJANGO_LOG_FORMAT="json")["accesslog"] is None


def test_gunicorn_takes_its_address_and_workers_from_the_environment(monkeypatch):
    conf = gunicorn_settings(monkeypatch, GUNICORN_BIND="10.0.0.2:8001", GUNICORN_WORKERS="3")
    assert (conf["bind"], conf["workers"]) == ("10.0.0.2:8001", 3)
    assert gunicorn_settings(monkeypatch)["bind"] == "127.0.0.1:8000"
