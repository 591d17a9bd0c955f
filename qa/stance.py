"""Slot alignment: the stance of one evidence sentence towards a claim, slot by slot.

The claim's ``SlotFrame`` is compared with the sentence's: the figure (same counted noun or
unit; a hedge is not a count; a measurement is not a count; ranges), the place, the time, the
actor who said it, the direction of a change, and polarity (negation, denial verbs, "no evidence
that", words that call it false). A clash in one slot about the same matter refutes; a sentence
that meets every slot the claim fills supports; otherwise the sentence is neutral. The outcome is
a ``StanceCode`` plus the deciding ``Slot`` and the two values that explain it; the text a person
reads is rendered from them by ``Stance.reason``. Nothing downstream parses that text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from qa import lexicon as lx
from qa.numbers import format_value, numbers_match
from qa.retrieve import Evidence
from qa.clashes import (  # noqa: F401  (re-exported: qa.claim_focus, qa.figure_sources, qa.verdict_features)
    _as_written, direction_clash, group_clash, names_overlap, place_clash, prefix_clash, side_clash, time_clash)
from qa.slots import FigureKind, SlotFrame

# Thresholds. Chosen on the SciFact train split and the seed claims before this module existed
# (docs/EVALUATION.md, "claim verdicts"); carried over unchanged.
RELEVANT = 0.45  # combined retrieval score below which a sentence is not about the claim
SUPPORT_SIM = 0.65  # cosine needed to call a number-free paraphrase supporting
MIN_OVERLAP = 0.5  # share of the claim's content terms the sentence must contain to refute on a slot
CUE_CLAUSE_SHARE = 0.5  # share of the shared claim terms a negation's clause must hold to refute on polarity (not tuned: a majority)
PARAPHRASE_SIM = 0.70
PARAPHRASE_OVERLAP = 0.80
FIGURE_OVERLAP = 0.34  # share of content terms that makes two figures about the same matter
GROUP_OVERLAP = 0.3  # the same for a different named group on the same noun ("Chinese" vs "Italian uniforms")
PLACE_OVERLAP = 0.6  # share of the claim's other content terms a sentence must contain to refute on place
QUESTION_OVERLAP = 0.6  # share of the claim's content terms a question must restate for its yes / no to settle the claim


class StanceCode(str, Enum):
    SUPPORTS = "supports"
    REFUTES = "refutes"
    HEDGED = "hedged"  # gives the claim's figure or statement only as a projection, plan or suspicion
    OTHER_FIGURE = "other_figure"  # figures about something else
    RELATED = "related"  # on topic, does not settle it
    OFF_TOPIC = "off_topic"

    @property
    def label(self) -> str:
        """The JSON contract's citation stance: supports / refutes / neutral."""
        return self.value if self in (StanceCode.SUPPORTS, StanceCode.REFUTES) else "neutral"


class Slot(str, Enum):
    FIGURE = "figure"
    PLACE = "place"
    TIME = "time"
    SOURCE = "source"  # who said it
    POLARITY = "polarity"
    DIRECTION = "direction"
    ACTOR = "actor"
    CONTENT = "content"  # the statement as a whole (paraphrase)
    ANSWER = "answer"  # a bare yes / no to a question that restates the claim
    JUDGE = "judge"  # the optional LLM judge decided (qa.llm.stance)
    NONE = "none"


EXACT_SLOTS = frozenset({Slot.FIGURE, Slot.PLACE, Slot.TIME, Slot.ACTOR})  # slots compared value against value


