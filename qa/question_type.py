"""The answer type a question asks for, from its spaCy parse: the asking sentence and its wh-word, the
type noun ("which agency", "what is the population of", "which two Swiss outlets"), the counted noun of
"how many X" / "the number of X", whether a list or a name is wanted, and "what did X cost" as a sum.
``qa.question_frames.question_frame`` reads these into the frame."""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.attribution import WH_TAGS
from qa.coverage import type_of_noun
from qa.frames import AnswerType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_type_of_noun = type_of_noun


_WH_WORDS = frozenset(("how", "which", "what", "who", "whom", "whose", "when", "where", "why"))


def _is_wh(tok: "Token") -> bool:
    return tok.tag_ in WH_TAGS or tok.lower_ in _WH_WORDS


def _asking(doc: "Doc"):
    """The sentence that asks: the last one with a wh-word ("Crowds gathered this week. Who spoke?"),
    else the whole question."""
    sents = list(doc.sents)
    if len(sents) > 1:
        for sent in reversed(sents):
            if any(_is_wh(t) for t in sent):
                return sent
    return doc[:]



def _wh(doc: "Doc") -> "Token | None":
    for tok in _asking(doc):
        if _is_wh(tok):
            return tok
    return None


MODIFIER_SPAN = 4  # how many modifier tokens may sit between "which" and its noun ("which South Asian country")


def _noun_past_modifiers(wh: "Token") -> "Token | None":
    """'country' in "in which European country", 'venue' in "at which iconic venue": the small parser
    often hangs a determiner "which" followed by an adjective on the verb or the preposition, not on
    its noun. The noun is the first token after the modifiers (adjectives, hyphens, adverbs, and
    nouns or names that modify the next word) that modifies nothing itself."""
    if wh.tag_ != "WDT" or wh.lower_ not in ("which", "what"):
        return None
    doc = wh.doc
    nxt = doc[wh.i + 1] if wh.i + 1 < len(doc) else None
    if nxt is None or nxt.pos_ not in ("ADJ", "ADV", "PROPN", "NOUN") or (
            nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ not in ("compound", "amod", "nmod")):
        return None  # "which country": the ordinary rules read it
    for tok in doc[wh.i + 1: wh.i + 2 + MODIFIER_SPAN]:
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod", "nmod", "poss"):
            return tok
        if tok.pos_ not in ("ADJ", "ADV", "PUNCT", "NOUN", "PROPN", "NUM"):
            return None
    return None


