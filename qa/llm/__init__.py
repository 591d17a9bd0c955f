"""Optional LLM layer: fluent cited answers and claim stances, verified against the evidence.

The extractive engine chooses the evidence; an LLM (``FACTQA_LLM``, see ``qa.llm.backends``)
rewrites it as 1-4 fluent sentences with [n] markers, and ``qa.llm.verify`` keeps only what the
cited evidence bears out. Without a backend (the default) nothing here runs and factqa answers
exactly as the extractive engine does. Importing this package loads no model.

For ``qa.engine``::

    backend = get_backend(None)                  # None: off or not installed
    if backend is not None and answer.mode == "ask":
        texts = {c.n: c.quote for c in answer.citations}
        answer = enhance_answer(answer, texts, backend, embedder.encode)
"""
from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Iterator

from qa.llm.backends import Backend, LLMError, ModelIntegrityError, get_backend
from qa.llm.verify import EmbedFn, VerifiedSentence, looks_like_instruction, verify
from qa.llm.writer import MAX_SENTENCES, complete_sentences, split_sentences, stream_answer, write_answer
from qa.types import Answer

__all__ = ["Backend", "LLMError", "ModelIntegrityError", "VerifiedSentence", "enhance_answer", "get_backend",
           "iter_enhanced_answer", "verify", "write_answer", "stream_answer"]

log = logging.getLogger(__name__)

_MARK = re.compile(r"\[(\d+)\]")


def _enhanceable(answer: Answer, evidence_texts: dict[int, str]) -> bool:
    return answer.mode == "ask" and answer.answerable and bool(evidence_texts)


def enhance_answer(answer: Answer, evidence_texts: dict[int, str], backend: Backend | None,
                   embed_fn: EmbedFn) -> Answer:
    """A new ``Answer`` whose text is the LLM's verified rewrite of the cited evidence.

    ``evidence_texts`` maps citation numbers of ``answer`` to the sentences the model may use
    (normally ``{c.n: c.quote for c in answer.citations}``). Sentences that fail verification are
    re-cited, replaced by the closest evidence sentence verbatim, or dropped (``qa.llm.verify``);
    citations are renumbered in order of first use and unused ones removed, except those the
    figures cite (kept, after the used ones, with the figures' numbers remapped). Figures,
    speakers, hedges, the short answer and verdicts are the extractive engine's and never change.
    Check-mode and unanswerable answers come back as they are, and so does the answer when the
    backend fails before writing anything (logged) or no sentence survives. A model file that fails
    its sha256 check raises ``ModelIntegrityError``: that needs fixing, not hiding."""
    final = answer
    for final in iter_enhanced_answer(answer, evidence_texts, backend, embed_fn, stream=False):
        pass
    return final


def iter_enhanced_answer(answer: Answer, evidence_texts: dict[int, str], backend: Backend | None,
                         embed_fn: EmbedFn, *, stream: bool = True) -> Iterator[Answer]:
    """Like ``enhance_answer``, but yields a growing ``Answer`` as each sentence is written and
    verified (for a streaming UI); the last one yielded is the final answer. Yields ``answer``
    itself once when there is nothing to enhance."""
    if backend is None or not _enhanceable(answer, evidence_texts):
        yield answer
        return
    t0 = time.perf_counter()
    question = answer.query or answer.question
    evidence = [(n, t) for n, t in sorted(evidence_texts.items()) if not looks_like_instruction(t)]
    if not evidence:  # nothing but orders to the model: not worth a rewrite
        yield answer
        return
    kept: list[VerifiedSentence] = []
    produced = False
    try:
        for sentence in _sentences(question, evidence, backend, stream):
            v = verify([sentence], evidence_texts, embed_fn, question=question)[0]
            if not v.ok:
                log.info("LLM sentence %s: %r", v.reason, v.text)
            kept.append(v)
            new = assemble(answer, kept, time.perf_counter() - t0)
            if new is not None:
                produced = True
                yield new
    except LLMError as exc:
        if isinstance(exc, ModelIntegrityError):
            raise
        log.warning("the LLM failed, answering extractively: %s", exc)
        if not produced:
            yield answer
        return
    if not produced:
        yield answer


def _sentences(question: str, evidence: list[tuple[int, str]], backend: Backend, stream: bool) -> Iterator[str]:
    if not stream:
        yield from write_answer(question, evidence, backend)
        return
    buffer, count = "", 0
    for piece in stream_answer(question, evidence, backend):
        buffer += piece
        done, buffer = complete_sentences(buffer)
        for s in done:
            if count < MAX_SENTENCES:
                count += 1
                yield s
    for s in split_sentences(buffer):
        if count < MAX_SENTENCES:
            count += 1
            yield s


def assemble(answer: Answer, verified: list[VerifiedSentence], llm_seconds: float = 0.0) -> Answer | None:
    """The answer with the verified sentences as its text, citations renumbered; None if none survived."""
    texts: list[str] = []
    for v in verified:
        t = v.final
        if t and t not in texts:
            texts.append(t)
    if not texts:
        return None
    text = " ".join(texts)
    order = list(dict.fromkeys(int(n) for n in _MARK.findall(text)))
    by_n = {c.n: c for c in answer.citations}
    order = [n for n in order if n in by_n]
    order += [f.citation for f in answer.figures if f.citation in by_n and f.citation not in order]
    order = list(dict.fromkeys(order))
    new_n = {old: i for i, old in enumerate(order, 1)}
    text = _MARK.sub(lambda m: f"[{new_n[int(m.group(1))]}]" if int(m.group(1)) in new_n else "", text)
    citations = tuple(dataclasses.replace(by_n[old], n=new_n[old]) for old in order)
    figures = tuple(dataclasses.replace(f, citation=new_n[f.citation]) for f in answer.figures if f.citation in new_n)
    timings = dict(answer.timings_ms)
    timings["llm"] = round(llm_seconds * 1000, 2)
    timings["total"] = round(timings.get("total", 0.0) + timings["llm"], 2)
    return dataclasses.replace(answer, answer=" ".join(text.split()), citations=citations, figures=figures,
                               timings_ms=timings)