@dataclass(frozen=True)
class Stance:
    evidence: Evidence
    code: StanceCode
    slot: Slot
    claim_value: str | None = None
    evidence_value: str | None = None

    @property
    def stance(self) -> str:
        return self.code.label

    @property
    def decisive(self) -> bool:
        return self.code in (StanceCode.SUPPORTS, StanceCode.REFUTES)

    @property
    def reason(self) -> str:
        c, e = self.claim_value, self.evidence_value
        if self.slot is Slot.JUDGE:
            return f"the language model judges that it {self.stance} the claim"
        if self.code is StanceCode.OFF_TOPIC:
            return "not about the claim"
        if self.slot is Slot.ANSWER:
            return f"answers \u201c{e}\u201d to a question that restates the claim"
        if self.code is StanceCode.SUPPORTS:
            if self.slot is Slot.FIGURE:
                return f"gives the same figure ({e})"
            if self.slot is Slot.POLARITY:
                return "also denies it"
            return "says the same thing"
        if self.code is StanceCode.REFUTES:
            if self.slot is Slot.FIGURE:
                return f"gives {e}, not {c}"
            if self.slot is Slot.POLARITY and c:
                return f"says the \u201c{c}\u201d the claim reports was not given"
            if self.slot is Slot.POLARITY:
                return f"says \u201c{e}\u201d" if e else "states it without the claim's negation"
            if self.slot is Slot.DIRECTION:
                return f"the article says {e}\u2026, the claim says {c}\u2026"
            return f"the article says {e}, the claim says {c}"
        if self.code is StanceCode.HEDGED:
            if self.slot is Slot.FIGURE:
                return f"{e} is a {c}, not a count"
            return f"reports it only as \u201c{e}\u201d, not as a fact"
        if self.code is StanceCode.OTHER_FIGURE:
            if self.slot is Slot.SOURCE:
                return f"the figure is from {e}, not {c}"
            if c == "measurement":
                return f"{e} is a measurement, not a count"
            return "mentions other figures"
        if self.slot is Slot.FIGURE:
            return "on topic but gives no figure"
        if self.slot is Slot.SOURCE:
            return f"gives the figure but does not say it is {c}'s"
        if self.slot in (Slot.PLACE, Slot.ACTOR) and c:
            return f"says the same, but does not name {c}"
        return "related, but does not settle the claim"


def share_of(terms: frozenset[str], other: frozenset[str]) -> float:
    """Share of ``terms`` that ``other`` contains (0 for no terms)."""
    return len(terms & other) / len(terms) if terms else 0.0


def _overlap(claim: SlotFrame, ev: SlotFrame) -> tuple[float, float]:
    """(share of the claim's content terms in the sentence, share missing)."""
    if not claim.terms:
        return 0.0, 1.0
    shared = len(claim.terms & ev.terms) / len(claim.terms)
    return shared, 1.0 - shared


def _speaker_differs(claim: SlotFrame, ev: SlotFrame) -> str | None:
    """The claim names who said it; the sentence's figure is from someone else."""
    from index.lexical import tokenize

    if not claim.speaker:
        return None
    cs = set(tokenize(claim.speaker))
    if cs <= set(tokenize(ev.text)) or not ev.speaker:
        return None
    return ev.speaker if not cs & set(tokenize(ev.speaker)) else None


def _speaker_unnamed(claim: SlotFrame, ev: SlotFrame, before: str | None) -> bool:
    """The claim names who gave the figure (a named person or body, not "the reports"); the sentence
    attributes it to no one, and neither it nor the sentence before it (when known) names them."""
    from index.lexical import tokenize

    if not claim.speaker or ev.speaker or before is None:
        return False
    if not any(a in claim.speaker.lower() for a in claim.actors):
        return False
    cs = set(tokenize(claim.speaker))
    return not cs & set(tokenize(ev.text)) and not cs & set(tokenize(before))


def _same_counted(a: str | None, b: str | None, words=None) -> bool:
    from qa.figures import counts_same

    if a is None or b is None:
        return a == b or a is None
    return counts_same(a, [b], words)


def align(claim: SlotFrame, ev: SlotFrame, e: Evidence, words=None, before: str | None = None) -> Stance:
    """The stance of evidence sentence ``e`` (slots ``ev``) towards the claim (slots ``claim``): see
    ``_align``. A sentence supports only if it also names every place and actor the claim names (it or
    the sentence before it) and says nothing of the opposite direction ("eastern" for "western")."""
    st = _align(claim, ev, e, words, before)
    if st.code is not StanceCode.SUPPORTS or st.slot is Slot.ANSWER:
        return st
    flip = direction_clash(claim.text, ev.text) or side_clash(claim.text, ev.text)
    if flip:
        return Stance(e, StanceCode.REFUTES, Slot.DIRECTION, *flip)
    unmet = unnamed(claim, ev, before)
    if unmet is not None:
        return Stance(e, StanceCode.RELATED, *unmet)
    return st


def _bare(name: str) -> str:
    """A name without its possessive ending and dots: "the u.s.'s" -> "the us"."""
    return re.sub(r"['\u2019]s$", "", name.lower()).replace(".", "").strip()


