"""Choose the figures that answer a count or quantity question, under its constraints.

A figure is kept when it counts what was asked (same counted noun, or a close one by word vectors;
a measurement never answers "how many"), is attributed to the source the question names, is
about the place and the group it names. A figure's source may be named in the sentence next to it
(``figure_speaker``: "the agency said" after "a report by the Foo Agency"; an unattributed figure right
after an attributed sentence of the same paragraph; "reports emerged of ..." before "..., X reported"). When figures exist but none meets a constraint, the
refusal says which constraint and what the articles give instead.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Mapping

from qa import lexicon as L
from qa.config import Config
from qa.constraints import measured_names
from qa.figures import counts_same
from qa.frames import AnswerType, FigureFrame, FigureKind, QuestionFrame, Refusal, RefusalReason, Rejected
from qa.names import CorpusNames
from qa.parse import question_doc
from qa.question_names import source_is_text
from qa.attribution import speaker_label
from qa.reader import Reader, Speaker, mentions, same_name, same_source
from qa.retrieve import Evidence
from qa.spelling import regular_stems

from qa.timeline import looks_back, order_by_date

if TYPE_CHECKING:
    from qa.timeline import ArticleDate

SOURCE_CONTEXT = 40  # characters around a speaker's name that may name its source ("State Department spokesman X")
_ACTOR_LABELS = ("PERSON", "ORG")  # a sentence naming one is about its own actor, not a continued statement
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")  # a name in apposition ("the broadcaster of X, Y, reported") names the source
_RANK = {FigureKind.COUNT: 0, FigureKind.ESTIMATE: 0, FigureKind.PLAN: 1, FigureKind.PROJECTION: 2,
         FigureKind.OTHER: 3, FigureKind.MEASUREMENT: 4}


@dataclass(frozen=True)
class FigureRow:
    figure: FigureFrame
    evidence: Evidence
    speaker: Speaker | None

    @property
    def kind(self) -> FigureKind:
        return self.figure.kind


def _close(words, a: str, cands: list[str], threshold: float) -> bool:
    """``a`` counts what one of ``cands`` counts (``qa.figures.counts_same``: the one comparison)."""
    return counts_same(a, cands, words, threshold)


def same_unit(asked: str | None, unit: str | None) -> bool:
    """The question counts this unit: "year" ~ "years", "century" ~ "centuries" (5-letter stems;
    units shorter than 3 letters must be equal: "m" is not "mm")."""
    if not asked or not unit:
        return False
    a, b = asked.lower(), unit.lower()
    n = min(len(a), len(b), 5)
    return a == b or (n >= 3 and a[:n] == b[:n])


AGE_ADVERB = "old"  # "how old": an age is often written as a bare number ("dies at 115", "aged 52")


def _bare_age(qf: QuestionFrame, fig: FigureFrame) -> bool:
    return qf.unit == AGE_ADVERB and fig.counted is None and fig.unit is None


def asks_money(qf: QuestionFrame) -> bool:
    """ "How much did the bridge cost", "what is the price of X": a question whose answer is a sum of money."""
    return (qf.unit in L.WORDED_AMOUNTS and bool(qf.lemmas & L.MONEY_WORDS)) or (qf.unit or "") in L.MONEY_WORDS


def _is_money(unit: str | None) -> bool:
    """A figure's unit is money: a currency sign or MONEY entity ("money"), or a currency noun."""
    u = (unit or "").lower()
    return u == "money" or u in L.CURRENCY_NOUNS or u.rstrip("s") in L.CURRENCY_NOUNS


def _word_before(text: str, start: int) -> str:
    before = text[:start].split()
    return before[-1].strip(",.;:“\"'").lower() if before else ""


def superseded(text: str, fig: FigureFrame, frame) -> bool:
    """``fig`` is the old value of a change: "from 100 seconds to 90 seconds", "rose from 3% to 5%"."""
    return _word_before(text, fig.start) == "from" and any(
        o.start > fig.end and _word_before(text, o.start) == "to" for o in frame.figures)


def _word_after(text: str, end: int) -> str:
    after = text[end:].split(maxsplit=1)
    return after[0].strip(",.;:”\"'").lower() if after else ""


