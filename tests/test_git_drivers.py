"""git uses listmerge through the drivers git-setup writes: `git merge` merges a markdown list
entry by entry (clean when the branches edit different things, conflict markers and a failed
merge when they edit the same field), and `git diff` shows listmerge's report."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

TEXT = (FIXTURES / "diff" / "list.md").read_text(encoding="utf-8")
LORA_TAIL = "(Hu et al., 2021)"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path):
    """A repository with lists/papers.md committed on main and the drivers configured to run
    this checkout's listmerge."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}

    def git(*args, check=True):
        result = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path,
                                env=env, capture_output=True, text=True)
        assert not check or result.returncode == 0, result.stderr
        return result

    git("init", "-q", "-b", "main")
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "papers.md").write_text(TEXT, encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} -m listmerge"
    setup = subprocess.run([sys.executable, "-m", "listmerge", "git-setup", "--apply", "--command", command],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    assert (tmp_path / ".gitattributes").read_text() == "lists/** diff=listmerge merge=listmerge\n"
    git("add", ".")
    git("commit", "-q", "-m", "list")
    git.path = tmp_path / "lists" / "papers.md"
    return git


def commit_on(git, branch: str, text: str, start: str = "main") -> None:
    git("checkout", "-q", "-b", branch, start)
    git.path.write_text(text, encoding="utf-8")
    git("commit", "-q", "-am", branch)


def test_branches_editing_different_things_merge_cleanly_with_both_changes(repo):
    commit_on(repo, "note", TEXT.replace(LORA_TAIL, LORA_TAIL + " — the adapter everyone uses"))
    added = "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017)\n"
    other = (TEXT.replace("https://arxiv.org/abs/2106.09685", "https://openreview.net/forum?id=nZeVKeeFYf9")
             .replace("## Blogs\n\n", "## Blogs\n\n" + added))
    commit_on(repo, "links", other)
    # A line-based merge would conflict here: both branches edit the LoRA line.
    repo("checkout", "-q", "note")
    merge = repo("merge", "-q", "--no-edit", "links", check=False)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    text = repo.path.read_text(encoding="utf-8")
    assert ("[LoRA: Low-Rank Adaptation of Large Language Models](https://openreview.net/forum?id=nZeVKeeFYf9)"
            " (Hu et al., 2021) — the adapter everyone uses") in text
    assert added in text and "<<<<<<<" not in text


def test_conflicting_edits_leave_markers_and_git_reports_the_conflict(repo):
    commit_on(repo, "ours", TEXT.replace(LORA_TAIL, LORA_TAIL + " — ours"))
    commit_on(repo, "theirs", TEXT.replace(LORA_TAIL, LORA_TAIL + " — theirs"), start="main")
    repo("checkout", "-q", "ours")
    merge = repo("merge", "--no-edit", "theirs", check=False)
    assert merge.returncode != 0 and "CONFLICT" in merge.stdout
    assert "annotation changed on both sides" in merge.stdout + merge.stderr
    text = repo.path.read_text(encoding="utf-8")
    assert "<<<<<<< ours\n" in text and "— ours\n=======\n" in text and "— theirs\n>>>>>>> theirs\n" in text
    assert "lists/papers.md" in repo("diff", "--name-only", "--diff-filter=U").stdout


def test_git_diff_shows_listmerges_report(repo):
    repo.path.write_text(TEXT.replace("[Direct Preference Optimization]", "[DPO: Direct Preference Optimization]"),
                         encoding="utf-8")
    shown = repo("diff").stdout
    assert shown.startswith("listmerge diff a/lists/papers.md b/lists/papers.md\n")
    assert "renamed 1" in shown and "b/lists/papers.md:14" in shown


TABLE = ("# Papers\n\n| Paper | Year |\n| --- | --- |\n"
         + "".join(f"| [Paper {n}](https://arxiv.org/abs/2301.{10000 + n}) | 2023 |\n" for n in range(6)))
ORDERED = "# Books\n\n" + "".join(f"{n}. [Book {n}](https://example.org/book{n})\n" for n in range(1, 8))


def merge_branches(repo, base: str, ours: str, theirs: str):
    repo.path.write_text(base, encoding="utf-8")
    repo("commit", "-q", "-am", "base")
    commit_on(repo, "ours", ours, start="main")
    commit_on(repo, "theirs", theirs, start="main")
    repo("checkout", "-q", "ours")
    return repo("merge", "--no-edit", "theirs", check=False)


def _row(n: int, year: str = "2023") -> str:
    return f"| [Paper {n}](https://arxiv.org/abs/2301.{10000 + n}) | {year} |\n"


def test_a_table_list_merges_rows_both_branches_added(repo):
    ours = TABLE.replace(_row(0), _row(0) + _row(90))
    merge = merge_branches(repo, TABLE, ours, TABLE + _row(91))
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert repo.path.read_text(encoding="utf-8") == ours + _row(91)


def test_a_table_row_both_branches_edited_is_a_conflict_with_markers(repo):
    merge = merge_branches(repo, TABLE, TABLE.replace(_row(3), _row(3, "2022")), TABLE.replace(_row(3), _row(3, "2024")))
    text = repo.path.read_text(encoding="utf-8")
    assert merge.returncode != 0 and f"<<<<<<< ours\n{_row(3, '2022')}=======\n{_row(3, '2024')}>>>>>>> theirs\n" in text


def test_an_ordered_list_both_branches_appended_to_is_numbered_in_sequence(repo):
    ours = ORDERED + "8. [Ours](https://example.org/ours)\n"
    theirs = ORDERED + "8. [Theirs](https://example.org/theirs)\n"
    merge = merge_branches(repo, ORDERED, ours, theirs)
    assert merge.returncode == 0, merge.stdout + merge.stderr
    assert repo.path.read_text(encoding="utf-8") == ours + "9. [Theirs](https://example.org/theirs)\n"
