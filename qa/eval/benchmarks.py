"""Measurement scripts: index build and query performance, and the external benchmarks.

    python -m qa.eval.benchmarks perf-index   # -> docs/perf/index.json
    python -m qa.eval.benchmarks perf-query   # -> docs/perf/query.json
    python -m qa.eval.benchmarks external     # -> docs/bench/<dataset>-<mode>[-mpnet]/ + docs/bench/summary.json
    python -m qa.eval.benchmarks llm          # -> docs/llm/<data>-<setting>/ + docs/llm/summary.json
    python -m qa.eval.benchmarks verdicts     # -> docs/bench/verdicts.{json,md} (qa.eval.verdict_bench)
    python -m qa.eval.benchmarks all          # perf-index, perf-query, external, llm, in this order

Prepared benchmark data and the stores live in a work folder (``--work``, default
``$FACTQA_BENCH_WORK`` or ``<tmp>/factqa-bench``) and are reused between subcommands; only
``perf-index`` always rebuilds (it times the build). Every external benchmark runs on its
``report`` split only; nothing here tunes anything.

perf-index runs factqa's build and the peer setup's build (sentence-transformers + FAISS over
whole documents, ``qa.eval.peer``) side by side, each in a fresh child process started together
(``_index-one``, ``_peer-one``), so each peak RSS (``resource.getrusage``) is that build's alone
and both see the same machine load; then factqa's retrieval scores and warm ``ask``/``check``
latency on its store in a third child (``_query-one``). Model loads are timed apart from builds;
``build_ratio_vs_peer`` is factqa's build time over the peer's, in wall and in CPU seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DATASETS = ("scifact", "realtimeqa", "rgb", "climate-fever")
ENGINE_MODES = ("hybrid", "dense", "bm25")
ALL_MODES = (*ENGINE_MODES, "baseline")
MPNET_MODES = ("hybrid", "dense")  # bm25 and the baseline do not use the embedding model
BATCH_SIZE = 64  # index.embed's encode default, used by the build
MPNET_BUDGET_S = 40 * 60  # above this estimated build time, mpnet runs on a SciFact subset
SUBSET_ABSTRACTS = 1000


# ---------------------------------------------------------------- small helpers

def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _pct(values: list[float], q: float) -> float | None:
    from qa.eval.metrics import percentile

    v = percentile(values, q)
    return round(v, 2) if v is not None else None


def default_work() -> Path:
    return Path(os.environ.get("FACTQA_BENCH_WORK") or Path(tempfile.gettempdir()) / "factqa-bench")


def environment() -> dict:
    """What the numbers were measured on."""
    import importlib.metadata as md

    def version(pkg: str) -> str | None:
        try:
            return md.version(pkg)
        except md.PackageNotFoundError:
            return None

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    try:
        import torch

        threads = torch.get_num_threads()
    except ImportError:  # pragma: no cover
        threads = None
    return {"cpus": os.cpu_count(), "torch_threads": threads, "python": platform.python_version(),
            "platform": platform.platform(), "torch": version("torch"),
            "sentence_transformers": version("sentence-transformers"), "faiss": version("faiss-cpu"),
            "bm25s": version("bm25s"), "git_commit": commit, "loadavg_1m": round(os.getloadavg()[0], 2),
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def annotate_run(out_dir: str | Path, result: dict, *, mode: str, model: str | None, **extra: Any) -> dict:
    """Add the engine mode and embedding model (and ``extra``) to a ``run_eval`` result: rewrite
    ``metrics.json`` and name them under the title of ``report.md``. Returns the new result."""
    out = Path(out_dir)
    result = {**result, "mode": mode, "model": model, **extra}
    _write_json(out / "metrics.json", result)
    report = out / "report.md"
    if report.is_file():
        title, _, rest = report.read_text(encoding="utf-8").partition("\n")
        info = f"mode `{mode}`, embedding model `{model}`" + "".join(f", {k} `{v}`" for k, v in extra.items())
        tmp = report.with_name(report.name + ".tmp")
        tmp.write_text(f"{title}\n\n{info}.\n{rest}", encoding="utf-8")
        os.replace(tmp, report)
    return result


MARKER = "bench-source.json"  # in a store folder: which corpus file it was built from


def _source_of(corpus: Path) -> dict:
    st = corpus.stat()
    return {"corpus": str(corpus.resolve()), "bytes": st.st_size, "mtime_ns": st.st_mtime_ns}


def _mark(store: Path, corpus: Path) -> None:
    if corpus.is_file():
        _write_json(store / MARKER, _source_of(corpus))


def _store_ok(store: Path, model: str, corpus: Path) -> bool:
    """A complete store built with ``model`` from this very ``corpus`` file (see ``_mark``)."""
    try:
        from index.embed import get_embedder
        from index.errors import StoreOutdatedError
        from index.store import read_manifest

        try:
            m = read_manifest(store)
        except StoreOutdatedError:  # an older format: upgraded in place, not rebuilt (index.upgrade)
            from index.upgrade import upgrade_store

            _log(upgrade_store(store).summary())
            m = read_manifest(store)
        if m.get("model") != get_embedder(model).name:
            return False
        if corpus.is_dir():
            return True  # a folder (seeds/): the incremental build re-embeds only what changed
        return json.loads((store / MARKER).read_text(encoding="utf-8")) == _source_of(corpus)
    except Exception:  # noqa: BLE001 - missing, unreadable or unmarked: rebuild
        return False


def prepared(name: str, work: Path, split: str = "report") -> Path:
    """``work/<name>-<split>`` with corpus.jsonl and gold.jsonl (prepared once)."""
    from qa.eval.bench import prepare

    out = work / f"{name}-{split}"
    if not (out / "gold.jsonl").is_file() or not (out / "corpus.jsonl").is_file():
        _log(f"preparing {name} {split} into {out}")
        prepare(name, split, out)
    return out


def set_aside(store: Path) -> Path:
    """Move ``store`` to a sibling ``<name>.aside-<time>`` folder (never delete a store: an older
    format or another corpus may still be worth an upgrade instead of an hour-long rebuild)."""
    aside = store.with_name(f"{store.name}.aside-{time.strftime('%Y%m%d%H%M%S')}")
    n = 1
    while aside.exists():
        aside = store.with_name(f"{store.name}.aside-{time.strftime('%Y%m%d%H%M%S')}-{n}")
        n += 1
    os.replace(store, aside)
    return aside


def ensure_store(corpus: Path, store: Path, model: str) -> Path:
    """Build ``store`` from ``corpus`` unless a complete one with ``model`` from it is there."""
    if _store_ok(store, model, corpus):
        return store
    from index.build import update_store

    _log(f"building {store} ({model}) from {corpus}")
    if store.exists() and not corpus.is_dir():
        aside = set_aside(store)
        _log(f"{store} is not a complete store of this corpus and model: kept at {aside}, rebuilding")
    t = time.perf_counter()
    rep = update_store(store, [corpus], mode="build", model=model, progress=False)
    _mark(store, corpus)
    _log(f"built {store}: {rep.articles} articles, {rep.chunks} chunks in {time.perf_counter() - t:.0f} s")
    return store


# ---------------------------------------------------------------- perf-index

def index_one(corpus: Path, store: Path, model: str, runtime: str | None = None) -> dict:
    """Load the model, then build ``store`` from ``corpus`` (timed apart). Run this in a fresh
    process (``_index-one``) so the peak RSS belongs to this build."""
    import resource

    from index.build import update_store
    from index.embed import get_embedder
    from index.store import Store

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    if store.exists():
        shutil.rmtree(store)
    load = _LoadSampler().start()  # the machine is shared: record how busy it was
    t = time.perf_counter()
    emb = get_embedder(model, runtime)
    emb.warm()  # load now, timed apart from the build
    load_s = time.perf_counter() - t
    t, c = time.perf_counter(), cpu()
    rep = update_store(store, [corpus], mode="build", model=model, runtime=emb.runtime, progress=False)
    build_s, build_cpu = time.perf_counter() - t, cpu() - c
    _mark(store, corpus)
    build_load = load.take()
    load.stop()
    peak_build_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    stats = Store(store).stats()
    return {
        "corpus": str(corpus), "store": str(store), "model": emb.name, "runtime": emb.runtime,
        "articles": rep.articles, "chunks": rep.chunks, "sentences": stats["sentences"],
        "texts_embedded": rep.embedded_texts, "index_type": stats["index_type"], "errors": len(rep.errors),
        "model_load_s": round(load_s, 2), "build_s": round(build_s, 2), "total_s": round(load_s + build_s, 2),
        "encode_in_build_s": round(rep.encode_seconds, 2), "build_cpu_s": round(build_cpu, 1),
        "loadavg_during_build": build_load, "chunks_per_s": round(rep.chunks / build_s, 1) if build_s else None,
        "store_bytes": stats["size_bytes"], "store_mb": round(stats["size_bytes"] / 2**20, 1),
        "peak_rss_build_mb": round(peak_build_kb / 1024, 1),
    }


class _LoadSampler:
    """Samples the 1-minute load average every few seconds in a daemon thread; ``take()`` returns
    the mean and max since the previous ``take()``."""

    def __init__(self, every_s: float = 5.0) -> None:
        import threading

        self._every, self._samples, self._stop = every_s, [], threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "_LoadSampler":
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self._samples.append(os.getloadavg()[0])
            self._stop.wait(self._every)

    def take(self) -> dict:
        samples, self._samples = self._samples or [os.getloadavg()[0]], []
        return {"mean": round(sum(samples) / len(samples), 2), "max": round(max(samples), 2)}

    def stop(self) -> None:
        self._stop.set()


# ---------------------------------------------------------------- external benchmarks

def run_one(gold: Path, store: Path, mode: str, out_dir: Path, **extra: Any) -> dict:
    """``run_eval`` of one engine mode on one store, annotated with mode and model."""
    from qa.eval.baseline import make_engine, store_model
    from qa.eval.evaluate import run_eval

    engine = make_engine(store, mode)
    engine.warm()
    t = time.perf_counter()
    result = run_eval(gold, ask=engine.ask, check=engine.check, article_text=engine.article_text,
                      out_dir=out_dir, progress=False)
    result = annotate_run(out_dir, result, mode=mode, model=store_model(engine), **extra)
    ov = result["overall"]
    _log(f"{out_dir.name}: n={ov['n']} err={ov['errors']} acc={_f(ov['answer_accuracy'])} "
         f"r@3={_f(ov['recall@3'])} r@5={_f(ov['recall@5'])} mrr={_f(ov['mrr@10'])} "
         f"verdict={_f(ov['verdict_accuracy'])} f1={_f(ov['verdict_macro_f1'])} "
         f"p50={_f(ov['latency_p50_ms'])} ms ({time.perf_counter() - t:.0f} s)")
    return result


def _f(v: Any) -> str:
    return "–" if v is None else f"{v:.3f}"


def scifact_subset(sf: Path, work: Path, size: int = SUBSET_ABSTRACTS, seed: int = 13) -> Path:
    """A SciFact corpus of every abstract cited as evidence by a dev claim plus a seeded random
    sample of the others, ``size`` abstracts in all; gold = the same dev claims (for mpnet when the
    full corpus would take too long to embed)."""
    import random

    out = work / f"scifact-report-subset{size}"
    if (out / "corpus.jsonl").is_file() and (out / "gold.jsonl").is_file():
        return out
    out.mkdir(parents=True, exist_ok=True)
    gold = [json.loads(line) for line in (sf / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    needed = {d for g in gold for d in g.get("sources", []) + g.get("cited_sources", [])}
    corpus = [json.loads(line) for line in (sf / "corpus.jsonl").open(encoding="utf-8") if line.strip()]
    others = [a for a in corpus if a["id"] not in needed]
    random.Random(seed).shuffle(others)
    keep_ids = needed | {a["id"] for a in others[: max(0, size - len(needed))]}
    with (out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for a in corpus:
            if a["id"] in keep_ids:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
    shutil.copy(sf / "gold.jsonl", out / "gold.jsonl")
    _write_json(out / "summary.json", {"name": "scifact-subset", "abstracts": len(keep_ids), "seed": seed,
                                       "cited": len(needed), "gold": len(gold)})
    return out


def estimate_build_s(store: Path, model: str, sample: int = 256) -> float:
    """Seconds ``model`` would take to embed the texts of ``store`` (built with another model),
    from timing ``sample`` of them, times the build/encode overhead of 1.1. The sample is encoded
    twice and the second pass timed: torch's CPU kernels are slow the first time they meet each
    input shape, which a long build amortises (a single timed pass gave far higher estimates
    than the builds then took)."""
    import random

    from index.embed import get_embedder
    from index.store import Store

    s = Store(store).load()
    texts = [x.text for x in s.sentences]  # a build embeds each sentence once (chunk vectors derive from them)
    picked = random.Random(0).sample(texts, min(sample, len(texts)))
    emb = get_embedder(model)
    emb.encode(picked, batch_size=BATCH_SIZE)  # load, and warm every shape of the sample
    t = time.perf_counter()
    emb.encode(picked, batch_size=BATCH_SIZE)
    per_text = (time.perf_counter() - t) / len(picked)
    return per_text * len(texts) * 1.1


def external(out: Path, work: Path, datasets: tuple[str, ...] = DATASETS, modes: tuple[str, ...] = ALL_MODES,
             mpnet: str = "auto", mpnet_datasets: tuple[str, ...] = ("scifact", "rgb"),
             subset_size: int = SUBSET_ABSTRACTS) -> dict:
    bench = out / "bench"
    for name in datasets:
        d = prepared(name, work)
        store = ensure_store(d / "corpus.jsonl", d / "store-minilm", "minilm")
        for mode in modes:
            _log(f"external: {name} {mode}")
            run_one(d / "gold.jsonl", store, mode, bench / f"{name}-{mode}", split="report")
        if mpnet == "skip" or name not in mpnet_datasets:
            continue
        corpus, tag = d, ""
        if name == "scifact" and mpnet != "full":
            est = estimate_build_s(store, "mpnet")
            _log(f"mpnet on the full SciFact corpus: estimated {est / 60:.0f} min to embed")
            if mpnet == "subset" or est > MPNET_BUDGET_S:
                corpus, tag = scifact_subset(d, work, subset_size), f"-subset{subset_size}"
                sub_store = ensure_store(corpus / "corpus.jsonl", corpus / "store-minilm", "minilm")
                for mode in ("hybrid", "dense", "bm25"):  # the same subset with MiniLM, for the comparison
                    run_one(corpus / "gold.jsonl", sub_store, mode, bench / f"{name}{tag}-{mode}", split="report",
                            corpus=f"subset of {subset_size} abstracts")
        t = time.perf_counter()
        mstore = ensure_store(corpus / "corpus.jsonl", corpus / "store-mpnet", "mpnet")
        build_s = time.perf_counter() - t
        extra: dict[str, Any] = {"split": "report"}
        if tag:
            extra["corpus"] = f"subset of {subset_size} abstracts"
        for mode in MPNET_MODES:
            _log(f"external: {name}{tag} {mode} mpnet")
            run_one(corpus / "gold.jsonl", mstore, mode, bench / f"{name}{tag}-{mode}-mpnet", **extra,
                    store_build_s=round(build_s, 1))
        summarise(out)
    return summarise(out)


LLM_SETTINGS = ("off", "qwen-0.5b", "qwen-1.5b")
LLM_CLAIMS = 60  # SciFact dev claims for the LLM comparison (the 1.5B judge takes ~10 s a claim here)


def claim_sample(gold: Path, out: Path, n: int, seed: int = 7) -> Path:
    """``n`` claims of ``gold``, the same share of each verdict as the whole file, seeded; in file order."""
    import random

    items = [json.loads(line) for line in gold.open(encoding="utf-8") if line.strip()]
    if n >= len(items):
        shutil.copy(gold, out)
        return out
    by_verdict: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        by_verdict.setdefault(it.get("verdict") or "", []).append(i)
    rng, keep = random.Random(seed), set()
    for idx in by_verdict.values():
        keep.update(rng.sample(idx, round(n * len(idx) / len(items))))
    with out.open("w", encoding="utf-8") as fh:
        for i in sorted(keep):
            fh.write(json.dumps(items[i], ensure_ascii=False) + "\n")
    return out


def llm_bench(out: Path, work: Path, settings: tuple[str, ...] = LLM_SETTINGS, claims: int = LLM_CLAIMS,
              datasets: tuple[str, ...] = ("seed", "scifact")) -> dict:
    """The seed gold set and a stratified sample of SciFact dev claims with the LLM off and with each
    shipped model as writer (ask) and stance judge (check); one ``run_eval`` each, written under
    ``docs/llm/<data>-<setting>/``, and ``docs/llm/summary.json``."""
    from qa.eval.baseline import store_model
    from qa.engine import Engine
    from qa.eval.evaluate import run_eval
    from qa.llm import get_backend

    data: dict[str, tuple[Path, Path]] = {}
    if "seed" in datasets:
        data["seed"] = (SEEDS / "gold.jsonl", ensure_store(SEEDS, work / "seed" / "store-minilm", "minilm"))
    if "scifact" in datasets:
        sf = prepared("scifact", work)
        gold = claim_sample(sf / "gold.jsonl", work / f"scifact-dev-sample{claims}.jsonl", claims)
        data["scifact"] = (gold, ensure_store(sf / "corpus.jsonl", sf / "store-minilm", "minilm"))
    for setting in settings:
        spec = "off" if setting == "off" else f"local:{setting}"
        if setting != "off" and get_backend(spec) is None:
            raise SystemExit(f"{setting} is not installed: make llm (0.5B) or make test-slow (1.5B) first")
        for name, (gold, store) in data.items():
            engine = Engine(store, llm=spec, llm_stance=setting != "off")
            engine.warm()
            if setting != "off":
                get_backend(spec).complete([{"role": "user", "content": "Say OK."}], max_tokens=2,
                                           temperature=0.0, stop=[])  # load the model untimed
            t = time.perf_counter()
            od = out / "llm" / f"{name}-{setting}"
            result = run_eval(gold, ask=engine.ask, check=engine.check, article_text=engine.article_text,
                              out_dir=od, progress=False)
            extra = {"llm": setting, "llm_stance": setting != "off", "threads": os.environ.get("FACTQA_LLM_THREADS", "2")}
            if name == "scifact":
                extra["corpus"] = "full 5,183 abstracts"
                extra["claims"] = f"stratified sample of {claims} dev claims (seed 7)"
            annotate_run(od, result, mode="hybrid", model=store_model(engine),
                         split="report" if name == "scifact" else "seed", **extra)
            ov = result["overall"]
            _log(f"llm {name} {setting}: acc={_f(ov['answer_accuracy'])} valid={_f(ov['citation_validity'])} "
                 f"support={_f(ov['citation_support'])} verdict={_f(ov['verdict_accuracy'])} "
                 f"f1={_f(ov['verdict_macro_f1'])} p50={_f(ov['latency_p50_ms'])} ms "
                 f"({time.perf_counter() - t:.0f} s)")
    return summarise_llm(out)


LLM_KEYS = ("n", "errors", "answer_n", "answer_accuracy", "citation_validity", "citation_support",
            "items_with_support", "abstention_precision", "abstention_recall", "claims_n", "verdict_accuracy",
            "verdict_macro_f1", "latency_p50_ms", "latency_p95_ms")


def summarise_llm(out: Path) -> dict:
    """``docs/llm/summary.json``: the metrics of every ``docs/llm/*/metrics.json``, with the answer
    (ask) and check latencies apart (the writer only runs on ask, the judge only on check)."""
    from qa.eval.evaluate import load_predictions

    if not (out / "llm").is_dir():
        return {}
    runs: dict[str, Any] = {}
    for metrics in sorted((out / "llm").glob("*/metrics.json")):
        m = json.loads(metrics.read_text(encoding="utf-8"))
        row = {"llm": m.get("llm"), "claims": m.get("claims"), **{k: m["overall"].get(k) for k in LLM_KEYS}}
        preds = metrics.parent / "predictions.jsonl"
        if preds.is_file():
            for mode in ("ask", "check"):
                ms = [p["timings_ms"]["total"] for p in load_predictions(preds)
                      if p.get("mode") == mode and p.get("timings_ms")]
                if ms:
                    row[f"{mode}_p50_ms"], row[f"{mode}_p95_ms"] = _pct(ms, 50), _pct(ms, 95)
        runs[metrics.parent.name] = row
    summary = {"command": "python -m qa.eval.benchmarks llm", "runs": runs}
    _write_json(out / "llm" / "summary.json", summary)
    return summary


