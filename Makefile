# diplograph: `make serve` and `make test` work from a fresh clone with Python 3.11+ and npm.
PYTHON ?= python3
NPM    ?= npm
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The pages' JavaScript (Cytoscape.js, YASGUI), installed exactly as package-lock.json pins it;
# no package's install script runs (none is needed: the files are served as published).
NODE_STAMP := node_modules/.installed
# MkDocs and the Material theme, for `make docs` only (the `docs` extra).
DOCS_STAMP := $(VENV)/.docs-installed
# `oxigraph serve` and rdflib-endpoint, what `make bench` compares against (the `bench` extra).
BENCH_STAMP := $(VENV)/.bench-installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The store `make serve` loads and serves; also the CLI's default when run from this checkout
# (graph/store/__init__.py), so .venv/bin/diplograph acts on the store the server shows.
export DIPLOGRAPH_STORE ?= oxigraph:$(CURDIR)/var/store

.PHONY: serve test lint docs bench bench-10m load install clean conformance ledger-eval

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	$(NPM) ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

$(DOCS_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,docs]"
	touch $(DOCS_STAMP)

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(BENCH_STAMP)

install: $(STAMP) $(NODE_STAMP)

load: $(STAMP)
	$(BIN)/diplograph load

# Status-event extraction against data/devset/ledger (development and held-out texts apart) and
# against the curated events of the corpus documents.
ledger-eval: $(STAMP)
	$(BIN)/diplograph evaluate --ledger development
	$(BIN)/diplograph evaluate --ledger held_out
	$(BIN)/diplograph evaluate --ledger corpus

serve: load $(NODE_STAMP)
	$(BIN)/diplograph serve --host $(HOST) --port $(PORT)

test: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check graph api tests bench
	$(BIN)/mypy

# The site, with the reference pages generated from the code; --strict turns every warning
# (a broken link, a missing include) into a failure. Nothing is fetched at build time.
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

# The W3C SPARQL 1.1 suites (../shared/w3c-sparql11) against the embedded store, Virtuoso and
# `oxigraph serve` where installed: EARL reports and a table in var/conformance/ (git-ignored;
# docs/conformance.md keeps the measured table). `make test` runs the same suites as tests.
conformance: $(STAMP)
	$(BIN)/python -m tests.conformance.report --out var/conformance

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py

bench-10m: $(BENCH_STAMP)
	$(BIN)/python bench/run.py --triples 10000000 --cold-sizes "" --rdflib-triples 1000000

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache node_modules site
