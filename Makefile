# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-dev browser lint migrate demo worker beat messages clean

run: install migrate demo
	$(PY) manage.py runserver $(HOST)

test: install-dev browser lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
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

migrate: install
	$(PY) manage.py migrate --noinput

demo: install
	$(PY) manage.py load_demo

worker: install
	$(BIN)/celery -A config worker --loglevel=INFO

beat: install
	$(BIN)/celery -A config beat --loglevel=INFO

messages: install
	$(PY) manage.py makemessages --locale vi --ignore "$(VENV)/*" --no-obsolete
	$(PY) manage.py compilemessages --locale vi --ignore "$(VENV)/*"

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
