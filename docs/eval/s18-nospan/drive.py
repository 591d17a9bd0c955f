"""usage: drive.py OUT SETS JSON-LIST-OF-SETTINGS: qa.eval.typed_spans.run over an explicit list of settings."""
import json, sys
from pathlib import Path
import qa.eval.rtqa_grid as G
import qa.eval.typed_spans as T
settings = json.loads(sys.argv[3])
G.grid = lambda args: settings
T.run("/tmp/seed-store", sys.argv[2].split(","), Path("seeds"), Path(sys.argv[1]), [])
