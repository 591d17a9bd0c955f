"""Does the sentence about to be cited say what the question asks, or only something near it?

Hard unanswerable questions name things the articles contain and ask a relation they never state: "Which
court did the protesters petition?" over "Protesters stage a rally near the District Court"; "Which unit did
X say the workers would join?" over a sentence that names no unit at all. Before an answer is composed, the
sentence it would cite (with its immediate continuation) is checked against the question's frame:

- ``asked_predicate``: the verb the question word hangs from ("belong" in "Which unit did the workers belong
  to?"; a reporting verb gives the verb it reports, or none); the small parser often tags a verb stranded
  after "did" as a noun ("When did the rally end?"), so a do-support question also takes the children of
  "do" or the last word, when a verb reading of it exists (``_verb_reading``: the word parsed after "will").
- ``predicate_met``: that verb, the same 5-letter stem (nominalisations: "petitioned" / "petition",
  "resigned" / "resignations") or a close word by word vector, is among the lemmas or written words of the
  sentence and of the sentences around it.
- ``asked_type``: the noun a "which <noun>" question names its answer by ("unit", "governor", "version");
  ``type_met``: the sentence holds a span of that type the question does not write: an entity of the type the
  noun names (``qa.coverage.type_of_noun``), or the noun (or a close word) heading a noun phrase there.
- ``owners_unmet``: the possessive proper nouns of the question ("Norway's active ferries") must be named by the
  sentence or the sentences around it.

``gate`` walks the candidates in order and returns the first that passes, or the typed reason none did; with
``joint`` a missing type refuses only when the asked verb is missing too. ``gate_sentences`` / ``gate_figures``
are what ``qa.answer.compose_ask`` calls (``Config.gate_*``; measured in docs/eval/gate-s16.md: the joint type
gate ships, the verb alone and the owner are off). Every word list used is ``qa.lexicon``'s; the checks read
lemmas, parses and word vectors only.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from qa import lexicon as L
from qa.constraints import near_word
from qa.continuation import continuation
from qa.coverage import WordCache, type_of_noun
from qa.frames import AnswerType, QuestionFrame, Refusal, RefusalReason
from qa.reader import Reader
from qa.retrieve import Evidence
from qa.setting_check import around_rows

_DO = frozenset({"do"})
_SKIP_VERBS = L.LIGHT_VERBS | L.REPORTING_VERBS | L.LIST_VERBS


@dataclass(frozen=True)
class Predicate:
    """The question's asked verb: its lemma and the word as written."""

    lemma: str
    text: str


@lru_cache(maxsize=4096)
def _verb_reading(word: str) -> bool:
    """``word`` can be read as a verb: the parser tags it VERB after a modal ("They will end it.")."""
    from qa.nlp import parsed

    doc = parsed(f"They will {word} it.")
    return len(doc) > 2 and doc[2].pos_ == "VERB"


def _wh_verb(doc):
    """The first verb up the parse from the question word ("belong" in "Which unit did the workers belong to?",
    "accuse" in "Which family did X accuse of ..."), not "do" / "be" / "have"; None when there is none."""
    from qa.attribution import WH_TAGS

    wh = next((t for t in doc if t.tag_ in WH_TAGS), None)
    tok = wh
    for _ in range(6):
        if tok is None or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in L.DOER_LIGHT_VERBS:
            return tok
    return None


