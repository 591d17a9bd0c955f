"""Loading article files: decoding, and .jsonl files with malformed lines."""
from index.loaders import decode_bytes, load_file, load_paths

CURLY = "The mayor said \u201cwe will rebuild\u201d \u2014 and 1,200 homes were lost."


def test_one_bad_byte_is_replaced_and_counted():
    head = ("Storm report\n\n" + CURLY + " ").encode("utf-8")
    text, warn = decode_bytes(head + b"\x9d" + b" More text.", "f.txt")
    assert CURLY in text and "\ufffd More text." in text
    assert warn == (f"f.txt: 1 invalid UTF-8 byte(s) replaced with U+FFFD (first at byte {len(head)}); "
                    "the rest of the file was read as UTF-8")


def test_each_invalid_byte_is_counted():
    text, warn = decode_bytes(CURLY.encode("utf-8") + b"\xff tail \xe2\x80", "g.txt")
    assert text == CURLY + "\ufffd tail \ufffd\ufffd" and warn.startswith("g.txt: 3 invalid UTF-8 byte(s)")


def test_more_invalid_bytes_than_valid_characters_means_a_legacy_encoding():
    _, warn = decode_bytes(CURLY.encode("utf-8") + b"\xff\xfe tail \xe2\x80", "g.txt")
    assert warn == "g.txt: not UTF-8 (4 invalid byte(s), 3 valid multi-byte character(s)); decoded as cp1252"


def test_legacy_single_byte_file_is_decoded_as_cp1252():
    text, warn = decode_bytes("Caf\u00e9 \u201cno\u00ebl\u201d in Lille".encode("cp1252"), "h.txt")
    assert text == "Caf\u00e9 \u201cno\u00ebl\u201d in Lille" and "decoded as cp1252" in warn


def test_valid_utf8_and_bom_have_no_warning():
    assert decode_bytes(b"\xef\xbb\xbf" + CURLY.encode("utf-8"), "i.txt") == (CURLY, None)


def test_jsonl_errors_name_each_bad_line(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text('{"id": "a1", "text": "Alpha town opened a library on Monday."}\n'
                 '{"id": "a2", "text": \n'
                 '{"id": "a3", "text": "Beta town closed two schools on Friday."}\n'
                 '{"id": "a4"}\n', encoding="utf-8")
    r = load_file(f)
    assert [a.id for a in r.articles] == ["a1", "a3"]
    assert [e.split(": ")[0] for e in r.errors] == [f"{f}:2", f"{f}:4"]


def test_folder_load_skips_gold_files_kept_next_to_the_articles(tmp_path):
    (tmp_path / "story.txt").write_text("Alpha town opened a library on Monday.\n", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"id": "b1", "text": "Beta town closed two schools on Friday."}\n',
                                         encoding="utf-8")
    question = '{"id": "q1", "kind": "factoid", "question": "When did the library open?"}\n'
    for name in ("gold.jsonl", "gold_v3.jsonl", "gold-extra.jsonl", "town.gold.jsonl"):
        (tmp_path / name).write_text(question, encoding="utf-8")
    r = load_paths([tmp_path])
    assert r.errors == []
    assert sorted(a.id for a in r.articles) == ["b1", "story"]
