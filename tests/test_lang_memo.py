"""qa.lang's unpacked identifier (memory-mapped tables in factqa's cache) ranks exactly as py3langid's."""
import numpy as np

from qa import lang

TEXTS = ["How many ferries crossed the strait last winter?", "¿Cuántos barcos cruzaron el estrecho?",
         "Wie viele Fähren fuhren im Winter?", "Сколько паромов пересекли пролив?", "Who won?", "",
         "Le conseil municipal a voté le budget mardi soir."]


def test_memo_is_written_then_read_and_ranks_like_py3langid(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("FACTQA_CACHE", str(tmp_path))
    lang._identifier.cache_clear()
    try:
        built = lang._identifier()  # no memo yet: unpacked from the package, memo written
        memos = list((tmp_path / "langid").iterdir())
        assert len(memos) == 1 and {p.name for p in memos[0].iterdir()} == {"nb_ptc.npy", "tk_nextmove.npy", "small.pickle"}
        lang._identifier.cache_clear()
        read = lang._identifier()  # read back from the memo
        assert isinstance(read.nb_ptc, np.memmap) and isinstance(read.tk_nextmove, np.memmap)
        ref = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        for text in TEXTS:
            assert read.rank(text) == ref.rank(text) == built.rank(text)
    finally:
        lang._identifier.cache_clear()
