# Two commands on a fresh machine: `make run` and `make test`. `make help` lists the rest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run demo test bench lint format assets

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(INSTALLED)

install: $(INSTALLED) ## Create .venv and install the dependencies

run: $(INSTALLED) ## Migrate, load the demo and serve http://127.0.0.1:8000 (development)
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py demo_data
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: $(INSTALLED) ## Rebuild the demo data from scratch (deletes all reviews and actions)
	DEBUG=true $(BIN)/python manage.py demo_data --reset

TEST_WORKERS ?= auto
test: $(INSTALLED) ## Run the test suite (SQLite, or PostgreSQL when DATABASE_URL is set), one process per core
	DEBUG=true $(BIN)/pytest -n $(TEST_WORKERS)

SCALES ?= 1,10,100,1000
bench: $(INSTALLED) ## Time every page at 1×, 10×, 100× and 1000× the demo's data (SCALES=1,100 for fewer)
	DEBUG=true $(BIN)/python -m bench.run --scales $(SCALES) $(BENCH_ARGS)

lint: $(INSTALLED) ## ruff check, ruff format --check and makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

format: $(INSTALLED) ## Fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

assets: ## Rebuild GOV.UK Frontend into static/govuk (needs Node.js 20.19+ and npm)
	bash assets/build.sh
