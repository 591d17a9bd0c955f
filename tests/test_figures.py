"""qa.figures / qa.numbers: figures and hedges in sentences taken verbatim from seeds/ (regression);
the rules themselves are tested on invented text in tests/test_placement.py."""
from __future__ import annotations

import pytest

from qa.figures import (
    Quantity,
    find_quantities,
    format_value,
    hedge_kind,
    numbers_match,
    parse_number,
)

# verbatim seed sentences
PONOMARENKO = ("Ponomarenko said that Kyiv expects 10,000 to 15,000 troops to be deployed to the Kursk region of "
               "southwest Russia and possibly the occupied eastern Ukraine territories of Donetsk.")
ROTATIONS = ("Regular rotations of 10,000 to 15,000 North Korean soldiers would then take place every two to three "
             "months, he added.")
WASHINGTON = ("Washington has estimated that roughly 11,000 North Korean soldiers have been deployed to the Kursk "
              "region, where Ukrainian forces have occupied hundreds of square miles since a surprise incursion in "
              "August.")
PUTIN_BROUGHT = ("“Now, [Russian President Vladimir] Putin has brought 11,000 North Korean troops to Ukraine’s "
                 "borders,” Zelensky said.")
CONTINGENT = "“This contingent may grow to 100,000.”"
PARAGRAPH = f"{PUTIN_BROUGHT} {CONTINGENT}"
COULD_DEPLOY = ("North Korea could deploy up to 100,000 troops to aid Moscow in its war against Kyiv, Ukrainian "
                "President Volodymyr Zelensky warned, amid reports that the North was also sending additional "
                "long-range artillery systems to Russia.")
NIS = ("It comes after South Korea’s spy agency, the National Intelligence Service (NIS) also said that North Korea "
       "was planning to deploy between 10,000 and 12,000 troops to Russia, according to Yonhap, a major South "
       "Korean news agency.")
ALLIED = "According to Ukrainian and allied estimates, North Korea has sent about 12,000 soldiers to Russia."
WHITE_PAPER = ("North Korea maintains around 1.28 million active troops, according to South Korea’s defense white "
               "paper.")
KILLED_3000 = ("Ukrainian President Volodymyr Zelensky said on Monday that more than 3,000 North Korean soldiers had "
               "been killed or wounded in Russia’s Kursk region and warned that Pyongyang could send more personnel "
               "and equipment to Moscow’s military.")
JCS = ("The estimate of North Korean losses is higher than that given by Seoul’s Joint Chiefs of Staff (JCS), which "
       "said on Monday that at least 1,100 North Korean soldiers had been killed or wounded.")
BRIEFING = ("The estimate is in line with a briefing last week by South Korea’s intelligence agency, which reported "
            "about 100 dead and another 1,000 wounded in the region.")
HEADLINE = "North Korea to Send 10,000 Troops to Ukraine, Zelensky Warns"
PREPARING = ("Ukrainian President Volodymyr Zelensky said North Korea is preparing to send 10,000 troops to help "
             "Russia’s war on Ukraine, in a sign of deepening military cooperation between Moscow and Pyongyang.")
WE_KNOW = ("“We know about 10,000 soldiers of North Korea, that they are preparing to send to fight against us,” "
           "Zelensky told reporters in Brussels on Thursday.")
ALMOST = ("There are now almost 11,000 North Korean infantry troops training in eastern Russia, to fight in Ukraine, "
          "Kyiv’s Defense Intelligence Directorate has said.")
BUDANOV = ("Lieutenant General Kyrylo Budanov of Ukraine’s Defense Intelligence Directorate told The War Zone on "
           "Thursday that these battalions will be ready to fight in Ukraine by November 1.")
CADRE = ("He said the North Korean troops will use Russian equipment and ammunition, with the first cadre made of "
         "2,600 soldiers, sent to Kursk.")
KYIV_INDEPENDENT = ("Ukrainian outlet The Kyiv Independent, citing Western sources, reported that North Korea has sent "
                    "10,000 soldiers to Russia to boost its war efforts against Ukraine.")
