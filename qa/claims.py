"""Claim verdicts: slot alignment where it decides, a small learned model where the rules stop.

``decide(claim, evidence, store)`` frames the claim and each candidate evidence unit (a sentence,
read together with its question when it answers one), aligns them slot by slot (``qa.stance``),
combines the stances by rule (``rule_stage``: a clash in a slot refutes, sentences that meet every
slot support, both -> conflicting, which stands only when differently attributed sources disagree
(``qa.figure_sources``; ``VerdictConfig.conflicting_needs_sources``)), and hands the slot signals and retrieval scores to
``qa.verdict_model`` (trained only on tune splits), which decides where the rules found nothing
decisive and it is confident enough (``qa.config.VerdictConfig``: policy and gates chosen by
cross-validation on the tune splits), unless a head noun or place of the claim is in no evidence
unit (``qa.claim_focus``); the model's "supported" also needs its probability floor and every slot the
claim makes that ``VerdictConfig.support_needs`` names met by some relevant unit (``qa.claim_focus.unmet_slot``);
where the model reads a claim as supported but one relevant unit tells all of it except a figure or name that no
unit gives, the claim swapped that value and is refuted (``swapped_value``). Configurable (``VerdictConfig``, session 19): the model's "refuted" only
with a refuting unit (``refute_grounded``), its "conflicting" only with disagreeing units from different articles and
the rules' same-slot "conflicting" across articles (``cross_article``); a label passed over gives way to the model's
next most probable one. The outcome is a typed ``ClaimDecision``: the
verdict code, which of the two decided it, the stances, and the deciding stance; the one-line
reason is rendered from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Mapping, Sequence

from qa.config import ConflictCheck, SupportCheck, VerdictConfig, VerdictPolicy
from qa.figure_sources import SourcesFinding, SourcesOutcome, figure_sources
from qa.retrieve import Evidence
from qa.slots import SlotFrame, slot_frame, slot_frames
from qa.stance import EXACT_SLOTS, Slot, Stance, StanceCode, align

if TYPE_CHECKING:  # pragma: no cover
    from index.store import Store


class VerdictCode(str, Enum):
    """Values are the JSON contract's verdicts."""

    SUPPORTED = "supported"
    REFUTED = "refuted"
    CONFLICTING = "conflicting"
    NOT_ENOUGH_EVIDENCE = "not_enough_evidence"


class DecidedBy(str, Enum):
    RULES = "rules"  # a slot clash or a full match decided it
    MODEL = "model"  # the learned model, where the rules left it open


@dataclass(frozen=True)
class ClaimDecision:
    verdict: VerdictCode
    decided_by: DecidedBy
    stances: tuple[Stance, ...]
    deciding: Stance | None  # the stance that names the finding, if any
    rule: VerdictCode
    probability: float | None = None  # the model's probability of ``verdict`` when it decided
    # A head noun or place of the claim that no retrieved evidence mentions (``qa.claim_focus``): the
    # model was not allowed to decide.
    unmentioned: str | None = None
    # A slot of the claim (and its value) that no evidence meets: the model's "supported" was not taken
    # (``qa.claim_focus.unmet_slot``, ``VerdictConfig.support_needs``).
    unmet: tuple[Slot, str] | None = None
    # Figures for the claim's slot from differently attributed or dated sentences (``qa.figure_sources``)
    sources: SourcesFinding | None = None
    # A figure or name of the claim (slot, value) that no relevant evidence gives while one unit tells the rest
    # and the model reads the claim as supported: the claim swapped a value, refuted (``swapped_value``)
    swapped: tuple[Slot, str] | None = None

    @property
    def reason(self) -> str:
        sup = [s for s in self.stances if s.code is StanceCode.SUPPORTS]
        ref = [s for s in self.stances if s.code is StanceCode.REFUTES]
        if self.sources is not None and self.decided_by is DecidedBy.RULES:
            return self.sources.reason
        if self.verdict is VerdictCode.CONFLICTING and sup and ref:
            return f"{len(sup)} passage(s) support it and {len(ref)} contradict it"
        if self.swapped is not None:
            what = "figure" if self.swapped[0] is Slot.FIGURE else "name"
            return (f"the passages match the claim except its {what} '{self.swapped[1]}', which none of them gives "
                    f"(learned verdict model, p={self.probability:.2f} for the rest)")
        if self.decided_by is DecidedBy.MODEL:
            base = (f"the evidence as a whole reads as {self.verdict.value.replace('_', ' ')} "
                    f"(learned verdict model, p={self.probability:.2f})")
            return f"{base}; closest passage: {self.deciding.reason}" if self.deciding else base
        if self.deciding is not None:
            return self.deciding.reason
        related = [s for s in self.stances if s.code is not StanceCode.OFF_TOPIC]
        if self.unmentioned:
            return f"no passage found mentions '{self.unmentioned}'"
        if self.unmet:
            what = "figure" if self.unmet[0] is Slot.FIGURE else "words"
            return f"no passage found gives the claim's {what} '{self.unmet[1]}'"
        if related:
            return f"the articles touch on this but do not settle it ({related[0].reason})"
        return "the articles say nothing about this"


