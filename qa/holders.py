"""Who holds a title: "Who is Canada's foreign minister?", "Who is the current president of Velmora?".

The answer is a person the articles name WITH that title: "Canadian Foreign Minister Anna Reyes said ...",
"Anna Reyes, Velmora's president, said ...". A sentence that names another holder of the title
("President-elect X", "Velmora's Defense Minister Y") or the country without the title does not
answer, however close it reads to the question. ``qa.choose`` ranks the sentences that do first.

- ``asked_title(doc)`` -> ``AskedTitle`` (title noun, its qualifiers) for a "who is <title>" question;
- ``holds_title(frame, asked)``: the sentence names a person with the title and every qualifier.

Pure functions over spaCy parses and evidence frames; no model loads here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.frames import AnswerType, EvidenceFrame
from qa.reader import mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TITLE_SPAN = 60  # characters before a name (or inside its apposition) that may hold its title: a format bound
_QUALIFIER_DEPS = ("poss", "compound", "amod", "nmod")


@dataclass(frozen=True)
class AskedTitle:
    title: str  # lower-case title noun: "minister"
    qualifiers: tuple[str, ...]  # words that narrow it: ("Canada", "foreign"); ("US",)


def _copula_who(doc: "Doc") -> "Token | None":
    for tok in doc:
        if tok.lower_ == "who" and tok.dep_ in ("attr", "nsubj") and tok.head.lemma_ == "be":
            return tok.head
    return None


def asked_title(doc: "Doc") -> AskedTitle | None:
    """``AskedTitle`` of "who is <qualifiers> <title> [of X]" ("Who is NATO's secretary general", "Who is the
    current US president"), else None. Words of when it is asked ("current", "new") are no qualifiers."""
    be = _copula_who(doc)
    if be is None:
        return None
    nouns = [c for c in be.children if c.dep_ in ("attr", "nsubj") and c.lower_ != "who"
             and c.lemma_.lower() in L.TITLE_NOUNS]
    if len(nouns) != 1:
        return None
    title = nouns[0]
    quals = [c for c in title.children if c.dep_ in _QUALIFIER_DEPS and (c.pos_ == "PROPN" or not c.is_stop)]
    quals += [p for prep in title.children if prep.dep_ == "prep" and prep.lower_ == "of"
              for p in prep.children if p.dep_ == "pobj"]
    skip = L.ASKING_TIME_WORDS | L.TITLE_WHEN_WORDS
    words = tuple(q.text for q in quals if q.lower_ not in skip and not q.like_num)
    return AskedTitle(title.lemma_.lower(), words)


def _letters(word: str) -> str:
    return re.sub(r"[^a-z]", "", word.lower())


def _qualified(window: str, qualifier: str) -> bool:
    """``window`` names ``qualifier``: by ``qa.reader.mentions`` (5-letter stems: "Canadian" for "Canada"), or
    letter for letter when it is short ("U.S." for "US")."""
    if len(_letters(qualifier)) < 3:
        return _letters(qualifier) in {_letters(w) for w in window.split()}
    return mentions(window, qualifier)


def _last_word(text: str) -> str:
    words = text.split()
    return re.split(r"[-\u2010\u2011]", words[-1])[-1].strip("[](),“”\"'").lower() if words else ""


def _is_title(word: str, title: str) -> bool:
    return word == title or word.rstrip("s") == title or (len(title) > 4 and word[:5] == title[:5])


def holds_title(frame: EvidenceFrame, asked: AskedTitle) -> bool:
    """A person in the sentence is named with the asked title: right before the name ("Foreign Minister Anna
    Reyes"; not "President-elect Anna Reyes") or in the apposition after it ("Anna Reyes, the country's
    president,"), with every qualifier within that title phrase."""
    text = frame.text
    for ent in frame.entities:
        if ent.kind is not AnswerType.PERSON:
            continue
        before = text[max(0, ent.start - TITLE_SPAN): ent.start]
        before = re.split(r"(?<![A-Z])[.!?]\s|[;:,—]\s", before)[-1]  # the title phrase ("U.S." stays in it)
        if before.strip() and _is_title(_last_word(before), asked.title) \
                and all(_qualified(before, q) for q in asked.qualifiers):
            return True
        after = text[ent.end: ent.end + TITLE_SPAN]
        if after.startswith(","):
            appos = after[1:].split(",")[0]
            if any(_is_title(w.strip("’'s").lower(), asked.title) for w in appos.split()) \
                    and all(_qualified(appos, q) for q in asked.qualifiers):
                return True
    return False
