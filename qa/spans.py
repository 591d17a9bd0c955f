"""The short answer as a span of a cited sentence: an entity of the expected type that is not a
name the question already uses ("Who met Jensen?" is not answered "Jensen"). Across the evidence (the
first sentence that holds one, list items, definitions): ``qa.span_search``."""
from __future__ import annotations

from qa import lexicon as L
from qa.date_units import date_unit, finer_date
from qa.config import SPANS, SpanConfig
from qa.doers import asked_doer, doers
from qa.describe import called, type_modifiers
from qa.roles import (acts, asked_object, asked_preposition, headed, located, main_verb, owners, question_nouns,
                      subject_of, verb_objects, whose_noun)
from qa.frames import AnswerType, EvidenceFrame, QuestionFrame, Span
from qa.gazetteer import is_country
from qa.names import normalise
from qa.reader import same_name

# Entity kinds that answer each typed question, in order of preference; extra spaCy labels after them.
ACCEPTS: dict[AnswerType, tuple[AnswerType, ...]] = {
    AnswerType.PERSON: (AnswerType.PERSON, AnswerType.ORG),
    AnswerType.ORG: (AnswerType.ORG,),
    AnswerType.PLACE: (AnswerType.PLACE,),
    AnswerType.DATE: (AnswerType.DATE,),
}
EXTRA_LABELS: dict[AnswerType, tuple[str, ...]] = {
    AnswerType.ORG: ("WORK_OF_ART", "PRODUCT"),
}
# Common nouns that head a named phrase of each type: "the Alentejo region", "the Green Party".
TYPE_NOUNS = {AnswerType.PLACE: L.PLACE_NOUNS, AnswerType.ORG: L.ORG_NOUNS}


def typed(qf: QuestionFrame) -> bool:
    """Does the question expect a span of a named type (person, organisation, place, date)?"""
    return qf.answer_type in ACCEPTS


def in_question(qf: QuestionFrame, text: str) -> bool:
    """``text`` is written in the question or names one of its entities: never the answer to it."""
    n = normalise(text)
    if not n:
        return True
    return f" {n} " in f" {normalise(qf.text)} " or any(same_name(text, e.text) for e in qf.entities)


def spans_in(qf: QuestionFrame, frame: EvidenceFrame, sc: SpanConfig = SPANS) -> list[Span]:
    """Spans of the expected type in one sentence, best first: the speaker when the question asks
    who said something; else entities of the type (and noun phrases headed by the type word, "the
    Alentejo region" for "which region"), ranked by how they attach to the question's words. A question
    that asks for its verb's object ("Whom did X urge?") puts the sentence's matching objects first."""
    spans = _spans_in(qf, frame, sc)
    if sc.place_kinds:
        spans = [sp for sp in spans if place_fits(qf, sp.text, sp.label)]
    if sc.org_kinds:
        spans = [sp for sp in spans if not org_kind_clash(qf, frame.text, sp)]
    objects = _objects(qf, frame)
    if sc.doer_first:
        objects += [d for d in _doers(qf, frame) if all(span_key(d.text) != span_key(o.text) for o in objects)]
    if not objects:
        return spans
    keys = {span_key(o.text) for o in objects}
    return objects + [sp for sp in spans if span_key(sp.text) not in keys]


def place_fits(qf: QuestionFrame, text: str, label: str = "") -> bool:
    """A place asked by a finer noun is of that kind: "which city / region" is answered by a place name (spaCy's
    GPE / LOC) that is no country's, not by a building or an organisation ("the Harbour Hall" near which a
    thing happened), "which country / nation" only by a country's name
    (``qa.gazetteer.is_country``). Other questions take any span."""
    return qf.answer_type is not AnswerType.PLACE or not qf.type_word or noun_place_fits(qf.type_word, text, label)


def noun_place_fits(noun: str, text: str, label: str = "") -> bool:
    """``text`` (entity label ``label``) may be a place of the kind ``noun`` names (``place_fits``); any text fits
    a noun of no place kind."""
    if noun in L.PART_PLACE_NOUNS:  # a named place (GPE / LOC) or a phrase headed by a place noun ("" label)
        return label in ("GPE", "LOC", "") and not is_country(text)
    if noun in L.COUNTRY_NOUNS:
        return is_country(text)
    return True


