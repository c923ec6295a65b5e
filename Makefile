# The two commands: `make run` and `make test`. Everything else is what they need.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
FRONTEND := healthcare-frontend
NPM := $(shell command -v npm)

.PHONY: run test lint setup frontend frontend-test backend-test e2e clean reliability bench types

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund
	@touch $@

# Build the SPA that Django serves at /. Skipped (with a note) where Node is missing.
frontend:
ifdef NPM
	@if [ -f $(FRONTEND)/package.json ]; then \
		$(MAKE) --no-print-directory $(FRONTEND)/node_modules/.installed && \
		cd $(FRONTEND) && npm run build; \
	fi
else
	@echo "npm not found: skipping the web app build (the API, admin and docs still work)."
endif

# runserver and manage.py run_scheduler (reminders, outbox sweep) side by side. Both run in
# the background so that `wait` returns on Ctrl-C or a TERM to make alone; the EXIT trap then
# stops both, and stops the scheduler when the server exits by itself.
# Links in messages point at this server unless PUBLIC_URL says otherwise (PORT=8790 make run).
run: export PUBLIC_URL ?= http://127.0.0.1:$(PORT)
run: setup frontend
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "  Healthcare scheduling is running at http://127.0.0.1:$(PORT)/"
	@echo "  API docs: http://127.0.0.1:$(PORT)/swagger/   Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Demo logins (username / password):"
	@$(PY) manage.py seed_demo --print-logins
	@echo "  Reminders and the notification outbox: manage.py run_scheduler (started next to the server)."
	@echo ""
	@trap 'kill $$server $$scheduler 2>/dev/null; wait' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) & server=$$!; \
	wait $$server

backend-test: setup
	$(PY) -m pytest -p no:cacheprovider -n 2

frontend-test:
ifdef NPM
	@if [ -f $(FRONTEND)/package.json ]; then \
		$(MAKE) --no-print-directory $(FRONTEND)/node_modules/.installed && \
		cd $(FRONTEND) && npm test; \
	fi
else
	@echo "npm not found: skipping the web app's tests."
endif

test: backend-test frontend-test

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m healthcare_system.architecture --check
ifdef NPM
	@if [ -f $(FRONTEND)/package.json ]; then \
		$(MAKE) --no-print-directory $(FRONTEND)/node_modules/.installed && \
		$(PY) manage.py api_types --check && \
		cd $(FRONTEND) && npm run lint; \
	fi
endif

# The SPA's API types (healthcare-frontend/src/lib/api-schema.gen.ts) from the API's Swagger schema;
# run after changing a serializer or an endpoint's schema, and commit the result (make lint checks it).
types: setup $(FRONTEND)/node_modules/.installed
	$(PY) manage.py api_types

# Schema fuzzing per role, the fault suite and a bounded load run on private PostgreSQL/Redis
# (never the shared ones); about 12 minutes. See reliability/run and docs/reliability.md.
reliability: setup
	bash reliability/run

# Load benchmark: gunicorn on a fresh PostgreSQL database with Redis as broker, wrk against the
# hot endpoints, figures as ratios to a reference endpoint in the same run (bench/README.md).
# BENCH_SMOKE=1: ~2 s per scenario (CI). BENCH_ARGS: more switches (--large, --no-broker ...).
bench: setup
	bash bench/run $(if $(BENCH_SMOKE),--smoke) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .venv-reliability $(FRONTEND)/node_modules $(FRONTEND)/dist staticfiles
