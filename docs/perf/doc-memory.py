"""RSS per spaCy Doc kept (docs/PERFORMANCE.md, 'One parse per sentence')."""
import resource, gc, sys, tracemalloc
from index.backends import open_store
from qa.nlp import pipeline
nlp = pipeline()
s = open_store("/tmp/perf-sf-store").load()
texts = list(dict.fromkeys(x.text for x in s.sentences[:3000]))
nlp("warm")
import psutil, os
p = psutil.Process(os.getpid())
gc.collect(); r0 = p.memory_info().rss
docs = list(nlp.pipe(texts, batch_size=64))
gc.collect(); r1 = p.memory_info().rss
ntok = sum(len(d) for d in docs)
print(len(docs), "docs", ntok/len(docs), "tokens/doc", (r1-r0)/len(docs)/1024, "KiB/doc RSS", "tensor KiB/doc", sum(d.tensor.nbytes for d in docs)/len(docs)/1024)