def asked_predicate(doc, qf: QuestionFrame) -> Predicate | None:
    """The question's asked verb: the first verb up the parse from the question word (``_wh_verb``); a reporting
    verb gives the verb of what is reported ("say had resigned") or none ("accuse X of ...": the relation asked
    is the accusing, which any reporting verb meets). With no verb above the question word: the parser's
    content verb (``qf.event``), or in a do-support question the small parser misread ("When did the rally end?",
    "Which version did the port install at ...") the root or object of "do" that has no determiner, or the word
    before the question mark, when it has a verb reading. None: nothing to check."""
    gov = _wh_verb(doc)
    if gov is not None:
        lemma = gov.lemma_.lower()
        if lemma not in _SKIP_VERBS:
            return Predicate(lemma, gov.text)
        said = [c for c in gov.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB"
                and c.lemma_.lower() not in _SKIP_VERBS]
        return Predicate(said[0].lemma_.lower(), said[0].text) if said else None
    aux = [t for t in doc if t.lemma_.lower() in _DO and t.i < len(doc) - 2]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    cands = []
    if root is not None and root.lemma_.lower() in _DO:  # "did" read as the main verb: its verb is a child
        cands = [c for c in root.children if c.dep_ in ("ccomp", "xcomp", "dobj") and c.text.islower() and c.is_alpha
                 and c.pos_ in ("VERB", "NOUN", "PROPN")]
    elif aux and not any(t.pos_ == "VERB" and t.lemma_.lower() not in _DO for t in doc):  # no verb tagged at all
        if root is not None and root.i > aux[0].i and root.pos_ == "NOUN" and root.text.islower() \
                and not any(c.dep_ in ("det", "poss") for c in root.children):
            cands.append(root)  # "How did the parliament vote after ...?"
    if aux and (cands or root is not None and (root.lemma_.lower() in _DO or root.pos_ != "VERB")):
        last = [t for t in doc if not t.is_punct]
        if last and last[-1].i > aux[0].i + 1 and last[-1].pos_ in ("NOUN", "VERB") and last[-1].is_alpha \
                and last[-1].text.islower():
            cands.append(last[-1])  # stranded after the subject: "did the rally against the plan end?"
    for t in cands:
        if _verb_reading(t.lower_):
            return None if t.lemma_.lower() in _SKIP_VERBS else Predicate(t.lemma_.lower(), t.text)
    if qf.event and qf.event not in _SKIP_VERBS:
        return Predicate(qf.event, qf.event_text or qf.event)
    return None


def _near(reader: Reader, rows: Sequence[int]) -> list[int]:
    """The sentences at ``rows`` and the ones right around each (``qa.setting_check.around_rows``), in order."""
    return sorted({r for row in rows for r in around_rows(reader, row)})


def predicate_score(pred: Predicate, reader: Reader, rows: Sequence[int], words: WordCache) -> float:
    """How close the sentences at ``rows`` (and around them) come to using ``pred``: 1.0 for the same word or
    5-letter stem, else the best word-vector cosine of a lemma there."""
    near = _near(reader, rows)
    lemmas = set().union(*(f.lemmas for f in reader.frames(near)))
    # the words as written too: the small lemmatiser slips ("staged" -> "stag"), the stem does not
    lemmas |= {w for r in near for w in _words(reader.store.sentences[r].text) if w.isalpha()}
    best = 0.0
    for w in dict.fromkeys((pred.lemma, pred.text.lower())):
        if near_word(w, lemmas, words, 2.0):  # same word or stem only
            return 1.0
        cands = sorted(x for x in lemmas if x.isalpha() and len(x) > 2)
        best = max(best, words.nearest(w, cands) if cands else 0.0)
    return best


def predicate_met(pred: Predicate, reader: Reader, rows: Sequence[int], words: WordCache, threshold: float) -> bool:
    """``pred`` (same word, 5-letter stem or a word at least ``threshold`` close) in the sentences at ``rows``
    or around them."""
    return predicate_score(pred, reader, rows, words) >= threshold


