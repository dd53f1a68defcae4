# One entry point for developer commands. A fresh machine needs only `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HF_HUB_OFFLINE := 1

.PHONY: run test install check lint typecheck wheel-smoke eval-smoke clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found); set PY=/path/to/python3.11"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/uv pip install --python $(BIN)/python -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/assist serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	scripts/test

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# What CI runs (.ci/run): lint, types, then every test. Any failure stops it.
check: lint typecheck test

# Build the wheel, install it in a fresh virtualenv outside the checkout, serve it, call /v1/assist.
wheel-smoke: $(STAMP)
	scripts/wheel-smoke

eval-smoke: $(STAMP)
	$(BIN)/assist eval run evals/suites/smoke.yaml

clean:
	rm -rf $(VENV) .assist .pytest_cache .mypy_cache .ruff_cache build dist
