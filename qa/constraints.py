"""Constraints a question puts on the passage that answers it, beyond the names it uses.

Hard unanswerable questions use words the articles contain but ask for a relation they never
state: "What did <a person the articles mention> say about ...?" when nobody quotes that person;
"What did X say in December?" when X is quoted only in October; "What did X say about Y?" when X
speaks only of Z. Each check reads the parse of the question (``QuestionFrame``) and of the relevant
passages (``EvidenceFrame``) and returns a typed ``RefusalReason`` naming the constraint that no
passage meets, or None.

- ``check_statement``: "what did X say": some relevant passage must be X's statement (its speaker,
  resolved through "he said" and continued quotes, is X); of those, one must be from the time the
  question names (month / year, by the text or the article's date) and about what it names
  ("about Y": Y's head word or a close word in the statement or the sentences around it).
- ``check_agent``: "When did X visit Y": when the relevant passages use the question's verb only
  with another named doer ("the mayor visited ..."), refused, naming who the articles say did it.

Tried and not kept (docs/EVALUATION.md): refusing when the question's content verb ("captured") has no
close word in the relevant passages. Single-word vectors do not separate a missing relation
("captured" vs "deployed", best 0.38) from a paraphrase ("unveil" vs "presented", 0.40; "blame" vs
"accuse", 0.51): on the tune sets it caught 2 more unanswerables and refused 4 answerable questions.
Session 16 (gate) measured the same on the sentence about to be cited (``qa.predicate_check``,
docs/eval/gate-s16.md): it is kept only joined with the asked type ("which unit" and no unit, nor the verb).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Mapping

from qa import lexicon as L
from qa.config import Config
from qa.coverage import ANSWER_TYPES, WordCache, type_of_noun
from qa.frames import AnswerType, QuestionFrame, Refusal, RefusalReason
from qa.names import normalise
from qa.nlp import parsed
from qa.parse import question_doc
from qa.reader import Reader, mentions, same_name, same_source
from qa.retrieve import Evidence
from qa.role_check import asked_role, check_role, role_modifiers, title_phrases  # noqa: F401  (re-exported)
from qa.setting_check import around_rows, around_text, names_unmet, of_the_saying, statement_rows
from qa.date_units import date_unit
from qa.span_search import window
from qa.timeline import ArticleDate

STEM = 5  # letters two words must share to count as one word ("deploy" ~ "deployment")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def relevant(evidence: list[Evidence], cfg: Config, n: int | None = None) -> list[Evidence]:
    """The passages above ``cfg.min_score``, best first (at most ``n``)."""
    out = [e for e in evidence if e.score >= cfg.min_score]
    return out[:n] if n else out


def near_word(word: str, lemmas: set[str], words: WordCache, threshold: float) -> bool:
    """``word`` or a close word is among ``lemmas``: same word, same 5-letter stem, or a word
    vector at least ``threshold`` close."""
    w = word.lower()
    if w in lemmas or (len(w) >= STEM and any(x[:STEM] == w[:STEM] for x in lemmas)):
        return True
    cands = sorted(x for x in lemmas if x.isalpha() and len(x) > 2)
    if not cands:
        return False
    return words.nearest(w, cands) >= threshold


def event_unmet(qf: QuestionFrame, rows: list, reader: Reader) -> RefusalReason | None:
    """ "How many troops were deployed": when every figure kept counts an outcome of another kind (the
    dead and wounded: "1,100 soldiers were killed or wounded") and the question asks about neither, the
    figures do not answer. A figure's outcome is a word of ``L.CASUALTY_WORDS`` in its sentence."""
    ev = qf.event
    outcome = L.CASUALTY_WORDS
    if not ev or not rows or ev in outcome or (qf.counted or "") in outcome or qf.lemmas & outcome:
        return None
    if all(reader.frame(r.evidence.row).lemmas & outcome for r in rows):
        what = f"{qf.counted_text or 'people'} {qf.event_text or ev}".strip()
        return RefusalReason(Refusal.NO_FIGURE, (what,), answer_type=qf.answer_type)
    return None


def _context_lemmas(reader: Reader, row: int) -> set[str]:
    out: set[str] = set()
    for f in reader.frames(around_rows(reader, row)):
        out |= set(f.lemmas)
    return out


def _generic(lemma: str) -> bool:
    """A noun that names a kind of thing ("unit", "group", "country") or of statement ("intentions",
    "position"), not what it is about."""
    return type_of_noun(lemma) is not None or lemma in ANSWER_TYPES or lemma in L.STANCE_NOUNS \
        or lemma in L.ACTIVITY_NOUNS or lemma in L.MEASURE_NOUNS  # "about the size of X": X is the topic


# ------------------------------------------------------------------------------------ statements
# characters around a speaker's name that may name whom they speak for ("Alliance Secretary General X",
# "X of the Interior Ministry"); after the name, most of the source's words must be there
SOURCE_CONTEXT = 40


