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
    try:
        from countryinfo import all_countries
    except ImportError:  # pragma: no cover - the dependency is pinned; degrade to exact names
        log.warning("countryinfo is not installed: capitals do not stand for their countries")
        return {}
    out: dict[str, set[str]] = {}
    for info in all_countries():
        try:
            country, capitals = info.name().lower().strip(), info.capital() or ""
        except Exception:  # noqa: BLE001 - a territory without a name or capital in the table
            continue
        capitals = [capitals] if isinstance(capitals, str) else list(capitals)  # some countries have several
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
def _countries() -> frozenset[str]:
    """Every country's name and other spellings (ISO codes, "United States of America"), keyed by ``_key``."""
    try:
        from countryinfo import all_countries
    except ImportError:  # pragma: no cover - the dependency is pinned
        return frozenset()
    out: set[str] = set()
    for info in all_countries():
        try:
            names = [info.name()] + list(info.alt_spellings() or [])
        except Exception:  # noqa: BLE001 - an entry without a name
            continue
        # codes ("US", "NO") are kept as written: matched in capitals only, never the word "no"
        out |= {n.strip() if len(n.strip()) <= 3 else _key(n) for n in names if n and n.strip()}
    return frozenset(out)


def is_country(name: str) -> bool:
    """``name`` is a country's name or one of its other spellings in the countryinfo table ("Norway", "the US",
    "U.S."); a capital, a province or any other place is not."""
    code = name.replace(".", "").strip()
    code = code[4:] if code.lower().startswith("the ") else code
    return (len(code) <= 3 and code.isupper() and code in _countries()) or _key(name) in _countries()
