"""/healthz/ says whether PostgreSQL and the broker answer; /livez/ touches nothing."""

import json

import pytest
from django.db import OperationalError, connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(settings, redis_server):
    """The app's broker is a Redis of the test's own, which the test may stop."""
    settings.CELERY_BROKER_URL = redis_server.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    return redis_server


def test_livez_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_is_200_when_the_database_and_the_broker_answer(client, broker):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_turns_503_when_the_broker_stops_and_names_only_the_broker(client, broker):
    assert client.get("/healthz/").status_code == 200
    broker.stop()
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "ok", "broker": "fail"}}
    body = response.content.decode()
    assert broker.password not in body and str(broker.port) not in body


def test_healthz_turns_503_when_the_database_fails_and_tells_no_secret(client, broker, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError('connection to "10.9.8.7" failed: password=hunter2 rejected')

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "checks": {"database": "fail", "broker": "ok"}}
    assert "hunter2" not in response.content.decode()
    assert "10.9.8.7" not in response.content.decode()


def test_without_a_broker_tasks_run_in_process_and_that_is_healthy(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert json.loads(response.content)["checks"]["broker"] == "in-process"


def test_the_health_pages_need_no_login_and_refuse_writes(client):
    assert client.get("/livez/").status_code == 200
    assert client.post("/livez/").status_code == 405
    assert client.post("/healthz/").status_code == 405
