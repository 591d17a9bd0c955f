"""A typed answer must meet the modifiers the question puts on its asked noun, or the question is refused.

"Which Wirenish brigade held the bridge?" over "The Ostrian 4th Brigade held the bridge": the span is of the asked
kind (a brigade) but of another nation. From the question's parse, the asked noun (``qa.predicate_check.asked_type``)
carries modifiers: a nationality (a NORP entity or a country's name: "Wirenish", "Norway's", "of Norway", "from
Norway"; normalised to the country by ``nation_of``) or an ordinal ("the second"). The answer span's own phrase
(the span, the words left of it in the phrase its head heads, its "of / from" objects, the phrase it is in
apposition with or a compound of) must not carry a **conflicting** modifier of the same kind (another nation,
another ordinal): ``Agreement.CLASH``. With ``absent`` on, a nation the question requires must also be given by
the sentence at all (as the country, its demonym or its capital): ``Agreement.ABSENT``. An editor's bracketed
insertion beside the span ("[<demonym> President] <name>") is part of its phrase. Everything else keeps the
answer (``Agreement.MET`` / ``Agreement.NOT_ASKED``). Only countries count as nations (``qa.gazetteer``): a city or a
party is never compared, so a city-named unit never clashes with its country.

Used by ``qa.predicate_check.gate_sentences`` when ``SpanConfig.modifier_agree`` is on; the refusal is
``Refusal.MODIFIER_UNMET`` naming the unmet modifier.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from qa.frames import QuestionFrame, Refusal, RefusalReason
from qa.gazetteer import is_demonym, nation_of

_NATION_LABELS = frozenset({"NORP", "GPE"})
_MOD_DEPS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})
_OF = frozenset({"of", "from"})


class ModKind(str, Enum):
    NATION = "nation"
    ORDINAL = "ordinal"


class Agreement(str, Enum):
    NOT_ASKED = "not_asked"  # the asked noun carries no modifier this check reads
    MET = "met"  # no conflicting modifier (and, when required, the nation is given)
    CLASH = "clash"  # the span's phrase carries another nation / another ordinal
    ABSENT = "absent"  # the question's nation is nowhere in the sentence


@dataclass(frozen=True)
class Modifier:
    kind: ModKind
    text: str  # as written in the question ("Wirenish")
    key: str  # normalised: the country's key for a nation, the lower-cased word for an ordinal


@dataclass(frozen=True)
class Check:
    agreement: Agreement
    modifier: Modifier | None = None  # the question's unmet modifier
    other: str = ""  # the span phrase's conflicting modifier, as written


def _nation_tokens(tokens) -> list[tuple[str, str]]:
    """(text, country key) of the nation words among ``tokens``: a whole entity of a nation label, or a single
    capitalised word of another label but a person's name that names a country or its people (the small model
    tags "<Demonym> General <Name>" as one organisation)."""
    out, seen = [], set()
    for t in tokens:
        if t.ent_type_ in _NATION_LABELS or is_demonym(t.lower_):
            ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
            text = ent.text if ent is not None and ent.label_ in _NATION_LABELS else t.text
        elif t.ent_type_ != "PERSON" and t.text[:1].isupper() and t.is_alpha:
            text = t.text
        else:
            continue
        if text in seen:
            continue
        seen.add(text)
        key = nation_of(text.removesuffix("'s").removesuffix("’s"))
        if key is not None:
            out.append((text, key))
    return out


def _ordinals(tokens) -> list[str]:
    """The ordinals among ``tokens`` ("second", "4th"), lower-cased."""
    return [t.lower_ for t in tokens if t.ent_type_ == "ORDINAL"]


def _asked_noun_token(doc, noun: str):
    which = next((t for t in doc if t.lower_ in ("which", "what")), None)
    if which is None:
        return None
    return next((t for t in doc[which.i + 1:] if t.lemma_.lower() == noun or t.lower_ == noun), None)


def _modifier_tokens(head) -> list:
    """The words that modify ``head``: its left modifiers (and theirs), its "of / from" objects."""
    out = []
    for c in head.children:
        if c.dep_ in _MOD_DEPS or (c.i < head.i and c.dep_ in ("det",) and c.tag_ == "PRP$"):
            out.extend(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in _OF:
            out.extend(c.subtree)
    return out


def asked_modifiers(doc, noun: str) -> list[Modifier]:
    """The nation and ordinal modifiers of the question's asked noun ("which second Wirenish brigade")."""
    tok = _asked_noun_token(doc, noun)
    if tok is None:
        return []
    mods = _modifier_tokens(tok)
    which = next(t for t in doc if t.lower_ in ("which", "what"))
    mods += [t for t in doc[which.i + 1: tok.i] if t not in mods]  # the tagger may split the phrase
    out = [Modifier(ModKind.NATION, text, key) for text, key in _nation_tokens(mods)]
    out += [Modifier(ModKind.ORDINAL, o, o) for o in dict.fromkeys(_ordinals(mods))]
    return out


