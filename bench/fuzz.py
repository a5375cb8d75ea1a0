"""The fuzz harness: hostile input across every reader and command, each run in a process of its
own under a memory and a time cap, checked by oracles; and randomised three-way merges checked
for the nothing-lost property. Randomised and seedable: a failure is replayed from its family
and seed.

    python bench/fuzz.py [--minutes 10] [--seed N] [--out bench/fuzz-out] [--summary FILE]
                         [--merge3-trials 2000] [--only FAMILY ...] [--replay FAMILY:SEED]

Every command runs as ``python -m listmerge`` from this checkout (src/ first on PYTHONPATH), in a
temporary folder holding the case's files, with RLIMIT_AS (3 GiB), RLIMIT_CPU and RLIMIT_FSIZE
set; peak memory is the child's wait4 ru_maxrss. A run still going at --hang seconds (10) is
asked for its stack (faulthandler on SIGUSR1) and killed at --timeout (20).

Oracles, each a failure kind in the summary:
- traceback: a Python traceback on stderr, or death by a signal; owner: the file of its
  innermost listmerge frame (so another engineer's files are told apart);
- hang: longer than --hang seconds; memory: a peak over 1 GiB for input under 1 MB;
- exit: an exit status other than 0, 1, 2 (or other than the case expects); silent: exit 2 and
  no error line; two-errors: more than one error line for one input;
- input-modified: a file the case made changed (bytes or mode); temp-left: a ``.listmerge-``
  temporary file left behind;
- control: a control character in terminal text or stderr; markup: an unescaped tag in
  markdown, a tag or handler in html that listmerge does not write; formula: a CSV cell a
  spreadsheet would run; bibtex: a record more or less than written, or an unreadable one;
  json/yaml: output that does not parse; utf8: output that is not UTF-8;
- merge3-lost: a generated history whose merge loses, invents or doubles a work, or writes a
  conflict without markers (tests/test_merge3_property.py's property, over more formats).

The summary (markdown) goes to stdout and --summary; failures' reproducers to --out.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import json
import os
import platform
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE)]

import hostile  # noqa: E402

MIB = 2**20
#: The files of other engineers' work (issue 17's boundaries): their failures are reported, by
#: file, not fixed here.
OWNERS = {
    "shapes": ("parsers/plaintext.py", "parsers/tabular.py", "parsers/bibtex.py", "parsers/biblio.py",
               "parsers/csljson.py", "parsers/listmerge_yaml.py", "serialize.py"),
    "matching": ("records.py", "rules.py", "match.py", "graph.py", "identify.py", "works.py"),
}
WRAPPER = ("import faulthandler, signal, sys, runpy; faulthandler.register(signal.SIGUSR1); "
           "sys.argv[0] = 'listmerge'; runpy.run_module('listmerge', run_name='__main__', alter_sys=True)")
TEMPORARY = re.compile(r"\.listmerge-\d+-[^/]*\.tmp$")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
#: The tags diff's HTML page writes (render/diffpage.py): any other is text from a list let through.
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "ul", "li", "p", "a", "b", "br", "code",
             "del", "ins", "details", "summary", "div", "nav", "section", "small", "span"}


@dataclass
class Limits:
    hang: float = 10.0
    timeout: float = 20.0
    memory_mib: int = 3072
    peak_mib: int = 1024
    small_input: int = 2**20


@dataclass
class Run:
    args: list[str]
    rc: int | None
    seconds: float
    peak_mib: float
    stdout: bytes
    stderr: bytes
    stack: str = ""
    killed: bool = False


@dataclass
class Failure:
    kind: str
    owner: str
    case: str
    command: str
    detail: str


@dataclass
class Tally:
    cases: Counter = field(default_factory=Counter)
    runs: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    slowest: list = field(default_factory=list)
    largest: list = field(default_factory=list)
    merge3_trials: Counter = field(default_factory=Counter)
    small_peak_mib: float = 0.0


# --- running one command ----------------------------------------------------------------------------

def _limit(limits: Limits):
    def apply() -> None:
        cap = limits.memory_mib * MIB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(limits.timeout) + 10
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_FSIZE, (2**30, 2**30))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def environment(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("LISTMERGE_MAX_BYTES", None)
    env.update(extra or {})
    return env


def run_listmerge(args: list[str], cwd: Path, limits: Limits, env: dict | None = None,
                  kill_after: float | None = None) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", WRAPPER, *args], cwd=cwd, stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL, env=environment(env), start_new_session=True,
                                 preexec_fn=_limit(limits))
        asked, status, usage = False, None, None
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - start
            if kill_after is not None and elapsed > kill_after:
                _signal(-child.pid, signal.SIGKILL)
                _, status, usage = os.wait4(child.pid, 0)
                break
            if elapsed > limits.hang and not asked:
                asked = True
                _signal(child.pid, signal.SIGUSR1)
            if elapsed > limits.timeout:
                _signal(-child.pid, signal.SIGKILL)
                _, status, usage = os.wait4(child.pid, 0)
                status = None
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        child.returncode = -9 if status is None else os.waitstatus_to_exitcode(status)
        _signal(-child.pid, signal.SIGKILL)  # whatever it started (git) goes with it
        stdout, stderr = out_bytes(out), out_bytes(err)
    rc = None if status is None else os.waitstatus_to_exitcode(status)
    stack = ""
    if asked:
        text = stderr.decode("utf-8", "replace")
        stack = text[text.find("Current thread"):] if "Current thread" in text else text[-3000:]
    killed = kill_after is not None and rc is not None and rc < 0
    return Run(args, rc, seconds, usage.ru_maxrss / 1024 if usage else 0.0, stdout, stderr, stack, killed)


def out_bytes(handle) -> bytes:
    handle.seek(0)
    return handle.read()


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


# --- a case's files ------------------------------------------------------------------------------------

def materialise(case: hostile.Case, folder: Path) -> None:
    for name, content in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content[0] == "fifo":
            os.mkfifo(path)
        elif content[0] == "symlink":
            path.symlink_to(content[1])
        elif content[0] == "hardlink":
            os.link(folder / content[1], path)
        elif content[0] == "dir":
            path.mkdir(exist_ok=True)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """(sha1, mode) of every regular file below ``folder``, links not followed."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = (hashlib.sha1(path.read_bytes()).hexdigest(), path.stat().st_mode)
    return found


