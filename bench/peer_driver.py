"""Runs bib-dedupe on one records CSV with its documented step-by-step API (prep, block, match,
cluster) and prints its clusters as JSON. Executed by bench/.venv-peer's python, not ours."""
import json
import sys
import time

import pandas as pd
from bib_dedupe.bib_dedupe import block, cluster, match, prep


def main(path: str) -> None:
    start = time.perf_counter()
    records = pd.read_csv(path)
    matched = match(block(prep(records, verbosity_level=0), verbosity_level=0), verbosity_level=0)
    clusters = cluster(matched, verbosity_level=0)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": round(seconds, 3), "clusters": [sorted(c) for c in clusters],
                      "maybe": int((matched["duplicate_label"] == "maybe").sum())}))


if __name__ == "__main__":
    main(sys.argv[1])
