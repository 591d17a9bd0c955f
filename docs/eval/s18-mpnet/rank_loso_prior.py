"""qa.eval.rank_loso with RankConfig keep_first / order_prior from $KEEP / $PRIOR (same arguments; pass --weights a
copy of the weights file carrying the same keep_first / order_prior)."""
import os, sys
from dataclasses import replace
import qa.config, qa.config.rank as R
R.RANK = replace(R.RANK, keep_first=float(os.environ["KEEP"]), order_prior=float(os.environ["PRIOR"])); qa.config.RANK = R.RANK
from qa.eval import rank_loso
sys.exit(rank_loso.main(sys.argv[1:]))
