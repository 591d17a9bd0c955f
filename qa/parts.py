"""Multi-part questions read from the dependency parse: a question that asks one thing of each of two
named things ("What did the mayor and the governor each promise?"), two wh-questions in one ("Where and
when did the dockers strike?", "..., and on what date?"), which of two came first ("Which came first: the
merger or the strike?") or how two compare ("How does the union's figure compare with the council's?").

``decompose`` returns the parts as ``Parts``: each ``Part`` is a sub-question that stands alone (asked
through the ordinary ``ask`` pipeline, with its own frame and constraints) and the label that tells it
from the others; ``Relation`` says how the parts' answers are put together (``qa.compound.join_parts``).
A coordination inside one name ("Bosnia and Herzegovina"), between two numbers ("between 10 and 20") or
with no word that distributes the question over it ("What is rock and roll?") is not split.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from qa import lexicon as L
from qa.attribution import WH_TAGS
from qa.compound import split_compound


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

    def frame(self):
        """The sub-question's own frame (answer type, constraints), parsed on demand."""
        from qa.parse import question_frame

        return question_frame(self.text)


@dataclass(frozen=True)
class Parts:
    relation: Relation
    parts: tuple[Part, ...]


_NOMINAL = {"NOUN", "PROPN"}
_SUBJ = {"nsubj", "nsubjpass"}


def decompose(doc) -> Parts | None:
    """The parts of the question parsed as ``doc``, or None for a single question."""
    two = split_compound(doc)
    if two is not None:
        return Parts(Relation.BOTH, (Part(two.first), Part(two.second)))
    for rule in (_wh_pair, _wh_fragment, _polar_tail, _versus, _order, _compare, _each, _each_preposition):
        found = rule(doc)
        if found is not None and len(found.parts) >= 2:
            return found
    return None


# ------------------------------------------------------------------ coordinated noun phrases

def _conjuncts(head) -> list:
    """``head`` and the nouns coordinated with it (``head.conjuncts``), in order; empty unless they are
    separate nouns: not one name, not numbers, not a hyphenated compound ("Ukrainian-and-allied")."""
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
        how = wh is not None and wh.lower_ == "how" and wh.head == head.head and head.dep_ in _SUBJ \
            and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() not in L.COMPARE_VERBS
        lo, hi = _coordination(doc, heads)
        near = [m for m in marker if m.head in heads or m.head == head.head or m.i == hi
                or (m.dep_ != "nsubj" and abs(m.i - heads[-1].i) <= 3)]
        if not near and not how:
            continue
        drop = {m.i for m in near}
        before = doc[head.head.i - 1] if head.dep_ == "pobj" and head.head.i else None
        if near and before is not None and before.pos_ in _NOMINAL and before.dep_ in _SUBJ:
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
            parts.append(Part(_replace(doc, lo, hi, label, drop, head.head if head.dep_ in _SUBJ else None), label))
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


def _versus(doc) -> Parts | None:
    """"x vs y rest" (a typed shorthand): "x rest" and "y rest"; the words of the longer side past the
    shorter side's length are shared ("alpha vs beta losses" -> "alpha losses", "beta losses")."""
    at = [t.i for t in doc if t.lower_.rstrip(".") in L.VERSUS_WORDS]
    if len(at) != 1:
        return None
    left = [t.text for t in doc[: at[0]] if not t.is_punct]
    right = [t.text for t in doc[at[0] + 1:] if not t.is_punct]
    if not left or not right:
        return None
    shared = right[len(left):] if len(right) > len(left) else []
    sides = [left, right[: len(left)] if shared else right]
    return Parts(Relation.COMPARE, tuple(Part(" ".join(w + shared), " ".join(w)) for w in sides))


def _polar_tail(doc) -> Parts | None:
    """"When did X begin, and is it still there?": a yes/no question coordinated after a wh-question; its
    subject pronoun takes the first question's subject."""
    for t in doc:
        if t.lower_ != "and" or t.i + 2 >= len(doc):
            continue
        aux = doc[t.i + 1]
        clause = aux if aux.dep_ == "conj" else aux.head if aux.dep_ in {"aux", "auxpass"} and aux.head.dep_ == "conj" else None
        if aux.pos_ != "AUX" or clause is None or not any(c.dep_ in _SUBJ and c.i > aux.i for c in clause.children):
            continue
        first = doc[: t.i]
        if not any(w.tag_ in WH_TAGS for w in first):
            continue
        subject = _first_subject(first)
        words = []
        for w in doc[aux.i:]:
            if subject and w.dep_ in _SUBJ and w.tag_ == "PRP" and w.head == clause:
                words.append(subject + w.whitespace_)
            else:
                words.append(w.text_with_ws)
        return Parts(Relation.BOTH, (Part(_sentence(first.text)), Part(_sentence("".join(words)))))
    return None


def _first_subject(span) -> str | None:
    from qa.compound import _subject

    return _subject(span)


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
        # the first question's clause after its wh-phrase ("Where in Seoul | did people protest ...")
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


# ------------------------------------------------------------------ which came first / how do they compare

def _alternatives(doc):
    """The nouns an "A or B" offers (``_conjuncts`` of a head coordinated by "or")."""
    for head in doc:
        if head.dep_ == "conj" or not any(c.dep_ == "cc" and c.lower_ == "or" for c in head.children):
            continue
        heads = _conjuncts(head)
        if heads:
            return heads
    return None


