"""Words that say when a question is asked, or by which report, rather than what it asks: "currently",
"so far", "as of the latest report", "going by the most recent mention that names him". They match no
answer sentence, so they leave the retrieval query (``without_asking_time``, ``qa.engine``) and the words
evidence must cover (``asking_time_words``, ``qa.answer``). Quoted words and reports with content of their
own ("the ministry report", "the report on X") stay."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.timeline import has_phrase

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_RECENCY_MODIFIERS = frozenset({"last", "new", "most", "more"})  # "the most recent report", "the last article"
_TIME_CUE = re.compile(r"[a-z]+")


def asking_time(doc: "Doc") -> frozenset[int]:
    """Positions of the tokens that say when the question is asked or by which report, not what it asks:
    words of now ("current", "yet": ``qa.lexicon.ASKING_TIME_WORDS``, as adjective or adverb), phrases of
    now ("so far", "at present") and a phrase naming the articles as of a time ("as of the latest report",
    "according to the articles", "going by the most recent mention that names him"). A report phrase
    with content of its own ("the ministry report", "the report on X", "a leaked report") is kept."""
    marked: set[int] = set()
    lower = [t.lower_ for t in doc]
    for phrase in L.ASKING_TIME_PHRASES:
        words = phrase.split()
        for i in range(len(lower) - len(words) + 1):
            if lower[i:i + len(words)] == words:
                marked.update(range(i, i + len(words)))
    for tok in doc:
        if tok.lower_ in L.ASKING_TIME_WORDS and tok.pos_ in ("ADJ", "ADV") or \
                tok.lower_ in L.ASKING_TIME_WORDS and tok.dep_ == "npadvmod":  # "who rules X today"
            marked.add(tok.i)
            marked.update(c.i for c in tok.children if c.dep_ == "advmod" and c.lower_ in _RECENCY_MODIFIERS)
        elif tok.lemma_.lower() in L.DOCUMENT_NOUNS and tok.dep_ == "pobj" and _bare_report(tok):
            node = tok.head
            while node.head.dep_ == "prep" and node.head.i != node.i and node.head.pos_ != "NOUN":
                node = node.head  # "according to", "as of"
            if node.head.lemma_.lower() == "go" and node.head.dep_ in ("advcl", "xcomp", "acl"):
                node = node.head  # "going by the latest article"
            marked.update(t.i for t in node.subtree)
    quoted = [m.span() for m in _QUOTED.finditer(doc.text)]  # words quoted are the words searched for
    return frozenset(i for i in marked if not any(a <= doc[i].idx < b for a, b in quoted))


_QUOTED = re.compile(r"\"[^\"]+\"|“[^”]+”|‘[^’]+’|(?<!\w)'[^']+'(?!\w)")


def _bare_report(noun: "Token") -> bool:
    """The report noun says only which articles and when: "the latest report", "the articles", "the most
    recent mention that names him"; not "the ministry report", "the report on X", "a leaked report"."""
    for child in noun.children:
        if child.dep_ in ("det", "punct", "relcl"):
            continue
        if child.dep_ in ("amod", "advmod") and child.lower_ in L.ASKING_TIME_WORDS | _RECENCY_MODIFIERS \
                and all(c.lower_ in L.ASKING_TIME_WORDS | _RECENCY_MODIFIERS for c in child.children):
            continue
        return False
    return noun.tag_ == "NNS" or any(c.lower_ in L.ASKING_TIME_WORDS | _RECENCY_MODIFIERS for c in noun.subtree)


def asking_time_words(doc: "Doc") -> frozenset[str]:
    """The lower-case words of ``asking_time``: evidence need not contain them."""
    return frozenset(doc[i].lower_ for i in asking_time(doc) if not doc[i].is_punct)


def without_asking_time(question: str, min_left: int = 1) -> str:
    """``question`` without the words that say when it is asked (``asking_time``), for retrieval: they match
    no answer sentence and dilute the match of the words that do. Unchanged when none is there (no parse)
    or when fewer than ``min_left`` content words would be left."""
    words = _TIME_CUE.findall(question.lower())
    if not any(w in L.ASKING_TIME_WORDS or w in L.DOCUMENT_NOUNS or w.rstrip("s") in L.DOCUMENT_NOUNS for w in words) \
            and not has_phrase(words, L.ASKING_TIME_PHRASES):
        return question
    from qa.nlp import parsed

    doc = parsed(question)
    drop = asking_time(doc)
    if not drop:
        return question
    kept = [t for t in doc if t.i not in drop]
    if sum(1 for t in kept if t.is_alpha and (not t.is_stop or t.pos_ == "PROPN")) < min_left:
        return question
    text = "".join(t.text_with_ws for t in kept).strip()
    text = re.sub(r"\s+([,?.!;:])", r"\1", text)
    text = re.sub(r",\s*(?=[?.!]|$)", "", text)  # "..., ?" after a dropped trailing phrase
    text = re.sub(r"^[,;:]\s*", "", text)
    return re.sub(r"\s{2,}", " ", text)