def _called_nouns(text: str, span: Span) -> list[str]:
    """The common nouns the sentence writes right next to a name: the word before it ("the alliance Wirenet"),
    the word after it ("Wirenet alliance") and the head of an appositive after a comma ("Wirenet, the trade
    alliance,"); lower-case words only."""
    def clean(w: str) -> str:
        return w.strip(".,;:()\"“”’'").lower() if w[:1].islower() else ""

    before = text[:span.start].split()[-1:]
    after = text[span.end:].split()
    out = [clean(w) for w in before + after[:1]]
    rest = text[span.end:].lstrip()
    if rest.startswith(","):
        words = rest[1:].split(",")[0].split()
        if words and words[0].lower() in ("the", "a", "an") and 2 <= len(words) <= 4:
            out.append(clean(words[-1]))
    return [w for w in out if w]


def org_kind_clash(qf: QuestionFrame, text: str, span: Span) -> bool:
    """An organisation the sentence calls by another organisation noun than the one asked: "the alliance
    Wirenet" for "which newspaper". Nouns that name no subtype (``L.GENERIC_ORG_NOUNS``) clash with none, nor does
    a noun that ends the other ("paper" / "newspaper")."""
    asked = qf.type_word
    if qf.answer_type is not AnswerType.ORG or not asked or asked not in L.ORG_NOUNS or asked in L.GENERIC_ORG_NOUNS:
        return False
    for w in _called_nouns(text, span):
        lemma = w[:-1] if w.endswith("s") and w[:-1] in L.ORG_NOUNS else w
        if lemma in L.ORG_NOUNS and lemma not in L.GENERIC_ORG_NOUNS and lemma[:5] != asked[:5] \
                and not (lemma.endswith(asked) or asked.endswith(lemma)):
            return True
    return False


def _doers(qf: QuestionFrame, frame: EvidenceFrame) -> list[Span]:
    """For "Who provided X?" / "Who is preparing to build Y?" (``qa.doers.asked_doer``), the phrases
    of the sentence that do the question's verb or do something to its object, not named in the question."""
    if qf.answer_type not in (AnswerType.PERSON, AnswerType.ORG) or qf.wants_list:
        return []  # a list gathers every name of the type (qa.spans.list_items), not one doer
    asked = asked_doer(qf.text)
    if asked is None:
        return []
    spans = [Span(frame.text[a:b], a, b) for a, b in doers(frame.text, asked)]
    return [sp for sp in spans if not in_question(qf, sp.text)]


def _objects(qf: QuestionFrame, frame: EvidenceFrame) -> list[Span]:
    """For "Whom did X urge ...?" / "Against whom ...?" (``qa.roles.asked_object``), the objects of the
    sentence's matching verb or preposition (``qa.roles.verb_objects``) not named in the question."""
    if qf.answer_type not in (AnswerType.PERSON, AnswerType.ORG):
        return []
    asked = asked_object(qf.text)
    if asked is None:
        return []
    prep, subject = asked
    lemmas = frozenset(qf.lemmas | ({qf.event} if qf.event else set()))
    spans = [Span(frame.text[a:b], a, b) for a, b in verb_objects(frame.text, lemmas, subject, prep)]
    return [sp for sp in spans if not in_question(qf, sp.text)]


