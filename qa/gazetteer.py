"""Capitals standing for their countries, and countries for their capitals (news metonymy).

News writes a government by its capital ("<capital> said", "<capital>'s spy agency"); a claim and an
evidence sentence often name the same actor one way each. ``capital_aliases(name)`` gives the other
names of a country or capital from the ``countryinfo`` package's country table (about 250 countries with
their capitals, inside the 0.4 MB wheel; loaded once, lazily, on first use). Capitals are also kept
without accents ("Bogota") and without a trailing abbreviation ("Washington" for "Washington D.C.").
Read by ``qa.clashes.name_met`` (whether an evidence unit names a claim's place or actor). Without the
package the table is empty and names are met only as before.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

log = logging.getLogger(__name__)

_TRAILING_ABBREVIATION = re.compile(r",?\s+(?:[a-z]\.){2,}$")  # "washington d.c." -> "washington"


def _plain(text: str) -> str:
    """Lower-cased, accents dropped ("Brasília" -> "brasilia")."""
    folded = unicodedata.normalize("NFKD", text.lower().strip())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _forms(capital: str) -> set[str]:
    forms = {capital.lower().strip(), _plain(capital)}
    return forms | {_TRAILING_ABBREVIATION.sub("", f) for f in forms}


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Lower-cased country name -> {capital forms}, and each capital form -> {country name}."""
    out: dict[str, set[str]] = {}
    for name, _, _, _, capitals in _entries():
        country = name.lower().strip()
        forms = {f for capital in capitals for f in _forms(capital) if f and f != country}
        for form in forms:
            out.setdefault(country, set()).add(form)
            out.setdefault(form, set()).add(country)
    return {k: frozenset(v) for k, v in out.items()}


def capital_aliases(name: str) -> frozenset[str]:
    """The capital of country ``name`` or the country of capital ``name`` (lower-cased; empty when it is
    neither). ``capital_aliases("france")`` -> ``{"paris"}``; ``capital_aliases("paris")`` -> ``{"france"}``."""
    return _table().get(name.lower().strip(), frozenset())


def _key(name: str) -> str:
    """A place name as the table keys it: accents, dots and a leading "the" dropped ("the U.S." -> "us")."""
    key = _plain(name).replace(".", "").replace("’s", "").replace("'s", "").strip()
    return key[4:] if key.startswith("the ") else key


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...]], ...]:
    """(name, other spellings, ISO codes, demonym, capitals) of each country of the countryinfo table, read once."""
    try:
        from countryinfo import all_countries
    except ImportError:  # pragma: no cover - the dependency is pinned; degrade to exact names
        log.warning("countryinfo is not installed: capitals do not stand for their countries")
        return ()
    out = []
    for info in all_countries():
        try:
            name, alts = info.name(), tuple(info.alt_spellings() or ())
        except Exception:  # noqa: BLE001 - an entry without a name
            continue
        try:
            iso = info.iso() or {}
            codes = tuple(iso[k] for k in ("alpha2", "alpha3") if iso.get(k))
        except Exception:  # noqa: BLE001 - an entry without codes
            codes = ()
        try:
            demonym = info.demonym() or ""
        except Exception:  # noqa: BLE001 - an entry without a demonym
            demonym = ""
        try:
            capital = info.capital() or ""
            capitals = (capital,) if isinstance(capital, str) else tuple(capital)  # some countries have several
        except Exception:  # noqa: BLE001 - a territory without a capital in the table
            capitals = ()
        out.append((name, alts, codes, demonym, capitals))
    return tuple(out)


def _spelling(name: str) -> str:
    """A country's spelling as the tables key it: codes ("US", "NO") as written, so that they are matched in
    capitals only, never the word "no"; longer names by ``_key``."""
    n = name.strip()
    return n if len(n) <= 3 else _key(n)


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Every country's name and other spellings (ISO codes, "United States of America"), keyed by ``_spelling``."""
    return frozenset(_spelling(n) for name, alts, _, _, _ in _entries() for n in (name, *alts) if n and n.strip())


@lru_cache(maxsize=1)
def _nations() -> dict[str, str]:
    """Every spelling of a country (``_spelling``: its name, other spellings, ISO codes) -> the country's
    canonical key. Entries of the table that share a spelling are one country (the table lists some twice, under
    an old and a new name); its key is the shortest of their names (``_key``). An ISO code only fills a gap."""
    keys = [_key(name) for name, _, _, _, _ in _entries()]
    group = list(range(len(keys)))  # union-find over entries sharing a spelling

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    owner: dict[str, int] = {}
    for i, (name, alts, _, _, _) in enumerate(_entries()):
        for n in (name, *alts):
            if n and n.strip():
                j = owner.setdefault(_spelling(n), i)
                group[root(i)] = root(j)
    members: dict[int, list[str]] = {}
    for i, k in enumerate(keys):
        members.setdefault(root(i), []).append(k)
    canon = {r: min(ks, key=lambda k: (len(k), k)) for r, ks in members.items()}
    out = {sp: canon[root(i)] for sp, i in owner.items()}
    for i, (_, _, codes, _, _) in enumerate(_entries()):
        for code in codes:
            out.setdefault(code, canon[root(i)])
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """countryinfo's demonym of each country, lower-cased -> the country's key; a demonym the table gives two
    countries is left out (the regular rule of ``qa.names.demonym_letters`` may still place it)."""
    nations = _nations()
    seen: dict[str, set[str]] = {}
    for name, _, _, demonym, _ in _entries():
        if demonym:
            seen.setdefault(_key(demonym), set()).add(nations[_spelling(name)])
    return {d: next(iter(ks)) for d, ks in seen.items() if len(ks) == 1}


