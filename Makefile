# Yalu: `make run` starts the demo, `make test` sets up and runs every check. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
export DJANGO_SETTINGS_MODULE := yalu.config.settings
export PYTHONPATH := $(CURDIR)/src

.PHONY: run test check setup system-deps test-sqlite test-postgres worker messages clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

# Debian packages the tests need: Chromium for the browser tests, Noto CJK so PDFs and screenshots show
# Hangul and Chinese characters, PostgreSQL 15 for the second database run.
system-deps:
	@scripts/system-deps.sh

check: setup
	$(BIN)/ruff check src bench
	$(BIN)/mypy
	$(BIN)/djhtml --check $$(find src -path '*/templates/*' -name '*.html')

test: setup system-deps check
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

# The Spark engine's test needs no database, so it runs once, with the SQLite run (Java must be present).
test-sqlite: setup
	@echo "== tests on SQLite"
	YALU_TEST_SPARK=1 $(BIN)/pytest -q

test-postgres: setup
	@echo "== tests on PostgreSQL"
	@url=$$(scripts/pg.sh start) && trap 'scripts/pg.sh stop' EXIT && \
	  DATABASE_URL="$$url" $(BIN)/pytest -q

run: setup
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@scripts/run.sh $(PORT)

# Shared strings live in src/yalu/locale; an app with a locale/ folder of its own keeps its strings there.
messages: setup
	scripts/messages.sh

clean:
	rm -rf $(VENV) var
