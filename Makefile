# The two commands: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser lint messages check-python check-system clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		(echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1)). Set PYTHON=/path/to/python3.11." && exit 1)

# WeasyPrint (certificate PDFs) needs Pango from the system.
check-system:
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("pango-1.0") else 1)' || \
		(echo "Pango is missing (needed for certificate PDFs). Install it with: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0" && exit 1)

$(VENV)/bin/activate: | check-python
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

run: check-system $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_data --if-empty
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	@echo "Demo logins: admin, expert, coordinator, learner, learner2 - password: library2569"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: check-system $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser: check-system $(VENV)/.installed-dev
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .

# Re-extract translatable strings and compile the catalogues (.mo files are committed,
# so a fresh machine needs no system gettext to run the site).
messages: $(VENV)/.installed-dev
	$(PY) manage.py translations --extract --compile

clean:
	rm -rf $(VENV) staticfiles
