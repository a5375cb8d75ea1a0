"""Part 2: the peer, bib-dedupe, side by side with us on its own benchmark datasets.

bib-dedupe lives in its own virtual environment, bench/.venv-peer (git ignores it), made with
``python -m venv`` and ``pip install bib-dedupe==PEER_VERSION`` the first time. Each run is a
fresh process of that environment's python running bench/peer_driver.py (its documented prep,
block, match, cluster steps); its clusters are scored by our scorers exactly as ours are.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import proc
from scoring import cluster_pairs, pairwise, record_level

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv-peer"
PEER = "bib-dedupe"
PEER_VERSION = "0.11.0"
DATASETS = ("stroke", "haematology")


def venv_python(venv: Path = VENV) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path = VENV, build: bool = True) -> dict:
    """The peer's environment: {"python", "version"} when usable, else {"error"}."""
    python = venv_python(venv)
    if not python.exists():
        if not build:
            return {"error": f"{venv} is absent (the full run builds it)"}
        start = time.perf_counter()
        for cmd in ([sys.executable, "-m", "venv", str(venv)],
                    [str(python), "-m", "pip", "install", "--quiet", f"{PEER}=={PEER_VERSION}"]):
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode:
                return {"error": f"could not build {venv}: {' '.join(cmd[-3:])} failed: "
                                 f"{(done.stderr.strip().splitlines() or ['?'])[-1]}"}
        built = round(time.perf_counter() - start, 1)
    else:
        built = None
    version = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('bib-dedupe'))"],
                             capture_output=True, text=True)
    if version.returncode:
        return {"error": f"{venv} has no working bib-dedupe: {version.stderr.strip()[-200:]}"}
    return {"python": str(python), "version": version.stdout.strip(), "install_seconds": built}


def truth_of(folder: Path) -> list[list[str]]:
    import csv

    with open(folder / "merged_record_ids.csv", newline="") as fh:
        return [row[0].split(";") for row in list(csv.reader(fh))[1:] if row and row[0]]


def score(predicted: list[list[str]], truth: list[list[str]]) -> dict:
    return {"record-level": record_level(predicted, truth),
            "pairwise": pairwise(cluster_pairs(predicted), cluster_pairs(truth))}


def run_peer(name: str, shared: Path, python: str, runs: int, timeout: float = 600) -> dict:
    """bib-dedupe on one dataset: scores, median in-process seconds, process wall time, peak RSS."""
    folder = shared / "bench" / "bib-dedupe" / name
    cmd = [python, str(HERE / "peer_driver.py"), str(folder / "records_pre_merged.csv")]
    results = []
    for _ in range(runs):
        result = proc.run(cmd, timeout, cwd=str(HERE))
        if not result.ok:
            return {"error": "timed out" if result.timed_out else result.stderr.strip()[-300:]}
        results.append((result, json.loads(result.stdout)))
    out = results[-1][1]
    return {"scores": score(out["clusters"], truth_of(folder)), "maybe_pairs": out["maybe"],
            "runs": runs, "seconds_median": _median(o["seconds"] for _, o in results),
            "process_seconds_median": _median(r.seconds for r, _ in results),
            "peak_rss_mib": max(r.peak_rss_mib for r, _ in results)}


#: The peer's start-up: its interpreter and the imports of bench/peer_driver.py, nothing run.
PEER_STARTUP = "import pandas, bib_dedupe.bib_dedupe"


def whole_process(name: str, shared: Path, python: str, runs: int = 5, timeout: float = 600) -> dict:
    """What a user waits for, side by side: ``listmerge merge FILE`` and ``listmerge dedupe FILE``
    (fresh processes of the console's ``python -m listmerge``, start-up, writing and exit
    included) against a fresh process of the peer on the same file, run in turn (peer, merge,
    dedupe, ...) ``runs`` times; each ratio is the median of the per-round ratios, so a machine
    whose speed drifts affects both sides of a pair alike. Start-up alone is measured the same
    way: ``listmerge --help`` against the peer's interpreter importing what its driver imports.
    Our commands exit 1 on an input with problems (haematology has rows without a title): a run
    still, as the user waits for it."""
    folder = shared / "bench" / "bib-dedupe" / name
    csv = str(folder / "records_pre_merged.csv")
    proc.compile_sources()
    with tempfile.TemporaryDirectory() as tmp:
        commands = {"peer": ([python, str(HERE / "peer_driver.py"), csv], str(HERE), None),
                    "merge": (proc.listmerge("merge", csv, "--out", str(Path(tmp) / "out"), "--quiet"), tmp, proc.env()),
                    "dedupe": (proc.listmerge("dedupe", csv, "-o", "json"), tmp, proc.env()),
                    "peer start-up": ([python, "-c", PEER_STARTUP], str(HERE), None),
                    "listmerge --help": (proc.listmerge("--help"), tmp, proc.env())}
        seconds: dict[str, list[float]] = {key: [] for key in commands}
        for _ in range(runs):
            for key, (cmd, cwd, env) in commands.items():
                result = proc.run(cmd, timeout, cwd=cwd, env=env)
                if result.timed_out or result.returncode not in ((0, 1) if key in ("merge", "dedupe") else (0,)):
                    return {"error": f"{key}: " + ("timed out" if result.timed_out else result.stderr.strip()[-300:])}
                seconds[key].append(result.seconds)

    def ratio(a: str, b: str) -> float:
        return round(statistics.median(x / y for x, y in zip(seconds[a], seconds[b])), 3)

    return {"runs": runs, "seconds_median": {key: _median(values) for key, values in seconds.items()},
            "ratio": {"merge": ratio("merge", "peer"), "dedupe": ratio("dedupe", "peer"),
                      "start-up": ratio("listmerge --help", "peer start-up")}}


def _median(values) -> float:
    import statistics

    return round(statistics.median(list(values)), 3)


def compare(ours: dict, theirs: dict) -> dict:
    """Ratios ours / theirs for the median times of one dataset."""
    ratio = {}
    for key in ("seconds_median", "process_seconds_median"):
        if ours.get(key) and theirs.get(key):
            ratio[key] = round(ours[key] / theirs[key], 3)
    return ratio


def measure(shared: Path, ours: dict, runs: int, build: bool = True, process_runs: int = 5) -> dict:
    env = ensure_venv(build=build)
    if "error" in env:
        return {"peer": PEER, "error": env["error"]}
    found = {}
    for name in DATASETS:
        theirs = run_peer(name, shared, env["python"], runs)
        found[name] = {"theirs": theirs, "ratio": compare(ours.get(name, {}), theirs),
                       "whole_process": whole_process(name, shared, env["python"], process_runs)}
    return {"peer": PEER, "version": env["version"], "install_seconds": env["install_seconds"],
            "datasets": found}
