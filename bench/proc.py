"""Running a command and measuring it: wall time and peak resident memory, with a timeout."""
from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mib: float
    returncode: int | None      # None when the run was stopped at its timeout
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def env() -> dict:
    """This environment with our src/ first on PYTHONPATH: the code measured is this checkout's,
    whatever an editable install elsewhere points at."""
    found = dict(os.environ)
    found["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), found.get("PYTHONPATH")]))
    return found


def compile_sources() -> None:
    """Byte-compile this checkout's src/ (as pip does for what it installs), so a timed run
    reads compiled modules as an installed listmerge does: where PYTHONDONTWRITEBYTECODE is set,
    every run would otherwise compile each of our modules again (the peer's and our libraries
    are compiled when installed)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC / "listmerge")], check=False,
                   capture_output=True)


def listmerge(*args: str) -> list[str]:
    """The command line for ``python -m listmerge ARGS`` with this interpreter."""
    return [sys.executable, "-m", "listmerge", *args]


def available(command: str) -> bool:
    """True when ``listmerge COMMAND --help`` exits 0 (the command exists in this checkout)."""
    return run(listmerge(command, "--help"), 60, env=env()).ok


#: Started first, it forks and execs the command and reports the command's own wait4 rusage and
#: wall time. A forked child inherits its parent's memory high-water mark, so ru_maxrss is only
#: true when the parent is small: this launcher (python -S, nothing imported) is, our bench isn't.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as fh:
    fh.write(f"{time.perf_counter() - start} {usage.ru_maxrss}")
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run(cmd: list[str], timeout: float = 900, cwd: str | None = None, env: dict | None = None) -> Run:
    """Run ``cmd`` once, with its wall time and peak memory (see ``Memory``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".usage") as usage:
        start = time.perf_counter()
        launcher = [sys.executable, "-I", "-S", "-c", LAUNCHER, usage.name, *cmd]
        child = subprocess.Popen(launcher, stdout=out, stderr=err, cwd=cwd, env=env, start_new_session=True)
        memory = Memory(child.pid)
        status = _wait(child.pid, start + timeout, memory)
        seconds = time.perf_counter() - start
        if status is None:
            os.killpg(child.pid, signal.SIGKILL)
            os.waitpid(child.pid, 0)
            code = None
        else:
            code = os.waitstatus_to_exitcode(status)
            seconds, memory.peak_kib = _reported(usage.name, seconds, memory.peak_kib)
        child.returncode = code if code is not None else -9  # keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(round(seconds, 3), round(memory.peak_kib / 1024, 1), code,
                   out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def _reported(path: str, seconds: float, peak_kib: int) -> tuple[float, int]:
    """The launcher's wall time and ru_maxrss of the command, when it wrote them."""
    try:
        with open(path, encoding="utf-8") as fh:
            wall, maxrss = fh.read().split()
        return float(wall), max(peak_kib, int(maxrss))
    except (OSError, ValueError):
        return seconds, peak_kib


class Memory:
    """Peak resident memory of the command: the larger of its wait4 ru_maxrss (its own largest
    process, exact) and the largest summed RSS of the whole process tree below the launcher seen
    at a sample while it runs (so worker processes it starts count together)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kib = pid, 0

    def sample(self) -> None:
        tree = sum(_status_kib(p, "VmRSS") for p in _tree(self.pid) if p != self.pid)
        self.peak_kib = max(self.peak_kib, tree)


def _status_kib(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith(field + ":")), 0)
    except (OSError, ValueError):
        return 0


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return found


def _wait(pid: int, deadline: float, memory: Memory):
    """The exit status of ``pid``, sampling its memory meanwhile; None at the deadline."""
    pause = 0.001
    while True:
        memory.sample()
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.perf_counter() >= deadline:
            return None
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def repeat(cmd: list[str], runs: int, timeout: float = 900, **kwargs) -> dict:
    """Median wall time and largest peak RSS of ``runs`` runs; stops at the first failure."""
    results = []
    for _ in range(runs):
        result = run(cmd, timeout, **kwargs)
        results.append(result)
        if not result.ok:
            break
    last = results[-1]
    return {"ok": last.ok, "timed_out": last.timed_out, "runs": len(results),
            "seconds_median": round(statistics.median(r.seconds for r in results), 3),
            "seconds_all": [r.seconds for r in results],
            "peak_rss_mib": max(r.peak_rss_mib for r in results),
            "error": None if last.ok else _tail(last.stderr) or f"exit {last.returncode}",
            "stdout": last.stdout}


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])
