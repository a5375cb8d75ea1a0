"""Part 3: scale. For each size n, bench/synth.py writes two synthetic markdown lists (n entries
between them) with known truth; ``listmerge dedupe a.md b.md -o json`` and, once it exists,
``listmerge merge a.md b.md --out DIR --quiet`` run on them as fresh processes, timed, with
their peak RSS. Dedupe's works are scored pairwise against the truth. The growth exponent k
(time ∝ n^k) is fitted by least squares on log-log.

A size is not run when the time the smaller sizes predict for it is over its limit; a run that
reaches its limit is stopped and reported as a timeout, never waited on.
"""
from __future__ import annotations

import json
import math
import tempfile
from collections import defaultdict
from pathlib import Path

import proc
import synth
from scoring import cluster_pairs, pairwise

SIZES = (1_000, 10_000, 100_000, 300_000)
QUICK_SIZES = (1_000, 10_000)


def fit_exponent(points: list[tuple[int, float]]) -> float | None:
    """k of time = c * n^k, least squares on (log n, log time); None for fewer than 2 points."""
    pts = [(math.log(n), math.log(t)) for n, t in points if t > 0]
    if len(pts) < 2:
        return None
    mx, my = (sum(p[i] for p in pts) / len(pts) for i in (0, 1))
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / sxx, 3) if sxx else None


def predict(points: list[tuple[int, float]], n: int) -> float | None:
    """Seconds for n from the largest size done, growing at least linearly."""
    if not points:
        return None
    k = max(fit_exponent(points) or 1.0, 1.0)
    last_n, last_t = points[-1]
    return last_t * (n / last_n) ** k


def truth_clusters(truth: dict[tuple[str, int], str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for (name, line), work in truth.items():
        groups[work].append(f"{name}:{line}")
    return list(groups.values())


def score_works(works_json: str, truth: dict[tuple[str, int], str]) -> dict:
    """Pairwise scores of dedupe's works against the truth, plus entries found vs expected."""
    works = json.loads(works_json)["works"]
    predicted = [[f"{Path(e['path']).name}:{e['line']}" for e in w["entries"]] for w in works]
    scores = pairwise(cluster_pairs(predicted), cluster_pairs(truth_clusters(truth)))
    scores["entries_found"] = sum(len(c) for c in predicted)
    scores["entries_expected"] = len(truth)
    return scores


def run_dedupe(folder: Path, timeout: float) -> dict:
    out = folder / "works.json"
    result = proc.run(proc.listmerge("dedupe", "a.md", "b.md", "-o", "json", "--out", str(out)),
                      timeout, cwd=str(folder), env=proc.env())
    found = _outcome(result)
    if result.ok:
        found["scores"] = score_works(out.read_text(encoding="utf-8"), synth.read_truth(folder / "truth.csv"))
    return found


def run_merge(folder: Path, timeout: float) -> dict:
    result = proc.run(proc.listmerge("merge", "a.md", "b.md", "--out", str(folder / "merged"), "--quiet"),
                      timeout, cwd=str(folder), env=proc.env())
    return _outcome(result)


def _outcome(result: proc.Run) -> dict:
    found = {"seconds": result.seconds, "peak_rss_mib": result.peak_rss_mib,
             "status": "ok" if result.ok else "timeout" if result.timed_out else f"exit {result.returncode}"}
    if not result.ok and not result.timed_out:
        found["error"] = result.stderr.strip()[-300:]
    return found


def _skip(points, n: int, limit: float, gave_up: bool = False) -> dict | None:
    if gave_up:
        return {"status": "not run (a smaller size did not finish)"}
    expected = predict(points, n)
    if expected is not None and expected > limit:
        return {"status": "not run", "predicted_seconds": round(expected), "limit_seconds": round(limit)}
    return None


def measure(shared: Path, sizes=SIZES, timeout: float = 900, seed: int = 7, merge: bool | None = None) -> dict:
    """Every size in turn; ``timeout`` bounds each command. ``merge`` None: use it if it exists."""
    merge_ok = proc.available("merge") if merge is None else merge
    rows, done = [], {"dedupe": [], "merge": []}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"listmerge-scale-{n}-") as tmp:
            row = {"n": n}
            skip = _skip(done["dedupe"], n, timeout, _gave_up(rows, "dedupe"))
            row["dedupe"] = skip or _run_one(n, Path(tmp), shared, seed, timeout, row)
            if row["dedupe"].get("status") == "ok":
                done["dedupe"].append((n, row["dedupe"]["seconds"]))
            if not merge_ok:
                row["merge"] = {"status": "not available yet"}
            else:
                row["merge"] = _skip(done["merge"], n, timeout, _gave_up(rows, "merge")) or (
                    run_merge(Path(tmp), timeout) if (Path(tmp) / "a.md").exists() else {"status": "not run (no lists: dedupe was not run)"})
                if row["merge"].get("status") == "ok":
                    done["merge"].append((n, row["merge"]["seconds"]))
            rows.append(row)
    return {"rows": rows, "k": {cmd: fit_exponent(points) for cmd, points in done.items()},
            "k_from_10k": {cmd: fit_exponent([p for p in points if p[0] >= 10_000]) for cmd, points in done.items()},
            "k_largest_two": {cmd: fit_exponent(points[-2:]) for cmd, points in done.items()},
            "timeout_seconds": timeout, "merge_available": merge_ok}


def _gave_up(rows: list[dict], cmd: str) -> bool:
    return any(r[cmd].get("status") in ("timeout", "not run (a smaller size did not finish)") for r in rows)


def _run_one(n: int, folder: Path, shared: Path, seed: int, timeout: float, row: dict) -> dict:
    made = synth.write_pair(n, folder, shared, seed)
    row.update(entries=made["entries"], works=made["works"],
               bytes=sum(Path(f).stat().st_size for f in made["files"]))
    return run_dedupe(folder, timeout)
