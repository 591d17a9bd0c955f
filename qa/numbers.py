"""Find, parse, format and compare the figures in a news sentence.

Pure functions, no models. ``find_quantities`` returns "about 11,000", "10,000 to 15,000",
"up to 100,000", "eleven thousand", ... with their unit of measure when one is written with the
number ("170mm", "40 km", "5%", "$3 million", "two years": ``qa.lexicon.MEASURE_UNITS``), and skips
what only looks like a figure: years ("in 2022"), dates ("November 1", "October 8 to 13"),
ordinals ("1,000th", "11th", "2nd"), labels ("Article 5", "Group of 20"), times and a bare "one".
What a count counts ("11,000 workers") is not read here: it comes from the parse
(``qa.figures.place_figures``: the noun the number modifies), as do labels that are names
("Unit 731" inside an organisation entity).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from text_to_num import text2num

from qa.lexicon import GLUED_UNIT_SUFFIXES, MEASURE_UNITS

__all__ = [
    "Quantity",
    "find_quantities",
    "format_value",
    "modifier_of",
    "numbers_match",
    "parse_number",
]


@dataclass(frozen=True)
class Quantity:
    """One number mention; ``low``/``high`` is None on the open side of a bound ("up to N": low=None)."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    approx: bool = False
    bound: str | None = None  # "upper" | "lower" | None
    unit: str | None = None

    @property
    def value(self) -> float:
        """The number as stated: the bound for "up to N"/"more than N", the midpoint of a range."""
        if self.low is None:
            return self.high or 0.0
        if self.high is None:
            return self.low
        return (self.low + self.high) / 2

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})



_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
           "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_NUMERIC = re.compile(rf"[$€£]?\s*({_DIGITS})(\.\d+)?\s*(thousand|million|billion|trillion|mln|mn|bn|k|m)?\s*%?")
_NUM_RE = re.compile(rf"(?<![\w.:/,])([$€£])?({_DIGITS})(\.\d+)?")
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_BIG = ["hundred", "thousand", "million", "billion", "trillion"]
_NUMBER_WORDS = frozenset(_ONES + _TENS + _BIG + ["and"])
_W = "(?:" + "|".join(_TENS + _ONES[::-1] + _BIG) + r")\b"
_AND_AFTER_BIG = "".join(f"(?<={b})" if i == 0 else f"|(?<={b})" for i, b in enumerate(_BIG))
_WORDS_RE = re.compile(
    rf"\b(?:an?\s+(?=(?:{'|'.join(_BIG)})\b))?{_W}(?:(?:[\s-]+|(?:{_AND_AFTER_BIG})\s+and\s+){_W})*"
    r"(?:[\s-]and[\s-]a[\s-]half\b)?", re.IGNORECASE)

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s+$")
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+)?{_MONTH}\b")
_YEAR_CUE = re.compile(rf"(?:\b(?:in|since|until|till|during|year|early|late|mid|fiscal|summer|winter|spring|"
                       rf"autumn|fall|through)|\b{_MONTH}|mid-)\s*$", re.IGNORECASE)
_LABEL = re.compile(r"\b(?:Article|Section|Chapter|Resolution|Part|Item|No\.?|Number|Page|Group of|Title|Rule|"
                    r"Class|Level|Category|Model|Flight|Route|Highway|Room|Grade|Phase|"
                    r"Line|Stage|Round|Episode|Season|Vol\.?|Volume|Platform|"
                    r"Gate|Terminal|Block|Camp|Building|Hall)\s+$")
_NOT_A_FIGURE = re.compile(r"(?:st|nd|rd|th|s|['’]s)\b|:\d|\s?(?:a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
_CHANGE_FROM = re.compile(r"\b(?:rose|risen|rising|increased?|increasing|grew|grown|growing|fell|fallen|falling|"
                          r"dropped|jumped|climbed|declined|decreased|raised|reduced|cut)\s+(?:\w+\s+)?from\s+$",
                          re.IGNORECASE)


def _alts(words: str) -> re.Pattern[str]:
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words.split(","))
    return re.compile(rf"(?<![\w-])({alts})\s*$", re.IGNORECASE)


