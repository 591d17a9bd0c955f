"""The verdict model's training data: features, gold labels and the rules' verdicts of every claim of a benchmark
split (cached in the work folder, keyed by the source of the code that computes them) and of the seed tune claims.
Read by ``qa.eval.train_verdict``."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def feature_key(features) -> str:
    """Cache key of extracted features: their names and the source of the code that computes them."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(json.dumps(list(features)).encode())
    h.update(b"columns: rule after figure_sources, named, slot_refuted, swapped, cross, cross_slot")
    for name in ("verdict_features.py", "stance.py", "slots.py", "claims.py", "claim_focus.py", "figure_sources.py",
                 "attribution.py", "clashes.py", "gazetteer.py", "verdict_trust.py"):
        h.update((root / name).read_bytes())
    return h.hexdigest()[:12]


def store_dir(name: str, split: str, work: Path) -> tuple[Path, Path]:
    """(gold folder, store folder) of a dataset split. AVeriTeC and SciFact share one corpus between
    their splits, so their tune claims are checked against the store built for the report folder."""
    from qa.eval.benchmarks import ensure_store, prepared

    gold_dir = prepared(name, work, split)
    corpus_dir = prepared(name, work, "report") if name in ("averitec", "scifact") else gold_dir
    store = ensure_store(corpus_dir / "corpus.jsonl", corpus_dir / "store-minilm", "minilm")
    return gold_dir, store


def extract(name: str, split: str, work: Path, refresh: bool = False, limit: int | None = None) -> dict:
    """Features, gold labels and rule verdicts of every claim of one split (cached)."""
    from qa.verdict_features import FEATURES

    cache = work / f"verdict-features-{name}-{split}.npz"
    key = feature_key(FEATURES)
    if cache.is_file() and not refresh:
        data = dict(np.load(cache, allow_pickle=False))
        if str(data.get("key")) == key:
            return data
    from qa.engine import Engine
    from qa.eval.evaluate import load_gold

    gold_dir, store = store_dir(name, split, work)
    items = load_gold(gold_dir / "gold.jsonl")[:limit]
    engine = Engine(store)
    engine.warm()
    data = {**extract_items(engine, items, f"{name} {split}"), "key": np.array(key),
            "gold": np.array(str(gold_dir / "gold.jsonl"))}
    tmp = cache.with_name(cache.name + ".tmp.npz")
    np.savez(tmp, **data)
    os.replace(tmp, cache)
    return data


def extract_items(engine, items: list[dict], label: str = "") -> dict:
    """What ``qa.claims.decide`` reads, for every claim of ``items`` (gold records) on ``engine``'s store:
    features, gold labels (and the verdicts also accepted), the rules' verdict, whether an exact slot
    decided it, whether differently attributed sources disagree ("named"), whether a slot is refuted, and
    whether the focus guard blocks the model."""
    from qa.claim_focus import missing_focus
    from qa.claims import cross_article, judge_all, rule_stage, slot_refuted, swapped_slot
    from qa.config import VerdictConfig
    from qa.engine import CLAIM_CANDIDATES
    from qa.figure_sources import SourcesOutcome
    from qa.question import normalize_question
    from qa.retrieve import diversify, retrieve
    from qa.stance import EXACT_SLOTS
    from qa.verdict_features import claim_features

    rows, labels, accept, rules, ids, exact, unmentioned, named, refuted_slot = [], [], [], [], [], [], [], [], []
    swapped, cross, cross_slot, docs = [], [], [], []
    dates = engine.dates
    similarity = VerdictConfig().focus_similarity
    t = time.perf_counter()
    for i, item in enumerate(items):
        # as ``Engine.check`` reads a claim: normalised, retrieved whole, judged without the words that only name
        # articles of the store
        claim = normalize_question(item["question"])
        r = retrieve(engine.store, engine.embedder, claim, mode=engine.mode)
        cands = diversify(r.evidence, CLAIM_CANDIDATES, per_article=3)
        content = engine._content(claim)
        cf, frames, stances = judge_all(content, cands, engine.store, engine.words)
        rule, deciding, sources = rule_stage(cf, frames, stances, dates)
        named.append(sources is not None and sources.outcome is SourcesOutcome.CONFLICT)
        refuted_slot.append(slot_refuted(stances))
        swapped.append(swapped_slot(cf, frames, stances, engine.words, similarity) is not None)
        cross.append(cross_article(stances, same_slot=False))
        cross_slot.append(cross_article(stances, same_slot=True))
        docs.append("|".join(dict.fromkeys(e.sentence.doc_id for e in cands)))
        rows.append(claim_features(cf, stances, frames, rule.value, engine.words))
        labels.append(item["verdict"])
        accept.append("|".join(item.get("accept") or []))
        rules.append(rule.value)
        exact.append(deciding is not None and deciding.slot in EXACT_SLOTS)
        unmentioned.append(missing_focus(content, [f.text for f in frames], engine.words, similarity) is not None)
        ids.append(item["id"])
        if (i + 1) % 50 == 0:
            log.info("%s: %d/%d claims (%.0f s)", label, i + 1, len(items), time.perf_counter() - t)
    return {"X": np.array(rows), "y": np.array(labels), "accept": np.array(accept), "rule": np.array(rules),
            "ids": np.array(ids), "exact": np.array(exact, dtype=bool), "unmentioned": np.array(unmentioned, dtype=bool),
            "named": np.array(named, dtype=bool), "slot_refuted": np.array(refuted_slot, dtype=bool),
            "swapped": np.array(swapped, dtype=bool), "cross": np.array(cross, dtype=bool),
            "cross_slot": np.array(cross_slot, dtype=bool),
            "docs": np.array(docs)}  # the candidate units' articles, best first (retrieval diagnostics)


def seed_claims(store: Path, gold_files: list[Path]) -> dict:
    """``extract_items`` for the claim items of seed gold files (tune sets: seeds/gold_v3..v6) on a seed store,
    with the file each claim came from ("file")."""
    from qa.engine import Engine
    from qa.eval.evaluate import load_gold

    engine = Engine(store)
    engine.warm()
    items, files = [], []
    for f in gold_files:
        claims = [it for it in load_gold(f) if it["kind"] == "claim"]
        items += claims
        files += [f.name] * len(claims)
    return {**extract_items(engine, items, "seed claims"), "file": np.array(files),
            "sha256": {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in gold_files}}
