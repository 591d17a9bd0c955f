"""Short answers gathered across cited sentences for questions about several named actors: "What
did X and Y each say?" is answered by a statement of each, not by the top sentence alone."""
from __future__ import annotations

from qa import lexicon as L
from qa.frames import AnswerType, QuestionFrame
from qa.reader import Reader, same_name
from qa.retrieve import Evidence

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


__all__ = ["STATEMENT_TYPES", "each_actor"]
