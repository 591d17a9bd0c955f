"""Roles a question asks about: "Who is X's defence minister?" (split from ``qa.constraints``).

``check_role`` refuses when the passages, or failing them the articles, name the role only for other owners
or not at all; the title phrases are read from the capitalised words around the role noun."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from index.types import Sentence
from qa.config import Config
from qa.frames import Refusal, RefusalReason
from qa.reader import mentions
from qa.retrieve import Evidence

STEM = 5  # letters two words must share to count as one word ("Defense" ~ "defence")
_TITLE_WORD = re.compile(r"[A-Z][\w.-]*(?:['’]s)?$")


def asked_role(doc) -> tuple[str, tuple[str, ...]] | None:
    """ "Who is X's defence minister" / "Who is the ambassador of X to Y": the role noun the answer holds
    and the names the role belongs to (X, Y), from the parse; None for other questions."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ != "be" or not any(t.lower_ == "who" and t.head.i == root.i for t in doc):
        return None
    role = next((t for t in root.children if t.pos_ == "NOUN" and t.dep_ in ("attr", "nsubj")), None)
    if role is None:
        return None
    owners = []
    for t in role.subtree:
        # whose role it is ("X's", "to / of / for X"), not where its holder sits ("in X")
        if t.pos_ == "PROPN" and (t.dep_ == "poss" or (t.dep_ == "pobj" and t.head.lower_ in ("to", "of", "for"))):
            left = [c for c in t.lefts if c.dep_ == "compound"]
            start = left[0].i if left else t.i
            owners.append(doc[start:t.i + 1].text)
    return (role.lemma_.lower(), tuple(owners)) if owners else None


def title_phrases(text: str, role: str) -> list[str]:
    """The title phrases around each use of ``role`` in ``text``: capitalised words and possessives right
    before it and "to / of / for" + capitalised words right after it ("Freedonia's Defense Minister",
    "Ambassador to the Republic of Palau")."""
    out = []
    for m in re.finditer(rf"\b{re.escape(role)}s?\b", text, re.I):
        words = text[:m.start()].split()
        left = []
        while words and _TITLE_WORD.match(words[-1].strip(",")) and not words[-1].endswith(","):
            left.insert(0, words.pop())
        after = re.match(r"\s+(?:to|of|for)\s+(?:the\s+)?((?:[A-Z][\w.-]*\s*)+)", text[m.end():])
        out.append(" ".join(left + [m.group(0)] + ([after.group(0).strip()] if after else [])))
    return out


def role_modifiers(doc) -> tuple[str, ...]:
    """The words that narrow the asked role: "defence" in "Who is X's defence minister" (not its owner)."""
    asked = asked_role(doc)
    if asked is None:
        return ()
    role = next(t for t in doc if t.lemma_.lower() == asked[0] and t.pos_ == "NOUN")
    return tuple(t.lower_ for t in role.lefts if t.dep_ in ("compound", "amod") and t.pos_ in ("NOUN", "ADJ"))


def _owner_free(title: str, role: str, mods: tuple[str, ...]) -> bool:
    """A title that names no owner ("his military commander"): it may be anyone's, the asked owner's too."""
    rest = [w for w in re.findall(r"[\w’']+", title) if w.lower().rstrip("s") != role and w.lower() not in mods]
    return not rest


# --- which of the store's sentences can use a role word ------------------------------------------------

