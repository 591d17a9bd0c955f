"""Every threshold of the answer core, in one frozen object passed to the ``Engine``.

Each value names the run that chose it. "seed gold" is ``factqa eval --gold seeds/gold.jsonl``
(in-sample: the values were set on it before this module existed and kept where the tune runs did
not move them); "RTQA tune" is ``python -m qa.eval.realtimeqa_run --split tune`` (tune weeks only).
``Config`` (the answer core) and ``TimeConfig`` (article dates and recency, ``qa.timeline``) are
separate frozen dataclasses; pass modified copies (``dataclasses.replace``), never edit constants.
"""
from __future__ import annotations

from qa.config.answer import DEFAULT, Config
from qa.config.names import NAMES, NameConfig
from qa.config.rank import RANK, RankConfig
from qa.config.retrieval import RETRIEVAL, RetrievalConfig
from qa.config.spans import SPANS, SpanConfig
from qa.config.timeline import TimeConfig
from qa.config.verdict import ConflictCheck, SupportCheck, VerdictConfig, VerdictPolicy

__all__ = ["Config", "DEFAULT", "TimeConfig", "SpanConfig", "SPANS", "RetrievalConfig", "RETRIEVAL",
           "VerdictPolicy", "SupportCheck", "ConflictCheck", "VerdictConfig", "RankConfig", "RANK",
           "NameConfig", "NAMES"]
