"""Remove scraped site furniture from article text, keeping every article sentence.

Works paragraph by paragraph (a paragraph is a non-empty line of the raw text):
- whole-line furniture is dropped ("ADVERTISEMENT", "Source link", "by Admin", bare digits,
  "Leave a Reply", "Your email address will not be published...", cookie notices,
  "Visited N times", "Read More: ...", "You may also like", share buttons);
- a "Related Posts" / "You may also like" footer ends the article: it and all that follows go;
- "Advertisement" glued to the end of a sentence is cut off;
- photo captions, credits and alt text are kept but marked, so answers can label them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_LINE_FURNITURE = re.compile(
    r"""^(?:
        advertisement | ad | sponsored(\ content)? |
        source(\ link)? | sources? | original\ source |
        by\ admin | by\ editor | posted\ by\ admin |
        \d{1,3} |                                   # stray counters such as "0"
        leave\ (a|an)\ (reply|comment) | leave\ a\ reply\ cancel\ reply |
        your\ email\ address\ will\ not\ be\ published.* |
        required\ fields\ are\ marked.* |
        visited\ \d+\ times?.* |
        \d+\ visits?(\(s\))?\ today.* |
        read\ (more|also|next)\s*[:\-–].* |
        (share|tweet|email|print)(\ this( article| story)?)?( on \w+)? |
        (advertisement\s*[-–]\s*)?scroll\ to\ continue.* |
        additional\ sources?\s*[•:·\-].* |
        (this|our)\ (web)?site\ uses\ cookies.* | .*\buse\ of\ cookies\b.* |
        we\ use\ cookies.* | accept(\ all)?\ cookies | cookie\ (policy|settings)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A footer heading after which nothing belongs to the article.
_FOOTER = re.compile(
    r"^[\s•·*\-]*(related\ (posts|articles|stories)|you\ may\ also\ like|more\ from\ .{0,40}|"
    r"recommended(\ for\ you)?|trending(\ now)?|most\ read)\s*:?$",
    re.IGNORECASE | re.VERBOSE,
)
_GLUED_AD = re.compile(r"(?<=[.!?\"”’')\]])\s*\bAdvertisement\s*$")
_CREDIT = re.compile(
    r"\s*(?:File\ )?Photo\ (?:by|courtesy\ of)\ [^|]{2,80}?(?:\s*\|\s*License\ Photo)?\s*$"
    r"|\s*\|\s*License\ Photo\s*$",
    re.VERBOSE,
)
_CAPTION_HINT = re.compile(
    r"(\bFile Photo by\b|\bPhoto by\b|\bLicense Photo\b|^In this (?:photo|image|picture)\b"
    r"|\((?:[A-Z][\w.\-]+ ?){1,4}/(?:The )?[A-Z][\w .]+\)$|\bseen here\b|^Photo:|^Image:|"
    r"^\(?(?:Photo|Image) credit)",
)
_ALT_TEXT = re.compile(r"^(There (?:is|are) (?:a|an|some|two|three) [a-z]|An? (?:man|woman|person|group|crowd) )")
_CREDIT_ONLY = re.compile(r"^(?:AP|AFP|Reuters|Getty Images|UPI|EPA|AP Photo|\(?[A-Z][\w ]{0,30}/(?:AP|AFP|Reuters|Getty Images)\)?)$")


@dataclass(frozen=True)
class Cleaned:
    text: str
    captions: tuple[tuple[int, int], ...]
    removed: tuple[str, ...]


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


def clean_text(raw: str, title: str | None = None) -> Cleaned:
    """Clean scraped article text. The first paragraph is the headline unless ``title`` is given."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    raw = "".join(ch for ch in raw if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [ln.strip() for ln in raw.split("\n")]
    paras: list[tuple[str, bool]] = []
    removed: list[str] = []
    seen_title = _norm(title) if title else None
    for i, line in enumerate(lines):
        if not line:
            continue
        if _FOOTER.match(line):
            removed.extend(ln for ln in lines[i:] if ln)
            break
        if _LINE_FURNITURE.match(line):
            removed.append(line)
            continue
        if seen_title is not None and _norm(line) == seen_title:
            removed.append(line)  # headline repeated by the scraper
            continue
        if seen_title is None:
            seen_title = _norm(line)
        line2 = _GLUED_AD.sub("", line).rstrip()
        if line2 != line:
            removed.append("Advertisement")
        caption = False
        if _CAPTION_HINT.search(line2) or _ALT_TEXT.match(line2):
            caption = True
            stripped = _CREDIT.sub("", line2).rstrip()
            if stripped != line2:
                removed.append(line2[len(stripped):].strip())
                line2 = stripped
        elif _CREDIT_ONLY.match(line2) or (
            len(line2.split()) <= 4 and not re.search(r"[.!?:”\"]$", line2) and i > 0 and paras
            and not line2.endswith("?") and len(line2) < 30 and _is_label(line2)
        ):
            caption = True  # a bare credit/alt label ("AP", "Flood victims")
        if line2:
            paras.append((line2, caption))
    parts: list[str] = []
    captions: list[tuple[int, int]] = []
    pos = 0
    for k, (p, cap) in enumerate(paras):
        if k:
            parts.append("\n\n")
            pos += 2
        if cap:
            captions.append((pos, pos + len(p)))
        parts.append(p)
        pos += len(p)
    return Cleaned("".join(parts), tuple(captions), tuple(removed))


def _is_label(line: str) -> bool:
    """A short line with no verb-ish lowercase words: an image label, not a sub-heading."""
    words = line.split()
    lower = [w for w in words if w[:1].islower()]
    return len(lower) <= 1
