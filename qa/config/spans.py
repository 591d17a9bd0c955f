"""Ranking of the candidate spans of one sentence for the short answer (``SpanConfig``, ``SPANS``).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class SpanConfig:
    """How the candidate spans of one sentence are ranked for the short answer (``qa.spans.spans_in``).

    These are hand-set ordinal weights, not tuned values: what matters is their order (a name the
    sentence calls by the question's type word > an entity of the type that the question's words
    surround > an entity that only modifies a noun). They were set while writing the span rules
    (sessions 9-12) and checked by the tune-set run ``bash /tmp/sumsets.sh WORKTREE STORE TAG`` (seed
    gold v1-v7, short-answer accuracy; session 14 baseline: v3 0.667, v4 0.500, v5 0.566, v6 0.474,
    v7 0.375). Moving them here kept every prediction of gold v1-v7 identical
    (``bash /tmp/cmp_preds.sh /work/main WORKTREE STORE``, session 14). Pass modified copies
    (``dataclasses.replace``) to ``qa.answer.compose_ask(span_cfg=...)``.
    """

    # A name the sentence calls by the question's type word ("Gamma, a news agency" for "which agency")
    # ranks above every entity of the type: larger than any nearness count (at most ~6) plus bonuses.
    called_bonus: int = 10
    # ... unless the noun's modifiers are others than the question's ("spy agency" for "news agency"):
    # drops it below an entity of the type with the question's words around it.
    clash_penalty: int = 6
    # A name called by another noun of the question ranks this far below one called by the type word.
    question_noun_gap: int = 4
    # A capital or country that does what the question asks ("Oslo has accused ...") answers "who":
    # above a person merely near the question's words (nearness 1-3), below a called name.
    actor_bonus: int = 5
    # "since what date" <- "since 6 May": the date under the preposition the question's wh-phrase uses.
    preposition_bonus: int = 3
    # "24 years" says how long, not when: one step below a point in time.
    duration_penalty: int = 3
    # An entity that modifies a noun ("a US company") ranks below one that is an argument.
    modifier_penalty: int = 2
    # The governing verb of the entity is the question's verb or event ("accused" for "who accused").
    governor_bonus: int = 3
    # A noun phrase headed by the type word that names one ("the Alentejo region" for "which region").
    headed_bonus: int = 4
    # How far around a span (characters) the question's words are looked for (about six words).
    near_chars: int = 40
    # Session 15 (spans): the phrase that does the question's verb ("provided by X" for "who provided",
    # qa.doers) ranks first, as the objects of an object question do. Kept by the tune-set run
    # `bash /tmp/sumsets.sh WORKTREE /tmp/s12-final-seed TAG` (docs/ANSWER_CORE.md, Session 15).
    doer_first: bool = True
    # Session 17 (tspan): a place asked by a finer noun must be of that kind (qa.gazetteer.place_kind, the
    # countryinfo table): "which city / town / region" is not answered by a country's name, "which country /
    # nation" only by one. Chosen by python -m qa.eval.typed_spans --run --grid place_kinds=false,true (dev v3..v7,
    # check v8..v10) and qa.eval.rtqa_grid (RealTimeQA tune): with gate_nospan it catches g7-101 and g9-102 and
    # loses the list g7-040; RealTimeQA unchanged. docs/eval/s17-tspan.md.
    place_kinds: bool = True
    # A date question that names its unit ("on what date", "which month", qa.date_units.date_fits) takes only a
    # date of that unit, not any date of the window ("24 years", "recently" for "on what date"). Same commands: no
    # item changes on dev, check or RealTimeQA: off.
    date_units_strict: bool = False
    # A typed organisation question ("which newspaper") takes no name the sentence calls by another
    # organisation noun next to it ("the alliance Wirenet", "Wirenet, the trade alliance"; qa.spans.org_kind_clash).
    # Same commands: no item changes on dev, check or RealTimeQA: off.
    org_kinds: bool = False
    # Session 17 (modagree): a typed span must not carry another nation than the question puts on its asked noun
    # ("which Wirenish brigade" <- "the Ostrian 4th Brigade"; a capital or a country as the span names its own
    # nation), nor another ordinal, else MODIFIER_UNMET (qa.modifier_agree). Chosen by
    # python -m qa.eval.typed_spans --run --store /tmp/seed-store --grid modifier_agree=false,true modifier_absent=false,true
    # (dev v3..v7: 0 unanswerables caught, 1 answerable lost, g5-066 whose short answer was wrong; check v8..v10, run
    # once: 4 caught, 0 lost) and python -m qa.eval.rtqa_grid --split tune --grid modifier_agree=false,true (RealTimeQA
    # tune: no change). docs/eval/s17-modagree.md.
    modifier_agree: bool = True
    # ... and the question's nation must be given by the answer's sentence at all (country, demonym or capital).
    # Same commands: no item changes on dev, check or RealTimeQA: off.
    modifier_absent: bool = False
    # Session 18 (nospan): "which <noun>" answered by a common noun or a name spaCy leaves unlabelled
    # (qa.kind_spans, read by qa.noun_spans, so the no-span gate, Config.gate_nospan, stops refusing them):
    # kind_compounds, a phrase the asked noun itself heads with a lower-case compound ("sesame seeds" for "which
    # seed"); kind_classed, a phrase the sentence puts in the noun's class ("tennis is a sport", "Mars, the red
    # planet", "sports such as rugby", "octopus and other sea creatures"); kind_instance_sim, a bare noun or proper
    # noun at least this close to the noun by MiniLM word vector ("football" for "which sport"; 0: off);
    # title_abbreviations, "Rep. Ana Costa" read as a titled person (qa.lexicon TITLE_ABBREVIATIONS,
    # LEGISLATOR_TITLES). Chosen on dev v3..v7 and the RealTimeQA tune weeks, then measured once on check v8..v11:
    # python -m qa.eval.typed_spans --run --store /tmp/seed-store --out D --grid NAME=false,true (one field at a
    # time; dev sets by default, then --sets gold_v8,gold_v9,gold_v10,gold_v11; docs/eval/s18-nospan.md) and
    # python -m qa.eval.rtqa_grid --split tune --work /tmp/nospan-rtqa --grid kind_compounds=false,true
    # kind_classed=false,true kind_instance_sim=0,0.6 title_abbreviations=false,true. kind_compounds: RealTimeQA tune
    # 50 -> 51 (rtqa-20230106_2 no longer refused), no seed item changes (dev or check): on. kind_classed,
    # title_abbreviations: no item changes anywhere (as org_kinds): off. kind_instance_sim 0.6: no seed change,
    # RealTimeQA turns one refusal into a wrong answer ("screenplay" for "which film": word vectors do not tell a
    # part from a kind; 0.5 and 0.65 the same, 0.7 and 0.75 change nothing, dev nothing at 0.5 / 0.6 / 0.7): off.
    kind_compounds: bool = True
    kind_classed: bool = False
    kind_instance_sim: float = 0.0
    title_abbreviations: bool = False
    # ... and what_nouns: a "what <noun>" question ("what artillery", "what new weapon") takes its short answer from
    # qa.noun_spans too (Config.gate_type_what stays off: it is never refused for want of one). Same commands
    # (--grid what_nouns=false,true kind_classed=false,true): dev short answers 237 -> 232 of the answerable (the
    # whole sentence held the answer; an entity of a fitting label does not: "NIS" for "what artillery"),
    # RealTimeQA tune short 30 -> 29, answers unchanged: off.
    what_nouns: bool = False
    # (A misspelt name in a question, "Okafr" for "Okafor", is matched by qa.names.close_spelling, the one
    # fuzzy name rule, which qa.describe uses too.)

    def __post_init__(self) -> None:
        if self.near_chars < 0:
            raise ValueError(f"near_chars must be 0 or more. Currently, it is {self.near_chars}")
        if not 0.0 <= self.kind_instance_sim <= 1.0:
            raise ValueError(f"kind_instance_sim must be between 0 and 1. Currently, it is {self.kind_instance_sim}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


SPANS = SpanConfig()
