"""How often ``qa.guard`` flags ordinary news sentences: run it over a prepared corpus.

    python -m qa.eval.guard_scan --split tune --out docs/bench/guard-realtimeqa-tune.json

Reads the RealTimeQA articles of one split (``qa.eval.bench.realtimeqa``; real news nobody
planted instructions in), splits them into sentences, and lists every sentence the guard flags
with its code, so each can be read: on this corpus every flag is a false positive unless the
article really addresses the reader with an instruction.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from qa.eval.bench.common import read_jsonl, split_sentences


def scan(corpus: Path) -> dict:
    from qa.guard import inspect, might_instruct
    from qa.nlp import pipeline

    sentences = []
    for art in read_jsonl(corpus):
        for s in split_sentences(art["text"]):
            sentences.append((art["id"], s))
    candidates = [(d, s) for d, s in sentences if might_instruct(s)]
    t = time.perf_counter()
    flagged = []
    nlp = pipeline()
    for (doc_id, text), doc in zip(candidates, nlp.pipe((s for _, s in candidates), batch_size=64)):
        found = inspect(doc[:])
        if found is not None:
            flagged.append({"doc_id": doc_id, "code": found.code.value, "trigger": text[found.start:found.end],
                            "sentence": text})
    seconds = time.perf_counter() - t
    return {"corpus": str(corpus), "articles": len({d for d, _ in sentences}), "sentences": len(sentences),
            "parsed_after_prefilter": len(candidates), "flagged": len(flagged),
            "by_code": dict(Counter(f["code"] for f in flagged)), "parse_and_guard_s": round(seconds, 1),
            "loadavg_1m": round(os.getloadavg()[0], 2), "flags": flagged}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="tune", choices=("tune", "report"))
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "factqa-bench")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    from qa.eval.benchmarks import prepared

    result = scan(prepared("realtimeqa", args.work, split=args.split) / "corpus.jsonl")
    result["command"] = f"python -m qa.eval.guard_scan --split {args.split} --out {args.out}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "flags"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
