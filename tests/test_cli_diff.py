"""`listmerge diff OLD NEW`: exit status like diff (0 same, 1 different, 2 trouble), a one-line
summary first, json with the documented shape, git revisions as REV:path, clear errors."""
from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, assert_one_line_error, seed
from listmerge.cli import main

LIST = FIXTURES / "diff" / "list.md"
TEXT = LIST.read_text(encoding="utf-8")
RENAMED = TEXT.replace("[Direct Preference Optimization]",
                       "[Direct Preference Optimization: Your Language Model is Secretly a Reward Model]")
ENTRY_KEYS = {"title", "url", "urls", "section", "line", "end_line"}


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def renamed(tmp_path):
    path = tmp_path / "list.md"
    path.write_text(RENAMED, encoding="utf-8")
    return path


def test_identical_lists_exit_0_and_say_so():
    result = run("diff", LIST, LIST)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "+0 −0 ~0, 9 unchanged"


def test_differences_exit_1_with_summary_first_and_both_sides_file_line(renamed):
    result = run("diff", LIST, renamed)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "+0 −0 ~1 renamed 1, 8 unchanged"
    assert f"{LIST}:14 -> {renamed}:14" in result.stdout
    assert "\x1b[" not in result.stdout


def test_json_has_the_documented_shape(renamed):
    result = run("diff", LIST, renamed, "-o", "json")
    data = json.loads(result.stdout)
    assert data["mode"] == "versions"
    assert data["old"] == {"path": str(LIST), "title": "Model papers"}
    assert data["new"] == {"path": str(renamed), "title": "Model papers"}
    assert data["summary"]["renamed"] == 1 and data["summary"]["added"] == 0
    (change,) = data["changes"]
    assert change["type"] == "renamed" and ENTRY_KEYS <= set(change["old"]) and ENTRY_KEYS <= set(change["new"])
    assert change["new"]["line"] == 14 and change["old"]["title"] == "Direct Preference Optimization"


@pytest.mark.parametrize("output, marker, count", [
    ("md", "# Changes", "Renamed (1)"), ("html", "<!DOCTYPE html>", '<span class="count" data-kind="renamed">1</span>')])
def test_readable_reports(renamed, output, marker, count):
    result = run("diff", LIST, renamed, "-o", output)
    assert result.exit_code == 1 and result.stdout.startswith(marker)
    assert count in result.stdout


def test_html_escapes_list_text(tmp_path):
    path = tmp_path / "list.md"
    path.write_text(TEXT.replace("[The Illustrated Transformer]", "[The <script>Illustrated</script> Transformer & co]"))
    result = run("diff", LIST, path, "-o", "html")
    assert "&lt;script&gt;" in result.stdout and "<script>" not in result.stdout and "<style>" in result.stdout


def test_out_writes_the_file(renamed, tmp_path):
    out = tmp_path / "report.md"
    result = run("diff", LIST, renamed, "-o", "md", "--out", out)
    assert result.exit_code == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Changes")


def test_quiet_prints_nothing_but_keeps_the_status(renamed):
    result = run("diff", LIST, renamed, "--quiet")
    assert result.exit_code == 1 and result.output == ""


def test_color_only_when_asked_or_on_a_terminal(renamed):
    assert "\x1b[" in CliRunner().invoke(main, ["diff", str(LIST), str(renamed), "--color"]).stdout
    assert "\x1b[" not in CliRunner().invoke(main, ["diff", str(LIST), str(renamed), "--no-color"]).stdout


@pytest.mark.parametrize("args, name", [
    pytest.param(["no/such.md", str(LIST)], "no/such.md: no such file or directory", id="old-path"),
    pytest.param([str(LIST), "missing.md"], "missing.md: no such file or directory", id="new-path"),
    pytest.param(["HEAD~999:list.md", str(LIST)], "HEAD~999:list.md: no such revision or path", id="revision"),
])
def test_bad_input_names_it_and_exits_2(args, name):
    assert_one_line_error(run("diff", *args), name)


