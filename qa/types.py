"""Plain records of an answer: citations, figures, the answer itself.

``Answer.to_dict()`` is the output contract of ``factqa ask --json`` / ``check --json``::

    {"question", "mode", "answer", "short_answer", "answerable", "verdict",
     "figures": [{"value", "low", "high", "speaker", "kind", "citation"}],
     "citations": [{"n", "doc_id", "title", "chunk_id", "quote", "start", "end", "score", "stance"}],
     "timings_ms": {"retrieve", "answer", "total"},
     "short_answer_span": {"citation", "start", "end"} | null,   # short_answer = citations[citation-1].quote[start:end]
     "refusal": {"code", "missing", "available", "answer_type", "message"} | null}   # why answerable is false
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

VERDICTS = ("supported", "refuted", "conflicting", "not_enough_evidence")
FIGURE_KINDS = ("count", "estimate", "projection", "plan", "measurement", "other")
STANCES = ("supports", "refutes", "neutral")


class _Record:
    """JSON round trip of a flat record: ``to_dict`` is ``asdict``; ``from_dict`` ignores unknown keys
    (an answer written by a newer version still loads)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]):
        keys = cls.__dataclass_fields__
        return cls(**{k: v for k, v in d.items() if k in keys})


@dataclass(frozen=True)
class Citation(_Record):
    n: int
    doc_id: str
    title: str
    chunk_id: str
    quote: str
    start: int
    end: int
    score: float
    stance: str | None = None
    # presentation extras (not part of the JSON contract's required keys, but harmless)
    outlet: str | None = None
    date: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Figure(_Record):
    value: str
    low: float | None
    high: float | None
    speaker: str | None
    kind: str
    citation: int
    doc_id: str | None = None
    hedge: str | None = None  # the hedge word that made it a projection/plan, if any


@dataclass(frozen=True)
class PartAnswer(_Record):
    """One part of a multi-part question (``qa.parts``): its sub-question, the label that tells it from the
    others, and its short answer with the span that points into the joined answer's citations."""

    question: str
    label: str | None
    answerable: bool
    short_answer: str | None
    span: dict[str, int] | None  # {"citation", "start", "end"} as ``Answer.short_answer_span``


@dataclass(frozen=True)
class Answer:
    question: str
    mode: str  # "ask" | "check"
    answer: str
    short_answer: str | None
    answerable: bool
    verdict: str | None
    figures: tuple[Figure, ...] = ()
    citations: tuple[Citation, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    query: str | None = None  # the query actually searched (after follow-up rewriting)
    retrieved: tuple[str, ...] = ()  # doc ids in retrieval rank order (for recall@k / MRR)
    reason: str | None = None  # one-line reason for a verdict
    short_answer_span: dict[str, int] | None = None  # {"citation": n, "start", "end"} inside that citation's quote
    refusal: dict[str, Any] | None = None  # qa.frames.RefusalReason.to_dict() when the question is refused
    parts: tuple[PartAnswer, ...] = ()  # a multi-part question's parts (qa.parts); in the JSON only when any

    @property
    def refusal_code(self) -> str | None:
        """The machine code of the refusal (``qa.frames.Refusal`` value), for callers that branch on it."""
        return self.refusal["code"] if self.refusal else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "mode": self.mode,
            "answer": self.answer,
            "short_answer": self.short_answer,
            "answerable": self.answerable,
            "verdict": self.verdict,
            "figures": [f.to_dict() for f in self.figures],
            "citations": [c.to_dict() for c in self.citations],
            "timings_ms": dict(self.timings_ms),
            "query": self.query,
            "retrieved": list(self.retrieved),
            "reason": self.reason,
            "short_answer_span": self.short_answer_span,
            "refusal": self.refusal,
            **({"parts": [p.to_dict() for p in self.parts]} if self.parts else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Answer":
        return cls(
            question=d["question"],
            mode=d["mode"],
            answer=d["answer"],
            short_answer=d.get("short_answer"),
            answerable=bool(d["answerable"]),
            verdict=d.get("verdict"),
            figures=tuple(Figure.from_dict(f) for f in d.get("figures", [])),
            citations=tuple(Citation.from_dict(c) for c in d.get("citations", [])),
            timings_ms=dict(d.get("timings_ms", {})),
            query=d.get("query"),
            retrieved=tuple(d.get("retrieved", [])),
            reason=d.get("reason"),
            short_answer_span=d.get("short_answer_span"),
            refusal=d.get("refusal"),
            parts=tuple(PartAnswer.from_dict(p) for p in d.get("parts", [])),
        )


class Stage(Enum):
    """What the engine is doing while a question is answered (the chat shows it as it happens)."""

    SEARCHING = "searching"  # embedding the question and searching the store
    READING = "reading"      # reading the retrieved passages: frames, constraints, figures
    WRITING = "writing"      # an LLM writer rephrasing the verified extractive answer


@dataclass(frozen=True)
class Progress:
    """One stage of ``Engine.ask_stages``; ``passages`` is how many retrieved passages are being read."""

    stage: Stage
    passages: int | None = None
