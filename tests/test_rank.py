"""qa.rank / qa.rank_features: the learned evidence ranker (invented text only; spaCy parses the frames)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from index.lexical import tokenize
from index.types import Sentence
from qa.config import RANK, RankConfig
from qa.parse import FrameCache, question_frame
from qa.rank import WEIGHTS, RankModel, default_model, order, rerank
from qa.rank_features import FEATURES, candidate_features
from qa.reader import Reader
from qa.retrieve import Evidence


class _Store:
    """The parts of index.store.Store the ranker reads: sentences, an article's rows, BM25 terms."""

    def __init__(self, docs: dict[str, list[str]], captions: frozenset[str] = frozenset()) -> None:
        self.sentences, self._rows = [], {}
        for doc, texts in docs.items():
            for k, t in enumerate(texts):
                self._rows.setdefault(doc, []).append(len(self.sentences))
                self.sentences.append(Sentence(id=f"{doc}:s{k}", doc_id=doc, chunk_id=f"{doc}#0", index=k, start=0,
                                               end=len(t), text=t, caption=t in captions))
        self.articles = {}

    def sentences_of(self, doc_id: str) -> list[int]:
        return self._rows[doc_id]

    def sentence_terms(self, row: int) -> frozenset[str]:
        return frozenset(tokenize(self.sentences[row].text))


QUESTION = "Who designed the new footbridge over the Marrow river in Castelby?"
ECHO = "A new footbridge over the Marrow river in Castelby has been designed."
ANSWER = "The engineer Helena Voss drew the plans for the crossing, the council said on Monday."
OTHER = "Is the footbridge over the Marrow river worth it?"
DOCS = {"a": [ECHO, "Work starts in the spring."], "b": ["Residents had asked for a crossing for years.", ANSWER],
        "c": [OTHER]}


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(_Store(DOCS), FrameCache())


def _evidence(reader: Reader, texts: list[str], scores: list[float]) -> list[Evidence]:
    rows = {s.text: i for i, s in enumerate(reader.store.sentences)}
    return [Evidence(reader.store.sentences[rows[t]], rows[t], sc, sc, 0.5, 0) for t, sc in zip(texts, scores)]


def _model(**weights: float) -> RankModel:
    coef = np.array([weights.get(f, 0.0) for f in FEATURES])
    return RankModel(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef, 0.0)


def test_features_read_the_answer_type_the_echo_and_the_form(reader):
    qf = question_frame(QUESTION)
    ev = _evidence(reader, [ECHO, ANSWER, OTHER], [0.7, 0.5, 0.45])
    x = candidate_features(qf, QUESTION, ev, reader)
    assert x.shape == (3, len(FEATURES))
    col = {f: i for i, f in enumerate(FEATURES)}
    echo, answer, other = x
    assert answer[col["typed_span"]] == 1.0 and echo[col["typed_none"]] == 1.0  # a PERSON for "who"
    assert echo[col["echo"]] == 1.0 and answer[col["echo"]] == 0.0
    assert answer[col["new_terms"]] > echo[col["new_terms"]]
    assert answer[col["speaker"]] == 1.0  # "the council said"
    assert other[col["question_mark"]] == 1.0 and answer[col["question_mark"]] == 0.0
    assert echo[col["prior_rank"]] == 0.0 < answer[col["prior_rank"]] < other[col["prior_rank"]]
    assert answer[col["position"]] > echo[col["position"]]  # second sentence of its article
    assert echo[col["dense_gap"]] == 0.0 and answer[col["dense_gap"]] < 0.0
    assert abs(x[:, col["dense_z"]].mean()) < 1e-9  # standardised within the question
    assert 0.0 < echo[col["terms_context"]] <= 1.0 and echo[col["terms_context"]] >= answer[col["terms_context"]]
    assert not x[:, col["date_rank"]].any()  # not a question about now


def test_ranker_puts_the_answering_sentence_above_the_echo(reader):
    qf = question_frame(QUESTION)
    ev = _evidence(reader, [ECHO, ANSWER, OTHER], [0.7, 0.5, 0.45])
    out = rerank(qf, QUESTION, ev, reader, 0.3, cfg=RankConfig(enabled=True, keep_first=0.0),
                 model=_model(typed_span=1.0, echo=-1.0))
    assert [e.sentence.text for e in out][:2] == [ANSWER, ECHO]
    # the relevant scores are kept, in the new order: what reads Evidence.score sees the ranker's order
    assert [e.score for e in out] == [0.7, 0.5, 0.45]
    assert out[0].dense == 0.5  # its own similarity is unchanged


def test_shipped_model_rewards_a_typed_answer_and_penalises_an_echo():
    model = default_model()
    assert model is not None
    coef = dict(zip(model.features, model.coef))
    assert coef["typed_span"] > 0 > coef["typed_none"]
    assert coef["echo"] < 0