def _spans_in(qf: QuestionFrame, frame: EvidenceFrame, sc: SpanConfig) -> list[Span]:
    if qf.answer_type in (AnswerType.PERSON, AnswerType.ORG) and qf.asks_source and frame.speaker \
            and not frame.speaker_is_pronoun and not in_question(qf, frame.speaker.text) \
            and called_as_asked(qf, frame.text, frame.speaker, sc) and not _others_do_it(qf, frame):
        return [frame.speaker]
    kinds = ACCEPTS.get(qf.answer_type, ())
    instances = _named(qf, frame, sc)
    if qf.type_word and qf.answer_type is AnswerType.PERSON:
        # "which general": a person the sentence calls a general (a title next to the name); "which
        # actor": any person, those with the question's words around them first
        people = [e for e in frame.entities if e.kind is AnswerType.PERSON and not in_question(qf, e.text)
                  and called_as_asked(qf, frame.text, e, sc)]
        if not people and frame.speaker is not None and not frame.speaker_is_pronoun and _titles(qf) \
                and not in_question(qf, frame.speaker.text) and called_as_asked(qf, frame.text, frame.speaker, sc):
            return [frame.speaker]  # the parser found no name, but the titled speaker holds one
        people = sorted(people, key=lambda e: -nearness(qf, frame.text, e, sc))
        return [sp for _, sp in instances] + [p for p in people if all(span_key(p.text) != span_key(sp.text) for _, sp in instances)]
    extra = EXTRA_LABELS.get(qf.answer_type, ())
    scored: dict[str, tuple[float, int, Span]] = {}
    order = 0
    for e in frame.entities:
        if qf.answer_type is AnswerType.PLACE and (e.governor in L.SOURCE_PREPOSITION_HEADS or (
                qf.type_word is None and acts(frame.text, e.start, e.end))):
            continue  # "according to Kestrel", "Varna denied": a source or an actor, not where something happens
        if e.label in extra and e.kind not in kinds and _placed(frame.text, e):
            continue  # "fighting in Kestrel", "the Kestrel region": a misread place, no title or product
        if qf.answer_type is AnswerType.PLACE and _encloses_asked(qf, frame.text, e):
            continue  # "where in Varna" <- not the "Bulgaria" of "Varna, Bulgaria"
        if (e.kind in kinds or e.label in extra) and (not in_question(qf, e.text) or finer_date(qf, e)):
            tier = kinds.index(e.kind) if e.kind in kinds else len(kinds)
            inside = e.kind is AnswerType.DATE and _inside_phrase(e, frame.nouns)
            attribute = e.modifier or inside
            # the verb a date inside a noun phrase hangs from is the phrase's, not the date's
            bonus = sc.governor_bonus if e.governor and not inside and (e.governor in qf.lemmas or e.governor == qf.event) else 0
            score = bonus + nearness(qf, frame.text, e, sc) - tier - (sc.modifier_penalty if attribute else 0)
            if e.kind is AnswerType.DATE:
                score += _when_fit(qf, frame.text, e, sc)
            order += 1
            scored.setdefault(span_key(e.text), (score, -order, e))
        elif _stands_in(qf, frame, e):
            order += 1
            base = sc.actor_bonus if e.kind is AnswerType.PLACE else -len(kinds) - 1
            inside = sc.headed_bonus if _inside_asked(qf, frame.text, e) else 0
            scored.setdefault(span_key(e.text), (base + inside + nearness(qf, frame.text, e, sc), -order, e))
    heads = {qf.type_word[:5]} if qf.type_word else {w[:5] for w in TYPE_NOUNS.get(qf.answer_type, ())}
    if typed(qf) and heads:
        for nc in frame.nouns:  # "the Alentejo region" for "which region" / "where"
            words = nc.text.split()
            named = [w for w in words[:-1] if w[:1].isupper() and w.lower() not in ("the", "a", "an")]
            if words and normalise(words[-1])[:5] in heads and named \
                    and not in_question(qf, " ".join(named)):
                order += 1
                scored[span_key(nc.text)] = (sc.headed_bonus + nearness(qf, frame.text, nc, sc), -order, nc)
    owned = whose_noun(qf.text) if qf.answer_type in (AnswerType.PERSON, AnswerType.ORG) else None
    for a, b in owners(frame.text, owned) if owned and owned in frame.lemmas else []:
        sp = Span(frame.text[a:b], a, b)  # "whose report" <- "a report from his deputy, Ana Costa"
        if not in_question(qf, sp.text):
            order += 1
            scored[span_key(sp.text)] = (sc.called_bonus + nearness(qf, frame.text, sp, sc), -order, sp)
    for fit, sp in instances:  # "Gamma, a news agency": an instance of the type word, whatever its label
        order += 1
        scored[span_key(sp.text)] = (sc.called_bonus + fit + nearness(qf, frame.text, sp, sc), -order, sp)
    return [sp for _, _, sp in sorted(scored.values(), key=lambda t: (-t[0], -t[1]))]



