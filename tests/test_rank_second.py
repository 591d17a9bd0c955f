"""qa.rank_second: a second sentence model's columns for the ranker (hash embedder: no model load)."""
from types import SimpleNamespace

import numpy as np
import pytest

from qa import rank_second
from qa.rank import RankModel
from qa.rank_features import FEATURES
from qa.rank_second import SECOND_FEATURES, columns_from_cosines, second_columns, sentence_vectors


def _store(texts, path="/tmp/none-store", gen="g1"):
    return SimpleNamespace(path=path, generation=gen, sentences=[SimpleNamespace(text=t) for t in texts])


def test_columns_standardise_within_the_question_and_give_the_gap():
    cols = columns_from_cosines(np.array([0.2, 0.6, 0.4]))
    assert cols.shape == (3, len(SECOND_FEATURES))
    assert np.argmax(cols[:, 0]) == 1 and cols[1, 1] == 0.0
    assert np.allclose(cols[:, 1], [-0.4, 0.0, -0.2])
    assert columns_from_cosines(np.array([])).shape == (0, len(SECOND_FEATURES))


def test_second_columns_prefer_the_sentence_that_shares_the_question_words():
    store = _store(["Wirenet opened a depot in Oslo.", "Ledger shares fell on Monday."])
    ev = [SimpleNamespace(row=1), SimpleNamespace(row=0)]
    cols = second_columns("Where did Wirenet open a depot?", ev, store, "hash-64", "onnx")
    assert cols[1, 1] == 0.0 and cols[0, 1] < 0  # the Wirenet sentence (second candidate) is the closest


def test_sentence_vectors_are_cached_per_generation(monkeypatch):
    calls = []
    real = rank_second._embedder

    def counting(model, runtime):
        e = real(model, runtime)
        return SimpleNamespace(encode=lambda texts: (calls.append(list(texts)), e.encode(texts))[1])

    monkeypatch.setattr(rank_second, "_embedder", counting)
    rank_second._cache.clear()
    store = _store(["Brandt resigned.", "Oslo voted."])
    a = sentence_vectors(store, [0, 1], "hash-64", "onnx")
    b = sentence_vectors(store, [1, 0], "hash-64", "onnx")
    assert calls == [["Brandt resigned.", "Oslo voted."]]
    assert np.allclose(a[0], b[1])
    sentence_vectors(_store(["Brandt resigned.", "Oslo voted."], gen="g2"), [0], "hash-64", "onnx")
    assert len(calls) == 2  # a new generation is embedded again


def test_rank_model_reads_second_features_and_rejects_others():
    n = len(FEATURES) + len(SECOND_FEATURES)
    d = {"features": list(FEATURES + SECOND_FEATURES), "mean": [0.0] * n, "scale": [1.0] * n, "coef": [0.0] * n,
         "intercept": 0.0}
    assert RankModel.from_dict(d).second
    d1 = {**d, "features": list(FEATURES), "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES),
          "coef": [0.0] * len(FEATURES)}
    assert not RankModel.from_dict(d1).second
    with pytest.raises(ValueError):
        RankModel.from_dict({**d, "features": list(FEATURES) + ["other"]})


def test_unknown_second_model_is_refused():
    from qa.rank import default_model

    with pytest.raises(ValueError):
        default_model("nosuchmodel")


def test_fit_names_the_second_features_when_their_columns_are_there():
    from qa.eval.train_rank import fit

    rng = np.random.default_rng(1)
    n = len(FEATURES) + len(SECOND_FEATURES)
    qs = [{"x": rng.normal(size=(4, n)), "y": np.array([True, False, False, False])} for _ in range(6)]
    trained = fit({"one": qs[:3], "two": qs[3:]}, ["one", "two"], 0.1)
    assert trained["features"] == list(FEATURES + SECOND_FEATURES)
    assert RankModel.from_dict(trained).second


def test_rerank_with_a_second_model_reads_its_columns(monkeypatch):
    """A model whose only weight is on the second model's gap puts the candidate that model prefers first."""
    import qa.rank as R
    from qa.config import RANK

    n = len(FEATURES) + len(SECOND_FEATURES)
    coef = [0.0] * n
    coef[-1] = 5.0  # second_gap
    model = RankModel(tuple(FEATURES + SECOND_FEATURES), np.zeros(n), np.ones(n), np.array(coef), 0.0)
    ev = [SimpleNamespace(row=i, score=0.9 - 0.1 * i, sentence=SimpleNamespace(text=f"s{i}")) for i in range(3)]
    monkeypatch.setattr(R, "candidate_features", lambda *a, **k: np.zeros((len(a[2]), len(FEATURES))))
    monkeypatch.setattr(R, "continues_cloze", lambda *a, **k: False)
    seen = {}

    def fake_second(question, head, store, model_name, runtime):
        seen["model"] = model_name
        return columns_from_cosines(np.array([0.1, 0.2, 0.9])[: len(head)])

    monkeypatch.setattr(R, "second_columns", fake_second)
    monkeypatch.setattr(R, "replace", lambda e, score: SimpleNamespace(**{**vars(e), "score": score}))
    from dataclasses import replace

    cfg = replace(RANK, enabled=True, second_model="mpnet", keep_first=0.0, order_prior=0.0)
    out = R.rerank(SimpleNamespace(is_figure=False), "q", ev, SimpleNamespace(store=None), 0.1, cfg=cfg, model=model)
    assert seen["model"] == "mpnet" and out[0].row == 2


def test_the_mpnet_weights_file_reads_the_second_features_under_the_shipped_prior():
    import json

    from qa.config import RANK
    from qa.rank import SECOND_WEIGHTS

    d = json.loads(SECOND_WEIGHTS["mpnet"].read_text(encoding="utf-8"))
    assert RankModel.from_dict(d).second
    assert d["keep_first"] == RANK.keep_first and d["order_prior"] == RANK.order_prior
    assert RANK.second_model == ""  # off: measured held out, not the default (docs/eval/s18-mpnet.md)
