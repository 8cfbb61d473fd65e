#!/usr/bin/env bash
# docs/deploy.md rehearsed on one machine (`make runtime-check`; CI runs it):
# from an environment built from requirements.txt alone (BIN), with the
# environment file the guide writes, it checks the production settings,
# migrates, collects the static files, verifies the systemd units and starts
# what they start (gunicorn, a worker, beat), then checks what an operator
# would: health, static files, a report built by the worker, `celery inspect
# ping`, JSON logs, a backup, and /healthz/ turning 503 when Redis stops;
# last, the README's `make run` from a clean environment (DEBUG off, plain
# HTTP, static files, the address it prints, a key made once).
#
# DATABASE_URL: a PostgreSQL database this script may empty. Redis: its own,
# on a free port. Nothing else on the machine is touched.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$(cd "${BIN:?the bin folder of the runtime environment}" && pwd)
: "${DATABASE_URL:?a PostgreSQL database this check may empty}"
WORK=$(mktemp -d)
pids=()
started=$SECONDS

say() { echo "rehearse [$((SECONDS - started))s]: $*"; }
fail() {
  echo "rehearse: FAILED: $*" >&2
  for log in "$WORK"/*.log; do
    [ -f "$log" ] && { echo "--- $(basename "$log")" >&2; tail -n 25 "$log" >&2; }
  done
  exit 1
}
cleanup() {
  for pid in "${pids[@]}"; do kill -- "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
free_port() {
  "$BIN/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}
wait_for() {  # wait_for WHAT SECONDS COMMAND...
  local what=$1 limit=$2; shift 2
  for _ in $(seq 1 $((limit * 4))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -n "${RUN_PID:-}" ] && ! kill -0 "$RUN_PID" 2>/dev/null; then break; fi
    sleep 0.25
  done
  fail "$what"
}
manage() { "$BIN/python" manage.py "$@"; }

say "a Redis of its own"
REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" &
REDIS_PID=$!
pids+=("$REDIS_PID")
wait_for "Redis did not start" 10 redis-cli -p "$REDIS_PORT" ping

say "the environment file (docs/deploy.md, step 3)"
WEB_PORT=$(free_port)
mkdir -p "$WORK/state"
cat >"$WORK/env" <<ENV
DJANGO_SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
DJANGO_ALLOWED_HOSTS=phoihop.example.vn,127.0.0.1
DJANGO_CSRF_TRUSTED_ORIGINS=https://phoihop.example.vn
DATABASE_URL=$DATABASE_URL
CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0
DJANGO_STATIC_ROOT=$WORK/static
DJANGO_MEDIA_ROOT=$WORK/state/media
DJANGO_PRIVATE_MEDIA_ROOT=$WORK/state/private
DJANGO_LOG_FORMAT=json
GUNICORN_BIND=127.0.0.1:$WEB_PORT
GUNICORN_WORKERS=2
ENV
set -a
# shellcheck disable=SC1091
. "$WORK/env"
set +a
# Anything the caller's shell had set must not help: the file is the whole setting.
unset DJANGO_DEBUG DJANGO_SECRET_KEY_FILE DJANGO_SETTINGS_MODULE
unset DJANGO_SECURE_SSL_REDIRECT DJANGO_SECURE_COOKIES STORAGE_S3_BUCKET

say "a fresh database"
psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 \
  -c "DROP SCHEMA public CASCADE" -c "CREATE SCHEMA public" >/dev/null

say "the deploy checks, with no warning (step 4)"
manage check --deploy --fail-level WARNING

say "migrate, collectstatic, demo data (step 5)"
manage migrate --noinput >"$WORK/migrate.log"
manage collectstatic --noinput --verbosity 0
manage load_demo >"$WORK/demo.log"

say "the systemd units (step 6)"
mkdir -p "$WORK/units"
for unit in docs/deploy/systemd/*.service; do
  sed -e "s|/srv/phoihop/app/.venv/bin|$BIN|g" -e "s|/srv/phoihop/app|$ROOT|g" \
    -e "s|/etc/phoihop/env|$WORK/env|g" -e "s|/var/lib/phoihop|$WORK/state|g" \
    "$unit" >"$WORK/units/$(basename "$unit")"
done
if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify "$WORK"/units/*.service || fail "systemd-analyze verify"
else
  say "no systemd-analyze here: the units are not verified"
fi

say "start what the units start: gunicorn, a worker, beat"
for service in web worker beat; do
  command=$(sed -n 's/^ExecStart=//p' "$WORK/units/phoihop-$service.service")
  bash -c "exec $command" >"$WORK/$service.log" 2>&1 &
  pids+=($!)
done
BASE=http://127.0.0.1:$WEB_PORT
wait_for "/livez/ did not answer" 30 curl -fsS "$BASE/livez/"
code() { curl -s -o /dev/null -w "%{http_code}" "$@"; }

say "health: 200 with PostgreSQL and Redis up"
wait_for "/healthz/ was not 200" 20 curl -fsS "$BASE/healthz/"

say "the proxy's HTTPS is trusted; plain HTTP is redirected to it"
[ "$(code -H 'Host: phoihop.example.vn' -H 'X-Forwarded-Proto: https' "$BASE/login/")" = 200 ] \
  || fail "the login page over the proxy's HTTPS"
[ "$(code -H 'Host: phoihop.example.vn' "$BASE/login/")" = 301 ] || fail "no redirect to HTTPS"
curl -s -D - -o /dev/null -H 'Host: phoihop.example.vn' -H 'X-Forwarded-Proto: https' \
  "$BASE/login/" | grep -qi '^strict-transport-security: max-age=31536000; includeSubDomains; preload' \
  || fail "no HSTS header"

say "static files: hashed names, compressed, cached for good"
css=$("$BIN/python" -c "import json; print(json.load(open('$WORK/static/staticfiles.json'))['paths']['css/app.css'])")
headers=$(curl -s -D - -o /dev/null -H 'Accept-Encoding: gzip' -H 'X-Forwarded-Proto: https' \
  "$BASE/static/$css")
echo "$headers" | grep -q '^HTTP/1.1 200' || fail "static file $css not served"
echo "$headers" | grep -qi '^content-encoding: gzip' || fail "static file not compressed"
echo "$headers" | grep -qi '^cache-control:.*immutable' || fail "static file not cached for good"

say "the worker answers celery inspect ping"
wait_for "no worker answered celery inspect ping" 30 "$BIN/celery" -A config inspect ping --timeout 2

say "a report asked for, built by the worker"
manage shell -c "
import time
from reports.models import Report
from reports.services import report_create
demo = Report.objects.get(automatic_key='demo:thanhtri-2017-year-end')
report = report_create(kind=demo.kind, programme=demo.programme, body=demo.body,
                       unit=demo.unit, period_start=demo.period_start,
                       period_end=demo.period_end, issuing_body=demo.issuing_body)
deadline = time.monotonic() + 120
while Report.objects.get(pk=report.pk).status not in ('done', 'failed'):
    assert time.monotonic() < deadline, 'the worker did not build the report'
    time.sleep(0.25)
report.refresh_from_db()
assert report.status == 'done', report.error
with report.pdf.open('rb') as handle:
    assert handle.read(5) == b'%PDF-'
print(report.pk)
" >"$WORK/report-id" || fail "the report was not built by the worker"
report_id=$(tail -n 1 "$WORK/report-id")

say "JSON logs: a line per request, a line per task"
"$BIN/python" - "$WORK" "$report_id" <<'PY' || fail "the JSON log lines"
import json, sys
work, report_id = sys.argv[1], int(sys.argv[2])
def lines(name):
    found = []
    for text in open(f"{work}/{name}.log", encoding="utf-8"):
        if text.startswith("{"):
            found.append(json.loads(text))
    return found
# gunicorn and the app: every line of the web log is JSON. (The worker's
# start-up banner is Celery's own text, printed before logging starts.)
web = [json.loads(text) for text in open(f"{work}/web.log", encoding="utf-8")]
assert any(l["logger"] == "gunicorn.error" for l in web)
requests = [l for l in web if l.get("logger") == "operations.requests"]
assert any(l["path"] == "/healthz/" and l["status"] == 200 and l["request_id"] for l in requests)
tasks = [l for l in lines("worker") if l.get("logger") == "operations.tasks"]
built = [l for l in tasks if l["task"] == "reports.tasks.build_report" and l["report_id"] == report_id]
assert built and built[0]["outcome"] == "success" and built[0]["retries"] == 0, tasks
PY

say "beat is running"
kill -0 "${pids[-1]}" || fail "beat exited"
grep -q "beat: Starting" "$WORK/beat.log" || fail "beat did not start"

say "a backup (pg_dump from this environment)"
archive=$(manage backup --output-dir "$WORK/backups")
tar -tf "$archive" >"$WORK/archive.list"
grep -qx "database.dump" "$WORK/archive.list" || fail "no database dump in $archive"

say "health: 503 naming the broker when Redis stops"
kill "$REDIS_PID"
wait "$REDIS_PID" 2>/dev/null || true
body=$(curl -s -w ' %{http_code}' "$BASE/healthz/")
[ "$body" = '{"status": "fail", "checks": {"database": "ok", "broker": "fail"}} 503' ] \
  || fail "/healthz/ with Redis down answered: $body"

say "the README's first command: make run, in a clean environment"
RUN_PORT=$(free_port)
RUNTIME_VENV=$(dirname "$BIN")
# Only where its files go differs from a fresh clone: not into this checkout.
env -i PATH="$PATH" HOME="$HOME" DATABASE_URL="sqlite:///$WORK/run.sqlite3" \
  DJANGO_STATIC_ROOT="$WORK/run/static" DJANGO_PRIVATE_MEDIA_ROOT="$WORK/run/private" \
  setsid make run VENV="$RUNTIME_VENV" HOST="127.0.0.1:$RUN_PORT" LOCAL_KEY="$WORK/run/secret_key" \
  >"$WORK/make-run.log" 2>&1 &
RUN_PID=$!
pids+=("-$RUN_PID")
serving() { kill -0 "$RUN_PID" && curl -fsS "http://127.0.0.1:$RUN_PORT/livez/"; }
wait_for "make run did not serve" 180 serving
kill -0 "$RUN_PID" || fail "make run stopped"
grep -qF "Serving on http://127.0.0.1:$RUN_PORT/" "$WORK/make-run.log" || fail "make run printed another address"
! grep -q "127.0.0.1:8000" "$WORK/make-run.log" || fail "make run still names port 8000"
[ "$(code "http://127.0.0.1:$RUN_PORT/login/")" = 200 ] || fail "make run: no login page over plain HTTP"
css=$(curl -s "http://127.0.0.1:$RUN_PORT/login/" | grep -o '/static/css/app\.[0-9a-f]*\.css' | head -n 1)
[ -n "$css" ] && [ "$(code "http://127.0.0.1:$RUN_PORT$css")" = 200 ] || fail "make run: static files"
missing=$(curl -s "http://127.0.0.1:$RUN_PORT/no-such-page/")
! echo "$missing" | grep -q "URLconf" || fail "make run: DEBUG is on (the technical 404 page)"
[ "$(stat -c %a "$WORK/run/secret_key")" = 600 ] || fail "make run: the key file is readable by others"
key=$(cat "$WORK/run/secret_key")
make -s LOCAL_KEY="$WORK/run/secret_key" "$WORK/run/secret_key" >/dev/null
[ "$key" = "$(cat "$WORK/run/secret_key")" ] || fail "make run: the key was made again"

say "all done"
