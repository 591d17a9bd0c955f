"""Document references in a question or claim read as a scope, not as words to find.

"In the Ledger update, who ...", "per Wirenet", "the December report", "Wirenet's telling", "the Courier and
December reports", "the picture credits", "the caption": these words say WHICH text (or which part of it)
to read, and the sentence that answers does not repeat them. ``read_scope(text, catalog)`` reads them into a
typed ``Scope``: each reference (an outlet, a month, words of a title, or a name before a document noun that
matches none of these) with the articles it resolves to in the store's OWN metadata (``Catalog``: each
article's outlet, source, url host and a dateline credit; its date; its title), the parts of a text named
(``PartKind``), and the words that only express the scope (``Scope.words``).

Outlets are found by the store's names, never by a list in code: a run of one to four capitalised words of the
question whose letters equal an outlet key of some article ("USA Today" = host ``usatoday.com``). It is a
reference when a reference preposition comes before it ("per", "in", "according to") or a document noun after
it ("the X update", "X's telling"). A month ("the December report") or capitalised words before a document
noun are references too; those that match no article stay unmet (``Scope.unmet``): their words remain words
the evidence must cover, so a refusal still names them ("december" when no article is from December).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from qa import lexicon as L
from qa.doccatalog import ArticleMeta, Catalog, article_meta, catalog_of, dateline_outlet, host_label, outlet_key

__all__ = ["ArticleMeta", "Catalog", "PartKind", "RefKind", "Reference", "Scope", "ScopeStatus", "article_meta",
           "catalog_of", "content_text", "dateline_outlet", "host_label", "outlet_key", "part_of", "read_scope",
           "scope_of"]


class RefKind(Enum):
    OUTLET = "outlet"  # an outlet of the store ("per Wirenet", "the Ledger update")
    MONTH = "month"  # the month of an article's date ("the December report")
    TITLE = "title"  # words of an article's title ("the 'Issues Update' story")
    NAME = "name"  # capitalised words before a document noun that match no outlet, month or title


class PartKind(Enum):
    HEADLINE = "headline"
    SUBHEADING = "subheading"
    CAPTION = "caption"
    CREDIT = "credit"
    STANDFIRST = "standfirst"


class ScopeStatus(Enum):
    NONE = "none"  # the text names no document
    RESOLVED = "resolved"  # it names one that the store holds (``Scope.doc_ids``)
    UNMET = "unmet"  # it names one that no article of the store matches (``Scope.unmet``)


_PARTS = ((L.HEADLINE_NOUNS, PartKind.HEADLINE), (L.SUBHEADING_NOUNS, PartKind.SUBHEADING),
          (L.CAPTION_NOUNS, PartKind.CAPTION), (L.CREDIT_NOUNS, PartKind.CREDIT),
          (L.STANDFIRST_NOUNS, PartKind.STANDFIRST))
_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(L.MONTHS)}
_MONTH_NUMBER.update({a: _MONTH_NUMBER[next(m for m in L.MONTHS if m.startswith(a[:3]))] for a in L.MONTH_ABBREVIATIONS})


@dataclass(frozen=True)
class Reference:
    kind: RefKind
    text: str  # as written in the question
    doc_ids: tuple[str, ...]  # the articles it names (empty: none matches)


@dataclass(frozen=True)
class Scope:
    references: tuple[Reference, ...] = ()
    parts: frozenset[PartKind] = frozenset()
    doc_ids: tuple[str, ...] = ()  # the articles the resolved references name together
    unmet: tuple[Reference, ...] = ()  # references no article matches
    words: frozenset[str] = field(default_factory=frozenset)  # lower-case words that only express the scope
    # character ranges of ``text`` that only name the resolved articles ("In the December report," ->
    # "In the December", "per Wirenet,"): ``content_text`` drops them; the document noun itself stays
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def status(self) -> ScopeStatus:
        if self.doc_ids:
            return ScopeStatus.RESOLVED
        return ScopeStatus.UNMET if self.unmet else ScopeStatus.NONE


EMPTY = Scope()


# ----------------------------------------------------------------------------------- reading the text
_TOKEN = re.compile(r"[\w]+(?:[-.&][\w]+)*|['’]s\b|[,:;?!]|[\"“”‘'’]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _offsets(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


def _capital(tok: str) -> bool:
    return tok[:1].isupper()


def _is_doc_noun(tok: str) -> bool:
    w = tok.lower()
    return w in L.SCOPE_DOCUMENT_NOUNS or (w.endswith("s") and w[:-1] in L.SCOPE_DOCUMENT_NOUNS) \
        or (w.endswith("ies") and w[:-3] + "y" in L.SCOPE_DOCUMENT_NOUNS)


def part_of(toks: list[str], i: int) -> PartKind | None:
    """The part of a text token ``i`` names, if any; an ambiguous part noun ("credit", "title") only in the
    plural or after a noun of coverage ("the photo credit", "the story's title")."""
    w = toks[i].lower()
    for words, kind in _PARTS:
        if w not in words:
            continue
        if w in L.AMBIGUOUS_PART_NOUNS:
            before = [t for t in toks[max(0, i - 2):i] if t.lower() not in ("'s", "’s")]
            if not (before and (_is_doc_noun(before[-1]) or before[-1].lower() == "wire")):
                return None
        return kind
    return None


def _anchored(toks: list[str], j: int, marks: set[int]) -> int | None:
    """The index of the document or part noun a reference ending before ``j`` qualifies ("the X and
    December reports", "X's telling"), skipping glue and other references; None when there is none."""
    for k in range(j, min(len(toks), j + 5)):
        t = toks[k].lower()
        if _is_doc_noun(toks[k]) or part_of(toks, k) is not None:
            return k
        if t in L.REFERENCE_GLUE or k in marks:
            continue
        return None
    return None


def _noun_phrase(toks: list[str], s: int, anchor: int, marks: set[int]) -> bool:
    """Whether the names from ``s`` and the noun at ``anchor`` form a noun phrase: a determiner before them
    ("the X update", "both X reports", "the X and Y reports"), a possessive ("X's telling") or a part noun
    ("X standfirst")."""
    while s > 0 and (s - 1 in marks or toks[s - 1].lower() in ("and", "or", ",", "&", "'s", "’s")):
        s -= 1
    if s > 0 and toks[s - 1].lower() in L.REFERENCE_DETERMINERS:
        return True
    if any(t.lower() in ("'s", "’s") for t in toks[s:anchor]):
        return True
    return part_of(toks, anchor) is not None


def _after_preposition(toks: list[str], i: int) -> bool:
    """A reference preposition before token ``i`` ("per X", "in X", "according to X", "in the X")."""
    k = i - 1
    if k >= 0 and toks[k].lower() == "the":
        k -= 1
    if k < 0:
        return False
    w = toks[k].lower()
    return w in L.REFERENCE_PREPOSITIONS or (w == "to" and k > 0 and toks[k - 1].lower() == "according")


def _outlet_spans(toks: list[str], keys: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, key) of the longest runs of one to four tokens whose key is an outlet key of the store
    (a run that starts lower-case counts only before a document noun: ``read_scope``)."""
    out, i = [], 0
    while i < len(toks):
        hit = None
        if toks[i][0].isalnum() and toks[i].lower() != "the":  # "the X" is found as "X"
            run = 0
            while run < 4 and i + run < len(toks) and toks[i + run][0].isalnum():
                run += 1
            for n in range(run, 0, -1):
                key = outlet_key(" ".join(toks[i:i + n]))
                if key in keys:
                    hit = (i, i + n, key)
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _month_at(toks: list[str], i: int) -> tuple[int, int | None, int] | None:
    """(month, year or None, end) for a capitalised month name at ``i`` ("December", "Dec. 2024")."""
    w = toks[i].lower().rstrip(".")
    if not _capital(toks[i]) or w not in _MONTH_NUMBER:
        return None
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if re.fullmatch(r"(19|20)\d\d", nxt):
        return _MONTH_NUMBER[w], int(nxt), i + 2
    return _MONTH_NUMBER[w], None, i + 1


def _words(toks: list[str]) -> set[str]:
    return {t.lower() for t in toks if t[:1].isalnum()}


def read_scope(text: str, catalog: Catalog | None, max_title_articles: int | None = None) -> Scope:
    """The document references of ``text`` resolved against ``catalog`` (see the module doc). With no
    catalog (a text read without a store) references are read the same way and resolve to nothing; only
    part nouns and names tied to a document noun ("per X", "the X update") count as scope words then.
    Title words before a document noun that match more than ``max_title_articles`` articles
    (``RetrievalConfig.scope_max_articles``), or every article, name the story's topic, not one text ("the
    <topic> story"): they are no reference."""
    if max_title_articles is None:
        from qa.config import RETRIEVAL

        max_title_articles = RETRIEVAL.scope_max_articles
    toks = _tokens(text)
    if not toks:
        return EMPTY
    keys = catalog.outlet_keys if catalog is not None else frozenset()
    found: list[tuple[int, int, RefKind, tuple[int, int | None] | str]] = []  # start, end, kind, value
    for s, e, key in _outlet_spans(toks, keys):
        found.append((s, e, RefKind.OUTLET, key))
    taken = {k for s, e, *_ in found for k in range(s, e)}
    for i in range(len(toks)):
        if i in taken:
            continue
        m = _month_at(toks, i)
        if m is not None:
            found.append((i, m[2], RefKind.MONTH, (m[0], m[1])))
            taken.update(range(i, m[2]))
    # capitalised words right before a document noun that are no outlet or month: a title word or a name
    for k in range(len(toks)):
        if not _is_doc_noun(toks[k]) and part_of(toks, k) is None:
            continue
        end = k - 1 if k > 0 and toks[k - 1].lower() in ("'s", "’s") else k  # "X's telling"
        s = end
        while s > 1 and _capital(toks[s - 1]) and toks[s - 1][0].isalnum() and s - 1 not in taken:
            s -= 1
        if s < end:
            found.append((s, end, RefKind.NAME, " ".join(toks[s:end])))
            taken.update(range(s, end))
    if catalog is None:  # "per X", "according to X": with no store to look X up in, a name after them
        for k in range(1, len(toks)):
            if k in taken or not _capital(toks[k]) or not toks[k][0].isalnum() or not _after_preposition(toks, k) \
                    or toks[k - 1].lower() in ("in", "from", "by", "the"):
                continue
            e = k
            while e < len(toks) and _capital(toks[e]) and toks[e][0].isalnum():
                e += 1
            found.append((k, e, RefKind.NAME, " ".join(toks[k:e])))
            taken.update(range(k, e))
    marks = {k for s, e, *_ in found for k in range(s, e)}
    # a reference counts when it qualifies a document noun or follows a reference preposition
    groups: dict[int, list[tuple[int, int, RefKind, object]]] = {}
    scope_words: set[str] = set()
    for ref in sorted(found, key=lambda r: r[0]):
        s, e, kind, value = ref
        anchor = _anchored(toks, e, marks)
        if anchor is not None and not _noun_phrase(toks, s, anchor, marks):
            anchor = None  # "X reports that ...", "did X report": a subject and its verb
        if anchor is None and not (kind is not RefKind.MONTH and _capital(toks[s]) and _after_preposition(toks, s)):
            continue
        groups.setdefault(anchor if anchor is not None else -1 - s, []).append(ref)
    parts = frozenset(p for p in (part_of(toks, k) for k in range(len(toks))) if p is not None)
    for k in (k for k in range(len(toks)) if part_of(toks, k) is not None):  # "the picture credits"
        scope_words.add(toks[k].lower())
        if k > 0 and _is_doc_noun(toks[k - 1]):
            scope_words.add(toks[k - 1].lower())
    refs, unmet, doc_ids, drop = [], [], [], []
    at = _offsets(text)
    for anchor, members in sorted(groups.items()):
        resolved = []
        for s, e, kind, value in members:
            ids: tuple[str, ...] = ()
            if catalog is not None:
                if kind is RefKind.OUTLET:
                    ids = catalog.with_outlet(str(value))
                elif kind is RefKind.MONTH:
                    ids = catalog.in_month(*value)  # type: ignore[misc]
                elif not (e < len(toks) and toks[e].lower() in ("'s", "’s")):  # "X's account": an owner, no title
                    ids = catalog.with_title(toks[s:e])
                    if len(ids) > max_title_articles or len(ids) == len(catalog.articles):
                        continue  # the topic of many stories, not one text
            kind = RefKind.TITLE if kind is RefKind.NAME and ids else kind
            ref = Reference(kind, " ".join(toks[s:e]), ids)
            refs.append(ref)
            resolved.append(ref)
        # references on one noun with "and"/"or"/"," between them name several texts; otherwise one text
        span = range(min(m[0] for m in members), max(m[1] for m in members))
        union = any(toks[k].lower() in ("and", "or", ",", "&") for k in span)
        sets = [set(r.doc_ids) for r in resolved]
        ids = set().union(*sets) if union else set.intersection(*sets) if sets else set()
        if catalog is None:  # no store to check: a name tied to a document noun is taken as a scope
            scope_words |= {w for s, e, *_ in members for w in _words(toks[s:e])}
            if anchor >= 0:
                scope_words.add(toks[anchor].lower())
            continue
        met = [r for r in resolved if r.doc_ids]
        unmet += [r for r in resolved if not r.doc_ids]
        if not ids:
            if met and not union:  # each matches, not together ("the December X report" of an October X)
                unmet += met
            continue
        doc_ids += [d for d in sorted(ids) if d not in doc_ids]
        scope_words |= {w for r in met for w in _words(_tokens(r.text))}
        if anchor >= 0:
            scope_words.add(toks[anchor].lower())
        drop += _drop_spans(toks, at, members, anchor)
    return Scope(tuple(refs), parts, tuple(doc_ids), tuple(unmet), frozenset(scope_words), tuple(drop))


def _drop_spans(toks: list[str], at: list[tuple[int, int]], members: list, anchor: int) -> list[tuple[int, int]]:
    """The characters that only name the articles of one resolved group. After a preposition, the preposition,
    the name and a comma after it ("Per Wirenet, ", "according to the X"). Before a document noun, only a month and
    the conjunction tying it to another name ("the December report" -> "the report", "the X and December
    reports" -> "the X reports"): a month there is no time of the event, which the question's date constraints
    would otherwise ask the evidence for; a name of an outlet stays (list questions read it as their scope)."""
    if anchor >= 0:
        out = []
        for s, e, kind, _ in members:
            if kind is not RefKind.MONTH:
                continue
            if s > 0 and toks[s - 1].lower() in ("and", "or", ",", "&"):
                s -= 1
            elif e < anchor and toks[e].lower() in ("and", "or", ",", "&"):
                e += 1
            out.append((at[s][0], at[e][0] if e < len(at) else at[-1][1]))
        return out
    s, e = min(m[0] for m in members), max(m[1] for m in members)
    k = s - 1
    if k >= 0 and toks[k].lower() == "the":
        k -= 1
    if k >= 1 and toks[k].lower() == "to" and toks[k - 1].lower() == "according":
        k -= 1
    start = at[k][0] if k >= 0 else at[s][0]
    if e < len(toks) and toks[e] == ",":
        e += 1
    return [(start, at[e][0] if e < len(at) else at[-1][1])]


def content_text(text: str, scope: Scope) -> str:
    """``text`` without the characters that only name its resolved articles (``Scope.spans``): "In the
    December report, when did X begin?" -> "In the report, when did X begin?", "Per Wirenet, how many Y?" ->
    "how many Y?". ``text`` itself when nothing resolved or too little would be left."""
    if not scope.spans:
        return text
    out, pos = [], 0
    for a, b in sorted(scope.spans):
        if a < pos:
            continue
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    new = re.sub(r"\s+([,.;:?!])", r"\1", re.sub(r"\s{2,}", " ", "".join(out))).strip()
    new = re.sub(r"[,;:]+([?.!]*)$", r"\1", new)  # "... in Lisbon, according to X?" -> "... in Lisbon?"
    new = new[:1].upper() + new[1:] if text[:1].isupper() else new
    return new if len(re.findall(r"[^\W\d_]{2,}", new)) >= 3 else text


def scope_of(text: str, store) -> Scope:
    """``read_scope`` against ``store``'s catalog (``catalog_of``)."""
    return read_scope(text, catalog_of(store) if store is not None else None)
