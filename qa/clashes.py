"""Slot clashes between a claim and an evidence sentence, value against value: a place the sentence
puts the event in instead of the claim's, another named group on the same noun, another year or
month, an opposite direction ("increase" / "reduce") or side ("western" / "eastern" of the same
noun), a negating prefix ("unlikely" / "likely"). Each returns the two values (claim's, sentence's)
or None. Read by ``qa.stance.align``; the word lists live in ``qa.lexicon``.
"""
from __future__ import annotations

import re

from qa import lexicon as lx
from qa.gazetteer import demonyms_of, nation_named
from qa.names import demonym_pair
from qa.slots import SlotFrame


def names_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some name of ``a`` occurs in (or contains) a name of ``b``: 'us' ~ 'the us', 'porto' ~ 'porto district'."""
    return any(x == y or x in y or y in x for x in a for y in b)


def name_met(name: str, text: str, found: frozenset[str] = frozenset(), agent: bool = False) -> bool:
    """``_name_met``, also by an irregular demonym's place or a place's irregular demonym ("American" / "U.S.",
    ``demonym_aliases``); for a name written as who acts (``agent``: ``SlotFrame.agents``), also a country's
    capital / a capital's country met that way ("<capital>'s spy agency" for "<country>'s spy agency":
    ``qa.gazetteer``); not for where something happened ("visited <capital>" is not "visited <country>")."""
    if _name_met(name, text, found) or any(_name_met(alt, text, found) for alt in demonym_aliases(name)):
        return True
    if not agent:
        return False
    from qa.gazetteer import capital_aliases

    return any(_name_met(alt, text, found) for alt in capital_aliases(name))


def demonym_aliases(name: str) -> list[str]:
    """The other names ``qa.gazetteer`` gives the place a lower-cased name names (``nation_named``): a demonym's
    place and the place's demonyms ("american" -> "united states"; "united states", "u.s." -> "american"; "dutch"
    -> "netherlands"); the regular ones ("canadian" / "canada") are also matched by ``qa.names.demonym_pair``."""
    key = nation_named(name)
    if key is None:
        return []
    return [n for n in (key, *sorted(demonyms_of(key))) if n != name]


def _name_met(name: str, text: str, found: frozenset[str] = frozenset()) -> bool:
    """The lower-cased ``name`` is named in ``text`` (as written) or among its names ``found``: as
    written (``names_overlap``), as the people or adjective of a place or the place of one ("Canadian"
    / "Canada", ``lexicon.DEMONYM_SUFFIXES``), or by its acronym either way ("World Health Organization" /
    "WHO", "United States" / "U.S.")."""
    low = text.lower()
    if name in low or names_overlap(frozenset({name}), found):
        return True
    words = re.findall(r"[a-z]+", name)
    if not words:
        return False
    head, last = " ".join(words[:-1]), words[-1]
    # a demonym of the claim's place in the text, or the claim's demonym's place
    text_words = set(re.findall(r"[a-z]+", low))
    for w in text_words:
        if demonym_pair(last, w) and (not head or head in low):
            return True
    # acronyms: the name's initials written as one capitalised token, or the name is the initials of
    # consecutive capitalised words of the text
    initials = "".join(w[0] for w in words if w not in lx.ACRONYM_SKIP)
    if len(initials) >= 2 and len(words) >= 2:
        if any(t.replace(".", "") == initials.upper() for t in re.findall(r"[A-Z][A-Z.]*", text)):
            return True
    if len(words) == 1 and 2 <= len(last) <= 6:
        toks = re.findall(r"[A-Za-z]+", text)
        for i in range(len(toks)):
            got = ""
            for t in toks[i:]:
                if t.lower() in lx.ACRONYM_SKIP and got:
                    continue
                if not t[0].isupper():
                    break
                got += t[0].lower()
                if got == last:
                    return True
                if len(got) >= len(last):
                    break
    return False


def place_clash(claim: SlotFrame, ev: SlotFrame) -> tuple[str, str] | None:
    """The claim puts the event in a place the sentence never names, and the sentence puts it elsewhere."""
    if not claim.located or not ev.located:
        return None
    missing = [p for p in sorted(claim.located) if not names_overlap(frozenset({p}), ev.places | ev.actors)
               and p not in ev.text.lower()]
    other = [p for p in sorted(ev.located) if not names_overlap(frozenset({p}), claim.places | claim.actors)
             and p not in claim.text.lower()]
    if missing and other:
        return _as_written(claim.text, missing[0]), _as_written(ev.text, other[0])
    return None


def _as_written(text: str, lower: str) -> str:
    """``lower`` (a lower-cased name from ``text``) as ``text`` writes it: 'chile' -> 'Chile'."""
    i = text.lower().find(lower)
    return text[i:i + len(lower)] if i >= 0 else lower


def group_clash(claim: SlotFrame, ev: SlotFrame) -> tuple[str, str] | None:
    """'Chinese uniforms' in the claim, 'Italian uniforms' in the sentence, and neither text names the
    other group ('Irish nurses' and 'Northern Irish nurses' do not clash)."""
    c_low, e_low = claim.text.lower(), ev.text.lower()
    for g, noun in sorted(claim.groups):
        for g2, noun2 in sorted(ev.groups):
            if noun == noun2 and g != g2 and g2 not in c_low and g not in e_low \
                    and not g.endswith(g2) and not g2.endswith(g):
                return f"{_as_written(claim.text, g)} {noun}", f"{_as_written(ev.text, g2)} {noun}"
    return None


def time_clash(claim: SlotFrame, ev: SlotFrame) -> tuple[str, str] | None:
    if claim.years and ev.years and not claim.years & ev.years:
        return ", ".join(map(str, sorted(claim.years))), ", ".join(map(str, sorted(ev.years)))
    if claim.months and ev.months and not claim.months & ev.months:
        return ", ".join(sorted(claim.months)).title(), ", ".join(sorted(ev.months)).title()
    return None


_STEM = re.compile(r"[a-z][a-z-]+")


def _has(stems: set[str], root: str) -> bool:
    return any(w.startswith(root) for w in stems)


def direction_clash(claim: str, sentence: str) -> tuple[str, str] | None:
    """('increase', 'reduce') for 'X increases Y' vs 'X reduces Y': opposite words, each absent from the other."""
    cw = set(_STEM.findall(claim.lower()))
    sw = set(_STEM.findall(sentence.lower()))
    for a, b in lx.OPPOSITES:
        for x, y in ((a, b), (b, a)):
            if _has(cw, x) and _has(sw, y) and not _has(cw, y) and not _has(sw, x):
                return x, y
    return None


def side_clash(claim: str, sentence: str) -> tuple[str, str] | None:
    """('western Norway', 'eastern Norway'): opposite sides of the same thing (``lexicon.SIDE_OPPOSITES``)."""
    def sides(text: str) -> set[tuple[str, str]]:
        return set(re.findall(r"\b([a-z]+)\s+(?=([a-z][a-z-]+))", text.lower()))

    cs, ss = sides(claim), sides(sentence)
    for a, b in lx.SIDE_OPPOSITES:
        for x, y in ((a, b), (b, a)):
            for w, noun in cs:
                if w == x and (y, noun) in ss and (x, noun) not in ss:
                    return f"{x} {noun}", f"{y} {noun}"
    return None


def _prefixed(word: str, other: set[str]) -> str | None:
    """The stem of ``word`` when it is a negating prefix on a word in ``other`` ("unlikely" -> "likely")."""
    for p in lx.NEGATING_PREFIXES:
        stem = word[len(p):]
        if word.startswith(p) and len(stem) >= lx.NEGATING_PREFIX_MIN_STEM and stem in other:
            return stem
    return None


def prefix_clash(claim: str, sentence: str) -> tuple[str, str] | None:
    """('unlikely', 'likely') when one text uses a word with a negating prefix and the other the word
    itself without it ("a deployment was unlikely" vs "a deployment is highly likely")."""
    cw = set(re.findall(r"[a-z]+", claim.lower()))
    sw = set(re.findall(r"[a-z]+", sentence.lower()))
    for a, b in ((cw, sw), (sw, cw)):
        for w in sorted(a - b):
            stem = _prefixed(w, b - a)
            if stem:
                return (w, stem) if a is cw else (stem, w)
    return None