def _others_do_it(qf: QuestionFrame, frame: EvidenceFrame) -> bool:
    """Another name than the speaker is the subject of the question's verb: "X and Y have accused Z of
    ..., charges W denies" answers "who denies" with W, not with the accusers."""
    verb = main_verb(qf.text)
    if verb is None or frame.speaker is None:
        return False
    verbs = frozenset({verb})
    doers = [e for e in frame.entities if not in_question(qf, e.text) and subject_of(frame.text, e.start, e.end, verbs)]
    return bool(doers) and not subject_of(frame.text, frame.speaker.start, frame.speaker.end, verbs)


def _stands_in(qf: QuestionFrame, frame: EvidenceFrame, e: Span) -> bool:
    """An entity of another kind that answers here: a place that is the subject of the question's main verb
    answers "who / which government" ("Oslo and Bern have accused X"); a name the parser labelled an
    organisation that sits after a place preposition answers "where" ("close to Varna")."""
    kind = getattr(e, "kind", None)
    if in_question(qf, e.text) or getattr(e, "modifier", False):
        return False
    if qf.answer_type in (AnswerType.PERSON, AnswerType.ORG) and kind is AnswerType.PLACE:
        verb = main_verb(qf.text)  # the verb the asked "who" is the subject of, not one of a clause under it
        return verb is not None and subject_of(frame.text, e.start, e.end, frozenset({verb}))
    if qf.answer_type is AnswerType.PLACE and kind is AnswerType.ORG:
        return located(frame.text, e.start, e.end)
    return False


def _placed(text: str, e: Span) -> bool:
    """The name is where something is: the object of a place preposition ("in X", "near X") or the
    name of a place noun ("the X region")."""
    nxt = text[e.end:].split(maxsplit=1)
    return located(text, e.start, e.end) or (bool(nxt) and nxt[0].strip(".,;").lower() in L.PLACE_NOUNS)


def _encloses_asked(qf: QuestionFrame, text: str, e: Span) -> bool:
    """The span follows a place the question names as its appositive ("Varna, Bulgaria"): the wider
    place around it, never the answer to "where in Varna"."""
    before = text[:e.start].rstrip()
    return before.endswith(",") and any(before[:-1].rstrip().endswith(p) for p in qf.places)


def _inside_asked(qf: QuestionFrame, text: str, e: Span) -> bool:
    """The span is followed by "in <a place the question names>" ("the harbour office in Varna")."""
    after = text[e.end:].lstrip(" ,")
    return any(after.startswith(f"in {p}") for p in qf.places)


def _when_fit(qf: QuestionFrame, text: str, e: Span, sc: SpanConfig = SPANS) -> int:
    """How well a date span answers the question's "when": it follows the preposition the question's
    wh-phrase hangs from ("since / by / until what date"), or it is a duration ("for 24 years"), no point in time."""
    words = e.text.lower().split()
    duration = len(words) >= 2 and words[-1].rstrip("s") in L.DURATION_UNITS and date_unit(e.text) == 0
    prep = asked_preposition(qf.text)
    before = text[:e.start].split()
    follows = prep is not None and bool(before) and before[-1].lower() == prep
    return (sc.preposition_bonus if follows else 0) - (sc.duration_penalty if duration else 0)


def headed_spans(qf: QuestionFrame, frame: EvidenceFrame) -> list[Span]:
    """List items of an untyped kind ("which two parliaments"): the sentence's noun phrases headed by the
    type word that say which one they are, not in the question."""
    if not qf.type_word or not any(w[:5] == qf.type_word[:5] for w in frame.lemmas):
        return []
    spans = [Span(frame.text[a:b], a, b) for a, b in headed(frame.text, qf.type_word)]
    return [sp for sp in spans if _says_which(qf, sp.text)]


def _says_which(qf: QuestionFrame, text: str) -> bool:
    """A phrase headed by the type word says which one it is with a word the question does not use:
    "Norwegian port and rail requirements" for "which two Norwegian requirements" (a name of the question
    inside it is no repeat of the question), but not "the Norwegian requirements"."""
    if f" {normalise(text)} " in f" {normalise(qf.text)} ":
        return False
    asked = {w[:5] for w in normalise(qf.text).split()} | ({qf.type_word[:5]} if qf.type_word else set())
    return any(len(w) >= 3 and w[:5] not in asked and w not in ("the", "and", "for")
               for w in normalise(text).split())


def span_key(text: str) -> str:
    """One key for a name with or without its article: "the Harbour Board" / "Harbour Board"."""
    n = normalise(text)
    return n[4:] if n.startswith("the ") else n


