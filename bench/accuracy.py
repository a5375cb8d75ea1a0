"""Part 1: matching accuracy, time and memory on ../shared/bench (DBLP-ACM linking, bib-dedupe's
stroke and haematology deduplication). Each run is a fresh process (`python bench/accuracy.py
NAME SHARED`), so its peak RSS is its own; its in-process time covers reading and matching."""
from __future__ import annotations

import csv
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import proc  # noqa: E402
from scoring import cluster_pairs, pairwise, record_level  # noqa: E402

DATASETS = ("dblp-acm", "stroke", "haematology")
PUBLISHED = {"stroke": "bib-dedupe 0.11.0 (published): precision 1.000, F1 0.9968",
             "haematology": "bib-dedupe 0.11.0 (published): F1 0.94",
             "dblp-acm": "supervised matchers (published): F1 0.98-0.99 (Magellan ~0.984, Ditto 0.990)"}
TARGETS = {"dblp-acm": 0.985, "stroke": 0.9968, "haematology": 0.94}


def run_dataset(name: str, shared: Path) -> dict:
    """Match one dataset in this process; returns scores and in-process seconds."""
    from listmerge.load import read
    from listmerge.works import find_works

    start = time.perf_counter()
    if name == "dblp-acm":
        folder = shared / "bench" / "dblp-acm"
        matching = find_works([read(str(folder / "dblp.csv"))[0], read(str(folder / "acm.csv"))[0]])
        seconds = time.perf_counter() - start
        scores = _linking_scores(matching, folder)
    else:
        folder = shared / "bench" / "bib-dedupe" / name
        matching = find_works(list(read(str(folder / "records_pre_merged.csv"))))
        seconds = time.perf_counter() - start
        keys = [r.entry.key for r in matching.records]
        predicted = [[keys[i] for i in c] for c in matching.clusters]
        with open(folder / "merged_record_ids.csv", newline="") as fh:
            truth = [row[0].split(";") for row in list(csv.reader(fh))[1:] if row and row[0]]
        scores = {"record-level": record_level(predicted, truth),
                  "pairwise": pairwise(cluster_pairs(predicted), cluster_pairs(truth))}
    return {"scores": scores, "seconds": round(seconds, 3), "entries": len(matching.records)}


def _linking_scores(matching, folder: Path) -> dict:
    from listmerge.works import link

    keys = [r.entry.key for r in matching.records]
    linked = {(keys[a], keys[b]) for a, b in link(matching, 0, 1)}
    with open(folder / "matches.csv", newline="") as fh:
        truth = {(r["dblp_id"], r["acm_id"]) for r in csv.DictReader(fh)}
    clustered = {(keys[a], keys[b]) for c in matching.clusters for a in c for b in c
                 if matching.records[a].source == 0 and matching.records[b].source == 1}
    return {"pairwise (one-to-one links)": pairwise(linked, truth),
            "pairwise (all pairs in a work)": pairwise(clustered, truth)}


def measure(name: str, shared: Path, runs: int, timeout: float = 600) -> dict:
    """``runs`` fresh processes: median in-process and whole-process seconds, largest peak RSS."""
    cmd = [sys.executable, str(Path(__file__).resolve()), name, str(shared)]
    results = []
    for _ in range(runs):
        result = proc.run(cmd, timeout, env=proc.env())
        if not result.ok:
            return {"error": "timed out" if result.timed_out else result.stderr.strip()[-300:]}
        results.append((result, json.loads(result.stdout)))
    best = results[0][1]
    best.update(runs=runs, seconds_median=round(statistics.median(o["seconds"] for _, o in results), 3),
                process_seconds_median=round(statistics.median(r.seconds for r, _ in results), 3),
                peak_rss_mib=max(r.peak_rss_mib for r, _ in results))
    return best


def measure_all(shared: Path, runs: int) -> dict:
    return {name: measure(name, shared, runs) for name in DATASETS}


if __name__ == "__main__":
    print(json.dumps(run_dataset(sys.argv[1], Path(sys.argv[2]))))