_APPROX = _alts("an estimated,estimated,approximately,approx.,roughly,around,about,almost,nearly,some,close to,"
                "circa,just under,just over,more or less,~,≈")
_UPPER = _alts("up to,as many as,at most,no more than,not more than,fewer than,less than,a maximum of,"
               "maximum of,under,below")
_LOWER = _alts("more than,more then,at least,over,upwards of,in excess of,no fewer than,no less than,"
               "not less than,a minimum of,minimum of,above")
_RANGE_INTRO = _alts("between,from")
_UNIT_STOP = frozenset(
    "a an the to of in on at by for from with who whom that which and or but nor have has had were was are is be "
    "been being will would may might could can should shall as than per each every this these those their its his "
    "her our then now already when where while if after before during into across along near there here".split())


@dataclass
class _Tok:
    start: int
    end: int
    value: float
    base: float  # value before a scale word ("1.5 million" -> 1.5)
    scaled: bool
    integer_text: bool  # plain digits without commas, decimals or scale: a possible year
    unit: str | None = None


def parse_number(text: str) -> float | None:
    """ "11,000" -> 11000, "1.28 million" -> 1280000, "3k" -> 3000, "eleven thousand" -> 11000; else None."""
    s = text.strip().lower()
    m = _NUMERIC.fullmatch(s)
    if m:
        return float(m[1].replace(",", "") + (m[2] or "")) * _SCALES.get(m[3] or "", 1.0)
    return _parse_words(s)


def _parse_words(s: str) -> float | None:
    s = re.sub(r"[\s-]+", " ", s.lower()).strip()
    half = 0.0
    if s.endswith(" and a half"):
        s, half = s[: -len(" and a half")], 0.5
    s = re.sub(r"^an? (?=hundred|thousand|million|billion|trillion)", "one ", s)
    if not s or any(w not in _NUMBER_WORDS for w in s.split()):
        return None
    try:
        return float(text2num(s, "en")) + half
    except ValueError:
        return None


def _digit_tokens(sentence: str) -> list[_Tok]:
    toks = []
    for m in _NUM_RE.finditer(sentence):
        start, end, rest = m.start(), m.end(), sentence[m.end():]
        if re.search(r"[A-Za-z]-$", sentence[:start]) or _NOT_A_FIGURE.match(rest):
            continue  # "Su-34", "mid-2022", "1,000th", "11th", "1990s", "10:30", "3 p.m."
        base = float(m[2].replace(",", "") + (m[3] or ""))
        currency = {"$": "dollars", "€": "euros", "£": "pounds"}.get(m[1] or "")
        scale = re.match(r"\s?(thousand|million|billion|trillion|mln|bn)\b|(k|bn)\b", rest, re.IGNORECASE)
        if not scale and currency:
            scale = re.match(r"(m)\b", rest)
        factor = 1.0
        if scale:
            factor, end = _SCALES[scale[0].strip().lower()], end + scale.end()
        unit = currency
        glued = re.match(r"([A-Za-z]+)\b|\s?(%|per\s?cent\b)", sentence[end:], re.IGNORECASE)
        compound = re.match(r"-([A-Za-z]+)\b", sentence[end:])
        if glued:
            unit = "percent" if glued[2] else glued[1].lower()
        elif compound:
            unit = compound[1].lower()
        plain = not (scale or m[3] or "," in m[2] or currency)
        toks.append(_Tok(start, end, base * factor, base, bool(scale), plain, unit))
    return toks


_DOZEN = re.compile(rf"\b(an?|{'|'.join(_ONES[1:] + _TENS)})\s+dozen\b(?!s)", re.IGNORECASE)  # "a dozen", "two dozen"
_HALF_BEFORE = re.compile(r"\bhalf\s+$", re.IGNORECASE)  # "half a million"


