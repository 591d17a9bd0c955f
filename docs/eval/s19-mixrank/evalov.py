"""`factqa eval` with a RetrievalConfig override (JSON in $OV), e.g. OV='{"name_cover_weight":0.1}'."""
import json, os, runpy, sys
from dataclasses import replace

import qa.retrieve as R
from qa.config import RETRIEVAL

R.retrieve.__kwdefaults__["cfg"] = replace(RETRIEVAL, **json.loads(os.environ.get("OV", "{}")))
sys.argv = ["ui.cli"] + sys.argv[1:]
runpy.run_module("ui.cli", run_name="__main__")
