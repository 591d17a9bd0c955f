"""The short answer of a "which <noun>" question the typed span search does not serve: a noun the lexicon
types only loosely or not at all ("which unit", "which building", "which Nordic diplomat" when the parser
leaves the question untyped). Read from the parse of each candidate sentence, best first:

1. a name the sentence calls by the noun (``qa.describe.called``: "Ledger, a newspaper", "the outlet Ledger");
2. a noun phrase headed by the noun, or a word close to it, that says which one it is with a name or a number
   of its own ("the Brandt family" for "which family", "the 4th Harbour Brigade" for "which unit");
3. a named entity of a kind that can be an instance of the noun (``instance_labels``) that the question does not
   already name, ranked by how many of the question's words stand around it, a name whose last word is the
   noun ("the Harbour Office" for "which office") first; for a person noun, a person's name, the one with the
   noun or a close title before it ("Ambassador Ana Costa" for "which diplomat") first, and a name the parser
   labelled an organisation only with such a title.

``noun_span`` walks the candidate sentences (the span window of ``qa.span_search``) and returns the first span
called or headed by the noun (score at least ``SpanConfig.headed_bonus``), else the first span.
Used by ``qa.predicate_check.gate_sentences`` when ``Config.noun_spans`` is on.
"""
from __future__ import annotations

from functools import lru_cache

from qa import lexicon as L
from qa.config import SPANS, Config, SpanConfig
from qa.constraints import near_word
from qa.coverage import WordCache, type_of_noun
from qa.describe import called, type_modifiers
from qa.frames import AnswerType, EvidenceFrame, QuestionFrame, Span
from qa.names import normalise
from qa.reader import Reader
from qa.retrieve import Evidence
from qa.spans import around_text, nearness, noun_place_fits

# spaCy labels that can name an instance of a noun the lexicon does not type ("unit", "version", "building")
INSTANCE_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW"})
_LABELS = {AnswerType.PERSON: frozenset({"PERSON"}), AnswerType.ORG: frozenset({"ORG"}),
           AnswerType.PLACE: frozenset({"GPE", "LOC", "FAC"})}
_DETERMINERS = frozenset({"the", "a", "an"})


def instance_labels(noun: str) -> frozenset[str]:
    """The entity labels an instance of ``noun`` may carry: the label of the type the lexicon gives it (a
    person noun: PERSON; the small model tags some people ORG), else (an organisation noun too: the typed search
    has already looked for ORG names) the labels of named things."""
    kind = type_of_noun(noun)
    if kind is AnswerType.PERSON:
        return frozenset({"PERSON", "ORG"})
    if kind is AnswerType.ORG:  # the small model labels some outlets and bodies EVENT or WORK_OF_ART
        return INSTANCE_LABELS
    return _LABELS.get(kind, INSTANCE_LABELS) if kind is not None else INSTANCE_LABELS


@lru_cache(maxsize=64)
def _question_words(question: str) -> frozenset[str]:
    """The normalised words of a question: normalised once per question, not once per candidate span."""
    return frozenset(normalise(question).split())


def _own_words(asked: frozenset[str], text: str) -> set[str]:
    """The words of ``text`` not among the question's words ``asked`` (determiners aside)."""
    return {w for w in normalise(text).split() if w not in asked and w not in _DETERMINERS}


def _near(qf: QuestionFrame, text: str, span: Span, sc: SpanConfig) -> int:
    """``qa.spans.nearness`` without the question's type word: here the asked noun is the type."""
    return nearness(qf, text, span, sc, type_word=False)


def _says_which(asked: frozenset[str], words: list[str]) -> bool:
    """The words before a phrase's head hold a name or a number not among the question's words ``asked``."""
    return any((w[:1].isupper() or w[:1].isdigit()) and normalise(w) not in asked and w.lower() not in _DETERMINERS
               for w in words)


def noun_spans_in(qf: QuestionFrame, noun: str, frame: EvidenceFrame, words: WordCache, threshold: float,
                  sc: SpanConfig = SPANS) -> list[Span]:
    """The spans of one sentence that may answer "which <noun>", best first (see the module docstring)."""
    return [sp for _, sp in scored_noun_spans(qf, noun, frame, words, threshold, sc)]