def test_a_git_revision_is_read_with_git_show(tmp_path, monkeypatch):
    """`diff HEAD:list.md list.md` compares the committed list with the edited working copy."""
    git = lambda *a: subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *a],
                                    cwd=tmp_path, check=True, capture_output=True)
    (tmp_path / "list.md").write_text(TEXT, encoding="utf-8")
    git("init", "-q")
    git("add", "list.md")
    git("commit", "-q", "-m", "list")
    (tmp_path / "list.md").write_text(RENAMED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("diff", "HEAD:list.md", "list.md", "-o", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "versions" and [c["type"] for c in data["changes"]] == ["renamed"]
    assert data["changes"][0]["old"]["path"] == "HEAD:list.md"
    missing = run("diff", "HEAD:nothing.md", "list.md")
    assert missing.exit_code == 2 and "HEAD:nothing.md" in missing.stderr


def test_two_curators_lists_are_compared():
    a, b = seed("001"), seed("003")
    result = run("diff", a, b)
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("only in A ") and "in both" in first and "Jaccard" in first
    both = result.stdout.split("\nin both (", 1)[1]
    for title in ("Language Models are Few-Shot Learners", "Training language models to follow instructions",
                  "LoRA: Low-Rank Adaptation"):
        assert title in both
    assert "B: Chapter 7. Finetuning (" in both
    data = json.loads(run("diff", a, b, "-o", "json").stdout)
    assert data["mode"] == "compare" and data["overlap"]["shared"] >= 3
    assert run("diff", a, b, "--no-compare", "-o", "json").stdout.count('"mode": "versions"') == 1


OLD_TXT = """Papers I keep rereading

Attention Is All You Need
Deep Residual Learning for Image Recognition
Language Models are Few-Shot Learners
"""
#: Alone, this version reads as a discussion thread (a bare link, quoted lines).
NEW_TXT = OLD_TXT + """
LoRA: Low-Rank Adaptation of Large Language Models https://arxiv.org/abs/2106.09685
> QLoRA: Efficient Finetuning of Quantized LLMs
> Direct Preference Optimization
"""


def test_two_versions_of_one_file_are_read_by_one_parser(tmp_path):
    """An edit that makes a list look like another shape does not turn its entries into changes."""
    from listmerge.load import read

    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    old, new = tmp_path / "a" / "list.txt", tmp_path / "b" / "list.txt"
    old.write_text(OLD_TXT, encoding="utf-8")
    new.write_text(NEW_TXT, encoding="utf-8")
    assert (read(str(old))[0].format, read(str(new))[0].format) == ("plaintext", "thread")
    result = run("diff", old, new, "-o", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "versions"
    assert [(c["type"], c["new"]["title"]) for c in data["changes"]] == [
        ("added", "LoRA: Low-Rank Adaptation of Large Language Models"),
        ("added", "QLoRA: Efficient Finetuning of Quantized LLMs"), ("added", "Direct Preference Optimization")]
    other = tmp_path / "b" / "other.txt"
    other.write_text(NEW_TXT, encoding="utf-8")
    forced = json.loads(run("diff", old, other, "--no-compare", "-o", "json").stdout)
    assert [(c["type"], c["new"]["title"]) for c in forced["changes"]] == [
        (c["type"], c["new"]["title"]) for c in data["changes"]]


def test_a_version_diff_pairs_entries_left_as_they_were(tmp_path):
    """Lone-word titles need more evidence to be one work, but an unchanged row of a list is
    its own earlier version."""
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / "books.csv").write_text("title,year\nDune,1965\nUbik,1969\n", encoding="utf-8")
    (tmp_path / "b" / "books.csv").write_text("title,year\nDune,1965\nUbik,1969\nSolaris,1961\n", encoding="utf-8")
    data = json.loads(run("diff", tmp_path / "a" / "books.csv", tmp_path / "b" / "books.csv", "-o", "json").stdout)
    assert [(c["type"], c["new"]["title"]) for c in data["changes"]] == [("added", "Solaris")]
    assert data["summary"]["unchanged"] == 2


def test_two_curators_files_are_each_read_as_what_they_are(tmp_path):
    """Files of different names are two curators' lists: a thread stays a thread."""
    (tmp_path / "mine.txt").write_text(OLD_TXT, encoding="utf-8")
    (tmp_path / "theirs.txt").write_text(NEW_TXT.replace("Papers I keep rereading", "Our picks"), encoding="utf-8")
    data = json.loads(run("diff", tmp_path / "mine.txt", tmp_path / "theirs.txt", "-o", "json").stdout)
    assert data["mode"] == "compare"
    only_new = [w["new"][0] for w in data["works"] if not w["old"]]
    assert [e["url"] for e in only_new] == ["https://arxiv.org/abs/2106.09685"]
    assert only_new[0]["path"].endswith("theirs.txt")


def test_diff_reads_lists_overrides_yaml_by_default_as_merge_does(tmp_path, monkeypatch, renamed):
    """Without --overrides, lists/overrides.yaml (when present) has its say: a "distinct" pair
    turns the rename of one work into a removal and an addition."""
    assert json.loads(run("diff", LIST, renamed, "-o", "json").stdout)["summary"]["renamed"] == 1
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "overrides.yaml").write_text(
        'distinct:\n  - ["Direct Preference Optimization", '
        '"Direct Preference Optimization: Your Language Model is Secretly a Reward Model"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    summary = json.loads(run("diff", LIST, renamed, "-o", "json").stdout)["summary"]
    assert (summary["renamed"], summary["added"], summary["removed"]) == (0, 1, 1)


# --- identity first, and the defects of issue 16 -----------------------------------------------

def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _changes(result) -> list[dict]:
    return json.loads(result.stdout)["changes"]


SAMPLES = {
    "list.md": "# Papers\n\n## Vision\n\n- [ResNet](https://arxiv.org/abs/1512.03385)\n- https://arxiv.org/abs/2010.11929\n"
               "- [ResNet](https://arxiv.org/abs/1512.03385)\n\n| Paper | Year |\n| --- | --- |\n"
               "| [ViT](https://arxiv.org/abs/2010.11929) | 2020 |\n",
    "list.csv": "id,title,url\n1,Dune,https://example.org/dune\n2,Dune,https://example.org/dune\n3,Hyperion,\n",
    "list.bib": "@book{herbert1965,\n  title = {Dune},\n  year = {1965}\n}\n\n@book{simmons1989,\n  title = {Hyperion},\n  year = {1989}\n}\n",
    "list.yaml": "listmerge: 1\ntitle: Books\nentries:\n- title: Dune\n  url: https://example.org/dune\n- title: Dune\n",
    "list.json": '{"listmerge": 1, "title": "Books", "entries": [{"title": "Dune"}, {"title": "Hyperion", "year": 1989}]}\n',
    "list.org": "* Books\n- [[https://example.org/dune][Dune]] - a classic\n- [[https://example.org/dune][Dune]] - a classic\n",
    "list.rst": "Books\n=====\n\n- `Dune <https://example.org/dune>`_\n- Hyperion\n",
    "list.txt": "Reasons to read\n\nNovels\nA long book about a desert planet and its politics.\nA long book about a desert planet and its politics.\n",
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("layout", ["lf", "crlf-bom"])
def test_a_list_against_itself_has_no_changes_and_merges_to_itself(tmp_path, name, layout):
    """`diff X X` exits 0 with no change and `merge3 X X X` writes X byte for byte, in every
    format, untitled and repeated entries included."""
    text = SAMPLES[name] if layout == "lf" else "\ufeff" + SAMPLES[name].replace("\n", "\r\n")
    path = _write(tmp_path, name, text)
    result = run("diff", path, path, "-o", "json")
    assert result.exit_code == 0 and _changes(result) == [], result.output
    out = tmp_path / f"merged-{name}"
    result = run("merge3", path, path, path, "-o", out)
    assert result.exit_code == 0 and out.read_bytes() == path.read_bytes()


def test_entries_left_as_they_were_never_reach_the_matcher(tmp_path, monkeypatch):
    """Identity first: of a 600-entry list with one entry edited, the matcher sees nothing: the
    599 left word for word pair by their text, and the edited one by its link, the only one of
    its kind on each side."""
    import listmerge.diff

    seen = []
    real = listmerge.diff.find_works
    monkeypatch.setattr(listmerge.diff, "find_works", lambda lists, *a, **k: seen.append(
        sum(len(rl.entries) for rl in lists)) or real(lists, *a, **k))
    items = [f"- [Paper number {n}](https://arxiv.org/abs/2301.{10000 + n}) — note {n};" for n in range(600)]
    old = _write(tmp_path, "old.md", "# Papers\n\n" + "\n".join(items) + "\n")
    new = _write(tmp_path, "new.md", "# Papers\n\n" + "\n".join(items).replace("note 17;", "note seventeen;") + "\n")
    result = run("diff", old, new, "-o", "json")
    assert result.exit_code == 1 and [c["type"] for c in _changes(result)] == ["reannotated"]
    assert seen in ([], [0])


def test_two_versions_saved_under_different_names_are_versions(tmp_path):
    old = _write(tmp_path, "old.md", TEXT)
    new = _write(tmp_path, "new.md", RENAMED.replace("# Model papers", "# Papers, revised"))
    data = json.loads(run("diff", old, new, "-o", "json").stdout)
    assert data["mode"] == "versions" and [c["type"] for c in data["changes"]] == ["renamed"]


BOOKS = "Ref,Title,Link\nb1,Dune,https://example.org/dune\nb2,Hyperion,https://example.org/hyperion\n"


def test_a_csv_row_keeps_its_identity_by_key_when_its_title_changes(tmp_path):
    """The key column names the row (daff's --id): a title that gained "(2nd ed.)" is a rename."""
    old = _write(tmp_path, "old.csv", BOOKS)
    new = _write(tmp_path, "new.csv", BOOKS.replace("b2,Hyperion,", "b2,Hyperion (2nd ed.),"))
    result = run("diff", old, new, "-o", "json", "--key", "Ref")
    assert [c["type"] for c in _changes(result)] == ["renamed"]
    default = BOOKS.replace("Ref,", "id,")
    old, new = _write(tmp_path, "a.csv", default), _write(tmp_path, "b.csv", default.replace("b2,Hyperion,", "b2,Hyperion: A Novel,"))
    assert [c["type"] for c in _changes(run("diff", old, new, "-o", "json"))] == ["renamed"]


def test_a_link_fixed_while_title_section_and_note_stay_is_relinked(tmp_path):
    old = _write(tmp_path, "old.md", TEXT)
    new = _write(tmp_path, "new.md", TEXT.replace("http://jalammar.github.io/illustrated-transformer/",
                                                   "https://jalammar.github.io/illustrated-transformer-2/"))
    assert [c["type"] for c in _changes(run("diff", old, new, "-o", "json"))] == ["relinked"]


def test_emoji_shortcodes_equal_their_characters(tmp_path):
    items = [f"- [Paper {n}](https://arxiv.org/abs/2301.{10000 + n}) :star: must read :+1:" for n in range(8)]
    old = _write(tmp_path, "old.md", "# Papers\n\n" + "\n".join(items) + "\n")
    new = _write(tmp_path, "new.md", "# Papers\n\n" + "\n".join(items).replace(":star:", "⭐").replace(":+1:", "👍️") + "\n")
    result = run("diff", old, new, "-o", "json")
    assert result.exit_code == 0 and _changes(result) == []


YEARS = "# Papers\n\n" + "".join(f"- [Study {n}](https://arxiv.org/abs/2301.{10000 + n}) — about topic {n}\n" for n in range(7))


def test_a_systematic_edit_is_one_line_and_every_change_stays_in_json(tmp_path):
    old = _write(tmp_path, "old.md", YEARS)
    new = _write(tmp_path, "new.md", "".join(line.replace(f"topic {n}", f"topic {n} [{2010 + n}]") if f"topic {n}" in line else line
                                             for n, line in zip([-1, -1] + list(range(7)), YEARS.splitlines(keepends=True))))
    terminal = run("diff", old, new, "--no-color").stdout
    assert "7 entries: note gained '[ 2010 ]' (and the like)" in terminal
    assert sum(line.startswith("~ ") for line in terminal.splitlines()) == 1
    data = json.loads(run("diff", old, new, "-o", "json").stdout)
    assert len(data["changes"]) == 7 and data["systematic"] == [
        {"type": "reannotated", "description": "note gained '[ 2010 ]' (and the like)", "count": 7}]


def test_ignore_and_section_filter_the_changes_and_the_exit_status(tmp_path):
    old = _write(tmp_path, "old.md", TEXT)
    new = _write(tmp_path, "new.md", RENAMED.replace("(Hu et al., 2021)", "(Hu et al., 2021) — a note"))
    kinds = lambda *args: [c["type"] for c in _changes(run("diff", old, new, "-o", "json", *args))]
    assert kinds() == ["renamed", "reannotated"]
    assert kinds("--ignore", "renamed") == ["reannotated"]
    assert run("diff", old, new, "--ignore", "renamed,reannotated").exit_code == 0
    assert kinds("--section", "Blogs") == [] and kinds("--section", "finetuning") == ["renamed", "reannotated"]
    bad = run("diff", old, new, "--ignore", "typo")
    assert bad.exit_code == 2 and "unknown kind 'typo'" in bad.stderr


def test_a_paper_added_to_a_markdown_table_is_seen(tmp_path):
    table = "# Papers\n\n| Paper | Year |\n| --- | --- |\n| [ResNet](https://arxiv.org/abs/1512.03385) | 2015 |\n"
    old = _write(tmp_path, "old.md", table)
    new = _write(tmp_path, "new.md", table + "| [ViT](https://arxiv.org/abs/2010.11929) | 2020 |\n")
    assert [c["type"] for c in _changes(run("diff", old, new, "-o", "json"))] == ["added"]


def test_the_kinds_ignore_knows_are_the_kinds_diff_reports():
    from listmerge.cli import CHANGE_KINDS
    from listmerge.diff import CHANGE_TYPES

    assert CHANGE_KINDS == CHANGE_TYPES


def test_a_title_that_lost_its_byline_is_the_same_entry_renamed(tmp_path):
    """Between versions, an entry's link, the only one of its kind on each side, pairs it:
    "[Data Cleaning by Rachael Tatman at Kaggle](u)" -> "[Data Cleaning](u) - Rachael Tatman"."""
    old = _write(tmp_path, "old.md", "# Courses\n\n- [Data Cleaning by Rachael Tatman at Kaggle](https://www.kaggle.com/learn/data-cleaning)\n"
                                     "- [Other](https://example.org/other)\n")
    new = _write(tmp_path, "new.md", "# Courses\n\n- [Data Cleaning](https://www.kaggle.com/learn/data-cleaning) - Rachael Tatman (Kaggle)\n"
                                     "- [Other](https://example.org/other)\n")
    kinds = sorted(c["type"] for c in _changes(run("diff", old, new, "-o", "json")))
    assert "added" not in kinds and "removed" not in kinds and "renamed" in kinds


def test_a_work_newly_linked_inside_an_entrys_text_is_a_mention_added(tmp_path):
    """A new pick's text that links another work shows that link as added (a work the list now
    links); a link that only moved from a mention to an entry of its own is no mention change."""
    old = _write(tmp_path, "old.md", "# Labs\n\n- [Lab A](https://a.example.org) - known for [Tool X](https://x.example.org)\n")
    new = _write(tmp_path, "new.md", "# Labs\n\n- [Lab A](https://a.example.org) - known for [Tool X](https://x.example.org)\n"
                                     "- [Lab B](https://b.example.org) - famous for [Treebank](https://tb.example.org)\n")
    changes = _changes(run("diff", old, new, "-o", "json", "--no-compare"))
    assert sorted((c["type"], (c["new"] or {}).get("url")) for c in changes) == [
        ("added", "https://b.example.org"), ("mention-added", "https://tb.example.org")]