BATTALION = ("Furthermore, the Russian 11th Airborne Brigade is forming a 3,000-person “battalion” staffed with North "
             "Korean citizens, according to Ukrainian outlets Suspilne and Liga, citing anonymous military "
             "intelligence sources.")
DESERTED = ("A few days ago, reports emerged of an estimated 18 North Korean soldiers who are believed to have "
            "deserted the frontline in Russia.")
MILLER = ("“It has been Russia that has escalated the conflict time and time again,” U.S. State Department spokesman "
          "Matt Miller said at a press briefing Monday.")
MILLER_2 = ("“And that includes just in the recent month when Russia recruited the deployment of more than 11,000 "
            "North Korean soldiers who are now on the front lines in Kursk engaging in combat operations against "
            "the Ukrainian military.”")
THOUSANDTH = ("Zelensky made the remark during a brief video address to the European parliament Tuesday at a special "
              "session marking the 1,000th day of Russia’s full-scale invasion of Ukraine, which was launched in "
              "February 2022.")
TRANSPORTING = ("It believes Pyongyang has been transporting special forces from October 8 to 13, with around 1,500 "
                "North Korean troops transported in the first phase.")
HOWITZERS = ("The NIS also said that North Korea has sent additional long-range artillery systems to Russia, "
             "including 170mm self-propelled howitzers and 240mm multiple rocket launchers.")
PACT = ("Russian President Vladimir Putin visited North Korea for the first time in 24 years in June, when he and Kim "
        "signed a so-called “comprehensive strategic partnership pact” with a clause similar to Article 5 of the North "
        "Atlantic Treaty Organization (NATO), which states that an attack one member is an attack on all.")
ENSLAVES = ("“In the coalition of criminals alongside Putin, North Korea is already involved, specifically the Kim "
            "family, which enslaves over 20 million people in North Korea,” Zelenskyy stated, addressing the "
            "Parliament in Kyiv on Wednesday.")
KIM_YONG_HYUN = ("Last week, South Korea’s Defense Minister Kim Yong-hyun said: “As Russia and North Korea have signed "
                 "a mutual treaty akin to a military alliance, the possibility of such a deployment is highly likely.”")


def spans(sentence: str) -> list[tuple[str, float | None, float | None]]:
    return [(q.text, q.low, q.high) for q in find_quantities(sentence)]


def only(sentence: str, text: str) -> Quantity:
    return next(q for q in find_quantities(sentence) if q.text == text)


def q(low: float | None, high: float | None, approx: bool = False, bound: str | None = None) -> Quantity:
    return Quantity("", 0, 0, low, high, approx, bound, None)


# --- parse_number ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("11,000", 11000), ("11000", 11000), ("eleven thousand", 11000), ("1.28 million", 1280000), ("two", 2),
    ("3k", 3000), ("two-and-a-half", 2.5), ("a hundred", 100), ("twenty-five", 25), ("$5m", 5_000_000),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "troops", "hundreds", "11th", "one two"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


# --- find_quantities ------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, expected", [
    (PONOMARENKO, [("10,000 to 15,000", 10000, 15000)]),
    (NIS, [("between 10,000 and 12,000", 10000, 12000)]),
    (WASHINGTON, [("roughly 11,000", 11000, 11000)]),
    (WHITE_PAPER, [("around 1.28 million", 1280000, 1280000)]),
    (KILLED_3000, [("more than 3,000", 3000, None)]),
    (COULD_DEPLOY, [("up to 100,000", None, 100000)]),
    (BRIEFING, [("about 100", 100, 100), ("1,000", 1000, 1000)]),
    (ROTATIONS, [("10,000 to 15,000", 10000, 15000), ("two to three", 2, 3)]),
    (THOUSANDTH, []),
    (BUDANOV, []),
    (TRANSPORTING, [("around 1,500", 1500, 1500)]),
    ("Some 2,000-2,500 troops arrived.", [("Some 2,000-2,500", 2000, 2500)]),
    ("They sent eleven thousand troops in 2023.", [("eleven thousand", 11000, 11000)]),
    ("The deaths of 2000 soldiers by 2024.", [("2000", 2000, 2000)]),
    ("It lasted more then two-and-a-half years.", [("more then two-and-a-half", 2.5, None)]),
])
def test_find_quantities_spans(sentence, expected):
    assert spans(sentence) == expected


