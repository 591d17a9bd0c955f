"""The constraints and event of a question, from its spaCy parse: the source ("according to X", "X's
count", "did X say"), whether it asks for a source or for a statement ("What did X say ..."), places
(also proper nouns the entity recogniser missed), the event verb and its named doer, the topic of
"about Y", and whether it asks about now. ``qa.question_frames.question_frame`` reads these into the
frame (``qa.constraints`` checks them against candidate answers)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa import lexicon as L
from qa.attribution import WH_TAGS
from qa.attribution import entity_of as _ent_of
from qa.attribution import phrase as _phrase
from qa.frames import AnswerType
from qa.question_names import aux_subject
from qa.question_type import _asking, _wh

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


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
            if any(t.tag_ in WH_TAGS for t in tok.subtree):
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
        if verb.lemma_.lower() in L.REPORTING_VERBS | L.PUBLISHING_VERBS:
            for s in verb.children:
                if s.dep_ == "nsubj" and s.tag_ not in WH_TAGS and s.pos_ in ("PROPN", "NOUN") \
                        and not any(t.tag_ in WH_TAGS for t in s.subtree):
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
                and any(t.tag_ in WH_TAGS for t in tok.subtree):
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
    """The question's main content verb: "strike" in "how many workers are believed to have struck"."""
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS
             and t.lemma_.lower() not in L.REPORTING_VERBS and t.lemma_.lower() not in L.LIST_VERBS]
    if not verbs:
        return None
    verbs.sort(key=lambda t: -len(list(t.ancestors)))  # the most embedded: "believed to have struck"
    return verbs[0]


def _event(doc: "Doc") -> str | None:
    tok = _event_token(doc)
    return tok.lemma_.lower() if tok is not None else None

