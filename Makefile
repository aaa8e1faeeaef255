# The two set-up commands are `make run` and `make test`; see README.md.
# `make check` runs exactly what CI runs (.ci/run): the linters and type checkers, then every test suite.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
IACS := $(BIN)/iacs
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)

.PHONY: help install run build test test-python test-unit test-e2e test-all check lint schema chromium clean

help:
	@echo "make run     install what is needed, build the web app, start everything on http://127.0.0.1:8000"
	@echo "make test    install what is needed and run every test suite (Python, front-end unit, end-to-end)"
	@echo "make check   what CI runs: linters, type checkers, schema and codegen drift, then make test"
	@echo "make schema  export schema.graphql from the code and regenerate the typed front-end operations"

# --- installation (re-run only when a lock file changes) ------------------------------------------------

$(PY_STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package-lock.json package.json frontend/package.json
	@node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node 20.19 or newer is needed"); process.exit(1) }'
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(PY_STAMP) $(NODE_STAMP)

build: $(NODE_STAMP)
	npm run build

# --- the two set-up commands ------------------------------------------------------------------------------

# Starts the embedded PostgreSQL when DATABASE_URL is unset; Ctrl-C stops everything, including it.
# HOST and PORT choose where it listens: make run PORT=8100 (HOST=0.0.0.0 to be reached from other machines).
HOST ?= 127.0.0.1
PORT ?= 8000

run: install build
	$(IACS) run --host $(HOST) --port $(PORT)

# DATABASE_URL set: tests create throwaway databases on that server. Unset: on the embedded server.
test: install chromium
	$(IACS) with-db -- $(MAKE) --no-print-directory test-all

test-all: test-python test-unit test-e2e

test-python: $(PY_STAMP) build
	$(BIN)/pytest -p no:cacheprovider

test-unit: $(NODE_STAMP)
	npm run test:unit

test-e2e: $(NODE_STAMP) $(PY_STAMP)
	CHROMIUM_PATH=$(CHROMIUM) npm run test:e2e

# Debian's Chromium for the end-to-end tests; never a browser download by npm.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the end-to-end tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is needed for the end-to-end tests: sudo apt-get install -y chromium (or set CHROMIUM_PATH)"; \
		exit 1; \
	fi

# --- what CI runs -------------------------------------------------------------------------------------------

lint: install
	$(BIN)/ruff check backend tests bench
	$(BIN)/ruff format --check backend tests bench
	$(BIN)/mypy
	npm run typecheck
	npm run lint
	npm run codegen:check

check: lint test

schema: $(PY_STAMP) $(NODE_STAMP)
	$(IACS) export-schema --output schema.graphql
	npm run codegen

clean:
	rm -rf frontend/dist test-results playwright-report .pytest_cache .mypy_cache .ruff_cache

# --- benchmark (bench/README.md) -----------------------------------------------------------------------
# Needs a PostgreSQL server: DATABASE_URL, or postgresql://postgres@127.0.0.1:5432/postgres by default.

.PHONY: bench bench-quick

bench: $(PY_STAMP)
	$(BIN)/python -m bench run --rounds 3

bench-quick: $(PY_STAMP)
	$(BIN)/python -m bench run --quick

# --- fuzzing (docs/reliability.md, "Bad input") -----------------------------------------------------------------------
# `make test` runs tests/fuzz with small budgets; this runs them with large ones and prints what was done.
# FUZZ_EXAMPLES: hypothesis examples per input type; FUZZ_OPERATIONS: schemathesis operations (at least).

.PHONY: test-fuzz
FUZZ_EXAMPLES ?= 100
FUZZ_OPERATIONS ?= 2500

test-fuzz: $(PY_STAMP)
	@mkdir -p test-results/quality && rm -f test-results/quality/fuzz.json
	IACS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) IACS_SCHEMATHESIS_OPERATIONS=$(FUZZ_OPERATIONS) \
		$(IACS) with-db -- $(BIN)/pytest -p no:cacheprovider -q -rx tests/fuzz; \
		status=$$?; $(BIN)/python -m tests.fuzz.summary; exit $$status

# --- fault and load suites (docs/reliability.md, "Reliability and data integrity") ----------------------
# Each starts its OWN embedded PostgreSQL in a temporary folder (Unix socket, no TCP: never the machine's
# PostgreSQL) and its own `iacs serve` on 127.0.0.1, and stops everything at the end. Not part of `make test`.
# test-faults: database crash, server kill -9, database SIGSTOP, pool exhaustion (~3 minutes); logs and
#   acknowledgement logs stay in $(FAULTS_TMP). test-load: LOAD_USERS users for LOAD_DURATION seconds
#   (a dry run: make test-load LOAD_DURATION=60).

.PHONY: test-faults test-load

FAULTS_TMP ?= $(or $(TMPDIR),/tmp)/iacs-test-faults
LOAD_DURATION ?= 300
LOAD_USERS ?= 50

test-faults: $(PY_STAMP)
	$(BIN)/pytest -p no:cacheprovider -s -rxX --basetemp=$(FAULTS_TMP) tests/faults

test-load: $(PY_STAMP)
	$(BIN)/python -m tests.load --duration $(LOAD_DURATION) --users $(LOAD_USERS)
