"""Causes of false refusals of answerable questions (session 13, issue 10), one general rule per test, on
invented text (nothing from the seeds or the benchmarks)."""
from __future__ import annotations

from qa.names import CorpusNames
from qa.parse import question_frame

TEXTS = ["Mayor Irene Castell said the harbour dam would hold below the flood threshold.",
         "Dockworkers at the port of Velmar stayed away from the cranes on Tuesday."]


# --- 1. question words, numbers and uncased questions are not names the corpus must mention -----------
def test_wh_word_read_as_a_person_is_not_a_name():
    qf = question_frame("Whom did Lagos's port authority blame for the delays?")
    assert "Whom" not in qf.constraint_names() and "Lagos" in qf.constraint_names()


def test_number_shorthand_is_not_a_name():
    assert question_frame("mendoza 100k in 1 yr?").constraint_names() == []


def test_lowercase_multiword_name_is_checked_word_by_word():
    names = CorpusNames(TEXTS)
    assert names.missing(["castell dam limit"]) == []  # an uncased question: one known word is enough
    assert names.missing(["zorbak quillet"]) == ["zorbak quillet"]  # none known: still missing
    assert names.missing(["Castell Limit"]) == ["Castell Limit"]  # a cased name keeps the strict rule


# --- 3. questions that are not about a measurement, and measurements of the right thing ---------------
def test_which_area_after_a_preposition_asks_for_a_place():
    from qa.frames import AnswerType

    assert question_frame("Out of which area did the rebels push the army?").answer_type is AnswerType.PLACE
    assert question_frame("What is the area of the Velmar harbour?").answer_type is AnswerType.QUANTITY


def test_measured_names_are_those_of_the_measured_thing():
    from qa.constraints import measured_names

    assert measured_names(question_frame("What is the range of the Falcon missiles?")) == ["Falcon"]
    # the source and the setting are not what the calibre is of
    assert measured_names(question_frame("What calibre of gun does Oslo's defence ministry say Velmar bought?")) == []


# --- 4. constraint phrases -----------------------------------------------------------------------------
def test_a_group_that_is_the_counted_noun_is_not_repeated():
    qf = question_frame("What number of South Koreans was the new unit staffed with?")
    assert qf.group == "South Korean" and qf.counted is None


FLOOD = """Flood season in Marrow county

County chief Dana Obi said on Monday that more than 40 residents had been killed or injured in the floods.
The army used 155mm pumps and 90mm hoses to clear the streets.
The dispute over the dam has dragged on for more than three years.
Engineers hope the new levee will help push the water out of Lowfield.
Two days before the vote, Dana Obi visited the 300 families who had lost their homes.
The rebuilding fund has 20 trustees, and rebels still hold a wide strip of the Lowfield district.
"""


def test_figures_of_outcomes_questions(engine_over):
    engine = engine_over({"flood.txt": FLOOD})
    casualty = engine.ask("What casualty figure did Dana Obi give on Monday?").to_dict()
    assert casualty["answerable"] and "40" in casualty["short_answer"]
    # the names of the question are not what the years measure: the duration's sentence need not name them
    years = engine.ask("For how many years has the dispute over the Marrow county dam dragged on?").to_dict()
    assert years["answerable"] and "3 years" in years["short_answer"]
    # "how much of X": an amount in words; the count in the sentence does not answer, the sentence does
    much = engine.ask("How much of the Lowfield district do the rebels hold?").to_dict()
    assert much["answerable"] and "wide strip" in much["answer"]
    before = engine.ask("How long before the vote did Dana Obi visit the families?").to_dict()
    assert before["answerable"] and "Two days" in before["short_answer"]


def test_according_to_a_text_is_a_preference_not_a_constraint(engine_over):
    from qa.parse import question_doc
    from qa.question_names import source_is_text

    assert source_is_text(question_doc("How many died in the floods, according to the report?"))
    assert not source_is_text(question_doc("How many died in the floods, according to the ministry?"))
    assert not source_is_text(question_doc("How many died in the floods, according to local sources?"))
    engine = engine_over({"flood.txt": FLOOD})
    out = engine.ask("According to the report on the floods, for how many years has the dam dispute dragged on?")
    assert out.answerable and "3 years" in out.short_answer


