"""Which language-identification library tells English questions from others best?

    python -m qa.eval.lang_bench --out docs/lang/langid.md

Questions: every question of seeds/gold.jsonl (English, in-sample for the project but never
seen by these libraries) plus ``qa/eval/lang_questions.jsonl``: short English follow-ups
("Who won?") and Spanish, French, German, Russian and Korean questions written for this test.
A question counts as flagged when the candidate says it is not English.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def load_questions() -> list[tuple[str, str]]:
    gold = [("en", json.loads(line)["question"]) for line in (ROOT / "seeds" / "gold.jsonl").open(encoding="utf-8")
            if line.strip()]
    extra = [(r["lang"], r["text"]) for r in map(json.loads, (HERE / "lang_questions.jsonl").open(encoding="utf-8"))]
    return gold + extra


def candidates():
    def py3langid_top():
        import py3langid

        return lambda t: py3langid.classify(t)[0]

    def lingua(low: bool):
        from lingua import LanguageDetectorBuilder

        b = LanguageDetectorBuilder.from_all_languages()
        det = (b.with_low_accuracy_mode() if low else b).build()

        def top(t):
            lang = det.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang else "unknown"
        return top

    def ours():
        from qa.lang import detect

        return lambda t: detect(t).code

    return {"py3langid (top language)": py3langid_top, "lingua, all languages, high accuracy": lambda: lingua(False),
            "lingua, all languages, low accuracy": lambda: lingua(True), "qa.lang.detect (chosen rule)": ours}


def run(out: Path) -> str:
    qs = load_questions()
    n_en = sum(lang == "en" for lang, _ in qs)
    short_en = [(lang, t) for lang, t in qs if lang == "en" and len(t.split()) <= 4]
    rows = []
    skipped = []
    for name, make in candidates().items():
        t0 = time.perf_counter()
        try:
            top = make()
        except ImportError as exc:  # lingua is measured, not a dependency
            skipped.append(f"{name} (not installed: {exc.name})")
            continue
        top("warm up")
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        got = [(lang, t, top(t)) for lang, t in qs]
        per_q = (time.perf_counter() - t1) / len(qs) * 1000
        en_flagged = [t for lang, t, g in got if lang == "en" and g != "en"]
        missed = [t for lang, t, g in got if lang != "en" and g == "en"]
        short_flagged = [t for t in en_flagged if (("en", t) in short_en)]
        rows.append((name, len(en_flagged), len(short_flagged), len(missed), load, per_q, en_flagged, missed))
    lines = [
        "# Language identification for questions", "",
        f"Command: `python -m qa.eval.lang_bench --out {out}`  (load average: {os.getloadavg()[0]:.1f})", "",
        f"{len(qs)} questions: {n_en} English ({len(short_en)} of them 4 words or fewer), "
        f"{len(qs) - n_en} Spanish/French/German/Russian/Korean. Not a tune/report split: the gold questions are "
        "the project's in-sample set; the others were written for this check. The last row's threshold "
        "(qa.lang.LangConfig) was chosen on these same questions, so its row is in-sample; tests/test_lang.py "
        "checks the rule on other questions. lingua is measured, not a dependency: its rows need "
        "`pip install lingua-language-detector==2.1.1`.", "",
        "| candidate | English flagged | of which short | non-English missed | load s | ms/question |",
        "|---|---|---|---|---|---|",
    ]
    for name, ef, sf, mi, load, per_q, *_ in rows:
        lines.append(f"| {name} | {ef}/{n_en} | {sf}/{len(short_en)} | {mi}/{len(qs) - n_en} | {load:.2f} | {per_q:.2f} |")
    lines.append("")
    lines += [f"- skipped: {s}" for s in skipped]
    for name, *_, en_flagged, missed in rows:
        lines.append(f"- {name}: English flagged {en_flagged[:8]}; missed {missed[:8]}")
    text = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("docs/lang/langid.md"))
    print(run(ap.parse_args().out))


if __name__ == "__main__":
    main()
