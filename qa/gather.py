"""Short answers gathered across cited sentences for questions about several named actors: "What
did X and Y each say?" is answered by a statement of each, not by the top sentence alone."""
from __future__ import annotations

from qa import lexicon as L
from qa.frames import AnswerType, QuestionFrame
from qa.reader import Reader, same_name
from qa.retrieve import Evidence
from qa.spans import in_question, spans_in
from qa.config import SPANS, Config, SpanConfig
from qa.names import normalise

# Answer types whose answer is a statement, which the next sentence may continue ("He added ...").
STATEMENT_TYPES = (AnswerType.OTHER, AnswerType.MANNER, AnswerType.LIST, AnswerType.ENTITY)


def each_actor(qf: QuestionFrame, evidence: list[Evidence], reader: Reader) -> list[Evidence]:
    """For a statement question about two or more named actors that asks what each said or did
    (``lexicon.EACH_WORDS``), the first sentence attributed to each (its speaker, else a name of its
    own), in the question's order; empty unless at least two actors have one."""
    if qf.answer_type not in STATEMENT_TYPES or not (qf.lemmas | {w.lower() for w in qf.text.split()}) & L.EACH_WORDS:
        return []
    actors = [e.text for e in qf.entities if e.kind in (AnswerType.PERSON, AnswerType.ORG, AnswerType.PLACE)]
    actors = list(dict.fromkeys(actors))
    if len(actors) < 2:
        return []
    out: list[Evidence] = []
    for actor in actors:
        said = [e for e in evidence if (w := reader.speaker(e.row)) is not None and same_name(w.label, actor)]
        named = [e for e in evidence if any(same_name(x.text, actor) for x in reader.frame(e.row).entities)]
        ev = (said or named or [None])[0]
        if ev is not None and all(ev.row != o.row for o in out):
            out.append(ev)
    return out if len(out) >= 2 else []


def gather_items(qf: QuestionFrame, pool: list[Evidence], chosen: list[Evidence], reader: Reader, cfg: Config,
                    sc: SpanConfig = SPANS) -> list[Evidence]:
    """For a list question whose cited sentences hold items, the next best sentences of any article, cited or
    not (up to ``cfg.list_sentences``, within ``cfg.list_window`` of the best score), that each name a new span
    of the asked type and share a content word with the question besides the type word: a list's items are
    often spread over several sentences and reports, and the best window holds only some of them."""
    if cfg.list_sentences <= 0 or not pool or not chosen:
        return []
    top = max(e.score for e in pool)
    words = set(qf.lemmas) - {qf.type_word}
    have = {normalise(sp.text) for e in chosen for sp in spans_in(qf, reader.frame(e.row), sc)}
    if not have:  # no item in the cited sentences: the question may ask for something no span names
        return []
    out: list[Evidence] = []
    for ev in pool:
        if len(out) >= cfg.list_sentences:
            break
        if ev.score < top - cfg.list_window or ev.sentence.caption:
            continue
        frame = reader.frame(ev.row)
        new = [sp for sp in spans_in(qf, frame, sc) if normalise(sp.text) not in have and not in_question(qf, sp.text)]
        if not new or not (frame.lemmas & words):
            continue
        out.append(ev)
        have |= {normalise(sp.text) for sp in new}
    return out


__all__ = ["STATEMENT_TYPES", "gather_items", "each_actor"]
