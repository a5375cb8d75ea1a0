"""Part 4: start-up and small jobs. ``listmerge --help`` (as ``python -m listmerge`` and as the
console script), a bare ``python -c pass`` for the interpreter's own share, the heaviest imports
of that start-up (``python -X importtime``), and whole small jobs on the seeds and lists/:
``merge`` when this checkout has it, and ``dedupe`` now. Medians of several fresh processes."""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

import proc

ROOT = proc.ROOT
IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s+)(\S+)")


def help_times(runs: int) -> dict:
    found = {"python -c pass": proc.repeat([sys.executable, "-c", "pass"], runs, 60),
             "python -m listmerge --help": proc.repeat(proc.listmerge("--help"), runs, 60, env=proc.env())}
    beside = Path(sys.executable).parent / "listmerge"  # this interpreter's own, not another's on PATH
    script = str(beside) if beside.exists() else shutil.which("listmerge")
    if script:
        found["listmerge --help (console script)"] = proc.repeat([script, "--help"], runs, 60, env=proc.env())
        found["listmerge --help (console script)"]["path"] = script
    for item in found.values():
        item.pop("stdout", None)
    return found


def heaviest_imports(top: int = 8) -> dict:
    """What ``--help`` imports, by cumulative time: each outermost import with the heaviest
    modules it pulls in directly. importtime prints a module after everything it imports, so the
    lines before an outermost import are its own."""
    result = proc.run([sys.executable, "-X", "importtime", "-m", "listmerge", "--help"], 60, env=proc.env())
    rows = [(int(m.group(2)), len(m.group(3)), m.group(4))
            for m in map(IMPORT_LINE.match, result.stderr.splitlines()) if m]
    outermost = min((depth for _, depth, _ in rows), default=0)
    found, pending = [], []
    for us, depth, name in rows:
        if depth > outermost:
            pending.append((us, depth, name))
            continue
        children = sorted(((u, n) for u, d, n in pending if d == outermost + 2), reverse=True)
        found.append({"module": name, "cumulative_ms": _ms(us),
                      "pulls_in": [{"module": n, "cumulative_ms": _ms(u)} for u, n in children[:top]]})
        pending = []
    found.sort(key=lambda item: -item["cumulative_ms"])
    return {"total_ms": _ms(sum(item["cumulative_ms"] * 1000 for item in found)), "outermost": found[:top]}


def _ms(us: float) -> float:
    return round(us / 1000, 1)


def seeds(shared: Path) -> list[str]:
    return [str(p) for p in sorted((shared / "seeds").glob("*")) if p.is_file()]


def small_jobs(shared: Path, runs: int, merge: bool | None = None) -> dict:
    """Whole commands on the five seeds and on lists/, from the project root."""
    merge_ok = proc.available("merge") if merge is None else merge
    inputs = {"five seeds": seeds(shared), "lists/": ["lists"]}
    found = {}
    for label, paths in inputs.items():
        if not paths:
            found[f"merge {label}"] = {"status": "inputs absent"}
            continue
        if merge_ok:
            with tempfile.TemporaryDirectory(prefix="listmerge-merge-") as tmp:
                found[f"merge {label}"] = _job(["merge", *paths, "--out", str(Path(tmp) / "merged"), "--quiet"], runs)
        else:
            found[f"merge {label}"] = {"status": "not available yet"}
        found[f"dedupe {label}"] = _job(["dedupe", *paths, "-o", "json"], runs)
    return found


def _job(args: list[str], runs: int) -> dict:
    result = proc.repeat(proc.listmerge(*args), runs, 300, cwd=str(ROOT), env=proc.env())
    result.pop("stdout", None)
    result["status"] = "ok" if result["ok"] else result["error"]
    return result


def measure(shared: Path, runs: int) -> dict:
    return {"help": help_times(runs), "imports": heaviest_imports(), "jobs": small_jobs(shared, runs)}
