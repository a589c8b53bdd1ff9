# Every target creates the virtualenv it needs; a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := cd example_site && ../$(BIN)/python manage.py

.PHONY: demo test test-postgres test-browser test-scaleout lint format check migrations-check messages wheel install-proof clean

$(BIN)/.installed: setup.cfg pyproject.toml example_site/requirements.txt
	@# Debian's Python has no venv module until python3-venv is installed.
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || bash scripts/system-packages.sh python3-venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]" -r example_site/requirements.txt
	touch $@

## demo: the example portal with the demo content on http://127.0.0.1:$(PORT)/
demo: $(BIN)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_demo_admin
	@echo "Portal: http://127.0.0.1:$(PORT)/  Admin: http://127.0.0.1:$(PORT)/admin/"
	@# The worker of the package's background tasks (large imports) beside the server, stopped with it.
	cd example_site && trap 'kill 0' EXIT INT TERM; \
		../$(BIN)/python manage.py db_worker --backend thidua --no-startup-delay & \
		../$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite on SQLite (set DATABASE_URL to run it elsewhere)
test: $(BIN)/.installed
	$(BIN)/pytest -n auto
	@# A site whose WAGTAIL_PAGE_MODEL is its own base page needs settings of its own.
	$(BIN)/pytest --ds=tests.settings_custom_page tests/custom_base

## test-postgres: the whole suite on a throwaway local PostgreSQL server
test-postgres: $(BIN)/.installed
	bash scripts/with-postgres.sh sh -c '$(BIN)/pytest -n auto && $(BIN)/pytest --ds=tests.settings_custom_page tests/custom_base'

## test-browser: the browser suite: the example portal driven in Debian's Chromium, axe-core from npm
##   (on PostgreSQL: bash scripts/with-postgres.sh make test-browser)
AXE := .cache/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1
test-browser: $(BIN)/.installed $(AXE)
	@command -v chromium >/dev/null || bash scripts/system-packages.sh chromium
	THIDUA_BROWSER_TESTS=1 $(BIN)/pytest tests/browser

## test-scaleout: several servers (PostgreSQL, Redis, two gunicorn processes): no page served stale, changes purged
##   (bash scripts/with-postgres.sh make test-scaleout)
test-scaleout: $(BIN)/.installed
	@command -v redis-server >/dev/null || bash scripts/system-packages.sh redis-server
	$(BIN)/python scripts/scale_out_check.py

$(AXE):
	@command -v npm >/dev/null || bash scripts/system-packages.sh npm
	npm install --prefix .cache/axe --no-audit --no-fund --silent axe-core@$(AXE_VERSION)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(BIN)/.installed
	$(MANAGE) makemigrations --check --dry-run

check: $(BIN)/.installed
	$(MANAGE) check

## messages: refresh the Vietnamese catalogues of the package and the example portal, and compile them
messages: $(BIN)/.installed
	@command -v xgettext >/dev/null || bash scripts/system-packages.sh gettext
	cd thidua_wagtail && ../$(BIN)/django-admin makemessages -l vi --no-obsolete --add-location file -i "wagtail_vi/*"
	@# Wagtail's own strings in Vietnamese (optional app): translated by hand, compiled here.
	cd thidua_wagtail && ../$(BIN)/django-admin compilemessages -l vi
	cd example_site && ../$(BIN)/django-admin makemessages -l vi --no-obsolete --add-location file -i "media/*" -i "static_collected/*"
	cd example_site && ../$(BIN)/django-admin compilemessages -l vi

## install-proof: follow docs/install.md on a new `wagtail start` site with the built wheel
install-proof: $(BIN)/.installed
	bash scripts/install-proof.sh

wheel: $(BIN)/.installed
	rm -rf build
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation -w dist .

clean:
	rm -rf $(VENV) build dist *.egg-info example_site/db.sqlite3
