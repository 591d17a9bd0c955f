"""Check that verdict_loso's replay (Grid.select + Grid.run) gives the verdicts qa.claims.decide gives, with the
shipped model and session 19's switches on, for the claims of one seed set on the seed store.

    python docs/eval/s19-verdict/replay_check.py --cache SEED_NPZ --set gold
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from index.offline import set_defaults


def main() -> None:
    set_defaults()
    from qa.config import ConflictCheck, SupportCheck, VerdictConfig
    from qa.engine import Engine
    from qa.eval import verdict_loso as L
    from qa.eval.train_verdict import CLASSES
    from qa.eval.verdict_scoring import labelled_sets
    from qa.verdict_model import default_model

    p = argparse.ArgumentParser()
    p.add_argument("--cache", type=Path, required=True)
    p.add_argument("--store", type=Path, default=Path("/tmp/seed-store"))
    p.add_argument("--set", default="gold")
    a = p.parse_args()
    d = dict(np.load(a.cache, allow_pickle=False))
    d["ok"] = [{str(v)} for v in d["y"]]
    rows = d["group"] == a.set
    grid = L.Grid(d, rows)
    vm = default_model()
    P = np.zeros((rows.sum(), len(CLASSES)))
    P[:, [CLASSES.index(k) for k in vm.classes]] = vm.proba(d["X"][rows])  # offsets of the file included
    base = L.before_chain()
    variants = {"refute=always": (base._replace(refute="always"), VerdictConfig(refuted_needs_clash=True)),
                "refute=every_slot": (base._replace(refute="every_slot"),
                                      VerdictConfig(refuted_needs_clash=True,
                                                    refuted_clash_when=SupportCheck.EVERY_SLOT)),
                "conf>=0.5 articles, rules across articles": (
                    base._replace(conflicting=0.5, model_conf="articles", articles=True),
                    VerdictConfig(conflicting_min_probability=0.5, model_conflicting_needs=ConflictCheck.ARTICLES,
                                  conflicting_across_articles=True))}
    items = {json.loads(x)["id"]: json.loads(x) for x in Path(f"seeds/{a.set}.jsonl").read_text().splitlines() if x.strip()}
    ids = [str(i) for i in d["ids"][rows]]
    for name, (chain, cfg) in variants.items():
        sets = labelled_sets(P, 0.0, chain.conflicting)
        replay = grid.run(*grid.select(sets, chain), chain)
        engine = Engine(a.store, verdict_config=cfg)
        got = [engine.check(items[i]["question"]).verdict for i in ids]
        diff = [(i, r, str(g)) for i, r, g in zip(ids, replay, got) if r != str(g)]
        print(f"{name}: {len(ids) - len(diff)}/{len(ids)} equal", diff[:5], flush=True)


if __name__ == "__main__":
    main()