def scored_noun_spans(qf: QuestionFrame, noun: str, frame: EvidenceFrame, words: WordCache, threshold: float,
                      sc: SpanConfig = SPANS) -> list[tuple[float, Span]]:
    """``noun_spans_in`` with each span's score."""
    text = frame.text
    asked = _question_words(qf.text)
    scored: dict[tuple[int, int], tuple[float, Span]] = {}

    def add(score: float, sp: Span) -> None:
        if not _own_words(asked, sp.text):
            return  # the question's own name, whole or in part
        key = (sp.start, sp.end)
        if key not in scored or scored[key][0] < score:
            scored[key] = (score, sp)

    if any(w[:5] == noun[:5] for w in frame.lemmas):
        mods = type_modifiers(qf.text, noun)
        for n in called(text, noun, mods):
            add(sc.called_bonus + 2 * n.fit - (sc.clash_penalty if n.clash else 0), Span(n.text, n.start, n.end))
    person = type_of_noun(noun) is AnswerType.PERSON
    for nc in [] if person else frame.nouns:  # a person is answered by a name, not a phrase ("an interview ...")
        toks = nc.text.split()
        head = normalise(toks[-1]) if toks else ""
        if len(toks) >= 2 and head.isalpha() and _says_which(asked, toks[:-1]) \
                and near_word(noun, {head}, words, threshold):
            add(sc.headed_bonus + _near(qf, text, nc, sc), nc)
    labels = instance_labels(noun)
    for e in frame.entities:
        if e.label not in labels:
            continue
        last = normalise(e.text).split()[-1:] or [""]
        headed = sc.headed_bonus if last[0][:5] == noun[:5] else 0
        if person:  # "Ambassador Ana Costa" for "which diplomat": the title (or a close word) before the name
            around = around_text(text, e, sc.near_chars)
            near = {w for w in (normalise(x) for x in around.split()) if w.isalpha()}
            titled = bool(near) and near_word(noun, near, words, threshold)
            if e.label != "PERSON" and not titled:
                continue  # an organisation answers a person noun only when the sentence titles it so
            headed = sc.headed_bonus if titled else 0
            if e.label != "PERSON":  # ... and ranks below every person's name
                headed -= sc.called_bonus
        add(headed + _near(qf, text, e, sc) - (sc.modifier_penalty if getattr(e, "modifier", False) else 0),
            Span(e.text, e.start, e.end, e.label))
    if person:  # "Lieutenant General Ana Costa" the small model leaves without a PERSON label
        for a, b in titled_names(text, noun, words, threshold, sc.title_abbreviations):
            add(sc.headed_bonus + _near(qf, text, Span(text[a:b], a, b), sc), Span(text[a:b], a, b, "PERSON"))
    if not person and (sc.kind_compounds or sc.kind_classed or sc.kind_instance_sim > 0):
        for score, (a, b) in kind_ranges(text, noun, words, threshold, sc, asked | frozenset(qf.lemmas)):
            sp = Span(text[a:b], a, b)
            add(score + _near(qf, text, sp, sc), sp)
    if sc.place_kinds:  # "which city" is not answered by a country's name (qa.spans.place_fits)
        scored = {k: v for k, v in scored.items() if noun_place_fits(noun, v[1].text, v[1].label)}
    ranked = sorted(scored.values(), key=lambda t: (-t[0], t[1].start))
    return [(score, sp) for score, sp in ranked]


def kind_ranges(text: str, noun: str, words: WordCache, threshold: float, sc: SpanConfig = SPANS,
                asked: frozenset[str] = frozenset()) -> list[tuple[int, tuple[int, int]]]:
    """``qa.kind_spans``' readings of a common-noun or unlabelled answer, each with its base score: a compound
    the noun heads or a phrase the sentence puts in the noun's class as a headed phrase (``headed_bonus``), a word
    close to the noun by word vector below every entity of a fitting label (``-modifier_penalty``)."""
    from qa.describe import sentence_doc
    from qa.kind_spans import classed_spans, compound_spans, instance_spans

    doc = sentence_doc(text)
    out = []
    if sc.kind_compounds:
        out += [(sc.headed_bonus, r) for r in compound_spans(doc, noun, asked)]
    if sc.kind_classed:
        out += [(sc.headed_bonus, r) for r in classed_spans(doc, noun, words, threshold)]
    if sc.kind_instance_sim > 0:
        out += [(-sc.modifier_penalty, r) for r in instance_spans(doc, noun, words, sc.kind_instance_sim)]
    return out


