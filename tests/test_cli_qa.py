"""`factqa ask/check`: JSON output, batch mode, bad input."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTQA = str(Path(sys.executable).parent / "factqa")


def run(*args, **kw):
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    return subprocess.run([FACTQA, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300, **kw)


def test_ask_json(seed_store):
    p = run("ask", "--json", "How many North Korean troops are in Kursk?", "--store", seed_store)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["mode"] == "ask" and d["answerable"] and "11,000" in d["answer"]


def test_check_batch_in_order(seed_store, tmp_path):
    f = tmp_path / "claims.jsonl"
    claims = ["North Korea maintains around 1.28 million active troops", "North Korea has sent 100,000 troops to Russia"]
    f.write_text("\n".join(json.dumps({"question": c}) for c in claims) + "\n", encoding="utf-8")
    p = run("check", "--json", "--batch", f, "--store", seed_store)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["question"] for r in rows] == claims
    assert rows[0]["verdict"] == "supported" and rows[1]["verdict"] in ("refuted", "conflicting")


def test_empty_question_exit_2(seed_store):
    p = run("ask", "   ", "--store", seed_store)
    assert p.returncode == 2 and p.stderr.startswith("Error:") and "Traceback" not in p.stderr


def test_no_store_says_which_command_builds_it(tmp_path):
    p = run("ask", "anything?", "--store", tmp_path / "nope")
    assert p.returncode == 2 and "factqa index build" in p.stderr


def test_huge_question_exit_2(seed_store, tmp_path):
    p = run("check", "x " * 50_000, "--store", seed_store)
    assert p.returncode == 2 and "limit" in p.stderr
