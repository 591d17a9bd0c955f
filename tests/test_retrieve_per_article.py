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


def test_pooled_z_does_not_grow_with_unrelated_articles():
    import numpy as np

    from qa.retrieve import pooled_z, standardised

    few = np.array([6.0, 4.0, 3.0])
    assert np.allclose(pooled_z(few, 5), standardised(few))  # a store no larger than the pool: unchanged
    many = np.concatenate([few, np.zeros(500)])  # the same three matching articles among 500 unrelated ones
    gap_all = standardised(many)[0] - standardised(many)[1]
    gap_pool = pooled_z(many, 5)[0] - pooled_z(many, 5)[1]
    assert gap_all > 5 * gap_pool > 0  # over all articles the gap between the two matches is magnified
