# Two commands on a fresh machine: `make site` and `make test`. Both create .venv and
# install the pinned dependencies first; `make serve` previews with live reload.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# One stamp per set of pins: `make site` installs what building needs; the tests, lint and
# benchmark add the development tools on top.
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

SOURCES := mkdocs.yml $(wildcard questions/*) $(shell find scripts -type f -not -path '*/__pycache__/*' 2>/dev/null) $(wildcard docs/*.md)

.PHONY: site serve test check lint bench deploy clean

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	# The generator itself, from this checkout (editable: an edit under scripts/ takes effect at once).
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-[0-9]*
	@touch $@

# The search engine: Pagefind's npm release, pinned in scripts/studyguide/engine/ and installed
# into .venv (PyPI's wheel is older and much slower on large guides; it does the job without npm).
ENGINE := $(VENV)/.engine-$(shell cat scripts/studyguide/engine/package-lock.json | cksum | cut -d' ' -f1)
# Its stamp is written only once the pinned engine is in place (a failure or a missing npm is
# said, the build goes on with the wheel's, and the next make tries again); the installed copy
# of the lock going missing (.venv/npm removed) asks for a new install too. The site is rebuilt
# when that copy changes, not on every make that could not install.
INSTALLED_ENGINE := $(VENV)/npm/package-lock.json
$(ENGINE): scripts/studyguide/engine/package-lock.json $(STAMP) $(INSTALLED_ENGINE)
	@rm -f $(VENV)/.engine-*
	-$(BIN)/python -m studyguide.engineinstall --done $@
$(INSTALLED_ENGINE): ;

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-dev-*
	@touch $@

# The addresses a build bakes in (SITE_URL, REPO_URL, REPO_BRANCH) are inputs too: the file
# below changes only when they do, so a build with other addresses is never skipped as done.
ADDRESSES := $(SITE_URL)|$(REPO_URL)|$(REPO_BRANCH)
$(shell mkdir -p .make && (test "$$(cat .make/addresses 2>/dev/null)" = '$(ADDRESSES)' || echo '$(ADDRESSES)' > .make/addresses))

# The site and every download it offers (cheat sheet PDF, Anki deck), rebuilt only when an input changed.
site: site/.built
site/.built: $(STAMP) $(wildcard $(INSTALLED_ENGINE)) .make/addresses $(filter-out docs/index.md docs/tags.md docs/glossary.md,$(SOURCES)) | $(ENGINE)
	$(BIN)/mkdocs build --strict
	@touch $@

# Live preview. After an edit, MkDocs rebuilds only the pages the generator rewrote
# (--dirtyreload): seconds on a guide of 1,000 questions, where a full rebuild takes most
# of a minute. The navigation of untouched pages may lag until the next full build;
# `make serve SERVE_MODE=--livereload` rebuilds everything on every change.
SERVE_MODE ?= --dirtyreload
serve: $(STAMP) $(ENGINE)
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve $(SERVE_MODE) --dev-addr 127.0.0.1:8000

test: $(DEV_STAMP) $(ENGINE)
	$(BIN)/python -m pytest -n auto --maxprocesses 4

check: $(STAMP) $(ENGINE)
	$(BIN)/python scripts/build_pages.py --check
	$(BIN)/mkdocs build --strict --quiet --site-dir $$(mktemp -d)

lint: $(DEV_STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

bench: $(DEV_STAMP) $(ENGINE)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/search.py

# Publish to the gh-pages branch by hand, with the addresses taken from the `origin` remote
# (or SITE_URL and REPO_URL when set); refuses, saying why, when they cannot be known.
deploy: $(STAMP) $(ENGINE)
	@addresses=$$($(BIN)/python scripts/build_pages.py addresses .) && export $$addresses && \
	  echo "Publishing to $$SITE_URL" && $(BIN)/mkdocs gh-deploy --strict --force --no-history

clean:
	rm -rf site .pytest_cache .cache/studyguide