def _word_tokens(sentence: str, taken: list[_Tok]) -> list[_Tok]:
    toks = []
    for m in _DOZEN.finditer(sentence):
        if not any(t.start < m.end() and m.start() < t.end for t in taken):
            n = 1.0 if m[1].lower() in ("a", "an") else float(text2num(m[1].lower(), "en"))
            toks.append(_Tok(m.start(), m.end(), 12 * n, 12 * n, False, False, None))
    taken = taken + toks
    for m in _WORDS_RE.finditer(sentence):
        text, start = m[0], m.start()
        if text.lower() in {"one", "a", "an"} or any(t.start < m.end() and start < t.end for t in taken):
            continue
        if text[0].isupper() and start and not re.search(r"(?:^|[.!?:“\"‘(])\s*$", sentence[:start]):
            continue  # capitalised inside a sentence: part of a name
        value = _parse_words(text)
        if value is None:
            continue
        half = _HALF_BEFORE.search(sentence[:start]) if text.lower().startswith(("a ", "an ")) else None
        if half:
            start, value = half.start(), value / 2
        compound = re.match(r"-([A-Za-z]+)\b", sentence[m.end():])
        unit = compound[1].lower() if compound and compound[1].lower() != "and" else None
        toks.append(_Tok(start, m.end(), value, value, False, False, unit))
    return toks


def _is_year(sentence: str, lo: _Tok, hi: _Tok) -> bool:
    """ "in 2022", "February 2022", "2014-2022" are years; "2000 workers" is a figure."""
    if not all(t.integer_text and 1800 <= t.value <= 2100 and t.unit is None for t in (lo, hi)):
        return False
    if _YEAR_CUE.search(sentence[: lo.start]):
        return True
    nxt = re.match(r"\s*([A-Za-z]+)", sentence[hi.end:])
    return not nxt or nxt[1][0].isupper() or nxt[1].lower() in _UNIT_STOP


def _skip(sentence: str, lo: _Tok, hi: _Tok) -> bool:
    """Dates, years and labels are not figures."""
    day = hi.value <= 31 and lo.unit is None and hi.unit is None and lo.integer_text and hi.integer_text
    if day and (_MONTH_BEFORE.search(sentence[: lo.start]) or _MONTH_AFTER.match(sentence[hi.end:])):
        return True
    return _is_year(sentence, lo, hi) or bool(_LABEL.search(sentence[: lo.start]))


def _pairs(sentence: str, toks: list[_Tok]) -> list[tuple[_Tok, _Tok, bool]]:
    """Merge "10,000 to 15,000", "10,000-12,000", "between 10,000 and 12,000" into (low, high, between)."""
    out, i = [], 0
    while i < len(toks):
        a = toks[i]
        if i + 1 < len(toks):
            b, gap = toks[i + 1], sentence[a.end: toks[i + 1].start]
            before = sentence[: a.start]
            intro = _RANGE_INTRO.search(before)
            between = intro is not None and intro[1].lower() == "between"
            joined = re.fullmatch(r"\s*(?:to|-|–|—)\s*", gap) or (between and re.fullmatch(r"\s+and\s+", gap))
            if joined and a.unit in (None, b.unit) and not _CHANGE_FROM.search(before):
                if b.scaled and not a.scaled and a.value <= b.base * 10:
                    a = _Tok(a.start, a.end, a.value * b.value / b.base, a.base, True, False, a.unit)
                out.append((a, b, True))
                i += 2
                continue
        out.append((a, a, False))
        i += 1
    return out


def _measure_unit(word: str | None) -> str | None:
    """``word`` lower-cased when it is a unit of measure ("mm", "km", "years", "dollars"), else None."""
    w = (word or "").lower()
    return w if w in MEASURE_UNITS or w in GLUED_UNIT_SUFFIXES else None


def _unit_after(sentence: str, end: int) -> str | None:
    """The unit of measure written after a number: "%", "per cent", or the next word when it is one
    ("40 km", "3 million dollars", "two years"). None for a count: what it counts is in the parse."""
    rest = sentence[end: end + 40]
    if re.match(r"\s*(?:%|per\s?cent\b)", rest, re.IGNORECASE):
        return "percent"
    word = re.match(r"\s+([A-Za-z]+)\b", rest)
    return _measure_unit(word[1]) if word else None


