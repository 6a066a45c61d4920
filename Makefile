# Two commands from a fresh clone: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser screenshots lint format typecheck worker beat bench bench-api bench-export train-rerank schema schemathesis migrate seed clean

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

# Playwright driving the system chromium (apt-get install chromium; never `playwright install`)
# against a live server: the personas' walk-through and the layout checks at 1400 and 800 px.
test-browser: $(VENV)/.installed
	$(PY) -m pytest -m browser tests/browser

# The README's screenshots: the layout tests at 1400 and 800 px, saving into docs/img/.
screenshots: $(VENV)/.installed
	SCREENSHOT_DIR=docs/img $(PY) -m pytest -m browser tests/browser/test_layout.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Services, selectors, tasks and the extraction engine carry type hints; mypy holds them to it.
TYPED := claims/services claims/tasks.py claims/extraction claims/exports claims/filters.py \
	claims/claimreview.py sources/services.py sources/tasks.py partners/services \
	partners/selectors.py partners/tasks.py core/taskbase.py partners/api \
	core/outbound.py claims/matching claims/selectors.py

typecheck: $(VENV)/.installed
	$(BIN)/mypy $(TYPED)

worker: $(VENV)/.installed
	$(BIN)/celery -A factcheck worker --loglevel=info --concurrency=2

beat: $(VENV)/.installed
	$(BIN)/celery -A factcheck beat --loglevel=info

# Benchmarks print ratios against a baseline measured in the same run (see each script).
bench: $(VENV)/.installed
	$(PY) bench/extraction.py

bench-api: $(VENV)/.installed  ## claim list req/s vs a bare .values() view; DATABASE_URL for PostgreSQL
	$(PY) bench/api.py

bench-export: $(VENV)/.installed  ## CSV/XLSX rows/s and memory vs COPY; DATABASE_URL must name a bench PostgreSQL DB
	$(PY) bench/export.py --rows 100000 1000000

train-rerank: $(VENV)/.installed  ## refit lexicons/en/rerank.tsv; needs ../shared/eval (research-only corpus, not shipped)
	$(PY) bench/train_rerank.py ../shared/eval/polnear_train.gold.jsonl --lang en

schema: $(VENV)/.installed
	$(PY) manage.py spectacular --validate --fail-on-warn --file /tmp/factcheck-schema.yaml

schemathesis: $(VENV)/.installed  ## fuzz the API on a live server on 127.0.0.1:8001
	PYTHON=$(PY) bash bench/schemathesis.sh

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
