"""qa.eval.scale_corpus: merging benchmark corpora (repeats skipped), counting chunks without
embedding, and the mixed question sample. Hand-written rows, not from the seeds."""
import json

from qa.eval.scale_corpus import count_units, merge_corpora, mixed_gold


def write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def row(aid, text):
    return {"id": aid, "title": aid, "text": text}


TIDE = "The harbour flooded at high tide. Shops on the quay closed for two days."
FROST = "A late frost damaged the vineyards. Growers expect a smaller harvest."
VOTE = "The council vote was delayed to June. Two members were absent."


def make(work):
    write(work / "alpha-tune" / "corpus.jsonl", [row("alpha-1", TIDE), row("alpha-2", FROST)])
    write(work / "alpha-report" / "corpus.jsonl", [row("alpha-1", TIDE)])  # same id again
    write(work / "beta-tune" / "corpus.jsonl", [row("beta-1", FROST)])  # same text, other id
    write(work / "beta-report" / "corpus.jsonl", [row("beta-2", VOTE)])
    write(work / "alpha-report" / "gold.jsonl",
          [{"question": "When did the harbour flood?", "sources": ["alpha-1"]}, {"question": "no sources"}])
    write(work / "beta-report" / "gold.jsonl",
          [{"question": "Who grows grapes?", "sources": ["beta-1"]},  # dropped as a repeat: not findable
           {"question": "When is the vote?", "sources": ["beta-2"]}])


def test_merge_skips_repeated_ids_and_texts(tmp_path):
    make(tmp_path)
    per = merge_corpora(tmp_path, ("alpha", "beta"))
    assert per == {"alpha": {"articles": 2, "skipped_repeats": 1}, "beta": {"articles": 1, "skipped_repeats": 1}}
    ids = [json.loads(x)["id"] for x in (tmp_path / "corpus.jsonl").read_text().splitlines()]
    assert ids == ["alpha-1", "alpha-2", "beta-2"]


def test_units_are_counted_with_the_build_chunker(tmp_path):
    make(tmp_path)
    merge_corpora(tmp_path, ("alpha", "beta"))
    c = count_units(tmp_path / "corpus.jsonl", model="hash-32")
    # the loader puts the title first (its own sentence): 3 sentences per article
    assert (c["articles"], c["chunks"], c["sentences"]) == (3, 3, 9)
    assert c["by_id_prefix"]["alpha"] == {"articles": 2, "chunks": 2, "sentences": 6}


def test_mixed_gold_keeps_findable_items_with_sources(tmp_path):
    make(tmp_path)
    merge_corpora(tmp_path, ("alpha", "beta"))
    assert mixed_gold(tmp_path, ("alpha", "beta"), per=5)["per_benchmark"] == {"alpha": 1, "beta": 1}
    qs = [json.loads(x)["question"] for x in (tmp_path / "gold-mixed.jsonl").read_text().splitlines()]
    assert qs == ["When did the harbour flood?", "When is the vote?"]
