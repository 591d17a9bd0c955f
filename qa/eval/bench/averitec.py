"""AVeriTeC dev: real claims checked by fact-checking organisations, the project's four verdicts.

Setting ("gold evidence as the corpus", ../shared/eval/averitec/README.md): every question-answer
pair of every claim of the file is one short article (title: the question; text: the question,
then the answer, then the answer's boolean explanation when it has one; url: the answer's
source_url), id ``averitec-<claim index>-q<question index>-a<answer index>``. The corpus is the
same for both splits (about 1,400 passages shared by all 500 claims): each claim is checked
against the whole corpus, not only its own evidence.

Split: tune = the first 200 claims in file order, report = the last 300.
gold: one ``claim`` per claim, id ``averitec-<claim index>``; Supported -> supported, Refuted ->
refuted, Conflicting Evidence/Cherrypicking -> conflicting, Not Enough Evidence ->
not_enough_evidence. ``sources`` are the claim's own passages; ``evidence`` their answers (with
the explanation), each a substring of its passage.
"""
from __future__ import annotations

import json
from pathlib import Path

from qa.eval.bench.common import check_split, data_root, dataset_file, write_outputs

LABELS = {"Supported": "supported", "Refuted": "refuted", "Conflicting Evidence/Cherrypicking": "conflicting",
          "Not Enough Evidence": "not_enough_evidence"}
TUNE_CLAIMS = 200


def _answer_text(ans: dict) -> str:
    text = " ".join(str(ans.get("answer") or "").split())
    expl = " ".join(str(ans.get("boolean_explanation") or "").split())
    if expl:
        text = f"{text.rstrip('.')}. {expl}" if text else expl
    return text


def passages(claims: list[dict]) -> tuple[list[dict], dict[int, list[tuple[str, str]]]]:
    """The corpus (one article per question-answer pair) and, per claim index, its (doc id, answer)."""
    corpus, own = [], {}
    for ci, claim in enumerate(claims):
        own[ci] = []
        for qi, q in enumerate(claim.get("questions") or []):
            question = " ".join(str(q.get("question") or "").split())
            for ai, ans in enumerate(q.get("answers") or []):
                answer = _answer_text(ans)
                if not question or not answer:
                    continue
                did = f"averitec-{ci}-q{qi}-a{ai}"
                sep = "" if question.endswith(("?", ".", "!")) else "?"
                corpus.append({"id": did, "title": question, "text": f"{question}{sep} {answer}",
                               "url": ans.get("source_url") or None, "source": "AVeriTeC"})
                own[ci].append((did, answer))
    return corpus, own


def prepare(split: str, out_dir: str | Path, data_dir: str | Path | None = None) -> dict:
    check_split(split)
    root = data_root(data_dir)
    claims = json.loads(dataset_file(root, "averitec", "dev.json").read_text(encoding="utf-8"))
    if not isinstance(claims, list):
        raise ValueError("averitec: dev.json must hold a list of claims")
    corpus, own = passages(claims)
    indices = range(min(TUNE_CLAIMS, len(claims))) if split == "tune" else range(TUNE_CLAIMS, len(claims))
    gold = []
    for ci in indices:
        claim = claims[ci]
        label = claim.get("label")
        if label not in LABELS:
            raise ValueError(f"averitec: claim {ci} has label {label!r}; expected one of {', '.join(LABELS)}")
        gold.append({
            "id": f"averitec-{ci}", "kind": "claim", "question": " ".join(str(claim["claim"]).split()),
            "answer": "", "aliases": [], "verdict": LABELS[label],
            "sources": [d for d, _ in own[ci]], "evidence": [a for _, a in own[ci]],
            "claim_date": claim.get("claim_date"), "speaker": claim.get("speaker"),
        })
    notes = ["corpus = every question-answer pair of all claims in dev.json (the same for both splits)",
             f"tune = claims 0-{TUNE_CLAIMS - 1}, report = claims {TUNE_CLAIMS}-{len(claims) - 1}"]
    for a in corpus:
        if a["url"] is None:
            del a["url"]
    return write_outputs(out_dir, corpus, gold, {"name": "averitec", "split": split, "data_dir": str(root),
                                                 "notes": notes})
