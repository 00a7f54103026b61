# calmdesk's two set-up commands live here: `make run` and `make test`.
# Both build .venv from the pinned lock files, so a fresh machine needs only Python 3.11+ and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run serve test lint typecheck unit lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements/runtime.lock pyproject.toml
	$(BIN)/pip install --quiet -r requirements/runtime.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.lock
	$(BIN)/pip install --quiet -r requirements/dev.lock
	@touch $@

## Install and start calmdesk on its embedded SQLite file (add DEMO=1 for the demo desk).
run: $(VENV)/.runtime
	$(BIN)/calmdesk serve --host $(HOST) --port $(PORT) $(if $(DEMO),--demo)

# The console's browser tests drive Debian's chromium through Playwright (never `playwright install`).
$(VENV)/.browser: $(BIN)/python
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	@touch $@

## Install everything and run the whole test suite (lint, types, unit, integration, e2e).
test: $(VENV)/.dev $(VENV)/.browser
	$(BIN)/ruff check calmdesk tests bench
	$(BIN)/mypy calmdesk tests
	$(BIN)/pytest -n 2 --dist loadfile

unit: $(VENV)/.dev
	$(BIN)/pytest tests/unit

## Re-pin every dependency (maintainers; needs the package index).
lock: $(BIN)/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile --quiet pyproject.toml -o requirements/runtime.lock
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev -o requirements/dev.lock

## Benchmarks (see README): API throughput on SQLite and PostgreSQL, driven by wrk.
bench: $(VENV)/.dev
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/api_throughput.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
