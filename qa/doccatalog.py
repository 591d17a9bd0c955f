"""What the store keeps about each article that a document reference can name (``qa.docscope``): its outlet
keys (the article's outlet, a source that is a name rather than a path, the name part of its url host, a dateline
credit "CITY (Outlet) -"), the month of its date, the words of its title and of its lead. Built once per loaded
store (``catalog_of``); no outlet name is written in code."""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlparse

from index.lexical import tokenize


@dataclass(frozen=True)
class ArticleMeta:
    """What the store keeps about one article that a reference can name."""

    doc_id: str
    outlets: frozenset[str]  # outlet keys (``outlet_key``)
    month: tuple[int, int] | None  # (year, month) of its date
    title: str = ""
    lead: str = ""  # its first sentences (``catalog_of``)

    @property
    def terms(self) -> frozenset[str]:
        """Stemmed words of its title and lead (``index.lexical.tokenize``)."""
        return frozenset(tokenize(f"{self.title} {self.lead}"))


@dataclass(frozen=True)
class Catalog:
    """The articles' metadata; title and lead words are tokenized on the first title lookup only (a store of
    many articles pays for it only when a question names a story by its words)."""

    articles: tuple[ArticleMeta, ...]

    def with_outlet(self, key: str) -> tuple[str, ...]:
        return tuple(a.doc_id for a in self.articles if key in a.outlets)

    def in_month(self, month: int, year: int | None) -> tuple[str, ...]:
        return tuple(a.doc_id for a in self.articles
                     if a.month is not None and a.month[1] == month and (year is None or a.month[0] == year))

    def with_title(self, words: list[str]) -> tuple[str, ...]:
        terms = set(tokenize(" ".join(words)))
        if not terms:
            return ()
        return tuple(a.doc_id for a, have in zip(self.articles, self._terms) if terms <= have)

    @cached_property
    def _terms(self) -> tuple[frozenset[str], ...]:
        return tuple(a.terms for a in self.articles)

    @cached_property
    def outlet_keys(self) -> frozenset[str]:
        return frozenset().union(*(a.outlets for a in self.articles)) if self.articles else frozenset()




# ----------------------------------------------------------------------------------- the store's metadata
def outlet_key(name: str) -> str:
    """Letters and digits of a name, lower-case, without a leading "the": "The Harbour Independent" ->
    "harbourindependent", "USA Today" -> "usatoday"."""
    key = re.sub(r"[\W_]+", "", name.lower())
    return key[3:] if name.lower().startswith("the ") else key


def host_label(url: str | None) -> str | None:
    """The name part of a url's host: "https://edition.cnn.com/x" -> "cnn", "bbc.co.uk" -> "bbc"."""
    if not url:
        return None
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    labels = [x for x in host.split(".") if x]
    if len(labels) < 2:
        return None
    labels = labels[:-1]  # the top-level domain
    if len(labels) > 1 and len(labels[-1]) <= 3 and labels[-1] in ("co", "com", "org", "net", "ac", "gov", "edu"):
        labels = labels[:-1]  # "co" of "bbc.co.uk"
    return labels[-1] or None


# "WASHINGTON (Reuters) -", "(AP) —", "CNN —" at the start of a line near the top of the text
_DATELINE = re.compile(r"^\s*(?:[A-Z][\w.,' -]{0,40}?\s)?\(([A-Z][\w&. ]{1,30})\)\s*[—–-]\s|^\s*([A-Z][\w&.]*(?: [A-Z][\w&.]*){0,2})\s+[—–]\s*$",
                       re.M)


def dateline_outlet(text: str) -> str | None:
    """The outlet a dateline near the top credits ("WASHINGTON (Reuters) -", "CNN —"), if any."""
    m = _DATELINE.search(text[:400])
    return (m.group(1) or m.group(2)).strip() if m else None


def _is_name(source: str | None) -> bool:
    return bool(source) and not re.search(r"[/\\]|\.\w{2,4}$", source)


def article_meta(article, lead: str = "") -> ArticleMeta:
    """An ``index.types.Article``'s outlet keys (outlet, a source that is a name, the url host, a dateline),
    month, title terms and the terms of ``lead`` (its first sentences: "the <place> story" names the article
    whose headline or lead names the place)."""
    names = [article.outlet, article.source if _is_name(article.source) else None, host_label(article.url)]
    if not any(names):
        names.append(dateline_outlet(article.text))
    outlets = frozenset(k for k in (outlet_key(n) for n in names if n) if len(k) >= 2)
    m = re.match(r"(\d{4})-(\d{2})", article.date or "")
    month = (int(m.group(1)), int(m.group(2))) if m else None
    return ArticleMeta(article.id, outlets, month, article.title or "", lead)


_CACHE: dict[int, tuple[object, Catalog]] = {}
_LOCK = threading.Lock()


def catalog_of(store) -> Catalog:
    """The ``Catalog`` of a loaded store, built once per load (keyed on its data object); an article's lead is its
    first ``RetrievalConfig.scope_lead_sentences`` sentences."""
    data = store.data
    with _LOCK:
        hit = _CACHE.get(id(data))
        if hit is not None and hit[0] is data:
            return hit[1]
    from qa.config import RETRIEVAL

    n = RETRIEVAL.scope_lead_sentences

    def lead(doc_id: str) -> str:
        return " ".join(store.sentences[r].text for r in store.sentences_of(doc_id)[:n]) if n > 0 else ""

    cat = Catalog(tuple(article_meta(a, lead(a.id)) for a in store.articles.values()))
    with _LOCK:
        if len(_CACHE) > 8:
            _CACHE.clear()
        _CACHE[id(data)] = (data, cat)
    return cat
