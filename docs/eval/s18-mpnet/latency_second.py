"""ask_latency with RankConfig.second_model = mpnet (weights from $MPNET_WEIGHTS); same arguments as ask_latency."""
import os, runpy, sys
from dataclasses import replace
from pathlib import Path
import qa.config, qa.config.rank as R
R.RANK = replace(R.RANK, second_model="mpnet"); qa.config.RANK = R.RANK
import qa.rank
qa.rank.SECOND_WEIGHTS["mpnet"] = Path(os.environ["MPNET_WEIGHTS"])
sys.argv = ["ask_latency.py"] + sys.argv[1:]
runpy.run_path("qa/eval/ask_latency.py", run_name="__main__")
