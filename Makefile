# Two commands for a fresh Debian machine (Python 3.11+, Node 20+, npm):
#   make serve   set up, build and serve the default site at http://127.0.0.1:8000
#   make test    set up (installing chromium and nginx when root) and run every test
# Others: make site [EDITION=examples/<name>], make package, make dev, make review, make bench,
# make audit, make test-checkers, make mutate, make clean

PYTHON ?= python3
PARTNERSHIP ?=
EDITION ?= $(if $(PARTNERSHIP),examples/$(PARTNERSHIP),)
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
CONFIG := $(if $(EDITION),$(EDITION)/mkdocs.yml,mkdocs.yml)
WHEEL := build/wheel/safeguarding_checkers-1.0.0-py3-none-any.whl
RUNTIME := build/pyodide/runtime.json
CHECKERS_SOURCES := $(wildcard checkers/*.py) packaging/checkers/pyproject.toml

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup site serve dev test test-checkers mutate review bench audit runtime wheel package system-deps pdf-deps clean

setup: $(VENV)/.installed node_modules/.installed

# Every package with its hash (--require-hashes refuses any other file); pip itself first, so that
# the pinned pip installs the rest. Then this repository's own package (the `safeguarding` MkDocs
# plugin and the safeguarding-guidance command), editable: it builds from the files in this tree.
$(VENV)/.installed: requirements.txt requirements-pip.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --requirement requirements-pip.txt
	$(PY) -m pip install --quiet --require-hashes --requirement requirements.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation --editable . > /dev/null
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

wheel: $(WHEEL)

$(WHEEL): $(CHECKERS_SOURCES) $(VENV)/.installed
	rm -rf build/wheel
	$(PY) scripts/build_package.py checkers --out build/wheel

runtime: $(RUNTIME)

$(RUNTIME): $(WHEEL) node_modules/.installed scripts/build_pyodide_runtime.mjs docs/assets/javascripts/snapshot-file.mjs $(wildcard scripts/runtime_build/*.py)
	node scripts/build_pyodide_runtime.mjs --wheel $(WHEEL) --out build/pyodide

# The one wheel a partnership installs (safeguarding-guidance), into dist/.
package: setup $(RUNTIME)
	$(PY) scripts/build_package.py guidance --out dist

site: setup pdf-deps $(RUNTIME)
	$(VENV)/bin/mkdocs build --strict --config-file $(CONFIG) --site-dir $(CURDIR)/site

serve: site
	$(PY) scripts/serve.py site --port $(PORT)

# Live-reloading preview for authors (no security headers; use `make serve` to see the real thing).
dev: setup $(RUNTIME)
	$(VENV)/bin/mkdocs serve --config-file $(CONFIG) --dev-addr 127.0.0.1:$(PORT)

review: $(VENV)/.installed
	$(PY) scripts/review_dates.py

# Debian packages: chromium drives the browser tests; nginx serves the site as deployed
# (deploy/nginx.conf); Pango is the library WeasyPrint draws the PDF's text with. As root they are
# installed with apt-get when missing; otherwise the command to run is printed.
system-deps: NEEDS = chromium nginx pango
pdf-deps: NEEDS = pango
system-deps pdf-deps:
	@missing=""; \
	for need in $(NEEDS); do \
	  case $$need in \
	    chromium) command -v chromium >/dev/null 2>&1 || missing="$$missing chromium";; \
	    nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx";; \
	    pango) /sbin/ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0 ' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0";; \
	  esac; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing > /dev/null; \
	  else \
	    echo "These Debian packages are needed:$$missing. Install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# Two processes (pytest-xdist), each test file in one of them: the browser tests wait on Chromium
# much of the time, so two share two cores well. TEST_PROCESSES=0 runs everything in this process.
TEST_PROCESSES ?= 2
test: setup system-deps $(RUNTIME)
	$(PY) -m pytest --numprocesses $(TEST_PROCESSES) --dist loadfile

# The checkers' own tests (scenarios, units, properties, CLI, decision record, malformed input, law
# register and currency, case-study outcomes): no browser, no site build, no node; only the venv.
# Tests in these files that need a site are marked `site` (tests/conftest.py) and left out. Every
# branch of checkers/ must be reached by these tests alone. scripts/mutate_checkers.py runs the same set.
CHECKER_TESTS := tests/test_scenarios.py tests/test_units.py tests/test_malformed_input.py tests/test_cli.py \
	tests/test_decision_record.py tests/test_law_register.py tests/test_law_currency.py tests/test_case_studies.py \
	tests/test_checker_properties.py tests/test_england_date.py
test-checkers: $(VENV)/.installed
	$(PY) -m pytest -m "not site" -p no:cacheprovider --cov-fail-under=100 $(CHECKER_TESTS)

# Sampled changes to the checkers' rules, each run against the tests above in a temporary copy of the
# repository: prints the share caught and every survivor (a report; it always exits 0).
# MUTATE_ARGS, for example MUTATE_ARGS="--seed 7 --count 120 --files lawful_basis.py".
MUTATE_ARGS ?=
mutate: $(VENV)/.installed
	$(PY) scripts/mutate_checkers.py $(MUTATE_ARGS)

bench: setup $(RUNTIME)
	$(PY) scripts/bench_checkers.py
	node scripts/bench_pyodide_node.mjs
	$(PY) scripts/bench_site.py
	$(PY) scripts/lighthouse.py

audit: site system-deps
	$(PY) scripts/audit.py

clean:
	rm -rf site build dist .pytest_cache .coverage .hypothesis
