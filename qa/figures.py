"""How firmly a figure is stated (``hedge_kind``) and who stated it (``find_speaker``), without a model.

The answer path reads figures from spaCy frames (``qa.parse``) and uses ``hedge_kind`` for the
hedge of each; ``find_speaker`` remains for the claim path (``qa.claims`` / verdicts) until it reads
speakers from frames too. Number parsing lives in ``qa.numbers``.
"""
from __future__ import annotations

import re

from qa.numbers import Quantity, find_quantities, format_value, modifier_of, numbers_match, parse_number

__all__ = ["Quantity", "find_quantities", "find_speaker", "format_value", "hedge_kind",
           "numbers_match", "parse_number"]


# --- clauses and hedges -------------------------------------------------------------------------
_CLAUSE_BREAK = re.compile(
    r"[;:—“”\"]|,\s+(?=(?:and|but|or|while|whereas|although|though|which|who|whom|where|when|with|as|after|"
    r"before|because|since|amid|that|so|yet|if|unless|however)\b)|(?<=[.!?])\s+(?=[A-Z“\"])")
_PLAN = re.compile(r"\b(plan(?:s|ned|ning)?\s+to|prepar(?:e|es|ed|ing)\s+to|intend(?:s|ed|ing)?\s+to|"
                   r"aim(?:s|ed|ing)?\s+to|will\s+(?:send|deploy|dispatch|transfer|supply|provide)|"
                   r"to\s+(?:send|deploy|dispatch))\b", re.IGNORECASE)
