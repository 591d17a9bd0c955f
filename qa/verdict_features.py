"""The feature vector of one claim and its candidate evidence, read by the verdict model.

``claim_features(claim, stances, frames, rule)`` turns the claim's ``SlotFrame``, the candidate
evidence units (their retrieval scores and ``SlotFrame``s) and the rule stances into a fixed vector;
``FEATURES`` names each entry. Groups of features:

- similarity: best / mean cosine and BM25 of the best-scored units, the gap between the first two;
- coverage: share of the claim's content terms in the best unit, on average, and in the union of
  the ``TOP`` best units;
- figures: claim figures matched by a number of the top units, top units that give other numbers;
- names: share of the claim's places and actors the top units name; soft place / time / group
  clashes (the rules' slot comparisons, without the overlap thresholds that make them decisive);
- polarity: negation on one side only, denial and falsity words, bare yes / no answers (both in the
  top units: a conflicting sign), "unknown" phrases, opposite directions, hedges;
- the rule stances (counts, best scores, deciding slots) and the rule verdict;
- cue words of the answer part of the top units and of the claim (``qa.lexicon``);
- support trust and conflict (``qa.verdict_trust``): what of the claim the best unit lacks beyond figures
  (content lemmas, entities, its verb), its similarity, opposite stances and figures on one counted group;
- slot alignment: claim names in the best unit, claim figures matched by any relevant unit, the
  claim's predicate and object in the top units, opposite words by prefix (``qa.stance.prefix_clash``),
  and whether the relevant units meet its figures / names / every slot (``qa.claim_focus.unmet_slot``).

Everything is computed from what ``qa.claims`` already has (no new parse: the spaCy parses of the claim and the
units are cached by text; no embedding): cheap at check time.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

from index.lexical import tokenize
from qa import lexicon as lx
from qa.claim_focus import unmet_slot
from qa.config import SupportCheck
from qa.numbers import numbers_match
from qa.slots import SlotFrame
from qa.stance import (RELEVANT, Slot, Stance, StanceCode, direction_clash, group_clash, names_overlap, place_clash,
                       prefix_clash, time_clash)
from qa.verdict_trust import FEATURES as TRUST_FEATURES
from qa.verdict_trust import features as trust_features

TOP = 3  # the best-scored evidence units that the "top" features read

BASE_FEATURES = (
    # similarity
    "dense_max", "dense_mean3", "dense_top1", "lex_max", "lex_mean3", "score_max", "score_gap", "relevant_share",
    # coverage
    "overlap_max", "overlap_mean3", "overlap_top1", "overlap_union3",
    # figures
    "claim_figure", "claim_figures_log", "figure_matched3", "figure_other3",
    # names
    "claim_names_log", "names_covered3", "place_clash3", "time_clash3", "group_clash3", "year_match3",
    # polarity
    "claim_negated", "claim_polarity", "claim_hedged", "neg_asym_top1", "neg_asym3",
    "falsity_top", "negated_top", "denial_top", "truth_top", "unknown_top", "hedged_top",
    "answer_no_top", "answer_yes_top", "answer_no_top1", "answer_yes_top1", "unknown_top1", "falsity_top1",
    "yes_and_no3", "direction3",
    "falsity_all", "negated_all", "answer_no_all", "answer_yes_all", "unknown_all",
    # rule stances
    "n_supports", "n_refutes", "n_hedged", "n_other_figure", "sup_score_max", "ref_score_max",
    "ref_figure", "ref_place", "ref_time", "ref_polarity", "ref_direction", "ref_actor",
    "sup_figure", "sup_content", "sup_polarity",
    "rule_supported", "rule_refuted", "rule_conflicting",
    # claim
    "claim_length",
    # alignment of every slot the claim makes (qa.claim_focus.unmet_slot) and opposite words by prefix
    "names_top1", "figure_matched_all", "claim_predicate", "predicate_covered3", "focus_covered3",
    "prefix_clash3", "figures_met", "names_met", "every_slot_met",
    "one_unit_met",  # one relevant unit meets every slot (SupportCheck.ONE_UNIT)
)
FEATURES = (*BASE_FEATURES, "qa_format_top", *(f"cue:{w}" for w in dict.fromkeys(lx.STANCE_CUES)),
            *(f"claim:{w}" for w in dict.fromkeys(lx.CLAIM_CUES)), *TRUST_FEATURES)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def answer_part(text: str) -> str:
    """The answer of a "question? answer" unit (the whole text when it holds no question)."""
    head, sep, tail = text.rpartition("?")
    return tail if sep and tail.strip() else text


def top_texts(stances: Sequence[Stance], frames: Sequence[SlotFrame]) -> list[str]:
    """The texts of the ``TOP`` best-scored evidence units."""
    pairs = sorted(zip(stances, frames), key=lambda sf: -sf[0].evidence.score)[:TOP]
    return [f.text for _, f in pairs]


def cue_features(claim: str, texts: Sequence[str]) -> np.ndarray:
    """Share of the top units whose answer part contains each stance cue word; which claim cue words
    the claim has; and the share of units that are a question with its answer."""
    unit_words = [set(_WORD.findall(answer_part(t).lower())) for t in texts]
    n = max(len(texts), 1)
    claim_words = set(_WORD.findall(claim.lower()))
    qa = sum("?" in t for t in texts) / n
    cues = [sum(w in ws for ws in unit_words) / n for w in dict.fromkeys(lx.STANCE_CUES)]
    return np.array([qa, *cues, *(float(w in claim_words) for w in dict.fromkeys(lx.CLAIM_CUES))])


def claim_features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame],
                   rule_verdict: str, words=None) -> np.ndarray:
    """The feature vector of one claim; ``stances[i]`` and ``frames[i]`` describe the same evidence.
    ``words`` (a ``qa.coverage.WordCache``): slots met by a paraphrase too (``qa.claim_focus.unmet_slot``),
    as ``qa.claims.decide`` checks them."""
    return np.concatenate([base_features(claim, stances, frames, rule_verdict, words),
                           cue_features(claim.text, top_texts(stances, frames)),
                           trust_features(claim, stances, frames)])


def _overlap(claim: SlotFrame, f: SlotFrame) -> float:
    return len(claim.terms & f.terms) / len(claim.terms) if claim.terms else 0.0


def _mean(values) -> float:
    values = list(values)
    return float(np.mean(values)) if values else 0.0


def _figures(claim: SlotFrame, top: Sequence[SlotFrame]) -> tuple[float, float]:
    """(share of the claim's figures that some top unit matches, share of top units that give
    numbers of which none matches a claim figure)."""
    if not claim.figures:
        return 0.0, 0.0
    matched = sum(any(numbers_match(cf.quantity, f.quantity) for u in top for f in u.figures) for cf in claim.figures)
    other = sum(bool(u.figures) and not any(numbers_match(cf.quantity, f.quantity)
                                            for cf in claim.figures for f in u.figures) for u in top)
    return matched / len(claim.figures), other / max(len(top), 1)


def _names_covered(claim: SlotFrame, top: Sequence[SlotFrame]) -> float:
    names = claim.places | claim.actors
    if not names:
        return 0.0
    low = " ".join(u.text.lower() for u in top)
    found = set().union(*(u.places | u.actors for u in top)) if top else set()
    return sum(1 for n in names if n in low or names_overlap(frozenset({n}), frozenset(found))) / len(names)


def _stems_covered(words: Sequence[str], top: Sequence[SlotFrame]) -> float:
    """Share of ``words`` whose stemmed form is in one of the ``top`` units (0 when there are none)."""
    if not words or not top:
        return 0.0
    stems = set().union(*(u.terms for u in top))
    return sum(set(tokenize(w)) <= stems for w in words) / len(words)


def base_features(claim: SlotFrame, stances: Sequence[Stance], frames: Sequence[SlotFrame],
                  rule_verdict: str, words=None) -> np.ndarray:
    """The similarity, coverage, slot and stance features (``BASE_FEATURES``)."""
    from qa.config import VerdictConfig

    tau = VerdictConfig().focus_similarity
    pairs = sorted(zip(stances, frames), key=lambda sf: -sf[0].evidence.score)
    rel = [(s, f) for s, f in pairs if s.code is not StanceCode.OFF_TOPIC]
    top = pairs[:TOP]
    top_f = [f for _, f in top]
    t1 = top_f[0] if top_f else None
    dense = sorted((s.evidence.dense for s, _ in pairs), reverse=True)
    lex = sorted((s.evidence.lexical for s, _ in pairs), reverse=True)
    scores = [s.evidence.score for s, _ in pairs]
    overlaps = sorted((_overlap(claim, f) for f in frames), reverse=True)
    union = frozenset().union(*(f.terms for f in top_f)) if top_f else frozenset()
    fig_matched, fig_other = _figures(claim, top_f)
    answers = {f.answer for f in top_f}

    def share(items, pred) -> float:
        items = list(items)
        return sum(1 for f in items if pred(f)) / len(items) if items else 0.0

    def count(code: StanceCode) -> float:
        return float(sum(1 for s, _ in rel if s.code is code))

    def best(code: StanceCode) -> float:
        return max((s.evidence.score for s, _ in rel if s.code is code), default=0.0)

    def any_slot(code: StanceCode, slot: Slot) -> float:
        return float(any(s.code is code and s.slot is slot for s, _ in rel))

    def one(pred) -> float:
        return float(t1 is not None and bool(pred(t1)))

    rel_f = [f for _, f in rel]
    values = {
        "dense_max": dense[0] if dense else 0.0, "dense_mean3": _mean(dense[:TOP]),
        "dense_top1": top[0][0].evidence.dense if top else 0.0,
        "lex_max": lex[0] if lex else 0.0, "lex_mean3": _mean(lex[:TOP]),
        "score_max": scores[0] if scores else 0.0,
        "score_gap": scores[0] - scores[1] if len(scores) > 1 else 0.0,
        "relevant_share": share(scores, lambda v: v >= RELEVANT),
        "overlap_max": overlaps[0] if overlaps else 0.0, "overlap_mean3": _mean(overlaps[:TOP]),
        "overlap_top1": _overlap(claim, t1) if t1 else 0.0,
        "overlap_union3": len(claim.terms & union) / len(claim.terms) if claim.terms else 0.0,
        "claim_figure": float(bool(claim.figures)), "claim_figures_log": math.log1p(len(claim.figures)),
        "figure_matched3": fig_matched, "figure_other3": fig_other,
        "claim_names_log": math.log1p(len(claim.places | claim.actors)),
        "names_covered3": _names_covered(claim, top_f),
        "place_clash3": share(top_f, lambda f: place_clash(claim, f) is not None),
        "time_clash3": share(top_f, lambda f: time_clash(claim, f) is not None),
        "group_clash3": share(top_f, lambda f: group_clash(claim, f) is not None),
        "year_match3": float(bool(claim.years) and any(claim.years & f.years for f in top_f)),
        "claim_negated": float(claim.negated), "claim_polarity": float(bool(claim.polarity_cues)),
        "claim_hedged": float(claim.hedged),
        "neg_asym_top1": one(lambda f: f.negated != claim.negated),
        "neg_asym3": share(top_f, lambda f: f.negated != claim.negated),
        "falsity_top": share(top_f, lambda f: f.falsity), "negated_top": share(top_f, lambda f: f.negated),
        "denial_top": share(top_f, lambda f: f.denial), "truth_top": share(top_f, lambda f: f.truth),
        "unknown_top": share(top_f, lambda f: f.unknown), "hedged_top": share(top_f, lambda f: f.hedged),
        "answer_no_top": share(top_f, lambda f: f.answer == "no"),
        "answer_yes_top": share(top_f, lambda f: f.answer == "yes"),
        "answer_no_top1": one(lambda f: f.answer == "no"), "answer_yes_top1": one(lambda f: f.answer == "yes"),
        "unknown_top1": one(lambda f: f.unknown), "falsity_top1": one(lambda f: f.falsity),
        "yes_and_no3": float({"yes", "no"} <= answers),
        "direction3": share(top_f, lambda f: direction_clash(claim.text, f.text) is not None),
        "falsity_all": share(rel_f, lambda f: f.falsity), "negated_all": share(rel_f, lambda f: f.negated),
        "answer_no_all": share(rel_f, lambda f: f.answer == "no"),
        "answer_yes_all": share(rel_f, lambda f: f.answer == "yes"), "unknown_all": share(rel_f, lambda f: f.unknown),
        "n_supports": count(StanceCode.SUPPORTS), "n_refutes": count(StanceCode.REFUTES),
        "n_hedged": count(StanceCode.HEDGED), "n_other_figure": count(StanceCode.OTHER_FIGURE),
        "sup_score_max": best(StanceCode.SUPPORTS), "ref_score_max": best(StanceCode.REFUTES),
        "ref_figure": any_slot(StanceCode.REFUTES, Slot.FIGURE), "ref_place": any_slot(StanceCode.REFUTES, Slot.PLACE),
        "ref_time": any_slot(StanceCode.REFUTES, Slot.TIME),
        "ref_polarity": any_slot(StanceCode.REFUTES, Slot.POLARITY),
        "ref_direction": any_slot(StanceCode.REFUTES, Slot.DIRECTION),
        "ref_actor": any_slot(StanceCode.REFUTES, Slot.ACTOR),
        "sup_figure": any_slot(StanceCode.SUPPORTS, Slot.FIGURE),
        "sup_content": any_slot(StanceCode.SUPPORTS, Slot.CONTENT),
        "sup_polarity": any_slot(StanceCode.SUPPORTS, Slot.POLARITY),
        "rule_supported": float(rule_verdict == "supported"), "rule_refuted": float(rule_verdict == "refuted"),
        "rule_conflicting": float(rule_verdict == "conflicting"),
        "claim_length": math.log1p(len(claim.text.split())),
        "names_top1": _names_covered(claim, top_f[:1]),
        "figure_matched_all": _figures(claim, rel_f)[0],
        "claim_predicate": float(bool(claim.predicates)),
        "predicate_covered3": _stems_covered([w for w in claim.predicates], top_f),
        "focus_covered3": _stems_covered([w for w, _ in claim.focus], top_f),
        "prefix_clash3": share(top_f, lambda f: prefix_clash(claim.text, f.text) is not None),
        "figures_met": float(unmet_slot(claim, rel_f, SupportCheck.FIGURES, words, tau) is None),
        "names_met": float(unmet_slot(claim, rel_f, SupportCheck.NAMES, words, tau) is None),
        "every_slot_met": float(unmet_slot(claim, rel_f, SupportCheck.EVERY_SLOT, words, tau) is None),
        "one_unit_met": float(unmet_slot(claim, rel_f, SupportCheck.ONE_UNIT, words, tau) is None),
    }
    return np.array([values[name] for name in BASE_FEATURES], dtype=np.float64)
