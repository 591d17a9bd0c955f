"""The slots of a claim or an evidence sentence, from one spaCy parse: what the verdict compares.

``slot_frame(text)`` returns a ``SlotFrame``: the places, actors and times it names (spaCy
entities), its figures (``qa.numbers`` quantities with their counted noun or unit and how firmly
they are stated), who it is attributed to, and its polarity cues (negation, denial verbs, words
that call something false, phrases that say it is unknown).

A thin adapter beside the answer core's ``qa.frames.EvidenceFrame`` (whose ``FigureKind`` it
uses): ``qa.stance`` reads only ``SlotFrame``, so building it from the core's cached frames later
leaves the comparison alone. Parses are cached by text (a store's sentences are parsed once per process).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from index.lexical import tokenize
from qa import lexicon as lx
from qa.frames import FigureKind
from qa.nlp import parsed, parsed_many
from qa.numbers import Quantity

_CACHE_MAX = 50_000


@dataclass(frozen=True)
class FigureSlot:
    quantity: Quantity
    kind: FigureKind
    counted: str | None  # lemma of the counted noun, or the unit of a measurement ("worker", "mm"): qa.figures
    # content lemmas the figure is attached to: its noun's modifiers and the two words above it
    # ("miles from the border" -> border; "valid for 20 years" -> valid)
    context: frozenset[str] = frozenset()

    @property
    def is_count(self) -> bool:
        return self.kind.is_count


@dataclass(frozen=True)
class SlotFrame:
    text: str
    places: frozenset[str]  # lower-case entity texts
    located: frozenset[str]  # places attached to the event by "in/at/near X"
    actors: frozenset[str]
    groups: frozenset[tuple[str, str]]  # (named group, the noun it qualifies): ("chinese", "uniform")
    years: frozenset[int]
    months: frozenset[str]
    figures: tuple[FigureSlot, ...]
    speaker: str | None
    negated: bool  # a negation on a verb or "no <noun>"
    denial: frozenset[str]  # denial lemmas used ("deny", "dismiss")
    falsity: frozenset[str]  # words that call something untrue
    truth: frozenset[str]
    unknown: bool  # says the matter is unknown / unverified (a phrase, or a withheld commitment below)
    hedged: bool
    terms: frozenset[str]  # stemmed content tokens (index.lexical.tokenize), numbers excluded
    answer: str | None = None  # "yes" / "no": the text opens with, or answers its question with, a bare yes or no
    # A question read with its answer ("Did X? No, ..."): the question's content terms and whether it is
    # negated. The question asserts nothing: figures, polarity cues and hedges above are the answer's.
    question_terms: frozenset[str] | None = None
    answer_terms: frozenset[str] | None = None
    question_negated: bool = False
    # (word, is a place) the text is about: its main verb's object head and place names (qa.claim_focus)
    focus: tuple[tuple[str, bool], ...] = ()
    # lemmas of what the text says happened: its main verb(s), under a reporting verb the reported clause's
    predicates: tuple[str, ...] = ()
    # lemmas of commitment verbs the text negates or withholds ("did not confirm", "declined to verify",
    # "neither confirmed nor denied"): the text is non-committal about their complement
    withheld: frozenset[str] = frozenset()
    # lemmas of commitment verbs the text asserts were done ("X confirmed", "Y independently verified")
    commits: frozenset[str] = frozenset()
    # stemmed content terms of the clauses that hold a polarity cue (a negation, denial or falsity word),
    # without the clauses coordinated onto them ("X did not offer details, *but* Y gave an interview"):
    # what the cue is about; None when the text has no cue
    cue_terms: frozenset[str] | None = None
    # the speaker holds a name or a proper adjective ("Western intelligence assessments"; qa.attribution.named_source)
    speaker_named: bool = False
    # places written as who acts, not where: the possessor or subject ("<capital>'s spy agency said",
    # "<capital> cleared the missiles"): a capital there stands for its country's government (qa.gazetteer)
    agents: frozenset[str] = frozenset()

    @property
    def stated_terms(self) -> frozenset[str]:
        """The content terms the text asserts: the answer's when it answers a question."""
        return self.answer_terms if self.answer_terms is not None else self.terms

    @property
    def polarity_cues(self) -> frozenset[str]:
        cues = set(self.denial) | set(self.falsity)
        if self.negated:
            cues.add("not")
        return frozenset(cues)


_lock = threading.Lock()
_cache: dict[str, SlotFrame] = {}
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_ANSWER = re.compile(r"(?:^|\?\s+)(yes|no)\b", re.I)  # a bare yes/no, first or right after a question


def slot_frame(text: str) -> SlotFrame:
    """The slots of ``text`` (cached)."""
    hit = _cache.get(text)
    if hit is not None:
        return hit
    frame = _build(parsed(text))  # qa.nlp's Doc cache: the evidence frame of this sentence reads the same parse
    with _lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[text] = frame
    return frame