def _bracketed_beside(sdoc, first: int, last: int) -> list:
    """The words of a bracketed insertion written right before or right after the tokens ``first``..``last``
    ("[<demonym> President] <name> said", "<name> [the <demonym> general] said"; spaCy's ``is_bracket``): an
    editor's insertion that says who the name is, which the parser attaches elsewhere or not at all."""
    out = []
    if first > 0 and sdoc[first - 1].is_bracket and sdoc[first - 1].is_right_punct:
        j = first - 2
        while j >= 0 and not sdoc[j].is_bracket:
            j -= 1
        if j >= 0 and sdoc[j].is_left_punct:
            out += list(sdoc[j + 1:first - 1])
    if last + 1 < len(sdoc) and sdoc[last + 1].is_bracket and sdoc[last + 1].is_left_punct:
        k = last + 2
        while k < len(sdoc) and not sdoc[k].is_bracket:
            k += 1
        if k < len(sdoc) and sdoc[k].is_right_punct:
            out += list(sdoc[last + 2:k])
    return out


def span_phrase(sdoc, start: int, end: int) -> list:
    """The tokens of the span's phrase: the span, the modifiers of its head (``_modifier_tokens``), for a head
    that is a compound / appositive of another noun (or has an appositive) that noun's modifiers too, and a
    bracketed insertion right beside the span (``_bracketed_beside``)."""
    toks = [t for t in sdoc if t.idx >= start and t.idx + len(t.text) <= end]
    if not toks:
        return []
    inside = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
    out = list(toks) + _modifier_tokens(head)
    if head.dep_ in ("compound", "appos") and head.head.pos_ in ("NOUN", "PROPN"):
        out += [head.head] + _modifier_tokens(head.head)
    for c in head.children:
        if c.dep_ == "appos":
            out += [c] + _modifier_tokens(c)
    out += _bracketed_beside(sdoc, toks[0].i, toks[-1].i)
    seen, uniq = set(), []
    for t in out:
        if t.i not in seen:
            seen.add(t.i)
            uniq.append(t)
    return uniq


def _place_nations(text: str) -> list[tuple[str, str]]:
    """A span that is itself a country, or a capital, names its nation: "Oslo" -> Norway (``qa.gazetteer``)."""
    from qa.gazetteer import canonical, capital_aliases, is_country

    name = text.strip().removeprefix("the ").strip()
    key = nation_of(name) if is_country(name) else None
    if key is not None:
        return [(name, key)]
    return [(name, canonical(c) or c) for c in sorted(capital_aliases(name))]


def check(doc, noun: str, sentence: str, start: int, end: int, absent: bool = False) -> Check:
    """Does the span ``sentence[start:end]`` meet the question's modifiers of ``noun``? (module docstring)"""
    from qa.clashes import name_met
    from qa.describe import sentence_doc

    asked = asked_modifiers(doc, noun)
    if not asked:
        return Check(Agreement.NOT_ASKED)
    phrase = span_phrase(sentence_doc(sentence), start, end)
    nations = _nation_tokens(phrase) + _place_nations(sentence[start:end])
    ords = _ordinals(phrase)
    for m in asked:
        if m.kind is ModKind.NATION:
            if nations and not any(m.key == k for _, k in nations):  # one key per nation: qa.gazetteer
                return Check(Agreement.CLASH, m, nations[0][0])
            if absent and not nations and not (name_met(m.key, sentence, agent=True)
                                               or name_met(m.text.lower(), sentence, agent=True)):
                return Check(Agreement.ABSENT, m)
        elif ords and m.key not in ords:
            return Check(Agreement.CLASH, m, ords[0])
    return Check(Agreement.MET)


def modifier_reason(doc, qf: QuestionFrame, noun: str | None, found, absent: bool = False) -> RefusalReason | None:
    """``Refusal.MODIFIER_UNMET`` (missing: the question's modifier; available: the span's other one) when the
    span of ``found`` (a ``qa.span_search.Found``) clashes with the asked noun's modifiers; None otherwise."""
    if noun is None or found is None:
        return None
    c = check(doc, noun, found.evidence.sentence.text, found.span.start, found.span.end, absent)
    if c.agreement in (Agreement.CLASH, Agreement.ABSENT) and c.modifier is not None:
        return RefusalReason(Refusal.MODIFIER_UNMET, (f"{c.modifier.text} {noun}",),
                             (c.other,) if c.other else (), answer_type=qf.answer_type)
    return None


__all__ = ["Agreement", "Check", "ModKind", "Modifier", "asked_modifiers", "check", "modifier_reason", "nation_of",
           "span_phrase"]