def _outcome_group(word: str) -> frozenset[str] | None:
    return next((g for g in L.COUNT_GROUPS if word in g), None)


def _outcome_follows(text: str, fig: FigureFrame, others: tuple[FigureFrame, ...] = ()) -> bool:
    """The words after ``fig`` and before the next figure of its sentence say what befell what it counts
    (a word of ``L.CASUALTY_WORDS``: "3,000 soldiers had been killed or wounded")."""
    end = min([o.start for o in others if o.start > fig.end] or [len(text)])
    return any(w.strip(",.;:”\"'").lower() in L.CASUALTY_WORDS for w in text[fig.end:end].split())


def _counts_it(qf: QuestionFrame, fig: FigureFrame, lemmas: frozenset[str], words, cfg: Config,
               text: str = "", others: tuple[FigureFrame, ...] = ()) -> bool:
    if not qf.counted:
        return True
    group = _outcome_group(_word_after(text, fig.end)) if fig.counted is None else None
    if group is not None and (qf.event in group or qf.counted in group):
        return True  # "how many soldiers were wounded" <- "another 1,000 wounded"
    if qf.counted in L.CASUALTY_WORDS and _outcome_follows(text, fig, others):
        return True  # "what casualty figure" <- "3,000 soldiers had been killed or wounded"
    if fig.counted and _agent_of(qf.counted, lemmas):
        return True  # "how many protesters" <- "300 people who protested": the agent noun's verb is the sentence's
    if fig.counted:
        return _close(words, qf.counted, [fig.counted], cfg.counted_sim)
    return _close(words, qf.counted, sorted(w for w in lemmas if len(w) > 3 and w.isalpha()), cfg.counted_sim)


def _agent_of(counted: str, lemmas: frozenset[str]) -> bool:
    """``counted`` is an agent noun ("protester", "investor", "striker") whose verb ("protest", "invest",
    "strike") is among the sentence's lemmas."""
    return any(s in lemmas for s in regular_stems(counted, L.AGENT_SUFFIXES))


def pool(evidence: list[Evidence], cfg: Config) -> list[Evidence]:
    """The sentences figures may come from: the best ``figure_top_k``, or within the window."""
    if not evidence:
        return []
    top = evidence[0].score
    return [e for k, e in enumerate(evidence[:20]) if e.score >= cfg.min_score
            and not e.sentence.caption and (k < cfg.figure_top_k or e.score >= top - cfg.figure_window)]


def select_figures(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, words, cfg: Config,
                   names: CorpusNames | None = None
                   ) -> tuple[list[FigureRow], RefusalReason | None, dict[int, Rejected]]:
    """(figures in headline order, the refusal when figures exist and none qualifies, rejections). A source
    that is a text ("according to the report on ...") is preferred, not required: when no figure is its,
    the figures are chosen without it."""
    out = _select(qf, evidence, reader, words, cfg, names)
    if out[1] is not None and qf.source and out[1].missing == (qf.source,) and source_is_text(question_doc(qf.text)):
        return _select(replace(qf, source=None), evidence, reader, words, cfg, names)
    return out


