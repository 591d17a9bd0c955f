"""Refusals that name the unmet constraint, and the coverage rules that stop false refusals, on
invented articles (nothing from the seeds or the benchmarks), with the real models: one rule per test."""
from __future__ import annotations

import pytest

from qa.frames import AnswerType, Refusal

STRIKE = """Port of Velmar strike enters second week

Dockworkers at the port of Velmar stayed away from the cranes on Tuesday, the union said.
Mayor Irene Castell said the stoppage had cost the city 2 million euros in lost fees.
The ships waiting outside belong to the shipping magnate Paulo Vint.
Local bakeries reported brisk sales to the crews stuck in the harbour.
"We will not sign a deal that cuts pensions," union leader Tomas Brel told reporters.
A harbour official said the port would stay closed, but he was not named.
The port's owner, the Velmar Shipping Group, was founded in 1921.
Mayor Irene Castell visited the harbour gates on Wednesday.
"""

TALKS = """Velmar port talks resume

Talks between the union and the port authority resumed on Monday, the mediator Ana Ruiz said.
Tomas Brel said the union wanted a three-year wage deal.
"""

MANIFEST = """[articles."strike.txt"]
title = "Port of Velmar strike enters second week"
date = "2023-03"
[articles."talks.txt"]
title = "Velmar port talks resume"
date = "2023-05"
"""


@pytest.fixture(scope="module")
def engine(engine_over):
    return engine_over({"strike.txt": STRIKE, "talks.txt": TALKS, "articles.toml": MANIFEST})


# ------------------------------------------------------------------ "what did X say": qa.constraints

def test_a_statement_by_the_named_speaker_answers(engine):
    ans = engine.ask("What did Irene Castell say about the stoppage?")
    assert ans.answerable and "2 million euros" in ans.answer


def test_no_statement_by_a_person_the_articles_only_mention(engine):
    ans = engine.ask("What did Paulo Vint say about the strike?")
    assert not ans.answerable and ans.refusal_code == Refusal.NO_STATEMENT.value
    assert ans.refusal["missing"] == ["Paulo Vint"]


def test_a_statement_from_another_month_does_not_answer(engine):
    ans = engine.ask("What did Irene Castell say in May about the stoppage?")
    assert not ans.answerable and ans.refusal_code == Refusal.WRONG_TIME.value
    assert "March 2023" in ans.refusal["available"]


def test_a_statement_from_the_asked_month_answers(engine):
    ans = engine.ask("What did Tomas Brel say in May about the wage deal?")
    assert ans.answerable and "three-year wage deal" in ans.answer


def test_a_statement_about_something_else_does_not_answer(engine):
    ans = engine.ask("What did Irene Castell say about pensions?")
    assert not ans.answerable and ans.refusal_code == Refusal.OFF_TOPIC_STATEMENT.value
    assert ans.refusal["missing"] == ["pensions"]


def test_an_event_reported_of_someone_else_is_refused(engine):
    ans = engine.ask("When did Ana Ruiz visit the harbour gates?")
    assert not ans.answerable and ans.refusal_code == Refusal.OTHER_AGENT.value
    assert ans.refusal["missing"] == ["Ana Ruiz"] and "Mayor Irene Castell" in ans.refusal["available"]


def test_an_event_reported_of_the_named_doer_answers(engine):
    ans = engine.ask("When did Irene Castell visit the harbour gates?")
    assert ans.answerable and ans.short_answer == "Wednesday"


def test_the_name_of_an_unnamed_official_is_refused(engine):
    ans = engine.ask("What is the name of the harbour official who said the port would stay closed?")
    assert not ans.answerable and ans.refusal_code == Refusal.NO_TYPED_ANSWER.value


def test_the_name_of_a_titled_person_is_answered(engine):
    ans = engine.ask("What is the name of the union leader?")
    assert ans.answerable and ans.short_answer == "Tomas Brel"


def test_chat_shorthand_is_written_out_before_the_search(engine):
    ans = engine.ask("wat did the mayor say abt lost fees")
    assert ans.answerable and "2 million euros" in ans.answer


# ------------------------------------------------------------------ question frames

def _frame(q):
    from qa.parse import question_frame

    return question_frame(q)


def test_name_of_asks_for_a_person_of_that_type():
    qf = _frame("What is the name of the official who signed the order?")
    assert qf.wants_name and qf.answer_type is AnswerType.PERSON and qf.type_word == "official"


def test_names_of_people_is_a_list_of_persons():
    qf = _frame("What are the names of the sailors who were rescued?")
    assert qf.wants_name and qf.answer_type is AnswerType.PERSON and qf.wants_list


def test_what_did_x_say_about_y_reads_speaker_and_topic():
    qf = _frame("What did Lena Marsh say about the flooding?")
    assert qf.asks_statement and qf.source == "Lena Marsh"
    assert qf.about == "flooding" and qf.about_text == "the flooding"


def test_a_date_after_on_is_not_a_topic():
    assert _frame("What did Lena Marsh say on Monday?").about is None


def test_a_place_that_speaks_is_not_checked_as_a_speaker():
    assert not _frame("What does Paris say about the treaty?").asks_statement


def test_which_person_said_is_not_a_statement_question():
    assert not _frame("Who said the bridge was unsafe?").asks_statement


