"""Question frames from a spaCy parse: the expected answer type (wh-word, type noun, "how many /
how far"), the counted noun and its group, the measured unit, the constraints (names, a source
"according to X" / "X's count" / "did X say", places, times) and the question's event verb."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.coverage import type_of_noun
from qa.frames import AnswerType, Entity, QuestionFrame
from qa.nlp import pipeline
from qa.parse import _WH_TAGS, ENTITY_KIND, NAME_LABELS, _ent_of, _entity, _is_measure, _phrase
from qa.question_names import aux_subject, name_span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["asking_part", "question_doc", "question_frame"]

_type_of_noun = type_of_noun


_WH_WORDS = frozenset(("how", "which", "what", "who", "whom", "whose", "when", "where", "why"))


def _is_wh(tok: "Token") -> bool:
    return tok.tag_ in _WH_TAGS or tok.lower_ in _WH_WORDS


def _asking(doc: "Doc"):
    """The sentence that asks: the last one with a wh-word ("Crowds gathered this week. Who spoke?"),
    else the whole question."""
    sents = list(doc.sents)
    if len(sents) > 1:
        for sent in reversed(sents):
            if any(_is_wh(t) for t in sent):
                return sent
    return doc[:]


def asking_part(text: str) -> str:
    """The text of the sentence of ``text`` that asks (``_asking``); context sentences before it
    name what the question is about, the asking sentence what it wants."""
    return _asking(question_doc(text)).text


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


def _asks_statement(doc: "Doc", kind: AnswerType) -> bool:
    """ "What did X say / tell / warn (about Y)?": the wh-word is what a reporting verb with a subject of
    its own reports; the answer is X's statement. A place as the subject speaks for its government
    ("What does Oslo say ...") and is not checked as a speaker."""
    wh = _wh(doc)
    if wh is None or kind is not AnswerType.OTHER or wh.lower_ != "what":
        return False
    for verb in [wh.head, *wh.head.ancestors][:3]:
        if verb.lemma_.lower() in L.REPORTING_VERBS:
            subj = [c for c in verb.children if c.dep_ == "nsubj" and c is not wh]
            if subj:
                return subj[0].ent_type_ not in ("GPE", "LOC", "FAC")
            break
    found = aux_subject(doc)  # the parser took the name for a modifier of the verb ("did Reuters report")
    return found is not None and (wh.head.i == found[1].i or wh.head.i in {a.i for a in found[1].ancestors}) \
        and found[0][-1].ent_type_ not in ("GPE", "LOC", "FAC")


def _agent(verb: "Token | None") -> str | None:
    """The named doer of the question's event verb: "Kim Jong Un" in "When did Kim Jong Un visit ...",
    the X of a passive "by X"; None when the doer is the wh-word or not a name."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ == "nsubj" or (c.dep_ == "agent" and any(o.dep_ == "pobj" for o in c.children)):
            tok = c if c.dep_ == "nsubj" else next(o for o in c.children if o.dep_ == "pobj")
            if any(t.tag_ in _WH_TAGS for t in tok.subtree):
                return None
            ent = _ent_of(tok)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                return ent.text
            if tok.pos_ == "PROPN" and ent is None:  # a name the entity recogniser missed: "Ana Ruiz"
                return tok.doc[tok.left_edge.i: tok.i + 1].text
    return None


def _asked_agent(doc: "Doc", verb: "Token | None") -> str | None:
    """``_agent`` of a wh-question's event verb when the asking sentence holds it (not of yes/no
    questions, nor of a preamble: "X won an award this week. Which film ...?")."""
    asking = _asking(doc)
    if verb is None or _wh(doc) is None or not asking.start <= verb.i < asking.end:
        return None
    return _agent(verb)


def _about_now(doc: "Doc") -> bool:
    """Does the question ask about now (prefer the newest dated statement)? ``qa.timeline.time_focus``,
    except that a question whose verb is past by its auxiliary ("What did X say ...", "How many were
    killed") is not about now by tense alone: spaCy tags the bare verb after "did" as present. Words
    and phrases of now ("currently", "this week") and weekday dates ("on Monday") still make it so."""
    from qa.timeline import TimeFocus, time_focus

    if time_focus(doc) is not TimeFocus.PRESENT:
        return False
    words = " " + " ".join(t.lower_ for t in doc) + " "
    if any(f" {w} " in words for w in L.NOW_WORDS | L.NOW_PHRASES) or any(e.label_ == "DATE" for e in doc.ents):
        return True
    root = _asking(doc).root
    return not any("Past" in c.morph.get("Tense") for c in root.children if c.dep_ in ("aux", "auxpass"))


def _about(doc: "Doc") -> "Token | None":
    """The head of Y in "what did X say / think about Y" ("casualties"; a gerund: "sending")."""
    for tok in doc:
        if tok.lower_ in L.TOPIC_PREPOSITIONS and tok.dep_ == "prep" and tok.head.pos_ in ("VERB", "AUX"):
            objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in ("DATE", "TIME")]
            if objs:
                return objs[0]
    return None


def _name_in(span: "SpacySpan") -> str:
    """The name inside a source phrase: "Okafor" in "Okafor's speech to parliament"."""
    names = [e for e in span.doc.ents if e.start >= span.start and e.end <= span.end
             and e.label_ in ("PERSON", "ORG")]
    return names[0].text if names else span.text


