# The verbs a newcomer needs. `make briefs` and `make test` do all the set-up themselves.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DATA    ?= data/raw
OUT     ?= reports
WORKERS ?= 2

.PHONY: setup system briefs extract test lint lab bench bench-extract fuzz clean

setup: $(STAMP) system

# Exactly the pinned versions of requirements.lock (--no-deps: the lock is the whole set, and
# pip check proves it), then the project itself, editable. The lock leaves out rfc3987-syntax,
# an optional extra of jsonschema that JupyterLab's event schemas ask for: installed, it builds
# a grammar at every `import altair` (1.8 s of CPU in every worker, kernel and test process).
$(STAMP): pyproject.toml requirements.lock
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# CJK font, pango (WeasyPrint) and poppler (tests): apt-get when root, otherwise says what to run.
system:
	@bash scripts/system-deps.sh

briefs: setup
	$(BIN)/briefs batch --data $(DATA) --out $(OUT) --workers $(WORKERS)

extract: setup
	$(BIN)/briefs extract $(DATA) -o $(OUT)/indicators.csv

# The whole suite on both cores (pytest-xdist); work shared across tests is made once.
test: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q -n 2

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# JupyterLab on the notebooks (they run with their defaults from notebooks/). Jupyter refuses
# to start as root unless told (a root server lets any page it serves run code as root); in the
# root-only containers this project is often run in, there is no other user, so say so then.
lab: setup
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root)

# Ours vs Recognizers-Text (its own venv, bench/.venv-recognizers). YEARS=all|2015-2025 (default).
bench-extract: setup
	$(BIN)/python bench/extract.py $(if $(YEARS),--years $(YEARS))

# Then briefs batch vs the naive CLI loop over national 2016-2025 (BATCH_YEARS=1978- for more),
# the 16 provinces of 2026 and the sample (~12 min), and one summary table of both. Outputs go
# to temp folders, never reports/.
bench: bench-extract
	$(BIN)/python bench/batch.py $(if $(BATCH_YEARS),--years $(BATCH_YEARS))
	$(BIN)/python bench/summary.py

# 10,000 generated inputs per property (make test runs the same tests with 200).
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_fuzz.py -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