def test_an_unlabelled_proper_noun_after_to_is_a_place():
    from spacy.tokens import Doc

    from qa.nlp import pipeline
    from qa.question_constraints import _unlabelled_places

    words = ["How", "many", "buses", "were", "sent", "to", "Nova", "Oberwald", "?"]
    doc = Doc(pipeline().vocab, words=words, heads=[1, 2, 4, 4, 4, 4, 7, 5, 4],
              deps=["advmod", "amod", "nsubjpass", "auxpass", "ROOT", "prep", "compound", "pobj", "punct"],
              pos=["SCONJ", "ADJ", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"])
    assert [p.text for p in _unlabelled_places(doc)] == ["Nova Oberwald"]


def test_a_group_constrains_counts_not_measured_amounts():
    assert _frame("How many Danish sailors were rescued?").group == "Danish"
    assert _frame("How much Danish farmland was flooded?").group is None


# ------------------------------------------------------------------ shorthand and coverage

def test_expand_shorthand_words():
    from qa.question import expand_shorthand

    assert expand_shorthand("how many ppl r there") == "how many people are there"
    assert expand_shorthand("whos the mayor abt") == "who is the mayor about"
    assert expand_shorthand("wen did the mayor go") == "when did the mayor go"


def test_expand_shorthand_leaves_names_alone():
    from qa.question import expand_shorthand

    assert expand_shorthand("Who is U Thant?") == "Who is U Thant?"
    assert expand_shorthand("R&B charts") == "R&B charts"
    assert expand_shorthand("the US envoy") == "the US envoy"


def test_parse_ignored_drops_light_verbs_numbers_and_stance_nouns():
    from qa.coverage import parse_ignored
    from qa.parse import question_doc

    ign = parse_ignored(question_doc("Which two ministers gave the committee their position on tariffs?"))
    assert {"gave", "two", "position"} <= ign and "tariffs" not in ign and "committee" not in ign


def test_a_type_noun_is_met_by_an_entity_of_its_type():
    from qa.coverage import typed_words
    from qa.nlp import pipeline
    from qa.parse import evidence_frame, question_doc

    frames = [evidence_frame(pipeline()("The bridge will open by June 3, the council said."))]
    doc = question_doc("What opening date did the council give?")
    assert "date" in typed_words(doc, frames)
    assert "date" not in typed_words(doc, [evidence_frame(pipeline()("The council met."))])


# ------------------------------------------------------------------ questions about now

def test_a_past_auxiliary_is_not_about_now():
    assert not _frame("What did the harbour master say about the cranes?").about_now
    assert not _frame("How many sailors were rescued?").about_now


def test_words_and_tense_of_now_are_about_now():
    assert _frame("Who is the current harbour master?").about_now
    assert _frame("Which team won the regatta this week?").about_now
    assert _frame("Has the harbour master resigned?").about_now


def test_a_weekday_keeps_a_past_question_about_now():
    assert _frame("What did the harbour master announce on Monday?").about_now


# ------------------------------------------------------------------ paraphrase coverage: qa.coverage.soft_words

ORCHARDS = """Valley farmers face dry summer

Farmers in the Orla valley are struggling to maintain water supplies for their orchards, the growers' cooperative said.
The regional council approved a new reservoir on Thursday.
Council member Dana Holt said construction would begin in the spring.
"""


def test_soft_words_are_verbs_adjectives_and_adverbs_but_not_entities():
    from qa.coverage import soft_words
    from qa.parse import question_doc

    soft = soft_words(question_doc("What are Danish farmers finding hard to keep up in the valley?"))
    assert {"finding", "keep"} <= soft
    assert not {"farmers", "valley", "danish"} & soft  # nouns and a nationality (NORP) stay hard


def test_a_paraphrase_with_other_verbs_is_answered_and_an_absent_noun_still_refused(engine_over):
    from qa.config import Config

    eng = engine_over({"farm.txt": ORCHARDS})
    q = "What are the valley's farmers finding hard to keep up for their orchards?"
    ans = eng.ask(q)
    assert ans.answerable and "struggling to maintain water supplies" in ans.answer
    # the rule is what answers it (focus_dense off too: a sentence this close to the question also answers it)
    strict = type(eng)(eng.store_path, config=Config().with_(soft_word_weight=1.0, focus_dense=1.0))
    assert strict.ask(q).refusal_code == Refusal.UNCOVERED.value
    off = eng.ask("What is the population of the Orla valley?")
    assert not off.answerable and off.refusal_code == Refusal.UNCOVERED.value


def test_an_outlet_named_only_in_the_metadata_is_a_name_of_the_corpus(engine_over):
    eng = engine_over({
        "dam.txt": "Dam repairs finished\n\nEngineers finished repairs on the Kessel dam on Friday, the water board said.\n",
        "articles.toml": '[articles."dam.txt"]\ntitle = "Dam repairs finished"\noutlet = "Norrin Courier"\n',
    })
    assert eng.names.mentions("Norrin Courier")
    ans = eng.ask("What does the Norrin Courier article say about the Kessel dam?")
    assert ans.refusal_code != Refusal.ENTITY_NOT_IN_CORPUS.value
    assert eng.ask("What does the Velden Post say about the Kessel dam?").refusal_code == \
        Refusal.ENTITY_NOT_IN_CORPUS.value