def _named(qf: QuestionFrame, frame: EvidenceFrame, sc: SpanConfig = SPANS) -> list[tuple[int, Span]]:
    """Names the sentence calls by the question's type word (``qa.describe.called``), not in the
    question, with their fit: 2 per modifier shared with the question's, minus ``SpanConfig.clash_penalty`` on a clash."""
    if not (qf.type_word and typed(qf)):
        return []
    out: list[tuple[int, Span]] = []
    if any(w[:5] == qf.type_word[:5] for w in frame.lemmas):
        mods = type_modifiers(qf.text, qf.type_word)
        out = [(2 * n.fit - (sc.clash_penalty if n.clash else 0), Span(n.text, n.start, n.end))
               for n in called(frame.text, qf.type_word, mods) if not in_question(qf, n.text)]
    # "which outlet is described as the public broadcaster" <- "the public broadcaster, Alpha": a name
    # the sentence calls by another noun of the question, unless the parser gave it another type
    other = {"PERSON"} if qf.answer_type is not AnswerType.PERSON else {"ORG", "GPE", "LOC", "FAC"}
    for noun in question_nouns(qf.text) - {qf.type_word}:
        if noun in frame.lemmas:
            out += [(-sc.question_noun_gap, Span(n.text, n.start, n.end)) for n in called(frame.text, noun)
                    if not in_question(qf, n.text) and not any(e.label in other and e.start <= n.start < e.end
                                                               for e in frame.entities)]
    return sorted(out, key=lambda t: -t[0])



def _inside_phrase(e: Span, nouns: tuple[Span, ...]) -> bool:
    """``e`` sits in a noun phrase before its head: "the 2019 plan", "2021 income tax returns" (the
    date describes the phrase's head; it is not when something happens). Used for dates only: a name
    inside a phrase ("the Democratic Party's Rep. X") can be exactly what "which party" asks."""
    return any(nc.start <= e.start and e.end < nc.end and nc.text[e.end - nc.start:].strip()[:1].isalpha()
               and nc.text[e.end - nc.start:].strip()[:1].islower() for nc in nouns)


def called_as_asked(qf: QuestionFrame, text: str, span: Span, sc: SpanConfig = SPANS) -> bool:
    """A person asked for by a title ("which judge") must be called that in the sentence."""
    if qf.answer_type is AnswerType.PERSON and qf.type_word and (qf.type_word in L.TITLE_NOUNS or qf.wants_name):
        return _titled(text, span, qf.type_word, sc)
    return True


def _titles(qf: QuestionFrame) -> bool:
    """The question asks for a person by a title written next to names ("which judge") or by name: a
    speaker called that holds a name. "Which leader" does not: any speaker (an institute) would pass."""
    return bool(qf.type_word) and (qf.type_word in L.TITLE_NOUNS or qf.wants_name)


def _titled(text: str, span: Span, word: str, sc: SpanConfig = SPANS) -> bool:
    """``word`` (5-letter stem) right before or after the name: "Rear Admiral Ana Costa"."""
    # the title may sit inside the entity the parser found ("Admiral Ana Costa")
    around = normalise(text[max(0, span.start - sc.near_chars): span.end + sc.near_chars])
    return word[:5] in {w[:5] for w in around.split()}


def around_text(text: str, span: Span, chars: int) -> str:
    """The ``chars`` characters of ``text`` on each side of ``span``, joined by a space (the span left out)."""
    return text[max(0, span.start - chars): span.start] + " " + text[span.end: span.end + chars]


def nearness(qf: QuestionFrame, text: str, span: Span, sc: SpanConfig = SPANS, type_word: bool = True) -> int:
    """How many of the question's content words (5-letter stems; names excluded, the type word
    included unless ``type_word`` is off) occur right around ``span``: "Chile's ambassador ..., Rosa Vidal"."""
    stems = {w[:5] for w in normalise(around_text(text, span, sc.near_chars)).split()}
    names = {w[:5] for e in qf.entities for w in normalise(e.text).split()}
    words = {w[:5] for w in qf.lemmas} - names
    if type_word and qf.type_word:
        words.add(qf.type_word[:5])
    return len(words & stems)


__all__ = ["ACCEPTS", "around_text", "in_question", "nearness", "spans_in", "typed"]
