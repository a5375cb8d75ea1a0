"""The README's commands and the default input lists/ work as documented."""
from __future__ import annotations

import re

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


def test_the_main_job_runs_on_lists_without_problems(monkeypatch):
    main_job = readme_commands()[0].split("&&")[1].split()
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, main_job[1:])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "Training Compute-Optimal Large Language Models" in result.stdout


def test_lists_hold_no_curator_text():
    from listmerge.load import expand, read

    for path in expand([str(ROOT / "lists")]):
        for rl in read(path):
            assert rl.entries and not rl.problems
            assert not any(e.annotation or e.raw for e in rl.entries), path
