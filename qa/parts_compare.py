"""Multi-part questions that set two things side by side (``qa.parts``): "Which came first: A or B?"
(``order``), "How does A compare with B?" / "How do A and B differ on X?" (``compare``) and the typed
shorthand "x vs y" (``versus``). Each returns ``Parts`` or None; ``qa.parts.decompose`` tries them in turn.
"""
from __future__ import annotations

from qa import lexicon as L
from qa.attribution import WH_TAGS
from qa.compound import SUBJECT_DEPS
from qa.parts import _NOMINAL, Part, Parts, Relation, _conjuncts, _coordination, _own_span, _sentence, _text


def versus(doc) -> Parts | None:
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




def _alternatives(doc):
    """The nouns an "A or B" offers (``_conjuncts`` of a head coordinated by "or")."""
    for head in doc:
        if head.dep_ == "conj" or not any(c.dep_ == "cc" and c.lower_ == "or" for c in head.children):
            continue
        heads = _conjuncts(head)
        if heads:
            return heads
    return None


def order(doc) -> Parts | None:
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
    # the question's other phrases: a leading "Per X," and the phrases on the order verb ("in X's account")
    order = next(t for t in doc if t.lower_ in L.ORDER_WORDS)
    wh = next(t for t in doc if t.tag_ in WH_TAGS)
    phrases = [doc[: wh.i]] if wh.i else []
    phrases += [doc[min(w.i for w in c.subtree): max(w.i for w in c.subtree) + 1] for c in order.head.children
                if c.dep_ == "prep" and not lo <= c.i < hi]
    context = " ".join(_lower_first(p.text.strip(" ,:;")) if p.start == 0 and p[0].pos_ != "PROPN"
                       else p.text.strip(" ,:;") for p in phrases)
    parts = []
    for a, b in spans:
        label = doc[a:b].text
        parts.append(Part(_sentence(f"When was {label} {context}"), label))
    return Parts(Relation.ORDER, tuple(parts))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _clause_owner(tok):
    """The noun whose clause or phrase ``tok`` sits in ("the confirmation | that workers were on strike"), when
    ``tok`` is a coordinated alternative the parser hung inside it; None when ``tok`` stands on its own."""
    found = None
    t = tok
    while t.head != t and t.dep_ not in SUBJECT_DEPS | {"dobj", "attr", "ROOT"}:
        t = t.head
        if t.dep_ in {"acl", "relcl", "ccomp"} and t.head.pos_ in _NOMINAL:
            found = t.head
    return found


def compare(doc) -> Parts | None:
    """"How does A compare with B?", "How do A and B differ on X?", "A, as against B": what each says."""
    verb = next((t for t in doc if t.lemma_.lower() in L.COMPARE_VERBS and t.pos_ in {"VERB", "NOUN"}), None)
    if verb is None:
        return None
    wh = next((t for t in doc if t.tag_ in WH_TAGS), None)
    pre = doc[: wh.i].text.strip() if wh is not None and wh.i and doc[wh.i - 1].text == "," else ""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    other = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in L.COMPARE_PREPOSITIONS
             for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    topic = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in L.DIFFER_ON_PREPOSITIONS
             for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    phrases: list[str] = []
    if subj is not None and other:
        topic = []  # "differ from Y in Lisbon": a setting, not what they differ on
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
    stance" -> "Oslo's stance" (the subject's possessor), "the agency's" -> "the agency's count of X"
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


__all__ = ["compare", "order", "versus"]
