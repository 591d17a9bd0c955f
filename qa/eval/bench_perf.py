"""Index build and query performance (``python -m qa.eval.benchmarks perf-index`` / ``perf-query``; the
command line and the child subcommands ``_index-one``, ``_peer-one``, ``_query-one`` are in ``qa.eval.benchmarks``,
whose docstring describes the runs)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from qa.eval.benchmarks import (ROOT, SEEDS, _log, _pct, _write_json, ensure_store, environment, prepared,
                                scifact_subset)


def _start_child(cmd: str, *args: str) -> tuple[subprocess.Popen, Path, float]:
    """Start ``python -m qa.eval.benchmarks <cmd> <args> --result F`` in a fresh process."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        result_path = Path(fh.name)
    proc = subprocess.Popen([sys.executable, "-m", "qa.eval.benchmarks", cmd, *args, "--result", str(result_path)],
                            cwd=ROOT)
    return proc, result_path, time.perf_counter()


def _finish_child(started: tuple[subprocess.Popen, Path, float]) -> dict:
    """Wait for a child from ``_start_child``; its result JSON plus its wall time."""
    proc, result_path, t = started
    try:
        if proc.wait() != 0:
            raise subprocess.CalledProcessError(proc.returncode, proc.args)
        out = json.loads(result_path.read_text(encoding="utf-8"))
        out["process_wall_s"] = round(time.perf_counter() - t, 2)  # incl. interpreter start and imports
        return out
    finally:
        result_path.unlink(missing_ok=True)


def _child(cmd: str, *args: str) -> dict:
    return _finish_child(_start_child(cmd, *args))


def _perf_corpus(name: str, work: Path) -> tuple[Path, Path]:
    """(corpus, gold) of a perf-index dataset: seed, scifact, or scifact-subsetN (for iterating)."""
    if name == "seed":
        return SEEDS, SEEDS / "gold.jsonl"
    if name.startswith("scifact-subset"):
        d = scifact_subset(prepared("scifact", work), work, int(name.removeprefix("scifact-subset")))
    else:
        d = prepared(name, work)
    return d / "corpus.jsonl", d / "gold.jsonl"


def perf_index(out: Path, work: Path, model: str = "minilm", datasets: tuple[str, ...] = ("seed", "scifact"),
               runtime: str | None = None, peer: bool = True) -> dict:
    """One run, side by side: per dataset, factqa's build and the peer's build + retrieval over
    whole documents (jsonl corpora only) in two child processes started together, so both see the
    same machine load; then factqa's retrieval scores and warm query latency on its store (child).
    Ratios are factqa / peer within this run, in wall time and in CPU time."""
    from index.embed import default_runtime

    runtime = runtime or default_runtime()
    runs = {}
    for name in datasets:
        corpus, gold = _perf_corpus(name, work)
        store = (work / "seed" if name == "seed" else corpus.parent) / f"store-{model}-{runtime}"
        row: dict[str, Any] = {"uptime_before": _uptime()}
        peer_run = None
        if peer and corpus.is_file():
            _log(f"perf-index {name}: peer build (sentence-transformers + FAISS over whole documents), concurrently")
            peer_run = _start_child("_peer-one", "--corpus", str(corpus), "--gold", str(gold),
                                    "--index", str(corpus.parent / f"peer-{model}.faiss"), "--model", model)
        _log(f"perf-index {name}: factqa build ({model}, {runtime})")
        row["factqa"] = _child("_index-one", "--corpus", str(corpus), "--store", str(store), "--model", model,
                               "--runtime", runtime)
        if peer_run is not None:
            row["peer"] = _finish_child(peer_run)
        _log(f"perf-index {name}: factqa retrieval scores and warm query latency")
        row["factqa_query"] = _child("_query-one", "--store", str(store), "--gold", str(gold))
        row["uptime_after"] = _uptime()
        if "peer" in row:
            f, p = row["factqa"], row["peer"]
            row["build_ratio_vs_peer"] = round(f["build_s"] / p["build_s"], 3)
            row["build_cpu_ratio_vs_peer"] = round(f["build_cpu_s"] / p["build_cpu_s"], 3)
        runs[name] = row
        _log(f"perf-index {name}: " + json.dumps({k: row.get(k) for k in ("build_ratio_vs_peer", "build_cpu_ratio_vs_peer")}
                                                 | {"build_s": row["factqa"]["build_s"],
                                                    "recall@3": row["factqa_query"]["recall@3"],
                                                    "mrr@10": row["factqa_query"]["mrr@10"],
                                                    "ask_p50_ms": row["factqa_query"]["ask"]["p50_ms"]}))
    path = out / "perf" / ("index.json" if model == "minilm" else f"index-{model}.json")
    old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    cmd = f"nice -n 5 python -m qa.eval.benchmarks perf-index --model {model} --runtime {runtime} --datasets {','.join(datasets)}"
    result = {"command": cmd, "environment": environment(),
              "runs": {**(old.get("runs", {}) if "peer" in json.dumps(old) else {}), **runs}}
    _write_json(path, result)
    return result


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}"


