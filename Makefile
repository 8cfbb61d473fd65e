# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000
HOST_NAME := $(firstword $(subst :, ,$(HOST)))
# `make run` and `make serve` need a secret key; one is made here once, kept out of git.
LOCAL_KEY := var/secret_key
# The product as its users see it, on this machine over plain HTTP: DEBUG off,
# static files from WhiteNoise. Whatever the environment already says wins.
LOCAL_ENV = DJANGO_DEBUG=$${DJANGO_DEBUG:-False} \
	DJANGO_SECRET_KEY_FILE=$${DJANGO_SECRET_KEY_FILE:-$(LOCAL_KEY)} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-$(HOST_NAME),127.0.0.1,localhost} \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-False} \
	DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-False}
BACKUP_DIR ?= backups
RUNTIME_VENV := .venv-runtime

.PHONY: run dev serve test install install-dev browser lint migrate demo static worker beat \
	messages backup restore runtime-check clean bench

run: install migrate static demo
	@echo "Serving on http://$(HOST)/ (DEBUG off; \`make dev\` for development). Ctrl-C stops."
	$(LOCAL_ENV) GUNICORN_BIND=$(HOST) GUNICORN_WORKERS=$${GUNICORN_WORKERS:-2} \
	  $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

# Development: DEBUG on, the development key, Django's own server reloading on change.
dev: install
	DJANGO_DEBUG=True $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=True $(PY) manage.py load_demo
	DJANGO_DEBUG=True $(PY) manage.py runserver $(HOST)

# The production stack on this machine: gunicorn, a Celery worker and beat, on
# whatever DATABASE_URL and CELERY_BROKER_URL say (docs/deploy.md).
serve: install static
	@echo "Serving on http://$(HOST)/ with a worker and beat. Ctrl-C stops all three."
	$(LOCAL_ENV) GUNICORN_BIND=$(HOST) BIN=$(BIN) config/serve.sh

test: install-dev browser lint
	DJANGO_DEBUG=True $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=True $(PY) manage.py check
	$(BIN)/pytest

$(VENV)/.runtime: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime

install-dev: $(VENV)/.dev

$(LOCAL_KEY):
	mkdir -p $(dir $@)
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Browser tests drive Debian's chromium; Playwright's own download does not work here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

# The whole suite again under a clock set to 23:30 on 31 December, Hà Nội time
# (libfaketime): no test may depend on the hour, the day or the year it runs in.
# The clock is shifted by one offset, so every process (pytest, the live server,
# Celery workers, chromium) reads the same time and it runs on as usual.
.PHONY: test-late-clock faketime
LATE_CLOCK ?= $(shell date +%Y)-12-31 23:30:00
test-late-clock: install-dev browser faketime
	@offset=$$(( $$(TZ=Asia/Ho_Chi_Minh date -d "$(LATE_CLOCK)" +%s) - $$(date +%s) )); \
	skew=$$(printf '%+ds' "$$offset"); \
	echo "test-late-clock: $$(TZ=Asia/Ho_Chi_Minh faketime -f "$$skew" date '+%H:%M %d/%m/%Y %Z')"; \
	faketime -f "$$skew" $(BIN)/pytest

faketime:
	@command -v faketime >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q faketime; }

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo

migrate: install $(LOCAL_KEY)
	$(LOCAL_ENV) $(PY) manage.py migrate --noinput

demo: install $(LOCAL_KEY)
	$(LOCAL_ENV) $(PY) manage.py load_demo

static: install $(LOCAL_KEY)
	$(LOCAL_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0

worker: install $(LOCAL_KEY)
	$(LOCAL_ENV) $(BIN)/celery -A config worker --loglevel=INFO

beat: install $(LOCAL_KEY)
	mkdir -p var
	$(LOCAL_ENV) $(BIN)/celery -A config beat --loglevel=INFO --schedule var/celerybeat-schedule

messages: install
	DJANGO_DEBUG=True $(PY) manage.py makemessages --locale vi --ignore "$(VENV)/*" \
	  --ignore "$(RUNTIME_VENV)/*" --no-obsolete
	DJANGO_DEBUG=True $(PY) manage.py compilemessages --locale vi --ignore "$(VENV)/*" \
	  --ignore "$(RUNTIME_VENV)/*"

# A dated archive of the database (pg_dump custom format) and every stored file.
backup: install $(LOCAL_KEY)
	$(LOCAL_ENV) $(PY) manage.py backup --output-dir $(BACKUP_DIR)

# Into a fresh database and storage: make restore ARCHIVE=backups/….tar
restore: install $(LOCAL_KEY)
	@test -n "$(ARCHIVE)" || { echo "make restore ARCHIVE=path/to/backup.tar" >&2; exit 2; }
	$(LOCAL_ENV) $(PY) manage.py restore "$(ARCHIVE)"

# CI (issues 8 and 11): an environment made from requirements.txt alone runs the
# production stack as docs/deploy.md sets it up, on DATABASE_URL (a database it
# may empty) and a Redis of its own.
$(RUNTIME_VENV)/.runtime: requirements.txt
	rm -rf $(RUNTIME_VENV)
	$(PYTHON) -m venv $(RUNTIME_VENV)
	$(RUNTIME_VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

runtime-check: $(RUNTIME_VENV)/.runtime
	BIN=$(RUNTIME_VENV)/bin .ci/rehearse.sh

clean:
	rm -rf $(VENV) $(RUNTIME_VENV) db.sqlite3 media private staticfiles var

# The side-by-side benchmark (README, "Benchmark"): on DATABASE_URL (PostgreSQL, loaded
# with `manage.py generate_load --scale province`) and CELERY_BROKER_URL (Redis), with
# DEBUG off as in production. Prints one table; BENCH_ARGS passes options
# (--requests, --pdf-limit, --request-limit, --skip pages,pdf,celery, --markdown FILE).
bench: install static
	$(LOCAL_ENV) $(PY) -m bench $(BENCH_ARGS)
