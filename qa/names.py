"""Does any article mention a name? Normalisation and aliases found in the corpus itself.

Names are compared after normalisation (case, diacritics, "U.S." -> "us", punctuation, possessive
"'s"), then through aliases the articles define ("the National Port Authority (NPA)") and the
initials of multi-word names ("United States" ~ "US"), then by a 5-letter word prefix per word
("Ghanaian" ~ "Ghana"; 4 letters for words of 6+: "Norwegian" ~ "Norway"), then by a close spelling (one typo). A multi-word name typed in lower case ("orlov dam limit") is
mentioned when one of its words is: the recogniser's span of an uncased question runs on into ordinary
words. No list of names is involved.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from qa import lexicon as L
from qa.config import NAMES

_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_POSSESSIVE = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[^\w]+")
_DEFINED = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|the|for|and|on|de|du|la)\s+)*){1,7}[A-Z][\w’'-]*)\s*\(([A-Z][A-Za-z]{1,7})\)")
_CAP_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:of\s+|the\s+|for\s+|and\s+)?(?:[A-Z][\w’'-]*|\d+\b))+")
_EDGE = "()[]{},;:!?\"'“”‘’"  # punctuation around a token: "(ISW)"
_SMALL = frozenset("of the for and on de du la".split())
PREFIX = NAMES.prefix  # spelling tolerances: qa.config.NameConfig


def normalise(text: str) -> str:
    """Lower-case, no accents, "U.S." -> "us", "'s" dropped, punctuation -> one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _POSSESSIVE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def initials(name: str) -> str:
    """ "United States" -> "us"; numbers stay whole: "Group of 20" -> "g20"."""
    return "".join(w if w.isdigit() else w[0] for w in normalise(name).split() if w not in _SMALL)


INITIALS_MAX = NAMES.initials_max  # a name of one token of 2..INITIALS_MAX capitals is initials ("EU", "NATO")
INITIALS_CASED = NAMES.initials_cased  # this short are named only in capitals: "us" is the pronoun


def demonym_letters(demonym: str, place: str) -> int:
    """How many first letters a demonym's stem shares with the place it is the people or adjective of; 0 when
    it is not ("wirenian" / "wirenia": 6). The stem is the demonym without a suffix of
    ``lexicon.DEMONYM_SUFFIXES``; stem and place share at least ``lexicon.DEMONYM_MIN_STEM`` first letters, and
    past them each goes on by at most two ("ostr-ian" / "ostr-ia", "brek-ian" / "brek", "velmeg-ian" /
    "velmay": the stem keeps the whole name, or changes its end); the place is the shorter
    word. The one demonym rule: ``demonym_pair`` (two words) and ``qa.gazetteer.nation_of`` (a country)."""
    if len(place) >= len(demonym):
        return 0
    best = 0
    for suf in L.DEMONYM_SUFFIXES:
        if not demonym.endswith(suf):
            continue
        stem = demonym[: -len(suf)]
        n = 0
        while n < min(len(stem), len(place)) and stem[n] == place[n]:
            n += 1
        if n >= L.DEMONYM_MIN_STEM and len(stem) - n <= 2 and len(place) - n <= 2:
            best = max(best, n)
    return best


def demonym_pair(a: str, b: str) -> bool:
    """Two different lower-case words, one the other's demonym (``demonym_letters``: "canadian" / "canada",
    "chinese" / "china", "norwegian" / "norway"), unless a country fits the demonym better
    (``qa.gazetteer.best_demonym_letters``: "nigerian" is Nigeria's, not Niger's)."""
    from qa.gazetteer import best_demonym_letters

    if a == b:
        return False
    for x, y in ((a, b), (b, a)):
        n = demonym_letters(x, y)
        if n and n >= best_demonym_letters(x):
            return True
    return False


