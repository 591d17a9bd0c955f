# How often qa.noun_spans normalises the question over 5 calls of scored_noun_spans on one invented sentence
# (run with PYTHONPATH at each checkout; docs/eval/s19-debt.md, task 3).
import qa.names as N, qa.noun_spans as NS
from qa.parse import evidence_frame, question_frame
from qa.nlp import pipeline
calls = {"n": 0, "q": 0}
orig = N.normalise
Q = "Which Nordic agency did the Velm harbour board name in its report on Monday?"
def counting(t):
    calls["n"] += 1
    calls["q"] += t == Q
    return orig(t)
NS.normalise = counting
class V:
    def nearest(self, w, c): return 0.0
text = ("The Velm Harbour Board, the Ostrian Port Authority, the Brandt Shipping Office, the Wirenish Coast Guard "
        "and the Nordic Maritime Agency signed the 4th Harbour Accord with Ledger Freight on Monday in Velm.")
frame = evidence_frame(pipeline()(text), "s")
qf = question_frame(Q)
for _ in range(5):
    NS.scored_noun_spans(qf, "agency", frame, V(), 0.62)
print("normalise calls", calls["n"], "of the question", calls["q"])
