"""Are two `factqa eval` runs' predictions the same item by item (timings aside)? Prints one line per gold set:
identical items / all, and the ids that differ (then `python -m qa.eval.pred_diff` shows whose judgement moved).
usage: python docs/eval/s19-debt/samepreds.py BEFORE_TAG AFTER_TAG SET...   (reads /tmp/sum-TAG-SET/predictions.jsonl)
"""
import json
import sys


def _load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                d.pop("timings_ms", None)
                out[d["id"]] = json.dumps(d, sort_keys=True)
    return out


def main(before, after, sets):
    for s in sets:
        a = _load(f"/tmp/sum-{before}-{s}/predictions.jsonl")
        b = _load(f"/tmp/sum-{after}-{s}/predictions.jsonl")
        diff = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        print(f"{s:9} identical {len(a) - len(diff)}/{len(a)}" + (f"  differ: {' '.join(diff)}" if diff else ""))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
