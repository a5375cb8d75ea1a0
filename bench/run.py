"""listmerge benchmarks: `python bench/run.py [--quick]` writes docs/benchmarks.md and
bench/results.json. Every number comes from this script, run on this machine.

1. accuracy.py    matching accuracy on ../shared/bench (DBLP-ACM, stroke, haematology)
2. peer.py        bib-dedupe side by side on stroke and haematology (its own venv)
3. scale.py       synthetic lists (synth.py) at 1k-300k entries: dedupe and merge
4. startup.py     `listmerge --help` and small whole jobs
5. throughput.py  parse rate per parser
report.py turns the results into docs/benchmarks.md; bench/findings.md (profiling notes, by
hand) is appended as it is. catalogue.py (link against a synthetic catalogue of 100k-5M records,
about an hour, most of it loading) runs on its own: its results are in docs/scale.md.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]  # this checkout's listmerge, whatever is installed

import accuracy  # noqa: E402
import peer  # noqa: E402
import proc  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402
import startup  # noqa: E402
import throughput  # noqa: E402

#: How much each part does: the full run, and --quick (which must finish in under 2 minutes).
PLANS = {
    "full": {"accuracy_runs": 5, "peer_runs": 3, "scale_sizes": scale.SIZES, "scale_timeout": 600,
             "startup_runs": 11, "parse_runs": 5, "parse_sizes": throughput.SYNTH_SIZES, "parse_timeout": 240},
    "quick": {"accuracy_runs": 1, "peer_runs": 0, "scale_sizes": scale.QUICK_SIZES, "scale_timeout": 60,
              "startup_runs": 3, "parse_runs": 1, "parse_sizes": (10_000,), "parse_timeout": 60},
}


def machine() -> dict:
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), None) \
        if Path("/proc/meminfo").exists() else None
    return {"python": platform.python_version(), "cores": os.cpu_count(), "memory_mib": mem,
            "platform": platform.platform(), "date": datetime.date.today().isoformat()}


def gather(shared: Path, plan: dict) -> dict:
    steps = {
        "accuracy": lambda: accuracy.measure_all(shared, plan["accuracy_runs"]),
        "peer": lambda: peer.measure(shared, found["accuracy"], plan["peer_runs"]) if plan["peer_runs"]
        else {"skipped": "--quick leaves the peer out (about 15 s a run); the full run measures it"},
        "scale": lambda: scale.measure(shared, plan["scale_sizes"], plan["scale_timeout"]),
        "startup": lambda: startup.measure(shared, plan["startup_runs"]),
        "throughput": lambda: throughput.measure(shared, plan["parse_runs"], plan["parse_sizes"], plan["parse_timeout"]),
    }
    found: dict = {}
    for name, step in steps.items():
        start = time.perf_counter()
        found[name] = step()
        print(f"bench: {name} done in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return found


def target_rows(data: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for the targets of issues 7, 18 and 19 that this run can judge."""
    rows = _accuracy_targets(data["accuracy"])
    for name, d in data["peer"].get("datasets", {}).items():
        ours, theirs = data["accuracy"][name], d["theirs"]
        if "error" in theirs or "error" in ours:
            continue
        o, t = ours["scores"]["record-level"], theirs["scores"]["record-level"]
        rows += [(f"{name}: zero false positives (record-level)", f"ours {o['fp']}, peer {t['fp']}", o["fp"] == 0),
                 (f"{name}: F1 at least the peer's", f"ours {o['f1']}, peer {t['f1']}", o["f1"] >= t["f1"]),
                 (f"{name}: at most 1/10 of the peer's time (in-process read+match)",
                  f"ratio {d['ratio'].get('seconds_median')}", d["ratio"].get("seconds_median", 1) <= 0.1)]
        whole = d.get("whole_process", {})
        if "ratio" in whole:
            rows += [(f"{name}: whole process, `listmerge merge FILE` at most 0.10 of the peer's",
                      f"ratio {whole['ratio']['merge']} (median of {whole['runs']} paired)", whole["ratio"]["merge"] <= 0.10),
                     (f"{name}: whole process, `listmerge dedupe FILE` at most 0.08 of the peer's",
                      f"ratio {whole['ratio']['dedupe']} (median of {whole['runs']} paired)", whole["ratio"]["dedupe"] <= 0.08)]
    rows += _scale_targets(data["scale"])
    rows += _startup_targets(data["startup"])
    return rows