def _title(tok, abbreviations: bool) -> str | None:
    """The title ``tok`` writes: a title noun of ``L.TITLE_NOUNS``, or (``abbreviations``) one of
    ``L.TITLE_ABBREVIATIONS`` written with its full stop ("Rep." -> "representative"); None otherwise."""
    if not tok.text[:1].isupper():
        return None
    if tok.lower_ in L.TITLE_NOUNS:
        return tok.lower_
    short = tok.lower_.rstrip(".")
    return L.TITLE_ABBREVIATIONS.get(short) if abbreviations and tok.text.endswith(".") else None


def _title_fits(noun: str, title: str, words: WordCache, threshold: float, abbreviations: bool) -> bool:
    """A name written after ``title`` answers "which <noun>": the same word or a close one; with
    ``abbreviations`` also a legislator's title for a legislator noun ("Rep." / "Sen." for "which lawmaker")."""
    if title == noun or near_word(noun, {title}, words, threshold):
        return True
    return abbreviations and noun in L.LEGISLATOR_NOUNS and title in L.LEGISLATOR_TITLES


def titled_names(text: str, noun: str, words: WordCache, threshold: float,
                 abbreviations: bool = False) -> list[tuple[int, int]]:
    """Character ranges of the proper nouns written right after a title that is ``noun`` or a close word, or a
    title of ``L.TITLE_NOUNS`` after one ("Admiral Ana Costa", "Lieutenant General Ana Costa"), up to the first
    word that is no proper noun or another title. With ``abbreviations`` (``SpanConfig.title_abbreviations``) a
    title may be written abbreviated ("Rep. Ana Costa" for "which lawmaker", ``_title_fits``)."""
    from qa.describe import sentence_doc

    doc = sentence_doc(text)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        t = doc[i]
        own = _title(t, abbreviations)
        if own is not None or t.text[:1].isupper() and t.lower_ == noun or (
                t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper() and near_word(noun, {t.lower_}, words, threshold)):
            j = i + 1
            while j < len(doc) and _title(doc[j], abbreviations) is not None:
                j += 1  # "Lieutenant General"
            k = j
            while k < len(doc) and doc[k].pos_ == "PROPN" and _title(doc[k], abbreviations) is None:
                k += 1
                if abbreviations and k + 1 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_ \
                        and not doc[k].whitespace_ and doc[k + 1].is_alpha:
                    k += 2  # "Lee Seong-kweun": a hyphenated name stays whole
            titles = [_title(doc[x], abbreviations) or doc[x].lower_ for x in range(i, j)]
            if k - j >= 1 and any(_title_fits(noun, w, words, threshold, abbreviations) for w in titles):
                out.append((doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text)))
            i = max(k, i + 1)
            continue
        i += 1
    return out


def noun_span(qf: QuestionFrame, noun: str, evidence: list[Evidence], reader: Reader, words: WordCache,
              cfg: Config, sc: SpanConfig = SPANS):
    """The first sentence of the span window (``qa.span_search.window``) that holds a span for "which <noun>",
    as a ``qa.span_search.Found``; None when none does."""
    from qa.span_search import Found, window

    cands = window(evidence, cfg, cfg.span_window)
    weak = None  # the first span that is only an entity of a fitting label, no name called or headed by the noun
    for ev, frame in zip(cands, reader.frames([e.row for e in cands])):
        spans = scored_noun_spans(qf, noun, frame, words, cfg.gate_type_sim, sc)
        if spans and spans[0][0] >= sc.headed_bonus:
            return Found(ev, spans[0][1])
        if spans and weak is None:
            weak = Found(ev, spans[0][1])
    return weak


__all__ = ["INSTANCE_LABELS", "instance_labels", "kind_ranges", "noun_span", "noun_spans_in", "titled_names"]
