"""Lists of named things across the articles: "Which Dutch ministers are named in the articles?", "On
which weekdays across the reports did Okafor speak?". The items of such a question are spread over
many sentences and articles, most of which repeat few of the question's words, so retrieval ranks
them low. For a list question whose scope is the articles themselves (a plural document noun with no
modifier: "across the reports", "in the articles"), every sentence is read for entities of the asked
type (the head noun's type, ``qa.coverage.type_of_noun``) that meet the head's qualifiers, read from
the parse: a nationality ("Dutch ministers": the name's title or the noun phrase it sits in names the
place or its demonym), a word ("intelligence services": the name or its title holds it), a time
("dates in May": the date names it), an exclusion ("besides X"), and the question's named actors
(the sentence names them or its speaker is one). Each item is cited by the sentence that names it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qa import lexicon as L
from qa.coverage import type_of_noun
from qa.date_units import date_fits, date_unit
from qa.composed import Composed, Draft
from qa.describe import sentence_doc
from qa.frames import AnswerSpan, AnswerType, Used
from qa.gazetteer import nation_named
from qa.names import demonym_pair, initials, normalise, same_name
from qa.parse import question_doc
from qa.reader import Reader
from qa.retrieve import Evidence

KINDS = (AnswerType.PERSON, AnswerType.ORG, AnswerType.PLACE, AnswerType.DATE)
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG"})
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "parataxis"})


@dataclass(frozen=True)
class ListAsk:
    """What a list question over the articles asks for."""

    kind: AnswerType  # the items' entity type
    head: str  # lemma of the head noun ("official")
    places: tuple[str, ...] = ()  # nationality qualifiers ("Dutch")
    words: tuple[tuple[str, ...], ...] = ()  # per head noun, the other qualifiers its name or title holds
    within: tuple[str, ...] = ()  # times a date item must name ("May")
    actors: tuple[str, ...] = ()  # names the sentence must name (or its speaker be)
    excluded: tuple[str, ...] = ()  # "besides X": never an item
    corpus: bool = False  # the scope is the articles themselves
    event: str | None = None  # a content verb the sentence must say ("warn" in "which officials warned ...")
    outlets: tuple[str, ...] = ()  # names that may be a publication the question is about ("the Tribune article")
    objects: tuple[str, ...] = ()  # noun lemmas of the event's objects, said too ("war" in "warned of a war")


@dataclass(frozen=True)
class Item:
    text: str  # the name, brackets dropped
    evidence: Evidence  # the sentence that names it
    start: int  # the name's offsets in that sentence
    end: int


def _lemma(t) -> str:
    return t.lower_[:-1] if t.tag_ == "VBZ" else t.lemma_.lower()


def _ent_text(tok) -> str:
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    return ent.text if ent is not None else tok.text


def _nounish(t) -> bool:
    """A noun, or a plural type noun the tagger read as a verb ("which calendar dates ...")."""
    return t.pos_ in ("NOUN", "PROPN") or (t.tag_ == "VBZ" and type_of_noun(t.lower_[:-1]) is not None)


def _head(doc):
    """The plural noun a list question asks for and the modifiers before it: "which [Dutch] ministers",
    "Name the [senior] ministers". Read from the words after the wh-determiner, not from its arc: a
    parser often attaches "which" to the verb ("Which Dutch ministers are named")."""
    for t in doc:
        if t.tag_ == "WDT" or (t.pos_ == "VERB" and t.dep_ == "ROOT" and t.lemma_.lower() in L.ENUMERATE_VERBS):
            run = []
            for x in doc[t.i + 1:]:
                if x.pos_ == "DET" and not run:
                    continue
                if not (_nounish(x) or x.pos_ in ("ADJ", "NUM", "PROPN") or x.ent_type_ in _PLACE_LABELS):
                    break
                run.append(x)
            nouns = [x for x in run if _nounish(x)]
            if nouns and (nouns[-1].tag_ in ("NNS", "NNPS") or nouns[-1].tag_ == "VBZ"):
                return nouns[-1], run[:run.index(nouns[-1])]
            return None
    return None


def _corpus_scope(doc) -> bool:
    """A plural document noun with no modifier but a determiner: "across the reports", "in these articles"."""
    return any(t.pos_ == "NOUN" and t.tag_ == "NNS" and t.lemma_.lower() in L.DOCUMENT_NOUNS
               and all(c.dep_ == "det" for c in t.children) for t in doc)


def list_ask(question: str) -> ListAsk | None:
    """The list question's item type and qualifiers, or None when it is not a list of typed names."""
    doc = question_doc(question)
    found = _head(doc)
    if found is None:
        return None
    head, before = found
    heads = [head] + [c for c in head.conjuncts]
    kinds = [type_of_noun(_lemma(h)) for h in heads]
    kind = next((k for k in kinds if k in KINDS), None)
    if kind is None:
        return None
    places, words, within = [], [], []
    for h in heads:
        mods = list(dict.fromkeys([*(before if h is head else []), *(c for c in h.children if c.i < h.i)]))
        places += [_ent_text(c) for c in mods if c.ent_type_ in _PLACE_LABELS]
        own = [c.lemma_.lower() for c in mods if not c.ent_type_ and c.pos_ in ("NOUN", "ADJ") and not c.like_num
               and c.dep_ != "conj" and c.lemma_.lower() not in L.GENERIC_TYPE_NOUNS]
        if own and kind in (AnswerType.PERSON, AnswerType.ORG):
            words.append(tuple(own))
        for c in h.children:
            if c.dep_ == "prep" and kind is AnswerType.DATE:
                for p in c.children:
                    if p.dep_ == "pobj":
                        within += [_ent_text(x) for x in [p, *p.conjuncts] if x.ent_type_ in ("DATE", "TIME")]
    excluded = []
    for t in doc:
        if t.lower_ in L.EXCLUDING_PREPOSITIONS and t.i + 1 < len(doc):  # the name after it (the tagger may
            nxt = doc[t.i + 1]  # read "Besides X" as one name, or "besides" as a root)
            ent = next((e for e in doc.ents if e.start <= nxt.i < e.end), None)
            names = [nxt] + [x for x in nxt.conjuncts] if ent is None else [nxt]
            excluded += [doc[nxt.i:ent.end].text] if ent is not None else [_ent_text(x) for x in names]
    qualifier = {normalise(p) for p in places}
    actors = [e.text for e in doc.ents if e.label_ in _ACTOR_LABELS and normalise(e.text) not in qualifier
              and not any(same_name(e.text, x) for x in excluded) and e.root.head not in heads]
    docs = [t for t in doc if t.lemma_.lower() in L.DOCUMENT_NOUNS and t.pos_ == "NOUN"]
    outlets = [_ent_text(c) for t in docs for c in t.children if c.dep_ in ("compound", "poss", "nmod")
               and (c.ent_type_ or c.pos_ == "PROPN")] + (actors if docs else [])
    verb = head.head if head.head.pos_ in ("VERB", "AUX") else next((t for t in doc if t.dep_ == "ROOT"), None)
    event = verb.lemma_.lower() if verb is not None and verb.pos_ == "VERB" else None
    if event in L.INVENTORY_VERBS or event in L.LIGHT_VERBS or event in L.ENUMERATE_VERBS:
        event = None
    objects = [] if event is None else [
        t.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "prep", "attr", "dative") for t in c.subtree
        if t.pos_ == "NOUN" and not t.ent_type_ and t not in heads and t.lemma_.lower() not in L.DOCUMENT_NOUNS
        and t.lemma_.lower() not in L.GENERIC_TYPE_NOUNS]
    return ListAsk(kind, _lemma(head), tuple(dict.fromkeys(places)), tuple(dict.fromkeys(words)),
                   tuple(dict.fromkeys(within)), tuple(dict.fromkeys(actors)), tuple(excluded), _corpus_scope(doc), event,
                   tuple(dict.fromkeys(outlets)), tuple(dict.fromkeys(objects)))


