# The two commands a newcomer needs: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint bench clean-db

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## Start the app on http://localhost:$(PORT) (the sample company loads on first start).
run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT)

## The whole suite: unit, AppTest and browser tests (installs Debian's chromium, PostgreSQL and Java when missing).
test: $(VENV)/.dev
	sh scripts/ensure-chromium.sh
	sh scripts/ensure-engines.sh
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check dashboard pages tests bench app.py

## Benchmarks (not part of the test run); see bench/README.md. At 1M accounts:
## make bench BENCH_ARGS="--accounts 1000000 --usage-rows 100000000 --db bench/data/book_1m.duckdb"
BENCH_ARGS ?=
bench: $(VENV)/.dev
	$(PY) -m bench all $(BENCH_ARGS)