def slot_frames(texts: list[str]) -> list[SlotFrame]:
    """``slot_frame`` for many texts, parsing the uncached ones in one batch."""
    todo = list(dict.fromkeys(t for t in texts if t not in _cache))
    if todo:
        for text, doc in zip(todo, parsed_many(todo)):
            frame = _build(doc)
            with _lock:
                _cache[text] = frame
    return [_cache.get(t) or slot_frame(t) for t in texts]


def _bare_answer(doc) -> str | None:
    """"yes" / "no" when the text opens with, or answers its question with, a bare yes or no. A "no"
    that quantifies the noun after it ("No answer could be found", "No evidence was given", "No records
    exist") answers nothing: it says what is missing (``unknown``), not that the question's claim is false."""
    m = _ANSWER.search(doc.text)
    if not m:
        return None
    word = m.group(1).lower()
    if word == "no":
        tok = next((t for t in doc if t.idx == m.start(1)), None)
        nxt = doc[tok.i + 1] if tok is not None and tok.i + 1 < len(doc) else None
        if (nxt is not None and nxt.is_alpha and nxt.lower_ not in lx.NEGATION_WORDS
                and (tok.dep_ == "det" or nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))):
            return None
    return word


def question_end(text: str) -> int:
    """Where the question of a "question? answer" text ends (0 when the text is no such pair)."""
    i = text.rfind("?")
    return i + 1 if i > 0 and text[i + 1:].strip() else 0


def _negated(tokens) -> bool:
    return any(t.dep_ == "neg" or (t.lower_ in ("no", "never", "neither", "nor") and t.dep_ != "intj") for t in tokens)


def cue_clause_terms(tokens, denial: frozenset[str]) -> frozenset[str] | None:
    """The stemmed content terms of the clauses of ``tokens`` that hold a polarity cue (see
    ``SlotFrame.cue_terms``): each cue's verb and its dependents, less verbs coordinated onto it."""
    cues = [t for t in tokens if t.dep_ == "neg" or (t.lower_ in ("no", "never", "neither", "nor") and t.dep_ != "intj")
            or (t.pos_ == "VERB" and t.lemma_.lower() in denial) or t.lower_ in lx.FALSITY_WORDS]
    if not cues:
        return None
    out: set[str] = set()
    for t in cues:
        head = t
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        cut = {c.i for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")}
        skip = {w.i for c in head.children if c.i in cut for w in c.subtree}
        words = " ".join(w.text for w in head.subtree if w.i not in skip)
        out.update(x for x in tokenize(words) if not x[0].isdigit())
    return frozenset(out)


def _withholds(t) -> bool:
    """``t`` (a commitment verb) is negated, under "neither", the conjunct of such a verb ("neither
    confirmed nor denied"), or the complement of a withholding head ("declined to confirm", "unable to
    verify", "has yet to confirm")."""
    def negated(v) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "preconj" and c.lower_ == "neither") for c in v.children)

    if negated(t) or (t.dep_ == "conj" and negated(t.head)):
        return True
    if t.dep_ == "xcomp":
        h = t.head
        return (h.lemma_.lower() in lx.WITHHOLD_LEMMAS or negated(h)
                or any(c.lower_ in lx.WITHHOLD_ADVERBS for c in h.children))
    return False


def withheld_commitments(tokens) -> frozenset[str]:
    """Lemmas of the commitment verbs (``lexicon.COMMIT_LEMMAS``) among ``tokens`` that are negated or
    withheld: "did not confirm", "never verified", "declined to confirm", "could not independently verify"."""
    return frozenset(t.lemma_.lower() for t in tokens if t.lemma_.lower() in lx.COMMIT_LEMMAS and _withholds(t))


# content words: what a text says (nouns, proper nouns, verbs, adjectives); also qa.verdict_trust.content_lemmas
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _figure_context(doc, placed) -> frozenset[str]:
    """The content lemmas a figure hangs on: its noun's (or number's) dependents, its two heads and its
    head's other dependents ("miles from the border": from -> border)."""
    span = doc.char_span(placed.quantity.start, placed.quantity.end, alignment_mode="expand")
    if span is None or not len(span):
        return frozenset()
    anchor = placed.noun if placed.noun is not None else span.root
    if placed.noun is None and anchor.head.pos_ == "NOUN" and anchor.dep_ in ("nummod", "quantmod"):
        anchor = anchor.head  # the unit noun: "forty miles" -> miles
    near = [*anchor.subtree, anchor.head, anchor.head.head, *anchor.head.children]
    return frozenset(t.lemma_.lower() for t in near if t.pos_ in CONTENT_POS and t.i not in range(span.start, span.end)
                     and t.i != anchor.i and not t.like_num)


def _entity_name(text: str) -> str:
    """An entity's text as a slot value: lower case, without a leading "the" or a possessive ending
    ("Nigeria’s" -> "nigeria": the tagger sometimes keeps the "’s" inside the entity)."""
    name = text.lower().removeprefix("the ").strip()
    for end in ("'s", "’s"):
        if name.endswith(end) and len(name) > len(end) + 1:
            return name[: -len(end)].rstrip()
    return name


