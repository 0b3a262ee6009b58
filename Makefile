# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/python -m pytest

.PHONY: demo test check test-postgres test-sqlite benchmark clean chromium calcurse

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the lock files change: a second `make demo` starts at once.
$(VENV)/.installed-base: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements/test.txt pyproject.toml $(VENV)/.installed-base
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/test.txt
	touch $@

demo: $(VENV)/.installed-base
	$(BIN)/beatbook demo

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# A calendar program that imports the iCalendar feeds in a test; without it that one test is skipped.
calcurse:
	@command -v calcurse >/dev/null || (apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq calcurse >/dev/null 2>&1) \
		|| echo "calcurse could not be installed: the calendar-program test will be skipped"

test: check chromium calcurse
	scripts/with-postgres $(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-sqlite

# Static checks first: a lint or type error fails the run before the slower suites start.
check: $(VENV)/.installed-test
	@echo "== static checks: ruff and mypy =="
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(TEST_ENV) $(BIN)/mypy

# Each run uses its own settings: no secret of a deployment is needed or read.
TEST_ENV := SECRET_KEY=test-only-not-secret BEATBOOK_VAR_DIR=var/test

test-postgres:
	@echo "== tests on PostgreSQL =="
	$(TEST_ENV) $(PYTEST) $(PYTEST_ARGS)

test-sqlite:
	@echo "== tests on SQLite =="
	rm -rf var/test && mkdir -p var/test
	$(TEST_ENV) DATABASE_URL=sqlite:///var/test/beatbook.sqlite3 $(PYTEST) $(PYTEST_ARGS)

benchmark: $(VENV)/.installed-test
	scripts/with-postgres $(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) var