def _type_noun(wh: "Token") -> "Token | None":
    """'agency' in "which agency said ...", 'population' in "what is the population of ..."."""
    if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN"):
        return wh.head
    past = _noun_past_modifiers(wh)
    if past is not None and _type_of_noun(past.lemma_.lower()) is not AnswerType.PERSON:
        # a person's title ("which American spokesman") keeps the old reading: a typed person
        # question must find the title next to the name, which news prose often gives a sentence earlier
        return past
    nxt = wh.doc[wh.i + 1] if wh.i + 1 < len(wh.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and wh.lower_ in ("what", "which"):
        return nxt
    counted = _counted_type_noun(wh)
    if counted is not None:
        return counted
    if wh.lower_ in ("what", "which") and wh.head.lemma_ == "be":
        for child in wh.head.children:
            if child.dep_ in ("nsubj", "attr") and child is not wh and child.pos_ in ("NOUN", "PROPN"):
                # "which of the parties": the noun after "of"
                return child
    rest = [t for t in wh.doc[wh.i + 1: wh.i + 4] if t.pos_ != "DET"]
    if wh.lower_ in ("what", "which") and len(rest) >= 2 and rest[0].lemma_ == "be" and rest[1].pos_ == "NOUN":
        return rest[1]  # "what is the range of ..." when the parser hangs "range" elsewhere
    if wh.lower_ in ("which", "what"):
        for child in wh.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return None


def _counted_type_noun(wh: "Token") -> "Token | None":
    """'outlets' in "which two Swiss outlets ...", 'things' in "what three things ...": a number
    (and modifiers) between the wh-word and its noun. The parser often hangs the wh-word elsewhere."""
    if wh.lower_ not in ("what", "which") or wh.i + 1 >= len(wh.doc) or wh.doc[wh.i + 1].pos_ != "NUM":
        return None
    for t in wh.doc[wh.i + 2: wh.i + 6]:
        if t.pos_ == "NOUN" and wh.doc[wh.i + 1].head.i == t.i:
            return t
        if t.pos_ not in ("ADJ", "PROPN", "NOUN", "NUM") or t.dep_ not in ("amod", "compound", "nummod"):
            break
    return None


def _count_noun(doc: "Doc", wh: "Token | None") -> "Token | None":
    if wh is not None and wh.lower_ == "how":
        many = wh.doc[wh.i + 1] if wh.i + 1 < len(doc) else None
        if many is not None and many.lower_ in ("many", "much"):
            if many.head.pos_ in ("NOUN", "PROPN") and many.head is not many:
                return many.head
            nxt = [t for t in doc[many.i + 1: many.i + 6] if t.pos_ in ("NOUN",)]
            return nxt[0] if nxt else None
    for tok in doc:
        if tok.lemma_.lower() in L.COUNT_NOUNS:
            noun = tok
            for _ in range(3):  # "the estimate of the number of soldiers" -> soldiers
                objs = [c for child in noun.children if child.dep_ == "prep" and child.lower_ == "of"
                        for c in child.children if c.dep_ == "pobj"]
                if not objs:
                    break
                noun = objs[0]
                if noun.lemma_.lower() not in L.COUNT_NOUNS:
                    return noun
    return None


def _answer_type(doc: "Doc") -> tuple[AnswerType, "Token | None", bool]:
    """(answer type, the type noun or counted noun, wants a list)."""
    wh = _wh(doc)
    first = next((t for t in doc if not t.is_punct), None)
    if first is not None and first.lemma_.lower() in L.LIST_VERBS and (wh is None or wh.i > first.i + 1):
        obj = next((c for c in first.children if c.dep_ in ("dobj", "attr", "npadvmod")), None)
        obj = obj or next((t for t in doc[first.i + 1:] if t.pos_ in ("NOUN", "PROPN")), None)
        kind = _type_of_noun(obj.lemma_.lower()) if obj is not None else None
        return kind or AnswerType.LIST, obj, True
    if wh is None:
        return AnswerType.OTHER, None, False
    w = wh.lower_
    if w in ("who", "whom"):  # "who put the toll at ...": the source of a figure, not a count
        return AnswerType.PERSON, None, False
    date_part = _date_part(wh)
    if date_part is not None:  # "on what day did X give its figure of ...": a date, not the figure
        return AnswerType.DATE, date_part, False
    counted = _count_noun(doc, wh)
    if w == "how":
        nxt = doc[wh.i + 1].lower_ if wh.i + 1 < len(doc) else ""
        if nxt == "many":
            return AnswerType.COUNT, counted, False
        after = doc[wh.i + 2].lower_ if wh.i + 2 < len(doc) else ""
        if nxt == "long" and after in L.RELATIVE_TIME_WORDS:  # "how long before X did Y": a time ("hours
            return AnswerType.DATE, None, False  # before", "two days after"), not a length
        if nxt in L.QUANTITY_ADVERBS:
            return AnswerType.QUANTITY, counted, False
        return AnswerType.MANNER, None, False
    if counted is not None:
        return AnswerType.COUNT, counted, False
    if w in ("who", "whom"):
        return AnswerType.PERSON, None, False
    if w == "whose":
        return AnswerType.PERSON, None, False
    if w == "when":
        return AnswerType.DATE, None, False
    if w == "where":
        return AnswerType.PLACE, None, False
    if w == "why":
        return AnswerType.REASON, None, False
    noun = _type_noun(wh)
    if noun is None:
        return AnswerType.OTHER, None, False
    named = _named_thing(noun)
    if named is not None:  # "the name of the official ...": the official is the type
        noun = named
        kind = _type_of_noun(noun.lemma_.lower())
        if kind is None and (noun.lemma_.lower() in L.COUNT_GROUPS[1] | L.PERSON_NOUNS or _said_of_person(noun)):
            kind = AnswerType.PERSON
        return kind or AnswerType.ENTITY, noun, noun.tag_ in ("NNS", "NNPS")
    plural = noun.tag_ in ("NNS", "NNPS")
    if noun.lemma_.lower() in L.MEASURE_NOUNS and not _where_noun(noun, plural):
        return AnswerType.QUANTITY, noun, False  # "what calibre", "what is the range of"
    kind = _type_of_noun(noun.lemma_.lower())
    if kind is AnswerType.COUNT:  # "what casualty figures": counts of what the modifier names, if any
        mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN"]
        return AnswerType.COUNT, (mods[0] if mods else None), False
    if kind is None:
        return (AnswerType.LIST if plural else AnswerType.ENTITY), noun, plural
    return kind, noun, plural


def _date_part(wh: "Token") -> "Token | None":
    """'day' in "on what day", "what day of the week", 'month' in "in which month", 'weekday': the
    date noun the wh-word determines (or the noun right after it). A question for a part of a date
    asks for a date even when it also names a figure ("on what day was the toll of 40 given")."""
    if wh.lower_ not in ("what", "which"):
        return None
    nxt = wh.doc[wh.i + 1] if wh.i + 1 < len(wh.doc) else None
    for noun in (wh.head if wh.dep_ == "det" else None, nxt):
        if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in L.DATE_PART_NOUNS:
            return noun
    return None


def date_part_word(noun: "Token") -> str:
    """The unit a date noun asks for: "weekday" for "which weekday" and "what day of the week", "ordinal"
    for "which day of the siege" (the 40th), else its lemma."""
    lemma = noun.lemma_.lower()
    if lemma == "day":
        of = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if any(o.lemma_.lower() == "week" for o in of):
            return "weekday"
        if of and not any(o.lemma_.lower() in L.DATE_PART_NOUNS for o in of):
            return "ordinal"
    return lemma


def _where_noun(noun: "Token", plural: bool) -> bool:
    """A noun that names a place as well as a measure ("area") asks for a place when plural, after a
    preposition ("in / out of / from which area") or after "which" ("which area"), not in "what is the area of"."""
    return noun.lemma_.lower() in L.PLACE_NOUNS and (
        plural or noun.dep_ == "pobj" or any(c.dep_ == "det" and c.lower_ == "which" for c in noun.children))


def _named_thing(noun: "Token") -> "Token | None":
    """'official' in "the name of the official who ...": what a name noun ("name", "identity") names."""
    if noun.lemma_.lower() not in L.NAME_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if objs:
                return objs[0]
    return None


def _said_of_person(noun: "Token") -> bool:
    """A relative clause with "who" refers to people: "the sailors who were rescued"."""
    return any(c.dep_ == "relcl" and any(t.lower_ in ("who", "whom", "whose") for t in c.children)
               for c in noun.children)


def _wants_name(doc: "Doc") -> bool:
    wh = _wh(doc)
    noun = _type_noun(wh) if wh is not None else None
    return noun is not None and _named_thing(noun) is not None


def _asks_sum(doc: "Doc") -> bool:
    """ "What did the bridge cost?", "What does Acme pay for ...": "what" + "do" and a money verb, the last word
    or before a preposition (from the words: the small parser often takes "cost" for a noun)."""
    if len(doc) < 3 or doc[0].lower_ != "what" or doc[1].lemma_.lower() != "do":
        return False
    return any(t.lower_ in L.MONEY_VERBS and doc[t.i - 1].pos_ not in ("DET", "ADP", "ADJ", "PART", "PRON")
               and (t.i + 1 == len(doc) or doc[t.i + 1].is_punct or doc[t.i + 1].pos_ == "ADP")
               for t in doc[3:])  # a verb, not "about the cost"

