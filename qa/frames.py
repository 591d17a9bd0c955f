"""Typed frames: what a question asks for, and what each evidence sentence says.

A ``QuestionFrame`` holds the expected answer type and the constraints an answer must meet (named
entities, a source "according to X", a place, a time, the counted group). An ``EvidenceFrame`` holds
one sentence's entities and figures, each with character offsets inside the sentence, so that an
answer is a span of a cited sentence by construction. Frames are built from a spaCy parse by
``qa.parse``; this module has only the records and the outcome codes.

Outcomes are codes, messages are derived: ``Used``, ``Rejected`` and ``Refusal`` are enums; a
``RefusalReason`` carries the code plus the values that explain it, and ``message()`` renders the
text a person reads. Nothing parses that text back.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class AnswerType(str, Enum):
    """The kind of span a question expects as its answer."""

    PERSON = "person"
    ORG = "org"
    PLACE = "place"
    DATE = "date"
    COUNT = "count"  # how many <things>
    QUANTITY = "quantity"  # how much / how long / how far: an amount with a unit
    REASON = "reason"  # why
    MANNER = "manner"  # how (not how many/much)
    LIST = "list"  # several items of a type the question does not name
    ENTITY = "entity"  # a named thing of another kind (event, product, law ...)
    OTHER = "other"  # a statement: "what did X say about Y"


class FigureKind(str, Enum):
    """How firmly a figure is stated. Values are the JSON contract's ``figures[].kind``."""

    COUNT = "count"
    ESTIMATE = "estimate"
    PROJECTION = "projection"
    PLAN = "plan"
    MEASUREMENT = "measurement"  # a size, distance, calibre, duration, share or sum: not a count of things
    OTHER = "other"  # negated or otherwise not asserted

    @property
    def is_count(self) -> bool:
        """Asserted as a count of things (firmly or approximately), not a warning, plan or size."""
        return self in (FigureKind.COUNT, FigureKind.ESTIMATE)


@dataclass(frozen=True)
class Span:
    """A piece of a sentence: ``sentence_text[start:end] == text``."""

    text: str
    start: int
    end: int
    label: str = ""  # spaCy entity label ("PERSON", "GPE" ...) or "" for a noun chunk

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Entity(Span):
    """A named entity with its coarse answer type (GPE/LOC/FAC -> PLACE, DATE/TIME -> DATE ...)."""

    kind: AnswerType = AnswerType.ENTITY
    governor: str | None = None  # lemma of the verb the entity hangs from: "launch" in "launched in February 2022"
    modifier: bool = False  # it modifies a noun ("a US company", "Smith's film"): an attribute, not an argument


@dataclass(frozen=True)
class FigureFrame:
    """One figure in a sentence: "up to 100,000 workers" -> value 'up to 100,000', high 100000, counted 'workers'."""

    text: str  # as written, with its modifier: "up to 100,000"
    start: int
    end: int
    low: float | None
    high: float | None
    kind: FigureKind
    hedge: str | None = None  # the word that made it a projection/plan/estimate/other
    counted: str | None = None  # lemma of the counted noun: "nurse", "dockworker"
    unit: str | None = None  # unit of a measurement or money: "mm", "km", "euro", "percent"
    # the named group on the counted noun: "Dutch" in "3,000 Dutch dockworkers"; else the one group the
    # sentence names on a plural noun ("the Dutch dockworkers ... 3,000 workers")
    group: str | None = None
    approx: bool = False
    bound: str | None = None  # "upper" | "lower" | None

    @property
    def is_count(self) -> bool:
        return self.kind.is_count


@dataclass(frozen=True)
class EvidenceFrame:
    """What one sentence says, from one parse. Offsets are inside ``text``."""

    sentence_id: str
    text: str
    entities: tuple[Entity, ...] = ()
    figures: tuple[FigureFrame, ...] = ()
    speaker: Span | None = None  # subject of a reporting verb / "according to X"
    speaker_is_pronoun: bool = False  # "he said": resolve from the sentences before
    continues: bool = False  # opens with a subject pronoun: continues the previous statement
    lemmas: frozenset[str] = frozenset()  # lower-case lemmas of content words
    nouns: tuple[Span, ...] = ()  # noun chunks
    instruction: str | None = None  # qa.guard.GuardCode value when the sentence instructs the reader: never evidence
    reporters: tuple[str, ...] = ()  # every subject of a reporting verb, and the X of "according to X"
    doers: tuple[tuple[str, str | None], ...] = ()  # (verb lemma, its named subject or "by X"; None: none or a pronoun)
    reason: tuple[int, int] | None = None  # the reason or purpose clause the sentence gives (a why-answer)

    def entities_of(self, *kinds: AnswerType) -> list[Entity]:
        return [e for e in self.entities if e.kind in kinds]


