"""Compose an extractive, cited answer: the sentence that satisfies the question's constraints,
and the span of the expected type inside it.

Every sentence of the answer quotes an article sentence verbatim or states a figure taken from
one, with the [n] marker of its citation. A refusal carries a typed reason (``RefusalReason``).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from index.lexical import fold_variant
from qa import lexicon as L
from qa.config import RANK, SPANS, Config, RankConfig, SpanConfig, TimeConfig
from qa.choose import prefer_answers
from qa.constraints import event_unmet
from qa.coverage import WordCache
from qa.frames import AnswerSpan, AnswerType, FigureKind, QuestionFrame, Refusal, RefusalReason, Used
from qa.gather import STATEMENT_TYPES as _STATEMENT_TYPES, gather_items, each_actor
from qa.guarding import not_evidence
from qa.inventory import compose_inventory
from qa.names import CorpusNames
from qa.numbers import Quantity, format_value
from qa.parse import question_doc, question_frame
from qa.rank import rerank
from qa.reader import Reader, same_name
from qa.retrieve import Evidence, Retrieval, diversify
from qa.select import FigureRow, newest_first, select_figures
from qa.setting_check import figure_setting_unmet
from qa.roles import asks_manner, asks_several, coordinations, manner_phrase
from qa.continuation import continuation
from qa.span_search import defined, list_items, window
from qa.spans import in_question, spans_in, typed
from qa.composed import Composed, Draft
from qa.predicate_check import gate_figures, gate_sentences
from qa.refusal import TRACE, rank_signals, read_signals, rule_refusal
from qa.refusal_model import model_reason, p_answerable, reads_rank, reads_store
from qa.timeline import ArticleDate, TimeFocus, prefer_recent, reported_note, time_focus


def _refuse(reason: RefusalReason, best: list[Evidence], qf: QuestionFrame) -> Composed:
    draft = Draft()
    text = f"The articles don't say: {reason.message()}."
    if best and reason.code is not Refusal.ENTITY_NOT_IN_CORPUS:
        near = best[0]
        text += f" The closest passage is: \u201c{near.sentence.text}\u201d {draft.cite(near, Used.CLOSEST)}"
    return Composed(text, None, False, tuple(draft.cited), tuple(draft.used), refusal=reason, frame=qf)


def _instruction(reader: Reader, ev: Evidence) -> bool:
    """qa.guard's verdict: from the sentence's frame when it is parsed already (warm stores), else
    from the text (the guard parses only sentences with a trigger word)."""
    frame = reader.cache.peek(ev.sentence.id)
    return frame.instruction is not None if frame is not None else not_evidence(ev.sentence.text)


def _recent_first(qf: QuestionFrame, evidence: list[Evidence], dates: Mapping[str, ArticleDate | None] | None,
                  time_cfg: TimeConfig, min_score: float, as_of=None, question: str = "") -> tuple[list[Evidence], bool]:
    """For a question about now (``QuestionFrame.about_now``), or asked on a known day ``as_of`` with no
    time of its own, the relevant evidence re-ranked towards the articles dated nearest that day (else
    the newest; ``qa.timeline.prefer_recent``). Recency orders what is relevant; it never lifts a
    sentence over ``min_score``."""
    if not dates or not evidence:
        return evidence, False
    if not qf.about_now and not (as_of is not None and time_cfg.as_of_unmarked
                                 and time_focus(question_doc(question)) is TimeFocus.UNMARKED):
        return evidence, False
    evidence = [e for e in evidence if e.score >= min_score]
    if not evidence:
        return evidence, False
    ds = [dates.get(e.sentence.doc_id) for e in evidence]
    ranked = prefer_recent(evidence, [e.score for e in evidence], [d.date if d else None for d in ds], time_cfg,
                           as_of=as_of, texts=[e.sentence.text for e in evidence])
    return [replace(r.item, score=r.score) for r in ranked], True


def compose_ask(question: str, retrieval: Retrieval, reader: Reader, words: WordCache, names: CorpusNames,
                cfg: Config, dates: Mapping[str, ArticleDate | None] | None = None,
                time_cfg: TimeConfig = TimeConfig(), *, as_of=None, span_cfg: SpanConfig = SPANS,
                rank_cfg: RankConfig = RANK) -> Composed:
    """``as_of``: the day the question is asked (``datetime.date``), when known (``Engine.ask``); ``span_cfg``:
    how candidate spans are ranked (``qa.spans``); ``rank_cfg``: the learned evidence ranker (``qa.rank``)."""
    qf = question_frame(question)
    ev_all = [e for e in retrieval.evidence if not _instruction(reader, e)]
    ev_raw = ev_all  # retrieval's order, before recency keeps only the relevant ones
    raw_top = ev_all[0].score if ev_all else 0.0
    ev_all, about_now = _recent_first(qf, ev_all, dates, time_cfg, cfg.min_score, as_of, question)
    ev_all = prefer_answers(qf, question, ev_all, reader, cfg)  # qa.choose: the answer over the echo
    hand = ev_all
    ranked = rerank(qf, question, ev_all, reader, cfg.min_score, dates, about_now, as_of, cfg=rank_cfg)  # qa.rank
    # the refusal's coverage reads the sentences in the hand-ruled order (the ranker picks what is cited)
    best_hand = diversify(ev_all, 6, per_article=cfg.answer_per_article, min_score=cfg.min_score)
    best = best_hand if ranked is ev_all else diversify(ranked, 6, per_article=cfg.answer_per_article,
                                                        min_score=cfg.min_score)
    ev_all = ranked
    listed = _inventory(question, qf, ev_all, reader, words, names, cfg)  # "which X are named in the articles"
    if listed is not None:
        return _dated(listed, dates) if about_now else listed
    top = raw_top if ev_all else 0.0  # the refusal reads retrieval's score, not the re-ordered one
    doc = question_doc(question)
    learned = cfg.refusal_model or TRACE.get() is not None
    sig, found = read_signals(question, qf, doc, ev_all, ev_raw, best_hand, top, reader, words, names, cfg, dates,
                              span_cfg, every=learned,
                              store_aware=TRACE.get() is not None or (cfg.refusal_model and reads_store()))
    if (TRACE.get() is not None or (cfg.refusal_model and reads_rank())) and not sig.absent and sig.has_evidence:
        # the ranker's view of the hand-ordered candidates (qa.rank), when the refusal model's weights read it
        sig = rank_signals(sig, qf, question, hand, reader, cfg, dates, about_now, as_of)
    reason = rule_refusal(sig)
    if TRACE.get() is not None:
        TRACE.get().append((question, sig))
    if cfg.refusal_model and not sig.absent and best:  # a name no article mentions, or no passage: refused by rule
        refuse = cfg.refusal_min_p > 0 and p_answerable(sig) < cfg.refusal_min_p  # 0: the branch is open
        reason = (reason or model_reason(sig)) if refuse else None
    if reason is not None:
        return _refuse(reason, best, qf)
    missing = list(sig.missing)
    if qf.is_figure:
        rows, refusal, _ = select_figures(qf, ev_all, reader, words, cfg, names)
        if refusal is not None and not (refusal.code is Refusal.NO_FIGURE and _amount_of_a_thing(qf, doc)):
            return _refuse(refusal, best, qf)
        unmet = event_unmet(qf, rows, reader) or figure_setting_unmet(qf, rows, reader, cfg) \
            or gate_figures(qf, doc, rows, reader, words, cfg)  # qa.predicate_check
        if unmet is not None:
            return _refuse(unmet, best, qf)
        if rows:
            rows = newest_first(rows, dates) if about_now else rows  # the others by date, as the note gives them
            out = _compose_figures(qf, rows, cfg.max_list_items)
            return _dated(out, dates) if about_now else out
        if qf.counted and missing:
            return _refuse(RefusalReason(Refusal.NO_FIGURE, (qf.counted_text or qf.counted,)), best, qf)
        if qf.unit and qf.unit in L.MEASURE_NOUNS:  # "what is the range of ...": no measurement given
            return _refuse(RefusalReason(Refusal.NO_FIGURE, (qf.unit,), answer_type=qf.answer_type), best, qf)
    if typed(qf) and found is None and (qf.answer_type is AnswerType.DATE or qf.wants_name
                                        or (qf.answer_type is AnswerType.PERSON and qf.type_word
                                            and qf.type_word not in L.GENERIC_PERSON_NOUNS)):
        return _refuse(RefusalReason(Refusal.NO_TYPED_ANSWER, answer_type=qf.answer_type), best, qf)
    unmet, best, found = gate_sentences(qf, doc, best, found, ev_all, reader, words, cfg, span_cfg)  # asked verb/type
    if unmet is not None:
        return _refuse(unmet, best, qf)
    out = _compose_sentences(qf, best, found, reader, cfg, span_cfg, pool=ev_all)
    return _dated(out, dates) if about_now else out


def _inventory(question: str, qf: QuestionFrame, pool: list[Evidence], reader: Reader, words: WordCache,
               names: CorpusNames, cfg: Config) -> Composed | None:
    """A list question over the articles themselves, answered by every sentence that names an item
    (``qa.inventory``): its items are spread over sentences retrieval ranks low."""
    def similar(word: str, others: list[str]) -> bool:
        return words.nearest(word, others) >= cfg.word_sim_covered

    out = compose_inventory(question, pool, reader, lambda t: in_question(qf, t), cfg, names.aliases_for, similar,
                            lambda ev: _attributed(reader, ev))
    return replace(out, frame=qf) if out is not None else None


def _amount_of_a_thing(qf: QuestionFrame, doc) -> bool:
    """"How much of X" / "how much detail": an amount of a thing that no unit measures, which articles often
    give in words ("a swath of land", "no further details"); with no figure for it the answer is a sentence,
    as when the passages hold no figure at all. A bare "how much is X paying" asks for a sum: refused."""
    if qf.unit not in L.WORDED_AMOUNTS or qf.counted:
        return False
    return any(t.lower_ in L.WORDED_AMOUNTS and t.i + 1 < len(doc) and t.i and doc[t.i - 1].lower_ == "how"
               and (doc[t.i + 1].lower_ == "of" or doc[t.i + 1].pos_ == "NOUN") for t in doc)


def _dated(out: Composed, dates: Mapping[str, ArticleDate | None] | None) -> Composed:
    """A question about now says when its sources were published, newest first (``qa.timeline.reported_note``):
    "(Reported 5 January 2023.)", or with several dates "(Reported December 2024 [1]; November 2024 [2].)"."""
    if not out.cited or not dates:
        return out
    if dates.get(out.cited[0].sentence.doc_id) is None:
        return out
    note = reported_note([(i + 1, dates.get(e.sentence.doc_id)) for i, e in enumerate(out.cited)])
    return replace(out, answer=f"{out.answer} {note}") if note else out


def _compose_sentences(qf: QuestionFrame, best: list[Evidence], found, reader: Reader, cfg: Config,
                       span_cfg: SpanConfig = SPANS, pool: list[Evidence] | None = None) -> Composed:
    """``pool``: every relevant sentence, best first; a list question gathers from other articles' too."""
    draft = Draft()
    chosen = window(best, cfg, cfg.answer_window)
    if typed(qf) and cfg.typed_context_first:  # context sentences that also name a span of the asked type first
        spans = {e.row for e, f in zip(chosen, reader.frames([e.row for e in chosen])) if spans_in(qf, f, span_cfg)}
        chosen = [e for e in chosen if e.row in spans] + [e for e in chosen if e.row not in spans]
    chosen = chosen[: cfg.max_answer_sentences]
    found = defined(qf, chosen + [e for e in best if e not in chosen]) or found  # "who is X": X's title
    if found is not None:
        lead = found.statement or found.evidence
        chosen = [lead] + [e for e in chosen if e.row != lead.row][: cfg.max_answer_sentences - 1]
    lines: list[str] = []
    extra_rows: list[int] = []
    items = []
    if qf.wants_list or qf.answer_type is AnswerType.LIST:
        if typed(qf):  # items spread over several reports: the best sentence of each other article too
            chosen = chosen + gather_items(qf, pool or best, chosen, reader, cfg, span_cfg)
        items, extra_rows = list_items(qf, chosen, reader, cfg, span_cfg)
    if not extra_rows and qf.answer_type in _STATEMENT_TYPES and chosen:
        # "What did X say ...": a statement goes on in the next sentence ("He added ...")
        nev = continuation(reader, chosen[0], {e.row for e in chosen})
        extra_rows = [nev.row] if nev is not None else []
    for ev in chosen:  # the text first, so that citations are numbered in order of first use
        lines.append(f"{_attributed(reader, ev)} {draft.cite(ev, Used.ANSWER if ev is chosen[0] else Used.CONTEXT)}")
        nev = continuation(reader, ev) if extra_rows else None
        if nev is not None and nev.row in extra_rows:
            lines.append(f"{nev.sentence.text} {draft.cite(nev, Used.CONTINUATION)}")
    short, span = None, None
    if items:
        short = ", ".join(it.span.text for it in items)
        first = items[0]
        span = AnswerSpan(draft.number_of(first.evidence, Used.LIST_ITEM), first.span.start, first.span.end)
    elif found is not None:
        n = draft.number_of(found.evidence, Used.ANSWER)
        short, span = found.span.text, AnswerSpan(n, found.span.start, found.span.end)
    if short is None:
        top = chosen[0]
        n = draft.number_of(top)
        short, span = top.sentence.text, AnswerSpan(n, 0, len(top.sentence.text))
        each = each_actor(qf, chosen + [e for e in best if e not in chosen], reader)
        if each:  # "What did X and Y each say?": the statement of each, cited
            for e in each:  # a statement not cited yet joins the answer's text with its citation
                if all(c.row != e.row for c in draft.cited):
                    lines.append(f"{_attributed(reader, e)} {draft.cite(e, Used.ANSWER)}")
            top, n = each[0], draft.number_of(each[0])
            short, span = "; ".join(e.sentence.text for e in each), AnswerSpan(n, 0, len(top.sentence.text))
        nxt = continuation(reader, top) if extra_rows and not each else None
        if nxt is not None and nxt.row in extra_rows:  # "He added ...": the statement goes on, cited with it
            short = f"{short} {nxt.sentence.text}"
        how = _manner(qf, top.sentence.text)
        if how is not None:  # "How did X reach Y?": "via email", not the whole sentence
            short, span = top.sentence.text[how[0]:how[1]], AnswerSpan(n, how[0], how[1])
        lists = [(ev, at) for ev in chosen for at in [_coordinated_list(qf, ev.sentence.text)] if at is not None]
        if lists:  # "What weapons ...?": the nouns each cited sentence coordinates, not the sentences
            ev, (a, b) = lists[0]
            short = "; ".join(dict.fromkeys(e.sentence.text[x:y] for e, (x, y) in lists))
            span = AnswerSpan(draft.number_of(ev), a, b)
        stated = [top] + ([nxt] if nxt is not None and nxt.row in extra_rows else []) + chosen[1:]
        reasons = [(ev, f.reason) for ev, f in zip(stated, reader.frames([e.row for e in stated]))
                   if f.reason is not None] if qf.answer_type is AnswerType.REASON else []
        if reasons:  # "why": the reason or purpose the first cited sentence (or its continuation) that gives one states
            ev, (a, b) = reasons[0]
            short, span = ev.sentence.text[a:b], AnswerSpan(draft.number_of(ev), a, b)
        if qf.answer_type is AnswerType.PERSON:
            who = reader.speaker(top.row)
            if who is not None and who.row == top.row:
                short, span = who.label, AnswerSpan(n, who.start, who.end)
            elif who is not None and not in_question(qf, who.label):
                # '"...," he added.': the person is named in the sentence the pronoun points back to
                src = replace(top, sentence=reader.store.sentences[who.row], row=who.row)
                m = draft.number_of(src, Used.SPEAKER)
                short, span = who.label, AnswerSpan(m, who.start, who.end)
    return Composed(" ".join(lines), short, True, tuple(draft.cited), tuple(draft.used), span=span, frame=qf)


