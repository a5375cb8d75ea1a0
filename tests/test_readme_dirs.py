"""Directories of lists: an awesome-list repository's README is its list; a README beside
other lists describes them; whatever is left out is named with its reason."""
from __future__ import annotations

from click.testing import CliRunner

from listmerge.cli import main
from listmerge.load import expand_dir

AWESOME = "# Awesome X\n\n## Books\n\n- [A Book](https://example.org/a) - why\n- [B Book](https://example.org/b)\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_a_readme_alone_in_its_folder_is_the_list(tmp_path):
    (tmp_path / "README.md").write_text(AWESOME)
    (tmp_path / "LICENSE").write_text("MIT")
    (tmp_path / "CONTRIBUTING.md").write_text("# Contributing\n\n- [guide](https://example.org/guide)\n")
    found = expand_dir(tmp_path)
    assert found.files == [str(tmp_path / "README.md")]
    assert sorted((p.rsplit("/", 1)[-1], why) for p, why in found.left_out) == [
        ("CONTRIBUTING.md", "a contributing guide"), ("LICENSE", "a licence")]


def test_a_readme_beside_other_lists_describes_them(tmp_path):
    (tmp_path / "README.md").write_text(AWESOME)
    (tmp_path / "books.md").write_text(AWESOME)
    found = expand_dir(tmp_path)
    assert found.files == [str(tmp_path / "books.md")]
    assert found.left_out == [(str(tmp_path / "README.md"), "a README beside other lists describes them")]


def test_a_readme_without_entries_is_left_out_and_said(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "a.md").write_text(AWESOME)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("# Notes\n\nJust words, no links.\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    result = run("parse", tmp_path)
    assert result.exit_code == 0
    assert result.stderr.strip() == (f"listmerge: {tmp_path}: left out docs/README.md (a README that holds no list "
                                     "entries); logo.png (not a kind of file listmerge reads)")


def test_quiet_merge_says_nothing_of_what_it_left_out(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "README.md").write_text("# About these lists\n")
    (tmp_path / "in" / "a.md").write_text(AWESOME)
    result = run("merge", tmp_path / "in", "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""


def test_parse_v_counts_the_links_left_out_by_reason(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("# X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n## Books\n\n"
                    "- [A Book](https://example.org/a)\n\n## License\n\n[CC0](https://creativecommons.org/publicdomain/zero/1.0/)\n")
    result = run("parse", path, "-v")
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == f"{path}: 2 links left out as not works"
    assert any("badge or image" in line and "https://awesome.re" in line for line in lines[1:])
    assert any("section about the list: License" in line for line in lines[1:])
