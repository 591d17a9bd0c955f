"""What a claim is about, and whether the evidence a check retrieved mentions it at all.

A claim's distinctive content, read from the parse the slot frames already make (``focus_of``): the head
noun of its main verb's direct object ("the port has bought *cranes* from Finland") and the names in the
phrase a place preposition ties to the main verb ("deployed *to* <region>", "trained *near* <town>":
``qa.lexicon.VERB_PLACE_PREPOSITIONS``; places, and organisations, as which the small pipeline tags many
places it does not know).
``missing_focus(claim, texts, words)`` returns the first of those items that no evidence text
contains: a noun neither as a word (stemmed, ``index.lexical.tokenize``) nor as a near match by MiniLM
word vector (``qa.coverage.WordCache``, at least ``VerdictConfig.focus_similarity``); a place by its
words only (word vectors put one place next to another). Where one is missing, the evidence is about
something else (cranes when every retrieved sentence is about ferries), so the learned verdict model may
not decide (``qa.claims.decide``): topical sentences neither support nor refute a claim about a thing
they never name. Deliberately narrow: only the object's head and the verb's places count, not every
claim term (guards on the share of claim terms covered cost 0.005-0.12 of tune-CV macro-F1; this one
is measured in docs/EVALUATION.md "Verdicts").
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

from index.lexical import tokenize
from qa import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from qa.config import SupportCheck
    from qa.slots import SlotFrame
    from qa.stance import Slot

_NAME_LABELS = lx.PLACE_LABELS | lx.ACTOR_LABELS


def focus_of(doc: "Doc") -> tuple[tuple[str, bool], ...]:
    """(word, is a place name) for the lemma of the main verb's direct-object head noun and the words of
    the places the main verb takes with a place preposition, lower-cased. Read by ``qa.slots`` from the
    parse it already makes of every claim and evidence text (``SlotFrame.focus``)."""
    out: dict[str, bool] = {}
    for root in (t for t in doc if t.dep_ == "ROOT"):
        for c in root.children:
            if c.dep_ == "prep" and c.lower_ in lx.VERB_PLACE_PREPOSITIONS:
                for obj in c.children:
                    if obj.dep_ != "pobj":
                        continue
                    # the object and the names compounded onto it ("Portugal's <name> region"); any name
                    # label counts: the small pipeline tags many places it does not know as ORG
                    for part in (obj, *(m for m in obj.children if m.dep_ in ("compound", "poss"))):
                        if part.ent_type_ not in _NAME_LABELS:
                            continue
                        ent = next(e for e in doc.ents if part in e)
                        for t in ent:
                            if t.is_alpha and not t.is_stop and tokenize(t.text):
                                out.setdefault(t.lower_, True)
            elif c.dep_ == "dobj" and c.pos_ == "NOUN" and not c.ent_type_ and not c.is_stop and tokenize(c.text):
                out.setdefault(c.lemma_.lower(), False)
    return tuple(out.items())


def predicates_of(doc: "Doc") -> tuple[str, ...]:
    """Lemmas of what the text says happened: its main verb, or, when that is a reporting verb ("X said
    that ..."), the verbs of the clause it reports; light verbs ("be", "have") and reporting verbs are
    not predicates. Read by ``qa.slots`` (``SlotFrame.predicates``)."""
    out: dict[str, None] = {}
    for root in (t for t in doc if t.dep_ == "ROOT"):
        heads = [root]
        if root.lemma_.lower() in lx.REPORTING_VERBS:
            heads = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        for h in heads:
            for v in (h, *(c for c in h.children if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB")):
                lemma = v.lemma_.lower()
                if v.pos_ == "VERB" and lemma not in lx.LIGHT_VERBS and lemma not in lx.REPORTING_VERBS and tokenize(lemma):
                    out.setdefault(lemma, None)
                elif v.pos_ == "VERB" and lemma in lx.LIGHT_VERBS:
                    for n in _light_verb_content(v):
                        out.setdefault(n, None)
    return tuple(out)


def _light_verb_content(v: "Token") -> list[str]:
    """What a light verb says happened: its object noun ("made a visit" -> visit), and for an object that
    only frames another noun (``lexicon.FRAMING_OBJECTS``: "took part in combat") that noun's lemma."""
    out = []
    for obj in (c for c in v.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and not c.ent_type_):
        lemma = obj.lemma_.lower()
        if lemma not in lx.FRAMING_OBJECTS:
            out.append(lemma)
            continue
        for prep in (c for c in (*v.children, *obj.children) if c.dep_ == "prep"):
            out += [p.lemma_.lower() for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and not p.ent_type_]
    return [w for w in out if tokenize(w)]


def focus_items(claim: str) -> tuple[tuple[str, bool], ...]:
    """``focus_of`` the claim's parse, from the slot frame cache (one parse per text)."""
    from qa.slots import slot_frame

    return slot_frame(claim).focus


def missing_focus(claim: str, texts: Sequence[str], words=None, threshold: float | None = None) -> str | None:
    """The first focus item of ``claim`` (``focus_items``) that none of ``texts`` mentions: by its stemmed
    words, or for a noun and with ``words`` (a ``qa.coverage.WordCache``) by a word vector at least
    ``threshold`` (default ``VerdictConfig.focus_similarity``) close to one of their words. None when
    every item is there, the claim has none, or there is no evidence at all."""
    items = focus_items(claim)
    if items:  # "in Wirenet's telling", "per X", "the caption": which text, not what it says (qa.docscope)
        items = tuple(i for i in items if i[0] not in document_reference_words(claim))
    if not items or not texts:
        return None
    stems: set[str] = set()
    for t in texts:
        stems.update(tokenize(t))
    absent = [(w, place) for w, place in items if not set(tokenize(w)) <= stems]
    places = [w for w, place in absent if place]
    if places or not absent or words is None:
        return (places or [w for w, _ in absent] or [None])[0]
    left = not_paraphrased([w for w, _ in absent], texts, words, threshold)
    return left[0] if left else None


@lru_cache(maxsize=1024)
def document_reference_words(claim: str) -> frozenset[str]:
    """The claim's words (lower-case) that only say which text or part of one it means ("In X's telling",
    "per X", "the caption"): read without a store (``qa.docscope.read_scope``), so a name tied to a document
    noun counts whether or not the store holds it. Cached: one check reads the same claim for every unit."""
    from qa.docscope import read_scope

    return read_scope(claim, None).words


def unmet_slot(claim: "SlotFrame", texts: Sequence["SlotFrame"], needs: "SupportCheck | None" = None,
               words=None, threshold: float | None = None) -> "tuple[Slot, str] | None":
    """The first slot the claim fills that none of the evidence units ``texts`` meets, as (``Slot``, the
    claim's value), checking the slots of ``needs`` (default: every slot): a figure no unit gives
    (``qa.numbers.numbers_match``); a place or actor no unit names; what the claim says happened
    (``SlotFrame.predicates``) or its object (``focus_of``) that no unit mentions (stemmed words). None
    when every slot checked is met. A claim is supported only when every slot it makes is met: "20,000
    trained" is not supported by "11,000 trained", nor "captured" by "occupied" (``qa.claims.decide``
    keeps the learned model from saying "supported" otherwise). With ``words`` (a ``qa.coverage.WordCache``),
    what happened and its object are also met by a paraphrase: a word of the unit at least ``threshold``
    (default ``VerdictConfig.focus_similarity``) close by word vector ("spotted" ~ "identified"); names
    and figures still need their own words and values."""
    from qa.config import SupportCheck
    from qa.numbers import numbers_match
    from qa.clashes import name_met
    from qa.stance import Slot

    needs = SupportCheck.EVERY_SLOT if needs is None else needs
    if not texts or needs is SupportCheck.NONE:
        return None
    if needs is SupportCheck.ONE_UNIT:  # some single unit meets every slot; else the first unit's gap
        gaps = [unmet_slot(claim, [u], SupportCheck.EVERY_SLOT, words, threshold) for u in texts]
        return None if any(g is None for g in gaps) else gaps[0]
    for f in claim.figures:
        if not any(numbers_match(f.quantity, g.quantity) for u in texts for g in u.figures):
            return Slot.FIGURE, f.quantity.text
    if needs is SupportCheck.FIGURES:
        return None
    text = " ".join(u.text for u in texts)
    found = frozenset().union(*(u.places | u.actors for u in texts))
    for n in sorted(claim.places | claim.actors):
        if not name_met(n, text, found, agent=n in claim.agents):
            return (Slot.PLACE if n in claim.places else Slot.ACTOR), n
    if needs is SupportCheck.NAMES:
        return None
    stems = set().union(*(u.terms for u in texts))
    scope = document_reference_words(claim.text)
    absent = [w for w in (*claim.predicates, *(w for w, _ in claim.focus))
              if not set(tokenize(w)) <= stems and w not in scope]
    if absent and words is not None:
        absent = not_paraphrased(absent, [u.text for u in texts], words, threshold)
    return (Slot.CONTENT, absent[0]) if absent else None


def not_paraphrased(absent: Sequence[str], texts: Sequence[str], words, threshold: float | None) -> list[str]:
    """The words of ``absent`` that no word of ``texts`` is at least ``threshold`` close to by word vector."""
    import numpy as np

    from qa.config import VerdictConfig
    from qa.coverage import vocabulary

    vocab = [w for w in vocabulary(list(texts)) if tokenize(w)]
    if not vocab:
        return list(absent)
    tau = VerdictConfig().focus_similarity if threshold is None else threshold
    sims = words.vectors(list(absent)) @ words.vectors(vocab).T
    return [w for w, row in zip(absent, sims) if float(np.max(row)) < tau]
