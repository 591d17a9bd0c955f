"""A build with other chunking keeps every stored sentence vector and only makes new chunks."""
from pathlib import Path

import numpy as np

from index.build import update_store
from index.store import Store, load_generation

STORIES = {
    "harbour": ("The harbour of Testport handled 4,321 ships last year, officials said. Most carried grain. "
                "A new crane arrived in March. It lifts 80 tonnes. Dock workers praised the faster loading. "
                "The port authority expects 5,000 ships next year. Critics warned of more traffic on the river."),
    "library": ("The county library lent 92,000 books in 2023. Its director said audiobooks grew fastest. "
                "Opening hours were extended on Thursdays. A reading club for teenagers met weekly. "
                "The budget rose by 3 percent."),
}


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for name, text in STORIES.items():
        (d / f"{name}.txt").write_text(f"{name.title()} news\n\n{text}\n", encoding="utf-8")
    return d


def test_rebuild_with_smaller_chunks_embeds_nothing_and_equals_a_fresh_build(tmp_path):
    corpus = _corpus(tmp_path)
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    first = update_store(kept, [corpus], mode="build", max_tokens=160, progress=False)
    assert first.embedded_texts > 0
    big = Store(kept).load()
    again = update_store(kept, [corpus], mode="build", max_tokens=24, progress=False)
    assert again.embedded_texts == 0 and again.regrouped == len(STORIES) and not again.added
    update_store(fresh, [corpus], mode="build", max_tokens=24, progress=False)
    small, ref = Store(kept).load(), Store(fresh).load()
    assert small.manifest["chunking"]["max_tokens"] == 24
    assert len(small.chunks) > len(big.chunks)
    assert [c.to_dict() for c in small.chunks] == [c.to_dict() for c in ref.chunks]
    assert [s.to_dict() for s in small.sentences] == [s.to_dict() for s in ref.sentences]
    np.testing.assert_array_equal(small.sentence_vectors, big.sentence_vectors)
    np.testing.assert_allclose(small.sentence_vectors, ref.sentence_vectors, atol=1e-5)
    np.testing.assert_allclose(load_generation(kept).chunk_vectors, load_generation(fresh).chunk_vectors, atol=1e-5)
    for c in small.chunks:
        assert small.articles[c.doc_id].text[c.start:c.end] == c.text


def test_rebuild_with_other_chunking_still_embeds_new_articles(tmp_path):
    corpus = _corpus(tmp_path)
    store = tmp_path / "store"
    update_store(store, [corpus], mode="build", max_tokens=160, progress=False)
    (corpus / "bakery.txt").write_text("Bakery news\n\nThe bakery sold 1,200 loaves on Saturday. Rye sold out first.\n",
                                       encoding="utf-8")
    r = update_store(store, [corpus], mode="build", max_tokens=24, progress=False)
    s = Store(store).load()
    assert r.added == ["bakery"] and r.regrouped == len(STORIES)
    assert r.embedded_texts == sum(x.doc_id == "bakery" for x in s.sentences) > 0  # only the new article's sentences
    assert {c.doc_id for c in s.chunks} == set(STORIES) | {"bakery"}
    assert len(s.sentences) == len(s.sentence_vectors)
