"""qa.eval.rank_loso with RankConfig.second_runtime = onnx-int8 (same arguments)."""
import sys
from dataclasses import replace
import qa.config, qa.config.rank as R
R.RANK = replace(R.RANK, second_runtime="onnx-int8"); qa.config.RANK = R.RANK
from qa.eval import rank_loso
sys.exit(rank_loso.main(sys.argv[1:]))
