"""Misspelt question words corrected against the store's own vocabulary, before retrieval and coverage.

"okafor tarif treshold" and "bakr artilery shells" retrieve badly and fail the coverage check
because their words occur nowhere. A question word is taken as a typo only when it is neither a word
of the store nor a whole word of the embedding model's WordPiece vocabulary (a general English
vocabulary of ~20k words that ships with the model: "role" is known and is never turned into
"rule"). It is then replaced by the store word closest in Damerau-Levenshtein edits (at most
``max_edits`` for its length), ties broken by the closer character overlap (``rapidfuzz`` ratio:
"carrs" -> "cars" rather than "carry") and then by how often the store uses the word. A word with
no candidate, or with two equally good ones, is left as written. No word list is involved.
"""
from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from qa import lexicon as L

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CORPUS_WORD = re.compile(r"[^\W\d_]{3,}")
MIN_STEM = 4  # letters a stem keeps before a regular ending: a shorter one is too often another word


def regular_stems(word: str, suffixes: tuple[str, ...], *, undouble: bool = False) -> Iterator[str]:
    """The words ``word`` may be a regular form of: for each of ``suffixes`` it ends with, the stem of at
    least ``MIN_STEM`` letters and the stem + "e" ("rerouted" -> "rerout", "reroute"), and with ``undouble``
    the stem without a doubled last letter ("shipping" -> "shipp", "shippe", "ship")."""
    for suffix in suffixes:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= MIN_STEM:
            yield stem
            yield stem + "e"
            if undouble and stem[-1:] == stem[-2:-1]:
                yield stem[:-1]


@dataclass(frozen=True)
class Correction:
    """One replaced word: where it was in the question and what it became."""

    start: int
    end: int
    written: str
    corrected: str


class Speller:
    """Spelling correction against one store's vocabulary. The vocabulary is counted on the first word
    that needs it (a question of known words never does) or by ``warm``, once per store."""

    def __init__(self, texts: Iterable[str], known: frozenset[str], min_length: int = 5,
                 long_word: int = 8, derived: bool = False) -> None:
        self._texts: Iterable[str] | None = texts
        self._counts: Counter[str] | None = None
        self._vocab: list[str] = []
        self._lock = threading.Lock()
        self._known = known
        self.min_length = min_length
        self.long_word = long_word
        self._known_list: list[str] | None = None
        self.derived = derived  # derivational and British -ise forms of known words are words (``_derived``)

    def _store_words(self) -> Counter[str]:
        """How often the store uses each word (letters only, 3+ characters, lower-cased)."""
        with self._lock:
            if self._counts is None:
                counts: Counter[str] = Counter()
                for t in self._texts or ():
                    counts.update(w.lower() for w in _CORPUS_WORD.findall(t))
                self._vocab, self._counts, self._texts = list(counts), counts, None
            return self._counts

    def warm(self) -> int:
        """Count the store's vocabulary now; returns its size."""
        return len(self._store_words())

    def max_edits(self, word: str) -> int:
        """Edits allowed for a word of this length: none below ``min_length``, 1, 2 from ``long_word``."""
        if len(word) < self.min_length:
            return 0
        return 2 if len(word) >= self.long_word else 1

    def suggest(self, word: str) -> str | None:
        """The store word ``word`` is a misspelling of, or None (known word, no or no single best candidate)."""
        w = word.lower()
        limit = self.max_edits(w)
        if not limit or not self._known or w in self._known or not w.isalpha():
            return None
        counts = self._store_words()
        if w in counts or self._inflected(w):
            return None
        hits = process.extract(w, self._vocab, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=20)
        if not hits:
            return None
        ranked = sorted(((d, -fuzz.ratio(w, c), -counts[c], c) for c, d, _ in hits))
        best = ranked[0]
        if len(ranked) > 1 and ranked[1][:2] == best[:2] and ranked[1][2] == best[2]:
            return None  # two equally good candidates: do not guess
        return best[3]

    def _inflected(self, w: str) -> bool:
        """A regular inflection or agent noun of a known (WordPiece) word ("protesters" of "protest") is a word, not
        a typo: correcting it would swap it for another word of the store ("protested")."""
        if any(s in self._known for s in regular_stems(w, L.INFLECTION_SUFFIXES, undouble=True)):
            return True
        return self.derived and self._derived(w)

    def _derived(self, w: str) -> bool:
        """A regular derivation of a known word ("desertions" of "desert", "readier" of "ready"), or the British
        -ise spelling of a known -ize word or its inflection: a word. The store's vocabulary is no test: a store of
        many articles holds, for almost any word it does not use, another one an edit or two away."""
        known = self._known
        for ending in L.DERIVATION_SUFFIXES:
            if any(s in known for s in regular_stems(w, (ending,))) and not self._typo_of_known(w, ending):
                return True
        for ending in L.Y_ENDINGS:
            stem = w[: -len(ending)] + "y"
            if w.endswith(ending) and len(stem) >= MIN_STEM and stem in known and not self._typo_of_known(w, ending):
                return True
        for british, american in L.BRITISH_ISE:
            if w.endswith(british):
                v = w[: -len(british)] + american
                return v in known or any(s in known for s in regular_stems(v, L.INFLECTION_SUFFIXES))
        return False

    def _typo_of_known(self, w: str, ending: str) -> bool:
        """``w`` is one edit from a known word with the same ending: a typo of that word ("postion" of
        "position"), not a derivation of its stem ("post")."""
        if self._known_list is None:
            self._known_list = sorted(self._known)
        hits = process.extract(w, self._known_list, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=20)
        return any(c.endswith(ending) and c != w for c, _, _ in hits)

    def corrections(self, text: str) -> list[Correction]:
        """Misspelt words of ``text``. A capitalised word after the first is a name the writer typed as
        one (a restaurant guide the store never names is not a misspelling of a surname it does name):
        it is corrected only when the text has no such capital elsewhere, i.e. was typed in lower case."""
        out = []
        cased = any(m.start() > 0 and m.group(0)[:1].isupper() for m in _WORD.finditer(text))
        for m in _WORD.finditer(text):
            if cased and m.group(0)[:1].isupper():
                continue
            fix = self.suggest(m.group(0))
            if fix is not None:
                written = m.group(0)
                fix = fix.capitalize() if written[:1].isupper() else fix
                out.append(Correction(m.start(), m.end(), written, fix))
        return out

    def correct(self, text: str) -> str:
        """``text`` with each misspelt word replaced (case of the first letter kept)."""
        parts, pos = [], 0
        for c in self.corrections(text):
            parts += [text[pos:c.start], c.corrected]
            pos = c.end
        return "".join(parts) + text[pos:]


__all__ = ["Correction", "Speller"]
