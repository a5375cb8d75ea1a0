"""Part 1: matching accuracy, time and memory on ../shared/bench (DBLP-ACM linking, DBLP-Scholar
clean and dirty, bib-dedupe's stroke and haematology deduplication). Each run is a fresh
process (`python bench/accuracy.py NAME SHARED`), so its peak RSS is its own; its in-process time
covers reading and matching.

DBLP-ACM is scored from what `listmerge merge` writes: every dblp x acm pair of entries inside one
work of canon.json (a merge run as a user runs it, in a child process). DBLP-Scholar is scored
pairwise over its labelled pairs only: a pair is predicted "same" when both records are in one
work; unlabelled pairs count for nothing."""
from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import proc  # noqa: E402
from scoring import cluster_pairs, labelled_pairs, pairwise, record_level  # noqa: E402

DATASETS = ("dblp-acm", "dblp-scholar", "dblp-scholar-dirty", "stroke", "haematology")
PUBLISHED = {"stroke": "bib-dedupe 0.11.0 (published): precision 1.000, F1 0.9968",
             "haematology": "bib-dedupe 0.11.0 (published): F1 0.94",
             "dblp-acm": "supervised matchers (published): F1 0.98-0.99 (Magellan ~0.984, Ditto 0.990)",
             "dblp-scholar": "published, test split: Ditto 0.956 (supervised); with no training on it, "
                             "splink-style EM about 0.85, zero-shot GPT-4 matchers 0.88-0.91, ZeroER about 0.59",
             "dblp-scholar-dirty": "published, test split: Ditto 0.955 (supervised)"}
#: name -> (the scoring the target is on, least F1, most false positives, least precision)
TARGETS = {"dblp-acm": ("pairwise (all pairs in a work, canon.json)", 0.985, None, None),
           "dblp-scholar": ("pairwise (labelled pairs)", 0.90, None, 0.97),
           "dblp-scholar-dirty": ("pairwise (labelled pairs)", 0.85, None, 0.97),
           "stroke": ("record-level", 0.9968, 0, None),
           "haematology": ("record-level", 0.95, 1, None)}
TWO_LISTS = {"dblp-acm": ("dblp-acm", "dblp.csv", "acm.csv"),
             "dblp-scholar": ("dblp-scholar", "dblp.csv", "scholar.csv"),
             "dblp-scholar-dirty": ("dblp-scholar-dirty", "dblp.csv", "scholar.csv")}


def run_dataset(name: str, shared: Path) -> dict:
    """Match one dataset in this process; returns scores and in-process seconds."""
    from listmerge.load import read
    from listmerge.works import find_works

    start = time.perf_counter()
    if name in TWO_LISTS:
        folder, left, right = TWO_LISTS[name]
        folder = shared / "bench" / folder
        matching = find_works([read(str(folder / left))[0], read(str(folder / right))[0]])
        seconds = time.perf_counter() - start
        scores = _linking_scores(matching, folder) if name == "dblp-acm" else _labelled_scores(matching, folder)
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
    return {"pairwise (all pairs in a work, canon.json)": pairwise(_canon_pairs(folder), truth),
            "pairwise (one-to-one links)": pairwise(linked, truth)}


def _canon_pairs(folder: Path) -> set[tuple[str, str]]:
    """Every (dblp key, acm key) pair of entries in one work of the canon.json that
    `listmerge merge dblp.csv acm.csv` writes."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(proc.listmerge("merge", str(folder / "dblp.csv"), str(folder / "acm.csv"), "--out", out,
                                      "--format", "json", "--quiet"), check=True, env=proc.env())
        canon = json.loads((Path(out) / "canon.json").read_text())
    pairs = set()
    for work in canon["works"]:
        left = [e["key"] for e in work["entries"] if e["list"] == "dblp"]
        right = [e["key"] for e in work["entries"] if e["list"] == "acm"]
        pairs.update((a, b) for a in left for b in right)
    return pairs


def _labelled_scores(matching, folder: Path) -> dict:
    work = {}
    for number, members in enumerate(matching.clusters):
        for i in members:
            record = matching.records[i]
            work[(record.source, record.entry.key)] = number
    with open(folder / "labelled_pairs.csv", newline="") as fh:
        labelled = [(r["dblp_id"], r["scholar_id"], r["label"] == "1") for r in csv.DictReader(fh)]
    return {"pairwise (labelled pairs)": labelled_pairs(labelled, lambda a, b: (
        (0, a) in work and work[(0, a)] == work.get((1, b))))}


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
