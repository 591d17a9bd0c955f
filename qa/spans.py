"""The short answer as a span of a cited sentence: an entity of the expected type that is not a
name the question already uses ("Who met Jensen?" is not answered "Jensen")."""
from __future__ import annotations

from dataclasses import dataclass

from qa.config import Config
from qa.frames import AnswerType, Entity, EvidenceFrame, QuestionFrame, Span
from qa.names import normalise
from qa.reader import Reader, same_name
from qa.retrieve import Evidence

# Entity kinds that answer each typed question, in order of preference; extra spaCy labels after them.
ACCEPTS: dict[AnswerType, tuple[AnswerType, ...]] = {
    AnswerType.PERSON: (AnswerType.PERSON, AnswerType.ORG),
    AnswerType.ORG: (AnswerType.ORG,),
    AnswerType.PLACE: (AnswerType.PLACE,),
    AnswerType.DATE: (AnswerType.DATE,),
}
EXTRA_LABELS: dict[AnswerType, tuple[str, ...]] = {
    AnswerType.ORG: ("NORP", "WORK_OF_ART", "PRODUCT"),
    AnswerType.PLACE: ("NORP",),
}


def typed(qf: QuestionFrame) -> bool:
    """Does the question expect a span of a named type (person, organisation, place, date)?"""
    return qf.answer_type in ACCEPTS


@dataclass(frozen=True)
class Found:
    evidence: Evidence
    span: Span  # offsets inside evidence.sentence.text


def _in_question(qf: QuestionFrame, text: str) -> bool:
    n = normalise(text)
    if not n:
        return True
    return f" {n} " in f" {normalise(qf.text)} " or any(same_name(text, e.text) for e in qf.entities)


def spans_in(qf: QuestionFrame, frame: EvidenceFrame) -> list[Span]:
    """Spans of the expected type in one sentence, best first."""
    out: list[Span] = []
    if qf.answer_type in (AnswerType.PERSON, AnswerType.ORG) and qf.asks_source and frame.speaker \
            and not frame.speaker_is_pronoun and not _in_question(qf, frame.speaker.text):
        out.append(frame.speaker)
    kinds = ACCEPTS.get(qf.answer_type, ())
    if qf.type_word and qf.answer_type is AnswerType.PERSON:
        kinds = (AnswerType.PERSON,)  # "which official": a person, not an organisation
    for kind in kinds:
        out += [e for e in frame.entities if e.kind is kind and not _in_question(qf, e.text)]
    extra = EXTRA_LABELS.get(qf.answer_type, ())
    out += [e for e in frame.entities if e.label in extra and not _in_question(qf, e.text)]
    uniq: dict[str, Span] = {}
    for s in out:
        uniq.setdefault(normalise(s.text), s)
    spans = list(uniq.values())
    if len(spans) > 1 and not (qf.asks_source and spans[0] is frame.speaker):
        near = [_nearness(qf, frame.text, s) for s in spans]
        spans = [s for _, s in sorted(zip(near, spans), key=lambda p: -p[0])]  # stable: ties keep order
    return spans


NEAR_CHARS = 40  # how far around a span the question's words are looked for


def _nearness(qf: QuestionFrame, text: str, span: Span) -> int:
    """How many of the question's content words (5-letter stems) occur right around ``span``:
    "launched in February 2022" answers "when did ... launch", not "Tuesday" two clauses away."""
    around = normalise(text[max(0, span.start - NEAR_CHARS): span.start] + " " + text[span.end: span.end + NEAR_CHARS])
    stems = {w[:5] for w in around.split()}
    return sum(1 for lemma in qf.lemmas if lemma[:5] in stems)


def window(evidence: list[Evidence], cfg: Config, width: float) -> list[Evidence]:
    if not evidence:
        return []
    top = evidence[0].score
    return [e for e in evidence if e.score >= max(cfg.min_score, top - width)]


def find_span(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, cfg: Config) -> Found | None:
    """The best sentence near the top that holds a span of the expected type, and that span."""
    cands = window(evidence, cfg, cfg.span_window)
    for ev, frame in zip(cands, reader.frames([e.row for e in cands])):
        spans = spans_in(qf, frame)
        if spans:
            return Found(ev, spans[0])
    return None


def list_items(qf: QuestionFrame, cited: list[Evidence], reader: Reader, cfg: Config
               ) -> tuple[list[Found], list[int]]:
    """Every span of the expected type across the cited sentences and the sentences that continue
    them ("He added ..."); returns the items and the continuation rows to cite as well."""
    items: list[Found] = []
    extra: list[int] = []
    seen: set[str] = set()
    rows = [e.row for e in cited]
    for ev in cited:
        nxt = reader.neighbour(ev.row, 1)
        group = [(ev, reader.frame(ev.row))]
        if nxt is not None and nxt not in rows and reader.frame(nxt).continues:
            nev = Evidence(reader.store.sentences[nxt], nxt, ev.score, ev.dense, ev.lexical, ev.chunk_rank)
            group.append((nev, reader.frame(nxt)))
        for e, frame in group:
            for span in spans_in(qf, frame) if typed(qf) else []:
                key = normalise(span.text)
                if key in seen:
                    continue
                seen.add(key)
                items.append(Found(e, span))
                if e.row != ev.row and e.row not in extra:
                    extra.append(e.row)
        if len(group) > 1 and group[1][0].row not in extra:
            extra.append(group[1][0].row)
    return items[: cfg.max_list_items], extra


__all__ = ["ACCEPTS", "Found", "Entity", "find_span", "list_items", "spans_in", "typed", "window"]