def _accuracy_targets(found: dict) -> list:
    rows = []
    for name, target in accuracy.TARGETS.items():
        r = found.get(name, {})
        s = r.get("scores", {}).get(target[0])
        rows.append((f"{name}: {report.target_text(target)} ({target[0]})",
                     f"F1 {s['f1']}, precision {s['precision']}, FP {s['fp']}" if s else r.get("error", "not run"),
                     report.target_met(s, target) if s else None))
    return rows


def _scale_targets(s: dict) -> list:
    by_n = {r["n"]: r for r in s["rows"]}
    merge = by_n.get(100_000, {}).get("merge", {})
    done = merge.get("status") == "ok"
    dedupe = by_n.get(100_000, {}).get("dedupe", {})
    context = f" (dedupe of the same lists, which merge includes: {dedupe['seconds']} s, " \
              f"{dedupe['peak_rss_mib']} MiB)" if dedupe.get("status") == "ok" and not done else ""
    rows = [("100k entries merged in at most 25 s",
             (f"{merge.get('seconds')} s" if done else merge.get("status", "not in this run")) + context,
             merge["seconds"] <= 25 if done else None),
            ("100k entries merged in at most 1 GB", f"{merge.get('peak_rss_mib')} MiB" if done else merge.get("status", "not in this run"),
             merge["peak_rss_mib"] <= 1024 if done else None)]
    for cmd in ("dedupe", "merge"):
        k = s["k_from_10k"][cmd]
        rows.append((f"{cmd}: growth exponent k ≤ 1.1 (sizes ≥ 10k)", f"k = {k}" if k is not None
                     else "fewer than two sizes ≥ 10k finished", None if k is None else k <= 1.1))
    f1 = [(r["n"], r["dedupe"]["scores"]["f1"]) for r in s["rows"] if "scores" in r["dedupe"]]
    rows.append(("F1 on the synthetic truth ≥ 0.98 (dedupe, every size run)",
                 ", ".join(f"{n}: {f}" for n, f in f1) or "none finished", all(f >= 0.98 for _, f in f1) if f1 else None))
    return rows


def _startup_targets(s: dict) -> list:
    rows = [(f"`{name}` at most 0.10 s", f"{r['seconds_median']} s", r["seconds_median"] <= 0.10)
            for name, r in s["help"].items() if "listmerge" in name]
    merge = s["jobs"].get("merge five seeds", {})
    rows.append(("`listmerge merge` of the five seeds at most 0.5 s",
                 f"{merge['seconds_median']} s" if merge.get("status") == "ok" else merge.get("status", "?"),
                 merge["seconds_median"] <= 0.5 if merge.get("status") == "ok" else None))
    return rows


def measure(shared: Path, quick: bool) -> dict:
    if not (shared / "bench").is_dir():
        sys.exit(f"bench: {shared / 'bench'} is absent; pass --shared DIR")
    start = time.perf_counter()
    proc.compile_sources()
    data = gather(shared, PLANS["quick" if quick else "full"])
    data.update(machine=machine(), command="python bench/run.py" + (" --quick" if quick else ""),
                seconds=round(time.perf_counter() - start, 1))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and sizes, no peer (under 2 minutes)")
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--json", default=str(HERE / "results.json"))
    parser.add_argument("--render", action="store_true",
                        help="only rewrite --out from the results already in --json (no measuring)")
    args = parser.parse_args()
    if args.render:
        data = json.loads(Path(args.json).read_text())
    else:
        data = measure(Path(args.shared), args.quick)
    data["targets"] = target_rows(data)
    Path(args.json).write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")
    findings = HERE / "findings.md"
    text = report.render(data, data["targets"]) + ("\n" + findings.read_text() if findings.exists() else "")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
