"""Multi-part questions read from the dependency parse: a question that asks one thing of each of two
named things ("What did the mayor and the governor each promise?"), two wh-questions in one ("Where and
when did the dockers strike?", "..., and on what date?"), which of two came first ("Which came first: the
merger or the strike?") or how two compare ("How does the union's figure compare with the council's?").

``decompose`` returns the parts as ``Parts`` (the order and comparison shapes are read in
``qa.parts_compare``): each ``Part`` is a sub-question that stands alone (asked through the ordinary
``ask`` pipeline, which reads its own frame and constraints) and the label that tells it from the others; ``Relation`` says how the parts' answers are put together (``qa.part_answers.join_parts``).
A coordination inside one name ("Bosnia and Herzegovina"), between two numbers ("between 10 and 20") or
with no word that distributes the question over it ("What is rock and roll?") is not split.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from qa import lexicon as L
from qa.attribution import WH_TAGS
from qa.compound import SUBJECT_DEPS, span_subject, split_compound


class Relation(Enum):
    BOTH = "both"  # two questions asked together: each answered on its own
    EACH = "each"  # one question asked of each of several things
    ORDER = "order"  # which of two things came first
    COMPARE = "compare"  # how two things (often figures) compare


@dataclass(frozen=True)
class Part:
    """One sub-question, standing alone, and the words that tell it from the other parts (the
    coordinated noun phrase it asks about; None for a question of its own)."""

    text: str
    label: str | None = None


@dataclass(frozen=True)
class Parts:
    relation: Relation
    parts: tuple[Part, ...]


_NOMINAL = {"NOUN", "PROPN"}


def decompose(doc) -> Parts | None:
    """The parts of the question parsed as ``doc``, or None for a single question."""
    two = split_compound(doc)
    if two is not None:
        return Parts(Relation.BOTH, (Part(two.first), Part(two.second)))
    from qa.parts_compare import compare, order, versus

    for rule in (_wh_pair, _wh_fragment, _polar_tail, versus, order, compare, _each, _each_preposition):
        found = rule(doc)
        if found is not None and len(found.parts) >= 2:
            return found
    return None


# ------------------------------------------------------------------ coordinated noun phrases

def _conjuncts(head) -> list:
    """``head`` and the nouns coordinated with it (``head.conjuncts``), in order; empty unless they are
    separate nouns: not one name, not numbers, not a hyphenated compound ("Danish-and-allied")."""
    toks = [head, *head.conjuncts]
    if len(toks) < 2 or any(t.pos_ not in _NOMINAL | {"PRON"} or t.like_num for t in toks):
        return []
    if head.head.lower_ in L.RANGE_PREPOSITIONS:  # "between 10 and 20", "from June to August"
        return []
    for ent in head.doc.ents:  # "Bosnia and Herzegovina": one name
        if sum(ent.start <= t.i < ent.end for t in toks) >= 2:
            return []
    for t in toks[1:]:
        cc = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
        if any(c.i > 0 and t.doc[c.i - 1].text == "-" for c in cc):
            return []
    return sorted(toks, key=lambda t: t.i)


def _own_span(tok, others) -> tuple[int, int]:
    """Token range of ``tok``'s phrase without the phrases coordinated with it (nor "each")."""
    skip = set()
    for c in tok.children:
        if c in others or c.dep_ in {"cc", "conj"} or c.lower_ in L.DISTRIBUTIVE_WORDS:
            skip |= {w.i for w in c.subtree}
    idx = [w.i for w in tok.subtree if w.i not in skip]
    lo, hi = min(idx), max(idx) + 1
    doc = tok.doc
    while hi > lo + 1 and (doc[hi - 1].is_punct and doc[hi - 1].text not in ")'\u2019\""):
        hi -= 1
    return lo, hi