@pytest.mark.parametrize("sentence, text, approx, bound", [
    (ALLIED, "about 12,000", True, None),
    (ALMOST, "almost 11,000", True, None),
    (DESERTED, "an estimated 18", True, None),
    (JCS, "at least 1,100", False, "lower"),
    (KILLED_3000, "more than 3,000", False, "lower"),
    (COULD_DEPLOY, "up to 100,000", False, "upper"),
    (PONOMARENKO, "10,000 to 15,000", False, None),
])
def test_find_quantities_modifiers(sentence, text, approx, bound):
    found = only(sentence, text)
    assert (found.approx, found.bound) == (approx, bound)


@pytest.mark.parametrize("sentence, units", [  # units of measure only: what a count counts is in the parse
    (BRIEFING, [None, None]),
    (ALMOST, [None]),
    (WHITE_PAPER, [None]),
    (HOWITZERS, ["mm", "mm"]),
    (BATTALION, [None]),
    (PACT, ["years"]),
    (ENSLAVES, [None]),
    (CONTINGENT, [None]),
])
def test_find_quantities_units(sentence, units):
    assert [q.unit for q in find_quantities(sentence)] == units


def test_offsets_point_at_text():
    for found in find_quantities(NIS + " " + BRIEFING):
        assert (NIS + " " + BRIEFING)[found.start:found.end] == found.text


@pytest.mark.parametrize("sentence", [
    THOUSANDTH, BUDANOV, "the Russian 11th Airborne Brigade", "the People’s Army’s 2nd Corps",
    "from October 8 to 13", "in February 2022", "since 2014, fighting", "Article 5 of the treaty",
    "the Group of 20 summit", "Su-34 jets", "at 10:30 on Friday",
])
def test_non_figures_are_skipped(sentence):
    assert find_quantities(sentence) == []


@pytest.mark.parametrize("sentence, text, kind, hedge", [
    (PONOMARENKO, "10,000 to 15,000", "projection", "expects"),
    (WASHINGTON, "roughly 11,000", "estimate", "roughly"),
    (PARAGRAPH, "11,000", "count", None),
    (PARAGRAPH, "100,000", "projection", "may"),
    (COULD_DEPLOY, "up to 100,000", "projection", "could"),
    ("Zelensky said that up to 100,000 North Korean troops may be deployed to Russia.", "up to 100,000",
     "projection", "up to"),
    (NIS, "between 10,000 and 12,000", "plan", "planning to"),
    (PREPARING, "10,000", "plan", "preparing to"),
    (HEADLINE, "10,000", "plan", "to send"),
    (ALLIED, "about 12,000", "estimate", "about"),
    (WE_KNOW, "about 10,000", "estimate", "about"),
    (KILLED_3000, "more than 3,000", "count", None),
    (JCS, "at least 1,100", "count", None),
    (KYIV_INDEPENDENT, "10,000", "count", None),
    (CADRE, "2,600", "count", None),
    (ROTATIONS, "10,000 to 15,000", "projection", "would"),
    ("Reports suggest 10,000 North Korean soldiers are in Russia, supporting their war efforts.", "10,000",
     "estimate", "suggest"),
    ("Russia denied sending 5,000 troops.", "5,000", "other", "denied"),
])
def test_hedge_kind(sentence, text, kind, hedge):
    assert hedge_kind(sentence, only(sentence, text)) == (kind, hedge)


def test_hedge_is_scoped_to_the_clause():
    kinds = [hedge_kind(PARAGRAPH, found)[0] for found in find_quantities(PARAGRAPH)]
    assert kinds == ["count", "projection"]