def _select(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, words, cfg: Config,
            names: CorpusNames | None = None) -> tuple[list[FigureRow], RefusalReason | None, dict[int, Rejected]]:
    sources = [qf.source] + (names.aliases_for(qf.source) if names and qf.source else []) if qf.source else []
    rejected: dict[int, Rejected] = {}
    rows: list[FigureRow] = []
    seen: set[tuple] = set()
    blocked: dict[Rejected, list[str]] = {}
    evs = pool(evidence, cfg)
    frames = reader.frames([e.row for e in evs])
    any_figure = False
    money = bool(qf.unit) and asks_money(qf)  # facts of the question: read once, not per figure
    measured = measured_names(qf) if qf.unit else []
    for ev, frame in zip(evs, frames):
        for fig in frame.figures:
            any_figure = True
            if qf.answer_type is AnswerType.COUNT and fig.kind is FigureKind.MEASUREMENT \
                    and not same_unit(qf.unit, fig.unit):  # "how many years" <- "after 30 years" only
                rejected.setdefault(ev.row, Rejected.MEASUREMENT)
                continue
            if qf.unit and fig.kind is not FigureKind.MEASUREMENT and not _bare_age(qf, fig):
                # "how far": a count does not answer
                blocked.setdefault(Rejected.MEASUREMENT, []).append("")
                continue
            if money and not _is_money(fig.unit):  # "how much did X cost" <- not "170 mm"
                blocked.setdefault(Rejected.MEASUREMENT, []).append("")
                continue
            if not _counts_it(qf, fig, frame.lemmas, words, cfg, frame.text, frame.figures):
                blocked.setdefault(Rejected.WRONG_GROUP, []).append(fig.counted or "")
                rejected.setdefault(ev.row, Rejected.WRONG_GROUP)
                continue
            speaker = figure_speaker(reader, ev.row)
            context = None
            if measured:  # "the range of the X missiles": a measurement of X
                context = reader.context_text(ev.row)
                if not all(mentions(context, n) for n in measured):
                    blocked.setdefault(Rejected.MISSING_ENTITY, []).append("")
                    rejected.setdefault(ev.row, Rejected.MISSING_ENTITY)
                    continue
            if qf.group:
                if fig.group and not same_name(fig.group, qf.group):
                    blocked.setdefault(Rejected.WRONG_GROUP, []).append(f"{fig.group} {fig.counted or ''}".strip())
                    rejected.setdefault(ev.row, Rejected.WRONG_GROUP)
                    continue
                context = reader.context_text(ev.row)
                if not fig.group and not mentions(context, qf.group, exact=True):
                    blocked.setdefault(Rejected.WRONG_GROUP, []).append("")
                    rejected.setdefault(ev.row, Rejected.WRONG_GROUP)
                    continue
            if sources and not any(_from_source(reader, speaker, frame.text, src) for src in sources):
                blocked.setdefault(Rejected.WRONG_SOURCE, []).append(speaker.label if speaker else "")
                rejected.setdefault(ev.row, Rejected.WRONG_SOURCE)
                continue
            if qf.places:
                context = context or reader.context_text(ev.row)
                missing = [p for p in qf.places if not mentions(context, p)]
                if missing:
                    where = [e.text for e in frame.entities_of(AnswerType.PLACE)]
                    blocked.setdefault(Rejected.WRONG_PLACE, []).extend(where or [""])
                    rejected.setdefault(ev.row, Rejected.WRONG_PLACE)
                    continue
            key = (fig.low, fig.high, fig.kind, ev.sentence.doc_id)
            if key in seen:
                continue
            seen.add(key)
            rows.append(FigureRow(fig, ev, speaker))
    # counts before hedged figures; among them the figure of the asked event first ("protested"),
    # attributed before unattributed, then relevance
    on_event = {e.row for e, f in zip(evs, frames) if qf.event and qf.event in f.lemmas}
    if qf.event and qf.event in L.FORWARD_VERBS and on_event:  # "how many does X expect": the expectation
        rows = [r for r in rows if r.evidence.row in on_event] or rows
        rows.sort(key=lambda r: (r.evidence.row not in on_event, -r.evidence.score))
        return rows[: cfg.max_figures], None, rejected
    outcome = _outcome_group(qf.event or "")
    if outcome is not None and rows and not any(
            r.evidence.row in on_event or _word_after(r.evidence.sentence.text, r.figure.end) in outcome
            or any(w in outcome for w in reader.frame(r.evidence.row).lemmas) for r in rows):
        # "how many were killed": figures of something else (sent, trained) do not answer
        return [], RefusalReason(Refusal.NO_FIGURE, (f"{qf.counted_text or 'people'} {qf.event}ed",)), rejected
    frames_by_row = {e.row: f for e, f in zip(evs, frames)}

    def names_event(r: FigureRow) -> bool:  # "1,000 wounded" for "how many were wounded"
        return bool(qf.event) and _word_after(r.evidence.sentence.text, r.figure.end)[:4] == qf.event[:4]

    def of_outcome(r: FigureRow) -> bool:  # "100 dead" counts casualties by name; "1,100 soldiers were killed" by its verb
        f = r.figure
        return f.counted in L.CASUALTY_WORDS or (f.counted is None and _word_after(r.evidence.sentence.text, f.end)
                                                 in L.CASUALTY_WORDS)

    outcome_asked = qf.counted in L.CASUALTY_WORDS
    rows.sort(key=lambda r: (_RANK[r.kind], superseded(r.evidence.sentence.text, r.figure, frames_by_row[r.evidence.row]),
                             outcome_asked and not of_outcome(r),
                             r.evidence.row not in on_event, not names_event(r),
                             r.speaker is None and r.kind.is_count,
                             -r.evidence.score))
    if rows or not any_figure:
        return rows[: cfg.max_figures], None, rejected
    return [], _why_none(qf, blocked), rejected


