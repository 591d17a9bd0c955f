"""Pure metric functions for evaluation: answer matching, evidence overlap, ranking, classes.

Everything here works on plain strings, lists and dicts; nothing loads a model.

Answer matching (``alias_match``): both texts are normalised the same way, then the alias must
appear in the answer on token boundaries, ignoring the spaces between tokens.
Normalisation: Unicode NFKC, typographic quotes and dashes folded, accents dropped, lower case;
numbers written with digits become plain integers/decimals ("11,000" -> "11000",
"1.28 million" -> "1280000", "$6.3bn" -> "6300000000"); number words become digits
("eleven thousand" -> "11000"); "%" becomes "percent"; "." and apostrophes inside words are
dropped ("U.S." -> "us"); any other punctuation separates tokens.

Evidence overlap (``quote_supports``): a cited quote supports a gold evidence string when, after
lower-casing, quote folding and whitespace collapsing,
  (a) the evidence is contained in the quote, or
  (b) they share a substring of at least ``MIN_SHARED_CHARS`` (30) characters, or
  (c) the token F1 of their content-word sets (stop words removed) is at least 0.5.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Iterable, Sequence

from text_to_num import alpha2digit

MIN_SHARED_CHARS = 30
MIN_TOKEN_F1 = 0.5

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
_SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "bn": 10**9, "tn": 10**12,
}
# 11,000 | 1,280,000.5 | 11000 | 6.3 ; optional scale word or currency-style suffix (6.3bn, $5m)
_NUMBER = re.compile(
    r"(?<![\d.])(?:(?P<cur>[$£€¥])\s?)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<word>thousand|million|billion|trillion|bn|tn)\b"
    r"|(?<=\d)(?P<suffix>[mk])\b)?",
    re.IGNORECASE,
)
# "." and "'" glued to letters are dropped ("u.s." -> "us", "o'neill" -> "oneill"); decimals are kept
_WORD_JOINERS = re.compile(r"(?<=[^\W\d_])[.'](?=[^\W\d_])|(?<=[^\W_])[.'](?=\s|$)")
_TOKEN = re.compile(r"[^\W_]+")
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its "
    "this that these those which who whom whose what when where how than then there their they he "
    "she his her we our you your i not no".split()
)


def fold(text: str) -> str:
    """NFKC, quotes/dashes/odd spaces folded, accents dropped, lower case, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def _plain_number(match: re.Match) -> str:
    try:
        value = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return match.group(0)
    word, suffix, cur = match.group("word"), match.group("suffix"), match.group("cur")
    if word:
        value *= _SCALES[word.lower()]
    elif suffix:
        if not cur:  # "100m" is more often metres than millions: only scale money
            return match.group(0)
        value *= 10**6 if suffix.lower() == "m" else 10**3
    text = format(value.normalize(), "f")
    return (cur + " " if cur else "") + text


def normalize_numbers(text: str) -> str:
    """Rewrite digit numbers (with thousands separators and scale words) and number words as digits."""
    text = _NUMBER.sub(_plain_number, text)
    if re.search(r"[a-z]", text):
        text = alpha2digit(text, "en")
        text = _NUMBER.sub(_plain_number, text)
    return text


def match_tokens(text: str) -> list[str]:
    """Tokens used for answer matching (see module docstring)."""
    text = normalize_numbers(fold(text)).replace("%", " percent ")
    text = _WORD_JOINERS.sub("", text)
    # decimals survive as one token: protect the point between digits
    text = re.sub(r"(?<=\d)\.(?=\d)", "\u2024", text)
    return [t.replace("\u2024", ".") for t in re.findall(r"[^\W_]+(?:\u2024[^\W_]+)*", text)]