def test_switch_off_or_nothing_relevant_keeps_the_old_order(reader):
    qf = question_frame(QUESTION)
    ev = _evidence(reader, [ECHO, ANSWER, OTHER], [0.7, 0.5, 0.45])
    model = _model(typed_span=1.0, echo=-1.0)
    assert rerank(qf, QUESTION, ev, reader, 0.3, cfg=RankConfig(enabled=False), model=model) is ev
    # below min_score nothing is re-ordered (the relevant set and order are retrieval's)
    on = RankConfig(enabled=True, keep_first=0.0)
    assert rerank(qf, QUESTION, ev, reader, 0.6, cfg=on, model=model) is ev
    # a large keep_first leaves the incoming best first
    kept = rerank(qf, QUESTION, ev, reader, 0.3, cfg=RankConfig(enabled=True, keep_first=10.0), model=model)
    assert kept[0].sentence.text == ECHO


def test_order_keeps_ties_in_incoming_order():
    assert order(np.array([0.0, 1.0, 1.0, -2.0])) == [1, 2, 0, 3]


def test_weights_file_loads_and_matches_the_training_schema():
    from qa.eval.train_rank import fit

    d = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    model = RankModel.from_dict(d)
    assert model.features == FEATURES and model.coef.shape == (len(FEATURES),)
    # the weights were fitted and cross-validated under RankConfig's keep_first and order_prior
    assert d["keep_first"] == RANK.keep_first and d["order_prior"] == RANK.order_prior
    assert d["mode"] in ("pointwise", "pairwise") and d["C"] in d["C_grid"]
    rng = np.random.default_rng(0)
    qs = [{"x": rng.normal(size=(5, len(FEATURES))), "y": np.array([True, False, False, False, False])}
          for _ in range(6)]
    trained = fit({"one": qs[:3], "two": qs[3:]}, ["one", "two"], 0.1)
    assert set(trained) <= set(d) and trained["features"] == d["features"]
    RankModel.from_dict(trained)


def test_weights_fitted_on_other_features_are_refused():
    d = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="retrain"):
        RankModel.from_dict({**d, "features": d["features"][:-1]})


def test_rank_config_rejects_an_empty_head():
    with pytest.raises(ValueError, match="top_n"):
        RankConfig(top_n=0)


def test_other_part_reads_the_terms_the_first_candidate_leaves_out(reader):
    question = "Who designed the footbridge over the Marrow river, and who asked for a crossing?"
    residents = "Residents had asked for a crossing for years."
    qf = question_frame(question)
    ev = _evidence(reader, [ECHO, residents, ANSWER, OTHER], [0.7, 0.6, 0.5, 0.45])
    col = FEATURES.index("other_part")
    x = candidate_features(qf, question, ev, reader)
    assert x[0, col] == 0.0  # the first candidate is what the others complete
    assert x[1, col] == 1.0  # "asked" and "crossing", both left out by the first
    assert 0.0 < x[2, col] < 1.0  # "crossing" only
    assert x[3, col] == 0.0


def test_figure_and_cloze_questions_keep_the_hand_order(reader):
    on = RankConfig(enabled=True, keep_first=0.0, order_prior=0.0)
    model = _model(typed_span=1.0, echo=-1.0, prior_rank=5.0)  # would reverse any order
    ev = _evidence(reader, [ECHO, ANSWER, OTHER], [0.7, 0.5, 0.45])
    figure = "How many residents asked for the footbridge over the Marrow river?"
    assert question_frame(figure).is_figure
    assert rerank(question_frame(figure), figure, ev, reader, 0.3, cfg=on, model=model) is ev
    # a fill-in-the-blank question whose first candidate continues its last words (retrieval's cloze bonus)
    cloze = "The footbridge over the Marrow river in Castelby has been:"
    assert rerank(question_frame(cloze), cloze, ev, reader, 0.3, cfg=on, model=model) is ev
    # the same words asked as a question are re-ordered
    plain = "Has the footbridge over the Marrow river in Castelby been designed?"
    assert rerank(question_frame(plain), plain, ev, reader, 0.3, cfg=on, model=model) is not ev


def test_order_prior_holds_the_incoming_order_below_the_first():
    model = _model()
    x = np.zeros((4, len(FEATURES)))
    assert list(model.logits(x, 0.0, 0.0)) == [0.0] * 4
    z = model.logits(x, 0.0, 2.0)
    assert z[0] == 0.0 and all(np.diff(z) < 0)  # the later, the lower
    assert order(model.logits(x + 0.0, 0.0, 2.0)) == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        RankConfig(order_prior=-1.0)


def test_rank_sets_every_seed_tune_set_once():
    from qa.eval.train_rank import ALL_SEED_SETS, SEED_SETS

    assert ALL_SEED_SETS[: len(SEED_SETS)] == SEED_SETS and "gold_v11" in ALL_SEED_SETS
    assert len(set(ALL_SEED_SETS)) == len(ALL_SEED_SETS)
