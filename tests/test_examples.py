"""A corpus's example questions and claims: read from its articles.toml, recorded in the store at
build time, and shown by the chat of that store only (a store without them shows neutral text)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.build import update_store
from index.errors import InputFileError
from index.examples import MAX_EXAMPLES, Example, ExampleKind, from_manifest, parse_examples
from index.loaders import load_paths
from index.store import read_manifest
from ui.examples import NEUTRAL, ChatExamples

# Words of the seed articles' topic: none may reach the page of a store built from another corpus.
SEED_WORDS = ("kursk", "korea", "troops", "ukrain", "russia", "seoul", "zelensk", "pyongyang")

ARTICLE = ("Harbour town council approved a new ferry terminal on Tuesday.\n\n"
           "The terminal will cost 12 million euros, the mayor said. Work starts in spring.\n")
EXAMPLES_TOML = """
[examples]
ask = ["How much will the ferry terminal cost?"]
check = ["The ferry terminal will cost 20 million euros"]
"""


def _corpus(root: Path, toml: str | None) -> Path:
    folder = root / "corpus"
    folder.mkdir(parents=True)
    (folder / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    if toml is not None:
        (folder / "articles.toml").write_text(toml, encoding="utf-8")
    return folder


def test_parse_examples_keeps_kinds_order_and_drops_repeats():
    got = parse_examples({"ask": ["Who won?", "  Who   won? "], "check": ["It rained"]}, "x.toml")
    assert got == (Example(ExampleKind.ASK, "Who won?"), Example(ExampleKind.CHECK, "It rained"))
    assert len(parse_examples({"ask": [f"Question {i}?" for i in range(20)]}, "x.toml")) == MAX_EXAMPLES


@pytest.mark.parametrize("table, says", [
    ({"ask": "Who won?"}, "list of strings"), ({"ask": [1]}, "list of strings"),
    ({"questions": ["Who won?"]}, "unknown key"), (["Who won?"], "must be a table"),
    ({"check": ["x" * 400]}, "at most"),
])
def test_a_malformed_examples_table_is_a_one_line_error_naming_the_file(table, says):
    with pytest.raises(InputFileError, match=says) as err:
        parse_examples(table, "corpus/articles.toml")
    assert str(err.value).startswith("corpus/articles.toml: ") and "\n" not in str(err.value)


def test_a_folder_load_reads_the_examples_of_its_manifest(tmp_path):
    loaded = load_paths([_corpus(tmp_path, EXAMPLES_TOML)])
    assert [(e.kind, e.text) for e in loaded.examples] == [
        (ExampleKind.ASK, "How much will the ferry terminal cost?"),
        (ExampleKind.CHECK, "The ferry terminal will cost 20 million euros")]
    assert len(loaded.articles) == 1 and not loaded.errors


def test_the_store_records_its_corpus_examples_and_the_chat_shows_them(tmp_path):
    store = tmp_path / "store"
    update_store(store, [_corpus(tmp_path, EXAMPLES_TOML)], mode="build", progress=False)
    ex = ChatExamples.of_store(store)
    assert [c["display_text"] for c in ex.chips()] == [
        "How much will the ferry terminal cost?", "Check: The ferry terminal will cost 20 million euros"]
    assert ex.placeholder("ask").endswith("How much will the ferry terminal cost?")
    assert ex.placeholder("check").endswith("The ferry terminal will cost 20 million euros")
    assert ex.pick(1) == ("check", "The ferry terminal will cost 20 million euros")
    assert ex.pick(7) == ("ask", "")


def test_a_store_without_examples_shows_neutral_text(tmp_path):
    store = tmp_path / "store"
    update_store(store, [_corpus(tmp_path, None)], mode="build", progress=False)
    ex = ChatExamples.of_store(store)
    assert ex.chips() is None
    assert ex.placeholder("ask") == NEUTRAL[ExampleKind.ASK]
    assert ex.placeholder("check") == NEUTRAL[ExampleKind.CHECK]
    assert ChatExamples.of_store(tmp_path / "no-store-here").chips() is None


def test_editing_only_the_examples_rebuilds_add_appends_and_an_emptied_store_drops_them(tmp_path):
    store = tmp_path / "store"
    corpus = _corpus(tmp_path, EXAMPLES_TOML)
    update_store(store, [corpus], mode="build", progress=False)
    (corpus / "articles.toml").write_text('[examples]\nask = ["When does the work start?"]\n', encoding="utf-8")
    report = update_store(store, [corpus], mode="build", progress=False)
    assert report.unchanged == ["ferry"] and report.embedded_texts == 0
    assert [e.text for e in from_manifest(read_manifest(store))] == ["When does the work start?"]
    other = tmp_path / "other"
    other.mkdir()
    (other / "bridge.txt").write_text("The old bridge reopened after repairs lasting two years.\n", encoding="utf-8")
    (other / "articles.toml").write_text('[examples]\ncheck = ["The bridge reopened"]\n', encoding="utf-8")
    update_store(store, [other], mode="add", progress=False)
    assert [e.text for e in from_manifest(read_manifest(store))] == ["When does the work start?", "The bridge reopened"]
    update_store(store, None, mode="remove", remove_ids=["ferry", "bridge"], progress=False)
    assert from_manifest(read_manifest(store)) == ()


def test_the_page_of_a_store_without_examples_names_no_seed_topic(tmp_path, monkeypatch):
    """The whole page config (chips, placeholders, texts) of the app over another corpus: no seed words."""
    from ui import app

    monkeypatch.setattr(app.Backend, "start", lambda self: self)  # no models: only the page is looked at
    plain = tmp_path / "plain"
    update_store(plain / "store", [_corpus(plain, None)], mode="build", progress=False)
    page = json.dumps(app.build_app(plain / "store").config, default=str).lower()
    assert not [w for w in SEED_WORDS if w in page]
    assert NEUTRAL[ExampleKind.ASK].lower() in page

    with_examples = tmp_path / "with"
    update_store(with_examples / "store", [_corpus(with_examples, EXAMPLES_TOML)], mode="build", progress=False)
    page = json.dumps(app.build_app(with_examples / "store").config, default=str)
    assert "How much will the ferry terminal cost?" in page and "Check: The ferry terminal will cost" in page


def test_the_seed_corpus_brings_its_own_examples(seed_store):
    ex = ChatExamples.of_store(seed_store)
    assert {e.kind for e in ex.items} == {ExampleKind.ASK, ExampleKind.CHECK}


def test_a_milvus_store_carries_the_examples_too(milvus_seed_store, seed_store):
    assert ChatExamples.of_store(milvus_seed_store).items == ChatExamples.of_store(seed_store).items != ()