def _region(tok, stop) -> list:
    """``tok`` and its dependents, not crossing into a clause or a coordinated phrase; ``stop`` left out."""
    out = [tok]
    for c in tok.children:
        if c.dep_ not in _CLAUSE_DEPS and c is not stop:
            out += _region(c, stop)
    return out


def title_tokens(span) -> list:
    """The tokens that describe a name: its own modifiers ("U.S. Deputy Secretary of State"), the noun it
    stands in apposition to ("his commander-in-chief, X"), and the noun phrase it is the object in ("the
    future of U.S. support under X")."""
    root = span.root
    out = _region(root, None)
    node = root
    for _ in range(2):
        if node.dep_ == "appos" or (node.dep_ == "pobj" and node.head.dep_ == "prep"):
            up = node.head if node.dep_ == "appos" else node.head.head
            if up.pos_ not in ("NOUN", "PROPN"):
                break
            out += _region(up, node if node.dep_ == "appos" else node.head)
            node = up
        else:
            break
    return [t for t in out if not (span.start <= t.i < span.end)]


def _same_place_word(a: str, b: str) -> bool:
    """One word, or a demonym and its place ("chilean" / "chile"; ``qa.names.demonym_pair``)."""
    return a == b or demonym_pair(a, b)


def titled_names(doc) -> list:
    """Names a title noun introduces, read from the parse: "Lieutenant General Ivo Marek" -> "Ivo Marek"
    (``lexicon.TITLE_NOUNS``; proper nouns after the last title word, up to the head they modify)."""
    out = []
    for t in doc:
        if t.pos_ != "PROPN" or t.dep_ == "compound" or t.lower_ in L.TITLE_NOUNS:
            continue
        titles = [c.i for c in t.children if c.dep_ == "compound" and c.i < t.i and c.lower_ in L.TITLE_NOUNS]
        if not titles:
            continue
        name = doc[max(titles) + 1:t.i + 1]
        if all(x.pos_ == "PROPN" and x.ent_type_ in ("", "PERSON") and x.lower_ not in L.TITLE_NOUNS for x in name):
            out.append(name)
    return out