def _order(doc) -> Parts | None:
    """"Which came first: A or B?" -> "When was A?", "When was B?" (with the question's other phrases)."""
    if not any(t.lower_ in L.ORDER_WORDS for t in doc) or not any(t.tag_ in WH_TAGS for t in doc):
        return None
    heads = _alternatives(doc)
    if heads is None:
        return None
    lo, hi = _coordination(doc, heads)
    owner = _clause_owner(heads[0])
    if owner is not None:  # "A that X happened or B": the alternative is A with its clause, not X's noun
        cc = next(c for c in heads[0].children if c.dep_ == "cc")
        lo = min(w.i for w in owner.subtree)
        spans = [(lo, cc.i), *(_own_span(t, heads) for t in heads[1:])]
    else:
        spans = [_own_span(t, heads) for t in heads]
    keep = [t for t in doc if not (lo <= t.i < hi) and t.tag_ not in WH_TAGS and not t.is_punct
            and t.lower_ not in L.ORDER_WORDS and t.pos_ not in {"VERB", "AUX"}]
    context = " ".join(t.lower_ if t.i == 0 and t.pos_ != "PROPN" else t.text for t in keep)
    parts = []
    for a, b in spans:
        label = doc[a:b].text
        parts.append(Part(_sentence(f"When was {label} {context}"), label))
    return Parts(Relation.ORDER, tuple(parts))


def _clause_owner(tok):
    """The noun whose clause or phrase ``tok`` sits in ("the confirmation | that troops were in combat"), when
    ``tok`` is a coordinated alternative the parser hung inside it; None when ``tok`` stands on its own."""
    found = None
    t = tok
    while t.head != t and t.dep_ not in _SUBJ | {"dobj", "attr", "ROOT"}:
        t = t.head
        if t.dep_ in {"acl", "relcl", "ccomp"} and t.head.pos_ in _NOMINAL:
            found = t.head
    return found


def _compare(doc) -> Parts | None:
    """"How does A compare with B?", "How do A and B differ on X?", "A, as against B": what each says."""
    verb = next((t for t in doc if t.lemma_.lower() in L.COMPARE_VERBS and t.pos_ in {"VERB", "NOUN"}), None)
    if verb is None:
        return None
    wh = next((t for t in doc if t.tag_ in WH_TAGS), None)
    pre = doc[: wh.i].text.strip() if wh is not None and wh.i and doc[wh.i - 1].text == "," else ""
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
    other = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in L.COMPARE_PREPOSITIONS
             for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    topic = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in L.DIFFER_ON_PREPOSITIONS
             for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    phrases: list[str] = []
    if subj is not None and other:
        topic = []  # "differ from Y in Brussels": a setting, not what they differ on
        tail = [p for p in verb.children if p.dep_ == "prep" and p.i > other[0].i]  # "compare with Y in June"
        after = "".join(" " + _text(p) for p in tail)
        phrases = [doc[slice(*_own_span(subj, []))].text, _elided(doc[slice(*_own_span(other[0], []))], subj) + after]
    elif subj is not None and (heads := _conjuncts(subj)):
        phrases = [doc[slice(*_own_span(t, heads))].text for t in heads]
    elif not other and (heads := next((h for t in doc[: verb.i] if t.dep_ != "conj" and (h := _conjuncts(t))), None)):
        # "How do A and B compare?" parsed loosely: the phrases stop before the comparing verb
        phrases = [doc[a: min(b, verb.i) if a < verb.i else b].text.rstrip(" ,") for a, b in
                   (_own_span(t, heads) for t in heads)]
    if len(phrases) < 2:
        return None
    about = doc[topic[0].head.i + 1: max(w.i for w in topic[0].subtree) + 1].text if topic else ""
    if topic:  # "differ on the size of the group sent": a clause after the topic still belongs to it
        end = max(w.i for w in topic[0].subtree) + 1
        tail = [c for c in verb.children if c.i >= end and c.dep_ in {"advcl", "acl"}]
        if tail and tail[0].i == end:
            about = doc[topic[0].head.i + 1: max(w.i for w in tail[0].subtree) + 1].text
    parts = []
    for ph in phrases:
        if about:
            q = f"What did {ph} say about {about}"
        elif ph.split()[0].lower() in L.FREE_RELATIVE_WORDS:
            q = ph  # "what the agency told lawmakers": already a question
        else:
            q = f"What is {ph}"
        parts.append(Part(_sentence(f"{pre} {q[:1].lower() + q[1:]}" if pre else q), ph))
    return Parts(Relation.COMPARE, tuple(parts))


def _elided(span, subj) -> str:
    """The other side of a comparison with what it leaves out put back from the subject's phrase: "its
    stance" -> "Moscow's stance" (the subject's possessor), "the agency's" -> "the agency's count of X"
    (the subject's noun after its possessor)."""
    doc = subj.doc
    owner = next((c for c in subj.children if c.dep_ == "poss"), None)
    first, last = span[0], span[-1]
    if first.tag_ == "PRP$" and owner is not None:
        return _text(owner) + span.text[len(first.text):]
    if last.tag_ == "POS" and owner is not None:  # a bare possessive: the noun is the subject's
        start = max(w.i for w in owner.subtree) + 1
        end = max(w.i for w in subj.subtree) + 1
        return f"{span.text} {doc[start:end].text}"
    return span.text


def _text(tok) -> str:
    words = list(tok.subtree)
    return tok.doc[words[0].i: words[-1].i + 1].text


__all__ = ["Part", "Parts", "Relation", "decompose"]
