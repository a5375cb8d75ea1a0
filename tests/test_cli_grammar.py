"""One grammar across the commands: -f/--from the parser, -t/--to the output format, -o/--output
the path (- for stdout), -q and -v everywhere; earlier spellings still mean what they meant;
each error once; completion of the choices; merge3 takes git's labels."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from listmerge.cli import MERGE_OUTPUTS, main
from listmerge.options import PARSER_NAMES

GOOD = str(FIXTURES / "parsers" / "awesome.md")
MERGE = FIXTURES / "merge"
READERS = ("parse", "dedupe", "explain", "review", "merge", "link", "diff", "merge3")


def run(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output + result.stderr
    return result


def _opts(command: str) -> set[str]:
    return {o for p in main.commands[command].params if isinstance(p, click.Option) for o in p.opts}


def test_every_command_has_quiet_and_verbose_and_every_reader_has_from():
    for name in main.commands:
        if name == "git-diff":  # run by git with seven fixed arguments
            continue
        assert {"-q", "--quiet", "-v", "--verbose"} <= _opts(name), name
    for name in READERS:
        assert {"-f", "--from"} <= _opts(name), name
    for name in ("parse", "dedupe", "diff", "merge", "link"):
        assert {"-t", "--to", "-o", "--output"} <= _opts(name), name
    assert {"-o", "--output"} <= _opts("merge3")


def test_the_names_help_lists_are_the_registries():
    from listmerge.outputs import OUTPUTS
    from listmerge.parsers import parsers

    assert tuple(sorted(parsers())) == PARSER_NAMES
    assert tuple(OUTPUTS) == MERGE_OUTPUTS


def test_to_and_output_write_the_named_format_to_the_named_file(tmp_path):
    out = tmp_path / "x.json"
    assert run("parse", GOOD, "-t", "json", "-o", out).exit_code == 0
    printed = run("parse", GOOD, "-t", "json", "-o", "-")
    assert printed.exit_code == 0 and json.loads(printed.stdout) == json.loads(out.read_text(encoding="utf-8"))


def test_earlier_spellings_mean_what_they_meant(tmp_path):
    """-o FORMAT (where -o named the format), --out FILE, --format for the parser."""
    new = run("parse", GOOD, "--from", "markdown", "-t", "yaml").stdout
    assert run("parse", GOOD, "--format", "markdown", "-o", "yaml").stdout == new
    assert run("parse", GOOD, "--input-format", "markdown", "-o", "yaml", "--out", tmp_path / "a.yaml").exit_code == 0
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == new
    # a file named like a format is written with a path that is not exactly the name
    os.chdir(tmp_path)
    assert run("parse", GOOD, "-t", "yaml", "-o", "./json").exit_code == 0
    assert (tmp_path / "json").read_text(encoding="utf-8") == new


def test_o_and_out_naming_two_files_is_one_error(tmp_path):
    result = run("parse", GOOD, "-o", tmp_path / "a", "--out", tmp_path / "b")
    assert result.exit_code == 2 and result.output.count("both name the file to write") == 1


def test_stdin_is_a_list(tmp_path):
    text = open(GOOD, encoding="utf-8").read()
    from_stdin = run("parse", "-", "-f", "markdown", "-t", "json", input=text)
    assert from_stdin.exit_code == 0
    assert [e["title"] for e in json.loads(from_stdin.stdout)["lists"][0]["entries"]] == \
           [e["title"] for e in json.loads(run("parse", GOOD, "-t", "json").stdout)["lists"][0]["entries"]]


@pytest.mark.parametrize("command", ["parse", "dedupe", "diff", "merge"])
def test_a_bad_format_is_reported_once(command):
    args = {"diff": [GOOD, GOOD], "merge": [GOOD, "-o", "unused-out"]}.get(command, [GOOD])
    result = run(command, *args, "--from", "nope")
    assert result.exit_code == 2
    assert (result.stdout + result.stderr).count("unknown format 'nope'") == 1
    bad_to = run(command, *args, "-t", "pdf")
    assert bad_to.exit_code == 2 and (bad_to.stdout + bad_to.stderr).count("'pdf'") == 1


def test_merge_writes_one_named_output_to_stdout(tmp_path):
    folder = run("merge", MERGE, "-t", "md", "-o", tmp_path / "out", "-q")
    assert folder.exit_code == 0, folder.output
    printed = run("merge", MERGE, "-t", "md", "-o", "-", "-q")
    assert printed.exit_code == 0 and printed.stdout == (tmp_path / "out" / "canon.md").read_text(encoding="utf-8")
    several = run("merge", MERGE, "-t", "md,json", "-o", "-")
    assert several.exit_code == 2 and (several.stdout + several.stderr).count("writes one output") == 1


def test_merge_format_still_names_its_outputs(tmp_path):
    result = run("merge", MERGE, "--out", tmp_path / "o", "--format", "md,report", "-q")
    assert result.exit_code == 0 and sorted(p.name for p in (tmp_path / "o").iterdir()) == ["canon.md", "report.md"]


def test_verbose_tells_the_stages_off_a_terminal(tmp_path):
    result = run("dedupe", GOOD, "-v")
    assert result.exit_code == 0 and "listmerge: reading" in result.stderr and "listmerge: matching" in result.stderr
    assert run("dedupe", GOOD).stderr == ""


def test_merge3_takes_gits_labels_and_placeholders_git_did_not_fill(tmp_path):
    base = FIXTURES / "diff" / "list.md"
    text = base.read_text(encoding="utf-8")
    (tmp_path / "ours.md").write_text(text.replace("(Hu et al., 2021)", "(Hu et al., 2021) — ours"), encoding="utf-8")
    (tmp_path / "theirs.md").write_text(text.replace("(Hu et al., 2021)", "(Hu et al., 2021) — theirs"), encoding="utf-8")
    named = run("merge3", base, tmp_path / "ours.md", tmp_path / "theirs.md", "--ours-label", "HEAD",
                "--theirs-label", "feature/papers")
    assert named.exit_code == 1 and "<<<<<<< HEAD\n" in named.stdout and ">>>>>>> feature/papers\n" in named.stdout
    unfilled = run("merge3", base, tmp_path / "ours.md", tmp_path / "theirs.md", "--ours-label", "%X",
                   "--theirs-label", "%Y")
    assert "<<<<<<< ours\n" in unfilled.stdout and ">>>>>>> theirs\n" in unfilled.stdout


def test_git_setup_passes_the_labels():
    printed = run("git-setup").stdout
    assert "--ours-label %X --theirs-label %Y" in printed


def _complete(words: str) -> list[str]:
    env = {**os.environ, "_LISTMERGE_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    done = subprocess.run([sys.executable, "-c", "from listmerge.cli import main; main(prog_name='listmerge')"],
                          env=env, capture_output=True, text=True, timeout=60)
    return [line.split(",", 1)[1] for line in done.stdout.splitlines() if "," in line]


def test_choices_complete_in_the_shell():
    assert set(_complete("listmerge parse -f m")) == {"markdown"}
    assert set(_complete("listmerge diff a b -t ")) == {"terminal", "md", "json", "html"}
    assert "md,json" in _complete("listmerge merge -t md,j")
