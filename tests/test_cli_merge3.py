"""`listmerge merge3 BASE OURS THEIRS [-o OUT]`: exit 0 merged, 1 conflicts (each named on
stderr), 2 trouble with a one-line error naming the file or revision; -o is written atomically
and may be OURS itself, as git's driver asks."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, assert_one_line_error
from listmerge.cli import main

BASE = FIXTURES / "diff" / "list.md"
TEXT = BASE.read_text(encoding="utf-8")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def sides(tmp_path):
    def write(ours: str, theirs: str):
        (tmp_path / "ours.md").write_text(ours, encoding="utf-8")
        (tmp_path / "theirs.md").write_text(theirs, encoding="utf-8")
        return BASE, tmp_path / "ours.md", tmp_path / "theirs.md"
    return write


def test_a_clean_merge_exits_0_and_prints_the_list(sides):
    base, ours, theirs = sides(TEXT.replace("(Hu et al., 2021)", "(Hu et al., 2021) — ours"),
                               TEXT.replace("https://arxiv.org/abs/2305.18290", "https://arxiv.org/pdf/2305.18290"))
    result = run("merge3", base, ours, theirs)
    assert result.exit_code == 0, result.stderr
    assert "— ours" in result.stdout and "arxiv.org/pdf/2305.18290" in result.stdout and result.stderr == ""


def test_conflicts_exit_1_name_each_on_stderr_and_out_overwrites_ours(sides):
    base, ours, theirs = sides(TEXT.replace("(Hu et al., 2021)", "(Hu et al., 2021) — ours"),
                               TEXT.replace("(Hu et al., 2021)", "(Hu et al., 2021) — theirs"))
    result = run("merge3", base, ours, theirs, "-o", ours, "--marker-size", "9", "--path", "lists/list.md")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "listmerge: conflict: lists/list.md:12: annotation changed on both sides\n"
    text = ours.read_text(encoding="utf-8")
    assert "<<<<<<<<< ours\n" in text and ">>>>>>>>> theirs\n" in text
    assert [p.name for p in ours.parent.iterdir() if p.name.startswith(".")] == []


def test_quiet_keeps_the_status(sides):
    base, ours, theirs = sides(TEXT.replace("(Hu et al., 2021)", "x"), TEXT.replace("(Hu et al., 2021)", "y"))
    result = run("merge3", base, ours, theirs, "-q", "-o", ours)
    assert result.exit_code == 1 and result.output == ""


def test_format_is_told_by_path_when_git_gives_files_without_extension(tmp_path):
    names = []
    for name, text in (("base", TEXT), ("ours", TEXT), ("theirs", TEXT.replace("Model papers", "Model papers"))):
        (tmp_path / f".merge_file_{name}").write_text(text, encoding="utf-8")
        names.append(tmp_path / f".merge_file_{name}")
    result = run("merge3", *names, "--path", "lists/papers.md")
    assert result.exit_code == 0 and result.stdout == TEXT


BIB = """Exported from my reference manager.

@article{he2016,
  title = {Deep Residual Learning for Image Recognition},
  year = {2016},
}

@article{vaswani2017,
  title = {Attention Is All You Need},
  year = {2017},
}
"""
HU = """
@article{hu2021,
  title = {LoRA: Low-Rank Adaptation of Large Language Models},
  year = {2021},
}
"""


def test_every_version_git_hands_over_is_read_as_the_path_says(tmp_path):
    """Base and theirs come as .merge_file_XXXXXX too: all three are read as BibTeX, not as the
    plain text a file without extension could be."""
    texts = {"base": BIB, "ours": BIB + HU, "theirs": BIB.replace("{2016}", "{2015}")}
    for name, text in texts.items():
        (tmp_path / f".merge_file_{name}").write_text(text, encoding="utf-8")
    result = run("merge3", *(tmp_path / f".merge_file_{n}" for n in texts), "--path", "refs.bib")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == BIB.replace("{2016}", "{2015}") + HU


MD_BASE = "- https://arxiv.org/abs/2106.09685\n- https://arxiv.org/abs/1706.03762\n"
MD_OURS = ("# Papers\n\n- [LoRA](https://arxiv.org/abs/2106.09685) - cheap finetuning\n"
           "- [Attention](https://arxiv.org/abs/1706.03762)\n")


def test_a_version_that_a_fallback_parser_would_also_take_keeps_its_own_parser(tmp_path):
    """Plain text takes any text; it does not win over markdown for versions that are markdown."""
    from listmerge.load import read_versions

    paths = []
    for name, text in (("base", MD_BASE), ("ours", MD_OURS), ("theirs", MD_OURS.replace("[LoRA]", "[LoRA paper]"))):
        paths.append(str(tmp_path / f"{name}.md"))
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    assert read_versions(paths)[0] == "markdown"


BOOKS = "title,year\nDune,1965\nHyperion,1989\nNeuromancer,1984\n"


def test_entries_left_as_they_were_are_one_entry_even_when_a_lone_word_names_them(tmp_path):
    """'Dune, 1965' is a lone word the rules want more evidence for; between versions of one
    list, a row left as it was is the same row, so theirs' edit is not an addition."""
    for name, text in (("base", BOOKS), ("ours", BOOKS), ("theirs", BOOKS.replace("1965", "1966"))):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    result = run("merge3", *(tmp_path / f"{n}.csv" for n in ("base", "ours", "theirs")))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == BOOKS.replace("1965", "1966")


@pytest.mark.parametrize("args, name", [
    pytest.param(["no/such.md", BASE, BASE], "no/such.md: no such file or directory", id="base-path"),
    pytest.param([BASE, "missing.md", BASE], "missing.md: no such file or directory", id="ours-path"),
    pytest.param([BASE, BASE, "HEAD~999:list.md"], "HEAD~999:list.md: no such revision or path", id="revision"),
])
def test_bad_input_names_it_and_exits_2(args, name):
    assert_one_line_error(run("merge3", *args), name)


def test_an_unwritable_out_exits_2_and_names_it(sides, tmp_path):
    base, ours, theirs = sides(TEXT, TEXT)
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = run("merge3", base, ours, theirs, "-o", blocker / "out.md")
    assert result.exit_code == 2 and "out.md: cannot write" in result.stderr and "Traceback" not in result.output


def test_git_setup_prints_the_drivers_and_the_attributes():
    result = run("git-setup", "--command", "listmerge", "lists/*.md")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "# git config",
        "git config --local diff.listmerge.command 'listmerge git-diff'",
        "git config --local merge.listmerge.name 'listmerge: three-way merge of reading lists, entry by entry'",
        "git config --local merge.listmerge.driver 'listmerge merge3 %O %A %B -o %A --marker-size %L --path %P --ours-label %X --theirs-label %Y'",
        "# .gitattributes",
        "lists/*.md diff=listmerge merge=listmerge",
    ]
    assert "--global diff.listmerge.command" in run("git-setup", "--global").stdout
