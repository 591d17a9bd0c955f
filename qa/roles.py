"""Roles read from a sentence's parse for short answers that are not a named entity of the asked type:
who does the question's verb (a capital as a government), where ("close to X"), whose ("a report from
X"), when (the date under the question's preposition), how (a manner phrase), and lists (coordinated
nouns, phrases headed by the type word, every figure a plural "what figures" asks for).
Offsets are characters inside the sentence."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from qa import lexicon as L
from qa.describe import name_tokens, phrase_core, sentence_doc, token_chars
from qa.names import same_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def subject_of(text: str, start: int, end: int, verbs: frozenset[str]) -> bool:
    """The span [start, end) of ``text`` is the subject (or a coordinated subject) of a verb whose
    lemma is in ``verbs``: "Oslo and Bern have accused ..." -> Oslo, Bern for {"accuse"}."""
    for t in sentence_doc(text):
        if start <= t.idx < end:
            while t.dep_ == "conj" and t.head.i != t.i:
                t = t.head
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in verbs:
                return True
    return False


ACTOR_DEPS = frozenset(("nsubj", "nsubjpass", "dobj", "dative"))


def acts(text: str, start: int, end: int) -> bool:
    """The span [start, end) of ``text`` is a verb's subject or object ("Oslo denied ...", "to aid
    Oslo"): a place named for its government, an actor, not where something happens."""
    toks = [t for t in sentence_doc(text) if start <= t.idx < end]
    roots = [t for t in toks if not (start <= t.head.idx < end) or t.head.i == t.i]
    if not roots:
        return False
    t = roots[0]
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ in ACTOR_DEPS and t.head.pos_ in ("VERB", "AUX")


def asks_several(question: str) -> bool:
    """The question's wh-word picks a plural noun: "What figures / Which two estimates ...?" asks for
    several things of a kind, even when it does not say how many."""
    return any(t.tag_ == "NNS" and any(c.tag_ in ("WDT", "WP") and c.dep_ == "det" for c in t.children)
               for t in sentence_doc(question))


def asked_preposition(question: str) -> str | None:
    """The preposition the wh-phrase hangs from: "since" in "Since what date ...?", "by" in "By when ...?"."""
    doc = sentence_doc(question)
    for t in doc:
        if t.tag_ in ("WDT", "WRB", "WP") and t.i > 0 and doc[t.i - 1].tag_ == "IN":
            return doc[t.i - 1].lower_
    return None


def coordinations(text: str, skip: Callable[[str], bool], type_word: str | None = None,
                   verbs: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Character spans of the lists of nouns the sentence coordinates ("artillery shells and missiles",
    "weapons supplies, technological supplies, innovation"), best first: one whose head is the
    question's type word or hangs from one of its verbs, then the longest. ``skip`` drops a list
    every member of which the question already says."""
    doc = sentence_doc(text)
    found: list[tuple[int, int, int]] = []
    for h in doc:
        if h.pos_ not in ("NOUN", "PROPN") or h.dep_ == "conj":
            continue
        members = [h]
        todo = [h]
        while todo:
            m = todo.pop()
            kids = [c for c in m.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")]
            # "X, Y, Z" parsed as appositions of X: a list too
            kids += [c for c in m.children if c.dep_ == "appos" and c.pos_ == "NOUN" and m.pos_ == "NOUN"
                     and h.dep_ in ("appos", "pobj", "dobj") and c.i > m.i]
            members += kids
            todo += kids
        if len(members) < 2:
            continue
        texts = [doc[m.left_edge.i if m is h else _left(m): m.i + 1].text for m in members]
        if all(skip(t) for t in texts):
            continue
        a = doc[_left(h)]
        while a.i < h.i and (a.pos_ in ("DET", "ADP", "PUNCT", "CCONJ") or a.tag_ in ("WDT", "PRP$")):
            a = doc[a.i + 1]
        last = max(members, key=lambda m: m.i)
        typed = bool(type_word) and (any(m.lemma_.lower()[:5] == type_word[:5] for m in members)
                                     or _names_after(doc, a.i, type_word))
        if not (typed or _anchored(h, verbs)):
            continue  # a list the question's words do not lead to ("in addition to A and B")
        found.append((3 * typed + len(members), a.idx, last.idx + len(last.text)))
    found.sort(key=lambda t: -t[0])
    return [(a, b) for _, a, b in found]


def _names_after(doc: "Doc", i: int, type_word: str) -> bool:
    """The list opening at token ``i`` follows the type word and a comma: it says what they are ("in
    many ways, A, B, C", "two goods, A and B")."""
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].pos_ == "NOUN" \
        and doc[i - 2].lemma_.lower()[:5] == type_word[:5]


def _anchored(h: "Token", lemmas: frozenset[str]) -> bool:
    """``h`` hangs from a word of the question (its heads up to the first verb: "sending A and B", "the
    transfer of A and B"), or a clause on it does ("A and B it has delivered")."""
    if any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in lemmas for c in h.children):
        return True
    t = h
    while t.head.i != t.i:
        t = t.head
        if t.lemma_.lower() in lemmas:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _left(tok: "Token") -> int:
    """First token of ``tok``'s own modifiers (not its coordinated siblings)."""
    lefts = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nummod", "nmod", "poss")]
    return min([tok.i] + [c.left_edge.i for c in lefts])


