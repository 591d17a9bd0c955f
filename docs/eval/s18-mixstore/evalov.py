import json, os, runpy, sys
from dataclasses import replace
import qa.retrieve as R
from qa.config import RETRIEVAL
ov = json.loads(os.environ.get("OV", "{}"))
R.retrieve.__kwdefaults__["cfg"] = replace(RETRIEVAL, **ov)
sys.argv = ["ui.cli"] + sys.argv[1:]
runpy.run_module("ui.cli", run_name="__main__")
