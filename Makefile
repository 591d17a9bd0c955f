# factqa: `make serve` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
STORE ?= .factqa/store
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install browser index serve test test-slow bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

$(STORE)/CURRENT: | $(STAMP)
	$(VENV)/bin/factqa index build seeds/ --store $(STORE)

index: $(STORE)/CURRENT

serve: install index
	$(VENV)/bin/factqa serve --store $(STORE)

test: install browser
	$(VENV)/bin/pytest

test-slow: install browser
	$(VENV)/bin/pytest -m slow

bench: install
	$(VENV)/bin/python -m qa.benchmarks

clean:
	rm -rf $(VENV) .factqa
