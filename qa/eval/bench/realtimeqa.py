"""RealTimeQA (2023 weeks 0106-0224): news-quiz questions over the news articles found for them.

Split: weeks 20230106-20230127 -> tune, 20230203-20230224 -> report.
corpus: the unique articles among the split's search results (``*_gcs.jsonl``), deduplicated by
url and then by identical text; results without text are skipped. id ``rtqa-<sha256(url)[:12]>``.
gold: one ``factoid`` per question, id ``rtqa-<question_id>``; answer/aliases = the text of the
right choice. ``sources`` = the question's result articles that contain the answer
(``alias_match``), else all of its results. ``evidence`` = the gold paragraph when it occurs
verbatim in a source article, else the source sentences that contain the answer (at most 3).
Questions without search results (32 of 240: 7 tune, 25 report): by default
(``no_results="unanswerable"``) the question becomes an ``unanswerable`` item, expected answer
"not in the corpus" (its quiz answer kept in ``quiz_answer``), and nothing is added to the corpus.
With ``no_results="evidence"`` the quiz's own gold evidence paragraph, HTML stripped, is planted
as article ``rtqa-evidence-<question_id>`` and is the question's source: that hands the system the
answer paragraph for exactly those questions, so it is not the reported setting.
"""
from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

from qa.eval import metrics as M
from qa.eval.bench.common import check_split, data_root, dataset_file, read_jsonl, split_sentences, write_outputs

WEEKS = {
    "tune": ("20230106", "20230113", "20230120", "20230127"),
    "report": ("20230203", "20230210", "20230217", "20230224"),
}
NO_RESULTS = ("evidence", "unanswerable")
OUTLETS = {"cnn.com": "CNN", "usatoday.com": "USA Today", "theweek.co.uk": "The Week", "theweek.com": "The Week"}
MAX_EVIDENCE = 3
_TAG = re.compile(r"<[^>]+>")
_SQUASH = re.compile(r"[\W_]+")