@dataclass(frozen=True)
class QuestionFrame:
    """What a question asks for and the constraints its answer must meet."""

    text: str
    answer_type: AnswerType
    type_word: str | None = None  # "agency" in "which agency"; the answer is an instance, so it need not occur
    wants_list: bool = False
    counted: str | None = None  # lemma of the counted noun for COUNT: "soldier"
    counted_text: str | None = None  # the counted noun as written: "soldiers"
    unit: str | None = None  # unit asked for a QUANTITY ("km", "euro") or its adverb ("far", "much"): a measurement
    group: str | None = None  # named group on the counted noun: "Dutch" in "how many Dutch nurses"
    entities: tuple[Entity, ...] = ()  # every named entity of the question (offsets inside ``text``)
    source: str | None = None  # "according to X" / "did X say"
    places: tuple[str, ...] = ()  # "in X", "at X"
    times: tuple[str, ...] = ()  # dates named in the question
    lemmas: frozenset[str] = frozenset()  # content lemmas (question filler removed)
    asks_source: bool = False  # "who said ...", "which agency reported ...": the answer is the speaker
    event: str | None = None  # lemma of the question's main verb when it has content: "resign", "launch"
    event_text: str | None = None  # that verb as written: "captured"
    event_agent: str | None = None  # the name that does it: "Kim Jong Un" in "When did Kim Jong Un visit ..."
    # "what did X say about Y": the head lemma of Y ("crossing") and Y as written ("Dutch ferry crossings")
    about: str | None = None
    about_text: str | None = None
    about_now: bool = False  # asks about the present: the newest dated statement first (qa.timeline)
    asks_statement: bool = False  # "what did X say ...": the answer is a statement whose speaker is ``source``
    wants_name: bool = False  # "what is the name of the official ...": the answer must be a named person

    @property
    def is_figure(self) -> bool:
        return self.answer_type in (AnswerType.COUNT, AnswerType.QUANTITY)

    def constraint_names(self) -> list[str]:
        """The named things an answer must be about (entities, not the answer type)."""
        return [e.text for e in self.entities if e.kind not in (AnswerType.DATE, AnswerType.COUNT,
                                                                  AnswerType.QUANTITY)]


class Used(str, Enum):
    """Why a sentence is cited."""

    ANSWER = "answer"  # satisfies the constraints and holds a span of the expected type
    FIGURE = "figure"  # gives a figure for the asked quantity
    LIST_ITEM = "list_item"  # adds items to a list answer
    CONTINUATION = "continuation"  # continues the statement of the sentence before it ("He added ...")
    CONTEXT = "context"  # supporting statement, no typed span
    SPEAKER = "speaker"  # names the speaker a later "he said" / quote of the answer refers to
    CLOSEST = "closest"  # shown with a refusal: the nearest passage, not an answer


class Rejected(str, Enum):
    """Why a candidate sentence is not used as evidence."""

    INSTRUCTION = "instruction"  # addresses the reader or an AI with instructions
    LOW_SCORE = "low_score"
    CAPTION = "caption"
    MISSING_ENTITY = "missing_entity"  # does not mention (nor does its article) a named entity of the question
    WRONG_SOURCE = "wrong_source"  # the figure is not attributed to the source the question names
    WRONG_PLACE = "wrong_place"
    WRONG_GROUP = "wrong_group"  # a figure for another group than the one counted
    MEASUREMENT = "measurement"  # a measurement, not a count
    NO_TYPED_SPAN = "no_typed_span"


class Refusal(str, Enum):
    """Why a question is not answered."""

    NO_EVIDENCE = "no_evidence"  # nothing relevant was retrieved
    ENTITY_NOT_IN_CORPUS = "entity_not_in_corpus"  # no article mentions a name the question uses
    UNCOVERED = "uncovered"  # the evidence does not speak to the question's key words
    CONSTRAINT_UNMET = "constraint_unmet"  # figures exist, none for the asked source/place/group
    NO_FIGURE = "no_figure"  # a count question and no sentence gives a count of that
    NO_TYPED_ANSWER = "no_typed_answer"  # no relevant sentence holds a span of the expected type
    NO_STATEMENT = "no_statement"  # "what did X say": no passage reports a statement by X
    OFF_TOPIC_STATEMENT = "off_topic_statement"  # X is quoted, but not about what the question asks
    WRONG_TIME = "wrong_time"  # X is quoted, but not at the time the question names
    OTHER_AGENT = "other_agent"  # the asked event is reported, but done by someone else than the question names
    OTHER_ROLE = "other_role"  # "who is X's minister": the articles name only other owners' holders of the role
    STATEMENT_ELSEWHERE = "statement_elsewhere"  # X is quoted, but no statement names the place / body the question names
    PREDICATE_UNMET = "predicate_unmet"  # the sentences found never use the asked verb ("petition", "resign")
    TYPE_UNMET = "type_unmet"  # "which unit": the sentences found hold no span of the asked type
    OWNER_UNMET = "owner_unmet"  # "Norway's ferries": the sentence found counts or names another owner's
    MODIFIER_UNMET = "modifier_unmet"  # "which Danish unit": the span found is another nation's / ordinal's (qa.modifier_agree)


