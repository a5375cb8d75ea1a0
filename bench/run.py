"""listmerge benchmarks: `python bench/run.py [--quick]` writes docs/benchmarks.md and
bench/results.json. Every number comes from this script, run on this machine.

Part 1 (matching accuracy, wall time, peak memory) on ../shared/bench: DBLP-ACM linking and
bib-dedupe's stroke and haematology deduplication. Each dataset runs in its own process so its
peak RSS is its own; times are medians of several runs.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from scoring import cluster_pairs, pairwise, record_level  # noqa: E402

DATASETS = ("dblp-acm", "stroke", "haematology")
PUBLISHED = {"stroke": "bib-dedupe 0.11.0 (published): precision 1.000, F1 0.9968",
             "haematology": "bib-dedupe 0.11.0 (published): F1 0.94",
             "dblp-acm": "supervised matchers (published): F1 0.98-0.99 (Magellan ~0.984, Ditto 0.990)"}
TARGETS = {"dblp-acm": 0.985, "stroke": 0.9968, "haematology": 0.94}


def run_dataset(name: str, shared: Path) -> dict:
    """Match one dataset in this process; returns scores, seconds and peak RSS (MiB)."""
    from listmerge.load import read
    from listmerge.works import find_works, link

    start = time.perf_counter()
    if name == "dblp-acm":
        folder = shared / "bench" / "dblp-acm"
        lists = [read(str(folder / "dblp.csv"))[0], read(str(folder / "acm.csv"))[0]]
        matching = find_works(lists)
        keys = [r.entry.key for r in matching.records]
        linked = {(keys[a], keys[b]) for a, b in link(matching, 0, 1)}
        seconds = time.perf_counter() - start
        truth = {(r["dblp_id"], r["acm_id"]) for r in csv.DictReader(open(folder / "matches.csv"))}
        clustered = {(keys[a], keys[b]) for c in matching.clusters for a in c for b in c
                     if matching.records[a].source == 0 and matching.records[b].source == 1}
        scores = {"pairwise (one-to-one links)": pairwise(linked, truth),
                  "pairwise (all pairs in a work)": pairwise(clustered, truth)}
    else:
        folder = shared / "bench" / "bib-dedupe" / name
        (rl,) = read(str(folder / "records_pre_merged.csv"))
        matching = find_works([rl])
        seconds = time.perf_counter() - start
        keys = [r.entry.key for r in matching.records]
        predicted = [[keys[i] for i in c] for c in matching.clusters]
        with open(folder / "merged_record_ids.csv", newline="") as fh:
            truth = [row[0].split(";") for row in list(csv.reader(fh))[1:] if row and row[0]]
        scores = {"record-level": record_level(predicted, truth),
                  "pairwise": pairwise(cluster_pairs(predicted), cluster_pairs(truth))}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"scores": scores, "seconds": round(seconds, 3), "peak_rss_mib": round(peak, 1),
            "entries": len(matching.records)}


def measure(name: str, shared: Path, runs: int) -> dict:
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, __file__, "--one", name, "--shared", str(shared)],
                             capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout))
    best = results[0]
    best["seconds_median"] = round(statistics.median(r["seconds"] for r in results), 3)
    best["runs"] = runs
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in results)
    return best


def machine() -> dict:
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), None) \
        if Path("/proc/meminfo").exists() else None
    return {"python": platform.python_version(), "cores": os.cpu_count(), "memory_mib": mem,
            "platform": platform.platform(), "date": datetime.date.today().isoformat()}


def markdown(results: dict, info: dict, command: str) -> str:
    lines = ["# Benchmarks", "",
             f"Written by `{command}` on {info['date']}: {info['cores']} cores, "
             f"{info['memory_mib']} MiB memory, Python {info['python']} ({info['platform']}).",
             "Every number below is ours (listmerge) unless it says published.", "",
             "## 1. Matching accuracy (../shared/bench)", "",
             "| dataset | scoring | precision | recall | F1 | FP | target F1 | met | median s | peak RSS MiB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        for scoring, s in r["scores"].items():
            main = scoring.startswith(("record", "pairwise (one"))
            target = TARGETS[name] if main else None
            met = "" if target is None else ("yes" if s["f1"] >= target and (name == "dblp-acm" or s["fp"] == 0) else "no")
            lines.append(f"| {name} | {scoring} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
                         f"{s['fp']} | {target or ''} | {met} | {r['seconds_median']} | {r['peak_rss_mib']} |")
    lines += ["", "Published figures to compare against (not measured here):", ""]
    lines += [f"- {name}: {text}" for name, text in PUBLISHED.items()]
    lines += ["", "Times are the median of the runs shown in bench/results.json: reading the files "
              "and matching, in a fresh process per run (import time excluded).", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run per dataset")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--json", default=str(HERE / "results.json"))
    args = parser.parse_args()
    shared = Path(args.shared)
    if args.one:
        print(json.dumps(run_dataset(args.one, shared)))
        return
    if not (shared / "bench").is_dir():
        sys.exit(f"bench: {shared / 'bench'} is absent; pass --shared DIR")
    runs = 1 if args.quick else 5
    results = {name: measure(name, shared, runs) for name in DATASETS}
    command = "python bench/run.py" + (" --quick" if args.quick else "")
    info = machine()
    Path(args.json).write_text(json.dumps({"machine": info, "command": command, "results": results},
                                          indent=2, sort_keys=True) + "\n")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(markdown(results, info, command))
    print(Path(args.out).read_text())


if __name__ == "__main__":
    main()