def _source(doc: "Doc") -> str | None:
    for tok in doc:
        if tok.lower_ == "according":
            for to in tok.children:
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    return _name_in(doc[objs[0].left_edge.i: objs[0].i + 1])
    for tok in doc:  # "the Joint Chiefs of Staff's count of ..." / "Washington's estimate"
        if tok.lemma_.lower() in L.COUNT_NOUNS:
            owner = [c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
            if owner:  # the owner is the name itself (entities may stop short: "Joint Chiefs" of Staff)
                return " ".join(t.text for t in owner[0].subtree if t.dep_ != "case")
    for verb in doc:
        if verb.lemma_.lower() in L.REPORTING_VERBS:
            for s in verb.children:
                if s.dep_ == "nsubj" and s.tag_ not in _WH_TAGS and s.pos_ in ("PROPN", "NOUN") \
                        and not any(t.tag_ in _WH_TAGS for t in s.subtree):
                    return _phrase(s).text
    return _aux_source(doc)


def _aux_source(doc: "Doc") -> str | None:
    """ "did Acme report", "did Voice of America report": the named subject of the reporting verb, read
    from the tags (``question_names.aux_subject``)."""
    found = aux_subject(doc, strict=True)
    return found[0].text if found else None


def _asks_source(doc: "Doc") -> bool:
    """The wh-word (or its noun) is the subject of a reporting verb: "Who warned ...", "Which agency said ..."."""
    for tok in doc:
        if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in L.REPORTING_VERBS \
                and any(t.tag_ in _WH_TAGS for t in tok.subtree):
            return True
    return False


def _place_object(tok: "Token") -> bool:
    """``tok`` (or the noun it names: "the Bryansk region") is the object of "in / at / to ..."."""
    if tok.dep_ in ("compound", "amod", "poss") and tok.head.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "poss" and tok.head.lemma_.lower() not in L.PLACE_NOUNS:
            return False  # "in Reuters' account", "in the agency's report": an owner, not a place
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in L.PLACE_PREPOSITIONS and tok.head.head.lower_ != "according"


def _unlabelled_places(doc: "Doc") -> list["SpacySpan"]:
    """Proper nouns the entity recogniser missed that are the object of "in / at / to ..." ("sent to
    Oberwald"): a place constraint all the same."""
    out = []
    for tok in doc:
        if tok.pos_ == "PROPN" and not tok.ent_type_ and tok.dep_ == "pobj" and _place_object(tok):
            left = tok
            while left.i > 0 and doc[left.i - 1].dep_ == "compound" and doc[left.i - 1].pos_ == "PROPN" \
                    and not doc[left.i - 1].ent_type_:
                left = doc[left.i - 1]
            out.append(doc[left.i: tok.i + 1])
    return out


def _ev_governor(tok: "Token") -> str | None:
    head = tok.head
    for _ in range(4):
        if head.pos_ == "VERB":
            return head.lemma_.lower()
        if head.head is head:
            return None
        head = head.head
    return None


_LIGHT_VERBS = frozenset("be have do get make say tell happen accord".split())


def _event_token(doc: "Doc") -> "Token | None":
    """The question's main content verb: "desert" in "how many soldiers are believed to have deserted"."""
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS
             and t.lemma_.lower() not in L.REPORTING_VERBS and t.lemma_.lower() not in L.LIST_VERBS]
    if not verbs:
        return None
    verbs.sort(key=lambda t: -len(list(t.ancestors)))  # the most embedded: "believed to have deserted"
    return verbs[0]


def _event(doc: "Doc") -> str | None:
    tok = _event_token(doc)
    return tok.lemma_.lower() if tok is not None else None


@lru_cache(maxsize=2048)
def question_doc(text: str) -> "Doc":
    """The question's parse, once per text (the frame and ``qa.timeline.time_focus`` share it)."""
    return pipeline()(text)


def _asks_sum(doc: "Doc") -> bool:
    """ "What did the bridge cost?", "What does Acme pay for ...": "what" + "do" and a money verb, the last word
    or before a preposition (from the words: the small parser often takes "cost" for a noun)."""
    if len(doc) < 3 or doc[0].lower_ != "what" or doc[1].lemma_.lower() != "do":
        return False
    return any(t.lower_ in L.MONEY_VERBS and doc[t.i - 1].pos_ not in ("DET", "ADP", "ADJ", "PART", "PRON")
               and (t.i + 1 == len(doc) or doc[t.i + 1].is_punct or doc[t.i + 1].pos_ == "ADP")
               for t in doc[3:])  # a verb, not "about the cost"


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
        type_word = noun.lemma_.lower()
    ents = tuple(_entity(e) for e in (name_span(e, _is_wh) for e in doc.ents) if e is not None
                 and (e.label_ in NAME_LABELS or e.label_ in ("DATE", "TIME"))) + \
        tuple(Entity(p.text, p.start_char, p.end_char, "", AnswerType.PLACE, _ev_governor(p.root)) for p in _unlabelled_places(doc))
    unnamed = _unlabelled_places(doc)
    places = tuple(e.text for e in doc.ents if e.label_ in NAME_LABELS - {"PERSON", "NORP"}
                   and _place_object(e.root) and e.text != group) + tuple(p.text for p in unnamed)
    times = tuple(e.text for e in doc.ents if e.label_ in ("DATE", "TIME"))
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
