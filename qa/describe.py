"""Short answers read from a sentence's parse, for two kinds of question the entity labels miss:

- "Who is X?" / "What is X?" / "X role?": X's description in a sentence that names X, a title
  written before the name ("Deputy Health Minister Ana Costa"), an appositive ("Ana Costa, the
  deputy health minister,") or the phrase an acronym stands for ("the Joint Planning Board (JPB)").
- "Which agency / outlet / spokesman ...": the names the sentence calls by the question's type word,
  whatever label the parser gave them ("according to the outlets Alpha and Beta", "Gamma, a news
  agency"), with the words the question puts on the type word ("which *news* agency") to tell two
  such nouns apart.

Offsets are characters inside the sentence, so the answer is a span of the cited sentence."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from qa import lexicon as L
from qa.nlp import pipeline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODIFIER_DEPS = ("compound", "amod", "nmod")
_TITLE_LINKS = frozenset({"of", "to", "for", "'s", "’s", "-", "&"})
FUZZY_NAME = 0.8  # a misspelt name in a question ("Miler") still finds the sentence's "Miller"


@lru_cache(maxsize=4096)
def sentence_doc(text: str) -> "Doc":
    """The parse of a sentence or question text, once per text."""
    return pipeline()(text)


@dataclass(frozen=True)
class Named:
    """A name the sentence calls by the type word, and how well that noun's modifiers fit the question."""

    text: str
    start: int
    end: int
    fit: int  # modifiers shared with the question's type word ("news" in "news agency")
    clash: bool  # the noun has modifiers, the question has others: "spy agency" for "which news agency"


def definition_target(question: str) -> str | None:
    """X of a question that asks what or who X is: "Who is X?", "what's X", "X role?"; None otherwise."""
    words = question.strip().rstrip("?!. ").split()
    lower = [w.lower().strip(",") for w in words]
    rest: list[str] | None = None
    for opener in L.DEFINITION_OPENERS:
        n = len(opener)
        if tuple(lower[:n]) == opener and len(words) > n:
            rest = words[n:]
            break
    if rest is None and len(words) >= 2 and lower[-1] in L.DEFINITION_SUFFIXES:
        rest = words[:-1]
    if rest is None:
        return None
    while rest and rest[0].lower() in ("the", "a", "an"):
        rest = rest[1:]
    if not rest or len(rest) > 3:
        return None
    doc = sentence_doc(" ".join(rest))
    if len(rest) > 1 and any(t.pos_ in ("VERB", "AUX", "ADP") and t.lower_ not in ("'s", "’s") for t in doc):
        return None  # "who is leading the talks", "what is the capital of X": not a name to define
    return " ".join(rest)


def _matches(tok: "Token", word: str) -> bool:
    a, b = tok.lower_, word.lower()
    return a == b or (len(b) >= 4 and len(a) >= 4 and SequenceMatcher(None, a, b).ratio() >= FUZZY_NAME)


def _locate(doc: "Doc", target: str) -> tuple[int, int] | None:
    """Token range [i, j) of the first run of tokens that spell ``target`` (forgiving a typo)."""
    words = [w for w in target.replace("’", "'").split() if w.strip(".,")]
    n = len(words)
    for i in range(len(doc) - n + 1):
        if all(_matches(doc[i + k], words[k].strip(".,")) for k in range(n)):
            return i, i + n
    if n > 1:  # "Kurt Campbell" asked, "Campbell" written: the surname alone
        for i, t in enumerate(doc):
            if _matches(t, words[-1].strip(".,")) and t.text[:1].isupper():
                return i, i + 1
    return None


def _chars(doc: "Doc", i: int, j: int) -> tuple[int, int] | None:
    """Character offsets of tokens [i, j), punctuation and determiners trimmed at both ends."""
    while i < j and (doc[i].is_punct or doc[i].pos_ == "DET" or doc[i].lower_ in _TITLE_LINKS):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].lower_ in _TITLE_LINKS):
        j -= 1
    if i >= j:
        return None
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def _title_before(doc: "Doc", i: int, j: int) -> tuple[int, int] | None:
    """The title written right before the name: "Deputy Health Minister [Ana] Costa" -> "Deputy Health
    Minister". A first name before a surname-only target is skipped; the title must hold a title noun."""
    k = i
    if j - i == 1 and k > 0 and doc[k - 1].text[:1].isupper() and doc[k - 1].lower_ not in L.TITLE_NOUNS \
            and doc[k - 1].pos_ == "PROPN" and doc[k - 1].ent_type_ in ("PERSON", ""):
        k -= 1  # the first name
    end = k
    while k > 0:
        t = doc[k - 1]
        if t.text[:1].isupper() and not t.is_punct or t.lower_ in L.TITLE_NOUNS or t.lower_ in _TITLE_LINKS \
                or (t.text == "." and k > 1 and len(doc[k - 2].text) <= 2):
            k -= 1
        else:
            break
    title = doc[k:end]
    if not any(t.lower_ in L.TITLE_NOUNS for t in title):
        return None
    return _chars(doc, k, end)


def _core(doc: "Doc", head: "Token") -> tuple[int, int]:
    """Token range of ``head``'s noun phrase up to its first appositive, bracket, comma or clause."""
    end = head.i + 1
    for c in head.rights:
        if c.dep_ in ("appos", "relcl", "acl", "punct") or c.is_punct:
            break
        end = c.right_edge.i + 1
    return head.left_edge.i, end


