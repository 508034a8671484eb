# Two commands for a fresh Debian machine (Python 3.11+, Node 20+, npm):
#   make serve   set up, build and serve the default site at http://127.0.0.1:8000
#   make test    set up (installing chromium and nginx when root) and run every test
# Others: make site [PARTNERSHIP=<slug>], make dev, make review, make bench, make audit, make clean

PYTHON ?= python3
PARTNERSHIP ?=
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
CONFIG := $(if $(PARTNERSHIP),partnerships/$(PARTNERSHIP)/mkdocs.yml,mkdocs.yml)
WHEEL := build/wheel/safeguarding_checkers-1.0.0-py3-none-any.whl
RUNTIME := build/pyodide/runtime.json
CHECKERS_SOURCES := $(wildcard checkers/*.py) pyproject.toml

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup site serve dev test review bench audit runtime wheel system-deps clean

setup: $(VENV)/.installed node_modules/.installed

# Every package with its hash (--require-hashes refuses any other file); pip itself first, so that
# the pinned pip installs the rest.
$(VENV)/.installed: requirements.txt requirements-pip.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --requirement requirements-pip.txt
	$(PY) -m pip install --quiet --require-hashes --requirement requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

wheel: $(WHEEL)

$(WHEEL): $(CHECKERS_SOURCES) $(VENV)/.installed
	rm -rf build/wheel build/lib *.egg-info
	$(PY) -m build --wheel --no-isolation --outdir build/wheel . > build-wheel.log 2>&1 || (cat build-wheel.log; exit 1)
	rm -rf build/lib *.egg-info build-wheel.log

runtime: $(RUNTIME)

$(RUNTIME): $(WHEEL) node_modules/.installed scripts/build_pyodide_runtime.mjs
	node scripts/build_pyodide_runtime.mjs --wheel $(WHEEL) --out build/pyodide

site: setup $(RUNTIME)
	$(VENV)/bin/mkdocs build --strict --config-file $(CONFIG) --site-dir $(CURDIR)/site

serve: site
	$(PY) scripts/serve.py site --port $(PORT)

# Live-reloading preview for authors (no security headers; use `make serve` to see the real thing).
dev: setup $(RUNTIME)
	$(VENV)/bin/mkdocs serve --config-file $(CONFIG) --dev-addr 127.0.0.1:$(PORT)

review: $(VENV)/.installed
	$(PY) scripts/review_dates.py

# chromium drives the browser tests; nginx serves the site as deployed (deploy/nginx.conf).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing > /dev/null; \
	  else \
	    echo "The tests need Debian packages:$$missing. Install them with:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

test: setup system-deps $(RUNTIME)
	$(PY) -m pytest

bench: setup $(RUNTIME)
	$(PY) scripts/bench_checkers.py
	node scripts/bench_pyodide_node.mjs
	$(PY) scripts/bench_site.py

audit: site system-deps
	$(PY) scripts/audit.py

clean:
	rm -rf site build .pytest_cache .coverage .hypothesis
