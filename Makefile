# Two commands do all set-up on a fresh machine (Python 3.11+):
#   make run    install into .venv and start newsbot (Telegram bot with a token, console without)
#   make test   install into .venv and run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsbot

test: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_seed.py
	$(BIN)/python benchmarks/eval_cmrc.py

clean:
	rm -rf $(VENV) build *.egg-info