def input_size(case: hostile.Case) -> int:
    return sum(len(c) for c in case.files.values() if isinstance(c, bytes))


# --- oracles ---------------------------------------------------------------------------------------------

def owner_of(text: str) -> tuple[str, str]:
    """The owner and place of the innermost listmerge frame in a traceback (or a faulthandler
    stack, innermost first)."""
    frames = re.findall(r'File "([^"]*listmerge/[^"]+)", line (\d+)', text)
    if not frames:
        return "unknown", ""
    innermost = frames[0] if "most recent call first" in text else frames[-1]
    path = innermost[0].split("listmerge/", 1)[1]
    for owner, files in OWNERS.items():
        if path in files:
            return owner, f"{path}:{innermost[1]}"
    return "hostile", f"{path}:{innermost[1]}"


def check(case: hostile.Case, run: Run, folder: Path, before: dict, limits: Limits) -> list[tuple[str, str, str]]:
    """(kind, owner, detail) of every oracle the run fails."""
    found = []
    err = run.stderr.decode("utf-8", "replace")
    if run.killed:
        return found  # killed on purpose: what it left is checked after the next run
    if "Traceback (most recent call last)" in err:
        owner, where = owner_of(err)
        last = err.strip().splitlines()[-1][:200]
        found.append(("traceback", owner, f"{where} {last}"))
    elif run.rc is not None and run.rc < 0:
        found.append(("traceback", "unknown", f"killed by signal {-run.rc}"))
    if run.seconds > limits.hang:
        owner, where = owner_of(run.stack)
        found.append(("hang", owner, f"{run.seconds:.1f} s at {where}"))
    if run.peak_mib > limits.peak_mib and input_size(case) < limits.small_input:
        found.append(("memory", "unknown", f"peak {run.peak_mib:.0f} MiB"))
    if run.rc is not None and run.rc not in (0, 1, 2):
        found.append(("exit", "hostile", f"exit {run.rc}"))
    expected = case.expect.get("exit")
    if expected is not None and run.rc is not None and run.rc != expected:
        found.append(("exit", "hostile", f"exit {run.rc}, expected {expected}"))
    errors = [line for line in err.splitlines() if line.startswith("listmerge: error:")]
    if run.rc == 2 and not errors and "Error:" not in err and "Usage:" not in err and not found:
        found.append(("silent", "hostile", "exit 2 without an error line"))
    inputs = [a for a in run.args[1:] if (folder / a).exists() or a.startswith("/dev/")]
    if run.rc == 2 and len(inputs) == 1 and len(errors) > 1 and run.args[0] in ("parse", "dedupe", "merge"):
        found.append(("two-errors", "hostile", " | ".join(errors)[:200]))
    after = snapshot(folder)
    for name, state in before.items():
        if after.get(name) != state:
            found.append(("input-modified", "hostile", name))
    for name in case.expect.get("absent", ()):
        if (folder / name).exists():
            found.append(("input-modified", "hostile", f"{name} was written"))
    left = [str(p.relative_to(folder)) for p in folder.rglob("*") if TEMPORARY.search(p.name)]
    if left and run.rc in (0, 1, 2) and run.seconds <= limits.hang:  # a run that finished cleans up
        found.append(("temp-left", "hostile", ", ".join(left[:3])))
    if CONTROL.search(SGR.sub("", err)) and "Traceback" not in err:
        found.append(("control", "hostile", f"stderr: {CONTROL.search(SGR.sub('', err)).group(0)!r}"))
    finished = run.rc in (0, 1) and not any(k in ("traceback", "hang") for k, _, _ in found)
    for kind, text in outputs(run, folder) if finished else ():
        if not text and "--out" in run.args:
            continue  # written to a file, not to stdout
        problem = check_output(kind, text, "--color" in run.args)
        if problem:
            found.append((problem[0], "hostile", f"{kind}: {problem[1]}"))
    return found