def place_match(qualifier: str, place: str) -> bool:
    """A place or demonym names the qualifier's place: both name one place by ``qa.gazetteer.nation_named``
    ("American" ~ "U.S.", "Dutch" ~ "the Netherlands"), or word by word ("Chilean" ~ "Chile's", "South African" ~
    "South Africa"; ``qa.names.demonym_pair``), or the place is the qualifier's initials."""
    q, p = normalise(qualifier), normalise(place)
    if not q or not p:
        return False
    key = nation_named(qualifier)
    if key is not None and key == nation_named(place):
        return True
    qw, pw = q.split(), p.split()
    if len(qw) == len(pw) and all(_same_place_word(x, y) for x, y in zip(qw, pw)):
        return True
    return len(qw) > 1 and initials(q) == p


def _qualified(ask: ListAsk, title: list, name: str) -> bool:
    if ask.places:
        places = {_ent_text(t) for t in title if t.ent_type_ in _PLACE_LABELS} | {t.text for t in title if t.ent_type_}
        if not any(place_match(q, p) for q in ask.places for p in places):
            return False
    if ask.words:  # "news agencies and wire services": either head's words
        lemmas = {t.lemma_.lower() for t in title} | {t.lower_ for t in title} | {w.lower() for w in name.split()}
        if not any(all(w in lemmas for w in ws) for ws in ask.words):
            return False
    return True


def headline(text: str) -> bool:
    """Every word of four letters or more is capitalised: "Minister Quits, Party Warns"."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _says(event: str, lemmas: frozenset[str], similar) -> bool:
    """The sentence says the question's verb, or a word ``similar`` to it (``qa.coverage.WordCache``)."""
    if event in lemmas:
        return True
    return similar is not None and bool(lemmas) and similar(event, sorted(lemmas))


def items_in(ask: ListAsk, ev: Evidence, reader: Reader, in_question, similar=None) -> list[tuple[str, int, int]]:
    """The names of the asked type one sentence holds that meet the question's qualifiers, with their offsets."""
    frame = reader.frame(ev.row)
    text = ev.sentence.text
    if ask.event is not None and not all(_says(w, frame.lemmas, similar) for w in (ask.event, *ask.objects)):
        return []  # "which officials warned of a war": a sentence that says so
    if ask.kind in (AnswerType.PERSON, AnswerType.ORG) and headline(text):
        return []  # a recogniser reads "X Warns" in a headline as one name
    if ask.actors:
        who = reader.speaker(ev.row)
        names = [e.text for e in frame.entities] + ([who.label] if who is not None else [])
        if not all(any(same_name(a, n) for n in names) for a in ask.actors):
            return []
    doc = None
    out = []
    found = [(e.text, e.start, e.end) for e in frame.entities_of(ask.kind)]
    if ask.kind is AnswerType.PERSON:  # a name its title introduces, which the recogniser may miss
        doc = sentence_doc(text)
        found += [(sp.text, sp.start_char, sp.end_char) for sp in titled_names(doc)
                  if not any(a < sp.end_char and sp.start_char < b for _, a, b in found)]
    for name, start, end in found:
        if any(same_name(bare(name), x) for x in ask.excluded):
            continue
        if in_question(name) and not (ask.kind is AnswerType.DATE and ask.within
                                      and date_unit(name) > max(date_unit(w) for w in ask.within)):
            continue  # a name the question gives is no item; a finer date of its month is
        if ask.kind is AnswerType.DATE:
            if ask.head in L.DATE_PART_NOUNS and not date_fits(ask.head, name):
                continue
            if ask.within and not any(same_name(w, x) for w in ask.within for x in name.split()):
                continue
            out.append((name, start, end))
            continue
        doc = doc or sentence_doc(text)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not _qualified(ask, title_tokens(span), name):
            continue
        out.append((name, start, end))
    return out


