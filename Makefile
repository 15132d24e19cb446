# KuDeQua: `make run` starts the platform on the embedded default, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# Debian packages WeasyPrint (Pango, HarfBuzz, fonts) and the translations (gettext) need.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core fonts-liberation gettext
BROWSER_PACKAGES := chromium chromium-driver
TEST_WORKERS ?= 2
# Scale data set of the benchmarks: city (a few minutes) or state (see docs/benchmarks.md).
PRESET ?= city

.PHONY: run test lint format messages sysdeps browserdeps check-deploy bench clean

run: sysdeps $(VENV)/.base-installed
	$(MANAGE) compilemessages --ignore=.venv -v0
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

test: sysdeps browserdeps $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint --quiet
	$(VENV)/bin/bandit -q -r common kudequa accounts notifications quarters needs initiatives financing advisory reports devdata -x '*/migrations/*' --severity-level high
	$(MAKE) messages
	KUDEQUA_TESTING=1 $(MANAGE) makemigrations --check --dry-run
	$(MAKE) check-deploy
	KUDEQUA_TESTING=1 $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Refresh the catalogues from the source (new strings appear untranslated) and compile them.
messages: $(VENV)/.base-installed
	$(MANAGE) makemessages -l de -l en --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=var -v0
	$(MANAGE) compilemessages --ignore=.venv -v0

check-deploy: $(VENV)/.base-installed
	DEBUG=0 SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9') \
		ALLOWED_HOSTS=kudequa.example.org $(MANAGE) check --deploy --fail-level WARNING

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.base-installed: requirements/base.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: requirements/base.txt requirements/dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements/base.txt -r requirements/dev.txt
	touch $(VENV)/.base-installed $@

sysdeps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing system packages. Please run: sudo apt-get install $$missing"; exit 1; \
		fi; \
	fi

# Chromium for the browser tests: installed when we are root; elsewhere those tests skip and say so.
browserdeps:
	@missing=$$(for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing browser packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Chromium is missing (sudo apt-get install $$missing): browser tests will be skipped."; \
		fi; \
	fi

# Benchmarks at scale on PostgreSQL and Redis, gunicorn with 2 workers: writes bench/results/<date>-<preset>.*
bench: sysdeps $(VENV)/.bench-installed
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "wrk is missing (sudo apt-get install wrk): the saturation runs use locust instead."; \
		fi; \
	}
	$(MANAGE) compilemessages --ignore=.venv -v0
	$(PY) bench/run.py --preset $(PRESET)

$(VENV)/.bench-installed: requirements/base.txt requirements/bench.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements/base.txt -r requirements/bench.txt
	touch $(VENV)/.base-installed $@

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