def _before_verb(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]`` (after a speaker's name) up to their reporting verb, read by lemma from
    the sentence's parse: "of the Interior Ministry" in "X of the Interior Ministry said"; in "X told the
    Herald" the Herald is whom X spoke to, not whom X speaks for."""
    stop = end
    for t in parsed(text):
        if t.idx >= end:
            break
        if t.idx >= start and t.text.islower() and t.lemma_.lower() in L.REPORTING_VERBS:
            stop = t.idx
            break
    return " ".join(text[start:stop].split())


def _is_source(label: str, text: str, source: str) -> bool:
    return same_source(label, source) or mentions(text, source)


def statements_by(source: str, evidence: list[Evidence], reader: Reader) -> list[Evidence]:
    """The passages whose speaker is ``source``: the speaker ``qa.reader.Reader.speaker`` resolves
    (through "he said" and continued quotes; the words around the speaker's name count: "Alliance
    Secretary General Ann Lee" speaks for the alliance), or the subject of another reporting verb of a
    sentence that names the source."""
    out = []
    for ev, frame in zip(evidence, reader.frames([e.row for e in evidence])):
        who = reader.speaker(ev.row)
        if who is not None:
            text = reader.store.sentences[who.row].text
            around = text[max(0, who.start - SOURCE_CONTEXT): who.end] \
                + _before_verb(text, who.end, who.end + SOURCE_CONTEXT)
            if _is_source(who.label, text[max(0, who.start - SOURCE_CONTEXT): who.end], source) \
                    or same_source(around, source):
                out.append(ev)
                continue
        # a pronoun subject in a sentence that names the source stands for it: "Oslo ... as it says ..."
        if mentions(ev.sentence.text, source) and any(
                s.lower() in L.CONTINUATION_PRONOUNS or _is_source(s, s, source)
                for s in frame.reporters):
            out.append(ev)
    return out


def _time_parts(times: tuple[str, ...]) -> tuple[set[int], set[int]]:
    """Months and years named in the question's time expressions ("in December", "in 2023")."""
    months, years = set(), set()
    for t in times:
        for w in normalise(t).split():
            if w in _MONTHS:
                months.add(_MONTHS[w])
        years |= {int(y) for y in _YEAR.findall(t)}
    return months, years


def _at_time(ev: Evidence, text: str, months: set[int], years: set[int],
             dates: Mapping[str, ArticleDate | None] | None) -> bool:
    words = set(normalise(text).split())
    said_month = not months or any(calendar.month_name[m].lower() in words for m in months)
    said_year = not years or any(str(y) in words for y in years)
    if said_month and said_year:
        return True  # the statement or the sentences around it name the time
    d = dates.get(ev.sentence.doc_id) if dates else None
    if d is None:
        return True  # an undated article cannot be ruled out
    return (not months or d.date.month in months) and (not years or d.date.year in years)


def check_statement(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, words: WordCache,
                    cfg: Config, dates: Mapping[str, ArticleDate | None] | None = None) -> RefusalReason | None:
    """For "what did X say (in T) (about Y)": a statement by X, from T, about Y, or the reason there is none."""
    if not qf.source or not qf.asks_statement:
        return None
    pool = relevant(evidence, cfg)
    said = statements_by(qf.source, pool, reader)
    if not said:
        others = []
        for ev in pool[:6]:
            who = reader.speaker(ev.row)
            if who is not None and not any(same_name(who.label, o) for o in others):
                others.append(who.label)  # "Lee", "Anna Lee": one speaker
        return RefusalReason(Refusal.NO_STATEMENT, (qf.source,), tuple(others[:3]))
    months, years = _time_parts(qf.times)
    if months or years:
        timed = [ev for ev in said if _at_time(ev, around_text(reader, ev.row), months, years, dates)]
        if not timed:
            when = [dates[ev.sentence.doc_id].phrase() for ev in said if dates and dates.get(ev.sentence.doc_id)]
            return RefusalReason(Refusal.WRONG_TIME, qf.times, tuple(dict.fromkeys(when))[:3])
        said = timed
    if qf.about and not _about_in(qf, said, reader, words, cfg):
        return RefusalReason(Refusal.OFF_TOPIC_STATEMENT, (qf.about_text or qf.about,), (qf.source,))
    if cfg.statement_names:
        unmet = names_unmet(qf, said, evidence, reader)
        if unmet:
            return RefusalReason(Refusal.STATEMENT_ELSEWHERE, tuple(unmet), (qf.source,))
    return None


def _about_in(qf: QuestionFrame, said: list[Evidence], reader: Reader, words: WordCache, cfg: Config) -> bool:
    """One of the statements (with the sentences around it) speaks of the question's topic: a name
    the topic contains, else its head word or a close word."""
    topic = normalise(qf.about_text or "")
    names = [e.text for e in qf.entities if topic and normalise(e.text) and topic.endswith(normalise(e.text))]
    if not names and _generic(qf.about or ""):
        # "about the rebel units": a type noun says little; the names on it must be spoken of
        names = [e.text for e in qf.entities if normalise(e.text) and normalise(e.text) in topic]
        if not names:
            return True  # nothing specific to check
    for ev in said:
        rows = statement_rows(reader, ev.row) if cfg.statement_topic_strict else around_rows(reader, ev.row)
        if names:
            text = " ".join(reader.store.sentences[r].text for r in rows)
            if any(mentions(text, n) for n in names):
                return True
            continue
        lemmas = set().union(*(reader.frame(r).lemmas for r in rows))
        if near_word(qf.about or "", lemmas, words, cfg.word_sim_covered):
            return True
        if cfg.statement_topic_strict:  # a distinctive word of the topic, by word or stem (no vectors)
            said_words = lemmas.union(*(normalise(reader.store.sentences[r].text).split() for r in rows))
            if any(w in said_words or any(x[:STEM] == w[:STEM] for x in said_words) for w in _topic_modifiers(qf)):
                return True
    return False


def _topic_modifiers(qf: QuestionFrame) -> list[str]:
    """The distinctive words of the topic besides its head ("rocket" in "the rocket strike"), matched by
    word or stem only: a statement naming them speaks of the topic though its head word differs."""
    head = (qf.about or "").lower()
    named = {w for e in qf.entities for w in normalise(e.text).split()}  # names are checked as names
    return [w for w in normalise(qf.about_text or "").split()
            if len(w) >= 4 and w[:STEM] != head[:STEM] and w not in named and w not in L.COVERAGE_FILLER
            and not _generic(w)]


# ------------------------------------------------------------------------------------ measurements
def measured_names(qf: QuestionFrame) -> list[str]:
    """The names a measurement question measures, which the figure's sentence (or its neighbours) must name:
    those inside the phrase of the measure noun ("the range of the Falcon missiles", "the calibre of the
    Mk 4 gun"), not the source or the setting ("what calibre of launcher does the Berlin ministry say ...",
    "for how many years has X's war on Y dragged on"). A unit read from "how far / how long" has no noun:
    the names of the main clause other than the source ("how far is X from Y", not "... when Z spoke")."""
    names = qf.constraint_names()
    if not names or not qf.unit:
        return names
    doc = question_doc(qf.text)
    nouns = [t for t in doc if t.lemma_.lower() == qf.unit and t.pos_ in ("NOUN", "PROPN")]
    if not nouns:  # "how long has X lasted by the time Y spoke": names of the main clause, not of a clause
        return [e.text for e in qf.entities if e.text in names and of_the_saying(doc, e.start, e.end)
                and not (qf.source and same_name(e.text, qf.source))]  # under it, nor the source
    inside = [t.idx for n in nouns for t in n.subtree if t.i != n.i]
    return [e.text for e in qf.entities if e.text in names and any(e.start <= i < e.end for i in inside)]


# ------------------------------------------------------------------------------------ doers of events
def check_agent(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, cfg: Config) -> RefusalReason | None:
    """ "When did X visit Y": when the relevant passages use the question's verb only with another
    doer ("the mayor visited ..."), the question asks about something they do not report. A passage where
    the verb has no named doer (a pronoun, a participle) may be about X and lets the question pass."""
    if not qf.event or not qf.event_agent:
        return None
    uses: list[str] = []
    pool = relevant(evidence, cfg, cfg.agent_pool)
    for f in reader.frames([e.row for e in pool]):
        if qf.event not in f.lemmas:
            continue
        for lemma, who in f.doers:
            if lemma != qf.event:
                continue
            if who is None or mentions(who, qf.event_agent) or same_source(who, qf.event_agent):
                return None
            uses.append(who)
    if not uses:
        return None  # the verb is not used: nothing to compare (a paraphrase may still answer)
    return RefusalReason(Refusal.OTHER_AGENT, (qf.event_agent,), tuple(dict.fromkeys(uses))[:3])


# ------------------------------------------------------------------------------------ dates
def check_date_within(qf: QuestionFrame, evidence: list[Evidence], reader: Reader, cfg: Config) -> RefusalReason | None:
    """ "On what date in June ...": a question that names a time itself asks for a finer date inside it;
    a passage that gives only that time again ("in June") or no calendar date ("for the first time in 24
    years") does not answer. Refused with NO_TYPED_ANSWER when no relevant sentence near the top holds a
    date finer than the question's."""
    if qf.answer_type is not AnswerType.DATE or not qf.times or qf.type_word in ("year", "month"):
        return None  # "in what year did X, whose birthday is 25 January, die": the unit is asked, not the time
    asked = max(date_unit(t) for t in qf.times)
    if not asked:
        return None
    cands = window(relevant(evidence, cfg), cfg, cfg.span_window)
    for frame in reader.frames([e.row for e in cands]):
        if any(date_unit(e.text) > asked for e in frame.entities_of(AnswerType.DATE)):
            return None
    return RefusalReason(Refusal.NO_TYPED_ANSWER, qf.times, answer_type=AnswerType.DATE)


__all__ = ["asked_role", "check_agent", "check_date_within", "check_role", "check_statement", "event_unmet",
           "measured_names", "near_word", "relevant", "role_modifiers", "statements_by", "title_phrases"]
