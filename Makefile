# Newsroom — `make run` sets everything up and serves the site; `make test` runs the suite.
# PYTHON=/path/to/python3.12+ overrides the interpreter search.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# First interpreter that really runs and is >= 3.12 (pyenv shims that fail are skipped).
PYENV_ROOT_DIR := $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
CANDIDATES := python3.14 python3.13 python3.12 python3 \
	$(shell ls -d $(PYENV_ROOT_DIR)/versions/3.*/bin/python3 2>/dev/null | sort -rV)
PYTHON ?= $(shell for c in $(CANDIDATES); do \
	if "$$c" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
		command -v "$$c"; break; fi; done)

.PHONY: run serve test install lint format bench clean help

help:
	@echo "make run    set up (venv, install, migrate, knowledge base, seeds, demo editor) and serve on http://$(HOST):$(PORT)"
	@echo "make test   run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make serve  serve with gunicorn + whitenoise (production-like)"
	@echo "make lint   ruff check and ruff format --check"

$(PY):
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Newsroom needs Python 3.12 or newer (Django 6), and none was found."; \
		echo "       Looked for: python3.14 python3.13 python3.12 python3 and pyenv versions under $(PYENV_ROOT_DIR)."; \
		echo "       Install one, or run: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) -V))"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable
	$(MANAGE) load_entities
	$(MANAGE) import_articles seeds/ --status published --source "Seed dumps"
	$(MANAGE) create_demo_editor

run: setup
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/) — Ctrl-C stops the site and the task worker."
	@$(MANAGE) db_worker --queue-name '*' >.worker.log 2>&1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST):$(PORT)

serve: setup
	DEBUG=0 $(MANAGE) collectstatic --noinput --verbosity 0
	@$(MANAGE) db_worker --queue-name '*' >.worker.log 2>&1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DEBUG=0 DJANGO_SETTINGS_MODULE=newsroom.settings.dev $(VENV)/bin/gunicorn newsroom.wsgi -w 2 -b $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