_PROJECTION = re.compile(r"\b(may|might|could|would|will|shall|expect(?:s|ed|ing)?|forecasts?|predict(?:s|ed)?|"
                         r"project(?:s|ed)|risks?|possibl[ey]|likely|potential(?:ly)?|set\s+to|poised\s+to|"
                         r"on\s+track\s+to|threaten(?:s|ed)?\s+to)\b", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(estimat(?:e|es|ed|ing)|assess(?:es|ed|ment)?|believ(?:e|es|ed)|reportedly|suspected|"
                       r"thought\s+to|said\s+to|preliminary|suggest(?:s|ed)?|claim(?:s|ed)?|unconfirmed|"
                       r"unverified)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|never|no|denied|denies|deny|dismissed|false|fake)\b", re.IGNORECASE)
_ACCORDING_ESTIMATES = re.compile(r"\baccording\s+to\s+[^,;.]*\b(estimates?)\b", re.IGNORECASE)


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """Span of the clause around ``pos``: cut at ; : quotes, ", and/which/that/with ...", inner full stops."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _after_window(text: str) -> str:
    """The predicate after a figure: up to 14 words, stopping at "and"/"but"/"that" or the next figure."""
    cut = re.search(r"\b(?:and|but|that)\b|\d", text)
    return " ".join(text[: cut.start() if cut else len(text)].split()[:14])


def hedge_kind(sentence: str, q: Quantity) -> tuple[str, str | None]:
    """(kind, hedge word) for ``q``, from the nearest hedge in its own clause.

    other: negated ("did not send 10,000"); projection: may/could/would/will/expects/up to ...;
    plan: planning/preparing/intends to, "to send"; estimate: about/roughly/estimated/assessed/
    reportedly/"according to ... estimates"; count: a plain reported figure ("at least 1,100").
    """
    start, end = _clause(sentence, q.start)
    before, after = sentence[start: q.start], _after_window(sentence[q.end: end])
    negation = list(_NEGATION.finditer(before))
    if negation:
        return "other", negation[-1][1]
    future = [(m.end(), kind, m[1]) for pattern, kind in ((_PLAN, "plan"), (_PROJECTION, "projection"))
              for m in pattern.finditer(before)]
    if future:
        _, kind, word = max(future)
        return kind, word.lower()
    if q.bound == "upper" and q.text.lower().startswith("up to"):
        return "projection", "up to"
    modal = _PROJECTION.search(after)  # "100,000 troops may be deployed"
    if modal:
        return "projection", modal[1].lower()
    if q.approx:
        return "estimate", modifier_of(q) or None
    hits = list(_ESTIMATE.finditer(before))
    nearest = hits[-1] if hits else _ESTIMATE.search(after)
    if nearest:
        return "estimate", nearest[1].lower()
    according = _ACCORDING_ESTIMATES.search(sentence)
    if according:
        return "estimate", according[1].lower()
    if q.bound == "upper":
        return "estimate", modifier_of(q) or None
    return "count", None


# --- speakers -----------------------------------------------------------------------------------
_VERBS = ("said|says|say|told|tells|warned|warns|reported|reports|estimated|estimates|stated|added|adds|"
          "briefed|claimed|claims|confirmed|confirms|announced|announces|noted|wrote|writes|believes|assessed|"
          "insisted|argued|explained|suggested|predicted|revealed|disclosed|acknowledged|admitted|cautioned|alleged")
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_ABBREV = r"\b(?:Rep|Sen|Gen|Lt|Col|Dr|Mr|Mrs|Ms|St|Jr|Sr|Gov|Adm|Maj|Capt|Sgt|Prof)\.|\b[A-Z]\."
_ABBREV_RE = re.compile(rf"(?:{_ABBREV})+")
_ACCORDING = re.compile(rf"\baccording\s+to\s+((?:{_ABBREV}|[^,;:.?!“”\"])+)", re.IGNORECASE)
_INTERRUPTER = re.compile(r",\s*citing\s+[^,.;]+,?|,\s*(?:meanwhile|however|in turn|too|though|also|earlier|"
                          r"separately|for (?:his|her|its|their) part),", re.IGNORECASE)
_FILLER = re.compile(r"\s+(?:has|have|had|also|reportedly|earlier|previously|recently|already|repeatedly|again|"
                     r"further|then|now|publicly|officially|separately|last\s+(?:week|month|year)|this\s+(?:week|"
                     r"month|year)|(?:on\s+)?\w+day|for\s+(?:days|weeks|months|years))\s*$", re.IGNORECASE)
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_PRONOUN = "<pronoun>"  # placeholder label of "he said", resolved against earlier attributions
_CONNECTORS = {"of", "the", "and", "for", "de", "al", "von", "van", "bin", "la", "le", "da", "du"}
_STOP = set("a an to in on at by from with that this these those than as or but is are was were be been has have had "
            "will would may might could can should not no who which what when where while after before since its "
            "their his her our about over under into up out more most some all any each every both only just even "
            "still now then there here meanwhile however according said says told".split())
_TITLES = set("president president-elect vice-president prime minister secretary secretary-general general gen "
              "lieutenant lt colonel col major maj "
              "admiral adm ambassador chancellor senator sen rep representative spokesman spokeswoman spokesperson "
              "chief director commander commander-in-chief leader governor mayor deputy dr mr mrs ms king queen "
              "premier envoy chairman chairwoman chair head adviser advisor officer captain capt sergeant sgt "
              "official analyst expert professor prof correspondent".split())
_ORG_WORDS = set("state department ministry service agency directorate office council party committee staff forces "
                 "army command institute university news times post house".split())
_DESCRIPTOR = re.compile(r"\b(?:outlets?|newspapers?|broadcaster|agency|channel|website|daily|magazine|network|"
                         r"station|tank)\s+([A-Z]\S*(?:\s+(?:(?:and|of|the)\s+)?[A-Z]\S*)*)$")
_QUOTE_SPLIT = re.compile(r"(?<!\b[A-Z])(?<!\bRep)(?<!\bGen)(?<!\bSen)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)"
                          r"[.!?][”\"]?\s+(?=[A-Z“\"])")


def _is_cap(tok: str) -> bool:
    t = tok.lstrip("(")
    return bool(t) and t[0].isupper()


def _walk_np(prefix: str) -> list[str]:
    """The capitalised noun phrase that ends ``prefix``: "Ukrainian President Volodymyr Zelensky"."""
    toks = prefix.split()
    out: list[str] = []
    i = len(toks) - 1
    while i >= 0 and len(out) < 12:
        t = toks[i]
        sentence_end = t.endswith(".") and not _ABBREV_RE.fullmatch(t)
        if (out and (re.search(r"[,;:“”\"!?]$", t) or sentence_end)) or t[0] in "“\"‘[" \
                or (t.endswith(")") and t[0] != "("):
            break
        if _is_cap(t):
            out.append(t)
            i -= 1
        elif t.lower() in _CONNECTORS:
            if t.lower() == "the":
                out.append(t)
                break
            if i == 0 or not _is_cap(toks[i - 1]) or re.search(r"[,;:”\"]$", toks[i - 1]):
                break
            out.append(t)
            i -= 1
        else:  # up to two lower-case words after a capitalised word: "South Korea's spy agency"
            j = i
            while j >= 0 and i - j < 2 and toks[j].isalpha() and toks[j].islower() and toks[j] not in _STOP \
                    and not toks[j].endswith("ly"):
                j -= 1
            if j == i or j < 0 or not _is_cap(toks[j]) or toks[j] in {"The", "A", "An"} \
                    or re.search(r"[,;:”\"]$", toks[j]):
                break
            out.extend(toks[k] for k in range(i, j, -1))
            i = j
    out.reverse()
    while out and out[0].lower() in _CONNECTORS - {"the"}:
        out.pop(0)
    return out if any(_is_cap(t) for t in out) else []


def _short_name(run: list[str]) -> str:
    """The surname alone, unless the name does not end with one: a hyphenated given name or a final
    name of one or two letters keeps the whole name ("Lee Seong-kweun", "Xi Jinping" stays whole too)."""
    if len(run) > 1 and (any("-" in t for t in run[1:]) or len(run[-1]) <= 2 or len(run[0]) <= 2):
        return " ".join(run)
    return run[-1]


def _person(np: str) -> str | None:
    """ "Ukrainian President Volodymyr Zelensky" -> "Zelensky"; None unless a title precedes a name."""
    if " of " in np:
        head = _person(np.split(" of ")[0])
        if head:
            return head
    toks = np.split()
    j = len(toks)
    while j > 0 and _is_cap(toks[j - 1]) and toks[j - 1].strip(".").lower() not in _TITLES | _ORG_WORDS \
            and not re.search(r"['’]s$", toks[j - 1]) and not toks[j - 1].strip("()").isupper():
        j -= 1
    run = toks[j:]
    if not run or len(run) > 3 or j == 0:
        return None
    before = toks[j - 1].strip(".").lower()
    titled = before in _TITLES or (j >= 3 and toks[j - 2] == "of" and toks[j - 3].strip(".").lower() in _TITLES)
    return _short_name(run) if titled else None


def _label(np: str) -> str:
    """Compact speaker label: titles dropped, outlets named, "the" removed."""
    np = re.sub(r"^the\s+", "", np.strip(" ,.;:“”\"'‘’"), flags=re.IGNORECASE)
    parts = re.split(r"\s+and\s+", np)
    people = [_person(p) for p in parts]
    if all(people):
        return " and ".join(p for p in people if p)
    m = _DESCRIPTOR.search(np)
    if m:
        return m[1]
    m = re.fullmatch(r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*['’]s\s+([A-Z][a-z][\w-]*)", np)
    return m[1] if m else np


def _subject(text: str, verb_start: int) -> str | None:
    """Speaker label before a speech verb, _PRONOUN for he/she/it, None if there is none."""
    prefix = text[:verb_start]
    while (m := _FILLER.search(prefix)) is not None and m.start() > 0:
        prefix = prefix[: m.start()]
    if re.search(r"\b(?:is|are|was|were|be|been|being)\s*$", prefix, re.IGNORECASE):
        return None  # passive "are said to"
    relative = re.search(r",\s*(?:which|who)\s*$", prefix)
    prefix = prefix[: relative.start()] if relative else prefix.rstrip()
    last = prefix.split()[-1:] if prefix.split() else []
    if last and last[0].lower() in _PRONOUNS:
        return _PRONOUN
    toks = _walk_np(prefix)
    if not toks or (len(toks) == 1 and toks[0] in {"Reports", "Sources", "It", "The", "This"}):
        return None
    label = _label(" ".join(toks))
    head = prefix[: prefix.rfind(toks[0])]
    owner = re.search(r"((?:[A-Z][\w.]*\s+)*[A-Z][\w.]*['’]s)\s+(?:[a-z-]+\s+){0,2}[a-z-]+,\s*$", head)
    if toks[0] == "the" and owner:  # "South Korea's spy agency, the National Intelligence Service"
        label = f"{owner[1]} {label}"
    return label


def _candidates(sentence: str, headline: bool) -> list[tuple[int, int, str]]:
    """(priority, position, label) of every attribution; speech verbs (0) outrank "according to" (1)."""
    text = _INTERRUPTER.sub(lambda m: " " * len(m[0]), sentence)
    found, spans = [], []
    for m in _ACCORDING.finditer(text):
        found.append((1, m.start(), _label(m[1])))
        spans.append(m.span())
    for m in _VERB_RE.finditer(text):
        if (m[0][0].isupper() and not headline) or any(a <= m.start() < b for a, b in spans):
            continue
        label = _subject(text, m.start())
        inverted = re.match(r"\s+((?:[A-Z][\w’'.-]*\s+){0,5}[A-Z][\w’'.-]*)", text[m.end():])
        if label is None and inverted and re.search(r"[,”\"]\s*$", text[: m.start()]):
            label = _label(inverted[1])  # '..." said Zelensky'
        if label:
            found.append((0, m.start(), label))
    return found


def _sentences(text: str) -> list[str]:
    return [s for s in _QUOTE_SPLIT.split(text.strip()) if s]


def _resolve(context: str, title: str) -> str | None:
    """The most recent named speaker in ``context``, else in ``title``."""
    for sentence in reversed(_sentences(context)):
        named = [c for c in _candidates(sentence, False) if c[2] != _PRONOUN]
        if named:
            return max(named, key=lambda c: c[1])[2]
    named = [c for c in _candidates(title, True) if c[2] != _PRONOUN] if title else []
    return named[0][2] if named else None


def _speaker_at(sentence: str, pos: int | None, context: str, title: str, depth: int = 0) -> str | None:
    words = [w for w in sentence.split() if len(w) > 3]
    headline = (bool(title) and sentence.strip() == title.strip()) or (
        len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words))
    found = _candidates(sentence, headline)
    if found:
        best = min(found, key=lambda c: (c[0], 0 if pos is None else abs(c[1] - pos), c[1]))
        if best[2] != _PRONOUN:
            return best[2]
        earlier = [c for c in found if c[2] != _PRONOUN and c[1] < best[1]]  # "X said ..., and he added"
        return max(earlier, key=lambda c: c[1])[2] if earlier else _resolve(context, title)
    s = sentence.strip()
    quoted = s[:1] in "“\"" or (s[-1:] in "”\"" and "“" not in s and s.count('"') == 1)
    previous = _sentences(context)
    if quoted and previous and depth < 3:  # a quote continuing the previous sentence's quote
        return _speaker_at(previous[-1], None, " ".join(previous[:-1]), title, depth + 1)
    return None


def find_speaker(sentence: str, context: str = "", title: str = "") -> str | None:
    """Who made the claim in ``sentence``: "X said", "according to X", "X, which reported", pronouns
    resolved from ``context`` (the preceding sentences), quote continuations; None if unattributed."""
    return _speaker_at(sentence, None, context, title)
