"""Thresholds of the answer core (``Config``) and their defaults (``DEFAULT``); the package docstring
of ``qa.config`` says how each value names the run that chose it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Config:
    # -- relevance (score = 0.7 * cosine + 0.3 * share of question terms; qa.retrieve) --
    # below this the best sentence is not about the question. Tune: python -m qa.eval.tune_core --gold
    # seeds/gold.jsonl --store STORE --grid min_score=0.45,0.40,0.35 -> gold v2 (tune set) 0.580 / 0.642 /
    # 0.679, v1 0.835 / 0.826 / 0.826, unanswerable caught 26 / 25 / 25 of 38 (docs/EVALUATION.md).
    # Session 13 (refuse2), leave-one-set-out over the tune sets v3..v6: python -m qa.eval.tune_refusal
    # --store STORE --grid min_score=0.35,0.32,0.30,0.28,0.25 chose 0.30 in 3 of 4 folds (0.32 for v6); held-out
    # answerable right 56+66+57+50 (at 0.35) -> 57+67+59+51, unanswerables caught 17+24+17+9 -> 17+23+17+9;
    # seed gold (in-sample) unchanged at 0.861 answerable, 34/38 caught (docs/eval/refuse2-s13/).
    # Session 14 (para), on both kinds of tune data at once: most answerable right + unanswerables caught summed
    # over seed tune v3..v7 and the RealTimeQA tune weeks: python -m qa.eval.rtqa_grid --split tune --work W --grid
    # min_score=0.35,0.32,0.30,0.28,0.26,0.25 > docs/bench/rtqa-min-score-grid-tune-s14.jsonl; python -m
    # qa.eval.tune_refusal --store STORE --grid (same) --news that file -> 405 / 408 / 408 / 410 / 410 / 410 of 621
    # (0.26 ties 0.25 and 0.28 and catches one unanswerable more than 0.28); 0.30 -> 0.26: v7 43 -> 44 answered,
    # RealTimeQA tune caught 0 -> 1 of 7, nothing else moves; a flat optimum (docs/bench/min-score-joint-tune-s14.md).
    min_score: float = 0.26
    confident_score: float = 0.70  # at or above it, unmatched question words are tolerated (seed gold)
    # else at most this share of content words may lack a match. 0.5 was chosen on seed gold v1/v2 (before gold_v3
    # existed). Session 17 (refuse17), v3..v10 were unseen when it was set: python -m qa.eval.tune_refusal --store
    # STORE --seeds seeds --grid max_uncovered=0.5,0.6,0.7,0.8 --items chose 0.6 in 7 of 8 leave-one-set-out folds
    # (0.8 for v3); at 0.6 answerable right 431 -> 436 of 633, refused 70 -> 56, caught 125 -> 123 of 178 (g8-100,
    # g9-103: shares 0.60 / 0.57); dev v3..v7 gains only, check v8..v10 +2 right, -8 refused, -2 caught. RealTimeQA
    # tune (python -m qa.eval.rtqa_grid --split tune --work W --grid (same)): refused 19 -> 14 of 113, right 47 -> 47,
    # caught 1 -> 0 of 7. docs/eval/s17-refuse.md.
    # Kept at 0.5 by the lead: of the 16 answerables 0.6 stops refusing on v3..v10 only 5 are then answered right and
    # 9 are answered wrong, and 2 unanswerables are answered too (11 more wrong answers for 5 more right ones). A
    # fact-check tool prefers "the articles don't say" to a cited wrong answer (objective right - 2 x wrong: -17).
    max_uncovered: float = 0.5
    word_sim_covered: float = 0.62  # a question word is covered by an evidence word this close (seed gold)
    # a sentence this similar (cosine) that holds a span of the expected type answers a paraphrase
    # even when few words are shared (RTQA tune + seed gold, see docs/EVALUATION.md)
    paraphrase_dense: float = 0.55
    # Weight of a question's verbs, adjectives and adverbs (qa.coverage.soft_words) in the share of
    # uncovered words, nouns and names weighing 1: a paraphrase changes the verbs and keeps the nouns.
    # Below 1 a soft word is never the focus. 1.0 is the old rule. Chosen by
    # python -m qa.eval.tune_core --gold G --store STORE --grid soft_word_weight=1.0,0.7,0.5,0.3,0.0 (G = seed
    # v1+v2, v3, v4; all tune but v1) and python -m qa.eval.rtqa_grid --split tune --work /tmp/gold-bench --grid
    # (same values): v4 0.615/0.624/0.632/0.632/0.632, v1+v2 and v3 unchanged, RealTimeQA tune 45/45/44/44/43
    # of 120 (0.0 answers questions whose retrieval failed; docs/EVALUATION.md, session 11 round 2).
    soft_word_weight: float = 0.5
    # A question that coordinates two wh-questions ("..., and what ...") is answered part by part
    # (qa.compound). python -m qa.eval.tune_core --gold G --store STORE --grid split_compound=false,true
    # (docs/EVALUATION.md, session 11 round 2). Session 16: the same switch turns on every multi-part shape
    # of qa.parts (each / order / compare / where-and-when); on vs base: v3 +1, v8 +1, v9 +6 answers, no set
    # loses an item (bash /tmp/sumsets.sh WT /tmp/s12-final-seed TAG; docs/eval/s16-parts/README.md)
    split_compound: bool = True
    # the best sentences (each with the one before it) whose words must cover the question's. Kept at the
    # old fixed 5: python -m qa.eval.tune_core --gold seeds/gold.jsonl (and seeds/gold_v3.jsonl) --store STORE
    # --grid coverage_sentences=3,5,8 gave the same scores for all three (docs/EVALUATION.md)
    coverage_sentences: int = 5
    answer_window: float = 0.2  # sentences within this of the best score may be cited / hold the span (seed gold)
    max_answer_sentences: int = 3  # (seed gold)
    # At most this many of the answer's best sentences from one article: the sentence that answers a
    # news question is often in another article than the one that repeats the question's words. Chosen with
    # typed_context_first by python -m qa.eval.rtqa_grid --split tune --work /tmp/gold-bench --grid
    # answer_per_article=1,2 typed_context_first=false,true (RealTimeQA tune, of 120): 1/false 44, 1/true 45,
    # 2/false 42, 2/true 44; answer_window 0.1-0.3 and span_window 0.08-0.2 change nothing at 1 (same tool).
    answer_per_article: int = 1
    # For a typed question (who / which organisation / where / when) the cited context sentences that
    # also hold a span of the asked type come before those that hold none. Off: on the two tune sets
    # together it loses more than it gains. RealTimeQA tune (grid above) 44 -> 45 of 120, but gold v3
    # (tune since session 11) 0.797 -> 0.754 answerable (55 -> 52 of 69): python -m qa.eval.tune_core
    # --gold seeds/gold_v3.jsonl --store STORE --grid answer_per_article=1,2 typed_context_first=false,true
    # (1/false 0.797, 1/true 0.754, 2/false 0.783, 2/true 0.739; seed v1+v2 0.842 for all but 2/true 0.835).
    typed_context_first: bool = False
    # -- figures --
    figure_window: float = 0.2  # figures come from sentences within this of the best one (seed gold)
    figure_top_k: int = 10  # ... or from the 10 best sentences (seed gold)
    max_figures: int = 8
    # counted nouns this close (MiniLM word vectors, each word encoded alone) count the same thing:
    # worker~employee 0.84 passes, civilian~soldier 0.65 and nurse~doctor 0.61 do
    # not (value chosen on the seed gold)
    counted_sim: float = 0.70
    # -- typed spans --
    span_window: float = 0.12  # a typed span is looked for in sentences within this of the best (seed gold)
    max_list_items: int = 12
    # A list question cites, besides its window, up to list_sentences more sentences of any article
    # that holds a new span of the asked type and shares a word with the question, within list_window of
    # the best score (qa.gather.gather_items; lists2 session 14, `bash /tmp/sumsets.sh WT STORE TAG` on
    # gold_v3..v7 tune, lists right per set: 3/0.3 gained items only, 5/0.4 v5 lists 4->5, v7 3->5, none lost).
    # list_sentences=0 turns it off.
    list_sentences: int = 5
    list_window: float = 0.4
    # A list question over the articles themselves ("which X are named across the reports", qa.inventory) reads
    # every sentence of a store of up to inventory_max_sentences (a cost bound, not tuned: one cached parse per
    # sentence), else the retrieved passages; it answers with its items when it finds at least
    # inventory_min_items (lists session 15: 2, so that one stray name does not replace the ordinary answer;
    # `bash /tmp/sumsets.sh WT STORE TAG` on gold_v3..v8 tune). inventory_min_items=0 turns it off.
    inventory_max_sentences: int = 1500
    inventory_min_items: int = 2
    # relevant passages (score >= min_score, best first) searched for the question's verb and its doer
    # (qa.constraints.check_agent); a recall limit, not tuned
    agent_pool: int = 10
    # -- parsing --
    frame_cache: int = 200_000  # evidence frames kept (LRU by sentence id)
    preload_frames: int = 20_000  # warm() parses every sentence of stores up to this size
    # -- refusal: evidence that a question is answerable (session 12 round 2, "refuse") --
    # Question words that are neither store words nor WordPiece words are corrected to the nearest store
    # word before retrieval and coverage (qa.spelling): at most 1 edit from spell_min_length letters, 2 from
    # spell_long_word. Word-length limits of a typo model, not fitted; on/off scored on each tune set by
    # python -m qa.eval.tune_refusal --store STORE --grid correct_spelling=false,true (docs/EVALUATION.md).
    correct_spelling: bool = True
    spell_min_length: int = 5
    spell_long_word: int = 8
    # "What did X say at/in/to Y": one of X's statements (with the sentences around it) must name every
    # other name of the question (qa.constraints, Refusal.STATEMENT_ELSEWHERE). Chosen by leave-one-set-out:
    # python -m qa.eval.tune_refusal --store STORE --grid statement_names=false,true (docs/EVALUATION.md).
    statement_names: bool = True
    # "What did X say about Y": Y must be in X's statement itself (the sentence and the sentences that continue
    # it) rather than in any sentence next to it (qa.constraints._statement_rows). Chosen by leave-one-set-out:
    # python -m qa.eval.tune_refusal --store STORE --grid statement_topic_strict=false,true (docs/EVALUATION.md).
    statement_topic_strict: bool = True
    # "Who is X's <role>": a passage must give the role with X (qa.constraints.check_role, Refusal.OTHER_ROLE).
    # Chosen by leave-one-set-out: python -m qa.eval.tune_refusal --store STORE --grid role_owners=false,true.
    role_owners: bool = True
    # "On what date in June": a date question that names a time needs a finer date in a relevant sentence
    # (qa.constraints.check_date_within). python -m qa.eval.tune_refusal --store STORE --grid date_within=false,true.
    date_within: bool = True
    # An uncovered question word is credited when its noun chunk (whole-phrase MiniLM vector) is at least this
    # close to a noun chunk of the covering sentences ("battle-hardened fighters" ~ "skilled soldiers");
    # 1.0 turns it off. Chosen by leave-one-set-out: python -m qa.eval.tune_refusal --store STORE --grid
    # phrase_covered=1.0,0.8,0.7,0.6 (docs/EVALUATION.md).
    phrase_covered: float = 0.8
    # -- false refusals (session 13, refuse2) --
    # One of the covering sentences this close to the question as a whole (MiniLM cosine) covers it, whatever
    # words it lacks (a paraphrase of every content word: "rulers" ~ "regime"); 1.0 turns it off.
    # Off: python -m qa.eval.tune_refusal --store STORE --grid covered_dense=1.0,0.75,0.7,0.65,0.6 chose 0.65 /
    # 0.65 / 0.7 / 0.6 by leave-one-set-out; held-out v3..v6 answerable right 234 -> 237, unanswerables caught
    # 66 -> 64; and python -m qa.eval.tune_core --gold seeds/gold.jsonl --grid covered_dense=1.0,0.7,0.65 loses
    # a seed unanswerable (34 -> 33 of 38) at 0.7 and 0.65: as many unanswerables lost as answerables won.
    # The unanswerables it lets through have whole-question cosines (0.63) inside the answerables' (0.35-0.79).
    covered_dense: float = 1.0
    # The question's focus word ("what condition", "which concessions") need not be matched when one of the
    # covering sentences is at least this close to the whole question (MiniLM cosine); the share of uncovered
    # words still applies. 1.0 turns it off. Chosen on seed tune v3..v7 + RealTimeQA tune at once (most right + caught):
    # python -m qa.eval.rtqa_grid --split tune --work W --grid focus_dense=1.0,0.8,0.75,0.7,0.65,0.6 > F; python -m
    # qa.eval.tune_refusal --store STORE --grid (same) --news F -> 410 / 410 / 411 / 413 / 414 / 413 of 621; 0.65
    # answers one more item in each of v3, v5, v6, v7 and loses none; seed gold (in-sample) loses one hard
    # unanswerable (g2-075, cosine 0.723); 0.6 lets two v6 unanswerables through (docs/bench/focus-dense-joint-tune-s14.md).
    focus_dense: float = 0.65
    # Words that describe a text rather than its content ("the latest article that names him", "per the magazine
    # that interviewed X"; qa.coverage.document_words) need no match in the evidence. A parse rule, no threshold;
    # on/off by python -m qa.eval.rtqa_grid --split tune --work W --grid document_words=false,true > F; python -m
    # qa.eval.tune_refusal --store STORE --grid document_words=false,true --news F: on in every leave-one-set-out
    # fold, 414 -> 416 of 621 (docs/bench/document-words-tune-s14.md).
    document_words: bool = True
    # -- the refusal decision, learned (session 15, "refuse"; qa.refusal_model) --
    # refusal_model: a logistic regression over the refusal's signals (qa.refusal.Signals: top score, cosines,
    # uncovered share, focus, typed span, the constraint check that fired, answer type) decides whether to refuse,
    # instead of the rule cascade; names no article mentions are still refused by rule. The reason stays the rule
    # that fired (else the signal that weighs most against answering). Off = the rule cascade, unchanged.
    # refusal_min_p: refuse below this probability of "answerable". Weights: qa/data/refusal_weights.json, written by
    # python -m qa.eval.train_refusal (tune splits only: seed gold v3..v8 and the RealTimeQA tune weeks;
    # leave-one-set-out CV per held-out set in docs/ANSWER_CORE.md, "Session 15: refusal").
    # Off: held out, it catches fewer unanswerables than the rules on 5 of 7 tune sets, with or without the evidence
    # ranker's view as signals (round 2, gate: python -m qa.eval.train_refusal ... --rank-rtqa-work R, seed v3..v8
    # caught 105 rules / 97 model / 98 model + ranker's view of 131). refusal_min_p = the weights' threshold.
    refusal_model: bool = False
    refusal_min_p: float = 0.2
    # -- the gate before answering (session 16, gate; qa.predicate_check) --
    # gate_type: a "which <noun>" question whose sentence about to be cited (with its continuation) holds no span
    # of that type (an entity of the type, or a noun phrase headed by the noun or a word gate_type_sim close)
    # refuses (Refusal.TYPE_UNMET); gate_joint: only when the question's asked verb (the verb its question word
    # hangs from) is missing from that sentence and the ones around it too (a reporting verb asks none);
    # gate_depth: how many candidates are tried before refusing. Chosen jointly: python -m qa.eval.tune_refusal
    # --store STORE --grid gate_predicate=false,true gate_type=false,true gate_joint=true gate_depth=1 --items
    # (v3..v9, 553 answerable / 154 unanswerable): type+joint caught 118 -> 121 (g3-082, g8-087, g9-092), right
    # 370 -> 369 (g7-065; g9-007, wrong before, refused); depth 2 / 3 catch 1 and 1. RealTimeQA tune (python -m
    # qa.eval.rtqa_grid --split tune --work W --grid gate_type=false,true gate_joint=true gate_depth=1): 49 -> 49
    # of 120 (answerable right 48 -> 47, unanswerables caught +1). docs/eval/gate-s16.md.
    # gate_predicate (the asked verb alone, every question and figures): caught 118 -> 139 but right 370 -> 259:
    # off. gate_owner (a possessive owner of the question, "Norway's ferries", named by the sentence or those
    # around it): caught 118 -> 122, right 370 -> 338: off (metonymy: "Oslo's spies" over "Norway's").
    gate_predicate: bool = False
    gate_type: bool = True
    gate_joint: bool = True
    gate_owner: bool = False
    gate_depth: int = 1
    gate_sim: float = 0.62
    gate_type_sim: float = 0.62
    # Session 16 round 2 (typegate), v3..v10 (633 answerable / 178 unanswerable; v10 now a tune set): python -m
    # qa.eval.tune_refusal --store /tmp/s12-final-seed --seeds seeds --grid gate_nospan=false,true
    # gate_nospan_typed=false,true gate_type_what=false,true --items (and --grid gate_type_strict=false,true
    # gate_joint=true,false; gate_joint=true,false gate_type_what=false,true). Against the default (431 right, 125
    # caught): gate_nospan (a "which <noun>" question whose span search found no span refuses TYPE_UNMET instead
    # of returning the sentence) 417 / 130, v4 loses 4; + gate_nospan_typed (every person/org/place/date
    # question) 414 / 130; gate_type_what ("what <noun>" asks a type too) 426 / 126; gate_type_strict (an
    # untyped noun met by a noun phrase it heads only, a person by a PERSON entity only, no speaker) 427 / 126,
    # without joint 420 / 130; gate_joint=false 429 / 125. RealTimeQA tune (python -m qa.eval.rtqa_grid --split
    # tune --work W --grid ...): 48 default, 47 nospan, 46 nospan+what, 48-49 strict. None catches more than it
    # loses with no set losing two: all off. docs/eval/gate-s16.md "Session 16 round 2 (typegate)".
    gate_type_what: bool = False
    gate_nospan: bool = True  # session 17 (tspan): on with noun_spans, see below
    gate_nospan_typed: bool = False
    gate_type_strict: bool = False
    # Session 17 (tspan): noun_spans: a "which <noun>" question the typed span search leaves without a span
    # (an untyped noun: "which unit", "which building") takes one from qa.noun_spans (a name the sentence calls by
    # the noun, a noun phrase headed by it or a close word with a name or number of its own, an entity of a kind
    # that can be an instance of it) as its short answer, and gate_nospan then refuses only when none is found.
    # Chosen by python -m qa.eval.typed_spans --run --store STORE --sets ... --grid noun_spans=false,true
    # gate_nospan=false,true (dev v3..v7, then once on check v8..v10) and python -m qa.eval.rtqa_grid --split tune
    # --work W --grid (the same): gate_nospan alone dev 299 -> 289 right, 95 caught; with noun_spans (and
    # SpanConfig.place_kinds) dev 297 right / 96 caught, check v8..v10 132 -> 132 right, 30 -> 32 caught, RealTimeQA
    # 47 -> 46 right, 1 -> 2 caught: 3 caught for 1 lost on the check sets (dev: 1 for 2). docs/eval/s17-tspan.md.
    noun_spans: bool = True
    # -- sentence choice among relevant candidates (qa.choose; rtqa session 12) --
    # Score taken from a candidate that adds fewer than echo_min_new content terms to the question's
    # (it restates the question), and added to one that holds a span of a typed question's expected
    # type; only the first choose_top_n candidates are adjusted (a bound on parsing, not tuned).
    # python -m qa.eval.rtqa_grid --split tune --work /tmp/gold-bench --grid as_of_unmarked=false
    # half_life_days=90,30,10 typed_bonus=0,0.1,0.15,0.2 echo_penalty=0,0.05 > GRID; python -m
    # qa.eval.rtqa_lowo GRID (RTQA tune, 120): typed_bonus 0 -> 0.1 gives 41 -> 45 overall at 90 days
    # (0.15 and 0.2 the same), chosen in every leave-one-week-out fold (held-out 44 vs 41); echo_penalty
    # adds nothing once typed_bonus is on and costs one seed v1 item (python -m qa.eval.tune_core --gold
    # seeds/gold.jsonl --store STORE --grid typed_bonus=0,0.1,0.15 echo_penalty=0,0.05): off.
    echo_penalty: float = 0.0
    echo_min_new: int = 3
    typed_bonus: float = 0.1
    # only candidates within this of the best score get typed_bonus (the span_window value): with
    # --grid typed_bonus=0,0.1 typed_window=0.12,0.2,1.0 (same tools) RTQA tune 41 / 44 / 45 / 45 and
    # seed v1 0.870 / 0.870 / 0.861 / 0.861 (0.2 and 1.0 answer seed u011, an unanswerable, and lose f044).
    # Session 13 (rtqa2), with RetrievalConfig.top_sentences on: python -m qa.eval.rtqa_grid --split tune
    # --work W --grid top_sentences=40 top_sentence_penalty=0,0.025,0.05,0.1 typed_window=0.12,0.2 (and
    # top_sentences=0,20,40,80) > docs/bench/rtqa2-top-sentences-grid-tune.jsonl; python -m qa.eval.rtqa_lowo
    # on it: 0.2 chosen in 3 of 4 leave-one-week-out folds; seed v1 0.867 -> 0.862 with both changes (f032).
    typed_window: float = 0.2
    choose_top_n: int = 15
    # Score added to a candidate that names a person with the title a "who is <title>" question asks for
    # ("Foreign Minister X" for "who is Canada's foreign minister": qa.holders); 0 = off. Session 14
    # (timeq): python -m qa.eval.rtqa_grid --split tune --work W --grid holder_bonus=0,0.1,0.3: 45 / 45 / 45
    # of 120 (no RTQA tune question asks "who is <title>"); seed tune sets (bash /tmp/sumsets.sh): v7
    # answers 43 -> 46 of 80 at 0.3, no other set moves. Large enough to outrank recency's 0.2.
    holder_bonus: float = 0.3
    # -- docref (session 16): a question's document references ("per Wirenet", "the December report", "the caption";
    # qa.docscope) that name articles of the store need no match in the evidence (qa.coverage.document_words with
    # the store); a reference that names none keeps its words, which the refusal then names. A parse rule, no
    # threshold. scope_strip: the characters that only name the resolved articles are taken out of the question or
    # claim read after retrieval ("In the December report, when did X begin?" -> "In the report, when did X
    # begin?"; "Per Wirenet, Y" -> "Y"; qa.docscope.content_text, qa.engine): constraints, coverage and claim slots
    # then never ask the evidence for the month or the outlet. Retrieval still reads the whole text.
    # Measured with bash /tmp/sumsets.sh WT /tmp/s12-final-seed TAG and python -m qa.eval.pred_diff (docs/eval/
    # s16-docref.md): scope_words alone (no retrieval scope, no strip) v9 27 -> 29 of 80 answerable, other sets
    # equal (after the title rule); scope_strip off costs v9 3 of its 8 gains (35 -> 32 with the filter off: 33 -> 30).
    # RealTimeQA tune unchanged (49/120).
    scope_words: bool = True
    scope_strip: bool = True
    # -- mixstore (session 18): a question word formed from a known (WordPiece) word by a regular derivational
    # ending ("desertions" of "desert", "countrymen" of "country", "readier" of "ready"; lexicon.DERIVATION_SUFFIXES)
    # or written with the British -ise ending of a known -ize word is a word, not a typo (qa.spelling.Speller).
    # Without it, a store of many articles always holds some word 1-2 edits away, and a correct word the store
    # does not use is "corrected" into an unrelated one ("desertions" -> "deletions"); a 5-article store holds
    # none. A word-formation rule, no threshold; measured on the tune sets, seed store and seeds + RealTimeQA
    # tune corpus (docs/eval/s18-mixstore.md).
    spell_derived_words: bool = True

    def __post_init__(self) -> None:
        for name in ("min_score", "confident_score", "max_uncovered", "word_sim_covered", "paraphrase_dense",
                     "counted_sim", "soft_word_weight", "phrase_covered", "covered_dense", "focus_dense",
                     "refusal_min_p", "gate_sim", "gate_type_sim"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise ValueError(f"{name} must be in [0, 1]. Currently, {name} is {v}")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_(self, **changes: Any) -> "Config":
        return replace(self, **changes)


DEFAULT = Config()