SUMMARY_KEYS = ("n", "errors", "answer_accuracy", "recall@1", "recall@3", "recall@5", "recall@10", "mrr@10",
                "retrieval_n", "citation_validity", "citation_support", "abstention_rate", "verdict_accuracy",
                "verdict_macro_f1", "claims_n", "latency_p50_ms", "latency_p95_ms")


def summarise(out: Path) -> dict:
    """``docs/bench/summary.json`` from every ``docs/bench/*/metrics.json`` (retrieval-step latency
    from the predictions)."""
    from qa.eval.evaluate import load_predictions

    bench = out / "bench"
    runs: dict[str, Any] = {}
    for metrics in sorted(bench.glob("*/metrics.json")):
        m = json.loads(metrics.read_text(encoding="utf-8"))
        ov = m["overall"]
        row = {"mode": m.get("mode"), "model": m.get("model"), "corpus": m.get("corpus", "full"),
               **{k: ov.get(k) for k in SUMMARY_KEYS}, "wall_s": m.get("wall_s")}
        preds = metrics.parent / "predictions.jsonl"
        if preds.is_file():
            ret = [p["timings_ms"]["retrieve"] for p in load_predictions(preds) if p.get("timings_ms")]
            row["retrieve_p50_ms"] = _pct(ret, 50)
        if ov.get("verdict_per_class"):
            row["predicted_verdicts"] = {k: v["predicted"] for k, v in ov["verdict_per_class"].items()}
        if "counterfactual" in m:
            row["counterfactual"] = {k: m["counterfactual"][k] for k in
                                     ("n", "repeated_false", "flagged_conflict", "correct_only")}
        if m.get("store_build_s") is not None:
            row["store_build_s"] = m["store_build_s"]
        runs[metrics.parent.name] = row
    summary = {"command": "python -m qa.eval.benchmarks external", "split": "report", "runs": runs}
    _write_json(bench / "summary.json", summary)
    return summary


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    from index.offline import set_defaults

    set_defaults()
    p = argparse.ArgumentParser(prog="python -m qa.eval.benchmarks", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--out", type=Path, default=ROOT / "docs", help="docs folder (default: %(default)s)")
        sp.add_argument("--work", type=Path, default=None,
                        help="folder for prepared data and stores (default: $FACTQA_BENCH_WORK or <tmp>/factqa-bench)")

    sp = sub.add_parser("perf-index", help="index build time, encode time, store size, peak memory")
    common(sp)
    sp.add_argument("--model", default="minilm", choices=("minilm", "mpnet"))
    sp.add_argument("--datasets", default="seed,scifact",
                    help="comma-separated: seed, scifact, scifact-subsetN (default: %(default)s)")
    sp.add_argument("--runtime", default=None, help="encoder runtime (default: index.embed.default_runtime())")
    sp.add_argument("--no-peer", action="store_true", help="skip the peer build")
    sp = sub.add_parser("perf-query", help="warm ask/check latency p50/p95 on the seed and SciFact stores")
    common(sp)
    sp.add_argument("-n", type=int, default=50, help="questions per store and operation (default: %(default)s)")
    sp.add_argument("--modes", default="hybrid,baseline", help="comma-separated (default: %(default)s)")
    for name in ("external", "all"):
        sp = sub.add_parser(name, help="external benchmarks on report splits" if name == "external"
                            else "perf-index, perf-query, external, llm")
        common(sp)
        sp.add_argument("--datasets", default=",".join(DATASETS), help="comma-separated (default: %(default)s)")
        sp.add_argument("--modes", default=",".join(ALL_MODES), help="comma-separated (default: %(default)s)")
        sp.add_argument("--mpnet", default="auto", choices=("auto", "full", "subset", "skip"),
                        help="mpnet on SciFact: full corpus, a subset, or auto (subset when the full build "
                             "would exceed 40 min) (default: %(default)s)")
        sp.add_argument("--mpnet-datasets", default="scifact,rgb", help="datasets also run with mpnet "
                        "(default: %(default)s)")
        sp.add_argument("--subset-size", type=int, default=SUBSET_ABSTRACTS,
                        help="abstracts in the SciFact subset for mpnet (default: %(default)s)")
    sp = sub.add_parser("llm", help="seed gold set and SciFact dev claims with the LLM off, 0.5B, 1.5B")
    common(sp)
    sp.add_argument("--settings", default=",".join(LLM_SETTINGS), help="comma-separated (default: %(default)s)")
    sp.add_argument("--datasets", default="seed,scifact", help="comma-separated: seed, scifact (default: %(default)s)")
    sp.add_argument("--claims", type=int, default=LLM_CLAIMS,
                    help="SciFact dev claims, a stratified sample (default: %(default)s)")
    sp = sub.add_parser("verdicts", help="check on AVeriTeC, Climate-FEVER, SciFact report splits with the "
                        "majority and BM25 baselines; check latency on the seed store")
    common(sp)
    sp.add_argument("--datasets", default="averitec,climate-fever,scifact,seed",
                    help="comma-separated; seed = check latency on the seed store (default: %(default)s)")
    sp.add_argument("--model-min-p", type=float, default=None,
                    help="run only the engine with this VerdictConfig.model_min_probability (a variant row)")
    sp = sub.add_parser("summary", help="rewrite docs/bench/summary.json from the metrics.json files")
    common(sp)
    sp = sub.add_parser("_index-one", help=argparse.SUPPRESS)
    sp.add_argument("--corpus", type=Path, required=True)
    sp.add_argument("--store", type=Path, required=True)
    sp.add_argument("--model", default="minilm")
    sp.add_argument("--runtime", default=None)
    sp.add_argument("--result", type=Path, required=True)
    sp = sub.add_parser("_peer-one", help=argparse.SUPPRESS)
    for opt in ("--corpus", "--gold", "--index", "--result"):
        sp.add_argument(opt, type=Path, required=True)
    sp.add_argument("--model", default="minilm")
    sp = sub.add_parser("_query-one", help=argparse.SUPPRESS)
    for opt in ("--store", "--gold", "--result"):
        sp.add_argument(opt, type=Path, required=True)
    a = p.parse_args(argv)

    if a.cmd == "_index-one":
        _write_json(a.result, index_one(a.corpus, a.store, a.model, a.runtime))
        return 0
    if a.cmd == "_peer-one":
        from qa.eval.peer import peer_one

        _write_json(a.result, peer_one(a.corpus, a.gold, a.index, a.model))
        return 0
    if a.cmd == "_query-one":
        from qa.eval.peer import query_one

        _write_json(a.result, query_one(a.store, a.gold))
        return 0
    work = a.work or default_work()
    work.mkdir(parents=True, exist_ok=True)
    split = lambda s: tuple(x.strip() for x in s.split(",") if x.strip())  # noqa: E731
    for attr in ("modes",):
        bad = [m for m in split(getattr(a, attr, "") or "") if m not in ALL_MODES]
        if bad:
            p.error(f"unknown mode {bad[0]!r}; choose from {', '.join(ALL_MODES)}")
    if a.cmd in ("external", "all"):
        bad = [d for d in split(a.datasets) + split(a.mpnet_datasets) if d not in DATASETS]
        if bad:
            p.error(f"unknown dataset {bad[0]!r}; choose from {', '.join(DATASETS)}")
    if a.cmd in ("perf-index", "perf-query", "all"):
        from qa.eval.bench_perf import perf_index, perf_query  # imports this module: not at its top
    if a.cmd in ("perf-index", "all"):
        perf_index(a.out, work, getattr(a, "model", "minilm"),
                   split(a.datasets) if a.cmd == "perf-index" else ("seed", "scifact"),
                   getattr(a, "runtime", None), not getattr(a, "no_peer", False))
    if a.cmd in ("perf-query", "all"):
        perf_query(a.out, work, getattr(a, "n", 50), split(a.modes) if a.cmd == "perf-query" else ("hybrid", "baseline"))
    if a.cmd in ("external", "all"):
        external(a.out, work, split(a.datasets), split(a.modes), a.mpnet, split(a.mpnet_datasets), a.subset_size)
    if a.cmd == "all":
        llm_bench(a.out, work)
    if a.cmd in ("verdicts", "all"):
        from qa.eval.verdict_bench import VERDICT_DATASETS, verdict_bench

        if a.cmd == "verdicts":
            verdict_bench(a.out, work, split(a.datasets), model_min_p=a.model_min_p)
        else:
            verdict_bench(a.out, work, VERDICT_DATASETS)
    if a.cmd == "llm":
        bad = [x for x in split(a.settings) if x not in LLM_SETTINGS]
        if bad:
            p.error(f"unknown LLM setting {bad[0]!r}; choose from {', '.join(LLM_SETTINGS)}")
        llm_bench(a.out, work, split(a.settings), a.claims, split(a.datasets))
    if a.cmd == "summary":
        summarise(a.out)
        summarise_llm(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
