"""Health pages for load balancers and process supervisors.

/livez/ answers while the process can answer at all, touching nothing.
/healthz/ also asks PostgreSQL and the broker; it names which failed and
nothing more (no host, no URL, no error text: those go to the log).
"""

import logging

from celery import current_app
from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

BROKER_TIMEOUT = 2.0


def database_check():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not ready"; the log says which
        logger.warning("health: the database did not answer: %s", type(error).__name__)
        return "fail"
    return "ok"


def broker_check():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    try:
        with current_app.connection_for_write(
            url=settings.CELERY_BROKER_URL,
            transport_options={
                "socket_connect_timeout": BROKER_TIMEOUT,
                "socket_timeout": BROKER_TIMEOUT,
            },
        ) as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=BROKER_TIMEOUT
            )
    except Exception as error:
        logger.warning("health: the broker did not answer: %s", type(error).__name__)
        return "fail"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": database_check(), "broker": broker_check()}
    healthy = "fail" not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks}, status=200 if healthy else 503
    )


@never_cache
@require_GET
def livez(request):
    return JsonResponse({"status": "ok"})