def asked_type(doc, qf: QuestionFrame, what: bool = False) -> str | None:
    """The noun a "which <noun>" question (with ``what``, "what <noun>" too) names its answer by ("which Danish
    unit" -> "unit"). None for list
    and figure questions, for nouns too general to name a kind of thing (``L.GENERIC_TYPE_NOUNS``, a person
    in general), for a noun with an "of" complement ("which part of X": a portion of X, not an instance), and
    for dates and counts (their own checks)."""
    if qf.wants_list or qf.answer_type is AnswerType.LIST or qf.is_figure:
        return None
    words = ("which", "what") if what else ("which",)
    which = next((t for t in doc if t.lower_ in words), None)
    if which is None or which.lower_ == "what" and not (which.dep_ == "det" and which.head.pos_ == "NOUN"):
        return None
    noun = which.head if which.dep_ == "det" and which.head.pos_ == "NOUN" else None
    if noun is None:  # "Which/PRON regional/ADJ governor/NOUN ...": the tagger split the phrase
        nxt = [t for t in doc[which.i + 1:]]
        while nxt and nxt[0].pos_ in ("ADJ", "PROPN") and nxt[0].dep_ in ("amod", "compound"):
            nxt = nxt[1:]
        noun = nxt[0] if nxt and nxt[0].pos_ == "NOUN" else None
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    if lemma in L.GENERIC_TYPE_NOUNS or lemma in L.GENERIC_PERSON_NOUNS \
            or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) \
            or type_of_noun(lemma) in (AnswerType.DATE, AnswerType.COUNT):
        return None
    return lemma


_DETERMINERS = frozenset({"the", "a", "an"})


def _words(text: str) -> set[str]:
    """The lower-case words of ``text``, possessive endings and punctuation stripped."""
    out = set()
    for w in text.replace("’", "'").split():
        w = w.lower().removesuffix("'s").strip(".,;:'\"”“()?!")
        if w:
            out.add(w)
    return out


# entity labels that can name an instance of a kind the lexicon does not type ("unit", "version", "formation")
_INSTANCE_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW"})


def type_met(noun: str, qf: QuestionFrame, reader: Reader, row: int, words: WordCache, threshold: float,
             strict: bool = False) -> bool:
    """The sentence at ``row`` holds a span of the asked type that the question does not already write: an
    entity of the type ``noun`` names (``qa.coverage.type_of_noun``; a noun the lexicon does not type takes an
    organisation, product, facility, event, work or law), or a noun phrase headed by ``noun`` or a close word
    (stem or word vector) with a word of its own ("the 4th Harbour Brigade" for "which brigade")."""
    frame = reader.frame(row)
    kind = type_of_noun(noun)
    asked = _words(qf.text)
    # a person may be tagged as an organisation by the small model ("Okonkwo"), or be the quote's speaker
    labels = ({"PERSON"} if strict else {"PERSON", "ORG"}) if kind is AnswerType.PERSON else None
    for e in frame.entities:
        if strict and kind is None:
            break  # strict: a noun the lexicon does not type is met by a noun phrase it heads only
        if not (_words(e.text) - asked - _DETERMINERS):
            continue  # the question's own name, whole or in part ("the Danish 4th ..." is not "Danish")
        if (e.label in labels) if labels else (e.kind is kind) if kind is not None else (e.label in _INSTANCE_LABELS):
            return True
    if kind is AnswerType.PERSON and not strict:
        who = reader.speaker(row)
        if who is not None and _words(who.label) - asked - _DETERMINERS:
            return True
    for chunk in frame.nouns:
        toks = [w.strip(".,;:’'\"”“()").lower() for w in chunk.text.split()]
        toks = [w for w in toks if w]
        if len(toks) < 2 or not toks[-1].isalpha():
            continue
        own = [w for w in toks[:-1] if w not in asked and w not in L.DEMONSTRATIVES and w not in _DETERMINERS]
        if own and near_word(noun, {toks[-1]}, words, threshold):
            return True
    return False


@dataclass(frozen=True)
class GateResult:
    """The first candidate that passes (None when none does) and the reason when none does."""

    evidence: Evidence | None
    reason: RefusalReason | None


