"""``factqa ask`` from a cold shell: wall and CPU time per call, and where the time goes.

    python -m qa.eval.coldstart --store S [--question Q] [-n 5] [--serve] -> docs/perf/cli.json

Runs the installed ``factqa`` entry point ``n`` times as a fresh process with ``--local`` (wall time,
and user+sys CPU time of the child from ``getrusage``; with ``--baseline-src DIR``, each call is
followed by the same call importing another checkout, for a ratio under the same load), then once under ``python -X importtime`` (the top-level
imports by cumulative time), then, in one fresh process, times the steps: importing the engine,
loading the store, loading the encoder, the first ``ask``. The machine is shared, so the load
average is recorded before and after; CPU time is what an idle machine would roughly show as wall.
With ``--serve``, the same ``n`` calls are then timed again while ``factqa serve`` runs on the
store (started here, warmed by one untimed call, stopped after): the CLI hands the question to it
(``ui.serve_link``); ``answered_by_serve`` says whether it did.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = r"""
import json, sys, time
t0 = time.perf_counter(); c0 = time.process_time(); out = {}
def lap(name):
    global t0, c0
    out[name] = {"wall_ms": round((time.perf_counter() - t0) * 1000, 1), "cpu_ms": round((time.process_time() - c0) * 1000, 1)}
    t0 = time.perf_counter(); c0 = time.process_time()
