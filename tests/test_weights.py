"""qa.weights.read_once: committed weights parsed once per path; a missing file is None, not an error."""
import json

from qa.weights import read_once


def test_a_missing_weights_file_is_none(tmp_path):
    assert read_once(tmp_path / "absent.json") is None


def test_a_weights_file_is_parsed_once(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"classes": ["a", "b"], "coef": [[1.0]]}), encoding="utf-8")
    first = read_once(path)
    path.write_text(json.dumps({"classes": ["changed"]}), encoding="utf-8")
    assert first == {"classes": ["a", "b"], "coef": [[1.0]]}
    assert read_once(path) is first  # the same dict for every later caller


def test_the_shipped_models_load():
    from qa import rank, verdict_model

    assert verdict_model.default_model() is verdict_model.default_model() is not None
    assert rank.default_model() is not None