def _replace(doc, lo: int, hi: int, text: str, drop: set[int], subject_of=None) -> str:
    """The question with tokens ``lo..hi`` replaced by ``text`` and tokens ``drop`` left out; a plural
    auxiliary of the replaced subject made singular ("do" -> "does")."""
    out = []
    for t in doc:
        if t.i in drop:
            continue
        if t.i == lo:
            out.append(text + doc[hi - 1].whitespace_)
        elif lo < t.i < hi:
            continue
        elif subject_of is not None and t.head == subject_of and t.dep_ == "aux" and t.lower_ in L.SINGULAR_AUX:
            out.append(L.SINGULAR_AUX[t.lower_] + t.whitespace_)
        else:
            out.append(t.text_with_ws)
    return _sentence("".join(out))


def _sentence(text: str) -> str:
    text = " ".join(text.split()).replace(" ,", ",").replace(" ?", "?")
    text = text.rstrip(" ,;:")
    text = text[:1].upper() + text[1:]
    return text if text.endswith("?") else text.rstrip(".") + "?"


def _coordination(doc, heads) -> tuple[int, int]:
    spans = [_own_span(t, heads) for t in heads]
    return spans[0][0], spans[-1][1]


def _each(doc) -> Parts | None:
    """"What did A and B each say?", "How do A and B describe X?": the question asked of A, then of B."""
    marker = [t for t in doc if t.lower_ in L.DISTRIBUTIVE_WORDS and t.dep_ not in {"pobj", "dobj"}]
    wh = next((t for t in doc if t.tag_ in WH_TAGS), None)
    for head in doc:
        if not any(c.dep_ == "conj" for c in head.children) or head.dep_ == "conj":
            continue
        heads = _conjuncts(head)
        if not heads:
            continue
        how = wh is not None and wh.lower_ == "how" and wh.head == head.head and head.dep_ in SUBJECT_DEPS \
            and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() not in L.COMPARE_VERBS
        lo, hi = _coordination(doc, heads)
        near = [m for m in marker if m.head in heads or m.head == head.head or m.i == hi
                or (m.dep_ != "nsubj" and abs(m.i - heads[-1].i) <= 3)]
        if not near and not how:
            continue
        drop = {m.i for m in near}
        before = doc[head.head.i - 1] if head.dep_ == "pobj" and head.head.i else None
        if near and before is not None and before.pos_ in _NOMINAL and before.dep_ in SUBJECT_DEPS:
            # "A at the summit and B each ...": the floating "each" shows that A, not the summit, is coordinated
            owner, cc = before, next(c for c in head.children if c.dep_ == "cc")
            first = (min(w.i for w in owner.subtree), cc.i)
            spans = [first, *(_own_span(t, heads) for t in heads[1:])]
            lo = first[0]
            parts = [Part(_replace(doc, lo, hi, doc[a:b].text, drop, owner.head), doc[a:b].text) for a, b in spans]
            return Parts(Relation.EACH, tuple(parts))
        parts = []
        for t in heads:
            a, b = _own_span(t, heads)
            label = doc[a:b].text
            parts.append(Part(_replace(doc, lo, hi, label, drop, head.head if head.dep_ in SUBJECT_DEPS else None), label))
        return Parts(Relation.EACH, tuple(parts))
    return None


def _each_preposition(doc) -> Parts | None:
    """"..., by the council and by the union?": the same preposition repeated asks the question of each."""
    for p in doc:
        if p.pos_ != "ADP" or p.dep_ == "conj":
            continue
        others = [c for c in p.children if c.dep_ == "conj" and c.lower_ == p.lower_]
        if not others or not p.i or doc[p.i - 1].text != ",":  # ", by A and by B": an afterthought over the question
            continue
        preps = [p, *others]
        lo, hi = p.i, max(w.i for w in others[-1].subtree) + 1
        parts = []
        for q in preps:
            words = [w for w in q.subtree if not (q is p and any(w in o.subtree for o in others))
                     and not (w.dep_ == "cc" and w.head == p)]
            text = doc[words[0].i: words[-1].i + 1].text
            obj = [c for c in q.children if c.dep_ == "pobj"]
            label = _text(obj[0]) if obj else text
            parts.append(Part(_replace(doc, lo, hi, text, set()), label))
        return Parts(Relation.EACH, tuple(parts))
    return None


