"""The conversation record kept in the browser: round trip, tolerance of bad stored data (no models)."""
from __future__ import annotations

from qa.followup import Turn
from qa.types import Answer, Citation
from ui import conversation as convo

TEXT = "Ferries. The harbour master said 40 ferries sail daily."
Q = "The harbour master said 40 ferries sail daily."


def answer() -> Answer:
    c = Citation(1, "d1", "Ferry <b>report</b>", "d1#0", Q, TEXT.index(Q), len(TEXT), 0.9, outlet="Daily")
    return Answer(question="How many ferries?", mode="ask", answer="40 [1].", short_answer="40", answerable=True,
                  verdict=None, citations=(c,))


def test_round_trip_renders_the_same_chat():
    e = [convo.Entry("m1", convo.Kind.ASK, "How many ferries?", answer=answer()),
         convo.Entry("m2", convo.Kind.ASK_BACK, "Why?", message="What does it refer to?"),
         convo.Entry("m3", convo.Kind.ASK, "who said that?", answer=answer(), about=Turn("How many ferries?", "40"))]
    stored = convo.dump(e)
    assert convo.load(stored) == e
    msgs = convo.messages(convo.load(stored), {"d1": TEXT}.get)
    assert [m["role"] for m in msgs] == ["user", "assistant"] * 3
    assert "<mark>" + Q + "</mark>" in msgs[1]["content"] and "<b>" not in msgs[1]["content"]
    assert "What does it refer to?" in msgs[3]["content"]


def test_turns_are_the_answered_questions():
    e = [convo.Entry("m1", convo.Kind.ASK, "How many ferries?", answer=answer()),
         convo.Entry("m2", convo.Kind.ASK_BACK, "Why?", message="?"),
         convo.Entry("m3", convo.Kind.CHECK, "40 ferries sail", answer=answer())]
    assert [t.question for t in convo.turns(e)] == ["How many ferries?"]


def test_bad_stored_values_are_dropped_not_raised():
    good = convo.Entry("m1", convo.Kind.ASK, "q", answer=answer()).to_dict()
    raw = {"v": 1, "entries": [{"id": "bad id <script>", "kind": "ask", "text": "x"}, {"kind": "nope"}, 7, good]}
    assert [e.id for e in convo.load(raw)] == ["m1"]
    assert convo.load("garbage") == [] and convo.load({"v": 99, "entries": [good]}) == []


def test_only_the_latest_entries_are_kept():
    e = [convo.Entry(f"m{i}", convo.Kind.ASK_BACK, "q", message="?") for i in range(convo.MAX_ENTRIES + 5)]
    kept = convo.load(convo.dump(e))
    assert len(kept) == convo.MAX_ENTRIES and kept[-1].id == f"m{convo.MAX_ENTRIES + 4}"
