import os
import json
from pathlib import Path

config = json.loads(Path(os.environ.get("CONFIG", "config.json")).read_text())
print(sorted(config))