def bare(name: str) -> str:
    """The name without a possessor before it: "Oslo's Defence Directorate" -> "Defence Directorate"."""
    for mark in ("’s ", "'s "):
        if mark in name:
            name = name.rsplit(mark, 1)[1]
    return name


def one_name(a: str, b: str, aliases=None) -> bool:
    """Two mentions of one thing: the same name (``qa.names.same_name``) once a possessor is dropped, or an
    alias the corpus defines ("the Port Authority (PA)")."""
    a, b = bare(a), bare(b)
    if normalise(a) == normalise(b):
        return True  # "U.S." twice: too short for same_name
    if {w for w in normalise(a).split() if w.isdigit()} != {w for w in normalise(b).split() if w.isdigit()}:
        return False  # "November 1" is not "November 15"
    if same_name(a, b):
        return True
    return aliases is not None and any(normalise(x) == normalise(b) for x in aliases(a))


def inventory(ask: ListAsk, rows: list[int], pool: list[Evidence], reader: Reader, in_question,
              max_items: int, aliases=None, similar=None) -> list[Item]:
    """Every item of ``ask`` in the sentences at ``rows``, one per name (``one_name``; ``aliases``: a
    name's other names, ``qa.names.CorpusNames.aliases_for``), each with the first sentence that names
    it; ``pool``'s evidence is reused for rows it holds. Photo captions count: they are the articles' words.
    ``similar(word, words)``: whether a word is close to one of ``words`` (for ``ListAsk.event``)."""
    known = {e.row: e for e in pool}
    items: list[Item] = []
    for row in rows:
        sent = reader.store.sentences[row]
        ev = known.get(row) or Evidence(sent, row, 0.0, 0.0, 0.0, -1)
        for name, a, b in items_in(ask, ev, reader, in_question, similar):
            name = " ".join(name.replace("[", " ").replace("]", " ").split())  # "[President X] Y" -> "X Y"
            if not any(one_name(it.text, name, aliases) or one_name(name, it.text, aliases) for it in items):
                items.append(Item(name, ev, a, b))
        if len(items) >= max_items:
            break
    return items[:max_items]


def joined(parts: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _outlet_scope(ask: ListAsk, reader: Reader, rows: list[int]) -> tuple[ListAsk, list[int]]:
    """ "Which ministers does the Tribune article mention?": the articles of an outlet the question names are
    the scope (every sentence of them), and the outlet is no actor its sentences must name."""
    arts = reader.store.articles
    docs = {d for d, a in arts.items() if a.outlet and any(same_name(a.outlet, o) for o in ask.outlets)}
    if not docs:
        return ask, rows
    mine = [r for r, sent in enumerate(reader.store.sentences) if sent.doc_id in docs]
    actors = tuple(a for a in ask.actors if not any(same_name(arts[d].outlet, a) for d in docs))
    return replace(ask, actors=actors, corpus=True), mine


def compose_inventory(question: str, pool: list[Evidence], reader: Reader, in_question, cfg, aliases=None,
                      similar=None, attributed=None) -> Composed | None:
    """The answer to a list question over the articles (``ListAsk.corpus``): "A [1], B [2] and C [3]." and each
    cited sentence verbatim with its number; None when the question is no such list or fewer than
    ``cfg.inventory_min_items`` items are found (the ordinary answer then stands)."""
    if cfg.inventory_min_items <= 0:
        return None
    ask = list_ask(question)
    if ask is None or not (ask.corpus or ask.outlets):
        return None
    n = len(reader.store.sentences)
    rows = list(range(n)) if n <= cfg.inventory_max_sentences else sorted({e.row for e in pool})
    ask, rows = _outlet_scope(ask, reader, rows)
    if not ask.corpus:
        return None
    items = inventory(ask, rows, pool, reader, in_question, cfg.max_list_items, aliases, similar)
    if len(items) < cfg.inventory_min_items:
        return None
    draft = Draft()
    line = joined([f"{it.text} {draft.cite(it.evidence, Used.LIST_ITEM)}" for it in items]) + "."
    render = attributed or (lambda ev: ev.sentence.text)
    quoted = [f"{render(ev)} [{i + 1}]" for i, ev in enumerate(draft.cited)]
    first = items[0]
    span = AnswerSpan(draft.number_of(first.evidence), first.start, first.end)
    return Composed(" ".join([line, *quoted]), ", ".join(it.text for it in items), True, tuple(draft.cited),
                    tuple(draft.used), span=span)


__all__ = ["Item", "ListAsk", "bare", "compose_inventory", "headline", "inventory", "items_in", "joined", "list_ask",
           "one_name", "place_match", "title_tokens", "titled_names"]