@lru_cache(maxsize=1)
def _one_word_spellings() -> tuple[tuple[str, str], ...]:
    """(spelling, key) of the countries' one-word lower-case spellings: what a regular demonym is matched on."""
    return tuple((sp, k) for sp, k in _nations().items() if sp.islower() and sp.isalpha())


@lru_cache(maxsize=4096)
def _demonym_fits(low: str) -> tuple[int, frozenset[str]]:
    """The most letters the demonym ``low`` shares with a country's one-word spelling
    (``qa.names.demonym_letters``) and the countries that share that many."""
    from qa.names import demonym_letters

    best, keys = 0, set()
    for sp, key in _one_word_spellings():
        n = demonym_letters(low, sp)
        if n > best:
            best, keys = n, {key}
        elif n and n == best:
            keys.add(key)
    return best, frozenset(keys)


def best_demonym_letters(low: str) -> int:
    """How well the lower-case word ``low`` fits a country as its regular demonym: the letters it shares with
    the best-fitting one (``qa.names.demonym_letters``; 0 for none). Read by ``qa.names.demonym_pair``, so that a
    place a demonym fits worse than a country is not its place."""
    return _demonym_fits(low)[0]


def _code(name: str) -> str:
    """``name`` as a country code, if it is written as one: at most three capitals, dots and a leading "the"
    dropped ("the U.S." -> "US"); "" otherwise."""
    code = name.replace(".", "").strip()
    code = code[4:] if code.lower().startswith("the ") else code
    return code if len(code) <= 3 and code.isupper() else ""


def canonical(name: str) -> str | None:
    """The country's key for one of its spellings ("Kingdom of Norway", "the US", "NOR" -> "norway",
    "united states"; codes in capitals only); None for anything else. Demonyms are ``nation_of``'s."""
    code = _code(name)
    if code and code in _nations():
        return _nations()[code]
    return _nations().get(_key(name))


def is_country(name: str) -> bool:
    """``name`` is a country's name or one of its other spellings in the countryinfo table ("Norway", "the US",
    "U.S."); a capital, a province or any other place is not."""
    code = _code(name)
    return bool(code) and code in _countries() or _key(name) in _countries()


@lru_cache(maxsize=1)
def _demonym_table() -> dict[str, str]:
    """Every demonym the tables know, lower-cased -> its place's key: countryinfo's (``_demonyms``) and the irregular
    ones of ``lexicon.IRREGULAR_DEMONYMS``, which win (their place keyed by ``_nations`` when it is a country;
    "welsh" -> "wales", a place countryinfo does not list, keeps its own name as key)."""
    from qa import lexicon as L

    out = dict(_demonyms())
    for demonym, place in L.IRREGULAR_DEMONYMS.items():
        out[demonym] = _nations().get(place, place)
    return out


@lru_cache(maxsize=1)
def _demonyms_by_key() -> dict[str, frozenset[str]]:
    """Place key -> its demonyms of ``_demonym_table``."""
    out: dict[str, set[str]] = {}
    for demonym, key in _demonym_table().items():
        out.setdefault(key, set()).add(demonym)
    return {k: frozenset(v) for k, v in out.items()}


def is_demonym(word: str) -> bool:
    """``word`` (any case) is a demonym of the tables (``_demonym_table``: "swiss", "dutch", "peruvian"); a regular
    demonym no table lists is ``nation_of``'s fit."""
    return _key(word) in _demonym_table()


def demonyms_of(key: str) -> frozenset[str]:
    """The lower-cased demonyms the tables give the place ``key`` (``nation_of`` / ``nation_named``'s key):
    ``demonyms_of("netherlands")`` -> ``{"dutch"}``; empty for a place they give none."""
    return _demonyms_by_key().get(key, frozenset())


@lru_cache(maxsize=4096)
def nation_named(name: str) -> str | None:
    """The place key a name written in any case names by the tables alone, for text already lower-cased (a claim's
    names): a country's spelling (``canonical``: "norway", "the netherlands"), a code written with dots ("u.s.")
    or as the initials of the country's several-word name ("uk", "uae"; a bare two-letter word such as "no" is
    never a code), a demonym of ``_demonym_table`` ("american", "dutch"), or a place one of them names ("wales").
    No regular-demonym fit (``nation_of`` has that; ``qa.names.demonym_pair`` matches regular pairs word by word)."""
    from qa.names import initials

    key = canonical(name)
    if key is None and "." in name:
        key = canonical(name.upper())
    bare = "".join(c for c in _key(name) if c.isalpha())
    if key is None and bare:
        code = canonical(bare.upper())
        key = code if code is not None and " " in code and initials(code) == bare else None
    if key is None:
        low = _key(name)
        key = _demonym_table().get(low, low if low in _demonyms_by_key() else None)
    return key


@lru_cache(maxsize=4096)
def nation_of(word: str) -> str | None:
    """The country a capitalised name names, as one key for all its spellings, so that two names of one nation
    compare equal: a country's spelling or ISO code (``canonical``: "Norway", "NO", "the U.S.", "USA"), its
    demonym (an irregular one of ``lexicon.IRREGULAR_DEMONYMS``, countryinfo's: ``_demonym_table``, or a regular
    one: the one-word country it fits best by ``qa.names.demonym_letters``, "Norwegian" -> "norway"); None for
    anything else (a city, a party, a person's name, a lower-case word)."""
    w = word.strip()
    if not w or not w[:1].isupper():
        return None
    key = canonical(w)
    if key is not None:
        return key
    low = _key(w)
    if low in _demonym_table():
        return _demonym_table()[low]
    if " " in low or not low.isalpha():
        return None
    n, keys = _demonym_fits(low)
    return next(iter(keys)) if n and len(keys) == 1 else None
