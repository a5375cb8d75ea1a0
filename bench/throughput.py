"""Part 5: parse throughput, entries per second, for the parser each seed is read with (detection
included, as ``listmerge.load.read`` does it), median of several parses in one process; and for
the synthetic markdown lists at scale, each in a fresh process with a time limit
(``python bench/throughput.py FILE`` prints one JSON line)."""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import proc  # noqa: E402
import synth  # noqa: E402

SYNTH_SIZES = (10_000, 100_000)


def parse_rate(path: str, runs: int) -> dict:
    """Median seconds to read ``path`` and entries per second."""
    from listmerge.load import read

    times, lists = [], ()
    for _ in range(runs):
        start = time.perf_counter()
        lists = read(path)
        times.append(time.perf_counter() - start)
    entries = sum(len(rl.entries) for rl in lists)
    seconds = statistics.median(times)
    return {"parser": ",".join(sorted({rl.format for rl in lists})), "entries": entries,
            "bytes": Path(path).stat().st_size, "runs": runs, "seconds_median": round(seconds, 4),
            "entries_per_second": round(entries / seconds) if seconds else None}


def seeds(shared: Path, runs: int) -> dict:
    return {Path(p).name: parse_rate(str(p), runs) for p in sorted((shared / "seeds").glob("*")) if p.is_file()}


def synthetic(shared: Path, sizes=SYNTH_SIZES, timeout: float = 300, seed: int = 7) -> dict:
    """Parse rate of list a.md (n // 2 entries) of the synthetic pair of each size n."""
    found = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"listmerge-parse-{n}-") as tmp:
            made = synth.write_pair(n, Path(tmp), shared, seed)
            result = proc.run([sys.executable, __file__, made["files"][0]], timeout, env=proc.env())
            key = f"synthetic markdown, {n // 2} entries"
            if result.ok:
                found[key] = json.loads(result.stdout)
            else:
                found[key] = {"status": f"timeout after {timeout:.0f} s" if result.timed_out else "failed",
                              "error": result.stderr.strip()[-300:]}
    return found


def measure(shared: Path, runs: int, sizes=SYNTH_SIZES, timeout: float = 300) -> dict:
    return {"seeds": seeds(shared, runs), "synthetic": synthetic(shared, sizes, timeout)}


if __name__ == "__main__":
    print(json.dumps(parse_rate(sys.argv[1], 1)))
