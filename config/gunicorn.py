"""gunicorn's settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Everything comes from the environment, so that one file serves one host or
many: GUNICORN_BIND (default 127.0.0.1:8000, behind the reverse proxy),
GUNICORN_WORKERS (default 2 × cores + 1), GUNICORN_THREADS, GUNICORN_TIMEOUT.
The access log goes to stdout; with DJANGO_LOG_FORMAT=json the application
writes its own JSON line per request instead (config/logs.py).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A report download streams from storage; a slow client must not be cut off
# too soon, while a stuck worker is still replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# A worker is replaced after this many requests, so a slow leak never grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# The proxy in front sets X-Forwarded-Proto; trust it from these addresses only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

JSON_LOGS = os.environ.get("DJANGO_LOG_FORMAT") == "json"
accesslog = None if JSON_LOGS else "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
if JSON_LOGS:
    # gunicorn's own lines (start, workers booting, timeouts) in the same JSON.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logs.JsonFormatter"}},
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        # Django's own LOGGING takes the root logger over in each worker.
        "root": {"level": "INFO", "handlers": []},
        "loggers": {"gunicorn.error": {"handlers": ["json"], "level": "INFO", "propagate": False}},
    }
# No control socket: nothing here uses gunicornc, and several instances on one
# host would contend for the same default socket path.
control_socket_disable = True
