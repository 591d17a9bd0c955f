"""Read evidence in its article: a sentence's frame, its neighbours, who is speaking in it."""
from __future__ import annotations

from dataclasses import dataclass

from index.store import Store
from qa.attribution import speaker_label
from qa.frames import AnswerType, EvidenceFrame
from qa.names import INITIALS_CASED, initialism, initials, names_initials, normalise, same_name, same_source  # noqa: F401
from qa.parse import FrameCache

_QUOTES = "“\"‘'"
SPEAKER_LOOKBACK = 3  # sentences searched back for the speaker of "he said" / a continued quote


@dataclass(frozen=True)
class Speaker:
    """Who made a statement, and the sentence (store row) that names them."""

    label: str
    row: int
    start: int  # offsets inside that sentence
    end: int


_label = speaker_label  # one rule for the text shown for a speaker (qa.attribution)


class Reader:
    def __init__(self, store: Store, frames: FrameCache) -> None:
        self.store = store
        self.cache = frames

    def frame(self, row: int) -> EvidenceFrame:
        s = self.store.sentences[row]
        return self.cache.get([(s.id, s.text)])[0]

    def frames(self, rows: list[int]) -> list[EvidenceFrame]:
        sents = [self.store.sentences[r] for r in rows]
        return self.cache.get([(s.id, s.text) for s in sents])

    def neighbour(self, row: int, delta: int) -> int | None:
        rows = self.store.sentences_of(self.store.sentences[row].doc_id)
        try:
            k = rows.index(row) + delta
        except ValueError:
            return None
        return rows[k] if 0 <= k < len(rows) else None

    def before(self, row: int, n: int = SPEAKER_LOOKBACK) -> list[int]:
        """Up to ``n`` rows before ``row`` in its article, nearest first."""
        out, r = [], row
        for _ in range(n):
            r = self.neighbour(r, -1)
            if r is None:
                break
            out.append(r)
        return out

    def context_text(self, row: int) -> str:
        """The sentence, the ones before it and its article's title (for place/group constraints)."""
        s = self.store.sentences[row]
        art = self.store.articles.get(s.doc_id)
        parts = [self.store.sentences[r].text for r in self.before(row)] + [s.text]
        return " ".join(parts + ([art.title] if art else []))

    def speaker(self, row: int) -> Speaker | None:
        """The sentence's source; "he said" and quotes that continue a quote resolve backwards."""
        f = self.frame(row)
        if f.speaker is not None and not f.speaker_is_pronoun:
            return Speaker(_label(f.speaker.text), row, f.speaker.start, f.speaker.end)
        quoted = f.text.lstrip()[:1] in _QUOTES
        if not (f.speaker_is_pronoun or quoted or f.continues):
            return None
        for r in self.before(row):
            p = self.frame(r)
            if p.speaker is not None and not p.speaker_is_pronoun:
                return Speaker(_label(p.speaker.text), r, p.speaker.start, p.speaker.end)
            people = p.entities_of(AnswerType.PERSON)
            if f.speaker_is_pronoun and people:
                e = people[-1]
                return Speaker(_label(e.text), r, e.start, e.end)
        return None


def mentions(text: str, name: str, exact: bool = False) -> bool:
    """``text`` names ``name`` (same rule as ``same_name``, against the words of the text); with
    ``exact`` the words must be the same ("Italian" nurses are not named by "Italy"). A name written as
    initials (``qa.names.initialism``: "U.S.", "the EU", "NATO") is named by the same capitals or by
    capitalised words with those initials (``qa.names.names_initials``); initials of up to three letters
    only so, never by the pronoun "us"; a name in words is also named by its capitals ("UK" for "United
    Kingdom")."""
    letters = initialism(name)
    if letters and len(letters) <= INITIALS_CASED:
        return names_initials(text, letters)
    if letters and names_initials(text, letters):
        return True
    name_words, norm_text = normalise(name).split(), normalise(text)
    words = [w for w in name_words if len(w) >= 3 and w not in ("the", "and", "for")]
    if not words:  # a name of short words ("Xi", "Mr Li"): the same words, whole, if it is capitalised
        return bool(name_words) and name[:1].isupper() and all(f" {w} " in f" {norm_text} " for w in name_words)
    if exact:
        n, t = " ".join(name_words), f" {norm_text} "
        return f" {n} " in t or f" {n}s " in t  # "New Zealander" in "New Zealanders"
    stems = {w[:5] for w in norm_text.split()}
    if all(w[:5] in stems for w in words):
        return True
    whole = initials(name)
    return len(whole) >= 2 and len(name_words) >= 2 and names_initials(text, whole, runs=False)
