"""Article dates and recency (``TimeConfig``, read by ``qa.timeline``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class TimeConfig:
    """How article dates are found and how much a recent statement is preferred."""

    # Characters from the top of an article searched for a dateline / "Published ..." line.
    # Format limit, not tuned: bylines and datelines sit within the first few lines.
    head_chars: int = 600
    # An unlabelled date counts as the article's only on a line at most this long (a dateline or
    # byline, not prose). Format limit, not tuned; it exists because on RealTimeQA tune articles
    # dates taken from prose agreed with the metadata date in 9 of 60
    # (python -m qa.eval.timeline_bench --split tune --mode bm25 --model hash-64 ...).
    dateline_chars: int = 100
    # Years accepted as a publication date (earlier ones are history the article mentions).
    min_year: int = 1990
    # Age, in days behind the newest candidate, at which a sentence's recency weight halves.
    # Chosen on RealTimeQA tune weeks in the engine's default hybrid mode, best of a 5 x 7 grid
    # (top retrieved sentence contains the answer: 29 -> 32 of 119; a small gain, the grid is
    # noisy): python -m qa.eval.timeline_bench --split tune --mode hybrid --model minilm
    # (docs/bench/timeline-realtimeqa-tune-hybrid.md). In bm25 mode the same pair gives 23 -> 31.
    half_life_days: float = 90.0
    # Score added to a candidate sentence of weight 1 (the newest) when the question is about
    # now; an older one gets bonus * weight. Chosen with half_life_days by the same run; it is on
    # the scale of qa.retrieve's evidence scores (0..1).
    recency_bonus: float = 0.2
    # Recency weight of an undated sentence (neither favoured like the newest nor sunk).
    undated_weight: float = 0.5
    # -- the day a question is asked (Engine.ask(as_of=...); RealTimeQA: the quiz's date) --
    # Days either side of that day within which an article weighs 1 (its week); beyond, the weight
    # halves every half_life_days. Format choice (a quiz week), not tuned.
    as_of_flat_days: int = 7
    # With an as_of day, questions with no time of their own (UNMARKED) also prefer statements near
    # that day. Off: python -m qa.eval.rtqa_grid --split tune --work /tmp/gold-bench --grid
    # half_life_days=90,30,10 as_of_unmarked=false,true background_penalty=0,0.05,0.1 (RTQA tune, of
    # 120): true is 0-1 lower than false at every half-life and penalty (docs/ANSWER_CORE.md).
    as_of_unmarked: bool = False
    # Score taken from a sentence that looks back (an earlier year, "last year": qa.timeline.looks_back)
    # when the question is about now. Off: the same grid, 0.05 and 0.1 are 0-3 below 0 at every setting.
    background_penalty: float = 0.0

    def __post_init__(self) -> None:
        if self.head_chars <= 0:
            raise ValueError(f"head_chars must be greater than 0. Currently, head_chars is {self.head_chars}")
        if self.half_life_days <= 0:
            raise ValueError(f"half_life_days must be greater than 0. Currently, it is {self.half_life_days}")
        if not 0.0 <= self.undated_weight <= 1.0:
            raise ValueError(f"undated_weight must be in [0, 1]. Currently, it is {self.undated_weight}")
        if self.as_of_flat_days < 0 or self.background_penalty < 0:
            raise ValueError("as_of_flat_days and background_penalty must be 0 or more. Currently, they are "
                             f"{self.as_of_flat_days} and {self.background_penalty}")
        if self.recency_bonus < 0:
            raise ValueError(f"recency_bonus must be 0 or more. Currently, it is {self.recency_bonus}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
