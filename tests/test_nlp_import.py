"""qa.nlp loads spaCy without importing torch (thinc's optional import), with the same parses."""
import json
import subprocess
import sys

SCRIPT = r"""
import json, sys
if sys.argv[1] == "torch-first":
    import torch  # noqa: F401  then thinc finds torch loaded and uses nothing of it
from qa.nlp import pipeline
doc = pipeline()("The ministry said on Monday that 4,500 workers had been moved to the northern plant.")
out = {"torch_loaded": "torch" in sys.modules,
       "parse": [(t.text, t.dep_, t.head.i, t.lemma_, t.tag_, t.ent_type_) for t in doc]}
import torch  # importable as usual once spaCy is loaded
out["torch_after"] = torch.tensor([1.0]).shape[0] == 1
print(json.dumps(out))
"""


def _run(mode: str) -> dict:
    p = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout)


def test_spacy_loads_without_torch_and_parses_the_same():
    hidden, with_torch = _run("plain"), _run("torch-first")
    assert hidden["torch_loaded"] is False and with_torch["torch_loaded"] is True
    assert hidden["parse"] == with_torch["parse"]
    assert hidden["torch_after"] and with_torch["torch_after"]