def description(text: str, target: str) -> tuple[int, int] | None:
    """Character offsets of what ``text`` says ``target`` is (module docstring); None when it says nothing."""
    doc = sentence_doc(text)
    at = _locate(doc, target)
    if at is None:
        return None
    i, j = at
    head = max(doc[i:j], key=lambda t: t.i if t.head.i < i or t.head.i >= j else -1)
    title = _title_before(doc, i, j)
    if title is not None:
        return title
    for c in head.children:  # "Ana Costa, the deputy minister," / "JPB, the joint planning board"
        if c.dep_ == "appos" and not i <= c.i < j:
            return _chars(doc, c.left_edge.i, _core(doc, c)[1])
    if head.dep_ == "appos" and not i <= head.head.i < j:  # "the deputy minister, Ana Costa" / "the board (JPB)"
        a, b = _core(doc, head.head)
        if b <= i:
            return _chars(doc, a, b)
    top = head
    while top.dep_ == "compound" and top.head.i > top.i:
        top = top.head
    if top is not head and top.i >= j and top.pos_ == "NOUN":  # "the JPB think tank"
        return _chars(doc, j, top.i + 1)
    return None


def _flat_name(doc: "Doc", tok: "Token") -> tuple[int, int]:
    """Token range of the name ``tok`` heads: its entity, else its run of compound proper nouns."""
    i = tok.i
    while i > 0 and doc[i - 1].dep_ == "compound" and doc[i - 1].head.i in range(i, tok.i + 1) \
            and doc[i - 1].pos_ == "PROPN":
        i -= 1
    for e in doc.ents:
        if e.start <= tok.i < e.end:
            return min(i, e.start), e.end
    return i, tok.i + 1


def type_modifiers(question: str, type_word: str) -> frozenset[str]:
    """The words the question puts on its type word: {"news"} for "Which news agency ...?"."""
    doc = sentence_doc(question)
    nouns = [t for t in doc if t.lemma_.lower()[:5] == type_word[:5] and t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return frozenset()
    asked = next((t for t in nouns if any(c.tag_ in ("WDT", "WP$") for c in t.children)), nouns[0])
    return frozenset(c.lemma_.lower() for c in asked.children if c.dep_ in _MODIFIER_DEPS and not c.is_punct)


def called(text: str, type_word: str, modifiers: frozenset[str] = frozenset()) -> list[Named]:
    """The names ``text`` calls a ``type_word``: "the outlets Alpha and Beta", "Gamma, a news agency",
    "agency spokesman Ana Costa", with each name's coordinated names."""
    doc = sentence_doc(text)
    out: list[Named] = []
    seen: set[tuple[int, int]] = set()
    for n in doc:
        if n.pos_ != "NOUN" or n.lemma_.lower()[:5] != type_word[:5]:
            continue
        # "Gamma, a news agency" / "the outlets Alpha and Beta": an appositive, or a proper noun right
        # after the noun under any label (the small parser also calls it amod / acl)
        heads = [c for c in n.children if c.pos_ == "PROPN" and c.dep_ != "conj"
                 and (c.dep_ == "appos" or (c.i > n.i and _flat_name(doc, c)[0] == n.i + 1))]
        if n.dep_ in ("appos", "compound") and n.head.pos_ == "PROPN":
            heads.append(n.head)
        # "the public broadcaster of Nordia, Alpha": the parser hangs the name on "Nordia"; it names the noun
        heads += [a for p in n.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                  if o.dep_ == "pobj" and o.pos_ == "PROPN" for a in o.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
        first = n.left_edge.i
        if first >= 2 and doc[first - 1].text == "," and doc[first - 2].pos_ == "PROPN" \
                and doc[first].pos_ == "DET" and doc[first - 2] not in heads:
            heads.append(doc[first - 2])  # "Gamma, a news agency" parsed without the appositive link
        mods = {c.lemma_.lower() for c in n.children if c.dep_ in _MODIFIER_DEPS and not c.is_punct}
        fit = len(mods & modifiers)
        clash = bool(mods and modifiers and not fit)
        todo = list(heads)
        while todo:
            h = todo.pop(0)
            todo += [c for c in h.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            a, b = _flat_name(doc, h)
            span = _chars(doc, a, b)
            if span is None or span in seen:
                continue
            seen.add(span)
            out.append(Named(text[span[0]:span[1]], span[0], span[1], fit, clash))
    return out


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
        typed = bool(type_word) and any(m.lemma_.lower()[:5] == type_word[:5] for m in members)
        if not (typed or _anchored(h, verbs)):
            continue  # a list the question's words do not lead to ("in addition to A and B")
        found.append((3 * typed + len(members), a.idx, last.idx + len(last.text)))
    found.sort(key=lambda t: -t[0])
    return [(a, b) for _, a, b in found]


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
    parliament", "the Parliament in Kyiv", "the 2nd Corps headquarters" (a bare "the parliament" does not)."""
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
        span = _chars(doc, start, end)
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
                span = _chars(doc, c.i, c.right_edge.i + 1)
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
                span = _chars(doc, *_flat_name(doc, named))
            elif who.pos_ == "PROPN":
                span = _chars(doc, *_flat_name(doc, who))
            else:
                span = _chars(doc, *_core(doc, who))
            if span is not None:
                out.append(span)
    return out


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
    a = min(doc[_flat_name(doc, m)[0]].idx for m in members)
    last = max(members, key=lambda m: m.i)
    b = last.idx + len(last.text)
    return min(a, start), max(b, end)


__all__ = ["Named", "asks_manner", "manner_phrase", "headed", "question_nouns", "owners", "whose_noun", "asked_preposition", "asks_several", "coordinated", "coordinations", "located", "main_verb", "subject_of", "called", "definition_target", "description", "sentence_doc", "type_modifiers"]