def strip_html(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", text)).split())


def _iso(date: str | None) -> str | None:
    return date.replace("/", "-") if date else None


def _outlet(url: str) -> str:
    host = urlparse(url).netloc.lower().removeprefix("www.").removeprefix("edition.")
    return OUTLETS.get(host, host)


class _Corpus:
    """Articles deduplicated by url, then by text; the tokens of each are matched once."""

    def __init__(self) -> None:
        self.articles: dict[str, dict] = {}
        self._by_url: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        self._tokens: dict[str, list[str]] = {}

    def add_result(self, res: dict) -> str | None:
        text = (res.get("text") or "").strip()
        if not text:
            return None
        url = res["url"]
        if url in self._by_url:
            return self._by_url[url]
        if text in self._by_text:
            self._by_url[url] = self._by_text[text]
            return self._by_url[url]
        doc_id = "rtqa-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]
        outlet = _outlet(url)
        self.articles[doc_id] = {"id": doc_id, "title": (res.get("title") or "").strip(), "text": text,
                                 "url": url, "date": _iso(res.get("publish_date")), "source": outlet,
                                 "outlet": outlet}
        self._by_url[url] = self._by_text[text] = doc_id
        return doc_id

    def contains(self, doc_id: str, answer: str) -> bool:
        if not _could_contain(self.articles[doc_id]["text"], _anchors(answer)):
            return False
        if doc_id not in self._tokens:
            self._tokens[doc_id] = M.match_tokens(self.articles[doc_id]["text"])
        target = M.match_tokens(answer)
        return M.contains_tokens(self._tokens[doc_id], target)


def _anchors(answer: str) -> list[str]:
    """Answer tokens a text must contain (folded, punctuation and spaces removed) to match it;
    none when the answer normalises to numbers, whose written forms vary too much."""
    tokens = M.match_tokens(answer)
    if any(not t.isalpha() for t in tokens):
        return []
    return [t for t in tokens if len(t) >= 3]


def _could_contain(text: str, anchors: list[str]) -> bool:
    """Cheap necessary condition for ``alias_match(text, [answer])`` (number words aside, which
    only ever turn letters into digits)."""
    if not anchors:
        return True
    squashed = _SQUASH.sub("", M.fold(text))
    return all(a in squashed for a in anchors)


def _evidence(corpus: _Corpus, sources: list[str], paragraph: str, answer: str) -> list[str]:
    for d in sources:
        if paragraph and paragraph in corpus.articles[d]["text"]:
            return [paragraph]
    anchors = _anchors(answer)
    found: list[str] = []
    for d in sources:
        for sentence in split_sentences(corpus.articles[d]["text"]):
            if not _could_contain(sentence, anchors) or sentence in found:
                continue
            if M.alias_match(sentence, [answer]):
                found.append(sentence)
                if len(found) == MAX_EVIDENCE:
                    return found
    return found


def _questions(root: Path, split: str) -> Iterator[tuple[str, dict, list[dict]]]:
    """(week, quiz question, its search results) of every question of ``split``, in file order: the order
    ``prepare`` adds result articles in, which fixes their deduplication and so their ids."""
    for week in WEEKS[split]:
        results = {r["question_id"]: r.get("search_result") or []
                   for r in read_jsonl(dataset_file(root, "realtimeqa", f"{week}_gcs.jsonl"))}
        for q in read_jsonl(dataset_file(root, "realtimeqa", f"{week}_qa.jsonl")):
            yield week, q, results.get(q["question_id"], [])


def articles(split: str, data_dir: str | Path | None = None) -> dict[str, dict]:
    """doc id -> corpus record of ``split``: the articles ``prepare`` writes (same order, deduplication and ids),
    without its answer matching or a planted paragraph; fast enough for a test (gold sets over the news)."""
    check_split(split)
    corpus = _Corpus()
    for _, _, results in _questions(data_root(data_dir), split):
        for r in results:
            corpus.add_result(r)
    return corpus.articles


def prepare(split: str, out_dir: str | Path, data_dir: str | Path | None = None,
            no_results: str = "unanswerable") -> dict:
    check_split(split)
    if no_results not in NO_RESULTS:
        raise ValueError(f"no_results must be one of {', '.join(NO_RESULTS)}; got {no_results!r}")
    root = data_root(data_dir)
    corpus = _Corpus()
    extra: list[dict] = []
    gold = []
    fallback = 0  # questions none of whose results contains the answer
    for week, q, results in _questions(root, split):
        answer = q["choices"][int(q["answer"][0])]
        paragraph = strip_html(q.get("evidence") or "")
        item = {"id": f"rtqa-{q['question_id']}", "kind": "factoid", "question": q["question_sentence"],
                "answer": answer, "aliases": [answer], "sources": [], "evidence": [],
                "choices": q["choices"], "question_date": _iso(q.get("question_date")),
                "question_source": q.get("question_source"), "week": week}
        found = list(dict.fromkeys(filter(None, (corpus.add_result(r) for r in results))))
        if found:
            with_answer = [d for d in found if corpus.contains(d, answer)]
            item["sources"] = with_answer or found
            fallback += not with_answer
            item["evidence"] = _evidence(corpus, with_answer, paragraph, answer)
        elif no_results == "evidence" and paragraph:  # README option 2: plant the gold paragraph
            doc_id = f"rtqa-evidence-{q['question_id']}"
            extra.append({"id": doc_id, "title": f"{q.get('question_source') or 'News'} quiz evidence",
                          "text": paragraph, "date": _iso(q.get("question_date")),
                          "source": q.get("question_source") or "RealTimeQA"})
            item["sources"], item["evidence"] = [doc_id], [paragraph]
        else:  # README option 1: "not in the corpus"
            item.update(kind="unanswerable", answer="", aliases=[], quiz_answer=answer)
        gold.append(item)
    unanswerable = sum(1 for g in gold if g["kind"] == "unanswerable")
    why = " (their gold paragraph is empty)" if no_results == "evidence" else ""
    notes = [f"{len(extra) + unanswerable} questions had no search results with text: {len(extra)} got their "
             f"gold evidence paragraph planted as an rtqa-evidence-* article; {unanswerable} are 'unanswerable' "
             f"items (expected answer: not in the corpus){why}",
             f"{fallback} questions: no result article contains the answer text, sources = all their results",
             f"{sum(1 for g in gold if g['kind'] == 'factoid' and not g['evidence'])} answerable questions "
             "have no evidence sentence containing the answer"]
    return write_outputs(out_dir, list(corpus.articles.values()) + extra, gold,
                         {"name": "realtimeqa", "split": split, "data_dir": str(root), "notes": notes,
                          "no_results": no_results})
