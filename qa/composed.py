"""What composing an answer produces: ``Draft`` (an answer under construction, numbering its citations)
and ``Composed`` (the finished answer, short answer, citations, figures and refusal) -- shared by the
sentence and figure composers in ``qa.answer``."""
from __future__ import annotations

from dataclasses import dataclass, field

from qa.frames import AnswerSpan, QuestionFrame, RefusalReason, Used
from qa.retrieve import Evidence


@dataclass
class Draft:
    """An answer under construction: the evidence each [n] refers to and why it is cited."""

    cited: list[Evidence] = field(default_factory=list)
    used: list[Used] = field(default_factory=list)

    def cite(self, ev: Evidence, why: Used = Used.CONTEXT) -> str:
        return f"[{self.number_of(ev, why)}]"

    def number_of(self, ev: Evidence, why: Used = Used.CONTEXT) -> int:
        for i, e in enumerate(self.cited):
            if e.row == ev.row:
                return i + 1
        self.cited.append(ev)
        self.used.append(why)
        return len(self.cited)


@dataclass(frozen=True)
class Composed:
    answer: str
    short_answer: str | None
    answerable: bool
    cited: tuple[Evidence, ...]
    used: tuple[Used, ...] = ()
    figures: tuple[dict, ...] = ()
    span: AnswerSpan | None = None
    refusal: RefusalReason | None = None
    frame: QuestionFrame | None = None