def rule_verdict(stances: Sequence[Stance]) -> tuple[VerdictCode, Stance | None]:
    """Combine stances by rule: support and refutation on the same slot -> conflicting (sources disagree
    about the same thing); on different slots the rules do not settle it (not enough evidence, left to
    the model); only one kind -> that verdict."""
    sup = [s for s in stances if s.code is StanceCode.SUPPORTS]
    ref = [s for s in stances if s.code is StanceCode.REFUTES]
    if sup and ref:
        shared = {s.slot for s in sup} & {s.slot for s in ref}
        if not shared:
            # the closest sentence gives another value for a slot of the claim's event (another place, time,
            # actor, figure or side): it refutes, whatever less close sentences support on other slots
            top = max(sup + ref, key=lambda s: s.evidence.score)
            if top.code is StanceCode.REFUTES and top.slot in (*EXACT_SLOTS, Slot.DIRECTION):
                return VerdictCode.REFUTED, top
            return VerdictCode.NOT_ENOUGH_EVIDENCE, None
        return VerdictCode.CONFLICTING, max((s for s in sup + ref if s.slot in shared), key=lambda s: s.evidence.score)
    if sup:
        return VerdictCode.SUPPORTED, sup[0]
    if ref:
        return VerdictCode.REFUTED, ref[0]
    return VerdictCode.NOT_ENOUGH_EVIDENCE, None


def unit_text(store: "Store", row: int) -> str:
    """The sentence at ``row``, read with its question when it answers one ("Did X? No.") or with its
    answer when it is the question: a bare "No." means nothing without the question."""
    sents = store.sentences
    s = sents[row]
    if s.text.rstrip().endswith("?") and row + 1 < len(sents) and sents[row + 1].doc_id == s.doc_id:
        return f"{s.text} {sents[row + 1].text}"
    if row > 0 and sents[row - 1].doc_id == s.doc_id and sents[row - 1].text.rstrip().endswith("?"):
        return f"{sents[row - 1].text} {s.text}"
    return s.text


def frame_evidence(claim: str, evidence: Sequence[Evidence], store: "Store | None") -> tuple[SlotFrame, list[SlotFrame]]:
    texts = [unit_text(store, e.row) if store is not None else e.sentence.text for e in evidence]
    return slot_frame(claim), slot_frames(texts)


def judge_all(claim: str, evidence: Sequence[Evidence], store: "Store | None" = None,
              words=None) -> tuple[SlotFrame, list[SlotFrame], list[Stance]]:
    cf, frames = frame_evidence(claim, evidence, store)
    return cf, frames, [align(cf, f, e, words, before) for f, e, before in zip(frames, evidence, _before(evidence, store))]


def _before(evidence: Sequence[Evidence], store: "Store | None") -> list[str | None]:
    """The sentence before each evidence sentence in its article ("" at an article's start; None without
    a store): a figure's source is often named there ("X said on Monday." "... 11,000 soldiers ...")."""
    if store is None:
        return [None] * len(evidence)
    sents = store.sentences
    return [sents[e.row - 1].text if e.row > 0 and sents[e.row - 1].doc_id == sents[e.row].doc_id else ""
            for e in evidence]