def initialism(name: str) -> str:
    """The letters of a name written as initials, "" for a name in words: "U.S.", "the EU", "UK's",
    "N.A.T.O." -> "us", "eu", "uk", "nato"; short words with no capitals ("the us") count too, since they
    are nothing else a name could be."""
    toks = [t for t in name.split() if t.lower() != "the"]
    if len(toks) == 1:
        bare = _POSSESSIVE.sub("", toks[0]).replace(".", "")
        if bare.isalpha() and bare.isupper() and 2 <= len(bare) <= INITIALS_MAX:
            return bare.lower()
    words = [w for w in normalise(name).split() if w != "the"]
    letters = "".join(words)
    if (words and letters.isalpha() and 2 <= len(letters) <= INITIALS_CASED and all(len(w) < 3 for w in words)
            and all(t.isupper() or t.islower() for t in toks)):  # "Xi", "Li" are short names, not initials
        return letters
    return ""


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“]\s+)$")


def names_initials(text: str, letters: str, runs: bool = True, part: bool = False) -> bool:
    """``text`` names the initials ``letters`` ("us"): the same capitals with or without dots ("US",
    "U.S.", never the pronoun "us"), or (with ``runs``) a run of capitalised words with those initials
    ("United Kingdom" for "uk"; a sentence's first word may lead the run: "Across United Kingdom ...");
    with ``part``, initials of a stretch of the run are enough ("VSG" in "the Velmar Shipping Guild Council"):
    how ``qa.refusal`` tells that a typed span only abbreviates a name the question spells out."""
    if not letters:
        return False
    caps = r"\.?".join(re.escape(ch) for ch in letters.upper())
    if re.search(rf"(?<![\w.]){caps}\.?(?!\w)", text):
        return True
    if not runs:
        return False
    for m in _CAP_RUN.finditer(text):
        ini = initials(m.group(0))
        if ini == letters or (part and letters in ini) or (ini[1:] == letters
                                                           and _SENTENCE_START.search(text[: m.start()])):
            return True
    return False


class CorpusNames:
    """Name lookup over the sentences of one store (built once per store)."""

    def __init__(self, texts: Iterable[str]) -> None:
        raw = list(texts)
        norm = [normalise(t) for t in raw]
        self._text = " " + " | ".join(norm) + " "
        self._words = frozenset(w for t in norm for w in t.split())
        self._prefixes = frozenset(w[:PREFIX] for w in self._words if len(w) >= PREFIX)
        self._stems = frozenset(w[:PREFIX - 1] for w in self._words if len(w) >= PREFIX)
        self._aliases: dict[str, set[str]] = {}
        self._initials: set[str] = set()
        for t in raw:
            for m in _DEFINED.finditer(t):
                long, short = normalise(m.group(1)), normalise(m.group(2))
                self._aliases.setdefault(long, set()).add(short)
                self._aliases.setdefault(short, set()).add(long)
            for m in _CAP_RUN.finditer(t):
                ini = initials(m.group(0))
                if len(ini) >= 2:
                    self._initials.add(ini)

    def _phrase(self, n: str) -> bool:
        return f" {n} " in self._text

    def mentions(self, name: str) -> bool:
        n = normalise(name)
        if n.startswith("the "):
            n = n[4:]
        if not n or self._phrase(n):
            return True
        if any(self._phrase(a) for a in self._aliases.get(n, ())):
            return True
        words = n.split()
        if len(words) == 1 and name.strip(". ").replace(".", "").isupper() and n in self._initials:
            return True  # "US" for "United States"
        if len(words) > 1 and initials(n) in self._words:
            return True  # "United States" for "US"
        if len(words) > 1 and not any(ch.isupper() for ch in name):
            # typed in lower case ("okafor tariff threshold"): the recogniser's span is a guess that runs on
            # into ordinary words, so one word the corpus knows is enough
            return any(self._word(w) for w in words if w not in _SMALL and len(w) >= 3)
        return all(self._word(w) for w in words if w not in _SMALL)

    def _word(self, w: str) -> bool:
        if w in self._words or w in self._initials or (len(w) >= PREFIX and w[:PREFIX] in self._prefixes):
            return True
        if len(w) >= PREFIX + 1 and w.endswith(L.DEMONYM_SUFFIXES) and w[:PREFIX - 1] in self._stems:
            return True  # a demonym and its country: "Norwegian" ~ "Norway"
        if len(w) < NAMES.fuzzy_min_len or w.isdigit():
            return len(w) < 3  # short words ("al", "de") do not decide; 3-4 letters must match exactly
        near = [c for c in self._words if abs(len(c) - len(w)) <= 1 and c[:1] == w[:1]]  # cheap filter first
        return any(close_spelling(c, w) for c in near)

    def missing(self, names: Iterable[str]) -> list[str]:
        """The names no sentence mentions, in order."""
        return [n for n in dict.fromkeys(names) if not self.mentions(n)]

    def aliases_for(self, name: str) -> list[str]:
        """Other names the corpus gives the same thing: "BLS" for "the Bureau of Labor Statistics (BLS)"."""
        out: list[str] = []
        for key, alts in self._aliases.items():
            if same_source(key, name):
                out += sorted(alts)
        return out


