# The two commands: `make run` and `make test`. Each creates .venv and installs when
# pyproject.toml changed since the last install (make's own timestamps), and skips it otherwise.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test lint format seed bench clean-var

$(PY):
	@$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 12), "Python 3.11 or 3.12 required, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -U pip

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(PY) -m portal.devstack run

# Browser tests (tests/e2e) drive Debian's Chromium. As root (CI) `make test` installs it when it is
# missing; otherwise it says how, and the browser tests fail unless PORTAL_SKIP_BROWSER_TESTS=1.
CHROMIUM ?= /usr/bin/chromium

test: $(VENV)/.installed-test
	@if [ ! -x "$(CHROMIUM)" ] && [ "$$PORTAL_SKIP_BROWSER_TESTS" != 1 ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
	      || echo "apt-get could not install chromium; the browser tests will fail."; \
	  else \
	    echo "$(CHROMIUM) is missing: run 'sudo apt-get install chromium', or set" \
	         "PORTAL_SKIP_BROWSER_TESTS=1 to skip tests/e2e. Until then the browser tests fail."; \
	  fi; \
	fi
	PORTAL_CHROMIUM=$(CHROMIUM) $(PY) -m portal.devstack test $(ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.installed-test
	$(PY) -m bench

clean-var:
	rm -rf var/
