"""Answer types of date-part questions and place spans (qa.question_type, qa.question_frames, qa.spans).
Invented text only."""
from __future__ import annotations

from qa.frames import AnswerType, Entity
from qa.nlp import pipeline
from qa.parse import evidence_frame, question_frame
from qa.date_units import date_fits
from qa.spans import spans_in


def test_a_question_for_a_date_part_asks_for_a_date_even_when_it_names_a_figure():
    qf = question_frame("On what day did the port authority give its toll of 40 missing sailors?")
    assert qf.answer_type is AnswerType.DATE and qf.type_word == "day"
    assert qf.times == ()  # "what day" names no time of its own
    text = "The port authority gave its toll of 40 missing sailors on Tuesday, a week after the storm."
    spans = spans_in(qf, evidence_frame(pipeline()(text), "s1"))
    assert spans and spans[0].text == "Tuesday"


def test_weekday_questions_want_a_weekday():
    for q in ("Which weekday did the mayor open the bridge?",
              "What day of the week did the mayor open the bridge?"):
        qf = question_frame(q)
        assert qf.answer_type is AnswerType.DATE and qf.type_word == "weekday", q
    assert date_fits("weekday", "on Friday") and not date_fits("weekday", "March 3")
    assert question_frame("In what month did the strike begin?").type_word == "month"
    assert question_frame("What number of ships sank?").answer_type is AnswerType.COUNT


def test_which_day_of_an_event_wants_its_ordinal_and_what_date_a_calendar_date():
    qf = question_frame("Which day of the siege did the council mark with a vigil?")
    assert qf.answer_type is AnswerType.DATE and qf.type_word == "ordinal"
    assert date_fits("ordinal", "the 40th day") and not date_fits("ordinal", "Tuesday")
    assert question_frame("By what date must the bridge be finished?").type_word == "date"
    assert date_fits("date", "March 3") and date_fits("date", "2031") and not date_fits("date", "one year")


def _places(question: str, text: str) -> list[str]:
    return [sp.text for sp in spans_in(question_frame(question), evidence_frame(pipeline()(text), "s"))]


def test_a_place_that_acts_or_is_a_source_is_not_where():
    # "Oslo" as the object of "aid" is a government; the place is under the preposition
    got = _places("Where might the volunteers end up?",
                  "The volunteers could be sent to aid Oslo, and possibly to the northern territories of Karelia.")
    assert got and got[0] == "Karelia" and "Oslo" not in got
    assert "Oslo" not in _places("Where did the ships sail?", "Oslo denied that the ships sailed last week.")
    # "according to" names a source, whatever label the recogniser gives it
    got = _places("Where will the new battalion be used?",
                  "The battalion will be used in Lapland, according to the Finnish outlets Yle and Iltalehti.")
    assert got and got[0] == "Lapland" and "Yle" not in got and "Iltalehti" not in got


def test_where_in_a_named_place_is_finer_than_it():
    got = _places("Where in Porto did the nurses march?",
                  "Nurses marched to the parliament, near the Santo Antonio Hospital in Porto, Portugal on Friday.")
    assert "Portugal" not in got


def _misread(text: str, name: str):
    """The frame of ``text`` with ``name`` labelled a product, as the small recogniser does to some towns."""
    from dataclasses import replace

    frame = evidence_frame(pipeline()(text), "s")
    at = text.index(name)
    ents = [e for e in frame.entities if e.start != at] + [Entity(name, at, at + len(name), "PRODUCT", AnswerType.ENTITY)]
    return replace(frame, entities=tuple(ents))


def test_a_product_label_on_a_place_is_no_organisation():
    qf = question_frame("Which agency reported the fighting?")
    assert spans_in(qf, _misread("Soldiers are now on the front lines in Vesna fighting the rebels.", "Vesna")) == []
    assert spans_in(qf, _misread("Soldiers are fighting in the Vesna region this week.", "Vesna")) == []
    got = spans_in(qf, _misread("Vesna reported the fighting to its readers.", "Vesna"))
    assert [sp.text for sp in got] == ["Vesna"]  # a product-labelled name that is no place still answers