def _polar_tail(doc) -> Parts | None:
    """"When did X begin, and is it still there?": a yes/no question coordinated after a wh-question; its
    subject pronoun takes the first question's subject."""
    for t in doc:
        if t.lower_ != "and" or t.i + 2 >= len(doc):
            continue
        aux = doc[t.i + 1]
        clause = aux if aux.dep_ == "conj" else aux.head if aux.dep_ in {"aux", "auxpass"} and aux.head.dep_ == "conj" else None
        if aux.pos_ != "AUX" or clause is None or not any(c.dep_ in SUBJECT_DEPS and c.i > aux.i for c in clause.children):
            continue
        first = doc[: t.i]
        if not any(w.tag_ in WH_TAGS for w in first):
            continue
        subject = span_subject(first)
        words = []
        for w in doc[aux.i:]:
            if subject and w.dep_ in SUBJECT_DEPS and w.tag_ == "PRP" and w.head == clause:
                words.append(subject + w.whitespace_)
            else:
                words.append(w.text_with_ws)
        return Parts(Relation.BOTH, (Part(_sentence(first.text)), Part(_sentence("".join(words)))))
    return None


def _text(tok) -> str:
    words = list(tok.subtree)
    return tok.doc[words[0].i: words[-1].i + 1].text


# ------------------------------------------------------------------ two wh-words, one clause

def _wh_pair(doc) -> Parts | None:
    """"Where and when did X happen?": "Where did X happen?" and "When did X happen?"."""
    for t in doc:
        if t.lower_ not in L.COORDINATORS or not 0 < t.i < len(doc) - 2:
            continue
        a, b = doc[t.i - 1], doc[t.i + 1]
        if a.tag_ in WH_TAGS and b.tag_ in WH_TAGS and a.lower_ != b.lower_:
            rest = doc[t.i + 2:].text
            pre = doc[: t.i - 1].text
            return Parts(Relation.BOTH, tuple(Part(_sentence(f"{pre} {w.text} {rest}")) for w in (a, b)))
    return None


def _wh_fragment(doc) -> Parts | None:
    """"Where did X happen, and on what date?": the fragment takes the first question's clause ("On what
    date did X happen?")."""
    for t in doc:
        if t.lower_ not in L.COORDINATORS or t.i + 1 >= len(doc):
            continue
        frag = doc[t.i + 1:]
        if any(w.pos_ in {"VERB", "AUX"} for w in frag) or not any(w.tag_ in WH_TAGS for w in frag):
            continue
        first = doc[: t.i]
        wh = next((w for w in first if w.tag_ in WH_TAGS), None)
        if wh is None or any(w.text in L.LIST_INTRODUCERS for w in first):
            continue  # "What two figures did X give: how many now, and how many later?" lists, not two questions
        # the first question's clause after its wh-phrase ("Where in Oslo | did people protest ...")
        verb = next((w for w in first if w.i > wh.i and w.pos_ in {"AUX", "VERB"}), None)
        if verb is None:
            continue
        if frag[0].lower_ == wh.lower_ and len(frag) > 2:
            # "Who spoke on Monday and who on Tuesday?": the fragment gaps only the verb
            head = verb.head if verb.dep_ in {"aux", "auxpass"} else verb
            verbs = "".join(w.text_with_ws for w in first if w.i >= verb.i and (w == head or (
                w.head == head and w.dep_ in {"aux", "auxpass", "neg"})))
            second = f"{frag[0].text} {verbs} {frag[1:].text}"
        else:
            second = f"{frag.text.rstrip('?')} {doc[verb.i: t.i].text.rstrip(' ,;')}"
        return Parts(Relation.BOTH, (Part(_sentence(first.text)), Part(_sentence(second))))
    return None


__all__ = ["Part", "Parts", "Relation", "decompose"]
