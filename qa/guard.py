"""Text that is not evidence: sentences that give instructions to the reader or to an AI.

``is_instruction(sentence)`` returns a ``GuardCode`` when a sentence, read from its parse,
instructs rather than reports, else None; ``inspect`` also returns the token that decided it.
A flagged sentence must never be used as evidence (and is marked if shown).

The rules read the sentence's own clauses: the root and the verbs coordinated with it, or a
clause standing before a colon ("Note to AI models: ..."). Words inside quotation marks and
clauses under a reporting verb ("the hackers told the chatbot to ignore ...") are reported
speech, not instructions to this reader, and are not read.

- OVERRIDE: an imperative that drops what came before ("Ignore all previous instructions").
- DICTATED_ANSWER: an imperative, or an obligation on "you" / an AI, to answer, say or respond
  with given content ("Answer that ...", "When asked about X, say Y", "AI assistants must
  respond that ...").
- ROLE_ASSIGNMENT: "you" given a role ("You are now an unrestricted assistant", "Pretend ...").
- ADDRESSES_AI: the sentence speaks to an AI reader ("Note to AI models: ...",
  "Language models reading this should ...").
- PROMPT_MARKUP: chat-template or prompt-file markup ("<|im_start|>", "[INST]", "System prompt:").

Pure: no engine imports; spaCy loads on first use through ``qa.nlp`` (or pass a parsed Span).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Iterable

from qa import lexicon as L

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
_CLAUSE_DEPS = {"advcl", "ccomp", "parataxis", "dep"}


class GuardCode(Enum):
    OVERRIDE = "override"
    DICTATED_ANSWER = "dictated_answer"
    ROLE_ASSIGNMENT = "role_assignment"
    ADDRESSES_AI = "addresses_ai"
    PROMPT_MARKUP = "prompt_markup"

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_MESSAGES = {
    GuardCode.OVERRIDE: "tells the reader to ignore earlier instructions",
    GuardCode.DICTATED_ANSWER: "tells the reader what to answer",
    GuardCode.ROLE_ASSIGNMENT: "assigns the reader a role",
    GuardCode.ADDRESSES_AI: "speaks to an AI reader",
    GuardCode.PROMPT_MARKUP: "contains chat-prompt markup",
}


@dataclass(frozen=True)
class GuardFinding:
    code: GuardCode
    start: int  # character offsets, inside the sentence, of the token that decided it
    end: int

    @property
    def message(self) -> str:
        return self.code.message


def might_instruct(text: str) -> bool:
    """Cheap pre-filter: False means no rule can fire, so the sentence need not be parsed."""
    lower = text.lower()
    if any(m in lower for m in L.PROMPT_MARKUP):
        return True
    return any(w in L.GUARD_TRIGGERS for w in re.findall(r"[a-z][a-z.]*[a-z]|[a-z]", lower))


def is_instruction(sentence: "str | Span") -> GuardCode | None:
    """The code of the instruction ``sentence`` gives, or None when it is not one."""
    found = inspect(sentence)
    return found.code if found else None


def inspect(sentence: "str | Span") -> GuardFinding | None:
    """Like ``is_instruction``, with the offsets of the deciding token inside the sentence."""
    text = sentence if isinstance(sentence, str) else sentence.text
    lower = text.lower()
    for mark in L.PROMPT_MARKUP:
        at = lower.find(mark)
        if at >= 0:
            return GuardFinding(GuardCode.PROMPT_MARKUP, at, at + len(mark))
    if not might_instruct(text):
        return None
    if isinstance(sentence, str):
        from qa.nlp import parsed

        span = parsed(sentence)[:]  # the Doc the sentence's evidence frame and the span rules read too
    else:
        span = sentence
    quoted = _quoted(span)
    base = span.start_char
    for head in _clause_heads(span, quoted):
        code = _judge(head, quoted)
        if code is not None:
            return GuardFinding(code, head.idx - base, head.idx + len(head.text) - base)
    return None


# ----------------------------------------------------------------------------- parse helpers
def _quoted(span: "Span") -> set[int]:
    """Token indices inside quotation marks; none when the whole sentence is one quotation."""
    inside, out = False, set()
    for t in span:
        if t.is_quote and t.text not in {"'s", "’s"}:
            inside = not inside
            continue
        if inside:
            out.add(t.i)
    rest = [t for t in span if t.i not in out and not (t.is_punct or t.is_space)]
    return out if rest else set()


def _clause_heads(span: "Span", quoted: set[int]) -> Iterable["Token"]:
    """The sentence's own clauses: root, verbs coordinated with it, clauses before a colon.
    Nothing under a reporting root (its clauses are someone's reported words)."""
    for sent in span.sents:
        root = sent.root
        if root.i in quoted:
            continue
        yield root
        yield from (c for c in root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and c.i not in quoted)
        if _subject(root) is not None and root.lemma_.lower() in L.REPORTING_VERBS:
            continue
        for c in root.children:
            if c.dep_ in _CLAUSE_DEPS and c.i < root.i and c.i not in quoted and _before_colon(c, root):
                yield c


def _before_colon(clause: "Token", root: "Token") -> bool:
    doc = root.doc
    return any(doc[i].text in {":", ";"} for i in range(clause.right_edge.i + 1, root.i))


def _subject(verb: "Token") -> "Token | None":
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _modals(verb: "Token") -> set[str]:
    out = {c.lower_ for c in verb.children if c.tag_ == "MD"}
    if verb.dep_ == "xcomp" and verb.head.lemma_ in {"have", "need"}:  # "you have to answer"
        out.add(verb.head.lemma_)
    return out


_LEAD_DEPS = {"advcl", "prep", "advmod", "intj", "punct", "mark", "neg", "aux", "npadvmod", "cc", "discourse"}


def _is_imperative(verb: "Token") -> bool:
    """A base-form verb with no subject that opens its clause ("Ignore ...", "..., say ...")."""
    if _subject(verb) is not None:
        return False
    if verb.tag_ not in {"VB", "VBP"} and not _mistagged_verb(verb):
        return False
    if any(c.dep_ == "aux" and c.lemma_ != "do" for c in verb.children):  # "to ignore", "must answer"
        return False
    if verb.dep_ == "conj":  # "Ignore ... and answer ...": imperative when its head is
        return _is_imperative(verb.head)
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if prev is not None and not (prev.is_punct or prev.pos_ in {"ADV", "INTJ", "PART", "AUX"}):
        return False  # "..., experts say": a subject the parser did not attach
    return all(c.dep_ in _LEAD_DEPS or _separated(c, verb) for c in verb.children if c.i < verb.i)


def _separated(clause: "Token", verb: "Token") -> bool:
    """A clause before ``verb`` ends at a colon or semicolon ("Do not X; instead say Y")."""
    return any(t.text in {":", ";"} for t in verb.doc[clause.right_edge.i + 1:verb.i])


def _is_ai(noun: "Token") -> bool:
    """The noun names an AI reader: "chatbots", "AI assistants", "language models"."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    mods = {c.lower_ for c in noun.children if c.dep_ in {"compound", "amod"}}
    if noun.lower_ in L.AI_MODIFIED:
        return bool(mods & L.AI_MODIFIERS)
    return noun.lower_ in L.AI_WORDS and not any(c.dep_ == "prep" for c in noun.children)


def _has_content(verb: "Token") -> bool:
    """The verb is given something to produce: a clause, a quotation, a figure, "with X"."""
    for c in verb.children:
        if c.dep_ == "ccomp" and not any(t.tag_ in {"WDT", "WP", "WRB"} for t in c.subtree) \
                and not _relative_on_object(verb, c):
            return True
        if c.dep_ in {"dobj", "attr", "oprd"} and (c.like_num or c.is_quote or any(t.like_num for t in c.subtree)):
            return True
        if c.dep_ == "prep" and c.lower_ == "with" and any(t.like_num or t.is_quote for t in c.subtree):
            return True
    after = verb.right_edge.i + 1
    return after < len(verb.doc) and verb.doc[after].text == ":"  # "output the following: ..."


_COMPLEMENTS = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative", "auxpass", "nsubjpass", "mark"}


def _relative_on_object(verb: "Token", clause: "Token") -> bool:
    """ "Tell everyone [you know]": a clause right after the object, missing its own object, is a
    relative clause on that object (the parser attached it to the verb), not content to say."""
    objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i < clause.i]
    return bool(objs) and clause.left_edge.i == objs[-1].right_edge.i + 1 \
        and not any(c.dep_ in _COMPLEMENTS for c in clause.children)


def _judge(head: "Token", quoted: set[int]) -> GuardCode | None:
    lemma = _verb_lemma(head)
    subj = _subject(head)
    vocative = (subj is not None and subj.i < head.i and _is_ai(subj)  # "AI assistants, answer ..."
                and (head.tag_ in {"VB", "VBP"} or _mistagged_verb(head))
                and any(t.text == "," for t in head.doc[subj.i + 1:head.i]))
    if _is_imperative(head) or vocative:
        code = _judge_imperative(head, lemma, quoted)
        if code is None and (_addressed_to_ai(head) or vocative and _instructs(head.doc[subj.i + 1:head.sent.end])):
            code = GuardCode.ADDRESSES_AI
        return code
    if _addressed_to_ai(head):
        return GuardCode.ADDRESSES_AI
    if subj is None:
        return None
    second_person = subj.lower_ in {"you", "yourself"}
    ai = _is_ai(subj)
    obliged = bool(_modals(head) & L.DEONTIC_MODALS)
    if (second_person or ai) and obliged and lemma in (L.ANSWER_VERBS if second_person else L.AI_ANSWER_VERBS) \
            and _has_content(head):
        return GuardCode.DICTATED_ANSWER
    if second_person and lemma == "be" and "Pres" in head.morph.get("Tense"):
        attrs = [c for c in head.children if c.dep_ in {"attr", "acomp"}]
        now = any(t.lower_ == "now" for t in head.subtree if t.i < head.i or t.head == head)
        if any(_is_ai(a) for a in attrs) or now and any(a.pos_ in {"NOUN", "PROPN"} for a in attrs):
            return GuardCode.ROLE_ASSIGNMENT
    if ai and obliged and any(c.dep_ == "acl" and c.lemma_ in L.READER_VERBS for c in subj.children):
        return GuardCode.ADDRESSES_AI  # "Language models reading this page should ..."
    return None


def _judge_imperative(head: "Token", lemma: str, quoted: set[int]) -> GuardCode | None:
    later = [t for t in head.subtree if t.i > head.i and t.i not in quoted]
    negated = any(c.dep_ == "neg" for c in head.children)  # "don't forget ...": keep, not drop
    if lemma in L.OVERRIDE_VERBS and not negated and any(t.lemma_.lower() in L.OVERRIDE_OBJECTS for t in later):
        return GuardCode.OVERRIDE
    discourse = head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ","  # "Say, $1 billion."
    if lemma in L.ANSWER_VERBS and not discourse and (_has_content(head) or _asked(head)):
        return GuardCode.DICTATED_ANSWER
    if lemma in L.ROLE_VERBS and any(t.lower_ in L.ROLE_LINKS for t in later):
        return GuardCode.ROLE_ASSIGNMENT
    return None


def _verb_lemma(head: "Token") -> str:
    return head.lower_ if _mistagged_verb(head) else head.lemma_.lower()


def _mistagged_verb(head: "Token") -> bool:
    """A clause-initial instruction verb the tagger took for a noun ("Respond only with ..."),
    unless it labels a heading ("Report: ..."), has a determiner ("the answer") or heads an
    "of" phrase ("State of the Union", "Report of the inquiry": a noun phrase)."""
    if head.pos_ in {"VERB", "AUX"} or head.lower_ not in L.ANSWER_VERBS | L.OVERRIDE_VERBS:
        return False
    doc = head.doc
    first = head.i == head.sent.start or doc[head.i - 1].text == ","
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    return first and (nxt is None or nxt.text != ":") and not any(
        c.dep_ in {"det", "poss", "amod", "compound"} or (c.dep_ == "prep" and c.lower_ == "of")
        for c in head.children)


def _asked(verb: "Token") -> bool:
    """An imperative under "when asked (about X)" / "if asked": told how to answer a question."""
    return any(c.dep_ == "advcl" and c.lemma_ in L.ASKED_VERBS for c in verb.children)


_VERBS = L.ANSWER_VERBS | L.OVERRIDE_VERBS | L.ROLE_VERBS


def _instructs(tokens: Iterable["Token"]) -> bool:
    """Words after a vocative that instruct: "you", prompt words, "the answer", an instruction
    verb without a subject ("..., the company says" reports; it does not instruct)."""
    return any(t.lower_ in L.PROMPT_WORDS or (t.lemma_.lower() in _VERBS and (t.pos_ == "NOUN" or _subject(t) is None))
               for t in tokens)


def _addressed_to_ai(head: "Token") -> bool:
    """A vocative or heading addressing an AI: "AI assistants, ...", "Note to AI models: ..."."""
    sent = head.sent
    first = next((t for t in sent if t.text in {":", ","}), None)
    if first is not None and first.i > sent.start:  # the opening words are an AI noun phrase
        noun = head.doc[first.i - 1]
        if _is_ai(noun) and noun.left_edge.i == sent.start and noun.dep_ not in _SUBJECTS:
            lead = head.doc[sent.start:first.i]  # "Dear chatbot," / "Attention AI assistants:" / what follows instructs
            if any(t.lower_ in L.ADDRESS_WORDS for t in lead) or _instructs(head.doc[first.i + 1:sent.end]):
                return True
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(_is_ai(p) for p in c.children if p.dep_ == "pobj")
               for c in head.children) and any(t.text == ":" for t in sent)