def unnamed(claim: SlotFrame, ev: SlotFrame, before: str | None = None) -> tuple[Slot, str] | None:
    """The first place the claim puts its event at (``SlotFrame.located``) that the sentence (or the
    sentence before it) does not name, or the first actor none of whose words it uses, as (slot, the
    claim's name); None when it names them all."""
    from index.lexical import tokenize

    low = _bare(ev.text) + " " + _bare(before or "")
    found = frozenset(_bare(n) for n in ev.places | ev.actors)
    for n in sorted(claim.located):
        if _bare(n) not in low and not names_overlap(frozenset({_bare(n)}), found):
            return Slot.PLACE, _as_written(claim.text, n)
    stems = set(tokenize(low))
    speaker = (claim.speaker or "").lower()  # who said it: judged by the figure's source rules
    for n in sorted(claim.actors - claim.places):  # "Canadian" is met by "Canada", "Canadians" by "Canadian"
        if n in speaker:
            continue
        if not any(a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))
                   for a in tokenize(n) for b in stems):
            return Slot.ACTOR, _as_written(claim.text, n)
    return None


def _align(claim: SlotFrame, ev: SlotFrame, e: Evidence, words=None, before: str | None = None) -> Stance:
    """The stance of evidence sentence ``e`` (slots ``ev``) towards the claim (slots ``claim``).

    ``words`` (a ``qa.coverage.WordCache``) lets a paraphrase cover the claim's words (dispatched ~
    sent); without it, words must match after stemming. ``before``: the sentence before ``e`` in its
    article ("" at the start, None when unknown), where a figure's source may be named."""
    if e.score < RELEVANT:
        return Stance(e, StanceCode.OFF_TOPIC, Slot.NONE)
    overlap, missing = _overlap(claim, ev)
    # Place and time: a clash about the same matter refutes.
    place = place_clash(claim, ev)
    if place and overlap >= PLACE_OVERLAP:
        return Stance(e, StanceCode.REFUTES, Slot.PLACE, *place)
    group = group_clash(claim, ev)
    if group and overlap >= GROUP_OVERLAP:
        return Stance(e, StanceCode.REFUTES, Slot.ACTOR, *group)
    when = time_clash(claim, ev)
    if when and overlap >= MIN_OVERLAP:
        return Stance(e, StanceCode.REFUTES, Slot.TIME, *when)
    # A bare yes or no to a question that restates the claim settles it (negations on either side flip it).
    if ev.question_terms is not None and ev.answer and share_of(claim.terms, ev.question_terms) >= QUESTION_OVERLAP:
        agrees = (ev.answer == "yes") == (ev.question_negated == claim.negated)
        return Stance(e, StanceCode.SUPPORTS if agrees else StanceCode.REFUTES, Slot.ANSWER, None, ev.answer)
    # Figures.
    claim_figs = [f for f in claim.figures if f.kind is not FigureKind.MEASUREMENT] or list(claim.figures)
    if claim_figs and ev.figures and overlap < MIN_OVERLAP and words is not None:
        # read paraphrases ("transported" ~ "moved", "physicians" ~ "doctors") both for whether the
        # figures are about the same matter and for whether a different figure refutes
        overlap = max(overlap, _paraphrase_overlap(claim, ev, words))
    if claim_figs and ev.figures and overlap >= FIGURE_OVERLAP:
        return _figure_stance(claim, ev, e, claim_figs, overlap, words, before)
    # Polarity: the sentence denies or negates what the claim states, or the reverse. A claim that
    # itself reports a denial ("X dismissed the reports as fake") is met by a sentence saying so.
    c_cues, e_cues = claim.polarity_cues, ev.polarity_cues
    # The claim says someone confirmed / verified it; the sentence says they did not (or declined to).
    withheld = sorted(ev.withheld & claim.commits)
    if withheld and not claim.negated and not claim.unknown and (
            overlap >= MIN_OVERLAP or names_overlap(claim.actors, ev.actors)):
        return Stance(e, StanceCode.REFUTES, Slot.POLARITY, withheld[0], None)
    if claim.withheld and ev.withheld and names_overlap(claim.actors, ev.actors) and not claim.negated:
        return Stance(e, StanceCode.SUPPORTS, Slot.POLARITY)  # "X was unable to confirm" / "X could not verify"
    if ev.unknown and missing <= 0.34 and not claim.unknown:
        return Stance(e, StanceCode.RELATED, Slot.POLARITY)
    if missing <= 0.34 and e_cues and not c_cues and _cue_is_about_claim(claim, ev):
        word = sorted(ev.denial | ev.falsity)[0] if ev.denial | ev.falsity else "not"
        return Stance(e, StanceCode.REFUTES, Slot.POLARITY, None, word)
    flip = direction_clash(claim.text, ev.text)
    if flip and missing <= 0.34:
        return Stance(e, StanceCode.REFUTES, Slot.DIRECTION, *flip)
    if c_cues and not e_cues and e.dense >= SUPPORT_SIM and missing <= 0.2:
        return Stance(e, StanceCode.REFUTES, Slot.POLARITY)
    if claim_figs and overlap >= MIN_OVERLAP and not ev.figures:
        return Stance(e, StanceCode.RELATED, Slot.FIGURE)
    if ev.answer_terms is not None:  # an answer supports only by what it says, not by its question's words
        overlap = share_of(claim.terms, ev.answer_terms)
        missing = 1.0 - overlap
    near_paraphrase = e.dense >= PARAPHRASE_SIM and overlap >= PARAPHRASE_OVERLAP
    if e.dense >= SUPPORT_SIM and (missing == 0 or near_paraphrase or _covered(claim, ev, words)):
        flipped = prefix_clash(claim.text, ev.text)
        if flipped:  # the same statement with the opposite word ("unlikely" / "likely")
            return Stance(e, StanceCode.REFUTES, Slot.POLARITY, *flipped)
        if c_cues and e_cues:
            return Stance(e, StanceCode.SUPPORTS, Slot.POLARITY)
        if c_cues or e_cues:
            return Stance(e, StanceCode.RELATED, Slot.POLARITY)
        if ev.hedged and not claim.hedged:
            word = sorted({w.lower() for w in ev.text.split()} & lx.HEDGE_WORDS)
            return Stance(e, StanceCode.HEDGED, Slot.CONTENT, None, word[0] if word else None)
        return Stance(e, StanceCode.SUPPORTS, Slot.CONTENT)
    return Stance(e, StanceCode.RELATED, Slot.NONE)


