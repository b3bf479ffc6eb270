# The International Activity section: set-up, run and test in one place.
# `make help` lists the targets.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WEB_CONCURRENCY ?= 2
# pytest-xdist processes for the tests (auto: one per core, at most 8; 0: none, in this
# process). worksteal: an idle worker takes tests queued for a busy one, so the long
# browser tests do not leave the other core waiting at the end. At most 8: each worker
# has a Redis database of its own on the PostgreSQL and Redis pass (tests/settings.py).
TEST_WORKERS ?= auto
# More pytest options, e.g. make test PYTEST_ARGS="-x tests/models/test_models.py".
PYTEST_ARGS ?=
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 8 --dist worksteal $(PYTEST_ARGS)

.DEFAULT_GOAL := help
.PHONY: help prepare run dev test test-databases lint format messages install install-dev screenshots weight bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create the virtual environment with the pinned requirements

install-dev: $(VENV)/.installed-dev ## Also install the test and lint tools

# Test-only tools from npm, pinned in package-lock.json: axe-core (accessibility rules) and
# vnu-jar (the Nu Html Checker; runs on Debian's Java). --ignore-scripts: vnu-jar's install
# script would otherwise download a Java of its own.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is not installed: the HTML and axe checks will be skipped (in CI they fail)."; \
	fi

# A local secret key and host list for `make run`, made once and never committed.
.env:
	@$(PYTHON) -c "import secrets; print('SECRET_KEY=' + secrets.token_urlsafe(50))" > $@
	@echo "ALLOWED_HOSTS=127.0.0.1,localhost" >> $@
	@echo "Wrote $@ with a new SECRET_KEY (not committed)."

prepare: install .env
	@set -a; . ./.env; set +a; \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py load_seed_content && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py ensure_admin

run: prepare ## Serve the site as in production (gunicorn, DEBUG off) on 127.0.0.1:$(PORT)
	@echo ""
	@echo "The section:  http://127.0.0.1:$(PORT)/bg/mezhdunarodna-deynost/"
	@echo "In English:   http://127.0.0.1:$(PORT)/en/international-activity/"
	@echo "The admin:    http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	@set -a; . ./.env; set +a; \
	: "$${SITE_URL:=http://127.0.0.1:$(PORT)}"; export SITE_URL; \
	exec $(VENV)/bin/gunicorn stara_zagora.wsgi --config python:stara_zagora.gunicorn \
		--bind 127.0.0.1:$(PORT) \
		--workers $(WEB_CONCURRENCY) --access-logfile - --error-logfile -

dev: prepare ## Run Django's autoreloading development server (DEBUG on)
	@set -a; . ./.env; set +a; \
	: "$${SITE_URL:=http://127.0.0.1:$(PORT)}"; export SITE_URL; \
	DEBUG=true exec $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev node_modules/.installed ## Run every test (and the Django checks)
	$(PYTEST)

# CI's second pass, on PostgreSQL and Redis (DATABASE_URL, REDIS_URL): `make test` has
# run everything on SQLite, so the checks marked engine_independent (see pyproject.toml)
# would only repeat themselves.
test-databases: install-dev ## Run the tests whose result can depend on the database or cache
	$(PYTEST) -m "not engine_independent"

lint: install-dev ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install-dev ## Update locale/*.po from the code and compile them
	for domain in django djangojs; do \
		DEBUG=true $(PY) manage.py makemessages -d $$domain -l bg -l en --no-location \
			--ignore=.venv --ignore=staticfiles --ignore=tests --ignore=node_modules || exit 1; \
	done
	DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

screenshots: install-dev ## Save the README's screenshots (docs/screenshots/) from a running site
	$(PY) scripts/screenshots.py

weight: install ## Measure the section page's compressed weight (HTML + CSS + JS) against 40 KB
	$(PY) scripts/page_weight.py

bench: install ## Measure throughput and render times into docs/benchmarks.md (needs wrk)
	@command -v wrk >/dev/null 2>&1 || { echo "wrk is missing: apt-get install wrk"; exit 1; }
	$(PY) bench/run.py