from qa.engine import Engine; lap("import qa.engine")
e = Engine(sys.argv[1]); e.store; lap("load the store")
e.embedder.warm(); lap("load the encoder (" + e.store.manifest.get("runtime", "torch") + ")")
e.ask(sys.argv[2]); lap("first ask")
e.ask(sys.argv[2]); lap("second ask (warm)")
out["modules"] = sorted(m for m in ("torch", "spacy", "onnxruntime", "transformers", "sentence_transformers") if m in sys.modules)
print(json.dumps(out))
"""


def _factqa() -> list[str]:
    exe = shutil.which("factqa") or str(Path(sys.executable).with_name("factqa"))
    return [sys.executable, exe]


def _timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env).returncode
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, rc


def importtime(store: Path, question: str, top: int = 12) -> list[dict]:
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as log:
        with open(log.name, "w") as err:
            subprocess.run([sys.executable, "-X", "importtime", *_factqa()[1:], "ask", question, "--store", str(store)],
                           stdout=subprocess.DEVNULL, stderr=err)
        rows = []
        for line in Path(log.name).read_text().splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            _, cum, name = (x.strip() for x in line.removeprefix("import time:").split("|"))
            if cum.isdigit() and not name.startswith(" ") and not line.split("|")[2].startswith("  "):
                rows.append({"module": name, "cumulative_ms": round(int(cum) / 1000, 1)})
    return sorted(rows, key=lambda r: -r["cumulative_ms"])[:top]


def _summary(calls: list[tuple[float, float, int]]) -> dict:
    walls, cpus = [c[0] for c in calls], [c[1] for c in calls]
    return {"wall_s": [round(w, 3) for w in walls], "wall_median_s": round(statistics.median(walls), 3),
            "wall_min_s": round(min(walls), 3), "cpu_s": [round(c, 3) for c in cpus],
            "cpu_median_s": round(statistics.median(cpus), 3), "exit_codes": sorted({c[2] for c in calls})}


def measure(store: Path, question: str, n: int = 5, baseline_src: Path | None = None) -> dict:
    """``n`` cold calls (``--local``: never answered by a ``factqa serve``). With ``baseline_src`` (a
    checkout of another commit), each call is followed by the same call with that checkout first on
    ``PYTHONPATH``, so both meet the same load: their medians and ratios are under ``baseline``."""
    load_before = os.getloadavg()
    cmd = [*_factqa(), "ask", question, "--store", str(store), "--local"]
    calls, base = [], []
    base_env = {**os.environ, "PYTHONPATH": str(baseline_src)} if baseline_src else None
    for _ in range(n):
        calls.append(_timed(cmd))
        if base_env is not None:
            base.append(_timed(cmd, base_env))
    steps = subprocess.run([sys.executable, "-c", STEPS, str(store), question], capture_output=True, text=True)
    walls, cpus = [c[0] for c in calls], [c[1] for c in calls]
    extra = {}
    if base:
        b = _summary(base)
        extra["baseline"] = {"src": str(baseline_src), **b,
                             "wall_median_ratio": round(statistics.median(walls) / b["wall_median_s"], 3),
                             "cpu_median_ratio": round(statistics.median(cpus) / b["cpu_median_s"], 3)}
    return {**extra,
        "store": str(store), "question": question, "n": n, "exit_codes": sorted({c[2] for c in calls}),
        "wall_s": [round(w, 3) for w in walls], "wall_median_s": round(statistics.median(walls), 3),
        "wall_min_s": round(min(walls), 3), "cpu_s": [round(c, 3) for c in cpus],
        "cpu_median_s": round(statistics.median(cpus), 3),
        "steps_in_one_process": json.loads(steps.stdout) if steps.returncode == 0 else {"error": steps.stderr[-500:]},
        "top_level_imports": importtime(store, question),
        "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def with_serve(store: Path, question: str, n: int = 5, port: int = 7893, timeout_s: float = 600) -> dict:
    """``n`` cold ``factqa ask`` calls while ``factqa serve`` runs on ``store``."""
    import signal

    announced = store / "serve.json"
    server = subprocess.Popen([*_factqa(), "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        t = time.perf_counter()
        while not announced.exists() and server.poll() is None and time.perf_counter() - t < timeout_s:
            time.sleep(0.5)
        started_s = time.perf_counter() - t
        first = subprocess.run([*_factqa(), "-v", "ask", question, "--store", str(store)], capture_output=True, text=True)
        load_before = os.getloadavg()
        calls = [_timed([*_factqa(), "ask", question, "--store", str(store)]) for _ in range(n)]
        walls, cpus = [c[0] for c in calls], [c[1] for c in calls]
        return {"n": n, "serve_announced_after_s": round(started_s, 1),
                "answered_by_serve": "answered by factqa serve" in first.stderr,
                "exit_codes": sorted({c[2] for c in calls}), "wall_s": [round(w, 3) for w in walls],
                "wall_median_s": round(statistics.median(walls), 3), "wall_min_s": round(min(walls), 3),
                "cpu_median_s": round(statistics.median(cpus), 3),
                "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str] | None = None) -> int:
    from qa.eval.benchmarks import ROOT, _write_json, environment

    p = argparse.ArgumentParser(prog="python -m qa.eval.coldstart", description=__doc__.split("\n\n")[0])
    p.add_argument("--store", type=Path, action="append", required=True, help="repeatable")
    p.add_argument("--question", default="How many people were evacuated, according to officials?")
    p.add_argument("-n", type=int, default=5)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "perf" / "cli.json")
    p.add_argument("--serve", action="store_true", help="also time the calls while `factqa serve` runs on the store")
    p.add_argument("--baseline-src", type=Path, default=None,
                   help="a checkout of another commit: its cold calls are interleaved with these (same load)")
    a = p.parse_args(argv)
    stores = []
    for s in a.store:
        row = measure(s, a.question, a.n, a.baseline_src)
        if a.serve:
            row["with_serve"] = with_serve(s, a.question, a.n)
        stores.append(row)
    res = {"command": "python -m qa.eval.coldstart " + " ".join(argv if argv is not None else sys.argv[1:]),
           "environment": environment(), "stores": stores}
    _write_json(a.out, res)
    print(json.dumps([{**{k: r[k] for k in ("store", "wall_median_s", "wall_min_s", "cpu_median_s")},
                       "baseline": {k: r["baseline"][k] for k in ("wall_median_s", "cpu_median_s", "wall_median_ratio",
                                                                  "cpu_median_ratio")} if "baseline" in r else None,
                       "with_serve": {k: r["with_serve"][k] for k in ("wall_median_s", "wall_min_s", "answered_by_serve")}
                       if "with_serve" in r else None} for r in res["stores"]], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
