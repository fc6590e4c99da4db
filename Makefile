# Two commands for a fresh clone (Python 3.11+): `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: serve build test lint validate bench chromium clean

serve: $(STAMP)  ## set up and serve the site with live reload on http://127.0.0.1:8000/
	$(BIN)/learnpath serve

build: $(STAMP)  ## build the site into site/ (strict: warnings fail); ENGINE=zensical or properdocs
	$(BIN)/learnpath build --strict --engine $(or $(ENGINE),mkdocs)

test: $(STAMP) chromium  ## set up and run every test: lint, unit, build and browser tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

validate: $(STAMP)  ## check the roadmap YAML
	$(BIN)/learnpath validate roadmap

BENCH_LOG := $(or $(TMPDIR),/tmp)/learnpath-bench.log
BENCH     := PYTHONUNBUFFERED=1 $(BIN)/python

bench: $(STAMP)  ## speed and memory benchmarks, each against its target, verdicts last (~25 min)
	@: > $(BENCH_LOG)
	-$(BENCH) bench/build_speed.py 2>&1 | tee -a $(BENCH_LOG)
	-$(BENCH) bench/engines.py 2>&1 | tee -a $(BENCH_LOG)
	-$(BENCH) bench/live_reload.py 2>&1 | tee -a $(BENCH_LOG)
	-$(BENCH) bench/validate_speed.py 2>&1 | tee -a $(BENCH_LOG)
	-$(BENCH) bench/scale.py 2>&1 | tee -a $(BENCH_LOG)
	-$(BENCH) bench/link_check.py 2>&1 | tee -a $(BENCH_LOG)
	-$(BENCH) bench/hostile_markdown.py 2>&1 | tee -a $(BENCH_LOG)
	@echo; echo "Verdicts (all output above, and in $(BENCH_LOG)):"
	@grep -E '^[^ ].*(PASS|FAIL)$$' $(BENCH_LOG)

chromium:  ## the browser tests drive Debian's chromium; install it if missing
	@bash scripts/ensure-chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf site test-output .pytest_cache .ruff_cache
