"""What a run costs beyond its work: a command imports only the libraries it uses, the console
script ends without tearing the interpreter down, and making runs faster changed no output.
No timing is asserted here (speed is measured in bench/ and docs/benchmarks.md)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, shared_path

CSV_LIST = ROOT / "lists" / "ai-engineering-resources.csv"

#: Libraries a command on a CSV list has no use for: the graph export's, the parsers' of other
#: formats, the HTML charts', the scale engines', and NumPy (a few hundred titles are scored
#: one pair at a time).
UNUSED_ON_CSV = ("networkx", "numpy", "mistune", "markdown_it", "matplotlib", "duckdb", "pyspark")
#: ... and, for a command that writes no BibTeX or YAML, their libraries too.
UNUSED_BY_DEDUPE = (*UNUSED_ON_CSV, "bibtexparser", "pylatexenc", "yaml", "anyascii")

IMPORTED = """
import sys
from listmerge.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    sys.stdout.flush()
    print(sorted(sys.modules), file=sys.stderr)
"""


def modules_after(*args: str, cwd: Path) -> set[str]:
    """The top-level modules loaded by a run of ``listmerge ARGS`` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", IMPORTED, *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {name.split(".")[0] for name in json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))}


@pytest.mark.parametrize("args, unused", [
    pytest.param(("dedupe", str(CSV_LIST), "-o", "json"), UNUSED_BY_DEDUPE, id="dedupe"),
    pytest.param(("merge", str(CSV_LIST), "--out", "out", "--quiet"), UNUSED_ON_CSV, id="merge"),
    pytest.param(("parse", str(CSV_LIST), "-o", "json"), UNUSED_BY_DEDUPE, id="parse"),
])
def test_a_command_on_a_csv_list_imports_no_library_it_does_not_use(tmp_path, args, unused):
    """Each parser's libraries are imported when that parser runs, networkx when a graph is
    exported, NumPy when there are enough titles to score for its matrices to pay: a command on
    a CSV list loads none of them."""
    loaded = modules_after(*args, cwd=tmp_path)
    assert "listmerge" in loaded and "rapidfuzz" in loaded
    assert sorted(set(unused) & loaded) == []


def test_the_graph_export_still_imports_networkx(tmp_path):
    """networkx is still there for the one thing that needs it."""
    loaded = modules_after("merge", str(CSV_LIST), "--out", "out", "--quiet", "--graph", "out/graph.json",
                           cwd=tmp_path)
    assert "networkx" in loaded
    assert json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))["nodes"]


# --- the console script -----------------------------------------------------------------------

def run_module(*args: str, stdout=subprocess.PIPE, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "listmerge", *args], stdout=stdout, stderr=subprocess.PIPE,
                          cwd=cwd, text=True)


def test_the_console_script_ends_with_the_commands_status_and_all_its_output(tmp_path):
    """Ending the process at once loses nothing: stdout is flushed, and the status is the
    command's (0, 1 for problems, 2 for trouble)."""
    done = run_module("parse", str(CSV_LIST), "-o", "json")
    assert done.returncode == 0 and done.stderr == ""
    assert len(json.loads(done.stdout)["lists"][0]["entries"]) == 167
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    assert run_module("parse", str(tmp_path / "empty.md")).returncode == 1
    missing = run_module("parse", str(tmp_path / "missing.md"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    usage = run_module("no-such-command")
    assert usage.returncode == 2 and "No such command" in usage.stderr


def test_a_reader_that_went_away_ends_the_run_quietly():
    """Output to a pipe nobody reads (``listmerge parse x | head`` once head has quit) ends
    with status 1 and nothing on stderr: no traceback, no "Exception ignored"."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = run_module("parse", str(CSV_LIST), "-o", "json", stdout=write)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, "")


@pytest.mark.parametrize("code, status", [(None, 0), (0, 0), (1, 1), (2, 2), (256 + 3, 3), ("a message", 1)])
def test_the_exit_status_is_read_as_sys_exit_reads_it(code, status, capsys):
    from listmerge.console import _status

    assert _status(code) == status
    assert capsys.readouterr().err == ("a message\n" if isinstance(code, str) else "")


# --- the same outputs -------------------------------------------------------------------------

#: sha256 of every file ``listmerge merge lists/a.md lists/b.md --out out --quiet`` wrote for the
#: 10k synthetic lists (bench/synth.py, seed 7), and of ``dedupe ... -o json``'s stdout, as the
#: code before issue 19's changes were merged (main at f380449) wrote them.
BEFORE = FIXTURES / "lean" / "synth10k_sha256.json"


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_10k_synthetic_merge_writes_what_it_wrote_before_the_speed_work(tmp_path):
    """The outputs of a 10,000-entry merge (and dedupe's report) are byte for byte those of
    the code before the start-up, blocking and garbage-collection changes. (The five seeds are
    held by tests/test_docs.py: output/ as committed.)"""
    sys.path.insert(0, str(ROOT / "bench"))
    import synth

    synth.write_pair(10_000, tmp_path / "lists", shared_path())
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    merged = run_module("merge", "lists/a.md", "lists/b.md", "--out", "out", "--quiet", cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    deduped = run_module("dedupe", "lists/a.md", "lists/b.md", "-o", "json", cwd=tmp_path)
    assert deduped.returncode == 0, deduped.stderr
    assert digests(tmp_path / "lists") == before["lists"]
    assert digests(tmp_path / "out") == before["merge"]
    assert hashlib.sha256(deduped.stdout.encode("utf-8")).hexdigest() == before["dedupe"]


def test_what_was_read_is_frozen_for_the_collector_only_in_a_whole_process_run():
    """The console script declares its process one run: once reading is over, what was read is
    moved out of the cyclic collector's sight. A program using listmerge as a library keeps its
    collector as it was."""
    code = ("import gc; from listmerge import heap; heap.reading_done(); library = gc.get_freeze_count(); "
            "heap.whole_process(); heap.reading_done(); print(library, gc.get_freeze_count() > 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["0", "True"], done.stderr


def test_charts_drawn_by_the_prepared_child_are_those_drawn_in_process():
    """A small whole-process merge has a forked child import matplotlib while it matches; the
    charts that child draws are byte for byte those this process would draw."""
    code = """
import sys
from listmerge import heap
from listmerge.render import overlap
tags, memberships = ["A", "B", "C"], [(0,), (0, 1), (1, 2), (2,), (0, 1, 2), (1,)]
heap.whole_process()
overlap.prepare(10)
prepared = overlap._child is not None
drawn = overlap.charts(tags, memberships)
print(prepared, drawn == (overlap.upset_svg(tags, memberships), overlap.heatmap_svg(tags, memberships)),
      drawn[0].startswith("<svg"))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True", "True"], done.stderr
