"""`listmerge merge` on the command line: the files it writes, what it refuses, its exit codes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from conftest import FIXTURES, seed
from listmerge.cli import main

OUTPUTS = ("canon.md", "canon.json", "canon.yaml", "canon.bib", "report.md", "canon.html")


@pytest.fixture
def inputs(tmp_path) -> Path:
    """A copy of the merge fixtures, so that every test can check they were left untouched."""
    folder = tmp_path / "lists"
    shutil.copytree(FIXTURES / "merge", folder)
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_merge_writes_every_output_and_says_where(inputs, tmp_path):
    """With no --format, merge writes the canon in four forms and the report."""
    out = tmp_path / "out"
    result = run("merge", str(inputs), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    assert result.stdout.startswith("12 works from 3 lists -> ")
    data = json.loads((out / "canon.json").read_text())
    lora = next(w for w in data["works"] if w["id"] == "arxiv:2106.09685")
    assert lora["support"] == 3 and [e["line"] for e in lora["entries"]] == [5, 17, 8]


def test_merge_with_no_arguments_reads_lists_and_writes_output(inputs, tmp_path, monkeypatch):
    """The newcomer's command: `listmerge merge` merges lists/ into output/."""
    here = tmp_path / "project"
    shutil.copytree(inputs, here / "lists")
    monkeypatch.chdir(here)
    result = CliRunner().invoke(main, ["merge", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert sorted(p.name for p in (here / "output").iterdir()) == sorted(OUTPUTS)


def test_two_runs_give_byte_identical_outputs(inputs, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    assert run("merge", str(inputs), "--out", str(first), "-q").exit_code == 0
    assert run("merge", str(inputs), "--out", str(second), "-q").exit_code == 0
    assert snapshot(first) == snapshot(second)


def test_the_canon_yaml_reads_back_as_a_list(inputs, tmp_path):
    out = tmp_path / "out"
    run("merge", str(inputs), "--out", str(out), "-q")
    result = run("parse", str(out / "canon.yaml"), "-o", "json")
    assert result.exit_code == 0, result.output
    (canon,) = json.loads(result.stdout)["lists"]
    assert len(canon["entries"]) == 12
    assert canon["entries"][0]["title"] == "LoRA: Low-Rank Adaptation of Large Language Models"
    assert canon["entries"][0]["section"] == ["Finetuning"]
    bib = run("parse", str(out / "canon.bib"), "-o", "json")
    assert bib.exit_code == 0 and len(json.loads(bib.stdout)["lists"][0]["entries"]) == 12


def test_format_chooses_the_outputs(inputs, tmp_path):
    out = tmp_path / "out"
    result = run("merge", str(inputs), "--out", str(out), "--format", "md,json", "--format", "report")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["canon.json", "canon.md", "report.md"]
    bad = run("merge", str(inputs), "--out", str(out), "--format", "pdf")
    assert bad.exit_code == 2 and "unknown output 'pdf'" in bad.output


def test_min_support_is_applied_to_the_canon(inputs, tmp_path):
    out = tmp_path / "out"
    assert run("merge", str(inputs), "--out", str(out), "--min-support", "3", "-q").exit_code == 0
    data = json.loads((out / "canon.json").read_text())
    assert [w["title"] for w in data["works"]] == ["LoRA: Low-Rank Adaptation of Large Language Models"]
    assert run("merge", str(inputs), "--min-support", "0").exit_code == 2


def test_an_output_directory_inside_the_inputs_is_refused(inputs):
    before = snapshot(inputs)
    result = run("merge", str(inputs), "--out", str(inputs / "out"))
    assert result.exit_code == 2
    assert "is inside the input directory" in result.output and "choose an --out" in result.output
    assert snapshot(inputs) == before


def test_an_output_that_would_overwrite_an_input_is_refused(inputs, tmp_path):
    (tmp_path / "mine").mkdir()
    victim = tmp_path / "mine" / "canon.md"
    victim.write_text("# My own list\n\n- [A paper](https://arxiv.org/abs/2106.09685)\n")
    before = victim.read_bytes()
    result = run("merge", str(inputs), str(victim), "--out", str(tmp_path / "mine"))
    assert result.exit_code == 2 and "would overwrite an input" in result.output
    assert victim.read_bytes() == before
    graph = run("merge", str(inputs), "--out", str(tmp_path / "o"), "--graph", str(inputs / "alice.md"))
    assert graph.exit_code == 2


def test_a_failure_half_way_leaves_the_previous_outputs_intact(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run("merge", str(inputs), "--out", str(out), "-q").exit_code == 0
    before = snapshot(out)
    import listmerge.files as files

    real_stage, calls = files.stage, []

    def failing_stage(path, text):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(path))
        return real_stage(path, text)

    monkeypatch.setattr(files, "stage", failing_stage)
    result = run("merge", str(inputs), str(FIXTURES / "match" / "a.md"), "--out", str(out))
    assert result.exit_code == 2
    assert "cannot write (No space left on device)" in result.output
    assert snapshot(out) == before, "no output replaced, no temporary file left behind"


def test_unreadable_inputs_are_reported_and_the_rest_merges(inputs, tmp_path):
    (inputs / "broken.md").write_bytes(b"# List\n\n- [Caf\xe9](https://example.org/x)\n")
    out = tmp_path / "out"
    result = run("merge", str(inputs), "--out", str(out))
    assert result.exit_code == 1
    assert f"listmerge: error: {inputs / 'broken.md'}:3: not UTF-8 text" in result.output
    problems = json.loads((out / "canon.json").read_text())["problems"]
    assert problems == [{"path": str(inputs / "broken.md"), "line": 3, "message": "not UTF-8 text (byte 0xe9)"}]
    assert "not UTF-8 text" in (out / "report.md").read_text()


def test_nothing_readable_means_exit_two_and_no_outputs(tmp_path):
    (tmp_path / "x.md").write_bytes(b"\x00\x01binary")
    result = run("merge", str(tmp_path / "x.md"), str(tmp_path / "missing.md"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "missing.md: no such file or directory" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_verbose_tells_what_each_stage_did_and_quiet_prints_nothing(inputs, tmp_path):
    loud = CliRunner().invoke(main, ["merge", str(inputs), "--out", str(tmp_path / "a"), "-v"])
    assert "listmerge: matched 19 entries: " in loud.stderr and "vetoed" in loud.stderr
    assert "aligned 7 sections into 3 topics" in loud.stderr
    plain = CliRunner().invoke(main, ["merge", str(inputs), "--out", str(tmp_path / "b")])
    assert plain.stderr == "", "no progress when stderr is not a terminal"
    quiet = CliRunner().invoke(main, ["merge", str(inputs), "--out", str(tmp_path / "c"), "-q"])
    assert quiet.output == ""


@pytest.mark.parametrize("suffix", [".graphml", ".json"])
def test_the_graph_holds_lists_sections_entries_works_and_mentions(inputs, tmp_path, suffix):
    target = tmp_path / f"graph{suffix}"
    result = run("merge", str(inputs), "--out", str(tmp_path / "out"), "--graph", str(target), "-q")
    assert result.exit_code == 0, result.output
    if suffix == ".graphml":
        graph = nx.read_graphml(target)
    else:
        graph = nx.node_link_graph(json.loads(target.read_text()), edges="edges")
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds == {"list", "section", "entry", "work", "topic"}
    lora = "work:arxiv:2106.09685"
    assert len([u for u, _, d in graph.in_edges(lora, data=True) if d["kind"] == "same"]) == 3


def test_merging_the_five_seeds_gives_lora_support_three_with_its_lines(tmp_path):
    seeds = [str(seed(f"00{k}")) for k in range(5)]
    out = tmp_path / "out"
    result = run("merge", *seeds, "--out", str(out), "-q")
    assert result.exit_code in (0, 1), result.output
    data = json.loads((out / "canon.json").read_text())
    lora = next(w for w in data["works"] if w["id"] == "arxiv:2106.09685")
    assert lora["support"] == 3
    for entry in lora["entries"]:
        line = Path(entry["path"]).read_text(encoding="utf-8").splitlines()[entry["line"] - 1]
        assert "LoRA" in line or "2106.09685" in line, entry
    markdown = (out / "canon.md").read_text()
    assert any(l.startswith("- [LoRA: Low-Rank Adaptation") and "3 of 5 lists" in l for l in markdown.splitlines())
