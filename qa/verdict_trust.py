"""Features of how far the best evidence covers a claim beyond its figures, and of evidence that both supports and
refutes it: read by the verdict model next to ``qa.verdict_features``' (issue 11, session 18).

Support trust (``TRUST_FEATURES``): the "best unit" is the relevant evidence unit (stance not off topic; the
best-scored unit when none is) that shares the most content terms with the claim. From the spaCy parses the slot
frames already hold (``qa.nlp.parsed``: cached by text, no new parse), the shares of the claim's content lemmas, of
its named entities and of its predicate's verb lemmas that the best unit lacks; the content lemmas no relevant unit
has; the MiniLM cosine of the claim to the best unit; and a negation on one side only. A claim that only restates
the topic ("Brandt answered the vote with a strike" when the evidence is about Brandt and the vote) leaves lemmas and
its verb uncovered: the model can weigh that against the similarity, instead of a hard veto (the every-slot rule).

Conflict (``CONFLICT_FEATURES``): relevant units with opposite stances (on any slot, on one shared slot), units that
give different figures for the counted group of a claim figure (one of them the claim's), and close units of both
polarities. Whether the model's "conflicting" pays held out is measured in ``qa.eval.verdict_loso``.
"""
from __future__ import annotations

import functools
from typing import Sequence

import numpy as np

from qa.numbers import numbers_match
from qa.slots import CONTENT_POS, SlotFrame
from qa.stance import Stance, StanceCode

# entity labels of numbers and dates: the figure and time slots compare those
NUMERIC_ENTS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME", "ORDINAL"})
CLOSE_OVERLAP = 0.5  # a unit holding at least this share of the claim's content terms is "close" (conf_polarity_split)

TRUST_FEATURES = ("trust_lemmas_missing", "trust_lemmas_missing_rel", "trust_entities_missing", "trust_verb_missing",
                  "trust_sim", "trust_neg_mismatch")
CONFLICT_FEATURES = ("conf_opposite", "conf_same_slot", "conf_figures_split", "conf_polarity_split")
FEATURES = (*TRUST_FEATURES, *CONFLICT_FEATURES)


@functools.lru_cache(maxsize=20_000)
def content_lemmas(text: str) -> frozenset[str]:
    """Lower-case lemmas of the content words of ``text`` (nouns, proper nouns, verbs, adjectives; no stop words,
    no numbers). Cached by text, as the parse is."""
    from qa.nlp import parsed

    return frozenset(t.lemma_.lower() for t in parsed(text)
                     if t.pos_ in CONTENT_POS and not t.is_stop and t.is_alpha)


@functools.lru_cache(maxsize=20_000)
def entities(text: str) -> frozenset[str]:
    """Lower-case texts of the named entities of ``text`` that are not numbers or dates."""
    from qa.nlp import parsed

    return frozenset(e.text.lower() for e in parsed(text).ents if e.label_ not in NUMERIC_ENTS)


def _missing(wanted: frozenset[str], have: frozenset[str]) -> float:
    return len(wanted - have) / len(wanted) if wanted else 0.0


def _overlap(claim: SlotFrame, f: SlotFrame) -> float:
    return len(claim.terms & f.terms) / len(claim.terms) if claim.terms else 0.0


def best_unit(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame]
              ) -> tuple[Stance, SlotFrame] | None:
    """The relevant unit sharing the most content terms with the claim (ties: the better scored); the best-scored
    unit when no unit is relevant; None without evidence."""
    pairs = list(zip(stances, frames))
    if not pairs:
        return None
    rel = [p for p in pairs if p[0].code is not StanceCode.OFF_TOPIC]
    if not rel:
        return max(pairs, key=lambda p: p[0].evidence.score)
    return max(rel, key=lambda p: (_overlap(claim, p[1]), p[0].evidence.score))


def _entities_missing(claim_ents: frozenset[str], text: str) -> float:
    """Share of the claim's entities whose text (or last word: a surname, "the Ledger" -> ledger) is not in ``text``."""
    if not claim_ents:
        return 0.0
    low = text.lower()
    return sum(e not in low and e.split()[-1] not in low for e in claim_ents) / len(claim_ents)


def trust_features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame]) -> dict[str, float]:
    best = best_unit(claim, stances, frames)
    if best is None:
        return {"trust_lemmas_missing": 1.0, "trust_lemmas_missing_rel": 1.0,
                "trust_entities_missing": float(bool(entities(claim.text))),
                "trust_verb_missing": float(bool(claim.predicates)), "trust_sim": 0.0, "trust_neg_mismatch": 0.0}
    stance, unit = best
    wanted = content_lemmas(claim.text)
    have = content_lemmas(unit.text)
    rel = [f for s, f in zip(stances, frames) if s.code is not StanceCode.OFF_TOPIC] or [unit]
    have_rel = frozenset().union(*(content_lemmas(f.text) for f in rel))
    verbs = frozenset(claim.predicates)
    return {
        "trust_lemmas_missing": _missing(wanted, have),
        "trust_lemmas_missing_rel": _missing(wanted, have_rel),
        "trust_entities_missing": _entities_missing(entities(claim.text), unit.text),
        "trust_verb_missing": _missing(verbs, have),
        "trust_sim": float(stance.evidence.dense),
        "trust_neg_mismatch": float(unit.negated != claim.negated),
    }


def figures_split(claim: SlotFrame, frames: Sequence[SlotFrame]) -> bool:
    """Some unit gives a claim figure's number for its counted group and another gives a different number for
    the same group: two sources disagree on the figure."""
    for cf in claim.figures:
        if not cf.counted:
            continue
        same = [f for u in frames for f in u.figures if f.counted == cf.counted]
        if any(numbers_match(cf.quantity, f.quantity) for f in same) and \
                any(not numbers_match(cf.quantity, f.quantity) for f in same):
            return True
    return False


def conflict_features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame]) -> dict[str, float]:
    rel = [(s, f) for s, f in zip(stances, frames) if s.code is not StanceCode.OFF_TOPIC]
    sup = {s.slot for s, _ in rel if s.code is StanceCode.SUPPORTS}
    ref = {s.slot for s, _ in rel if s.code is StanceCode.REFUTES}
    close = [f for _, f in rel if _overlap(claim, f) >= CLOSE_OVERLAP]
    return {
        "conf_opposite": float(bool(sup) and bool(ref)),
        "conf_same_slot": float(bool(sup & ref)),
        "conf_figures_split": float(figures_split(claim, [f for _, f in rel])),
        "conf_polarity_split": float(any(f.negated for f in close) and any(not f.negated for f in close)),
    }


def features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame]) -> np.ndarray:
    """The ``FEATURES`` vector of one claim."""
    values = {**trust_features(claim, stances, frames), **conflict_features(claim, stances, frames)}
    return np.array([values[name] for name in FEATURES], dtype=np.float64)
