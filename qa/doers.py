"""Who does what the question asks about, read from the parse: the asked role of a verb the question
shares with a sentence. "Who provided the photo?" is answered by the agent of "provided" ("a photo
provided by the city council"), "Who is preparing to build bridges?" by the subject of the verb whose
object is "bridges" ("... signs that Arbor was planning to build bridges"), "Whom did X accuse of
raising prices?" by the subject of "raised" ("It was Corvo that raised prices"). Offsets are characters
inside the sentence."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.describe import sentence_doc, token_chars
from qa.roles import asked_object

if TYPE_CHECKING:
    from spacy.tokens import Token

_MODIFIERS = frozenset(("det", "amod", "compound", "poss", "nummod", "nmod", "case", "flat"))
_COMPLEMENTS = frozenset(("xcomp", "advcl", "pcomp", "ccomp", "conj"))


@dataclass(frozen=True)
class AskedDoer:
    """The question asks who does one of ``verbs`` (lemmas), or who does something to ``objects``
    (lemmas of the nouns those verbs take as objects)."""

    verbs: frozenset[str]
    objects: frozenset[str]


def _verbs_under(v: "Token") -> list["Token"]:
    """``v`` and the verbs of its complements ("gearing up to make" -> gear, make; "getting ready to
    make" -> get, make), not a source phrase ("according to X")."""
    out, todo = [], [v]
    while todo:
        t = todo.pop()
        if t.pos_ == "VERB":
            out.append(t)
        todo += [c for c in t.children if (c.dep_ in _COMPLEMENTS and c.pos_ == "VERB") or c.dep_ == "acomp"]
        todo += [g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
    return out


def asked_doer(question: str) -> AskedDoer | None:
    """The question's wh-word (or its "which <noun>") is the doer of a verb that is no reporting verb:
    "Who provided X?", "Which firm is preparing to build Y?"; for "Whom did X accuse of doing Y?" the
    doer of Y (the verb the object question complements). None for a question about a statement ("Who
    said ...": its speaker, ``qa.spans``), a copula ("Who is X?") or a plain object question ("Who did X meet?")."""
    doc = sentence_doc(question)
    wh = next((t for t in doc if t.lower_ in L.DOER_WH_WORDS), None)
    if wh is None:
        return None
    if asked_object(question) is not None:  # "whom did X accuse of raising Y": the doer of "raising"
        verbs = [t for t in doc if t.pos_ == "VERB" and t.dep_ in ("pcomp", "xcomp") and t.i > wh.i]
    else:
        tok = wh.head if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN") else wh
        if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB" or tok.head.lemma_.lower() in L.REPORTING_VERBS:
            return None
        verbs = _verbs_under(tok.head)
    verbs = [v for v in verbs if v.lemma_.lower() not in L.REPORTING_VERBS | L.DOER_LIGHT_VERBS
             and v.lemma_.lower() not in L.SOURCE_PREPOSITION_HEADS]
    if not verbs:
        return None
    objects = frozenset(c.lemma_.lower() for v in verbs for c in v.children if c.dep_ == "dobj" and c.pos_ == "NOUN")
    return AskedDoer(frozenset(v.lemma_.lower() for v in verbs), objects)


def _doer(v: "Token") -> "Token | None":
    """The token that does ``v``: the agent of a passive ("provided by X"), the subject (through a
    relative pronoun: "X that raised"), else the subject of the verb ``v`` complements ("X was planning to build")."""
    for c in v.children:
        if c.dep_ == "agent":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in L.RELATIVE_PRONOUNS and v.dep_ == "relcl":
        return v.head
    if subj is not None:
        return None if subj.pos_ == "PRON" else subj
    if v.dep_ in ("xcomp", "conj") and v.head.pos_ == "VERB":
        return _doer(v.head)
    return None


def _agentive(tok: "Token") -> bool:
    """A noun that can do something: a name, a person or organisation noun ("the council"), or a
    plural ("residents"); not a thing ("the plan")."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in L.ACTOR_LABELS | {"GPE", "NORP"} or tok.tag_ in ("NNS", "NNPS") \
        or tok.lemma_.lower() in L.PERSON_NOUNS | L.ORG_NOUNS


def doers(text: str, asked: AskedDoer) -> list[tuple[int, int]]:
    """Character spans of the phrases in ``text`` that do what ``asked`` names, in sentence order: the
    doer of a verb the question uses, or of a verb whose object is one the question names."""
    doc = sentence_doc(text)
    out: list[tuple[int, int]] = []
    for v in doc:
        if v.pos_ != "VERB":
            continue
        shares = v.lemma_.lower() in asked.verbs or any(
            c.dep_ == "dobj" and c.lemma_.lower() in asked.objects for c in v.children)
        who = _doer(v) if shares else None
        if who is None or not _agentive(who):
            continue
        end = who.i + 1
        for c in who.rights:  # "the Ministry of Defense": its "of" phrase and the names coordinated with it
            if c.dep_ in ("conj", "cc", "compound", "flat") or (c.dep_ == "prep" and c.lower_ == "of"):
                end = c.right_edge.i + 1
            else:
                break
        start = who.i
        for c in who.lefts:  # its own modifiers only: "the Danish water board", not a clause before it
            if c.dep_ in _MODIFIERS:
                start = min(start, c.left_edge.i)
        span = token_chars(doc, start, end)
        if span is not None and span not in out:
            out.append(span)
    return out


__all__ = ["AskedDoer", "asked_doer", "doers"]