def gate(qf: QuestionFrame, doc, candidates: Sequence[Evidence], reader: Reader, words: WordCache,
         threshold: float, *, check_predicate: bool = True, check_type: bool = True,
         depth: int = 3, joint: bool = False, type_threshold: float | None = None, what: bool = False,
         strict: bool = False) -> GateResult:
    """The first of ``candidates`` (at most ``depth``) whose sentence meets the asked predicate and holds a
    span of the asked type; else the reason: ``Refusal.PREDICATE_UNMET`` naming the verb, or
    ``Refusal.TYPE_UNMET`` naming the type noun (whichever the first candidate failed)."""
    pred = asked_predicate(doc, qf) if check_predicate or (joint and check_type) else None
    type_threshold = threshold if type_threshold is None else type_threshold
    noun = asked_type(doc, qf, what) if check_type else None
    if pred is None and noun is None or not candidates:
        return GateResult(candidates[0] if candidates else None, None)
    first: RefusalReason | None = None
    for ev in list(candidates)[:depth]:
        nxt = continuation(reader, ev)  # "He added ...": the statement goes on in the next sentence
        rows = [ev.row] + ([nxt.row] if nxt is not None else [])
        verb_fails = pred is not None and not predicate_met(pred, reader, rows, words, threshold)
        type_fails = noun is not None and not any(type_met(noun, qf, reader, r, words, type_threshold, strict)
                                                 for r in rows)
        if joint:  # the type is refused only when the question asks a content verb the sentence lacks too
            type_fails = type_fails and verb_fails
            verb_fails = verb_fails and check_predicate
        if verb_fails:
            first = first or RefusalReason(Refusal.PREDICATE_UNMET, (pred.text,), answer_type=qf.answer_type)
            continue
        if type_fails:
            first = first or RefusalReason(Refusal.TYPE_UNMET, (noun,), answer_type=qf.answer_type)
            continue
        return GateResult(ev, None)
    return GateResult(None, first)


def gate_figures(qf: QuestionFrame, doc, rows: Sequence, reader: Reader, words: WordCache, cfg) -> RefusalReason | None:
    """A figure question's kept figures (``qa.select.FigureRow``): one of their sentences (or the ones around it)
    must use the asked verb ("how many resigned" over a count of the deployed), else PREDICATE_UNMET."""
    if cfg.gate_owner and rows:
        unmet = owners_unmet(doc, [rows[0].evidence.row], reader)
        if unmet is not None:
            return unmet
    pred = asked_predicate(doc, qf) if cfg.gate_predicate else None
    if pred is None or not rows:
        return None
    if predicate_met(pred, reader, [r.evidence.row for r in rows], words, cfg.gate_sim):
        return None
    return RefusalReason(Refusal.PREDICATE_UNMET, (pred.text,), answer_type=qf.answer_type)


def gate_sentences(qf: QuestionFrame, doc, best: list[Evidence], found, pool: list[Evidence], reader: Reader,
                   words: WordCache, cfg, span_cfg):
    """Before a sentence answer is composed: (reason, best, found). A typed span whose sentence does not use the
    asked verb is looked for again among the candidates that do (none: PREDICATE_UNMET); with no typed span, the
    first of the first ``cfg.gate_depth`` candidates that passes ``gate`` leads ``best`` (none: its reason)."""
    if not (cfg.gate_predicate or cfg.gate_type or cfg.gate_owner or cfg.gate_nospan or cfg.noun_spans) or not best:
        return None, best, found
    named = None  # "which <noun>" with no typed span: a span for the noun (qa.noun_spans), the joint gate still first
    if cfg.noun_spans and found is None:
        noun = asked_type(doc, qf, cfg.gate_type_what or getattr(span_cfg, "what_nouns", False))
        if noun is not None:  # SpanConfig.what_nouns: "what <noun>" takes a span too, but is never refused for none
            from qa.noun_spans import noun_span

            named = noun_span(qf, noun, best, reader, words, cfg, span_cfg)
    if cfg.gate_nospan and found is None and named is None:
        missed = nospan(doc, qf, cfg.gate_type_what, cfg.gate_nospan_typed)
        if missed is not None:
            return missed, best, None
    if cfg.gate_owner:
        lead = (found.statement or found.evidence) if found is not None else best[0]
        unmet = owners_unmet(doc, [lead.row], reader)
        if unmet is not None:
            return unmet, best, None
    if found is not None:
        pred = asked_predicate(doc, qf) if cfg.gate_predicate else None
        lead = found.statement or found.evidence
        if pred is None or predicate_met(pred, reader, [lead.row, found.evidence.row], words, cfg.gate_sim):
            return _agree(doc, qf, found, cfg, span_cfg), best, found
        from qa.span_search import find_span

        ok = [e for e in pool if predicate_met(pred, reader, [e.row], words, cfg.gate_sim)]
        again = find_span(qf, ok, reader, cfg, span_cfg) if ok else None
        if again is None:
            return RefusalReason(Refusal.PREDICATE_UNMET, (pred.text,), answer_type=qf.answer_type), best, None
        return None, best, again
    g = gate(qf, doc, best, reader, words, cfg.gate_sim, check_predicate=cfg.gate_predicate,
             check_type=cfg.gate_type, depth=cfg.gate_depth, joint=cfg.gate_joint, type_threshold=cfg.gate_type_sim,
             what=cfg.gate_type_what, strict=cfg.gate_type_strict)
    if g.reason is not None:
        return g.reason, best, None
    if g.evidence is not None and g.evidence is not best[0]:
        best = [g.evidence] + [e for e in best if e is not g.evidence]
    return _agree(doc, qf, named, cfg, span_cfg), best, named


