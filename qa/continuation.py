"""Whether a sentence continues the statement of the one before it ("He added ...", "These workers
...", the same speaker again), and that next sentence as evidence: the answer cites it with the
statement it continues, and a list gathers its items too (``qa.span_search.list_items``)."""
from __future__ import annotations

from dataclasses import replace

from qa import lexicon as L
from qa.describe import sentence_doc
from qa.reader import Reader, same_name
from qa.retrieve import Evidence


def continues(reader: Reader, row: int) -> bool:
    """The sentence at ``row`` continues the statement of the one before it: a pronoun subject ("He
    added ...", "It also ..."), or an additive opener ("In addition, ...", "Moreover, ...")."""
    if reader.frame(row).continues:
        return True
    head = reader.store.sentences[row].text.lstrip(_QUOTES).lower()
    if any(head.startswith(o) and head[len(o):len(o) + 1] in (",", " ") for o in L.CONTINUATION_OPENERS):
        return True
    return _demonstrative_subject(reader.store.sentences[row].text)


def _demonstrative_subject(text: str) -> bool:
    """The sentence's subject opens with a demonstrative that points back: "These workers are ...",
    "That figure was ..." (a noun the sentence before introduced)."""
    words = text.lstrip(_QUOTES).split(maxsplit=2)
    if len(words) < 2 or words[0].lower() not in L.DEMONSTRATIVES:
        return False
    doc = sentence_doc(text)
    first = next((t for t in doc if not (t.is_punct or t.is_quote)), None)
    return first is not None and first.dep_ == "det" and first.head.dep_ in ("nsubj", "nsubjpass")


_QUOTES = "“\"‘' "


def same_speaker(reader: Reader, row: int, nxt: int) -> bool:
    """Both sentences name the same speaker: "The agency said ... . The agency added ..."."""
    a, b = reader.frame(row).speaker, reader.frame(nxt).speaker
    if a is None or b is None or reader.frame(row).speaker_is_pronoun or reader.frame(nxt).speaker_is_pronoun:
        return False
    return same_name(a.text, b.text)


def continuation(reader: Reader, ev: Evidence, taken: set[int] | frozenset[int] = frozenset()) -> Evidence | None:
    """The next sentence of ``ev``'s article (past photo captions) when it continues ``ev``'s statement
    (``continues``, ``same_speaker``), as evidence with ``ev``'s scores; None when there is none or it is in ``taken`` already."""
    nxt = reader.neighbour(ev.row, 1)
    while nxt is not None and reader.store.sentences[nxt].caption:  # a photo caption interrupts, not ends
        nxt = reader.neighbour(nxt, 1)
    if nxt is None or nxt in taken or not (continues(reader, nxt) or same_speaker(reader, ev.row, nxt)):
        return None
    return replace(ev, sentence=reader.store.sentences[nxt], row=nxt)


__all__ = ["continuation", "continues", "same_speaker"]