def _question_lemmas(qf: QuestionFrame) -> frozenset[str]:
    """The question's lemmas and its event verb: the words a manner phrase or a list hangs from."""
    return frozenset(qf.lemmas | ({qf.event} if qf.event else set()))


def _manner(qf: QuestionFrame, text: str) -> tuple[int, int] | None:
    """For "how did X do Y", the manner phrase of ``text`` (``qa.describe.manner_phrase``)."""
    if qf.answer_type is not AnswerType.MANNER or not asks_manner(qf.text):
        return None
    return manner_phrase(text, _question_lemmas(qf), lambda t: in_question(qf, t))


def _coordinated_list(qf: QuestionFrame, text: str) -> tuple[int, int] | None:
    """For a list question with no typed items, the coordinated nouns of ``text`` the question's words
    lead to (``qa.describe.coordinations``)."""
    if not (qf.wants_list or qf.answer_type is AnswerType.LIST):
        return None
    found = coordinations(text, lambda t: in_question(qf, t), qf.type_word, _question_lemmas(qf))
    return found[0] if found else None


_OPEN_QUOTES = "“\"‘"  # a name inside a quote is not the speaker's: '"Okafor is focused ...," he added'


def _attributed(reader: Reader, ev: Evidence) -> str:
    """The sentence, verbatim. A statement attributed only by a pronoun ("he added") or a quote that
    continues one is prefixed with the speaker found before it; a caption is labelled."""
    text = ev.sentence.text
    art = reader.store.articles.get(ev.sentence.doc_id)
    if ev.sentence.caption:
        label = (art.outlet or art.title) if art else ev.sentence.doc_id
        return f"(photo caption, {label}) {text}"
    frame = reader.frame(ev.row)
    if frame.speaker is not None and frame.speaker_is_pronoun and any(
            e.end <= frame.speaker.start and e.kind in (AnswerType.PERSON, AnswerType.ORG, AnswerType.PLACE)
            and not any(q in text[:e.start] for q in _OPEN_QUOTES) for e in frame.entities):
        return text  # "Oslo presses allies as it says ...": the pronoun's name is in the sentence
    if frame.speaker is None or frame.speaker_is_pronoun:
        who = reader.speaker(ev.row)
        if who is not None and who.row != ev.row and who.label.lower() not in text.lower():
            return f"{who.label}: {text}"
    return text