# ---------------------------------------------------------------- perf-query

def _latency(fn, texts: list[str]) -> dict:
    wall, total, retrieve, errors = [], [], [], 0
    for text in texts:
        t = time.perf_counter()
        try:
            ans = fn(text)
        except Exception:  # noqa: BLE001 - counted, not timed
            errors += 1
            continue
        wall.append((time.perf_counter() - t) * 1000)
        total.append(float(ans.timings_ms.get("total", 0.0)))
        retrieve.append(float(ans.timings_ms.get("retrieve", 0.0)))
    return {"n": len(texts), "errors": errors, "p50_ms": _pct(wall, 50), "p95_ms": _pct(wall, 95),
            "mean_ms": round(sum(wall) / len(wall), 2) if wall else None,
            "max_ms": round(max(wall), 2) if wall else None,
            "engine_total_p50_ms": _pct(total, 50), "retrieve_p50_ms": _pct(retrieve, 50),
            "retrieve_p95_ms": _pct(retrieve, 95)}


def perf_query(out: Path, work: Path, n: int = 50, modes: tuple[str, ...] = ("hybrid", "baseline")) -> dict:
    from qa.eval.baseline import make_engine
    from qa.eval.evaluate import load_gold

    seed_gold = load_gold(SEEDS / "gold.jsonl")
    sf = prepared("scifact", work)
    sf_claims = [g["question"] for g in load_gold(sf / "gold.jsonl")][:n]
    sets = {
        "seed": (ensure_store(SEEDS, work / "seed" / "store-minilm", "minilm"),
                 [g["question"] for g in seed_gold if g["kind"] != "claim"][:n],
                 [g["question"] for g in seed_gold if g["kind"] == "claim"][:n],
                 "ask: the first non-claim questions of seeds/gold.jsonl; check: its claims (all of them)"),
        "scifact": (ensure_store(sf / "corpus.jsonl", sf / "store-minilm", "minilm"),
                    sf_claims, sf_claims, "the first claims of SciFact dev (report split), for both ask and check"),
    }
    stores: dict[str, Any] = {}
    for name, (store, asks, checks, what) in sets.items():
        stores[name] = {"store": str(store), "questions": what, "modes": {}}
        for mode in modes:
            engine = make_engine(store, mode)
            engine.warm()
            stores[name]["articles"] = len(engine.store.articles)
            stores[name]["chunks"] = len(engine.store.chunks)
            for warm_q in ("How many people were counted?", "The study found no effect."):  # untimed warm-up
                engine.ask(warm_q)
                engine.check(warm_q)
            _log(f"perf-query {name} {mode}: {len(asks)} ask, {len(checks)} check")
            res = {"ask": _latency(engine.ask, asks), "check": _latency(engine.check, checks)}
            stores[name]["modes"][mode] = res
            _log(f"perf-query {name} {mode}: ask p50 {res['ask']['p50_ms']} p95 {res['ask']['p95_ms']} ms; "
                 f"check p50 {res['check']['p50_ms']} p95 {res['check']['p95_ms']} ms")
    result = {"command": "python -m qa.eval.benchmarks perf-query", "environment": environment(),
              "note": "warm: store and model loaded and two untimed questions first; wall-clock ms per call, "
                      "sequential, one process", "stores": stores}
    _write_json(out / "perf" / "query.json", result)
    return result
