"""The README's commands and the default input lists/ work as documented."""
from __future__ import annotations

import re
import shutil

import click
from click.testing import CliRunner

from conftest import ROOT
from listmerge.cli import main


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", text, re.DOTALL).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_the_two_newcomer_commands_and_ci_runs_the_second():
    install_and_run, install_and_test = readme_commands()[:2]
    assert install_and_run.startswith("python -m pip install -e .") and "listmerge " in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_main_job_merges_lists_into_output_without_problems(tmp_path, monkeypatch):
    """The README's first command, run in a copy of the project's lists/, writes output/ exactly
    as committed (so output/ is never stale, and the run is deterministic)."""
    main_job = readme_commands()[0].split("&&")[1].split()
    assert main_job[:2] == ["listmerge", "merge"]
    shutil.copytree(ROOT / "lists", tmp_path / "lists")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, main_job[1:])
    assert result.exit_code == 0, result.stderr
    # no warning: the one note says that lists/README.md describes the lists and is not one
    assert result.stderr == "listmerge: lists: left out README.md (a README beside other lists describes them)\n"
    canon = (tmp_path / "output" / "canon.md").read_text(encoding="utf-8")
    assert "[Training Compute-Optimal Large Language Models](https://arxiv.org/abs/2203.15556)" in canon
    written = {p.name: p.read_bytes() for p in (tmp_path / "output").iterdir()}
    committed = {p.name: p.read_bytes() for p in (ROOT / "output").iterdir()}
    assert written == committed, "output/ is stale: run `listmerge merge` and commit output/"


def test_lists_hold_no_curator_text():
    from listmerge.load import expand, read

    for path in expand([str(ROOT / "lists")]):
        for rl in read(path):
            assert rl.entries and not rl.problems
            assert not any(e.annotation for e in rl.entries), path


def test_the_cli_reference_is_the_commands_own_help():
    """docs/cli.md is generated from --help; regenerate it with
    `python -m listmerge.clidoc > docs/cli.md` after changing a command."""
    from listmerge.clidoc import reference

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference()


def test_every_command_and_option_has_help():
    from listmerge.cli import main

    for name, command in main.commands.items():
        assert (command.help or "").strip(), name
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert (param.help or "").strip(), f"{name} {param.opts}"
