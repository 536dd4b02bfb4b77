# Two commands matter: `make run` (the demo) and `make test` (the whole suite).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PORT ?= 5000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_ENV := PORTAL_CONFIG=demo PUBLIC_URL=http://127.0.0.1:$(PORT)

.PHONY: run serve test install translations browser-deps bench-tools test-tools bench audit clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --use-fuzzy -d translations

run: install
	$(DEMO_ENV) $(FLASK) db upgrade
	$(DEMO_ENV) $(FLASK) demo load
	$(DEMO_ENV) $(FLASK) run --host 127.0.0.1 --port $(PORT)

# Production: gunicorn with gunicorn.conf.py; needs SECRET_KEY (and DATABASE_URL for PostgreSQL).
serve: install
	$(FLASK) db upgrade
	$(VENV)/bin/gunicorn -c gunicorn.conf.py wsgi:app

browser-deps:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	@command -v java >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# wrk loads the pages in `make bench` (bench/pages).
bench-tools:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

test-tools: browser-deps node_modules/.installed

# SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (.ci/run sets it).
test: install test-tools
	env -u TEST_DATABASE_URL $(VENV)/bin/pytest -n 2
	@if [ -n "$$TEST_DATABASE_URL" ]; then echo "== again on $$TEST_DATABASE_URL =="; $(VENV)/bin/pytest -n 2; fi

# Static security check; every silenced finding says why on its own line (# nosec <id>  # why).
audit: install
	$(VENV)/bin/bandit -r portal -q

# The matching engine with the fair baselines, the blind-graded quality (once grades exist), page speed.
bench: install bench-tools
	$(PY) -m bench
	@if ls bench/quality/grades/batch_*.tsv >/dev/null 2>&1; then $(PY) -m bench.quality report; \
	else echo "bench/quality: no grades yet (see bench/quality/GRADING.md); pool: $(PY) -m bench.quality pool"; fi
	$(PY) -m bench.assignment_browser
	$(PY) -m bench.pages

clean:
	rm -rf $(VENV) node_modules instance