def figure_speaker(reader: Reader, row: int) -> Speaker | None:
    """Who gave the figure of the sentence at ``row``: its own speaker (``Reader.speaker``: "he said"
    resolved backwards), except that a definite description naming no one ("the agency said ...",
    "the broadcaster added ...") is the named speaker of the sentence directly before it in the same
    article when that sentence uses its noun ("... by the Foo Agency"), and a sentence with no speaker of its own, directly after a sentence whose speaker is named,
    continues that speaker's statement. A sentence that names its own speaker keeps it; the cited
    sentence is never changed, only the label and the row that names the source."""
    own = reader.speaker(row)
    frame = reader.frame(row)
    if frame.speaker is not None and not frame.speaker_is_pronoun and not _unnamed_description(frame):
        return own
    if frame.speaker is None and own is not None:
        return own  # a quote that continues one (resolved by the reader)
    if frame.speaker is not None and frame.speaker_is_pronoun:
        return own  # "he said", "it added": the reader resolves the pronoun backwards
    if own is None and frame.speaker is None and frame.lemmas & L.UNSOURCED_REPORT_WORDS:
        after = _named_after(reader, row)  # "Reports emerged of 240 lorries ... . The lorries ..., the agency X reported."
        if after is not None:
            return after
    prev = reader.neighbour(row, -1)
    if prev is None:
        return own
    p = reader.frame(prev)
    if p.speaker is None or p.speaker_is_pronoun or _unnamed_description(p):
        return own
    if frame.speaker is not None and not mentions(p.text, frame.speaker.text.split()[-1]):
        return own  # "the agency said" refers back to "the Foo Agency", not to whoever spoke before
    if frame.speaker is None and (any(e.label in _ACTOR_LABELS for e in frame.entities)
                                  or not _same_paragraph(reader, prev, row)):
        return own  # a sentence about someone else ("X's comments come as ..."), or a new paragraph: not a continuation
    return Speaker(speaker_label(p.speaker.text), prev, p.speaker.start, p.speaker.end)


def _named_after(reader: Reader, row: int) -> Speaker | None:
    """The named speaker of the sentence directly after ``row`` in its article (news paragraphs are often one
    sentence long, so a paragraph break may lie between), when that sentence gives no count of its own and
    goes on about the same thing (a content word in common besides "report": "The lorries ... were stopped, X
    reported")."""
    nxt = reader.neighbour(row, 1)
    if nxt is None:
        return None
    n = reader.frame(nxt)
    if n.speaker is None or n.speaker_is_pronoun or _unnamed_description(n) \
            or any(f.kind.is_count for f in n.figures):
        return None
    if not (reader.frame(row).lemmas & n.lemmas) - L.UNSOURCED_REPORT_WORDS - L.REPORTING_VERBS:
        return None
    return Speaker(speaker_label(n.speaker.text), nxt, n.speaker.start, n.speaker.end)


def _same_paragraph(reader: Reader, a: int, b: int) -> bool:
    """Rows ``a`` and ``b`` (adjacent, same article) have no line break between them."""
    sa, sb = reader.store.sentences[a], reader.store.sentences[b]
    text = reader.store.article_text(sa.doc_id)
    return text is not None and "\n" not in text[sa.end: sb.start]


