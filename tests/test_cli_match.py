"""`listmerge dedupe` and `listmerge explain`: works with their entries and reasons, evidence in
plain words, overrides applied and reported, bad override files refused with file:line."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from listmerge.cli import main

A, B = str(FIXTURES / "match" / "a.md"), str(FIXTURES / "match" / "b.md")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_dedupe_joins_the_same_paper_and_says_why():
    """The linked GPT-3 entries of two lists are one work, joined by their shared arXiv id."""
    result = run("dedupe", A, B, "-o", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    gpt3 = [w for w in data["works"] if "arxiv:2005.14165" in w["ids"]]
    assert len(gpt3) == 1 and len(gpt3[0]["entries"]) == 2
    assert gpt3[0]["joins"][0]["rule"] == "same-id"
    assert {e["line"] for e in gpt3[0]["entries"]} == {3}
    assert data["summary"]["works"] == 5


def test_dedupe_table_lists_members_by_file_and_line():
    """The table names each member entry as path:line under its work."""
    result = run("dedupe", A, B)
    assert result.exit_code == 0
    assert f"{A}:3" in result.output and f"{B}:3" in result.output
    assert "same-id" in result.output


@pytest.mark.parametrize("left, right, verdict, rule", [
    pytest.param("arxiv:2206.04615", "arxiv:2210.09261", "different works", "different-id", id="big-bench"),
    pytest.param("MMLU", "MMLU-Pro", "different works", "different-id", id="mmlu"),
    pytest.param(f"{A}:3", f"{B}:3", "the same work", "same-id", id="gpt-3-by-file-line"),
])
def test_explain_gives_evidence_and_verdict(left, right, verdict, rule):
    """explain prints both entries, what speaks for and against, and the verdict with its rule."""
    result = run("explain", left, right, "--in", A, "--in", B)
    assert result.exit_code == 0, result.output
    assert f"verdict: {verdict} (rule: {rule})" in result.output
    assert result.output.startswith("A: ") and "\nB: " in result.output


def test_explain_names_the_printed_pages_and_the_veto_they_outrank(tmp_path):
    """Two catalogue records of one article, one with a section heading before its title: explain
    shows the same pages as the reason, and still lists the title veto they outrank."""
    header = "title,authors,year,volume,pages\n"
    for name, title in (("a.csv", "Sepsis in children"), ("b.csv", "CLINICAL PRACTICE Sepsis in children")):
        (tmp_path / name).write_text(header + f'"{title}","Moreau, L.; Okafor, C.",2009,361,1676-1687\n')
    a, b = str(tmp_path / "a.csv"), str(tmp_path / "b.csv")
    result = run("explain", f"{a}:2", f"{b}:2", "--in", a, "--in", b)
    assert result.exit_code == 0, result.output
    assert "  + same-pages: volume 361, pages 1676-1687  (" in result.output
    assert "  - extends-title: " in result.output
    assert "verdict: the same work (rule: same-pages)" in result.output


def test_explain_unknown_reference_is_one_line_error():
    result = run("explain", "No Such Paper", "MMLU", "--in", A)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"listmerge: error: no entry matches 'No Such Paper' in {A}"


def test_overrides_file_can_keep_apart_and_is_reported(tmp_path):
    """A distinct: pair splits a work the ids would join, and the table reports the override."""
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(f'distinct:\n  - ["{A}:3", "{B}:3"]\n')
    result = run("dedupe", A, B, "--overrides", str(overrides), "-o", "json")
    data = json.loads(result.stdout)
    assert not [w for w in data["works"] if len(w["entries"]) > 1]
    assert data["overrides"] and "distinct" in data["overrides"][0]


def test_overrides_same_joins_what_rules_keep_apart(tmp_path):
    overrides = tmp_path / "o.yaml"
    overrides.write_text('same:\n  - ["MMLU", "MMLU-Pro"]\n')
    result = run("explain", "MMLU", "MMLU-Pro", "--in", A, "--in", B, "--overrides", str(overrides))
    assert "verdict: the same work (rule: override-same)" in result.output


@pytest.mark.parametrize("text, line", [
    pytest.param("same: [\n", 2, id="broken-yaml"),
    pytest.param("maybe:\n  - [a, b]\n", 1, id="unknown-key"),
    pytest.param("same:\n  - [only-one]\n", 2, id="not-a-pair"),
])
def test_bad_overrides_file_is_refused_with_file_and_line(tmp_path, text, line):
    overrides = tmp_path / "bad.yaml"
    overrides.write_text(text)
    result = run("dedupe", A, "--overrides", str(overrides))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"listmerge: error: {overrides}:{line}: ")
    assert "Traceback" not in result.output
