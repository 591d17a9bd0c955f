"""The largest corpus this machine holds: every corpus under ../shared/eval in one file.

``python -m qa.eval.scale_corpus --work /tmp/scale-100k --out docs/scale/corpus-all-eval.json``
prepares every benchmark's tune and report split (``qa.eval.bench.prepare``), merges their
``corpus.jsonl`` files into ``WORK/corpus.jsonl`` (one line per article id; an id or a text seen
before is skipped: SciFact's corpus is the same for both splits, RealTimeQA weeks repeat
articles), then counts the chunks and sentences factqa's chunker makes of it **without
embedding** (the build's own ``segment_article`` with the model's tokenizer), so the size of a
build is known before paying for it. Writes the counts per benchmark as JSON, and
``WORK/gold-mixed.jsonl``: a fixed question sample from every benchmark's report split.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
from pathlib import Path

log = logging.getLogger(__name__)


def merge_corpora(work: Path, names: tuple[str, ...], splits: tuple[str, ...] = ("tune", "report")) -> dict:
    """Prepare each benchmark split under ``work`` and merge the corpora into ``work/corpus.jsonl``."""
    from qa.eval.bench import prepare

    seen_ids: set[str] = set()
    seen_text: set[str] = set()
    per: dict[str, dict] = {}
    tmp = work / "corpus.jsonl.tmp"
    work.mkdir(parents=True, exist_ok=True)
    with tmp.open("w", encoding="utf-8") as out:
        for name in names:
            kept = dup = 0
            for split in splits:
                part = work / f"{name}-{split}"
                if not (part / "corpus.jsonl").is_file():
                    prepare(name, split, part)
                for line in (part / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
                    if not line.strip():
                        continue
                    row = json.loads(line)
                    h = hashlib.sha256(row.get("text", "").encode("utf-8")).hexdigest()
                    if row["id"] in seen_ids or h in seen_text:
                        dup += 1
                        continue
                    seen_ids.add(row["id"])
                    seen_text.add(h)
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                    kept += 1
            per[name] = {"articles": kept, "skipped_repeats": dup}
    tmp.replace(work / "corpus.jsonl")
    return per


def mixed_gold(work: Path, names: tuple[str, ...], per: int, split: str = "report") -> dict:
    """``work/gold-mixed.jsonl``: the first ``per`` gold items with sources of each benchmark's
    ``split`` whose sources are all in the merged corpus (an article dropped as a repeat of another
    benchmark's text cannot be found under its own id), in benchmark order."""
    ids = {json.loads(line)["id"] for line in (work / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    taken: dict[str, int] = {}
    with (work / "gold-mixed.jsonl").open("w", encoding="utf-8") as out:
        for name in names:
            n = 0
            for line in (work / f"{name}-{split}" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
                item = json.loads(line) if line.strip() else {}
                if n < per and item.get("sources") and all(s in ids for s in item["sources"]):
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
                    n += 1
            taken[name] = n
    return {"split": split, "per_benchmark": taken}


def count_units(corpus: Path, model: str = "minilm", runtime: str = "onnx") -> dict:
    """Chunks and sentences the build would make of ``corpus`` (tokenizer only, no encoder)."""
    from index.build import DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP, segment_article
    from index.embed import get_embedder
    from index.loaders import load_paths

    emb = get_embedder(model, runtime)
    loaded = load_paths([corpus])
    per: dict[str, dict] = {}
    chunks = sentences = 0
    for a in loaded.articles:
        ch, se = segment_article(a, emb.count_tokens, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP)
        bench = a.id.split("-", 1)[0]
        d = per.setdefault(bench, {"articles": 0, "chunks": 0, "sentences": 0})
        d["articles"] += 1
        d["chunks"] += len(ch)
        d["sentences"] += len(se)
        chunks += len(ch)
        sentences += len(se)
    return {"articles": len(loaded.articles), "chunks": chunks, "sentences": sentences, "by_id_prefix": per,
            "load_errors": len(loaded.errors), "chunking": {"max_tokens": DEFAULT_MAX_TOKENS, "overlap": DEFAULT_OVERLAP}}


def main(argv: list[str] | None = None) -> int:
    from qa.eval.bench import NAMES

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--datasets", default=",".join(NAMES))
    p.add_argument("--gold-per", type=int, default=40, help="gold items per benchmark in gold-mixed.jsonl")
    p.add_argument("--gold-only", action="store_true", help="only (re)write gold-mixed.jsonl from a merged corpus")
    a = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    names = tuple(a.datasets.split(","))
    if a.gold_only:
        log.info("%s", mixed_gold(a.work, names, a.gold_per))
        return 0
    t = time.perf_counter()
    merged = merge_corpora(a.work, names)
    t_merge = time.perf_counter() - t
    t = time.perf_counter()
    counts = count_units(a.work / "corpus.jsonl")
    result = {"command": "python -m qa.eval.scale_corpus " + " ".join(argv if argv is not None else sys.argv[1:]),
              "merged": merged, "gold": mixed_gold(a.work, names, a.gold_per),
              "merge_s": round(t_merge, 1), "count_s": round(time.perf_counter() - t, 1), **counts}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    log.info("%s articles, %s chunks, %s sentences", counts["articles"], counts["chunks"], counts["sentences"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
