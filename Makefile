# Maillage: `make run` sets everything up and serves; `make test` checks everything.
# Nothing here needs more than python3 (>= 3.11) and, for the browser tests, Debian's chromium
# (installed by `make test` when missing and running as root, as on CI).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/maillage
PYTEST_ARGS ?= -n 2 --dist worksteal
# The PostgreSQL pass of `make test`: every test that touches the database, but the browser tests (their UI
# flows run once, on SQLite; `make test-postgres-browser` runs them on PostgreSQL). Keeps `make test` short.
POSTGRES_PYTEST_ARGS ?= -m "not browser"
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: help install install-dev run serve migrate demo test test-sqlite test-postgres test-postgres-browser lint format \
        system-deps lock bench clean openapi fuzz

help:
	@echo "make run    install, migrate, load the Loire data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install test tools, lint, run the whole suite on SQLite and PostgreSQL"
	@echo "make lint   ruff, mypy, import-linter, djlint"
	@echo "make bench  speed and memory figures (printed, never asserted)"
	@echo "make fuzz   schemathesis and hypothesis at full size (>= 10,000 API cases), with their figures"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		(echo "Maillage needs Python >= 3.11 ($(PYTHON) is older)"; exit 1)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements/base.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements/dev.lock
	$(BIN)/pip install --quiet -r requirements/dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/maillage migrate --noinput

demo: migrate
	$(BIN)/maillage demo

run: demo
	@echo "Maillage : http://$(HOST):$(PORT)/"
	$(BIN)/maillage runserver $(HOST):$(PORT)

# Debian packages for the browser tests and PDF checks, installed only when missing and root.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing Debian packages:$$missing (browser tests will be skipped unless CI=true)"; \
		fi; \
	fi

lint: install-dev
	$(BIN)/ruff check src config tests scripts
	$(BIN)/ruff format --check src config tests scripts
	$(BIN)/lint-imports
	$(BIN)/mypy src config
	$(BIN)/djlint --lint src --profile=django --quiet

format: install-dev
	$(BIN)/ruff check --fix src config tests scripts
	$(BIN)/ruff format src config tests scripts

test: install-dev system-deps lint test-sqlite test-postgres

test-sqlite: install-dev
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: install-dev
	@echo "== Test suite on PostgreSQL ($(TEST_DATABASE_URL))"
	@if $(BIN)/python scripts/db_reachable.py "$(TEST_DATABASE_URL)"; then \
		DATABASE_URL="$(TEST_DATABASE_URL)" MAILLAGE_DATABASE_TESTS_ONLY=1 $(BIN)/python -m pytest $(PYTEST_ARGS) $(POSTGRES_PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): under CI this is a failure."; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL): PostgreSQL run SKIPPED (set TEST_DATABASE_URL)."; \
	fi

# The browser tests on PostgreSQL too (`make test` runs them on SQLite; every database access beneath them
# runs on both databases through the view and service tests).
test-postgres-browser: install-dev
	DATABASE_URL="$(TEST_DATABASE_URL)" $(BIN)/python -m pytest $(PYTEST_ARGS) -m browser

# Regenerate the pinned dependency locks from pyproject.toml (needs the network to PyPI).
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 pyproject.toml -o requirements/base.lock
	$(BIN)/uv pip compile --quiet --python-version 3.11 pyproject.toml --extra dev -o requirements/dev.lock

openapi: install-dev
	$(BIN)/maillage openapi -o docs/openapi.json

bench: install-dev
	$(BIN)/python scripts/bench.py

# The fuzz tests at full size (`make test` runs the same tests small). FUZZ_ARGS go to pytest.
FUZZ_ARGS ?= -n 0
fuzz: install-dev
	env -u DATABASE_URL $(BIN)/python scripts/fuzz.py $(FUZZ_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
