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
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.names import close_spelling
from qa.nlp import parsed

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MODIFIER_DEPS = ("compound", "amod", "nmod")
_TITLE_LINKS = frozenset({"of", "to", "for", "'s", "’s", "-", "&"})


def sentence_doc(text: str) -> "Doc":
    """The parse of a sentence or question text, once per text (``qa.nlp.parsed``, the cache the
    question frame reads too)."""
    return parsed(text)


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
    return close_spelling(tok.lower_, word.lower())  # a misspelt name in a question ("Okafr") finds "Okafor"


def _locate(doc: "Doc", target: str) -> tuple[int, int] | None:
    """Token range [i, j) of the first run of tokens that spell ``target`` (forgiving a typo)."""
    words = [w for w in target.replace("’", "'").split() if w.strip(".,")]
    n = len(words)
    for i in range(len(doc) - n + 1):
        if all(_matches(doc[i + k], words[k].strip(".,")) for k in range(n)):
            return i, i + n
    if n > 1:  # "Ana Ortiz" asked, "Ortiz" written: the surname alone
        for i, t in enumerate(doc):
            if _matches(t, words[-1].strip(".,")) and t.text[:1].isupper():
                return i, i + 1
    return None


def token_chars(doc: "Doc", i: int, j: int) -> tuple[int, int] | None:
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
    return token_chars(doc, k, end)


def phrase_core(doc: "Doc", head: "Token") -> tuple[int, int]:
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
            return token_chars(doc, c.left_edge.i, phrase_core(doc, c)[1])
    if head.dep_ == "appos" and not i <= head.head.i < j:  # "the deputy minister, Ana Costa" / "the board (JPB)"
        a, b = phrase_core(doc, head.head)
        if b <= i:
            return token_chars(doc, a, b)
    top = head
    while top.dep_ == "compound" and top.head.i > top.i:
        top = top.head
    if top is not head and top.i >= j and top.pos_ == "NOUN":  # "the JPB think tank"
        return token_chars(doc, j, top.i + 1)
    return None


def name_tokens(doc: "Doc", tok: "Token") -> tuple[int, int]:
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
                 and (c.dep_ == "appos" or (c.i > n.i and name_tokens(doc, c)[0] == n.i + 1))]
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
            a, b = name_tokens(doc, h)
            span = token_chars(doc, a, b)
            if span is None or span in seen:
                continue
            seen.add(span)
            out.append(Named(text[span[0]:span[1]], span[0], span[1], fit, clash))
    return out


__all__ = ["Named", "called", "definition_target", "description", "name_tokens", "phrase_core", "sentence_doc",
           "token_chars", "type_modifiers"]
