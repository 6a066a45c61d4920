# Two commands from a fresh clone: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format typecheck worker beat bench check migrate seed schemathesis clean

# The stamp is rebuilt when a requirements file changes, so a pull that adds a pin installs it.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed

run: seed
	@echo ""
	@echo "  Factcheck is starting on http://$(HOST):$(PORT)/admin/"
	@echo "  Demo logins (development only):"
	@echo "    editor   / editor-demo    triage, research, draft verdicts"
	@echo "    reviewer / reviewer-demo  approve and publish"
	@echo "    analyst  / analyst-demo   read, export, reports (/reports/)"
	@echo "    admin    / admin-demo     superuser"
	@echo "  API docs: http://$(HOST):$(PORT)/api/docs/"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(VENV)/.installed
	$(BIN)/mypy claims/services claims/selectors.py claims/tasks.py claims/extraction sources/services.py sources/tasks.py factcheck/services

worker: $(VENV)/.installed
	$(BIN)/celery -A factcheck worker --loglevel=info --concurrency=2

beat: $(VENV)/.installed
	$(BIN)/celery -A factcheck beat --loglevel=info

bench: $(VENV)/.installed
	$(PY) bench/extraction.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
