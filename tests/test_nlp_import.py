"""qa.nlp loads spaCy without importing torch (thinc's optional import) or spaCy's command line
(spacy.cli, re-exported as spacy.info), with the same parses; both stay importable afterwards."""
import json
import subprocess
import sys

SCRIPT = r"""
import json, sys
if sys.argv[1] == "plain-first":
    import torch  # noqa: F401  then thinc finds torch loaded and uses nothing of it
    import spacy  # noqa: F401  imported the ordinary way: qa.nlp's guard has nothing to do
from qa.nlp import pipeline
doc = pipeline()("The ministry said on Monday that 4,500 workers had been moved to the northern plant.")
out = {"loaded": sorted(m for m in ("torch", "spacy.cli", "typer") if m in sys.modules),
       "parse": [(t.text, t.dep_, t.head.i, t.lemma_, t.tag_, t.ent_type_) for t in doc]}
import spacy
out["info"] = "spaCy version" in spacy.info(silent=True) or "spacy_version" in spacy.info(silent=True)
out["cli_attr"] = callable(spacy.cli.download)  # the real spacy.cli, imported on first use
import spacy.cli
out["cli_real"] = spacy.cli.download.__module__ == "spacy.cli.download" and sys.modules["spacy.cli"] is spacy.cli
import torch  # importable as usual once spaCy is loaded
out["torch_after"] = torch.tensor([1.0]).shape[0] == 1
print(json.dumps(out))
"""


def _run(mode: str) -> dict:
    p = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return json.loads(p.stdout)


def test_spacy_loads_without_torch_or_its_cli_and_parses_the_same():
    guarded, plain = _run("guarded"), _run("plain-first")
    assert guarded["loaded"] == [] and plain["loaded"] == ["spacy.cli", "torch", "typer"]
    assert guarded["parse"] == plain["parse"]
    for out in (guarded, plain):
        assert out["info"] and out["cli_attr"] and out["cli_real"] and out["torch_after"]
