# The two set-up commands (README): `make run` and `make test`. Both build .venv from scratch if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= corpus
INDEX ?= index

.PHONY: run test test-whoosh274 fuzz install install-test bench bench-quick clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# The benchmark's baselines (tantivy) besides the product.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/filings reindex --corpus $(CORPUS) --index $(INDEX)
	$(BIN)/filings serve --corpus $(CORPUS) --index $(INDEX)

test: install-test
	$(BIN)/python -m pytest

# The fuzzing properties with fresh random examples, FUZZ_EXAMPLES of each (tests run 150): a campaign to run
# before a release and after changing the query parser, the search module or the error paths.
FUZZ_EXAMPLES ?= 3000
fuzz: install-test
	CI= FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py

# whoosh==2.7.4 must stay a drop-in fallback for whoosh3: the same suite, on the original.
# Its old modules warn (SyntaxWarning, DeprecationWarning) on import; only those are let through.
FALLBACK := .venv-whoosh274
test-whoosh274:
	$(PYTHON) -m venv $(FALLBACK)
	$(FALLBACK)/bin/python -m pip install --quiet --upgrade pip
	$(FALLBACK)/bin/python -m pip install --quiet -e '.[test]'
	$(FALLBACK)/bin/python -m pip uninstall --quiet -y whoosh3
	$(FALLBACK)/bin/python -m pip install --quiet whoosh==2.7.4
	$(FALLBACK)/bin/python -m pytest -q -m "not browser" -W ignore::SyntaxWarning -W ignore::DeprecationWarning

clean:
	rm -rf $(VENV) $(FALLBACK) build *.egg-info

# Results go to benchmarks/results/ (not committed); see benchmarks/README.md. The cluster's part
# needs searchd (Debian: apt-get install sphinxsearch); without it that part says it is skipped.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.bench

bench-quick: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.bench --quick
