"""merge3 cases the fuzz harness found (bench/merge3_trials.py), as specifications. Inputs are
generated here."""
from __future__ import annotations

import shutil

import pytest

from listmerge.load import read_versions
from listmerge.merge3 import Version, merge_versions

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

LINK = "https://arxiv.org/abs/2101.{}"


def plain(papers: list[str], blogs: list[str]) -> str:
    return "Reading list\n\nPapers:\n" + "".join(f"{t} {LINK.format(n)}\n" for t, n in papers) + \
        "\nBlogs:\n" + "".join(f"{t} {LINK.format(n)}\n" for t, n in blogs)


def merge(tmp_path, texts):
    paths = []
    for name, text in zip(("base", "ours", "theirs"), texts):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{name}.txt"))
    _, versions = read_versions(paths, "plaintext", texts=texts)
    return merge_versions(*[Version(s, p, t, lists) for s, p, t, (_, lists) in
                            zip(("base", "ours", "theirs"), paths, texts, versions)])


def test_an_entry_both_sides_added_at_different_places_is_written_once_where_ours_has_it(tmp_path):
    """git's line merge is clean here and keeps both copies (the sides added the line at two
    places); merge3 takes git's text, but an entry both sides added is still one entry."""
    retrieval, recurrent, retrieval2 = ("Retrieval Models", "10002v2"), ("Recurrent Models", "10005"), ("Retrieval Models", "10002")
    contrastive, mixture, diffusion = ("On Contrastive Learning", "10004"), ("Mixture Models", "10001"), ("On Diffusion Learning", "10003")
    base = plain([retrieval, recurrent, retrieval2], [contrastive, mixture])
    ours = plain([recurrent, retrieval2], [diffusion, contrastive, mixture])
    theirs = plain([recurrent, retrieval, retrieval2], [contrastive, diffusion, mixture])
    result = merge(tmp_path, [base, ours, theirs])
    assert not result.conflicts
    assert result.text.count(LINK.format("10003")) == 1
    assert result.text.index("On Diffusion") < result.text.index("On Contrastive"), "ours' place"


def test_a_line_a_side_has_twice_is_left_as_git_writes_it(tmp_path):
    """Only copies beyond what either side has are surplus: a repeated entry stays repeated."""
    a, b, c = ("Alpha Paper", "10011"), ("Beta Paper", "10012"), ("Gamma Paper", "10013")
    base = plain([a], [b])
    ours = plain([a, c, c], [b])
    theirs = plain([a], [b, ("Delta Paper", "10014")])
    result = merge(tmp_path, [base, ours, theirs])
    assert result.text.count(LINK.format("10013")) == 2


def merged_text(tmp_path, texts, parser, suffix):
    paths = []
    for name, text in zip(("base", "ours", "theirs"), texts):
        (tmp_path / f"{name}.{suffix}").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{name}.{suffix}"))
    _, versions = read_versions(paths, parser, texts=texts)
    return merge_versions(*[Version(s, p, t, lists) for s, p, t, (_, lists) in
                            zip(("base", "ours", "theirs"), paths, texts, versions)])


def ordered(papers: list[str], blogs: list[str]) -> str:
    def items(titles):
        return "".join(f"{n}. [{t}](https://arxiv.org/abs/2101.{10000 + len(t)})\n" for n, t in enumerate(titles, 1))
    return f"# Reading list\n\n## Papers\n\n{items(papers)}\n## Blogs\n\n{items(blogs)}"


def test_an_entry_one_side_put_in_another_section_and_the_other_removed_is_kept_where_it_went(tmp_path):
    """An entry is a work in a section: ours moved it to Papers, theirs removed it from Blogs;
    ours' Papers entry is as much an addition as a new one (git keeps it in its conflict)."""
    base = ordered([], ["Graph", "On Sparse Learning"])
    ours = ordered(["Latent Models", "On Sparse Learning"], ["Graph"])
    theirs = ordered(["Latent Models"], ["Graph"])
    result = merged_text(tmp_path, [base, ours, theirs], "markdown", "md")
    papers = result.text.split("## Blogs")[0]
    assert "On Sparse Learning" in papers or result.conflicts


def test_an_entry_one_side_removed_and_the_other_left_goes_wherever_the_lines_put_it(tmp_path):
    """Ours removed the second mention of a work, theirs removed the first and moved another up:
    the line diff reads theirs' change as an edit of the first, and hands the second over in
    lines it calls clean; it is still removed (ours removed it, theirs left it as it was)."""
    def thread(lines):
        return "Which papers should a newcomer read?\n\n" + "\n\n".join(lines) + "\n"
    c = 'I recommend "Causal Models" https://arxiv.org/pdf/2101.10008'
    a = "See https://arxiv.org/abs/2101.10005 (read this first)"
    b = 'I recommend "On Recurrent Learning" https://arxiv.org/abs/2101.10005v2 (read this first)'
    s = 'I recommend "Sparse Models" https://arxiv.org/abs/2101.10000v2 (a classic)'
    d = "See https://arxiv.org/pdf/2101.10003 (a classic)"
    result = merged_text(tmp_path, [thread([c, a, b]), thread([s, c, a, d]), thread([c, b, d, s])], "thread", "txt")
    outside = "".join(line for line in result.text.splitlines(True) if not line.startswith(("<<<<<<<", "=======", ">>>>>>>")))
    assert "On Recurrent Learning" not in outside or result.conflicts
    assert result.text.count("Sparse Models") == 1 and "2101.10003" in result.text
