"""Short answers of "which <noun>" questions whose answer is a common noun or a name spaCy leaves unlabelled
("which sport" <- "tennis", "which seed" <- "sesame seeds", "which planet" <- "Mars, the red planet").

``qa.noun_spans`` reads names: entities of a fitting label, and noun phrases the noun heads with a name or a number
of their own. An answer that is itself a common noun has neither. Read from the parse of one sentence:

1. ``compound_spans``: a noun phrase the noun itself (same 5-letter stem) heads with a compound modifier of its own,
   written in lower case ("sesame seeds" for "which seed", "the harbour office" for "which office"); the
   capitalised and numbered ones are ``qa.noun_spans``' own rule;
2. ``classed_spans``: a phrase the sentence puts in the noun's class: the copula ("tennis is a sport", "the
   winning film is Northern Lights"), apposition ("Mars, the red planet"; "a sport, tennis"), "<noun>s such as /
   like / including X", "X and other <noun>s";
3. ``instance_spans``: a noun phrase whose head word is close to the noun by MiniLM word vector (the
   ``WordCache`` that ``Config.counted_sim`` reads elsewhere) but is not the noun itself: "football" for "which
   sport" (an instance names its class's neighbourhood, not the class word); a weak reading, ranked below the
   others and below every entity of a fitting label.

Each rule returns character ranges (start, end) of ``text``; ``qa.noun_spans`` scores them. The question's own
words are dropped there. Switches: ``SpanConfig.kind_compounds``, ``kind_classed``, ``kind_instance_sim`` (0: off).
"""
from __future__ import annotations

from qa.constraints import near_word
from qa.coverage import WordCache

_SKIP_POS = frozenset({"DET", "PRON", "NUM", "PUNCT", "ADP", "CCONJ", "SCONJ", "PART", "AUX", "VERB"})
_LIST_PREPS = frozenset({"like", "including"})


def _is_noun(tok, noun: str, words: WordCache, threshold: float) -> bool:
    """``tok`` is the asked noun: a common noun with its 5-letter stem, or a word vector ``threshold`` close, or a
    noun the asked noun modifies as a compound ("artillery systems" for "artillery")."""
    if tok.pos_ != "NOUN":
        return False
    lemma = tok.lemma_.lower()
    if any(c.dep_ == "compound" and c.lemma_.lower()[:5] == noun[:5] for c in tok.lefts):
        return True
    return lemma[:5] == noun[:5] or (lemma.isalpha() and near_word(noun, {lemma}, words, threshold))


def _phrase(doc, tok) -> tuple[int, int]:
    """The characters of the noun phrase ``tok`` heads: its left modifiers (no determiner, possessive or
    punctuation first) through ``tok`` itself; a proper noun takes the proper nouns it is compounded with."""
    left = tok.i
    while left > tok.left_edge.i and doc[left - 1].head.i in range(left, tok.i + 1) \
            and doc[left - 1].dep_ in ("compound", "amod", "nmod", "nummod") and not doc[left - 1].is_punct:
        left -= 1
    while left < tok.i and (doc[left].pos_ in ("DET", "PRON") or doc[left].dep_ == "poss"):
        left += 1
    right = tok.i
    if tok.pos_ == "PROPN":
        while right + 1 < len(doc) and doc[right + 1].pos_ == "PROPN" and doc[right + 1].head.i == right + 1 \
                or right + 1 < len(doc) and doc[right + 1].pos_ == "PROPN" and doc[right].head.i == right + 1:
            right += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _answer_token(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and not tok.is_stop and any(c.isalpha() for c in tok.text)


def compound_spans(doc, noun: str, asked: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Rule 1: the noun heading a phrase with a lower-case compound modifier ("sesame seeds", "tax dispute") that
    is none of the question's words or lemmas (``asked``: "sea creatures" does not answer "which sea creature").
    The noun is matched by its own 5-letter stem only, never by word vector, so this rule takes no word cache."""
    out = []
    for tok in doc:  # the noun itself: a lower-case kind of a merely close word ("infantry troops") is no <noun>
        if tok.pos_ != "NOUN" or tok.lemma_.lower()[:5] != noun[:5]:
            continue
        mods = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ not in _SKIP_POS and c.text.isalpha()
                and c.text.islower() and c.lower_ not in asked and c.lemma_.lower() not in asked]
        if mods:
            first = min(c.left_edge.i for c in mods)
            out.append((doc[first].idx, tok.idx + len(tok.text)))
    return out


def classed_spans(doc, noun: str, words: WordCache, threshold: float) -> list[tuple[int, int]]:
    """Rule 2: phrases the sentence puts in the noun's class (copula, apposition, "such as", "and other")."""
    out = []
    for tok in doc:
        if not _is_noun(tok, noun, words, threshold):
            continue
        head = tok.head
        if tok.dep_ == "attr" and head.lemma_ == "be":  # "tennis is a sport"
            out += [_phrase(doc, s) for s in head.children if s.dep_ in ("nsubj", "nsubjpass") and _answer_token(s)]
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":  # "the winning film is Northern Lights"
            out += [_phrase(doc, a) for a in head.children if a.dep_ == "attr" and _answer_token(a)]
        if tok.dep_ == "appos" and _answer_token(head):  # "Mars, the red planet"
            out.append(_phrase(doc, head))
        out += [_phrase(doc, a) for a in tok.children if a.dep_ == "appos" and _answer_token(a)]  # "a sport, tennis"
        for p in tok.children:  # "sports such as rugby", "sports like rugby", "sports including rugby"
            such = p.lower_ == "as" and p.i > 0 and p.doc[p.i - 1].lower_ == "such"
            if p.dep_ == "prep" and (such or p.lower_ in _LIST_PREPS):
                for o in p.children:
                    if o.dep_ == "pobj" and _answer_token(o):
                        out.append(_phrase(doc, o))
                        out += [_phrase(doc, c) for c in o.children if c.dep_ == "conj" and _answer_token(c)]
        if tok.dep_ == "conj" and any(c.lower_ == "other" for c in tok.children) and _answer_token(head):
            out.append(_phrase(doc, head))  # "octopus and other sea creatures"
    return out


def instance_spans(doc, noun: str, words: WordCache, sim: float) -> list[tuple[int, int]]:
    """Rule 3: noun phrases whose head is ``sim`` close to the noun by word vector, not the noun itself (same
    5-letter stem), a proper noun or a common noun written without a determiner or possessive ("football",
    "Mars"; "the movie" mentions the class "film", it does not name one)."""
    if sim <= 0:
        return []
    out = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        lemma = (root.lemma_ if root.pos_ == "NOUN" else root.text).lower()
        if not _answer_token(root) or not lemma.isalpha() or len(lemma) < 3 or lemma[:5] == noun[:5]:
            continue
        if root.pos_ == "NOUN" and any(t.pos_ == "DET" or t.dep_ == "poss" for t in chunk):
            continue  # "the movie" for "which film": a mention of the class, not an instance named
        if words.nearest(noun, [lemma]) >= sim:
            out.append(_phrase(doc, root))
    return out


__all__ = ["classed_spans", "compound_spans", "instance_spans"]