def headed(text: str, type_word: str) -> list[tuple[int, int]]:
    """Noun phrases of ``text`` headed by ``type_word`` that say which one they are: "the European
    parliament", "the Parliament in Oslo", "the 3rd Brigade headquarters" (a bare "the parliament" does not)."""
    if type_word in L.GENERIC_TYPE_NOUNS:
        return []
    doc = sentence_doc(text)
    out: list[tuple[int, int]] = []
    for n in doc:
        if n.pos_ not in ("NOUN", "PROPN") or n.lemma_.lower()[:5] != type_word[:5]:
            continue
        mods = [c for c in n.lefts if c.dep_ in ("amod", "compound", "nmod", "poss", "nummod")
                and c.pos_ not in ("PRON", "DET") and c.lower_ not in L.DEMONSTRATIVES and c.lower_ not in L.QUANTIFIERS]
        place = [c for c in n.rights if c.dep_ == "prep" and c.lower_ in ("in", "of", "from")
                 and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)]
        if not mods and not place:
            continue
        start = min([n.i] + [m.left_edge.i for m in mods])
        end = place[0].right_edge.i + 1 if place else n.i + 1
        span = token_chars(doc, start, end)
        if span is not None:
            out.append(span)
    return out


def manner_phrase(text: str, verbs: frozenset[str], skip: Callable[[str], bool]) -> tuple[int, int] | None:
    """How something is done, for a how-question: a manner phrase ("via email", "without providing
    evidence", "by video link") on a verb of the question, else on the sentence's main verb."""
    doc = sentence_doc(text)
    matched = [t for t in doc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    for v in matched + roots:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in L.MANNER_PREPOSITIONS and any(o.dep_ in ("pobj", "pcomp") for o in c.children):
                span = token_chars(doc, c.i, c.right_edge.i + 1)
                if span is not None and not skip(text[span[0]:span[1]]):
                    return span
    return None


def asks_manner(question: str) -> bool:
    """"How" asks the manner of a verb ("How did X reach Y?"), not a degree ("How sure / how many")."""
    return any(t.lower_ == "how" and t.head.pos_ in ("VERB", "AUX") and t.dep_ == "advmod"
               for t in sentence_doc(question))


def question_nouns(question: str) -> frozenset[str]:
    """Lemmas of the common nouns a question uses."""
    return frozenset(t.lemma_.lower() for t in sentence_doc(question) if t.pos_ == "NOUN")


def whose_noun(question: str) -> str | None:
    """The lemma of the noun "whose" asks about: "report" in "Whose report prompted ...?"."""
    for t in sentence_doc(question):
        if t.tag_ == "WP$" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i:
            return t.head.lemma_.lower()
    return None


def owners(text: str, noun: str) -> list[tuple[int, int]]:
    """Who ``noun`` belongs to in ``text``: its possessor ("Ana Costa's report"), or the object of
    "from / by / of" on it ("a report from his deputy, Ana Costa" -> the name in apposition, else the
    phrase)."""
    doc = sentence_doc(text)
    out: list[tuple[int, int]] = []
    for n in doc:
        if n.lemma_.lower() != noun or n.pos_ not in ("NOUN", "PROPN"):
            continue
        links = list(n.children)
        if n.dep_ == "dobj":  # "received a report from X": the preposition hangs from the verb
            links += [c for c in n.head.children if c.dep_ == "prep" and c.i > n.i]
        for c in links:
            who = None
            if c.dep_ == "poss" and c.pos_ != "PRON":
                who = c
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                who = next((o for o in c.children if o.dep_ == "pobj"), None)
            if who is None:
                continue
            named = next((a for a in who.children if a.dep_ == "appos" and a.pos_ == "PROPN"), None)
            if named is None and who.pos_ != "PROPN" and who.i + 2 < len(doc) and doc[who.i + 1].text == "," \
                    and doc[who.i + 2].pos_ == "PROPN":  # "her deputy, Ana Costa" parsed without the apposition
                named = doc[who.i + 2]
                while named.dep_ == "compound" and named.head.i > named.i and named.head.pos_ == "PROPN":
                    named = named.head
            if named is not None:
                span = token_chars(doc, *name_tokens(doc, named))
            elif who.pos_ == "PROPN":
                span = token_chars(doc, *name_tokens(doc, who))
            else:
                span = token_chars(doc, *phrase_core(doc, who))
            if span is not None:
                out.append(span)
    return out


def asked_object(question: str) -> tuple[str | None, str | None] | None:
    """The question asks for the object of its verb, not its subject: "Whom did X urge ...?", "Who did X
    thank?", "Against whom are X fighting?". Returns the preposition the wh-word is the object of (or
    None) and the question's subject as written (the first proper name after the wh-word, or None); None for a
    subject question ("Who urged X?", "Who was X?"). Read from the words: the small parser often tags
    a fronted "whom" as a subject."""
    doc = sentence_doc(question)
    for t in doc:
        if t.lower_ not in ("whom", "who"):
            continue
        prep = doc[t.i - 1].lower_ if t.i and doc[t.i - 1].pos_ == "ADP" else None
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.lower_ == "who" and prep is None and not (nxt is not None and nxt.lemma_.lower() == "do"
                                                      and nxt.i + 1 < len(doc) and doc[nxt.i + 1].pos_ in ("PROPN", "NOUN", "DET")):
            return None
        name = next((w for w in doc[t.i + 1:] if w.pos_ == "PROPN"), None)
        while name is not None and name.dep_ == "compound" and name.head.pos_ == "PROPN" and name.head.i > name.i:
            name = name.head  # "Governor Okafor": the name the title is on
        return prep, (doc[slice(*name_tokens(doc, name))].text if name is not None else None)
    return None


def verb_objects(text: str, lemmas: frozenset[str], subject: str | None, prep: str | None) -> list[tuple[int, int]]:
    """The objects in ``text`` that answer an object question (``asked_object``), best first: the
    object of the same preposition ("against the regional army" for "against whom"), else the direct
    object (or the object of the first preposition after it: "called on the mayors") of a verb the
    question uses or whose subject is the question's subject ("Okafor told reporters" for "whom was
    Okafor addressing")."""
    doc = sentence_doc(text)
    found: list[tuple[int, int, tuple[int, int]]] = []
    if prep is not None:
        objs = [o for t in doc if t.dep_ == "prep" and t.lower_ == prep for o in t.children if o.dep_ == "pobj"]
        found = [(1, o.i, token_chars(doc, *_object_tokens(o))) for o in objs]
    else:
        for v in doc:
            if v.pos_ != "VERB":
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            by_verb = v.lemma_.lower() in lemmas
            by_subject = subject is not None and subj is not None and subj.pos_ != "PRON" \
                and same_name(doc[subj.left_edge.i: subj.i + 1].text, subject)
            if not (by_verb or by_subject):
                continue
            objs = [c for c in v.children if c.dep_ in ("dobj", "dative")] or [
                o for c in v.children if c.dep_ in ("prep", "prt") and c.i > v.i for o in c.children if o.dep_ == "pobj"][:1]
            found += [(2 * by_verb + by_subject, o.i, token_chars(doc, *_object_tokens(o))) for o in objs
                      if _someone(o)]
    found.sort(key=lambda f: (-f[0], f[1]))
    return [span for _, _, span in found if span is not None]


def _object_tokens(head: "Token") -> tuple[int, int]:
    """Token range of an object's phrase: its modifiers, the names coordinated with it and its "of"
    phrases ("the Ministry of Defense and the harbour board"), not a phrase on what it is about
    ("councillors on the strike")."""
    end = head.i + 1
    for c in head.rights:
        if c.dep_ in ("conj", "cc") or (c.dep_ == "prep" and c.lower_ == "of"):
            end = c.right_edge.i + 1
        elif c.dep_ not in ("compound", "amod"):
            break
    return head.left_edge.i, end


def _someone(tok: "Token") -> bool:
    """A noun that can name whom something was done to: a name, a person noun ("the mayor"), or a plural
    ("reporters", "the strikers"); not a thing ("his plan")."""
    return tok.pos_ == "PROPN" or tok.ent_type_ in L.ACTOR_LABELS | {"GPE"} or tok.tag_ in ("NNS", "NNPS") \
        or tok.lemma_.lower() in L.PERSON_NOUNS


def main_verb(question: str) -> str | None:
    """The lemma of the question's root verb: "accuse" in "Which governments have accused X of sending Y?"."""
    for t in sentence_doc(question):
        if t.dep_ == "ROOT":
            return t.lemma_.lower() if t.pos_ in ("VERB", "AUX") else None
    return None


def located(text: str, start: int, end: int) -> bool:
    """The span [start, end) of ``text`` is the object of a place preposition ("near X", "close to X"),
    not of "according to X"."""
    for t in sentence_doc(text):
        if start <= t.idx < end and t.dep_ == "pobj" and t.head.lower_ in L.PLACE_PREPOSITIONS \
                and t.head.head.lemma_.lower() not in L.SOURCE_PREPOSITION_HEADS:
            return True
    return False


def coordinated(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole coordination the span [start, end) belongs to ("Oslo and Bern" for "Oslo"), else the span."""
    doc = sentence_doc(text)
    toks = [t for t in doc if start <= t.idx < end]
    if not toks:
        return start, end
    head = max(toks, key=lambda t: t.i if not (start <= t.head.idx < end) else -1)
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    members = [head]
    todo = [head]
    while todo:
        h = todo.pop()
        for c in h.children:
            if c.dep_ == "conj":
                members.append(c)
                todo.append(c)
    if len(members) < 2 or any(m.pos_ != "PROPN" for m in members):
        return start, end
    a = min(doc[name_tokens(doc, m)[0]].idx for m in members)
    last = max(members, key=lambda m: m.i)
    b = last.idx + len(last.text)
    return min(a, start), max(b, end)


__all__ = ["asked_object", "asked_preposition", "asks_manner", "asks_several", "coordinated", "coordinations", "headed", "located", "main_verb", "manner_phrase", "owners", "question_nouns", "subject_of", "verb_objects", "whose_noun"]
