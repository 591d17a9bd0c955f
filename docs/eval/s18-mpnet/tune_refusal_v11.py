"""qa.eval.tune_refusal over v3..v11 (gold_v11 is a tune set since session 17); same arguments."""
import qa.eval.tune_refusal as T
T.SETS = T.SETS + ("v11",)
T.main()
