"""Pure metric functions for evaluation: answer matching, evidence overlap, ranking, classes.

Everything here works on plain strings, lists and dicts; nothing loads a model.

Answer matching (``alias_match``): both texts are normalised the same way, then the alias must
occur in the answer starting at a token boundary, ignoring the spaces between tokens; it may end
inside a word (an alias "escalat" or "Nakamur" is a stem), but a number must end where the
answer's number ends ("10" does not match "100" or "10.5").
Normalisation: Unicode NFKC, typographic quotes and dashes folded, accents dropped, lower case;
numbers written with digits become plain integers/decimals ("11,000" -> "11000",
"1.28 million" -> "1280000", "$6.3bn" -> "6300000000"); number words become digits
("eleven thousand" -> "11000"); ordinal suffixes go ("21st" -> "21"); "%" becomes "percent";
"." and apostrophes inside words are dropped ("U.S." -> "us"); other punctuation separates tokens.

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
from typing import Any, Callable, Iterable, Sequence

from text_to_num import alpha2digit

from qa.types import VERDICTS

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
_WORD_JOINERS = re.compile(r"[.'](?:(?<=[^\W\d_][.'])(?=[^\W\d_])|(?<=[^\W_][.'])(?=\s|$))")
_DECIMAL_POINT = re.compile(r"\.(?<=\d\.)(?=\d)")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TOKEN = re.compile(r"[^\W_]+")
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being it its "
    "this that these those which who whom whose what when where how than then there their they he "
    "she his her we our you your i not no".split()
)


def fold(text: str) -> str:
    """NFKC, quotes/dashes/odd spaces folded, accents dropped, lower case, whitespace collapsed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
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
    text = _ORDINAL.sub("", normalize_numbers(fold(text))).replace("%", " percent ")
    text = _WORD_JOINERS.sub("", text)
    # decimals survive as one token: protect the point between digits
    text = _DECIMAL_POINT.sub("\u2024", text)
    return [t.replace("\u2024", ".") for t in re.findall(r"[^\W_]+(?:\u2024[^\W_]+)*", text)]


