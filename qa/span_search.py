"""The short answer across the evidence: the first sentence near the top that holds a span of the expected type
(``find_span``), every span of the type across the cited sentences (``list_items``) and the sentence that says what
X is (``defined``). The spans of one sentence are ranked by ``qa.spans.spans_in``."""
from __future__ import annotations

from dataclasses import dataclass, replace

from qa.config import SPANS, Config, SpanConfig
from qa.continuation import continuation
from qa.date_units import date_fits
from qa.describe import definition_target, description
from qa.frames import AnswerType, EvidenceFrame, QuestionFrame, Span
from qa.reader import Reader
from qa.retrieve import Evidence
from qa.roles import coordinated
from qa.spans import called_as_asked, headed_spans, in_question, span_key, spans_in, typed


@dataclass(frozen=True)
class Found:
    evidence: Evidence  # the sentence that holds the span
    span: Span  # offsets inside evidence.sentence.text
    statement: Evidence | None = None  # the sentence that answers, when the span is its speaker found before it


def window(evidence: list[Evidence], cfg: Config, width: float) -> list[Evidence]:
    if not evidence:
        return []
    top = evidence[0].score
    return [e for e in evidence if e.score >= max(cfg.min_score, top - width)]


def find_span(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, cfg: Config,
              sc: SpanConfig = SPANS) -> Found | None:
    """The best sentence near the top that holds a span of the expected type, and that span. A date
    question that names its unit ("which day") takes the first date of that unit in the window, else
    the first date (with ``SpanConfig.date_units_strict``: else none)."""
    if qf.answer_type is AnswerType.DATE and qf.type_word in DATE_UNITS:
        strict = _find_span(qf, evidence, reader, cfg, lambda sp: date_fits(qf.type_word, sp.text), sc)
        if strict is not None or sc.date_units_strict:
            return strict  # strict: "on what date" is not answered by "24 years" or "recently"
    return _find_span(qf, evidence, reader, cfg, lambda sp: True, sc)


DATE_UNITS = ("weekday", "ordinal", "day", "date", "month", "year")


def _find_span(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, cfg: Config, fits,
               sc: SpanConfig = SPANS) -> Found | None:
    cands = window(evidence, cfg, cfg.span_window)
    weak: Found | None = None  # the first span that is only an attribute, or from a photo caption
    for ev, frame in zip(cands, reader.frames([e.row for e in cands])):
        if qf.asks_source and (frame.speaker is None or frame.speaker_is_pronoun):
            who = reader.speaker(ev.row)  # '"...," he added.': the speaker named before
            if who is not None and who.row != ev.row and not in_question(qf, who.label) \
                    and called_as_asked(qf, reader.store.sentences[who.row].text, Span(who.label, who.start, who.end), sc):
                src = replace(ev, sentence=reader.store.sentences[who.row], row=who.row)
                return Found(src, Span(src.sentence.text[who.start:who.end], who.start, who.end), statement=ev)
        spans = [sp for sp in spans_in(qf, frame, sc) if fits(sp)] or _source_span(qf, frame, sc)
        if spans and (ev.sentence.caption or getattr(spans[0], "modifier", False)):
            weak = weak or Found(ev, spans[0])
        elif spans:
            return Found(ev, _joined(ev.sentence.text, spans[0], spans))
    return weak


def _source_span(qf: QuestionFrame, frame: EvidenceFrame, sc: SpanConfig) -> list[Span]:
    """For "who / whose" with no name of the type in the sentence, the source it states in words: the
    subject of its reporting verb or the X of "according to X" ("Coastal intelligence sources assessed
    ...", "according to Nordic and allied estimates")."""
    sp = frame.speaker
    if qf.answer_type not in (AnswerType.PERSON, AnswerType.ORG) or sp is None or frame.speaker_is_pronoun \
            or in_question(qf, sp.text) or not called_as_asked(qf, frame.text, sp, sc):
        return []
    return [sp]


def _joined(text: str, span: Span, spans: list[Span]) -> Span:
    """``span`` with the names coordinated with it that are spans of the type too: "Oslo and Bern"."""
    a, b = coordinated(text, span.start, span.end)
    if (a, b) == (span.start, span.end):
        return span
    inside = [sp for sp in spans if a <= sp.start and sp.end <= b]
    if len(inside) < 2:
        return span
    return Span(text[a:b], a, b)


def list_items(qf: QuestionFrame, cited: list[Evidence], reader: Reader, cfg: Config, sc: SpanConfig = SPANS
               ) -> tuple[list[Found], list[int]]:
    """Every span of the expected type across the cited sentences and the sentences that continue
    them ("He added ..."); returns the items and the continuation rows to cite as well."""
    items: list[Found] = []
    extra: list[int] = []
    seen: set[str] = set()
    rows = [e.row for e in cited]
    for ev in cited:
        group = [(ev, reader.frame(ev.row))]
        nev = continuation(reader, ev, set(rows))
        if nev is not None:
            group.append((nev, reader.frame(nev.row)))
        for e, frame in group:
            for span in spans_in(qf, frame, sc) if typed(qf) else headed_spans(qf, frame):
                key = span_key(span.text)
                if key in seen:
                    continue
                seen.add(key)
                items.append(Found(e, span))
                if e.row != ev.row and e.row not in extra:
                    extra.append(e.row)
        if len(group) > 1 and group[1][0].row not in extra:
            extra.append(group[1][0].row)
    return items[: cfg.max_list_items], extra


def defined(qf: QuestionFrame, evidence: list[Evidence]) -> Found | None:
    """For "who is X" / "what is X" (``qa.describe.definition_target``), the first sentence of
    ``evidence`` that says what X is, and that description: a title, an appositive, an acronym's words."""
    target = definition_target(qf.text)
    if target is None:
        return None
    for ev in evidence:
        at = description(ev.sentence.text, target)
        if at is not None and not in_question(qf, ev.sentence.text[at[0]:at[1]]):
            return Found(ev, Span(ev.sentence.text[at[0]:at[1]], at[0], at[1]))
    return None
