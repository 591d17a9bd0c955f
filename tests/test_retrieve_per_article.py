"""Each handed article reaches the answer core with its best sentences (qa.retrieve.per_article_evidence)."""
from index.types import Chunk, Sentence
from qa.retrieve import Evidence, per_article_evidence


def _ev(doc: str, i: int, score: float) -> Evidence:
    s = Sentence(id=f"{doc}#0:s{i}", doc_id=doc, chunk_id=f"{doc}#0", index=i, start=0, end=10,
                 text=f"The Wirenet harbour report number {i}.")
    return Evidence(s, row=hash((doc, i)) % 10_000, score=score, dense=score, lexical=0.0, chunk_rank=0)


def _chunk(doc: str) -> Chunk:
    return Chunk(id=f"{doc}#0", doc_id=doc, index=0, title="t", source="s", start=0, end=10, text="x")


def test_an_outranked_handed_article_keeps_its_best_sentences():
    # the Oslo ledger fills every one of the k places; the Brandt article, also handed, would bring none
    ranked = [_ev("oslo", i, 0.9 - i * 0.01) for i in range(6)] + [_ev("brandt", i, 0.5 - i * 0.01) for i in range(4)]
    ranked += [_ev("unhanded", 0, 0.45)]
    extra = per_article_evidence(ranked, 4, [(_chunk("oslo"), 1.0), (_chunk("brandt"), 0.8)], 2)
    assert [(e.sentence.doc_id, e.sentence.index) for e in extra] == [("brandt", 0), ("brandt", 1)]
    # an article already among the k best with m sentences gets no more; 0 is off
    assert per_article_evidence(ranked, 4, [(_chunk("oslo"), 1.0)], 2) == []
    assert per_article_evidence(ranked, 4, [(_chunk("brandt"), 1.0)], 0) == []
