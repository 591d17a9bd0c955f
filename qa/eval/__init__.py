"""Evaluation and benchmark adapters: they drive the answer engine, they are not part of it.

`qa/` reads question -> retrieve -> frames -> answer / verdict; this package measures it
(`evaluate`, `metrics`, the BM25 `baseline`, the external benchmark adapters in `bench/`,
and the `benchmarks` runner: `python -m qa.eval.benchmarks`).
"""