def _value(row: FigureRow) -> str:
    f = row.figure
    v = format_value(Quantity(f.text, f.start, f.end, f.low, f.high, f.approx, f.bound, f.unit))
    if f.kind is FigureKind.MEASUREMENT and f.unit and f.unit not in v:
        v = f"{v} {f.unit}"
    after = row.evidence.sentence.text[f.end:].split(maxsplit=1)
    word = after[0].strip(",.;:”\"'") if after else ""
    if f.counted is None and any(word.lower() in g for g in L.COUNT_GROUPS):
        v = f"{v} {word}"  # "about 100 dead", "1,000 wounded": what the bare number counts
    return v


def _hedge_asked(qf: QuestionFrame, row: FigureRow) -> bool:
    """The question itself says the word that hedges the figure ("planning" for "planning to"): it asks
    for that plan or projection, not for a count."""
    words = (row.figure.hedge or "").lower().split()
    return bool(words) and len(words[0]) >= 4 and words[0][:4] in {w[:4] for w in qf.lemmas if len(w) >= 4}


def _compose_figures(qf: QuestionFrame, rows: list[FigureRow], max_items: int) -> Composed:
    draft = Draft()
    expected = qf.event in L.FORWARD_VERBS  # "how many does X expect": the expectation is the answer
    # a measurement answers "how far" and "how many years" (select_figures kept only those of the asked unit)
    asked = [r for r in rows if _hedge_asked(qf, r)]  # "how many did X say Y was *planning* to send": the plan
    counts = asked + [r for r in rows if r not in asked and (r.figure.is_count or expected or (
        (qf.answer_type is AnswerType.QUANTITY or qf.unit) and r.kind is FigureKind.MEASUREMENT))]
    if qf.counted:  # a figure that counts a noun before a bare number ("1,000 wounded") for "how many soldiers"
        counts.sort(key=lambda r: r not in asked and r.figure.counted is None)
    other = [r for r in rows if r not in counts]
    parts: list[str] = []
    lead = counts[0] if counts else None

    def who(r: FigureRow) -> str | None:
        return r.speaker.label if r.speaker else None

    if lead is not None:
        v = _value(lead)
        src = f"according to {who(lead)}" if who(lead) else "according to the article"
        cite = draft.cite(lead.evidence, Used.FIGURE)
        if lead.kind is FigureKind.ESTIMATE and not v.startswith(("up to", "more than", "at least")):
            parts.append(f"About {v.lstrip('≈~').replace('about ', '')}, {src} ({lead.kind.value}) {cite}.")
        else:
            parts.append(f"{v[0].upper() + v[1:]}, {src} ({lead.kind.value}) {cite}.")
        rest = [r for r in counts[1:] if (r.figure.low, r.figure.high) != (lead.figure.low, lead.figure.high)
                or who(r) != who(lead)]
        if rest:
            parts.append("Other reported figures: " + "; ".join(
                f"{_value(r)} ({who(r) or 'unattributed'}, {r.kind.value}) {draft.cite(r.evidence, Used.FIGURE)}"
                for r in rest) + ".")
    if other:
        label = "Warnings, projections and plans (not counts): " if lead is not None else \
            "The articles give no count, only warnings, projections or plans: "
        parts.append(label + "; ".join(
            f"{_value(r)} ({who(r) or 'unattributed'}, {r.kind.value}"
            f"{': ' + repr(r.figure.hedge) if r.figure.hedge else ''}) {draft.cite(r.evidence, Used.FIGURE)}"
            for r in other) + ".")
    head = lead or other[0]
    short = _value(head) if lead is not None else f"{_value(head)} ({head.kind.value})"
    if asks_several(qf.text):  # "what figures did X give": every figure, X's first (or all when X gave one)
        shown = counts + other
        mine = [r for r in shown if who(r) and who(head) and same_name(who(r), who(head))]
        values = list(dict.fromkeys(_value(r) for r in (mine if len(mine) > 1 else shown)))
        short = "; ".join(values[:max_items])
    span = AnswerSpan(draft.number_of(head.evidence), head.figure.start, head.figure.end)
    figs = tuple({"value": _value(r), "low": r.figure.low, "high": r.figure.high, "speaker": who(r),
                  "kind": r.kind.value, "citation": draft.number_of(r.evidence), "doc_id": r.evidence.sentence.doc_id,
                  "hedge": r.figure.hedge} for r in rows)
    return Composed(" ".join(parts), short, True, tuple(draft.cited), tuple(draft.used), figs, span, frame=qf)
