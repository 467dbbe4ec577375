# Two commands on a fresh machine: `make site` and `make test`. Both create .venv and
# install the pinned dependencies first; `make serve` previews with live reload.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

SOURCES := mkdocs.yml $(wildcard questions/*) $(shell find scripts docs/assets -type f -not -path '*/__pycache__/*' 2>/dev/null) $(wildcard docs/*.md)

.PHONY: site serve test check lint bench deploy clean

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

# The site and every download it offers (cheat sheet PDF, Anki deck), rebuilt only when an input changed.
site: site/.built
site/.built: $(STAMP) $(filter-out docs/index.md docs/tags.md docs/glossary.md,$(SOURCES))
	$(BIN)/mkdocs build --strict
	@touch $@

# Live preview. After an edit, MkDocs rebuilds only the pages the generator rewrote
# (--dirtyreload): seconds on a guide of 1,000 questions, where a full rebuild takes most
# of a minute. The navigation of untouched pages may lag until the next full build;
# `make serve SERVE_MODE=--livereload` rebuilds everything on every change.
SERVE_MODE ?= --dirtyreload
serve: $(STAMP)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve $(SERVE_MODE) --dev-addr 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python scripts/build_pages.py --check
	$(BIN)/mkdocs build --strict --quiet --site-dir $$(mktemp -d)

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

bench: $(STAMP)
	$(BIN)/python bench/run.py

deploy: $(STAMP) site
	$(BIN)/mkdocs gh-deploy --force --no-history

clean:
	rm -rf site .pytest_cache .cache/studyguide