def _place_name(t, labels_out: frozenset[str] = lx.NOT_PLACE_LABELS) -> str | None:
    """``t`` as a place name, when it is a proper noun no entity label in ``labels_out`` claims."""
    if t.pos_ != "PROPN" or t.ent_type_ in labels_out:
        return None
    for ent in t.doc.ents:
        if ent.start <= t.i < ent.end:
            return _entity_name(ent.text)
    return t.lower_


def _unlabelled_places(doc) -> set[str]:
    """Places the event happens at by position, whatever the entity tagger says: the proper noun of
    "in / at / near X" ("lawmakers in Lisbon"), or the proper-noun modifier of a place noun there ("in
    the X region"), and the conjuncts of either ("in X and Y districts")."""
    out: set[str] = set()
    heads = [t for t in doc if t.dep_ == "pobj" and t.head.lower_ in lx.EVENT_PLACE_PREPOSITIONS]
    for t in heads + [c for h in heads for c in h.conjuncts]:
        name = _place_name(t)
        if name:
            out.add(name)
        elif t.pos_ == "NOUN" and t.lemma_.lower() in lx.PLACE_NOUNS:  # "the X region": X is a place, whatever its tag
            out.update(n for c in t.children if c.dep_ == "compound" and (n := _place_name(c, lx.NOT_NAME_LABELS)))
        elif t.pos_ == "NOUN" and t.dep_ == "conj":
            out.update(n for c in t.children if c.dep_ == "compound" and (n := _place_name(c)))
    return out


def _build(doc) -> SlotFrame:
    from qa.attribution import speaker_source
    from qa.claim_focus import focus_of, predicates_of
    from qa.figures import place_figures

    text = doc.text
    cut = question_end(text)  # the question part asserts nothing: cues and figures come from the answer
    said = [t for t in doc if t.idx >= cut]
    stated = text[cut:]
    places, located, actors, groups, months, years, agents = set(), set(), set(), set(), set(), set(), set()
    for ent in doc.ents:
        name = _entity_name(ent.text)
        if ent.label_ in lx.PLACE_LABELS:
            places.add(name)
            head = ent.root.head
            if ent.root.dep_ == "pobj" and head.lower_ in lx.EVENT_PLACE_PREPOSITIONS:
                located.add(name)
            elif ent.root.dep_ in lx.AGENT_DEPS:
                agents.add(name)
        elif ent.label_ in lx.ACTOR_LABELS:
            actors.add(name)
            head = ent.root.head
            if ent.root.dep_ in lx.AGENT_DEPS:  # the small pipeline tags many capitals as organisations
                agents.add(name)
            if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound", "nmod") and head.pos_ == "NOUN":
                groups.add((name, head.lemma_.lower()))
        elif ent.label_ in lx.TIME_LABELS:
            years.update(int(y) for y in _YEAR.findall(ent.text))
            months.update(w for w in ent.text.lower().split() if w in lx.MONTHS)
    located |= _unlabelled_places(doc)
    speaker, speaker_named = speaker_source(doc)
    negated = _negated(said)
    withheld = withheld_commitments(said)
    # a negated or withheld denial ("did not deny") denies nothing
    denial = frozenset(t.lemma_.lower() for t in said if t.pos_ == "VERB" and t.lemma_.lower() in lx.DENIAL_LEMMAS
                       and not _withholds(t))
    words = {t.lower_ for t in said}
    low = stated.lower()
    figures = tuple(FigureSlot(p.quantity, p.kind, p.unit or p.counted, _figure_context(doc, p)) for p in place_figures(doc)
                    if p.quantity.start >= cut)
    answer = _bare_answer(doc)
    question = {}
    if cut:
        question = {"question_terms": frozenset(t for t in tokenize(text[:cut]) if not t[0].isdigit()),
                    "answer_terms": frozenset(t for t in tokenize(stated) if not t[0].isdigit()),
                    "question_negated": _negated([t for t in doc if t.idx < cut])}
    return SlotFrame(
        text=text, places=frozenset(places), located=frozenset(located), actors=frozenset(actors),
        groups=frozenset(groups),
        years=frozenset(years), months=frozenset(months), figures=figures, speaker=speaker,
        speaker_named=speaker_named,
        negated=negated, denial=denial, falsity=frozenset(words & lx.FALSITY_WORDS),
        truth=frozenset(words & lx.TRUTH_WORDS), unknown=bool(withheld) or any(p in low for p in lx.UNKNOWN_PHRASES),
        hedged=bool(words & lx.HEDGE_WORDS),
        terms=frozenset(t for t in tokenize(text) if not t[0].isdigit()),
        answer=answer, focus=focus_of(doc), predicates=predicates_of(doc),
        withheld=withheld,
        commits=frozenset(t.lemma_.lower() for t in said if t.pos_ == "VERB" and t.lemma_.lower() in lx.COMMIT_LEMMAS
                          and not _withholds(t)),
        cue_terms=cue_clause_terms(said, denial),
        agents=frozenset(agents),
        **question,
    )