_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")  # a word character outside ASCII ("é", "ſ", the Kelvin sign)
_PLAIN_ROLE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class RoleTextIndex:
    """The store's sentences lower-cased and joined, to find the ones that can use a role word without
    running ``title_phrases`` on every sentence (``check_role``'s read of the articles: ~2.8 us of CPU a
    sentence, 0.55 s a question on a 193k-sentence store; docs/PERFORMANCE.md).

    ``title_phrases(text, role)`` finds ``\\b<role>s?\\b`` case-insensitively; for an ASCII role in a
    sentence whose word characters are all ASCII, such a match is ``role`` in ``text.lower()``, so the
    sentences holding that substring are a superset of those with a use of the role. Sentences with a
    word character outside ASCII (``re.IGNORECASE`` matches "ſ" to "s", the Kelvin sign to "k") are left
    out of the joined text and read for every role (``always``); a role that is not plain ASCII letters and
    digits reads every sentence. So ``check_role`` reads the same uses in the same order and answers the same."""

    text: bytes  # the indexed sentences, lower-cased, non-ASCII characters as "?", joined by "\n"
    starts: np.ndarray  # where each indexed sentence starts in ``text``
    rows: np.ndarray  # its row in the store's sentences
    always: np.ndarray  # rows of the sentences left out: read whatever the role

    @classmethod
    def build(cls, texts: Iterable[str]) -> "RoleTextIndex":
        parts: list[bytes] = []
        starts: list[int] = []
        rows: list[int] = []
        always: list[int] = []
        at = 0
        for row, text in enumerate(texts):
            if _NON_ASCII_WORD.search(text):
                always.append(row)
                continue
            part = text.lower().encode("ascii", "replace")
            parts.append(part)
            starts.append(at)
            rows.append(row)
            at += len(part) + 1
        return cls(b"\n".join(parts), np.asarray(starts, np.int64), np.asarray(rows, np.int64),
                   np.asarray(always, np.int64))

    def candidates(self, role: str) -> list[int] | None:
        """Rows, ascending, of every sentence that can use ``role``; None when the index cannot tell (read all)."""
        if not _PLAIN_ROLE.fullmatch(role):
            return None
        hits = np.fromiter((m.start() for m in re.finditer(re.escape(role.encode()), self.text)), np.int64)
        found = self.rows[np.searchsorted(self.starts, hits, side="right") - 1] if len(hits) else hits
        return np.union1d(found, self.always).tolist()


_index_lock = threading.Lock()
_index: tuple[Sequence[Sentence], RoleTextIndex] | None = None  # the last store's: one store per engine process


def role_text_index(sentences: Sequence[Sentence]) -> RoleTextIndex:
    """The ``RoleTextIndex`` of a store's sentence list, built on first use and kept for that list (a store
    generation's; a reloaded store has a new list); one kept at a time."""
    global _index
    with _index_lock:
        if _index is None or _index[0] is not sentences:
            _index = (sentences, RoleTextIndex.build(s.text for s in sentences))
        return _index[1]


def _role_texts(role: str, corpus: Iterable[str] | None, sentences: Sequence[Sentence] | None) -> Iterable[str]:
    if sentences is None:
        return corpus or ()
    rows = role_text_index(sentences).candidates(role)
    return (s.text for s in sentences) if rows is None else (sentences[r].text for r in rows)


def check_role(doc, evidence: list[Evidence], cfg: Config, corpus: Iterable[str] | None = None, *,
               sentences: Sequence[Sentence] | None = None) -> RefusalReason | None:
    """ "Who is X's defence minister?": when the retrieved passages name the role only as another owner's
    ("Y's Defense Minister Z"), the question asks about someone they do not name. A passage that gives
    the role with every owner the question names lets it pass. When no retrieved passage uses the role, the
    articles are read (only then): ``sentences``, the store's, through their ``RoleTextIndex``, or ``corpus``,
    texts read one by one: a title of the role, with the question's words
    for it ("defence"), held for the owner or for no named owner lets it pass; none at all, or only other
    owners', refuses (any person found would hold another role: "spokesman Z")."""
    asked = asked_role(doc)
    if asked is None:
        return None
    role, owners = asked
    seen: list[str] = []
    for ev in evidence[: cfg.agent_pool]:  # below min_score too: a weak passage may hold the only use of the role
        for title in title_phrases(ev.sentence.text, role):
            if all(mentions(title, o) for o in owners):
                return None
            seen.append(title)
    if not seen:
        if corpus is None and sentences is None:
            return None
        mods = role_modifiers(doc)
        for text in _role_texts(role, corpus, sentences):
            for title in title_phrases(text, role):
                free = _owner_free(title, role, mods)  # lower-case words before it are not in the title
                if not all(m[:STEM] in (text if free else title).lower() for m in mods):
                    continue  # another role: "Foreign Minister" for "defence minister"
                if free or all(mentions(title, o) for o in owners):
                    return None
                seen.append(title)
    asked_text = " ".join([*owners, *role_modifiers(doc), role])
    return RefusalReason(Refusal.OTHER_ROLE, (asked_text,), tuple(dict.fromkeys(seen))[:3])


__all__ = ["RoleTextIndex", "asked_role", "check_role", "role_modifiers", "role_text_index", "title_phrases"]
