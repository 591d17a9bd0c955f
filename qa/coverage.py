"""Does the evidence speak to what the question asks? Term coverage with embedding fallback.

A question about "tanks" or "population" can retrieve sentences that are very similar overall
(ferries, Calais) and still not answer it. Each content term of the question must appear in the
evidence, or have a close neighbour there by word embedding (workers ~ staff, dispatch ~ send).
"""
from __future__ import annotations

import re
import threading

import numpy as np

from index.lexical import fold_variant, tokenize
from qa import lexicon as L
from qa.frames import AnswerType

GENERIC = L.COVERAGE_FILLER
_FOCUS = re.compile(
    r"\b(?:how\s+(?:many|much)|what|which|whose)\s+(?:(?:is|are|was|were)\s+(?:the\s+)?)?((?:[\w'’.-]+\s+){0,4}?)"
    r"(?:has|have|had|is|are|was|were|did|does|do|of|in|to|for|from|at|on|by|that|who|whom|which|made|said|"
    r"will|would|could|can|the|a|an)\b",
    re.I,
)
SIM_COVERED = 0.62
_NOT_NOUN = re.compile(r"(?:ly|ed|ing)$|['’]s$")  # adverbs, participles and possessives are not the asked-for noun


class WordCache:
    """Embeddings of single words, cached per process. ``preload`` fills it with a store's
    vocabulary (``Engine.warm``), so the first questions do not pay for embedding their words."""

    MAX_WORDS = 200_000  # ~300 MB of MiniLM vectors; past it the cache starts again

    def __init__(self, embedder) -> None:
        self.embedder = embedder
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._cache)

    def _add(self, words: list[str], vecs: np.ndarray) -> None:
        with self._lock:
            if len(self._cache) + len(words) > self.MAX_WORDS:
                self._cache = {}
            self._cache.update(zip(words, vecs))

    def preload(self, words, batch: int = 1024) -> int:
        """Embed the ``words`` not cached yet, ``batch`` at a time; returns how many were added."""
        missing = [w for w in dict.fromkeys(words) if w not in self._cache][: self.MAX_WORDS]
        for i in range(0, len(missing), batch):
            chunk = missing[i:i + batch]
            self._add(chunk, self.embedder.encode(chunk))
        return len(missing)

    def vectors(self, words: list[str]) -> np.ndarray:
        if not words:
            return np.zeros((0, 1), np.float32)
        cache = self._cache  # a concurrent reset swaps the dict; this one stays whole
        got = {w: cache[w] for w in dict.fromkeys(words) if w in cache}
        missing = [w for w in dict.fromkeys(words) if w not in got]
        if missing:
            vecs = self.embedder.encode(missing)
            self._add(missing, vecs)
            got.update(zip(missing, vecs))
        return np.stack([got[w] for w in words])

    def nearest(self, word: str, others: list[str]) -> float:
        """The highest cosine between ``word`` and any of ``others`` (the embedders give unit vectors); 0.0
        when there are none. The one comparison of a word with a set of words (``qa.constraints.near_word``,
        ``qa.figures.counts_same``, the list inventory's verb check)."""
        if not others:
            return 0.0
        return float(np.max(self.vectors(list(others)) @ self.vectors([word])[0]))


def vocabulary(texts) -> list[str]:
    """The distinct words of ``texts`` as ``uncovered_terms`` compares them (letters only, 3+
    characters, lower-cased, spelling variants folded), in first-seen order."""
    out: dict[str, None] = {}
    for text in texts:
        for w in _WORD.findall(text):
            out.setdefault(fold_variant(w.lower()), None)
    return list(out)


_WORD = re.compile(r"[^\W\d_]{3,}")


def content_words(text: str) -> dict[str, str]:
    """Stemmed content term -> one surface word, for the question's content words."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text):
        w = m.group(0)
        toks = tokenize(w)
        if not toks:
            continue
        t = toks[0]
        if t in GENERIC or w.lower() in GENERIC:
            continue
        out.setdefault(t, fold_variant(w.lower()))
    return out


ANSWER_TYPES = L.ANSWER_TYPE_NOUNS  # the answer is an instance ("Lisbon" for "which city")


def focus_word(question: str) -> str | None:
    """The noun a question asks for: 'tanks' in "how many tanks", 'population' in "what is the population"."""
    m = _FOCUS.search(question)
    if not m or not m.group(1).strip():
        return None
    # the last noun-like word of the phrase: "which home goods chain recently" -> chain, not recently
    words = [w.lower() for w in m.group(1).split() if not _NOT_NOUN.search(w.lower())]
    if not words:
        return None
    w = words[-1]
    toks = tokenize(w)
    if not toks or toks[0] in GENERIC or w in GENERIC or w in ANSWER_TYPES:
        return None
    return w


def parse_ignored(doc) -> frozenset[str]:
    """Question words (lower-case, spelling folded) that need no match in the evidence, read from the
    question's parse: stop words and light verbs by lemma ("gave" is "give"), numbers ("two
    lawmakers"), and nouns that name a stance or an activity rather than its content ("Oslo's position
    on ...", "what job will X do")."""
    out = set()
    for t in doc:
        lemma = t.lemma_.lower()
        if t.is_stop or t.like_num or t.pos_ == "NUM" or lemma in GENERIC or lemma in L.STANCE_NOUNS \
                or lemma in L.ACTIVITY_NOUNS:
            out.add(fold_variant(t.lower_))
    return frozenset(out)


