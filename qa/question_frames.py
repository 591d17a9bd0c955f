"""Question frames from a spaCy parse: ``question_frame`` reads the expected answer type and type noun
(``qa.question_type``), the counted noun and its group, the measured unit, and the constraints (names,
source, places, times) and event verb (``qa.question_constraints``) into one ``QuestionFrame``."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.frames import AnswerType, Entity, QuestionFrame
from qa.nlp import parsed
from qa.parse import NAME_LABELS, _ent_of, _entity, _is_measure
from qa.question_constraints import (_about, _about_now, _asked_agent, _asks_source, _asks_statement, _event,
                                     _event_token, _ev_governor, _place_object, _source, _unlabelled_places)
from qa.question_names import aux_subject, name_span
from qa.question_type import _answer_type, _asking, _asks_sum, _is_wh, _wants_name, date_part_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["asking_part", "question_doc", "question_frame"]


def asking_part(text: str) -> str:
    """The text of the sentence of ``text`` that asks (``_asking``); context sentences before it
    name what the question is about, the asking sentence what it wants."""
    return _asking(question_doc(text)).text



def question_doc(text: str) -> "Doc":
    """The question's parse, once per text (``qa.nlp.parsed``: the frame, ``qa.timeline.time_focus`` and the
    span rules share it)."""
    return parsed(text)



@lru_cache(maxsize=2048)
def question_frame(text: str) -> QuestionFrame:
    """Parse a question once (cached) and read its frame."""
    doc = question_doc(text)
    kind, noun, plural = _answer_type(doc)
    counted = counted_text = group = unit = None
    type_word = None
    money = kind is AnswerType.OTHER and _asks_sum(doc)
    if money:
        kind = AnswerType.QUANTITY  # "What did the bridge cost?" asks how much
    if kind is AnswerType.QUANTITY:
        adverb = next((t.lower_ for t in doc if t.lower_ in L.MEASURE_ADVERBS and t.i and doc[t.i - 1].lower_ == "how"),
                      None)
        unit = adverb or ("much" if money else None)
    if kind in (AnswerType.COUNT, AnswerType.QUANTITY) and noun is not None:
        if noun.lemma_.lower() in L.MEASURE_NOUNS:
            unit = noun.lemma_.lower()
        elif _is_measure(noun.lemma_):
            unit = noun.lemma_.lower()
        elif unit is None:
            counted, counted_text = noun.lemma_.lower(), noun.lower_
        for child in noun.lefts if kind is AnswerType.COUNT else ():  # "how much Danish farmland": an
            g = _ent_of(child)  # attribute of what is measured, not a group whose members are counted
            if g is not None and g.label_ in ("NORP", "GPE", "ORG"):
                group = g.text
                if g.start <= noun.i < g.end:  # "how many South Sudanese": the group's own members are
                    one = noun.text[:-1] if noun.tag_ in ("NNS", "NNPS") and noun.lower_.endswith("s") else noun.text
                    group = " ".join([doc[g.start:noun.i].text, one]).strip()  # counted, not a noun
                    counted = counted_text = None
                break
    elif noun is not None:
        type_word = date_part_word(noun) if kind is AnswerType.DATE else noun.lemma_.lower()
    ents = tuple(_entity(e) for e in (name_span(e, _is_wh) for e in doc.ents) if e is not None
                 and (e.label_ in NAME_LABELS or e.label_ in ("DATE", "TIME"))) + \
        tuple(Entity(p.text, p.start_char, p.end_char, "", AnswerType.PLACE, _ev_governor(p.root)) for p in _unlabelled_places(doc))
    unnamed = _unlabelled_places(doc)
    places = tuple(e.text for e in doc.ents if e.label_ in NAME_LABELS - {"PERSON", "NORP"}
                   and _place_object(e.root) and e.text != group) + tuple(p.text for p in unnamed)
    times = tuple(e.text for e in doc.ents if e.label_ in ("DATE", "TIME")
                  and not any(_is_wh(t) for t in e))  # "what day" asks for a time, it names none
    skip = L.QUESTION_FILLER | ({type_word} if type_word else set())
    lemmas = frozenset(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop
                       and t.lemma_.lower() not in skip and t.lower_ not in skip)
    ev, about = _event_token(doc), _about(doc)
    source, statement = _source(doc), _asks_statement(doc, kind)
    if source is None and statement:  # "What did Voice of America report": the name the parser missed
        found = aux_subject(doc)
        source = found[0].text if found else None
    return QuestionFrame(text=text, answer_type=kind, type_word=type_word, wants_list=plural, counted=counted, counted_text=counted_text,
                         unit=unit, group=group, entities=ents, source=source, places=places,
                         times=times, lemmas=lemmas, asks_source=_asks_source(doc),
                         event=_event(doc), event_text=ev.lower_ if ev is not None else None,
                         about=about.lemma_.lower() if about is not None else None,
                         about_text=_phrase_text(about) if about is not None else None,
                         wants_name=_wants_name(doc), asks_statement=statement,
                         event_agent=_asked_agent(doc, ev), about_now=_about_now(doc))


def _phrase_text(tok: "Token") -> str:
    """``tok`` with its left modifiers: "the rebel casualties"."""
    return tok.doc[tok.left_edge.i: tok.i + 1].text