def outputs(run: Run, folder: Path) -> list[tuple[str, bytes]]:
    """(kind, bytes) of what the run wrote: its stdout, and the files of an output folder."""
    args, found = run.args, []
    command = args[0]
    option = next((args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-o", "--output")), None)
    if command == "parse":
        found.append((option or "table", run.stdout))
    elif command == "dedupe":
        found.append(("json" if option == "json" else "table", run.stdout))
    elif command == "diff":
        found.append(({"md": "md", "json": "json", "html": "html"}.get(option, "terminal"), run.stdout))
    elif command in ("explain", "git-diff"):
        found.append(("terminal", run.stdout))
    elif command == "merge":
        out = folder / next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "--out"), "out")
        for name, kind in (("canon.md", "md"), ("report.md", "md"), ("canon.json", "json"),
                           ("canon.yaml", "yaml"), ("canon.bib", "bibtex")):
            if (out / name).is_file():
                found.append((kind, (out / name).read_bytes()))
    return found


def check_output(kind: str, data: bytes, color: bool) -> tuple[str, str] | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "utf8", str(exc)[:120]
    if kind in ("table", "terminal", "md", "html", "bibtex", "csv"):
        shown = SGR.sub("", text) if color else text
        m = CONTROL.search(shown)
        if m:
            return "control", f"{m.group(0)!r} at {m.start()}"
    if kind == "md":
        bare = re.sub(r"(`+)[^`]*?\1", "", text)  # code spans
        bare = re.sub(r"<(?:https?|ftp|mailto)[^\s<>]*>", "", bare)  # autolinks
        m = re.search(r"(?<!\\)<[A-Za-z!/?]", bare)
        if m:
            return "markup", bare[max(0, m.start() - 30): m.start() + 40]
    elif kind == "html":
        tags = {t.lower() for t in re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", text)}
        if tags - HTML_TAGS or re.search(r"<[^>]*\son\w+\s*=", text):
            return "markup", f"tags {sorted(tags - HTML_TAGS)}"
    elif kind in ("json", "csljson"):
        try:
            json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        except ValueError as exc:
            return "json", str(exc)[:120]
    elif kind == "yaml":
        import yaml

        try:
            yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            return "yaml", str(exc).splitlines()[0][:120]
    elif kind == "csv":
        for row in csv.reader(io.StringIO(text)):
            bad = next((cell for cell in row if cell[:1] in ("=", "+", "-", "@")), None)
            if bad is not None:
                return "formula", bad[:80]
    elif kind == "bibtex":
        return check_bibtex(text)
    return None


def check_bibtex(text: str) -> tuple[str, str] | None:
    import bibtexparser

    written = sum(1 for line in text.splitlines() if line.startswith("@"))
    library = bibtexparser.parse_string(text)
    if library.failed_blocks or len(library.entries) != written:
        return "bibtex", f"{written} records written, {len(library.entries)} read, {len(library.failed_blocks)} failed"
    if any(e.key in ("pwned", "pwned2") for e in library.entries):  # the payloads' own records
        return "bibtex", "a record made from a field's text"
    return None


def run_case(case: hostile.Case, limits: Limits, keep: Path | None, tally: Tally, say) -> list[Failure]:
    failures, last = [], 0.0
    with tempfile.TemporaryDirectory(prefix="listmerge-fuzz-") as tmp:
        folder = Path(tmp) / "case"
        folder.mkdir()
        materialise(case, folder)
        for n, command in enumerate(case.commands):
            args = [a.replace("{out}", "out") for a in command]
            before = snapshot(folder)
            if case.expect.get("outputs"):  # a killed run's outputs are outputs, not inputs
                before = {k: v for k, v in before.items() if not k.startswith(case.expect["outputs"] + "/")
                          and not TEMPORARY.search(k)}
            share = case.expect.get("kill_share", {}).get(n)
            run = run_listmerge(args, folder, limits, case.env, share * last if share and last else None)
            last = run.seconds
            tally.runs[args[0]] += 1
            tally.slowest = sorted(tally.slowest + [(run.seconds, case.family, case.seed, args[0], case.note)], reverse=True)[:5]
            tally.largest = sorted(tally.largest + [(run.peak_mib, case.family, case.seed, args[0], case.note)], reverse=True)[:5]
            if input_size(case) < limits.small_input:
                tally.small_peak_mib = max(tally.small_peak_mib, run.peak_mib)
            for kind, owner, detail in check(case, run, folder, before, limits):
                failure = Failure(kind, owner, f"{case.family}:{case.seed}", " ".join(args)[:160], detail)
                failures.append(failure)
                say(f"FAIL {kind} [{owner}] {failure.case} ({case.note}) {failure.command}: {detail}")
            if (folder / "out").is_dir():
                shutil.rmtree(folder / "out", ignore_errors=True)
        if failures and keep is not None:
            _keep(case, folder, keep)
    return failures


def _keep(case: hostile.Case, folder: Path, keep: Path) -> None:
    target = keep / f"{case.family}-{case.seed}"
    target.mkdir(parents=True, exist_ok=True)
    (target / "case.json").write_text(json.dumps({"family": case.family, "seed": case.seed, "note": case.note,
                                                  "commands": case.commands,
                                                  "replay": f"python bench/fuzz.py --replay {case.family}:{case.seed}"}, indent=1))
    if input_size(case) < 5 * MIB:
        for name, content in case.files.items():
            if isinstance(content, bytes):
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                (target / name).write_bytes(content)


# --- merge3's nothing-lost property, over every format ---------------------------------------------------

def merge3_trials(count: int, seed: int, limits: Limits) -> tuple[Counter, list[Failure]]:
    """``count`` trials in a worker process of its own (capped like any run)."""
    args = ["--merge3-worker", str(count), "--seed", str(seed)]
    with tempfile.TemporaryDirectory(prefix="listmerge-fuzz-") as tmp:
        child = subprocess.run([sys.executable, __file__, *args], cwd=tmp, capture_output=True, text=True,
                               env=environment(), preexec_fn=_limit(Limits(memory_mib=limits.memory_mib, timeout=600)),
                               timeout=900)
    try:
        report = json.loads(child.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        owner, where = owner_of(child.stderr)
        return Counter(), [Failure("traceback", owner, f"merge3:{seed}", "merge3 worker",
                                   f"{where} {(child.stderr.strip().splitlines() or [''])[-1][:200]}")]
    failures = [Failure(v["kind"], v.get("owner", "hostile"), f"merge3:{v['seed']}", f"merge3 trial ({v['shape']})", v["detail"])
                for v in report["violations"]]
    return Counter(report["trials"]), failures


def merge3_worker(count: int, seed: int) -> int:
    """Run ``count`` generated histories through merge_versions and print one JSON line."""
    import traceback

    import merge3_trials as trials

    rng = random.Random(seed)
    done: Counter = Counter()
    violations = []
    for _ in range(count):
        trial_seed = rng.getrandbits(31)
        shape = random.Random(trial_seed).choice(sorted(trials.SHAPES))
        try:
            problem = trials.trial(trial_seed, shape)
        except Exception:  # noqa: BLE001 - a crash is a finding, reported with its place
            text = traceback.format_exc()
            owner, where = owner_of(text)
            problem = ("traceback", f"{where} {text.strip().splitlines()[-1][:200]}", owner)
        done[shape] += 1
        if problem:
            kind, detail, *owner = problem
            violations.append({"kind": kind, "detail": detail, "shape": shape, "seed": trial_seed,
                               "owner": owner[0] if owner else "hostile"})
    print(json.dumps({"trials": dict(done), "violations": violations}))
    return 0


# --- the run -----------------------------------------------------------------------------------------------

def fuzz(args, say) -> Tally:
    limits = Limits(hang=args.hang, timeout=args.timeout)
    rng = random.Random(args.seed)
    tally = Tally()
    deadline = time.monotonic() + args.minutes * 60
    families = [f for f in hostile.FAMILIES if not args.only or f in args.only]
    weights = [hostile.FAMILIES[f][0] for f in families]
    keep = Path(args.out) / "failures" if args.out else None
    trials_left = args.merge3_trials
    chunk = 100
    while time.monotonic() < deadline:
        if trials_left > 0 and (tally.cases.total() % 8 == 0 or not families):
            n = min(chunk, trials_left)
            done, failures = merge3_trials(n, rng.getrandbits(31), limits)
            trials_left -= max(n, 1)
            tally.merge3_trials.update(done)
            tally.failures += failures
            for f in failures:
                say(f"FAIL {f.kind} [{f.owner}] {f.case} {f.command}: {f.detail}")
            continue
        if not families:
            break
        family = rng.choices(families, weights)[0]
        case = hostile.make(family, rng.getrandbits(31))
        tally.cases[family] += 1
        tally.failures += run_case(case, limits, keep, tally, say)
    return tally


def summary(args, tally: Tally, minutes: float) -> str:
    kinds = Counter(f.kind for f in tally.failures)
    owners = Counter((f.kind, f.owner) for f in tally.failures)
    small = tally.small_peak_mib
    lines = [f"### Fuzz run of {datetime.date.today().isoformat()}: seed {args.seed}, {minutes:.1f} minutes",
             "", f"Machine: {os.cpu_count()} cores (shared), Python {platform.python_version()}, {platform.system()}; "
             f"caps: {Limits().memory_mib} MiB address space, hang at {args.hang:.0f} s, killed at {args.timeout:.0f} s.", "",
             f"- cases: {tally.cases.total()} ({', '.join(f'{k} {v}' for k, v in tally.cases.most_common())}); "
             f"command runs: {tally.runs.total()} ({', '.join(f'{k} {v}' for k, v in tally.runs.most_common())})",
             f"- tracebacks: {kinds['traceback']}" + _by_owner(owners, "traceback"),
             f"- hangs over {args.hang:.0f} s: {kinds['hang']}" + _by_owner(owners, "hang"),
             f"- peak memory over 1 GiB with input under 1 MB: {kinds['memory']} (largest peak for such an input: {small:.0f} MiB)",
             f"- merge3 nothing-lost: {tally.merge3_trials.total()} trials "
             f"({', '.join(f'{k} {v}' for k, v in sorted(tally.merge3_trials.items()))}), "
             f"{kinds['merge3-lost'] + kinds['merge3-markers']} violations",
             "- other oracles: " + (", ".join(f"{k} {v}" for k, v in sorted(kinds.items())
                                             if k not in ("traceback", "hang", "memory", "merge3-lost", "merge3-markers")) or "none"),
             "- slowest runs: " + "; ".join(f"{s:.1f} s {fam}:{seed} {cmd} ({note})" for s, fam, seed, cmd, note in tally.slowest[:3]),
             "- largest peaks: " + "; ".join(f"{m:.0f} MiB {fam}:{seed} {cmd} ({note})" for m, fam, seed, cmd, note in tally.largest[:3])]
    if tally.failures:
        lines += ["", "| kind | owner | case | command | detail |", "| --- | --- | --- | --- | --- |"]
        seen = set()
        for f in tally.failures:
            key = (f.kind, f.owner, f.detail[:60])
            if key in seen:
                continue
            seen.add(key)
            lines.append(f"| {f.kind} | {f.owner} | `{f.case}` | `{_cell(f.command)}` | {_cell(f.detail)} |")
    return "\n".join(lines) + "\n"


def _by_owner(owners: Counter, kind: str) -> str:
    found = [f"{owner} {n}" for (k, owner), n in sorted(owners.items()) if k == kind]
    return f" ({', '.join(found)})" if found else ""


def _cell(text: str) -> str:
    return CONTROL.sub("?", text).replace("|", "\\|").replace("`", "'")[:160]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", default=str(HERE / "fuzz-out"), help="where failing cases are kept")
    parser.add_argument("--summary", help="also write the summary (markdown) here")
    parser.add_argument("--merge3-trials", type=int, default=2000)
    parser.add_argument("--only", nargs="*", choices=sorted(hostile.FAMILIES))
    parser.add_argument("--replay", metavar="FAMILY:SEED", help="run one case again and show every run")
    parser.add_argument("--hang", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--merge3-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.merge3_worker is not None:
        return merge3_worker(args.merge3_worker, args.seed or 0)
    say = (lambda text: None) if args.quiet else (lambda text: print(text, file=sys.stderr, flush=True))
    if args.replay:
        return replay(args.replay, Limits(hang=args.hang, timeout=args.timeout))
    if args.seed is None:
        args.seed = int(time.time()) % 100_000
    start = time.monotonic()
    tally = fuzz(args, say)
    text = summary(args, tally, (time.monotonic() - start) / 60)
    print(text)
    if args.summary:
        Path(args.summary).write_text(text, encoding="utf-8")
    return 1 if tally.failures else 0


def replay(spec: str, limits: Limits) -> int:
    family, _, seed = spec.partition(":")
    if family == "merge3":
        import merge3_trials as trials

        rng = random.Random(int(seed))
        shape = rng.choice(sorted(trials.SHAPES))
        print(f"merge3 trial {seed} ({shape}):", trials.trial(int(seed), shape, show=True))
        return 0
    case = hostile.make(family, int(seed))
    tally = Tally()
    failures = run_case(case, limits, Path(HERE / "fuzz-out" / "failures"), tally, print)
    print(f"{spec} ({case.note}): {len(failures)} failures; commands: {case.commands}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
