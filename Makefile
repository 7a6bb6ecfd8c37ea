# Two commands a new user needs: `make demo` and `make test`.
# Both bootstrap .venv from nothing but python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/modelo-servicio batch profiles --out-dir reports
	@echo "Reports written to reports/ (start with reports/index.md)"

test: $(VENV)/.installed-test lint typecheck unit

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

unit: $(VENV)/.installed-test
	$(BIN)/pytest --cov --cov-report=term:skip-covered

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) reports .mypy_cache .pytest_cache .ruff_cache .coverage
