from pathlib import Path
import time
from index.offline import set_defaults
set_defaults()
from qa.eval.verdict_data import store_dir
for n in ("averitec", "climate-fever", "scifact"):
    t = time.time()
    print(n, store_dir(n, "tune", Path("/tmp/verdict/bench")), time.time() - t, flush=True)
print("STORES_DONE", flush=True)