def _cue_is_about_claim(claim: SlotFrame, ev: SlotFrame) -> bool:
    """The sentence's negation or denial is in the clause that says what the claim says: at least half of
    the claim terms the sentence has are in its cue clauses (``SlotFrame.cue_terms``), not in a clause
    coordinated onto them ("X did not offer details, but Y gave the interview the claim is about")."""
    if ev.cue_terms is None:
        return True
    shared = claim.terms & ev.terms
    return not shared or len(shared & ev.cue_terms) >= CUE_CLAUSE_SHARE * len(shared)


def _paraphrase_overlap(claim: SlotFrame, ev: SlotFrame, words) -> float:
    """Share of the claim's content words the sentence has or has a close word for ("fatal" ~ "dead",
    ``qa.coverage.uncovered_terms``): term overlap that reads paraphrases."""
    from qa.coverage import content_words, uncovered_terms

    n = len(content_words(claim.text))
    return 1.0 - len(uncovered_terms(claim.text, [ev.text], words)) / n if n else 0.0


def _covered(claim: SlotFrame, ev: SlotFrame, words) -> bool:
    if words is None:
        return False
    from qa.coverage import uncovered_terms
    from qa.slots import question_end

    return not uncovered_terms(claim.text, [ev.text[question_end(ev.text):] if ev.answer_terms is not None else ev.text], words)