def _agree(doc, qf: QuestionFrame, found, cfg, span_cfg) -> RefusalReason | None:
    """``qa.modifier_agree``: the chosen span must not clash with the asked noun's modifiers
    (``SpanConfig.modifier_agree`` / ``modifier_absent``); None when it does not or the check is off."""
    if found is None or not getattr(span_cfg, "modifier_agree", False):
        return None
    from qa.modifier_agree import modifier_reason

    return modifier_reason(doc, qf, asked_type(doc, qf, cfg.gate_type_what), found, span_cfg.modifier_absent)


def nospan(doc, qf: QuestionFrame, what: bool = False, every_typed: bool = False) -> RefusalReason | None:
    """Called when the span search found no span of the asked type in the candidates: a question that names
    the type of its answer ("which <noun>", ``asked_type``; with ``every_typed`` any question expecting a
    person, organisation, place or date, ``qa.spans.typed``) then refuses with TYPE_UNMET naming the type,
    instead of returning the whole sentence as its short answer. None: the question names no type."""
    from qa.spans import typed

    noun = asked_type(doc, qf, what)
    if noun is not None:
        return RefusalReason(Refusal.TYPE_UNMET, (noun,), answer_type=qf.answer_type)
    if every_typed and typed(qf) and not qf.wants_list and qf.answer_type is not AnswerType.LIST:
        name = qf.type_word or ""
        return RefusalReason(Refusal.TYPE_UNMET, (name,) if name else (), answer_type=qf.answer_type)
    return None


def asked_owners(doc) -> list[str]:
    """The names that own a thing the question asks about: "Norway" in "counts Norway's active ferries",
    "Oslo" in "Oslo's military chiefs" (a possessive proper noun, with the proper nouns before it)."""
    out = []
    for t in doc:
        if t.dep_ == "poss" and t.pos_ == "PROPN":
            left = t
            while left.i > 0 and doc[left.i - 1].pos_ == "PROPN" and doc[left.i - 1].dep_ == "compound":
                left = doc[left.i - 1]
            out.append(doc[left.i: t.i + 1].text)
    return out


def owners_unmet(doc, rows: Sequence[int], reader: Reader) -> RefusalReason | None:
    """Every owner the question names (``asked_owners``) must be named by the sentences at ``rows`` or the
    sentences around them: a figure or answer of another owner's ("Sweden's active ferries" for "Norway's
    active ferries") does not answer. Returns OWNER_UNMET naming the owners nothing names."""
    from qa.reader import mentions

    owners = asked_owners(doc)
    if not owners or not rows:
        return None
    text = " ".join(reader.store.sentences[r].text for r in _near(reader, rows))
    missing = [o for o in owners if not mentions(text, o)]
    return RefusalReason(Refusal.OWNER_UNMET, tuple(missing)) if missing else None


__all__ = ["GateResult", "Predicate", "asked_predicate", "asked_type", "gate", "nospan", "predicate_met", "type_met"]
