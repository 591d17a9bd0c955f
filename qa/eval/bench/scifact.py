"""SciFact: claim verification over 5,183 scientific abstracts.

corpus: every abstract, id ``scifact-<doc_id>``, text = the abstract sentences joined by spaces.
gold: tune = claims_train, report = claims_dev; one ``claim`` item per claim, id
``scifact-claim-<id>``. Verdict: SUPPORT -> supported, CONTRADICT -> refuted, both (never in
1.0 data) -> conflicting, no evidence -> not_enough_evidence. ``sources`` are the abstracts with
evidence (empty for NEI claims, so retrieval is scored only on claims with evidence; their
cited abstracts are kept in ``cited_sources``); ``evidence`` are the rationale sentences.
"""
from __future__ import annotations

from pathlib import Path

from qa.eval.bench.common import check_split, data_root, dataset_file, read_jsonl, write_outputs

CLAIMS = {"tune": "claims_train.jsonl", "report": "claims_dev.jsonl"}
LABELS = {"SUPPORT": "supported", "CONTRADICT": "refuted"}


def doc_id(raw: int | str) -> str:
    return f"scifact-{raw}"


def prepare(split: str, out_dir: str | Path, data_dir: str | Path | None = None) -> dict:
    check_split(split)
    root = data_root(data_dir)
    abstracts = {}
    corpus = []
    for rec in read_jsonl(dataset_file(root, "scifact", "corpus.jsonl")):
        abstracts[str(rec["doc_id"])] = rec["abstract"]
        corpus.append({"id": doc_id(rec["doc_id"]), "title": rec["title"].strip(),
                       "text": " ".join(rec["abstract"]), "source": "SciFact"})
    gold = []
    for claim in read_jsonl(dataset_file(root, "scifact", CLAIMS[split])):
        evidence_docs = claim.get("evidence") or {}
        labels = {r["label"] for rationales in evidence_docs.values() for r in rationales}
        if not labels:
            verdict = "not_enough_evidence"
        elif len(labels) == 1:
            verdict = LABELS[labels.pop()]
        else:
            verdict = "conflicting"
        sentences: list[str] = []
        for d, rationales in evidence_docs.items():
            for r in rationales:
                for i in r["sentences"]:
                    s = abstracts[str(d)][i]
                    if s not in sentences:
                        sentences.append(s)
        gold.append({
            "id": f"scifact-claim-{claim['id']}", "kind": "claim", "question": claim["claim"],
            "answer": "", "aliases": [], "verdict": verdict,
            "sources": [doc_id(d) for d in evidence_docs], "evidence": sentences,
            "cited_sources": [doc_id(d) for d in claim.get("cited_doc_ids", [])],
        })
    notes = ["NEI claims have no sources: recall@k/MRR are computed over claims with evidence only."]
    return write_outputs(out_dir, corpus, gold, {"name": "scifact", "split": split, "data_dir": str(root),
                                                 "notes": notes})