def _unnamed_description(frame) -> bool:
    """The frame's speaker is a definite description naming no one: "the agency", "this broadcaster" (a
    determiner before it, no capitalised word or digit in it); "the Foo Agency" names one."""
    sp = frame.speaker
    words = sp.text.strip(" ,.;:“”\"'‘’").split()
    before = frame.text[:sp.start].split()
    det = (words[:1] and words[0].lower() in L.DEFINITE_DETERMINERS) or \
        (before and before[-1].lower().strip("“\"'‘") in L.DEFINITE_DETERMINERS)
    rest = words[1:] if words and words[0].lower() in L.DEFINITE_DETERMINERS else words
    named_nearby = any(e.label in _NAME_LABELS and sp.start <= e.start <= sp.end + SOURCE_CONTEXT for e in frame.entities)
    return bool(det and rest) and not named_nearby and not any(w[:1].isupper() or w[:1].isdigit() for w in rest)


def _from_source(reader: Reader, speaker: Speaker | None, text: str, source: str) -> bool:
    """The figure comes from ``source``: its speaker is that source (by name, or the sentence that
    names the speaker mentions it: "Ministry spokeswoman Ana Ortiz"), or the sentence has no
    speaker of its own and names the source."""
    if speaker is not None:
        if same_source(speaker.label, source):
            return True
        text = reader.store.sentences[speaker.row].text  # the words around the speaker's name
        return mentions(text[max(0, speaker.start - SOURCE_CONTEXT): speaker.end + SOURCE_CONTEXT], source)
    return mentions(text, source)


def _why_none(qf: QuestionFrame, blocked: dict[Rejected, list[str]]) -> RefusalReason:
    def avail(kind: Rejected) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for v in blocked.get(kind, []) if v))[:3]

    if Rejected.WRONG_SOURCE in blocked and qf.source:
        return RefusalReason(Refusal.CONSTRAINT_UNMET, (qf.source,), avail(Rejected.WRONG_SOURCE))
    if Rejected.WRONG_GROUP in blocked:
        what = " ".join(w for w in (qf.group, qf.counted_text) if w) or "what was asked"
        return RefusalReason(Refusal.CONSTRAINT_UNMET, (what,), avail(Rejected.WRONG_GROUP))
    if Rejected.WRONG_PLACE in blocked and qf.places:
        return RefusalReason(Refusal.CONSTRAINT_UNMET, qf.places, avail(Rejected.WRONG_PLACE))
    if Rejected.MISSING_ENTITY in blocked:
        return RefusalReason(Refusal.NO_FIGURE, (f"the {qf.unit} of {' / '.join(measured_names(qf))}",),
                             answer_type=qf.answer_type)
    what = f"the {min(qf.lemmas & L.MONEY_WORDS)}" if asks_money(qf) and qf.lemmas & L.MONEY_WORDS else \
        qf.counted_text or qf.unit
    return RefusalReason(Refusal.NO_FIGURE, tuple(w for w in (what,) if w), answer_type=qf.answer_type)


def newest_first(rows: list[FigureRow], dates: Mapping[str, "ArticleDate | None"] | None) -> list[FigureRow]:
    """For a question about now: the headline figure stays first, the others follow newest article first (ties
    and undated ones keep their order; undated last), so that figures of different dates read in order.
    A headline whose sentence is background (``qa.timeline.looks_back``: it names a year before the newest
    article's, "was raised in 2018 by 30") gives way to the first figure after it from a newer article whose
    sentence is not: the question asks what holds now."""
    if not dates or not rows:
        return rows

    def day(row: FigureRow):
        d = dates.get(row.evidence.sentence.doc_id)
        return d.date if d else None

    rows = _current_headline(rows, [day(r) for r in rows])
    if len(rows) < 3:
        return rows
    return rows[:1] + order_by_date(rows[1:], [day(r) for r in rows[1:]], newest_first=True)


def _current_headline(rows: list[FigureRow], days: list) -> list[FigureRow]:
    """``rows`` with the first figure of a newer article that does not look back moved before a headline that
    does (``newest_first``); unchanged otherwise."""
    newest = max((d for d in days if d is not None), default=None)
    if newest is None or not looks_back(rows[0].evidence.sentence.text, newest.year):
        return rows
    for k in range(1, len(rows)):
        newer = days[k] is not None and (days[0] is None or days[k] > days[0])
        if newer and not looks_back(rows[k].evidence.sentence.text, newest.year):
            return [rows[k], *rows[:k], *rows[k + 1:]]
    return rows