def _modifiers(sentence: str, start: int, is_range: bool) -> tuple[int, bool, str | None]:
    approx, bound = False, None
    for _ in range(3):
        before = sentence[:start]
        for pattern, kind in ((_APPROX, "approx"), (_UPPER, "upper"), (_LOWER, "lower"), (_RANGE_INTRO, "range")):
            m = pattern.search(before)
            if m and (kind != "range" or is_range):
                start = m.start(1)
                if kind == "approx":
                    approx = True
                elif kind in ("upper", "lower"):
                    bound = bound or kind
                break
        else:
            break
    return start, approx, bound


def find_quantities(sentence: str) -> list[Quantity]:
    """Every figure in ``sentence``, in order of appearance."""
    digits = _digit_tokens(sentence)
    toks = sorted(digits + _word_tokens(sentence, digits), key=lambda t: t.start)
    out = []
    for lo, hi, is_range in _pairs(sentence, toks):
        if _skip(sentence, lo, hi):
            continue
        start, approx, bound = _modifiers(sentence, lo.start, is_range)
        low: float | None = min(lo.value, hi.value)
        high: float | None = max(lo.value, hi.value)
        if bound == "upper":
            low = None
        elif bound == "lower":
            high = None
        unit = _measure_unit(hi.unit) if hi.unit else _unit_after(sentence, hi.end)
        out.append(Quantity(sentence[start: hi.end], start, hi.end, low, high, approx, bound, unit))
    return out


def modifier_of(q: Quantity) -> str:
    """The words before the number in ``q.text``, lower-cased: "about", "up to", "between", "" ."""
    hits = [m.start() for m in (re.search(r"[$€£]?\d", q.text), _WORDS_RE.search(q.text)) if m]
    return q.text[: min(hits, default=0)].strip().lower()


def _fmt(v: float) -> str:
    for scale, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if v >= scale:
            return f"{v / scale:.3f}".rstrip("0").rstrip(".") + f" {name}"
    return f"{int(v):,}" if v == int(v) else f"{v:,.2f}".rstrip("0").rstrip(".")


_AT_MOST = ("at most", "no more", "not more", "a maximum", "maximum")
_FEWER = ("fewer", "less", "under", "below")
_AT_LEAST = ("at least", "no fewer", "no less", "not less", "a minimum", "minimum")


def format_value(q: Quantity) -> str:
    """Display form: "11,000", "≈11,000", "10,000–15,000", "up to 100,000", "more than 3,000", "1.28 million"."""
    text = q.text.lower()
    if q.bound == "upper" and q.high is not None:
        word = "at most" if text.startswith(_AT_MOST) else "fewer than" if text.startswith(_FEWER) else "up to"
        return f"{word} {_fmt(q.high)}"
    if q.bound == "lower" and q.low is not None:
        return f"{'at least' if text.startswith(_AT_LEAST) else 'more than'} {_fmt(q.low)}"
    low, high = q.low or 0.0, q.high or 0.0
    core = _fmt(low) if low == high else f"{_fmt(low)}–{_fmt(high)}"
    return f"≈{core}" if q.approx else core


def _interval(q: Quantity, tol: float) -> tuple[float, float]:
    if q.low is None:
        return (q.high or 0.0) * (1 - tol), q.high or 0.0
    if q.high is None:
        return q.low, q.low * (1 + tol)
    return (q.low * (1 - tol), q.high * (1 + tol)) if q.approx else (q.low, q.high)


def numbers_match(claim_q: Quantity, evidence_q: Quantity, tolerance: float = 0.1) -> bool:
    """True if both mentions can be the same figure: ranges overlap; approximate values and bounds get
    ``tolerance`` (relative) of slack; two exact numbers must be equal. Units are the caller's concern."""
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1). Currently, tolerance is {tolerance}")
    a_lo, a_hi = _interval(claim_q, tolerance)
    b_lo, b_hi = _interval(evidence_q, tolerance)
    eps = 1e-9 * max(abs(a_hi), abs(b_hi), 1.0)
    return a_lo <= b_hi + eps and b_lo <= a_hi + eps
