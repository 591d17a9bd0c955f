"""Where or to whom a statement was made ("what did X tell Y", "how many did X report to the Y assembly"): the
names of the question's setting, and whether a statement, the sentences around it or a sentence naming the
source name them as that setting (not as an aside, another person's setting or an owner). Split from
``qa.constraints``, which calls it."""
from __future__ import annotations

from qa import lexicon as L
from qa.config import Config
from qa.continuation import continues
from qa.frames import AnswerType, QuestionFrame, Refusal, RefusalReason
from qa.names import normalise
from qa.nlp import parsed
from qa.parse import question_doc
from qa.reader import Reader, mentions, same_name
from qa.retrieve import Evidence


def around_rows(reader: Reader, row: int) -> list[int]:
    """A sentence and the sentences right before and after it in its article."""
    return [r for r in (reader.neighbour(row, -1), row, reader.neighbour(row, 1)) if r is not None]


def around_text(reader: Reader, row: int) -> str:
    return " ".join(reader.store.sentences[r].text for r in around_rows(reader, row))


def statement_rows(reader: Reader, row: int) -> list[int]:
    """The sentences of one statement: the sentence, the one before when it continues that one ("He added ...",
    a quote going on), and the one after when that continues it. Not a neighbour that only stands next to it
    (another speaker's words, the reporter's own setting)."""
    rows = [row]
    prev, nxt = reader.neighbour(row, -1), reader.neighbour(row, 1)
    if prev is not None and continues(reader, row):
        rows.insert(0, prev)
    if nxt is not None and continues(reader, nxt):
        rows.append(nxt)
    return rows


def names_unmet(qf: QuestionFrame, said: list[Evidence], evidence: list[Evidence], reader: Reader) -> list[str]:
    """ "What did X say at the Y summit in Z" / "What did X tell Y": the names of the question other than
    its source and its topic (where, to whom, in which setting) must all be named by one of X's statements
    or the sentences around it, or by a retrieved sentence that names X ("X made the remark during an
    address to Y"). Returns the names nothing meets (all of them), or []."""
    topic = normalise(qf.about_text or "")
    source = normalise(qf.source or "")
    doc = question_doc(qf.text)
    names = [_named_body(doc, e) for e in qf.entities if (e.kind in _SETTING_KINDS or e.label == "FAC")
             and normalise(e.text) and normalise(e.text) not in source and not same_name(e.text, qf.source or "")
             and not (topic and normalise(e.text) in topic) and of_the_saying(doc, e.start, e.end)
             and not _owner(doc, e.start, e.end)]
    if not names:
        return []
    for ev in said:
        text = around_text(reader, ev.row)
        if all(mentions(text, n) for n in names):
            return []
    for ev in evidence:
        text = ev.sentence.text
        if mentions(text, qf.source or "") and all(mentions(text, n) for n in names) \
                and not _others_setting(qf.source or "", names, reader.frame(ev.row)) \
                and not _aside_setting(text, names):
            return []
    return names


def _aside_setting(text: str, names: list[str]) -> bool:
    """A name of the setting that the sentence gives in an aside about the source, not where it spoke: its path
    up the parse passes through a participle with no subject of its own that modifies a noun ("X, seen during a
    visit to Y, made the comment at Z": Y hangs from "seen"). A clause with its own doer ("an interview she gave
    to Y") is ``_others_setting``'s. Names not written out as such are not judged."""
    doc = None
    for n in names:
        bare = n.removeprefix("the ")
        at = text.lower().find(bare.lower())
        if at < 0:
            continue
        doc = doc if doc is not None else parsed(text)
        tok = next((t for t in doc if at <= t.idx < at + len(bare)), None)
        while tok is not None and tok.dep_ != "ROOT" and tok.head.i != tok.i:
            tok = tok.head
            if tok.pos_ == "VERB" and tok.dep_ == "acl" and not any(c.dep_.startswith("nsubj") for c in tok.children):
                return True
    return False


def figure_setting_unmet(qf: QuestionFrame, rows: list, reader: Reader, cfg: Config) -> RefusalReason | None:
    """ "How many X did S report to the Y": the figures kept are S's (``qa.select``); where or to whom S gave
    them (the question's names of the saying, ``_names_unmet``) must be named by one of those statements or a
    sentence around it (not another statement of S's that names Y), else S gave the figure elsewhere."""
    if not qf.source or not rows or not cfg.statement_names:
        return None
    unmet = names_unmet(qf, [r.evidence for r in rows], [], reader)  # the figures' statements only
    return RefusalReason(Refusal.STATEMENT_ELSEWHERE, tuple(unmet), (qf.source,)) if unmet else None


def _owner(doc, start: int, end: int) -> bool:
    """The name owns a noun ("In Y's account of ...", "X's warning"): whose text or words, not where or to whom."""
    return any(t.dep_ == "poss" for t in doc if start <= t.idx < end)


def _named_body(doc, ent) -> str:
    """A group adjective with the noun it names a body by, after a preposition ("to the European assembly" for
    "European"): the body is the setting; the adjective alone is met by any sentence about the group."""
    toks = [t for t in doc if ent.start <= t.idx < ent.end]
    if ent.label != "NORP" or not toks:
        return ent.text
    head = toks[-1].head
    if toks[-1].dep_ in ("amod", "compound") and head.pos_ == "NOUN" and head.i > toks[-1].i and head.dep_ == "pobj":
        return doc.text[ent.start: head.idx + len(head.text)]
    return ent.text


def _others_setting(source: str, names: list[str], frame) -> bool:
    """A name of the setting hangs from a verb whose named doer is not the source: in "X gave no details,
    but his figure echoed an interview Y gave to the Herald", the Herald is where Y spoke, not X."""
    for e in frame.entities:
        if e.governor and any(mentions(e.text, n) for n in names):
            who = [w for v, w in frame.doers if v == e.governor and w]
            if any(mentions(w, source) or w.lower() in L.CONTINUATION_PRONOUNS for w in who):
                continue
            if who:
                return True
    return False


def of_the_saying(doc, start: int, end: int) -> bool:
    """The name at ``start:end`` of the question says where or to whom the statement was made: its path
    up the parse reaches the main (reporting) verb through nouns and prepositions only ("at the harbour
    summit", "tell the assembly"), not through another verb ("claims that her sister Ana did ...",
    "whose birthday is ...": what was said, not where)."""
    toks = [t for t in doc if start <= t.idx < end]
    if not toks:
        return False
    tok = next((t for t in toks if not (start <= t.head.idx < end) or t.head.i == t.i), toks[0])
    while tok.dep_ != "ROOT" and tok.head.i != tok.i:
        tok = tok.head
        if tok.dep_ != "ROOT" and tok.pos_ in ("VERB", "AUX"):
            return False
    return True


# Bodies, events and people: where a statement was made or to whom. Not places: a place has older and
# transliterated spellings the corpus may not pair with it (an older spelling of a capital), and word
# vectors do not tell a variant from a neighbour (measured pairs in docs/EVALUATION.md, session 12 refuse).
_SETTING_KINDS = frozenset({AnswerType.ORG, AnswerType.ENTITY, AnswerType.PERSON})


__all__ = ["around_rows", "around_text", "figure_setting_unmet", "names_unmet", "of_the_saying"]