def test_how_long_before_asks_a_time_not_a_length():
    from qa.frames import AnswerType

    assert question_frame("How long before the vote did the mayor resign?").answer_type is AnswerType.DATE
    assert question_frame("How long is the new bridge?").answer_type is AnswerType.QUANTITY


def test_measured_names_of_a_how_far_question_skip_other_clauses():
    from qa.constraints import measured_names

    assert measured_names(question_frame("How far is Velmar from Oslo?")) == ["Velmar", "Oslo"]
    assert measured_names(question_frame("How long had the strike lasted by the time Ana Ruiz spoke in Oslo?")) == []


def test_a_population_counts_people():
    from qa.figures import counts_same

    assert counts_same("population", ["people"]) and not counts_same("population", ["ships"])


def test_covered_dense_is_a_bounded_setting():
    import pytest

    from qa.config import Config

    assert Config().covered_dense == 1.0  # off: measured as a trade, not a win (docs/ANSWER_CORE.md)
    with pytest.raises(ValueError):
        Config(covered_dense=1.5)


def test_who_asks_a_person_even_when_it_names_a_count():
    from qa.frames import AnswerType

    assert question_frame("Who put the death toll of the floods at 40?").answer_type is AnswerType.PERSON


GARRISON = """Velmar garrison report

Colonel Ida Berg said the Velmar garrison now numbered 2,000 soldiers, most of them recruits.
The harbour reopened on Friday after the storm.
"""


def test_statement_about_the_size_of_a_thing_is_about_the_thing(engine_over):
    engine = engine_over({"garrison.txt": GARRISON})
    out = engine.ask("What did Colonel Ida Berg say about the size of the Velmar garrison?").to_dict()
    assert out["answerable"] and "2,000" in out["answer"]


def test_words_before_the_reporting_verb_are_read_by_lemma():
    from qa.constraints import _before_verb
    text = "Marta Lindqvist of the Harbour Authority testified before the committee on Monday."
    start = len("Marta Lindqvist")
    assert _before_verb(text, start, start + 40) == "of the Harbour Authority"
    text = "Ivo Petrak told the Gazette that the bridge would reopen."
    assert _before_verb(text, len("Ivo Petrak"), len("Ivo Petrak") + 40) == ""


PACT = """Harbour pact signed

The coastal states of Arvena and Belmont signed a defence pact on Friday in the port of Lisk.
Should either signatory come under armed attack, the other must at once send ships and troops to its aid.
The pact also sets up a joint fisheries board that meets twice a year.
Fishermen in Lisk said the board would settle long-running quarrels over nets.
"""


def test_focus_word_may_be_paraphrased_when_a_sentence_says_what_the_question_asks(engine_over):
    from qa.config import Config

    engine = engine_over({"pact.txt": PACT})
    question = "Under what condition does the Arvena-Belmont pact oblige one side to send military help?"
    assert engine.config.focus_dense < 1.0
    out = engine.ask(question)
    assert out.answerable and "armed attack" in out.answer
    assert not engine.ask("What wages do the fishermen in Lisk earn?").answerable  # no sentence is that close
    engine.config = Config().with_(focus_dense=1.0)  # the old rule: "condition" is in no sentence, so refused
    assert not engine.ask(question).answerable


def test_words_about_the_text_need_no_match():
    from qa.coverage import document_words
    from qa.parse import question_doc

    got = document_words(question_doc("Who runs the harbour board, going by the latest article that names her?"))
    assert {"article", "latest", "names"} <= got and not {"harbour", "board", "runs"} & got
    got = document_words(question_doc("Since when have dockers been striking, per the magazine that interviewed them?"))
    assert {"magazine", "interviewed"} <= got and "dockers" not in got
    assert "election" not in document_words(question_doc("Which candidate did the election story quote?"))


def test_a_question_about_the_text_is_answered_from_the_content(engine_over):
    from qa.config import Config

    engine = engine_over({"pact.txt": PACT})
    question = "How often does the board meet, per the latest weekly magazine that interviewed skippers?"
    out = engine.ask(question)
    assert out.answerable and "twice a year" in out.answer
    engine.config = Config().with_(document_words=False)  # latest, weekly, magazine, interviewed, skippers: refused
    assert not engine.ask(question).answerable
