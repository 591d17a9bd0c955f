"""qa.lang: questions in other languages are refused, short English questions are not.

None of these questions is in the measurement set (qa/eval/lang_questions.jsonl) that chose the threshold."""
import pytest

from qa.errors import BadQuestionError
from qa.lang import LangConfig, detect, is_english


@pytest.mark.parametrize("text", [
    "Who won?", "How many?", "Who said it?", "What changed?", "Is that confirmed?", "How many were hurt?",
    "Why did the bank raise rates?", "Tesla Q3 deliveries Musk", "Did Ottawa approve the pipeline?",
])
def test_english_questions_are_english(text):
    assert is_english(text), detect(text)


@pytest.mark.parametrize("text", [
    "¿Cuántas casas destruyó el huracán?",
    "¿Quién es el nuevo alcalde de la ciudad?",
    "¿Qué empresa compró el puerto?",
    "Combien de maisons l'ouragan a-t-il détruites ?",
    "Wie viele Häuser hat der Sturm zerstört?",
    "Сколько домов разрушил ураган?",
    "태풍으로 집이 몇 채 무너졌나요?",
])
def test_other_languages_are_not_english(text):
    guess = detect(text)
    assert not guess.is_english and guess.code != "en" and guess.english_probability < 0.002, guess


@pytest.mark.parametrize("text,code", [
    ("¿Cuántas personas viven en la ciudad y cuántas casas fueron destruidas por el huracán?", "es"),
    ("Combien de personnes vivent dans la ville et combien de maisons ont été détruites ?", "fr"),
    ("Сколько людей живёт в городе?", "ru"),
    ("태풍으로 집이 몇 채 무너졌나요?", "ko"),
])
def test_language_code_of_a_clear_question(text, code):
    assert detect(text).code == code


def test_threshold_is_configuration():
    assert detect("Who won?", LangConfig(min_english_probability=1.0)).code != "en"


def test_engine_refuses_spanish_with_a_clear_error(engine):
    with pytest.raises(BadQuestionError, match="English"):
        engine.ask("¿Cuántas tropas norcoreanas hay en Kursk?")


def test_the_language_model_is_kept_unpacked_in_the_cache_and_gives_the_same_ranking(tmp_path, monkeypatch):
    from qa import lang

    monkeypatch.setenv("FACTQA_CACHE", str(tmp_path))
    lang._identifier.cache_clear()
    try:
        first = lang._identifier()  # unpacked from the package, then kept
        kept = list((tmp_path / "langid").iterdir())
        assert len(kept) == 1 and (kept[0] / "small.pickle").is_file()
        lang._identifier.cache_clear()
        second = lang._identifier()  # read back from the cache
        text = "Combien de personnes ont été évacuées selon les autorités ?"
        assert second is not first and second.rank(text)[:3] == first.rank(text)[:3]
        (kept[0] / "small.pickle").write_bytes(b"not a pickle")  # a damaged memo is rebuilt, not an error
        lang._identifier.cache_clear()
        assert lang._identifier().rank(text)[:3] == first.rank(text)[:3]
        lang._identifier.cache_clear()
        assert lang._identifier().rank(text)[:3] == first.rank(text)[:3]  # and read from the rebuilt memo
    finally:
        lang._identifier.cache_clear()
