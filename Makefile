# EthicsDesk: `make run` serves the app, `make test` runs every test. Both start from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install db db-stop chromium pdf-deps demo clean backup restore bench sso-provider

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

db: install
	$(BIN)/python -m ethicsdesk.dev.localdb start

db-stop:
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m ethicsdesk.dev.localdb stop; fi

# Debian's Chromium drives the browser tests; Playwright cannot download browsers here.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# WeasyPrint (PDF output) needs pango; Debian's packages provide it when it is missing.
pdf-deps: install
	@if ! $(BIN)/python -c "import weasyprint" >/dev/null 2>&1; then \
		echo "Installing pango for PDF output..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	fi

demo: db pdf-deps
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_frameworks
	DEBUG=true $(BIN)/python manage.py load_rules
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true $(BIN)/python manage.py seed_examples
	DEBUG=true $(BIN)/python manage.py seed_consults
	DEBUG=true $(BIN)/python manage.py seed_library

run: demo
	@echo ""
	@echo "  EthicsDesk is starting on http://$(HOST):$(PORT)/"
	@echo "  Sign in as clinician, supervisor or admin; the password is printed above."
	@echo "  Ask a colleague: sign in as 'colleague' (same password) to answer the clinician's"
	@echo "  open request under 'Asked of me'; the answer comes back to the clinician's consultation step."
	@echo "  Supervisor and admin also type a code (two-step sign-in is required for them):"
	@echo "  '$(BIN)/python manage.py demo_code supervisor' (or admin) in another terminal prints it."
	@echo "  Passkeys need http://localhost:$(PORT)/ (browsers refuse them on an IP address)."
	@echo "  Password reset: 'Forgot your password?' with clinician@riverside.example;"
	@echo "  the e-mail with its link is printed in this terminal (console e-mail backend)."
	@echo "  Single sign-on: 'make sso-provider' in another terminal starts a test provider;"
	@echo "  README 'Single sign-on' says how the demo admin sets it up."
	@echo "  One background worker runs beside the server (e-mail, PDFs, follow-up reminders)."
	@echo "  Stop both with Ctrl-C; 'make db-stop' stops the database."
	@echo ""
	@DEBUG=true $(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The tests' OpenID Connect provider (tests/sso_provider/) on http://127.0.0.1:8001, to try
# single sign-on with `make run` (README "Single sign-on"). Ctrl-C stops it.
SSO_CLINIC ?= riverside-demo
sso-provider: db
	SSO_PROVIDER_CLINIC=$(SSO_CLINIC) $(BIN)/python -m tests.sso_provider.server 8001

# The suite runs in TEST_WORKERS parallel processes (pytest-xdist), each on a test database
# of its own (test_ethicsdesk_gw0, ...) on the one private PostgreSQL; the tests that share a
# module's real processes stay on one process (xdist_group). Then the tests marked `alone`
# (they stop that PostgreSQL) run by themselves (their failures' traces in a folder of their
# own, so the first run's stay). `$(BIN)/python -m pytest` runs it all serially.
TEST_WORKERS ?= 2

test: install chromium pdf-deps db
	@status=0; \
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup -m "not alone" || status=$$?; \
	alone=$$(grep -rl --include='test_*.py' 'pytest.mark.alone' tests); \
	if [ -n "$$alone" ]; then \
		echo "== The tests that run alone (they stop the shared PostgreSQL) =="; \
		$(BIN)/python -m pytest -m alone --output=test-artifacts/failures/alone $$alone \
			|| status=$$?; \
	fi; \
	if [ $$status -eq 0 ]; then echo "== make test: every test passed =="; \
	else echo "== make test: FAILED (see the summaries above) =="; fi; \
	exit $$status

# pg_dump (custom format) into var/backups/; `make restore FILE=var/backups/...dump`.
backup: db
	DEBUG=true $(BIN)/python -m ethicsdesk.dev.backup dump

restore: db
	@if [ -z "$(FILE)" ]; then echo "usage: make restore FILE=var/backups/<file>.dump"; exit 2; fi
	DEBUG=true $(BIN)/python -m ethicsdesk.dev.backup restore "$(FILE)"

# The benchmark (not part of `make test`): its own database on the private server, seeded
# once with BENCH_DELIBERATIONS deliberations (20,000: about two minutes; 200,000: README
# "Cost as the record grows"), then gunicorn + locust scenarios and a 10-minute soak.
# Each scale has its own database (ethicsdesk_bench_<N>), so two scales live side by side and
# a re-run reuses the seeded one. BENCH_SOAK_SECONDS=60 shortens the soak (0 skips it);
# results go to bench/results/<date>-<scale>.json.
BENCH_DELIBERATIONS ?= 20000
BENCH_DB ?= ethicsdesk_bench_$(BENCH_DELIBERATIONS)
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: pdf-deps db $(BENCH_STAMP)
	@set -e; \
	url=$$($(BIN)/python -c "from ethicsdesk.dev import localdb; s = localdb.ensure_running(); \
		localdb.ensure_database(s, '$(BENCH_DB)'); print(f'postgres://postgres@/$(BENCH_DB)?host={s}')"); \
	export DATABASE_URL="$$url" DJANGO_SETTINGS_MODULE=ethicsdesk.settings_bench; \
	$(BIN)/python manage.py migrate --noinput -v0; \
	$(BIN)/python manage.py load_frameworks; \
	$(BIN)/python manage.py bench_seed --deliberations $(BENCH_DELIBERATIONS); \
	$(BIN)/python manage.py collectstatic --noinput -v0; \
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: db-stop
	rm -rf var test-artifacts
