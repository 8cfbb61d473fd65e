#!/usr/bin/env bash
# The production stack on one machine (`make serve`): gunicorn, a Celery worker
# and beat, started with the same commands as the systemd units of
# docs/deploy.md. When one of them stops, or on Ctrl-C, the others are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
mkdir -p var

pids=()
stop() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  wait || true
}
trap stop INT TERM EXIT

"$BIN/gunicorn" -c config/gunicorn.py config.wsgi &
pids+=($!)
if [ -n "${CELERY_BROKER_URL:-}" ]; then
  "$BIN/celery" -A config worker --loglevel=INFO &
  pids+=($!)
  "$BIN/celery" -A config beat --loglevel=INFO --schedule var/celerybeat-schedule &
  pids+=($!)
else
  echo "serve: CELERY_BROKER_URL is not set: tasks run in the web process; no worker, no beat" >&2
fi
wait -n
