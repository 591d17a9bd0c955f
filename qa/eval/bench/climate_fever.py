"""Climate-FEVER: real-world climate claims checked against Wikipedia sentences.

Split: claim_id < 500 -> tune, the rest -> report.
corpus: the evidence sentences of the split's claims, one article each (title = the Wikipedia
article name), id ``cf-<article name slug>-<sentence index>`` from the evidence id.
gold: one ``claim`` per claim, id ``climate-fever-<claim_id>``; SUPPORTS -> supported,
REFUTES -> refuted, NOT_ENOUGH_INFO -> not_enough_evidence, DISPUTED -> conflicting.
``sources``/``evidence`` are the sentences annotated SUPPORTS or REFUTES (empty when all five are
NOT_ENOUGH_INFO); all five candidate sentences are kept in ``candidate_sources``.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from qa.eval.bench.common import check_split, data_root, dataset_file, read_jsonl, write_outputs

LABELS = {"SUPPORTS": "supported", "REFUTES": "refuted", "NOT_ENOUGH_INFO": "not_enough_evidence",
          "DISPUTED": "conflicting"}
TUNE_BELOW = 500


def evidence_doc_id(evidence_id: str) -> str:
    """``"Global warming:14"`` -> ``"cf-Global-warming-14"`` (article names may contain ':')."""
    article, _, index = evidence_id.rpartition(":")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", article).strip("-")
    if not slug:
        slug = hashlib.sha256(article.encode("utf-8")).hexdigest()[:12]
    return f"cf-{slug}-{index}"


def prepare(split: str, out_dir: str | Path, data_dir: str | Path | None = None) -> dict:
    check_split(split)
    root = data_root(data_dir)
    corpus: dict[str, dict] = {}
    owner: dict[str, str] = {}  # doc id -> evidence id, to catch slug collisions
    gold = []
    for claim in read_jsonl(dataset_file(root, "climate-fever", "climate-fever.jsonl")):
        if (int(claim["claim_id"]) < TUNE_BELOW) != (split == "tune"):
            continue
        sources, evidence, candidates = [], [], []
        for ev in claim["evidences"]:
            did = evidence_doc_id(ev["evidence_id"])
            if owner.setdefault(did, ev["evidence_id"]) != ev["evidence_id"]:
                raise ValueError(f"climate-fever: ids {owner[did]!r} and {ev['evidence_id']!r} both map to {did}")
            corpus.setdefault(did, {"id": did, "title": ev["article"], "text": ev["evidence"],
                                    "source": "Wikipedia"})
            candidates.append(did)
            if ev["evidence_label"] in ("SUPPORTS", "REFUTES") and did not in sources:
                sources.append(did)
                evidence.append(ev["evidence"])
        gold.append({
            "id": f"climate-fever-{claim['claim_id']}", "kind": "claim", "question": claim["claim"],
            "answer": "", "aliases": [], "verdict": LABELS[claim["claim_label"]],
            "sources": sources, "evidence": evidence, "candidate_sources": candidates,
        })
    notes = ["corpus = the evidence sentences of this split's claims only",
             "claims whose five sentences are all NOT_ENOUGH_INFO have no sources (not in recall@k)"]
    return write_outputs(out_dir, list(corpus.values()), gold,
                         {"name": "climate-fever", "split": split, "data_dir": str(root), "notes": notes})