@pytest.mark.parametrize("sentence, text, shown", [
    (PONOMARENKO, "10,000 to 15,000", "10,000–15,000"),
    (WASHINGTON, "roughly 11,000", "≈11,000"),
    (COULD_DEPLOY, "up to 100,000", "up to 100,000"),
    (KILLED_3000, "more than 3,000", "more than 3,000"),
    (JCS, "at least 1,100", "at least 1,100"),
    (WHITE_PAPER, "around 1.28 million", "≈1.28 million"),
    (PUTIN_BROUGHT, "11,000", "11,000"),
])
def test_format_value(sentence, text, shown):
    assert format_value(only(sentence, text)) == shown


@pytest.mark.parametrize("claim, evidence, expected", [
    (q(12000, 12000), q(10000, 12000), True),
    (q(1280000, 1280000, approx=True), q(1280000, 1280000), True),
    (q(100000, 100000), q(11000, 11000), False),
    (q(12000, 12000), q(11000, 11000), False),
    (q(12000, 12000), q(11000, 11000, approx=True), True),
    (q(100000, 100000), q(None, 100000, bound="upper"), True),
    (q(50000, 50000), q(None, 100000, bound="upper"), False),
    (q(3000, None, bound="lower"), q(1100, None, bound="lower"), False),
    (q(11000, 11000, approx=True), q(11000, None, bound="lower"), True),
    (q(10000, 15000), q(10000, 12000), True),
])
def test_numbers_match(claim, evidence, expected):
    assert numbers_match(claim, evidence) is expected


def test_numbers_match_on_parsed_sentences():
    assert numbers_match(only(ALLIED, "about 12,000"), only(NIS, "between 10,000 and 12,000"))
    assert not numbers_match(only(PUTIN_BROUGHT, "11,000"), only(COULD_DEPLOY, "up to 100,000"))


def test_numbers_match_rejects_bad_tolerance():
    with pytest.raises(ValueError, match="tolerance must be in"):
        numbers_match(q(1, 1), q(1, 1), tolerance=1.5)


@pytest.mark.parametrize("question,focus", [
    ("How many tanks has North Korea sent?", "tanks"),
    ("What is the population of Kursk?", "population"),
    ("Which home goods chain recently said it may close?", None),  # an adverb is not the asked-for noun
    ("Which part of the state is flooded?", None),  # the answer is a part: the word need not occur
    ("Which GOP leader's bid has stalled?", "bid"),  # the possessive is skipped, its noun kept
])
def test_focus_word_is_a_noun_the_answer_must_mention(question, focus):
    from qa.coverage import focus_word

    assert focus_word(question) == focus


def test_dozens_and_halves_are_figures():
    from qa.numbers import find_quantities

    assert [(q.text, q.low) for q in find_quantities("A dozen boats and about two dozen tents were lost.")] == [
        ("A dozen", 12.0), ("about two dozen", 24.0)]
    assert [(q.text, q.low) for q in find_quantities("Half a million people fled the valley.")] == [
        ("Half a million", 500_000.0)]
    assert find_quantities("Dozens of boats were lost.") == []  # vague: no figure


@pytest.mark.parametrize("text, counted", [
    ("Canada maintains around 12.8 million active reservists, according to the defence review.", "reservist"),
    ("Brazil maintains around 12.8 million active cattle.", "cattle"),
])
def test_a_bare_count_of_a_noun_is_not_money(text, counted):
    from qa.nlp import pipeline
    from qa.slots import slot_frame

    assert [e.label_ for e in pipeline()(text).ents if "million" in e.text] == ["MONEY"]  # the pipeline's tag

    (fig,) = slot_frame(text).figures
    assert fig.counted == counted


def test_a_currency_is_still_money():
    from qa.slots import slot_frame

    assert slot_frame("The club paid $12.8 million for the striker.").figures[0].counted != "striker"
    assert slot_frame("The club paid 12.8 million euros for the striker.").figures[0].counted == "euros"
