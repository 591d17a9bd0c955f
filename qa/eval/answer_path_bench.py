"""Three measurements of the answer path's structural costs (docs/PERFORMANCE.md, "One parse per sentence"):

    python -m qa.eval.answer_path_bench parses --store S --gold G [-n 50]
        spaCy pipeline texts per warm ``ask`` (every text handed to the pipeline is recorded), and how many
        of them were parsed before in the process: a repeated parse of the same text.
    python -m qa.eval.answer_path_bench role --sentences S/gen-*/sentences.jsonl [...]
        ``check_role``'s read of the articles: every sentence (``corpus``) against ``RoleTextIndex``
        (``sentences``), CPU per question and the index's build, with the answers compared.
    python -m qa.eval.answer_path_bench fold --store S --gold G [-n 200]
        ``add_top_sentences``' selection: ``top_positive`` against ``top_k`` over the whole cosine array
        (must be equal), and how often the ``sentence_search`` hits alone would give another top 40.

Each prints one JSON line with the load average. Run with the engine to measure first on ``PYTHONPATH``."""
from __future__ import annotations

import argparse
import json
import os
import time
import traceback
from collections import Counter


def _questions(gold: str, n: int) -> list[str]:
    rows = [json.loads(line) for line in open(gold, encoding="utf-8") if line.strip()]
    qs = [r["question"] for r in rows if r.get("kind") != "claim"] or [r["question"] for r in rows]
    return qs[:n]


class _Recorder:
    """Wraps the pipeline's ``__call__`` and ``pipe`` to record each text and the qa function that asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def install(self, nlp) -> None:
        cls, rec = type(nlp), self
        call, pipe = cls.__call__, cls.pipe

        def where() -> str:
            frames = [f for f in traceback.extract_stack()[:-2]
                      if "/qa/" in f.filename and not f.filename.endswith(("qa/nlp.py", "answer_path_bench.py"))]
            return f"{frames[-1].filename.split('/qa/')[-1]}:{frames[-1].name}" if frames else "?"

        def counted_call(self, text, *a, **k):
            rec.calls.append((text if isinstance(text, str) else text.text, where()))
            return call(self, text, *a, **k)

        def counted_pipe(self, texts, *a, **k):
            texts, site = list(texts), where()
            rec.calls += [(t if isinstance(t, str) else t[0], site) for t in texts]
            return pipe(self, texts, *a, **k)

        cls.__call__, cls.pipe = counted_call, counted_pipe


def parses(args) -> dict:
    from qa.engine import Engine
    from qa.nlp import pipeline

    rec = _Recorder()
    rec.install(pipeline())
    qs = _questions(args.gold, args.n)
    engine = Engine(args.store).warm()
    warm = len(rec.calls)
    seen = Counter(t for t, _ in rec.calls)
    per_ask, sites, again = [], Counter(), Counter()
    for q in qs:
        rec.calls.clear()
        engine.ask(q)
        per_ask.append(len(rec.calls))
        for text, site in rec.calls:
            sites[site] += 1
            if seen[text]:
                again[site] += 1
            seen[text] += 1
    return {"measure": "parses", "engine": __import__("qa").__file__, "store": args.store, "asks": len(qs),
            "warm_up_parses": warm, "parses_per_ask": round(sum(per_ask) / max(1, len(qs)), 2),
            "repeated_parses_per_ask": round(sum(again.values()) / max(1, len(qs)), 2),
            "by_site": dict(sites.most_common()), "repeated_by_site": dict(again.most_common())}


ROLE_QUESTIONS = ("Who is Freedonia's defence minister?", "Who is the ambassador of Zembla to Norway?",
                  "Who is Acme's chief executive?", "Who is Norway's prime minister?", "Who is the president of Gondor?",
                  "Who is Freedonia's quartermistress?")


def role(args) -> dict:
    from index.types import Sentence
    from qa.config import DEFAULT
    from qa.parse import question_doc
    from qa.role_check import check_role, role_text_index

    out = []
    for path in args.sentences:
        texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
        sents = [Sentence(str(i), "d", "c", i, 0, len(t), t) for i, t in enumerate(texts)]
        c = time.process_time()
        role_text_index(sents)
        build = (time.process_time() - c) * 1000
        rows = []
        for q in ROLE_QUESTIONS:
            doc = question_doc(q)
            c = time.process_time()
            scan = check_role(doc, [], DEFAULT, (s.text for s in sents))
            scan_ms = (time.process_time() - c) * 1000
            c = time.process_time()
            indexed = check_role(doc, [], DEFAULT, sentences=sents)
            index_ms = (time.process_time() - c) * 1000
            rows.append({"question": q, "scan_cpu_ms": round(scan_ms, 1), "index_cpu_ms": round(index_ms, 1),
                         "same": scan == indexed, "outcome": scan.code.value if scan else None})
        out.append({"sentences_file": path, "sentences": len(texts), "index_build_cpu_ms": round(build, 1),
                    "questions": rows})
    return {"measure": "role", "stores": out}


def fold(args) -> dict:
    import numpy as np

    from qa.config import RETRIEVAL as cfg
    from qa.engine import Engine
    from qa.retrieve import rank_chunks, top_k, top_positive

    engine = Engine(args.store)
    store, emb = engine.store, engine.embedder
    qs = _questions(args.gold, args.n)
    same = naive_differs = 0
    t_full = t_pos = 0.0
    for q in qs:
        qv = emb.encode([q])[0]
        _, sims = rank_chunks(store, qv, q, cfg)
        t = time.perf_counter()
        full = [r for r in top_k(sims, cfg.top_sentences).tolist() if sims[r] > 0]
        t_full += time.perf_counter() - t
        t = time.perf_counter()
        pos = top_positive(sims, cfg.top_sentences).tolist()
        t_pos += time.perf_counter() - t
        same += full == pos
        hits = [r for r, _ in store.sentence_search(np.asarray(qv), cfg.sentence_pool)][: cfg.top_sentences]
        naive_differs += hits != full
    return {"measure": "fold", "store": args.store, "sentences": len(store.sentences), "queries": len(qs),
            "top_positive_equals_top_k": same, "sentence_search_top_differs": naive_differs,
            "top_k_ms_per_query": round(t_full * 1000 / max(1, len(qs)), 3),
            "top_positive_ms_per_query": round(t_pos * 1000 / max(1, len(qs)), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    p = sub.add_parser("parses")
    p.add_argument("--store", required=True)
    p.add_argument("--gold", required=True)
    p.add_argument("-n", type=int, default=50)
    r = sub.add_parser("role")
    r.add_argument("--sentences", nargs="+", required=True, help="a store generation's sentences.jsonl")
    f = sub.add_parser("fold")
    f.add_argument("--store", required=True)
    f.add_argument("--gold", required=True)
    f.add_argument("-n", type=int, default=200)
    args = ap.parse_args()
    load = os.getloadavg()
    out = {"parses": parses, "role": role, "fold": fold}[args.what](args)
    out.update(date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), loadavg_before=load, loadavg_after=os.getloadavg())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