def document_words(doc, store=None) -> frozenset[str]:
    """Question words (lower-case, spelling folded) that describe a text rather than its content: a noun
    naming a piece of coverage (``L.DOCUMENT_NOUNS``), its adjectives ("the latest article") and the
    clause that says which one ("the magazine that interviewed X", "the photo the agency used"). Compound
    nouns stay: "the election story" is about the election. With ``store``, also the words of a document
    reference that names articles of it (``qa.docscope``: "per Wirenet", "the December report", "the caption");
    one that names no article keeps its words, which the refusal then names."""
    out = set(scope_words(doc.text, store)) if store is not None else set()
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in L.DOCUMENT_NOUNS:
            continue
        out.add(fold_variant(t.lower_))
        for c in t.children:
            if c.dep_ == "amod":
                out.add(fold_variant(c.lower_))
            elif c.dep_ in ("relcl", "acl"):
                out.update(fold_variant(w.lower_) for w in c.subtree if not w.ent_type_)
    return frozenset(out)


def soft_words(doc) -> frozenset[str]:
    """Question words (lower-case, spelling folded) a paraphrase changes freely: verbs, adjectives and
    adverbs by their parse ("finding it hard to keep up" for "struggling to maintain"). Nouns, names
    and entity tokens ("Danish", "Western" as a NORP) stay hard: they are what the question is about,
    and an article that never names them does not answer it."""
    return frozenset(fold_variant(t.lower_) for t in doc if t.pos_ in L.SOFT_POS and not t.ent_type_)


def typed_words(doc, frames) -> frozenset[str]:
    """Question nouns that name a type ("date", "city", "agency") met by an entity of that type in
    one of the evidence ``frames`` ("by November 1" for "a readiness date")."""
    kinds = {e.kind for f in frames for e in f.entities}
    out = set()
    for t in doc:
        kind = type_of_noun(t.lemma_.lower()) if t.pos_ == "NOUN" else None
        if kind is not None and kind in kinds:
            out.add(fold_variant(t.lower_))
    return frozenset(out)


def type_of_noun(lemma: str) -> AnswerType | None:
    """The answer type a noun names: "agency" -> ORG, "city" -> PLACE (``qa.lexicon`` type nouns)."""
    for words, kind in ((L.PERSON_NOUNS, AnswerType.PERSON), (L.ORG_NOUNS, AnswerType.ORG),
                        (L.PLACE_NOUNS, AnswerType.PLACE), (L.DATE_NOUNS, AnswerType.DATE),
                        (L.COUNT_NOUNS, AnswerType.COUNT)):
        if lemma in words:
            return kind
    return None


def uncovered_terms(question: str, sentences: list[str], words: WordCache, threshold: float = SIM_COVERED,
                    ignore: frozenset[str] = frozenset()) -> list[str]:
    """Question content words that neither occur in ``sentences`` nor have a close word there;
    words in ``ignore`` (the type of the answer: "agency" in "which agency") are not required."""
    q = {t: w for t, w in content_words(question).items() if w not in ignore and t not in ignore}
    if not q or not sentences:
        return list(q.values())
    ev_tokens: set[str] = set()
    for s in sentences:
        ev_tokens.update(tokenize(s))
    ev_words = set(vocabulary(sentences))
    missing = {t: w for t, w in q.items() if t not in ev_tokens}
    if not missing:
        return []
    cand = sorted(ev_words)[:2000]
    mv = words.vectors(list(missing.values()))
    ev = words.vectors(cand)
    sims = mv @ ev.T if len(cand) else np.zeros((len(missing), 1))
    return [w for w, row in zip(missing.values(), sims) if float(row.max(initial=0.0)) < threshold]


def scope_words(text: str, store) -> frozenset[str]:
    """The words of ``text`` that only say which article or part of one it means (``qa.docscope.Scope.words``,
    spelling folded): they need no match in the evidence."""
    from qa.docscope import scope_of

    return frozenset(fold_variant(w) for w in scope_of(text, store).words)


_CHUNK_EDGE = frozenset({"DET", "PRON", "ADP", "PUNCT", "CCONJ"})


def question_phrases(doc, missing: list[str]) -> dict[str, list[str]]:
    """The question's noun chunks that hold an uncovered word ("a corps command post"), without their
    determiners and wh-words, each with the uncovered words it holds."""
    want = {fold_variant(m.lower()) for m in missing}
    out: dict[str, list[str]] = {}
    for chunk in doc.noun_chunks:
        toks = [t for t in chunk if not (t.pos_ in _CHUNK_EDGE or t.tag_ in ("WDT", "WP", "WP$"))]
        held = [fold_variant(t.lower_) for t in toks if fold_variant(t.lower_) in want]
        if held and len(toks) > 1:  # a one-word chunk is the word itself, already compared
            out[" ".join(t.text for t in toks)] = held
    return out


def phrase_credited(doc, missing: list[str], frames, words: WordCache, threshold: float) -> set[str]:
    """Uncovered question words credited because their noun chunk says what an evidence noun chunk says
    (whole-phrase MiniLM vectors at least ``threshold`` close: "battle-hardened fighters" ~ "highly
    skilled soldiers"). Word by word the two share nothing; as phrases they name the same thing."""
    phrases = question_phrases(doc, missing)
    ev = list(dict.fromkeys(n.text for f in frames for n in f.nouns if len(n.text.split()) > 1))
    if not phrases or not ev:
        return set()
    sims = words.vectors(list(phrases)) @ words.vectors(ev).T
    out: set[str] = set()
    for (phrase, held), row in zip(phrases.items(), sims):
        if float(row.max()) >= threshold:
            out.update(held)
    return out