_TYPE_NAMES = {AnswerType.PERSON: "person", AnswerType.ORG: "organisation", AnswerType.PLACE: "place",
               AnswerType.DATE: "date", AnswerType.COUNT: "figure", AnswerType.QUANTITY: "amount"}


@dataclass(frozen=True)
class RefusalReason:
    """A refusal code and the values that explain it; ``message()`` is the only renderer."""

    code: Refusal
    missing: tuple[str, ...] = ()  # the names/words/constraints nothing satisfies
    available: tuple[str, ...] = ()  # what the articles do give instead ("figures for X")
    answer_type: AnswerType | None = None

    def message(self) -> str:
        miss = ", ".join(self.missing)
        if self.code is Refusal.ENTITY_NOT_IN_CORPUS:
            return f"no indexed article mentions {miss}"
        if self.code is Refusal.CONSTRAINT_UNMET:
            have = f"the articles give figures for {', '.join(self.available)}, " if self.available else \
                "the figures the articles give are "
            return f"{have}none for {miss}" if self.available else f"{have}not about {miss}"
        if self.code is Refusal.NO_FIGURE:
            return f"no article gives a figure for {miss}" if miss else "no article gives a figure for this"
        if self.code is Refusal.NO_TYPED_ANSWER:
            kind = _TYPE_NAMES.get(self.answer_type, "answer") if self.answer_type else "answer"
            return f"the passages about this name no {kind}" + (f" for {miss}" if miss else "")
        if self.code is Refusal.NO_STATEMENT:
            have = f" (the passages quote {', '.join(self.available)})" if self.available else ""
            return f"no article reports a statement by {miss} on this{have}"
        if self.code is Refusal.OFF_TOPIC_STATEMENT:
            who = ", ".join(self.available)
            return f"the articles quote {who}, but not about {miss}" if who else f"no statement is about {miss}"
        if self.code is Refusal.WRONG_TIME:
            when = ", ".join(self.available)
            return f"the statements found are from {when}, none from {miss}" if when else f"no statement is from {miss}"
        if self.code is Refusal.OTHER_AGENT:
            who = ", ".join(self.available)
            return f"the articles report this of {who}, not of {miss}" if who else f"the articles do not report this of {miss}"
        if self.code is Refusal.OTHER_ROLE:
            have = "; ".join(self.available)
            return f"the articles name {have}, not {miss}" if have else f"no article names {miss}"
        if self.code is Refusal.STATEMENT_ELSEWHERE:
            who = ", ".join(self.available)
            return f"the articles quote {who}, but not at or to {miss}" if who else f"no statement names {miss}"
        if self.code is Refusal.PREDICATE_UNMET:
            return f"the passages found never say “{miss}” or a word like it" if miss else \
                "the passages found do not report what the question asks"
        if self.code is Refusal.OWNER_UNMET:
            return f"the passages found are not about {miss}'s" if miss else "the passages found are about another owner"
        if self.code is Refusal.MODIFIER_UNMET:
            have = f" (the passage found gives {self.available[0]})" if self.available else ""
            return f"the passages found name no {miss}{have}" if miss else "the passages found name another one"
        if self.code is Refusal.TYPE_UNMET:
            return f"the passages found name no {miss}" if miss else "the passages found name nothing of the asked kind"
        if self.code is Refusal.UNCOVERED:
            return f"none of the indexed articles says anything about {miss}" if miss else \
                "none of the indexed articles answers this question"
        return "none of the indexed articles answers this question"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "missing": list(self.missing), "available": list(self.available),
                "answer_type": self.answer_type.value if self.answer_type else None, "message": self.message()}


@dataclass(frozen=True)
class AnswerSpan:
    """Where the short answer sits: ``citations[citation-1].quote[start:end]``."""

    citation: int
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"citation": self.citation, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Judged:
    """A candidate sentence with the decision taken on it (for debugging and the verdict path)."""

    row: int
    used: Used | None = None
    rejected: Rejected | None = None
    spans: tuple[Span, ...] = field(default_factory=tuple)