def decide(claim: str, evidence: Sequence[Evidence], store: "Store | None" = None, *, model=None,
           stances: Sequence[Stance] | None = None, words=None,
           config: VerdictConfig = VerdictConfig(), dates: "Mapping[str, object] | None" = None) -> ClaimDecision:
    """The verdict on ``claim`` from candidate ``evidence`` (see the module docstring). ``model``:
    a ``VerdictModel`` (default: the shipped weights; ``False``: rules only). ``stances``: already
    judged stances for ``evidence`` (e.g. with the LLM judge), else aligned here. ``words``: a
    ``WordCache`` for paraphrase coverage (see ``qa.stance.align``). ``dates``: each article's
    ``qa.timeline.ArticleDate`` by doc id, to order figures from different times (``qa.figure_sources``)."""
    from qa.verdict_features import claim_features
    from qa.verdict_model import default_model

    cf, frames = frame_evidence(claim, evidence, store)
    stances = tuple(stances) if stances is not None else tuple(
        align(cf, f, e, words, before) for f, e, before in zip(frames, evidence, _before(evidence, store)))
    found, deciding, sources = rule_stage(cf, frames, stances, dates)
    rule = found
    if (rule is VerdictCode.CONFLICTING and sources is None and config.conflicting_needs_sources
            and not (config.conflicting_across_articles and cross_article(stances, same_slot=True))):
        # support and refutation on the same slot, but not from differently attributed sources: no one
        # named disagrees, so the rules leave it open (the model decides, if allowed)
        rule, deciding = VerdictCode.NOT_ENOUGH_EVIDENCE, None
    model = default_model() if model is None else (model or None)
    ruled = ClaimDecision(rule, DecidedBy.RULES, stances, deciding, rule, sources=sources)
    if model is None or not model_may_decide(config.policy, rule, deciding):
        return ruled
    if config.focus_guard:
        from qa.claim_focus import missing_focus

        unmentioned = missing_focus(claim, [f.text for f in frames], words, config.focus_similarity)
        if unmentioned is not None:
            return ClaimDecision(rule, DecidedBy.RULES, stances, deciding, rule, unmentioned=unmentioned)
    x = claim_features(cf, stances, frames, found.value, words)
    floors = {VerdictCode.CONFLICTING.value: config.conflicting_min_probability}
    if config.model_conflicting_needs is not ConflictCheck.ANY and not cross_article(
            stances, same_slot=config.model_conflicting_needs is ConflictCheck.SLOT_ARTICLES):
        floors[VerdictCode.CONFLICTING.value] = PASS_OVER
    label, p = model.predict(x, floors=floors)
    if label == VerdictCode.REFUTED.value and not refute_grounded(cf, frames, stances, config, words):
        # no unit clashes with the claim: its "refuted" is passed over for the next most probable label
        label, p = model.predict(x, floors={**floors, VerdictCode.REFUTED.value: PASS_OVER})
    verdict = VerdictCode(label)
    if verdict is rule or p < config.model_min_probability:
        return ruled
    if verdict is VerdictCode.SUPPORTED:
        swapped = swapped_value(cf, frames, stances, p, config, words)
        if swapped is not None:
            return ClaimDecision(VerdictCode.REFUTED, DecidedBy.MODEL, stances, _closest(stances), rule, p, swapped=swapped)
        # "supported" only at the configured probability, and only when every slot the claim makes is met
        if p < config.supported_min_probability:
            return ruled
        if slot_refuted(stances):
            return ruled  # a relevant sentence contradicts a slot of the claim (place, time, group, side)
        if config.support_needs is not SupportCheck.NONE:
            from qa.claim_focus import unmet_slot

            relevant = relevant_frames(frames, stances)
            unmet = unmet_slot(cf, relevant, config.support_needs, words, config.focus_similarity)
            if unmet is not None:
                return ClaimDecision(rule, DecidedBy.RULES, stances, deciding, rule, unmet=unmet)
    closest = _closest(stances)
    if verdict in (VerdictCode.SUPPORTED, VerdictCode.REFUTED):
        want = StanceCode.SUPPORTS if verdict is VerdictCode.SUPPORTED else StanceCode.REFUTES
        closest = next((s for s in stances if s.code is want), closest)
    return ClaimDecision(verdict, DecidedBy.MODEL, stances, closest, rule, p)


PASS_OVER = 1.5  # a ``VerdictModel.predict`` floor no probability reaches: the class is never said


def cross_article(stances: Sequence[Stance], same_slot: bool) -> bool:
    """A supporting and a refuting unit from different articles (``same_slot``: disagreeing on the same slot of the
    claim): two sources disagree, not one sentence read two ways."""
    sup = [s for s in stances if s.code is StanceCode.SUPPORTS]
    ref = [s for s in stances if s.code is StanceCode.REFUTES]
    return any(a.evidence.sentence.doc_id != b.evidence.sentence.doc_id and (not same_slot or a.slot is b.slot)
               for a in sup for b in ref)


def refute_grounded(cf: SlotFrame, frames: Sequence[SlotFrame], stances: Sequence[Stance], config: VerdictConfig,
                    words=None) -> bool:
    """Whether the model may say "refuted" (``VerdictConfig.refuted_needs_clash``): always when the rule is off; else
    only with a refuting unit (a slot clash), unless the relevant units leave a slot of the claim unmet at
    ``refuted_clash_when`` (then the evidence does not tell the claim, and the model's reading stands)."""
    if not config.refuted_needs_clash or any(s.code is StanceCode.REFUTES for s in stances):
        return True
    if config.refuted_clash_when is SupportCheck.NONE:
        return False
    from qa.claim_focus import unmet_slot

    return unmet_slot(cf, relevant_frames(frames, stances), config.refuted_clash_when, words,
                      config.focus_similarity) is not None