def _figure_stance(claim: SlotFrame, ev: SlotFrame, e: Evidence, claim_figs, overlap: float, words=None,
                   before: str | None = None) -> Stance:
    cf = max(claim_figs, key=lambda f: f.quantity.high or f.quantity.low or 0)
    cq = cf.quantity
    counted_claim = cf.kind is not FigureKind.MEASUREMENT
    same = [f for f in ev.figures if _same_counted(cf.counted, f.counted, words)
            and (f.kind is FigureKind.MEASUREMENT) == (not counted_claim)]
    for f in same:
        if numbers_match(cq, f.quantity):
            if f.kind in (FigureKind.PROJECTION, FigureKind.PLAN) and not claim.hedged:
                return Stance(e, StanceCode.HEDGED, Slot.FIGURE, f.kind.value, format_value(f.quantity))
            who = _speaker_differs(claim, ev)
            if who:
                return Stance(e, StanceCode.OTHER_FIGURE, Slot.SOURCE, claim.speaker, who)
            if _speaker_unnamed(claim, ev, before):
                return Stance(e, StanceCode.RELATED, Slot.SOURCE, claim.speaker)
            return Stance(e, StanceCode.SUPPORTS, Slot.FIGURE, format_value(cq), format_value(f.quantity))
    if counted_claim:
        for f in ev.figures:
            if f.kind is FigureKind.MEASUREMENT and numbers_match(cq, f.quantity):
                return Stance(e, StanceCode.OTHER_FIGURE, Slot.FIGURE, "measurement", f.quantity.text + (f.counted or ""))
    # The figures that can contradict the claim's: a count against a count; a size against a size in the
    # same unit ("forty miles" / "four miles"); a projection or plan against one of the same kind, when the
    # claim itself states its figure as one ("expects 100,000" / "expects 10,000 to 15,000").
    if claim.hedged:
        counts = [f for f in same if f.kind is cf.kind and not f.is_count]
    else:
        counts = [f for f in same if f.is_count or (not counted_claim and f.kind is FigureKind.MEASUREMENT
                                                     and cf.context & f.context)]
    # the same matter: what the claim says happened is said in the sentence, or the sentence reads as a close
    # paraphrase of the claim (dense cosine >= PARAPHRASE_SIM, ``overlap`` already reads close words) that
    # says what the claim says happened, as a word or a close word (``_acts_met``)
    if counts and overlap >= MIN_OVERLAP and (_same_matter(claim, ev, cf.counted) or (
            e.dense >= PARAPHRASE_SIM and _acts_met(claim, ev, words))):
        who = _speaker_differs(claim, ev)
        if who:  # another source's figure for the same group: a disagreement between sources, not a refutation
            return Stance(e, StanceCode.OTHER_FIGURE, Slot.SOURCE, claim.speaker, who)
        return Stance(e, StanceCode.REFUTES, Slot.FIGURE, format_value(cq), format_value(counts[0].quantity))
    return Stance(e, StanceCode.OTHER_FIGURE, Slot.FIGURE)


def _acts_met(claim: SlotFrame, ev: SlotFrame, words=None) -> bool:
    """Every predicate of the claim (``SlotFrame.predicates``) that does more than give or expect a figure
    (``lexicon.FIGURE_FRAMING_VERBS``: "put ... at", "expects") is in the sentence, by its stem or, with
    ``words``, a close word ("killed" is not met by "are in")."""
    from index.lexical import tokenize

    acts = [p for p in claim.predicates if p not in lx.FIGURE_FRAMING_VERBS]
    missing = [p for p in acts if not set(tokenize(p)) <= ev.terms]
    if missing and words is not None:
        from qa.claim_focus import not_paraphrased

        missing = not_paraphrased(missing, [ev.text], words, None)
    return not missing


def _same_matter(claim: SlotFrame, ev: SlotFrame, unit: str | None) -> bool:
    """The sentence's figure is about what the claim says of its own: half the claim's words, or what it
    says happened (its predicate lemmas, "brought" / "bring") is said in the sentence too."""
    if _predicate_met(claim, ev, unit):
        return True
    preds = set(claim.predicates)
    return bool(preds) and preds <= set(ev.predicates) | {t for t in ev.terms}


def _predicate_met(claim: SlotFrame, ev: SlotFrame, unit: str | None) -> bool:
    """Half of what the claim says of its number ("sent", "killed") is in the sentence: a figure only
    contradicts the claim if it is about the same thing."""
    from index.lexical import tokenize
    from qa.figures import counted_family

    fam = {t for w in (counted_family(unit) if unit else ()) for t in tokenize(w)}
    words = re.findall(r"\b[a-z][a-z'\u2019-]{2,}\b", claim.text)
    pred = {t for w in words for t in tokenize(w) if t not in fam}
    return not pred or len(pred & ev.terms) / len(pred) >= 0.5
