"""Slot alignment (qa.stance) and the verdict combination (qa.claims) on invented text."""
from __future__ import annotations

import numpy as np
import pytest

from index.types import Sentence
from qa.claims import VerdictCode, rule_verdict
from qa.retrieve import Evidence
from qa.slots import FigureKind, slot_frame
from qa.stance import Slot, Stance, StanceCode, align


def _ev(text: str, dense: float = 0.9, score: float = 0.9) -> Evidence:
    s = Sentence(id="d:c0:s0", doc_id="d", chunk_id="d:c0", index=0, start=0, end=len(text), text=text)
    return Evidence(s, 0, score, dense, 0.8, 0)


def _align(claim: str, sentence: str, **kw) -> Stance:
    e = _ev(sentence, **kw)
    return align(slot_frame(claim), slot_frame(sentence), e)


def test_wrong_place_refutes():
    st = _align("The ministers met at a summit in Peru on Monday.", "The ministers met at a summit in Chile on Monday.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.PLACE)
    assert st.reason == "the article says Chile, the claim says Peru"


def test_same_place_supports():
    st = _align("The ministers met at a summit in Peru on Monday.", "The ministers met at a summit in Peru on Monday.")
    assert st.code is StanceCode.SUPPORTS


def test_a_claim_that_reports_a_dismissal_is_not_refuted_by_it():
    st = _align("The ministry dismissed the reports as fake.", "The ministry dismissed the reports as fake on Friday.")
    assert (st.code, st.slot) == (StanceCode.SUPPORTS, Slot.POLARITY)


def test_a_denial_refutes_the_plain_claim():
    st = _align("The company recalled the cars.", "The company denied that it recalled the cars.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.POLARITY)
    assert st.reason == "says \u201cdeny\u201d"


def test_a_calibre_is_not_a_count():
    claim = slot_frame("The navy fired 155 shells at the port.")
    ev = slot_frame("The navy fired 155mm shells at the port.")
    assert [f.kind for f in ev.figures] == [FigureKind.MEASUREMENT]
    st = align(claim, ev, _ev(ev.text))
    assert st.code is StanceCode.OTHER_FIGURE and st.code.label == "neutral"


def test_another_count_of_the_same_thing_refutes():
    st = _align("The strike killed 40 people in the village.", "The strike killed 12 people in the village.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.FIGURE)
    assert st.reason == "gives 12, not 40"


def test_a_projection_is_not_a_count():
    st = _align("The firm hired 500 workers.", "The firm may hire 500 workers, its chief said.")
    assert (st.code, st.slot) == (StanceCode.HEDGED, Slot.FIGURE)


def test_another_year_refutes():
    st = _align("The bridge over the river opened in 2019.", "The bridge over the river opened in 2015.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.TIME)


def test_another_group_on_the_same_noun_refutes():
    st = _align("The rebels wore Bolivian uniforms.", "The rebels wore Peruvian uniforms.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.ACTOR)
    assert st.reason == "the article says Peruvian uniform, the claim says Bolivian uniform"


def test_off_topic_below_relevance():
    st = _align("The bridge opened in 2019.", "Rain is expected tomorrow.", dense=0.1, score=0.1)
    assert st.code is StanceCode.OFF_TOPIC and st.reason == "not about the claim"


def test_question_and_bare_answer_read_together():
    f = slot_frame("Did the council close the library? No. It is open every day.")
    assert f.answer == "no" and f.negated
    assert slot_frame("No. It is open every day.").answer == "no"


def test_rule_verdict_combines_stances():
    sup = Stance(_ev("a"), StanceCode.SUPPORTS, Slot.FIGURE, "40", "40")
    ref = Stance(_ev("b"), StanceCode.REFUTES, Slot.FIGURE, "40", "12")
    other = Stance(_ev("d"), StanceCode.SUPPORTS, Slot.CONTENT)
    hedged = Stance(_ev("c"), StanceCode.HEDGED, Slot.FIGURE)
    assert rule_verdict([sup, ref])[0] is VerdictCode.CONFLICTING
    assert rule_verdict([other, ref]) == (VerdictCode.NOT_ENOUGH_EVIDENCE, None)  # different slots: unsettled
    assert rule_verdict([ref, hedged]) == (VerdictCode.REFUTED, ref)
    assert rule_verdict([hedged])[0] is VerdictCode.NOT_ENOUGH_EVIDENCE


def test_a_negation_in_a_coordinated_clause_does_not_refute():
    claim = "The mayor gave an interview to the regional radio station about the harbour tunnel"
    st = _align(claim, "The council did not publish the tunnel costs, but the mayor gave an interview to the "
                       "regional radio station about the harbour tunnel last week.")
    assert st.code is not StanceCode.REFUTES
    st = _align(claim, "The mayor did not give an interview to the regional radio station about the harbour tunnel.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.POLARITY)


def test_cue_terms_are_the_negated_clause():
    f = slot_frame("The council did not publish the costs, but the mayor gave an interview.")
    assert {"council", "publish", "cost"} <= f.cue_terms and "interview" not in f.cue_terms
    assert slot_frame("The mayor gave an interview.").cue_terms is None


def test_the_closest_sentence_refuting_a_slot_value_outweighs_support_on_other_slots():
    # "the ferry sails from the northern pier" vs the near copy "... from the southern pier" (closest), and a
    # less close sentence that gives the claim's figure
    side = Stance(_ev("a", score=0.93), StanceCode.REFUTES, Slot.DIRECTION, "northern", "southern")
    figure = Stance(_ev("b", score=0.6), StanceCode.SUPPORTS, Slot.FIGURE, "40", "40")
    assert rule_verdict([figure, side]) == (VerdictCode.REFUTED, side)
    closer_support = Stance(_ev("c", score=0.95), StanceCode.SUPPORTS, Slot.FIGURE, "40", "40")
    assert rule_verdict([closer_support, side]) == (VerdictCode.NOT_ENOUGH_EVIDENCE, None)
    polarity = Stance(_ev("d", score=0.93), StanceCode.REFUTES, Slot.POLARITY)  # not a slot value: unsettled
    assert rule_verdict([figure, polarity]) == (VerdictCode.NOT_ENOUGH_EVIDENCE, None)


class _Fixed:
    """A stand-in verdict model that always answers one label with one probability."""

    def __init__(self, label: str, p: float) -> None:
        self.label, self.p = label, p

    def predict(self, x, floors=None):
        return self.label, self.p


def test_the_model_decides_only_where_the_rules_stop():
    from qa.claims import DecidedBy, VerdictConfig, decide

    refuting = [_ev("The strike killed 12 people in the village.")]
    d = decide("The strike killed 40 people in the village.", refuting, model=_Fixed("supported", 0.99))
    assert (d.verdict, d.decided_by) == (VerdictCode.REFUTED, DecidedBy.RULES)
    unsettled = [_ev("Rain fell on the village school all week.", dense=0.5, score=0.5)]  # names the claim's object
    claim = "The strike destroyed the village school."
    confident = decide(claim, unsettled, model=_Fixed("refuted", 0.9), config=VerdictConfig(model_min_probability=0.7))
    assert (confident.verdict, confident.decided_by) == (VerdictCode.REFUTED, DecidedBy.MODEL)
    assert "learned verdict model, p=0.90" in confident.reason
    unsure = decide(claim, unsettled, model=_Fixed("refuted", 0.6), config=VerdictConfig(model_min_probability=0.7))
    assert unsure.verdict is VerdictCode.NOT_ENOUGH_EVIDENCE


def test_shipped_weights_load_and_name_their_recipe():
    import json

    from qa.verdict_model import FEATURES, WEIGHTS, default_model

    meta = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert meta["command"].startswith(("python -m qa.eval.train_verdict", "python -m qa.eval.verdict_loso"))
    assert {d["split"] for d in meta["data"]} == {"tune"}
    m = default_model()
    p = m.proba(np.zeros(len(FEATURES)))
    assert p.shape == (len(m.classes),) and abs(p.sum() - 1) < 1e-9


def test_verdict_model_softmax_in_numpy():
    from qa.verdict_model import FEATURES, VerdictModel

    n = len(FEATURES)
    coef = np.zeros((2, n))
    coef[0, FEATURES.index("n_refutes")] = 2.0
    m = VerdictModel(("refuted", "supported"), FEATURES, np.zeros(n), np.ones(n), coef, np.array([0.0, 1.0]))
    x = np.zeros(n)
    x[FEATURES.index("n_refutes")] = 3.0
    label, p = m.predict(x)
    assert label == "refuted" and p == pytest.approx(np.exp(6) / (np.exp(6) + np.e))
    assert m.predict(np.zeros(n))[0] == "supported"


def test_weights_of_other_features_are_refused():
    from qa.verdict_model import VerdictModel

    with pytest.raises(ValueError, match="retrain with python -m qa.eval.train_verdict"):
        VerdictModel.from_dict({"features": ["a"], "classes": [], "mean": [], "scale": [], "coef": [], "intercept": []})


def test_a_bare_no_to_a_question_that_restates_the_claim_refutes():
    st = _align("The council closed the library.", "Did the council close the library? No.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.ANSWER)
    assert st.reason == "answers \u201cno\u201d to a question that restates the claim"


def test_a_bare_yes_supports_and_a_negated_claim_flips_it():
    assert _align("The council closed the library.", "Did the council close the library? Yes.").code is StanceCode.SUPPORTS
    assert _align("The council did not close the library.", "Did the council close the library? No.").code \
        is StanceCode.SUPPORTS


def test_no_that_quantifies_a_noun_is_not_a_bare_answer():
    # "No answer could be found" says what is missing: unknown, not a "no" to the question
    f = slot_frame("Did the council close the library? No answer could be found.")
    assert f.answer is None and f.unknown
    assert _align("The council closed the library.", "Did the council close the library? No answer could be found.").code \
        is not StanceCode.REFUTES
    assert slot_frame("Did the council close the library? No records of a vote exist.").answer is None
    # a bare "no" without its comma, or before a negative pronoun, still answers
    assert slot_frame("Did the council close the library? No the library is still open.").answer == "no"
    assert slot_frame("Did the council close the library? No none of the branches closed.").answer == "no"
    assert slot_frame("Did the council close the library? No, it did not.").answer == "no"


def test_a_question_asserts_nothing():
    f = slot_frame("Did the firm hire 500 workers? It hired 120 workers.")
    assert [fig.quantity.low for fig in f.figures] == [120.0]
    assert slot_frame("Is the bridge not safe? Engineers found it sound.").negated is False


def test_the_opposite_word_by_prefix_refutes():
    st = _align("The finance minister said a rate cut was unlikely this year.",
                "The finance minister said a rate cut was likely this year.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.POLARITY)
    assert (st.claim_value, st.evidence_value) == ("unlikely", "likely")
    # the same word on both sides is no clash
    st = _align("The finance minister said a rate cut was unlikely this year.",
                "The finance minister said a rate cut was unlikely this year.")
    assert st.code is StanceCode.SUPPORTS


def test_prefix_clash_needs_the_bare_word_on_the_other_side():
    from qa.stance import prefix_clash

    assert prefix_clash("The ruling was invalid", "The court found the ruling valid") == ("invalid", "valid")
    assert prefix_clash("The plan is possible", "The plan is impossible") == ("possible", "impossible")
    assert prefix_clash("The plan was unpopular", "Voters rejected the plan") is None
    assert prefix_clash("They were unable to vote", "They were unable to vote") is None


# --- session 12: places by position, sizes, the claim's verb, and who gave a figure -------------------
def test_an_untagged_place_after_in_refutes_on_the_same_event():
    # whether or not the tagger labels the town, "in X" puts the event there
    st = _align("The mayor opened the bridge to traffic in Valdora.", "The mayor opened the bridge to traffic in Brenmoor on Friday.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.PLACE)


def test_a_place_named_as_a_region_modifier_is_a_place():
    frame = slot_frame("The floods hit farms in the Oskaro region last spring.")
    assert "oskaro" in frame.located


def test_a_place_of_another_event_does_not_refute():
    st = _align("The mayor opened the bridge in Valdora.", "Officials in Brenmoor praised the weather at a fair.")
    assert st.code is not StanceCode.REFUTES


def test_a_size_in_the_same_unit_about_the_same_thing_refutes():
    st = _align("The camp was about forty miles from the river when it flooded.",
                "The camp stood about four miles from the river when it flooded, officials said.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.FIGURE)


def test_a_size_about_something_else_does_not_refute():
    st = _align("The trade accord is valid for 20 years.",
                "The premier visited the port for the first time in 24 years to sign the trade accord.")
    assert st.code is not StanceCode.REFUTES


def test_a_count_refutes_when_the_claim_only_adds_where_it_was_said():
    # "told the assembly" is not in the sentence, but what was said of the figure ("sent") is
    st = _align("The governor told the regional assembly that the city had sent 900 nurses to the coast.",
                "\u201cThe city has sent 300 nurses to the coast,\u201d the governor said.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.FIGURE)


def test_another_sources_figure_is_a_disagreement_not_a_refutation():
    st = _align("The health board said at least 200 patients were treated at the clinic.",
                "Mayor Alden Firth said more than 500 patients were treated at the clinic.")
    assert st.code is not StanceCode.REFUTES
    assert st.slot is Slot.SOURCE


def test_a_figure_nobody_is_named_for_does_not_support_a_named_source():
    claim, text = "Governor Lena Ward said 900 nurses were sent to the coast.", "The city sent 900 nurses to the coast."
    e = _ev(text)
    told = align(slot_frame(claim), slot_frame(text), e, before="Governor Lena Ward spoke on Monday.")
    other = align(slot_frame(claim), slot_frame(text), e, before="A hospital spokesman spoke on Monday.")
    unknown = align(slot_frame(claim), slot_frame(text), e)
    assert told.code is StanceCode.SUPPORTS
    assert (other.code, other.slot) == (StanceCode.RELATED, Slot.SOURCE)
    assert unknown.code is StanceCode.SUPPORTS  # no article context given: judged on the sentence alone


@pytest.mark.parametrize("text", [
    "The utility has neither confirmed nor denied the outage.",
    "The ministry never confirmed the figure.",
    "Officials did not confirm the report of a second leak.",
    "The agency declined to confirm the merger.",
    "The newspaper could not independently verify the footage.",
    "The auditors were unable to verify the accounts.",
    "The club has yet to acknowledge the transfer.",
    "The mayor did not deny that the bridge closed.",
])
def test_a_negated_or_withheld_commitment_is_non_committal(text):
    f = slot_frame(text)
    assert f.unknown and f.withheld
    assert not f.denial  # "did not deny" / "nor denied" deny nothing


@pytest.mark.parametrize("text", ["The agency confirmed the merger.", "The mayor denied that the bridge closed.",
                                  "The auditors verified the accounts."])
def test_an_asserted_commitment_is_not_withheld(text):
    f = slot_frame(text)
    assert not f.unknown and not f.withheld and f.commits


def test_a_withheld_confirmation_leaves_the_claim_open():
    st = _align("The bridge closed because of a crack.", "The city did not confirm that the bridge closed because of a crack.")
    assert st.code is StanceCode.RELATED


def test_a_withheld_verification_refutes_a_claim_that_it_was_verified():
    st = _align("The newspaper independently verified the footage of the flood.",
                "The newspaper could not independently verify the footage of the flood.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.POLARITY)
    assert "verify" in st.reason


def test_a_sentence_that_does_not_name_the_claims_place_does_not_support():
    st = _align("Volunteers in Porto cleaned 300 beaches.", "Volunteers cleaned 300 beaches, the charity said.")
    assert (st.code, st.slot) == (StanceCode.RELATED, Slot.PLACE)
    assert st.reason == "says the same, but does not name Porto"


def test_the_opposite_side_refutes_a_matching_figure():
    st = _align("About 900 nurses work in western Canada.", "About 900 nurses work in eastern Canada.")
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.DIRECTION)


def test_two_withheld_commitments_by_the_same_actor_agree():
    st = _align("Reuters was unable to confirm the footage of the flood.",
                "Reuters could not independently verify the footage.")
    assert (st.code, st.slot) == (StanceCode.SUPPORTS, Slot.POLARITY)


def test_a_different_figure_in_a_close_paraphrase_refutes():
    # session 15: what the claim says happened ("put ... at") is in no word of the sentence, but the sentence
    # reads as a close paraphrase (dense >= PARAPHRASE_SIM) about the same counted group: its figure refutes
    claim = "The Health Ministry's spokesman put the Valdorian nurses deployed in Marlow at over 900"
    sentence = "Roughly 9,000 Valdorian nurses have been sent to Marlow, the Health Ministry estimated."
    st = _align(claim, sentence, dense=0.9)
    assert (st.code, st.slot) == (StanceCode.REFUTES, Slot.FIGURE)
    assert st.reason == "gives ≈9,000, not more than 900"
    # a sentence that is not a close paraphrase only mentions another figure
    assert _align(claim, sentence, dense=0.5).code is StanceCode.OTHER_FIGURE


def test_close_words_count_towards_the_figure_overlap(engine):
    # "infantry" ~ "foot soldiers", "eastern" ~ "east": with word vectors the sentence is about the claim's
    # matter, so its different count refutes; without them the shared words are too few
    claim = "The ministry says close to 9,000 Valdorian foot soldiers are being trained in Marlow's east"
    sentence = "There are now almost 4,000 Valdorian infantry troops training in eastern Marlow, the ministry said."
    e = _ev(sentence, dense=0.8)
    with_words = align(slot_frame(claim), slot_frame(sentence), e, engine.words)
    assert (with_words.code, with_words.slot) == (StanceCode.REFUTES, Slot.FIGURE)
    assert align(slot_frame(claim), slot_frame(sentence), e).code is StanceCode.OTHER_FIGURE