def _contains_joined(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """True if some contiguous run of ``haystack`` tokens, joined, equals ``needle`` joined."""
    target = "".join(needle)
    if not target:
        return False
    for i in range(len(haystack)):
        acc = ""
        for tok in haystack[i:]:
            acc += tok
            if len(acc) >= len(target):
                break
        if acc == target:
            return True
    return False


def alias_match(answer_text: str, aliases: Iterable[str], all_aliases: bool = False) -> bool:
    """Does ``answer_text`` contain one alias (or every alias with ``all_aliases``)?

    An alias may list alternatives separated by ``|``; any alternative satisfies it.
    No aliases, or an empty answer, never match.
    """
    tokens = match_tokens(answer_text or "")
    aliases = [a for a in aliases if a and a.strip()]
    if not tokens or not aliases:
        return False

    def one(alias: str) -> bool:
        return any(_contains_joined(tokens, match_tokens(alt)) for alt in alias.split("|") if alt.strip())

    return all(one(a) for a in aliases) if all_aliases else any(one(a) for a in aliases)


# ---------------------------------------------------------------- evidence overlap

def _shingles(text: str, n: int) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


def _content_tokens(text: str) -> set[str]:
    return {t for t in _TOKEN.findall(text) if t not in _STOP}


def token_f1(a: str, b: str) -> float:
    """F1 of the content-word sets of two (already folded) strings."""
    ta, tb = _content_tokens(a), _content_tokens(b)
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def quote_supports(quote: str, evidence: str) -> bool:
    """Does a cited quote overlap a gold evidence string? (rules in the module docstring)"""
    q, e = fold(quote or ""), fold(evidence or "")
    if not q or not e:
        return False
    if e in q:
        return True
    short, long_ = (q, e) if len(q) <= len(e) else (e, q)
    if len(short) >= MIN_SHARED_CHARS and any(s in long_ for s in _shingles(short, MIN_SHARED_CHARS)):
        return True
    return token_f1(q, e) >= MIN_TOKEN_F1


# ---------------------------------------------------------------- ranking

def unique_in_order(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in ids if not (x in seen or seen.add(x))]


def hit_at_k(retrieved: Sequence[str], gold: Iterable[str], k: int) -> float:
    """1.0 if a gold id is among the first ``k`` distinct retrieved ids, else 0.0."""
    gold = set(gold)
    return float(any(d in gold for d in unique_in_order(retrieved)[:k]))


def reciprocal_rank(retrieved: Sequence[str], gold: Iterable[str], k: int = 10) -> float:
    """1/rank of the first gold id among the first ``k`` distinct retrieved ids, else 0.0."""
    gold = set(gold)
    for rank, d in enumerate(unique_in_order(retrieved)[:k], start=1):
        if d in gold:
            return 1.0 / rank
    return 0.0


# ---------------------------------------------------------------- classification

def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def precision_recall(pred: Sequence[bool], gold: Sequence[bool]) -> tuple[float | None, float | None]:
    """Precision and recall of the positive class; None where the denominator is zero."""
    tp = sum(p and g for p, g in zip(pred, gold))
    return _ratio(tp, sum(pred)), _ratio(tp, sum(gold))


def per_class_f1(pred: Sequence[str | None], gold: Sequence[str], labels: Sequence[str]) -> dict[str, dict]:
    """Precision/recall/F1/support per label (F1 = 0 when both P and R are 0 or undefined)."""
    out = {}
    for lab in labels:
        tp = sum(p == lab and g == lab for p, g in zip(pred, gold))
        n_pred = sum(p == lab for p in pred)
        n_gold = sum(g == lab for g in gold)
        p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
        f1 = 2 * p * r / (p + r) if p and r else 0.0
        out[lab] = {"precision": p, "recall": r, "f1": f1, "support": n_gold, "predicted": n_pred}
    return out


def macro_f1(pred: Sequence[str | None], gold: Sequence[str], labels: Sequence[str]) -> float | None:
    """Mean F1 over the labels that occur in ``gold`` or in ``pred`` (absent labels are skipped)."""
    present = [lab for lab in labels if lab in set(gold) or lab in set(pred)]
    if not present:
        return None
    table = per_class_f1(pred, gold, present)
    return sum(table[lab]["f1"] for lab in present) / len(present)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default); None for no values."""
    if not values:
        return None
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q))
