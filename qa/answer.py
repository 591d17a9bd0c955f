"""Compose an extractive, cited answer from evidence sentences.

Every sentence of the answer either quotes an article sentence verbatim or states a figure
taken from one, and carries the [n] marker of the citation it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.store import Store
from qa.claims import entity_clash, group_phrases, names_group
from qa.coverage import WordCache, content_words, focus_word, uncovered_terms
from qa.figures import figures_for, find_speaker, format_value
from qa.question import counted_noun, quantity_target, unit_family
from qa.retrieve import Evidence, Retrieval, diversify

# Tuned on seeds/gold.jsonl (see docs/EVALUATION.md); scores are 0.7*cosine + 0.3*term share.
MIN_SCORE = 0.45  # below this the best sentence is not about the question
CONFIDENT_SCORE = 0.70  # at or above this, unmatched question words are tolerated
MAX_UNCOVERED = 0.5  # otherwise at most this share of the question's content words may be unmatched
MAX_ANSWER_SENTENCES = 3
MAX_FIGURES = 8
FIGURE_WINDOW = 0.2  # figures come from sentences scoring within this of the best one,
FIGURE_TOP_K = 10  # or from the 10 best sentences (figures must still match the asked unit)
COUNT_KINDS = ("count", "estimate")


@dataclass
class Draft:
    """An answer under construction: text pieces and the evidence each [n] refers to."""

    cited: list[Evidence] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    def cite(self, ev: Evidence) -> str:
        for i, e in enumerate(self.cited):
            if e.row == ev.row:
                return f"[{i + 1}]"
        self.cited.append(ev)
        return f"[{len(self.cited)}]"

    def number_of(self, ev: Evidence) -> int:
        return int(self.cite(ev)[1:-1])


@dataclass
class FigureRow:
    value: str
    low: float | None
    high: float | None
    speaker: str | None
    kind: str
    hedge: str | None
    evidence: Evidence
    group: str | None = None  # the proper adjective right after the number: "11,000 North Korean soldiers"


def context_before(store: Store, ev: Evidence, n: int = 3) -> str:
    rows = store.sentences_of(ev.sentence.doc_id)
    k = ev.sentence.index
    prev = [store.sentences[r].text for r in rows if k - n <= store.sentences[r].index < k]
    return " ".join(prev)


def speaker_of(store: Store, ev: Evidence) -> str | None:
    art = store.articles.get(ev.sentence.doc_id)
    return find_speaker(ev.sentence.text, context=context_before(store, ev), title=art.title if art else "")


def collect_figures(store: Store, evidence: list[Evidence], unit: str | None, min_score: float) -> list[FigureRow]:
    """Every distinct figure for the asked quantity in the relevant evidence."""
    fam = unit_family(unit)
    rows: list[FigureRow] = []
    seen: set[tuple] = set()
    for ev in evidence:
        if ev.score < min_score or ev.sentence.caption:
            continue
        art = store.articles.get(ev.sentence.doc_id)
        for q, kind, hedge, speaker in figures_for(ev.sentence.text, context=context_before(store, ev),
                                                   title=art.title if art else "", unit_hint=fam):
            key = (q.low, q.high, kind, ev.sentence.doc_id)
            if key in seen:
                continue
            seen.add(key)
            value = format_value(q)
            if unit == "casualties" and q.unit and q.unit not in value:
                value = f"{value} {q.unit}"  # "about 100 dead", "1,000 wounded"
            rows.append(FigureRow(value, q.low, q.high, speaker, kind, hedge, ev,
                                  _figure_group(ev.sentence.text, q.end, fam)))
    return rows


_AFTER_NUMBER = re.compile(r"\s+((?:[A-Z][\w’'-]*\s+){1,3})([a-z][\w-]*)")


def _figure_group(sentence: str, end: int, fam: set[str] | None) -> str | None:
    """'North Korean' in "11,000 North Korean soldiers" (the counted noun right after the proper words)."""
    m = _AFTER_NUMBER.match(sentence, end)
    if m and (fam is None or m.group(2).lower() in fam):
        return m.group(1).strip()
    return None


def _order_figures(rows: list[FigureRow]) -> list[FigureRow]:
    """Counts and estimates first (by relevance), then projections, plans, others."""
    rank = {"count": 0, "estimate": 0, "plan": 1, "projection": 2, "other": 3}
    return sorted(rows, key=lambda r: (rank.get(r.kind, 3), -r.evidence.score))


def _same_group(store: Store, question: str, unit: str | None, rows: list[FigureRow]) -> tuple[list[FigureRow], str | None]:
    """The figures about the group the question counts, and why none are when none are.

    Only a demonym on the counted noun matters ("Ukrainian soldiers" in "how many Ukrainian
    soldiers were killed"): a figure for "North Korean soldiers" does not answer it, and neither
    does a figure from a passage that never names Ukraine (nor does the text before it)."""
    fam = unit_family(unit) or set()
    if unit == "casualties":
        fam = fam | unit_family("troops") | unit_family("people")
        # "how many civilians died": a count of dead soldiers does not answer it
        noun = counted_noun(question)
        if noun and noun not in fam and rows:
            stem = noun[:5]
            named = [r for r in rows if stem in r.evidence.sentence.text.lower()]
            if not named:
                return [], f"none of the casualty figures they give is about {noun}"
            rows = named
    groups = [(g, noun) for g, noun in group_phrases(question) if noun.lower() in fam]
    if not groups:
        return rows, None
    kept, clash, unnamed = [], None, None
    for r in rows:
        sent = r.evidence.sentence.text
        if r.group:  # the figure names its own group: it decides
            other = next(((r.group, g, noun) for g, noun in groups if not names_group(g, r.group)), None)
            if other:
                clash = clash or (f"{other[0]} {other[2]}", f"{other[1]} {other[2]}")
            else:
                kept.append(r)
            continue
        c = entity_clash(question, sent, {noun.lower() for _, noun in groups})
        if c:
            clash = clash or c
            continue
        where = f"{context_before(store, r.evidence)} {sent}"
        missing = [f"{g} {noun}" for g, noun in groups if not names_group(g, where)]
        if missing:
            unnamed = unnamed or missing[0]
            continue
        kept.append(r)
    if kept or not rows:
        return kept, None
    if clash:
        return [], f"the figures they give are for {clash[0]}, not {clash[1]}"
    return [], f"none of the figures they give is about {unnamed}"


def compose_ask(question: str, retrieval: Retrieval, store: Store, words: WordCache) -> dict:
    """The answer text, short answer, answerability, figures and the evidence cited, in order."""
    ev_all = retrieval.evidence
    top = ev_all[0].score if ev_all else 0.0
    best = diversify(ev_all, 6, per_article=2, min_score=MIN_SCORE)
    is_qty, unit = quantity_target(question)
    missing = uncovered_terms(question, [e.sentence.text for e in best[:5]], words) if best else []
    focus = focus_word(question)
    share = len(missing) / max(1, len(content_words(question)))
    answerable = (bool(best) and top >= MIN_SCORE and focus not in missing
                  and (share <= MAX_UNCOVERED or top >= CONFIDENT_SCORE))
    if focus in missing:
        missing = [focus] + [m for m in missing if m != focus]
    figures: list[FigureRow] = []
    reason = None
    if answerable and is_qty:
        pool = [e for k, e in enumerate(ev_all[:20])
                if e.score >= MIN_SCORE and (k < FIGURE_TOP_K or e.score >= top - FIGURE_WINDOW and e.lexical >= 0.4)]
        rows = collect_figures(store, pool, unit, MIN_SCORE)
        kept, reason = _same_group(store, question, unit, rows)
        figures = _order_figures(kept)[:MAX_FIGURES]
        if rows and not figures:
            answerable = False
        if unit and not figures and missing:
            answerable = False
    draft = Draft()
    if not answerable:
        what = f" {', '.join(missing[:3])}" if missing and best else ""
        why = reason or "none of the indexed articles answers this question"
        text = f"The articles don't say{(' anything about' + what) if what else ''}: {why}."
        if best:
            near = best[0]
            text += f" The closest passage is: \u201c{near.sentence.text}\u201d {draft.cite(near)}"
        return {"answer": text, "short_answer": None, "answerable": False, "figures": [], "cited": draft.cited}
    if figures:
        return _compose_figures(question, figures, best, draft)
    lines = []
    for ev in best[:MAX_ANSWER_SENTENCES]:
        if ev.score < max(MIN_SCORE, top - 0.2):
            continue
        lines.append(f"{_attributed(store, ev)} {draft.cite(ev)}")
    short = ev_all[0].sentence.text if ev_all else None
    if re.match(r"(?i)\s*(who|whose)\b", question) and ev_all:
        short = speaker_of(store, ev_all[0]) or short
    return {"answer": " ".join(lines), "short_answer": short, "answerable": True, "figures": [], "cited": draft.cited}


_PRONOUN_ATTRIBUTION = re.compile(r"\b(?:he|she|they|it)\s+(?:said|added|says|adds|told|stated|warned|noted)\b|"
                                  r"^[\"“]|[\"”]$", re.I)


def _attributed(store: Store, ev: Evidence) -> str:
    """The sentence, verbatim. A quote attributed only by a pronoun ("he added") or a bare quote
    is prefixed with the speaker resolved from the sentences before it; a caption is labelled."""
    text = ev.sentence.text
    art = store.articles.get(ev.sentence.doc_id)
    label = (art.outlet or art.title) if art else ev.sentence.doc_id
    if ev.sentence.caption:
        return f"(photo caption, {label}) {text}"
    if _PRONOUN_ATTRIBUTION.search(text):
        who = speaker_of(store, ev)
        if who and who.lower() not in text.lower():
            return f"{who}: {text}"
    return text


def _compose_figures(question: str, figures: list[FigureRow], best: list[Evidence], draft: Draft) -> dict:
    counts = [f for f in figures if f.kind in COUNT_KINDS]
    other = [f for f in figures if f.kind not in COUNT_KINDS]
    parts: list[str] = []
    lead = counts[0] if counts else None
    if lead is not None:
        who = f"according to {lead.speaker}" if lead.speaker else "according to the article"
        parts.append(f"About {lead.value.lstrip('≈~').replace('about ', '')}, {who} ({lead.kind}) {draft.cite(lead.evidence)}."
                     if lead.kind == "estimate" and not lead.value.startswith(("up to", "more than", "at least"))
                     else f"{lead.value[0].upper() + lead.value[1:]}, {who} ({lead.kind}) {draft.cite(lead.evidence)}.")
        rest = [f for f in counts[1:] if (f.low, f.high) != (lead.low, lead.high) or f.speaker != lead.speaker]
        if rest:
            parts.append("Other reported figures: " + "; ".join(
                f"{f.value} ({f.speaker or 'unattributed'}, {f.kind}) {draft.cite(f.evidence)}" for f in rest) + ".")
    if other:
        label = "Warnings, projections and plans (not counts): " if lead is not None else \
            "The articles give no count, only warnings, projections or plans: "
        parts.append(label + "; ".join(
            f"{f.value} ({f.speaker or 'unattributed'}, {f.kind}{': ' + repr(f.hedge) if f.hedge else ''}) {draft.cite(f.evidence)}"
            for f in other) + ".")
    short = None
    if lead is not None:
        short = lead.value
    elif other:
        short = f"{other[0].value} ({other[0].kind})"
    rows = [
        {"value": f.value, "low": f.low, "high": f.high, "speaker": f.speaker, "kind": f.kind,
         "citation": draft.number_of(f.evidence), "doc_id": f.evidence.sentence.doc_id, "hedge": f.hedge}
        for f in figures
    ]
    return {"answer": " ".join(parts), "short_answer": short, "answerable": True, "figures": rows, "cited": draft.cited}
