"""The per-set table of docs/eval/s19-mixrank.md from two sumsets.sh outputs (seed store, mixed store)."""
import re, sys

def read(path):
    out = {}
    for line in open(path):
        m = re.match(r"(\S+)\s+answerable ([\d.]+) \(n(\d+)\) refused ([\d.]+)% unans (\d+/\d+) lists (\d+/\d+) short ([\d.]+) claims (\d+/\d+)", line)
        if m:
            out[m.group(1)] = m.groups()[1:]
    return out

seed, mix = read(sys.argv[1]), read(sys.argv[2])
split = {"gold": "in-sample", **{f"gold_v{i}": "dev" for i in range(3, 8)}, **{f"gold_v{i}": "check" for i in range(8, 13)}}
print("| set | split | seed store: answerable / refused / unans / lists / short / claims | mixed store: same |")
print("|---|---|---|---|")
for s in ["gold"] + [f"gold_v{i}" for i in range(3, 13)]:
    f = lambda r: " / ".join([r[0], r[2] + "%", r[3], r[4], r[5], r[6]]) if r else "not run"
    print(f"| {s} | {split[s]} | {f(seed.get(s)) if s != 'gold_v12' else 'needs the mixed store'} | {f(mix.get(s))} |")
