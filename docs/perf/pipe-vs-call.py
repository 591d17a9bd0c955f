"""nlp.pipe and nlp(text) give identical Docs (annotations and tensors): python docs/perf/pipe-vs-call.py STORE N [STORE N ...]"""
import sys, numpy as np
from index.backends import open_store
from qa.nlp import pipeline
from spacy.attrs import ORTH, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, MORPH
nlp = pipeline()
texts = []
for p, n in zip(sys.argv[1::2], sys.argv[2::2]):
    s = open_store(p).load()
    texts += [x.text for x in s.sentences[: int(n)]]
texts = list(dict.fromkeys(texts))
A = [ORTH, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, MORPH]
diff = 0; tdiff = 0
for t, d in zip(texts, nlp.pipe(texts, batch_size=64)):
    e = nlp(t)
    if not np.array_equal(d.to_array(A), e.to_array(A)) or [c.text for c in d.noun_chunks] != [c.text for c in e.noun_chunks]:
        diff += 1; print("DIFF", t[:100])
    if d.tensor.shape != e.tensor.shape or not np.array_equal(d.tensor, e.tensor): tdiff += 1
print(len(texts), "texts; annotation differences:", diff, "tensor differences:", tdiff)
