# navtrain — the two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1
# nbgrader shells out to `alembic`: keep the venv's bin first on PATH
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: help venv run test lint lab bench clean

help:
	@echo "make run    set up .venv, build the student release of the exercises, render the sample case to site/"
	@echo "make test   set up .venv and run the whole test suite (lint, unit, doctests, notebooks, nbgrader, papermill)"
	@echo "make lab    start JupyterLab on the curriculum (courses/, exercises/, cases/)"
	@echo "make bench  run the benchmarks and rewrite docs/benchmarks.md"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "navtrain needs Python >= 3.11; found " + sys.version.split()[0] + " (install python3.11 or set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (navtrain)" >/dev/null
	@touch $@

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/navtrain course release e1_trend
	$(BIN)/navtrain cases render sample --out site
	@echo ""
	@echo "Outputs:"
	@echo "  student release of the exercises : $(CURDIR)/exercises/release/"
	@echo "  typical-case site                : $(CURDIR)/site/index.html"
	@echo "  sample case page and its record  : $(CURDIR)/site/sample.html, $(CURDIR)/site/sample.ipynb"
	@echo "Next: 'make lab' to open the curriculum in JupyterLab."

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

lab: $(STAMP)
	$(BIN)/navtrain lab

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf site exercises/release exercises/submitted exercises/autograded exercises/feedback \
	       exercises/gradebook.db exercises/.exchange
