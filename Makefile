# Two commands on a fresh machine: `make site` (build the site) and `make test` (run the tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site serve test lint validate clean bench chromium

$(BIN)/.site-deps: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(BIN)/.dev-deps: $(BIN)/.site-deps requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Validate the entries and build the static site into site/ (atomic: a failure keeps the old site).
site: $(BIN)/.site-deps
	$(BIN)/atlas build

## Preview the site; pages are regenerated when an entry or a doc changes.
serve: $(BIN)/.site-deps
	$(BIN)/atlas build --pages-only
	$(BIN)/mkdocs serve

validate: $(BIN)/.site-deps
	$(BIN)/atlas validate

## Browser tests use Debian's Chromium (Playwright must not download a browser of its own).
chromium:
	@test -x /usr/bin/chromium || { echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## Lint and run the whole test suite.
test: $(BIN)/.dev-deps chromium
	$(BIN)/ruff check scripts tests
	$(BIN)/atlas fmt --check
	$(BIN)/python -m pytest

bench: $(BIN)/.dev-deps chromium
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_scale.py 100 1000 5000

clean:
	rm -rf build site $(VENV)