def close_spelling(a: str, b: str) -> bool:
    """Two spellings of one word (lower case): the same, or the longer of ``fuzzy_min_len``+ letters, the same
    first letter, lengths at most one apart and a difflib ratio of at least ``fuzzy`` (``NameConfig``; one typo: "Okafr" ~
    "Okafor", "Gadaffi" ~ "Gaddafi"). The one fuzzy rule for names (``CorpusNames``, ``qa.describe``)."""
    if a == b:
        return True
    if max(len(a), len(b)) < NAMES.fuzzy_min_len or abs(len(a) - len(b)) > 1 or a[:1] != b[:1]:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= NAMES.fuzzy


def same_name(a: str, b: str, prefix: int = 5) -> bool:
    """Two mentions of one name: every distinctive word of the shorter one occurs in the longer
    (5-letter prefix): "Ortiz" ~ "Ana Ortiz", "South Africa" ~ "South African",
    but "North African" !~ "South African"; initials (``initialism``) are the same letters or the
    initials of the other name ("U.S." ~ "US" ~ "United States")."""
    ia, ib = initialism(a), initialism(b)
    if ia and ib:
        return ia == ib  # "US" ~ "the U.S."
    if ia or ib:  # "UK" ~ "United Kingdom"
        letters, other = (ia, b) if ia else (ib, a)
        if len(normalise(other).split()) >= 2 and initials(other) == letters:
            return True
        if len(letters) < 3:  # two letters are no word to compare: "U.S. State Department" is not "US"
            return False
        if len(letters) <= INITIALS_CASED:  # three letters, as a word of the other: "the IEA energy agency"
            return any(t.replace(".", "").strip(_EDGE).lower() == letters
                       for t in _POSSESSIVE.sub("", other).split())
    wa = [w for w in normalise(a).split() if len(w) >= 3 and w not in ("the", "and", "for")]
    wb = [w for w in normalise(b).split() if len(w) >= 3 and w not in ("the", "and", "for")]
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    stems = {w[:prefix] for w in long}
    return all(w[:prefix] in stems for w in short)


SOURCE_SHARE = 0.6  # share of the question's source words a speaker must share: "Ottawa's budget white paper"


def same_source(speaker: str, source: str) -> bool:
    """A speaker is the source the question names: the same name, or most of its words including its
    last (head) word (a one-word source must match: "Ortiz" is not "Lopez"; "Ottawa's finance minister"
    is not "Ottawa's finance office")."""
    if same_name(speaker, source):
        return True
    ws = [w for w in normalise(source).split() if len(w) >= 3 and w not in ("the", "and", "for")]
    if len(ws) < 3:
        return False
    stems = {w[:5] for w in normalise(speaker).split()}
    if ws[-1][:5] not in stems:
        return False  # the head says what the source is: "Ottawa's president" is not "Ottawa's news agency"
    return sum(w[:5] in stems for w in ws) / len(ws) >= SOURCE_SHARE
