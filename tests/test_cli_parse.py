"""`listmerge parse` from the command line: outputs, exit codes and one-line error messages."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from conftest import FIXTURES
from listmerge.cli import main

GOOD = str(FIXTURES / "parsers" / "awesome.md")


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result


def test_table_is_the_default_and_names_file_and_line():
    result = run("parse", GOOD)
    assert result.exit_code == 0
    assert "Dense Passage Retrieval" in result.stdout and f"{GOOD}:8" in result.stdout


def test_json_has_the_documented_shape():
    doc = json.loads(run("parse", GOOD, "-o", "json").stdout)
    rl = doc["lists"][0]
    assert set(rl) >= {"name", "path", "format", "title", "metadata", "sections", "entries", "problems"}
    assert set(rl["entries"][0]) >= {"title", "url", "urls", "authors", "year", "venue", "kind", "annotation",
                                     "aliases", "ids", "section", "role", "parent", "key", "line", "end_line"}
    assert rl["entries"][4]["parent"] == 3 and rl["entries"][0]["ids"] == {"arxiv": "2004.04906"}


def test_yaml_output_reads_back_identically(tmp_path):
    out = tmp_path / "x.yaml"
    assert run("parse", GOOD, "-o", "yaml", "--out", str(out)).exit_code == 0
    again = run("parse", str(out), "-o", "yaml").stdout
    assert yaml.safe_load(again) == yaml.safe_load(out.read_text(encoding="utf-8"))


def _bad_inputs(tmp_path):
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Title line\nSection\ncaf\xe9 reason here.\n".encode("latin-1"))
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "notes.bin").write_bytes(b"x")
    return {
        "missing": (str(tmp_path / "missing.md"), f"listmerge: error: {tmp_path / 'missing.md'}: no such file or directory"),
        "empty dir": (str(empty_dir), f"listmerge: error: {empty_dir}: directory holds no reading lists "
                                      "(left out notes.bin (not a kind of file listmerge reads))"),
        "binary": (str(binary), f"listmerge: error: {binary}: binary file, not a reading list"),
        "not utf-8": (str(latin), f"listmerge: error: {latin}:3: not UTF-8 text (byte 0xe9)"),
    }


@pytest.mark.parametrize("case", ["missing", "empty dir", "binary", "not utf-8"])
def test_unreadable_input_exits_2_with_one_line(tmp_path, case):
    path, message = _bad_inputs(tmp_path)[case]
    result = run("parse", path)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [message]
    assert result.stdout == ""


def test_with_several_inputs_the_good_ones_are_still_parsed(tmp_path):
    cases = _bad_inputs(tmp_path)
    result = run("parse", GOOD, cases["missing"][0], cases["binary"][0])
    assert result.exit_code == 1
    assert "Dense Passage Retrieval" in result.stdout
    assert result.stderr.strip().splitlines() == [cases["missing"][1], cases["binary"][1]]


@pytest.mark.parametrize("name, text, warning", [
    pytest.param("broken.md", "---\ntitle: [unclosed\n---\n# L\n\n- [A](https://a.org/x)\n",
                 "broken.md:3: warning: front matter is not valid YAML", id="broken-front-matter"),
    pytest.param("empty.md", "", "empty.md: warning: empty file", id="empty-file"),
    pytest.param("prose.md", "# Notes\n\nJust some thoughts, no links.\n",
                 "prose.md: warning: no entries found", id="no-entries"),
])
def test_recoverable_oddities_are_warnings_and_the_rest_parses(tmp_path, name, text, warning):
    """A warning names file:line, the rest is parsed, and the exit status is 1 (as merge's)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("parse", str(path), "-o", "json")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(tmp_path / warning.split(":")[0]))
    assert warning.split(": ", 1)[1] in lines[0]
    assert json.loads(result.stdout)["lists"][0]["path"] == str(path)


def test_unknown_format_is_a_clear_error(tmp_path):
    result = run("parse", GOOD, "--format", "nope")
    assert result.exit_code == 2
    assert result.stderr.count("unknown format 'nope' (known: bibtex, citations,") == 1


def test_inputs_are_never_modified(tmp_path):
    before = (FIXTURES / "parsers" / "awesome.md").read_bytes()
    run("parse", GOOD, "-o", "yaml")
    assert (FIXTURES / "parsers" / "awesome.md").read_bytes() == before


def test_every_command_has_help_text():
    for name, command in main.commands.items():
        assert command.help, name
        assert run(name, "--help").exit_code == 0