def relevant_frames(frames: Sequence[SlotFrame], stances: Sequence[Stance]) -> list[SlotFrame]:
    """The evidence units whose stance is not off topic (what the slot checks read)."""
    return [f for f, s in zip(frames, stances) if s.code is not StanceCode.OFF_TOPIC]


def _closest(stances: Sequence[Stance]) -> Stance | None:
    return max((s for s in stances if s.code is not StanceCode.OFF_TOPIC), key=lambda s: s.evidence.score, default=None)


def swapped_value(cf: SlotFrame, frames: Sequence[SlotFrame], stances: Sequence[Stance], p: float,
                  config: VerdictConfig, words=None) -> tuple[Slot, str] | None:
    """The claim's figure, place or actor that no relevant evidence unit gives (``qa.claim_focus.unmet_slot`` at
    ``SupportCheck.NAMES``), when the model reads the claim as supported with probability ``p`` of at least
    ``config.substitution_min_probability``: the evidence matches the rest of the claim, so the claim changed
    that value. None otherwise."""
    if p < config.substitution_min_probability:
        return None
    return swapped_slot(cf, frames, stances, words, config.focus_similarity)


def swapped_slot(cf: SlotFrame, frames: Sequence[SlotFrame], stances: Sequence[Stance], words=None,
                 threshold: float | None = None) -> tuple[Slot, str] | None:
    """The claim's figure, place or actor that no relevant evidence unit gives (``unmet_slot`` at
    ``SupportCheck.NAMES``), provided one relevant unit meets every other slot of the claim (its other figures and
    names, what it says happened and its object: ``SupportCheck.ONE_UNIT`` on the claim without that value): the
    unit tells the claim's event with another value there. None otherwise."""
    from dataclasses import replace

    from qa.claim_focus import unmet_slot

    relevant = relevant_frames(frames, stances)
    if not relevant:
        return None
    gap = unmet_slot(cf, relevant, SupportCheck.NAMES, words, threshold)
    if gap is None:
        return None
    slot, value = gap
    if slot is Slot.FIGURE:
        rest = replace(cf, figures=tuple(f for f in cf.figures if f.quantity.text != value))
    else:
        rest = replace(cf, places=cf.places - {value}, actors=cf.actors - {value})
    return gap if unmet_slot(rest, relevant, SupportCheck.ONE_UNIT, words, threshold) is None else None


def rule_stage(cf: SlotFrame, frames: Sequence[SlotFrame], stances: Sequence[Stance],
               dates: "Mapping[str, object] | None" = None
               ) -> tuple[VerdictCode, Stance | None, SourcesFinding | None]:
    """The rules' finding (``rule_verdict``, then figures from differently attributed or dated sources,
    ``qa.figure_sources``, which decide when present): (verdict, deciding stance, sources finding). The
    verdict model's "rule" feature is this verdict (``qa.eval.train_verdict`` extracts it the same way)."""
    rule, deciding = rule_verdict(stances)
    sources = figure_sources(cf, frames, stances, dates)
    if sources is not None:
        rule, deciding = (VerdictCode.CONFLICTING if sources.outcome is SourcesOutcome.CONFLICT else
                          VerdictCode.SUPPORTED if sources.deciding.code is StanceCode.SUPPORTS else
                          VerdictCode.REFUTED), sources.deciding
    return rule, deciding, sources


def slot_refuted(stances: Sequence[Stance]) -> bool:
    """A relevant sentence contradicts a slot of the claim's event (place, time, group, side): the
    model's "supported" is not taken (``decide``)."""
    return any(s.code is StanceCode.REFUTES and s.slot in (Slot.PLACE, Slot.TIME, Slot.ACTOR, Slot.DIRECTION)
               for s in stances)


def model_may_decide(policy: VerdictPolicy, rule: VerdictCode, deciding: Stance | None) -> bool:
    """Whether ``policy`` lets the model overrule the rule verdict ``rule`` (decided by ``deciding``)."""
    if rule is VerdictCode.NOT_ENOUGH_EVIDENCE or policy is VerdictPolicy.MODEL_FIRST:
        return True
    inexact = deciding is None or deciding.slot not in EXACT_SLOTS
    if policy is VerdictPolicy.SETTLED_FIRST:
        return rule is VerdictCode.CONFLICTING and inexact
    return policy is VerdictPolicy.EXACT_FIRST and inexact
