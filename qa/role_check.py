"""Roles a question asks about: "Who is X's defence minister?" (split from ``qa.constraints``).

``check_role`` refuses when the passages, or failing them the articles, name the role only for other owners
or not at all; the title phrases are read from the capitalised words around the role noun."""
from __future__ import annotations

import re
from collections.abc import Iterable

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


def check_role(doc, evidence: list[Evidence], cfg: Config, corpus: Iterable[str] | None = None) -> RefusalReason | None:
    """ "Who is X's defence minister?": when the retrieved passages name the role only as another owner's
    ("Y's Defense Minister Z"), the question asks about someone they do not name. A passage that gives
    the role with every owner the question names lets it pass. When no retrieved passage uses the role, the
    articles (``corpus``, the store's sentences, iterated only then) are read: a title of the role, with the question's words
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
        if corpus is None:
            return None
        mods = role_modifiers(doc)
        for text in corpus:
            for title in title_phrases(text, role):
                free = _owner_free(title, role, mods)  # lower-case words before it are not in the title
                if not all(m[:STEM] in (text if free else title).lower() for m in mods):
                    continue  # another role: "Foreign Minister" for "defence minister"
                if free or all(mentions(title, o) for o in owners):
                    return None
                seen.append(title)
    asked_text = " ".join([*owners, *role_modifiers(doc), role])
    return RefusalReason(Refusal.OTHER_ROLE, (asked_text,), tuple(dict.fromkeys(seen))[:3])


__all__ = ["asked_role", "check_role", "role_modifiers", "title_phrases"]