def contains_tokens(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Does the ``needle`` token run occur in ``haystack``, spaces between tokens ignored?

    The match starts at a token boundary and may end inside a word, so a stem matches
    ("escalat" in "escalation", "170" in "170mm"), but a number ending inside a number does
    not ("10" is not in "100" nor in "10.5").
    """
    target = "".join(needle)
    if not target or target not in "".join(haystack):
        return False
    n = len(target)
    for i, first in enumerate(haystack):
        if not (target.startswith(first) or first.startswith(target)):
            continue
        acc = ""
        for tok in haystack[i:]:
            acc += tok
            if len(acc) >= n:
                break
        if not acc.startswith(target):
            continue
        if len(acc) == n or not (target[-1].isdigit() and (acc[n].isdigit() or acc[n] == ".")):
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
        return any(contains_tokens(tokens, match_tokens(alt)) for alt in alias.split("|") if alt.strip())

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


# ---------------------------------------------------------------- judging one item

KS = (1, 3, 5, 10)


def gold_aliases(item: dict) -> list[str]:
    """The item's aliases, or its answer when it lists none."""
    return item.get("aliases") or ([item["answer"]] if (item.get("answer") or "").strip() else [])


def citation_is_valid(cit: dict, text: str | None) -> bool:
    """The quote is non-empty and sits verbatim at ``[start:end]`` of the stored article text."""
    quote, start, end = cit.get("quote") or "", cit.get("start"), cit.get("end")
    if text is None or not quote or not isinstance(start, int) or not isinstance(end, int):
        return False
    return 0 <= start <= end <= len(text) and text[start:end] == quote


def judge(item: dict, pred: dict | None, article_text: Callable[[str], str | None] | None) -> dict:
    """Per-item facts from which every metric is aggregated (definitions: ``qa.eval.evaluate``).

    ``item`` is a validated gold record; ``pred`` a prediction dict (``Answer.to_dict()`` keys,
    or ``error``), None when missing. Without ``article_text`` citation validity is not judged.
    """
    failed = pred is None or "error" in pred
    error = "no prediction" if pred is None else pred.get("error")
    pred = {} if failed else pred
    kind, citations = item["kind"], pred.get("citations") or []
    total = (pred.get("timings_ms") or {}).get("total")
    j: dict[str, Any] = {"id": item["id"], "kind": kind, "failed": failed, "error": error,
                         "latency": float(total) if isinstance(total, (int, float)) else None}
    if kind == "claim":
        got = pred.get("verdict")
        ok = got is not None and (got == item["verdict"] or got in item.get("accept", []))
        j["verdict_correct"] = ok
        j["gold_verdict"], j["pred_verdict"] = item["verdict"], (item["verdict"] if ok else got)
    else:
        answered = bool(pred.get("answerable"))
        j["abstained"] = not failed and not answered  # a crash is not an abstention
        if kind == "unanswerable":
            j["answer_correct"] = not failed and not answered
        else:
            aliases, all_ = gold_aliases(item), item.get("all_aliases", False)
            j["answer_correct"] = answered and alias_match(pred.get("answer") or "", aliases, all_)
            j["short_correct"] = answered and alias_match(pred.get("short_answer") or "", aliases, all_)
    if item.get("sources"):
        retrieved = list(pred.get("retrieved") or [])
        j["hits"] = {k: hit_at_k(retrieved, item["sources"], k) for k in KS}
        j["rr"] = reciprocal_rank(retrieved, item["sources"], 10)
    if article_text is not None:
        j["cit_n"] = len(citations)
        j["cit_valid"] = sum(citation_is_valid(c, article_text(c.get("doc_id") or "")) for c in citations)
    if item.get("evidence"):
        sup = [any(quote_supports(c.get("quote") or "", e) for e in item["evidence"]) for c in citations]
        j["sup_n"], j["sup_cit"] = len(sup), sum(sup)
    return j


# ---------------------------------------------------------------- aggregation

def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(judged: list[dict]) -> dict:
    """Metrics over a list of ``judge`` results; a metric with no items to judge is None."""
    non_claim = [j for j in judged if j["kind"] != "claim"]
    claims = [j for j in judged if j["kind"] == "claim"]
    ret = [j for j in judged if "hits" in j]
    cit = [j for j in judged if "cit_n" in j]
    sup = [j for j in judged if "sup_n" in j]
    lat = [j["latency"] for j in judged if j["latency"] is not None]
    out: dict[str, Any] = {"n": len(judged), "errors": sum(j["failed"] for j in judged)}
    out["answer_accuracy"] = _mean([float(j["answer_correct"]) for j in non_claim])
    out["short_answer_accuracy"] = _mean([float(j["short_correct"]) for j in non_claim if "short_correct" in j])
    out["answer_n"] = len(non_claim)
    for k in KS:
        out[f"recall@{k}"] = _mean([j["hits"][k] for j in ret])
    out["mrr@10"] = _mean([j["rr"] for j in ret])
    out["retrieval_n"] = len(ret)
    n_cit = sum(j["cit_n"] for j in cit)
    out["citation_validity"] = sum(j["cit_valid"] for j in cit) / n_cit if n_cit else None
    out["citations_n"] = n_cit
    n_sup = sum(j["sup_n"] for j in sup)
    out["citation_support"] = sum(j["sup_cit"] for j in sup) / n_sup if n_sup else None
    out["items_with_support"] = _mean([float(j["sup_cit"] > 0) for j in sup])
    out["support_items_n"] = len(sup)
    pred_abs = [j["abstained"] for j in non_claim]
    gold_abs = [j["kind"] == "unanswerable" for j in non_claim]
    out["abstention_precision"], out["abstention_recall"] = precision_recall(pred_abs, gold_abs)
    out["abstention_rate"] = _mean([float(p) for p in pred_abs])
    answerable = [j for j in non_claim if j["kind"] != "unanswerable"]
    unanswerable = [j for j in non_claim if j["kind"] == "unanswerable"]
    out["answerable_n"] = len(answerable)
    out["answerable_accuracy"] = _mean([float(j["answer_correct"]) for j in answerable])
    out["answerable_refusal_rate"] = _mean([float(j["abstained"]) for j in answerable])
    out["unanswerable_n"] = len(unanswerable)
    out["unanswerable_caught"] = _mean([float(j["abstained"]) for j in unanswerable])
    gold_v = [j["gold_verdict"] for j in claims]
    pred_v = [j["pred_verdict"] for j in claims]
    out["verdict_accuracy"] = _mean([float(j["verdict_correct"]) for j in claims])
    out["verdict_macro_f1"] = macro_f1(pred_v, gold_v, VERDICTS)
    out["verdict_per_class"] = per_class_f1(pred_v, gold_v, VERDICTS) if claims else None
    out["claims_n"] = len(claims)
    out["latency_p50_ms"] = percentile(lat, 50)
    out["latency_p95_ms"] = percentile(lat, 95)
    return out
