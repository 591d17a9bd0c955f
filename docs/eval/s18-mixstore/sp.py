import sys
from qa.engine import Engine
from rapidfuzz import process, fuzz
from rapidfuzz.distance import DamerauLevenshtein
eng = Engine(sys.argv[1]); sp = eng.speller
c = sp._store_words()
for w in sys.argv[2].split(","):
    print(w, c.get(w), w in sp._known, sp._inflected(w), sp.suggest(w))
    print("  ", process.extract(w, sp._vocab, scorer=DamerauLevenshtein.distance, score_cutoff=sp.max_edits(w), limit=5))
