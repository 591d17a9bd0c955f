"""What a cold ``factqa ask`` / ``check`` process imports: on an ONNX store no torch, no bm25s/scipy,
no spaCy command line; on a store built with the torch runtime, torch is used and the answer comes."""
import json
import subprocess
import sys

import pytest

from index.build import update_store

ARTICLE = ("Harbour report\n\nThe harbour of Testport handled 4,321 ships last year, the port authority said. "
           "Most of them carried grain. A new crane that lifts 80 tonnes arrived in March.\n")
RUNNER = r"""
import atexit, json, sys
HEAVY = ("torch", "transformers", "sentence_transformers", "bm25s", "scipy", "spacy.cli", "typer")
atexit.register(lambda: print("MODULES " + json.dumps(sorted(m for m in HEAVY if m in sys.modules))))
from ui.cli import main
sys.argv = ["factqa", *sys.argv[1:]]
main()
"""


def _cli(*args: str) -> tuple[str, list[str]]:
    p = subprocess.run([sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    body, _, mods = p.stdout.rpartition("MODULES ")
    return body, json.loads(mods)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("harbour")
    (d / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    return d


def test_ask_and_check_on_an_onnx_store_import_no_torch(corpus, tmp_path):
    store = tmp_path / "store"
    update_store(store, [corpus], mode="build", runtime="onnx", progress=False)
    body, mods = _cli("ask", "How many ships did the harbour of Testport handle?", "--store", str(store), "--local", "--json")
    assert "4,321" in json.loads(body)["answer"] and mods == []
    body, mods = _cli("check", "Testport handled 4,321 ships last year.", "--store", str(store), "--local", "--json")
    assert json.loads(body)["verdict"] and mods == []


@pytest.mark.slow  # loads torch and sentence-transformers twice (build, then the CLI): ~25 s on 2 busy cores
def test_a_torch_runtime_store_still_answers(corpus, tmp_path):
    store = tmp_path / "store"
    update_store(store, [corpus], mode="build", runtime="torch", progress=False)
    body, mods = _cli("ask", "How many ships did the harbour of Testport handle?", "--store", str(store), "--local", "--json")
    assert "4,321" in json.loads(body)["answer"] and "torch" in mods and "spacy.cli" not in mods
