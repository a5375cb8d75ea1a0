"""The diff engine: entries are paired by identity, so a shuffle is only reordering, an edited
title is a rename, a new link for the same work a relink, and added/removed works are exactly the
ones one side lacks."""
from __future__ import annotations

import json
import random
import re
import time

import pytest

from conftest import FIXTURES, seed, shared_path
from listmerge.diff import COMPARE, VERSIONS, Side, diff_sides, longest_increasing
from listmerge.identify import canonical_url, normalise_title
from listmerge.load import read, read_all
from listmerge.render.diff import diff_json, diff_terminal

LIST = FIXTURES / "diff" / "list.md"
TEXT = LIST.read_text(encoding="utf-8")


def side(path) -> Side:
    return Side(str(path), read_all(str(path)))


def diff_text(tmp_path, new_text: str, old_text: str = TEXT, **options):
    (tmp_path / "old").mkdir(exist_ok=True)
    (tmp_path / "new").mkdir(exist_ok=True)
    old, new = tmp_path / "old" / "list.md", tmp_path / "new" / "list.md"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return diff_sides(side(old), side(new), **options)


def types(diff) -> list[str]:
    return [c.type for c in diff.changes]


def shuffled_within_sections(text: str, rng: random.Random) -> str:
    blocks = re.split(r"(\n## [^\n]*\n\n)", text)
    out = []
    for block in blocks:
        lines = block.split("\n")
        items = [line for line in lines if line.startswith("- ")]
        if len(items) > 1:
            rng.shuffle(items)
            it = iter(items)
            lines = [next(it) if line.startswith("- ") else line for line in lines]
        out.append("\n".join(lines))
    return "".join(out)


def test_identical_lists_have_no_changes(tmp_path):
    d = diff_text(tmp_path, TEXT)
    assert d.mode == VERSIONS and d.changes == () and d.unchanged == 9 and not d.differs


@pytest.mark.parametrize("seed_value", range(5))
def test_shuffling_within_sections_is_only_reordering(tmp_path, seed_value):
    """Entries shuffled inside their sections: nothing added, removed or moved, only one
    'reordered' change per section whose order changed, counting the entries that shifted."""
    new = shuffled_within_sections(TEXT, random.Random(seed_value))
    d = diff_text(tmp_path, new)
    assert set(types(d)) <= {"reordered"}
    assert d.unchanged == 9
    for change in d.changes:
        assert change.old is None and change.new is None
        assert 0 < change.shifted < change.total
    assert len({c.section for c in d.changes}) == len(d.changes)


def test_one_edited_title_is_one_rename(tmp_path):
    new = TEXT.replace("[Direct Preference Optimization]",
                       "[Direct Preference Optimization: Your Language Model is Secretly a Reward Model]")
    d = diff_text(tmp_path, new)
    assert types(d) == ["renamed"]
    (change,) = d.changes
    assert change.old.entry.line == change.new.entry.line == 14
    assert change.old.where.endswith("old/list.md:14") and change.new.where.endswith("new/list.md:14")


def test_case_and_whitespace_in_a_title_are_no_rename(tmp_path):
    new = TEXT.replace("[Scaling Laws for Neural Language Models]", "[Scaling  laws for neural language models]")
    assert types(diff_text(tmp_path, new)) == []


def test_an_entry_moved_to_another_section_is_moved(tmp_path):
    line = "- [Direct Preference Optimization](https://arxiv.org/abs/2305.18290) (Rafailov et al., 2023)\n"
    new = TEXT.replace(line, "").replace("## Blogs\n\n", "## Blogs\n\n" + line)
    d = diff_text(tmp_path, new)
    assert types(d) == ["moved"]
    assert d.changes[0].old.entry.section[-1] == "Finetuning" and d.changes[0].new.entry.section[-1] == "Blogs"


def test_a_renamed_section_is_one_change_not_a_move_of_each_entry(tmp_path):
    """A heading renamed: one section-renamed change (with how many entries went along), and
    its entries are neither moved nor reordered; it shows in every rendering."""
    d = diff_text(tmp_path, TEXT.replace("## Finetuning\n", "## Fine-tuning and alignment\n"))
    assert types(d) == ["section-renamed"]
    change = d.changes[0]
    assert (change.section[-1], change.to[-1], change.total) == ("Finetuning", "Fine-tuning and alignment", 3)
    assert "Finetuning -> Fine-tuning and alignment  (3 entries went along)" in diff_terminal(d)
    assert json.loads(diff_json(d))["changes"][0] == {
        "type": "section-renamed", "old": None, "new": None, "section": ["Finetuning"],
        "to": ["Fine-tuning and alignment"], "total": 3}


def test_a_renamed_section_keeps_the_moves_out_of_it_and_its_reordering(tmp_path):
    """Renamed, with one entry moved elsewhere and the two that stayed swapped: the rename, one
    move and one reordering of the section under its new name."""
    lora = "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685) (Hu et al., 2021)\n"
    dpo = "- [Direct Preference Optimization](https://arxiv.org/abs/2305.18290) (Rafailov et al., 2023)\n"
    new = (TEXT.replace("## Finetuning\n", "## Adaptation\n").replace(dpo, "").replace(lora, "")
           .replace("(Dettmers et al., 2023)\n", "(Dettmers et al., 2023)\n" + lora)
           .replace("## Blogs\n\n", "## Blogs\n\n" + dpo))
    d = diff_text(tmp_path, new)
    assert types(d) == ["section-renamed", "moved", "reordered"]
    assert d.changes[0].total == 2 and d.changes[1].new.entry.title == "Direct Preference Optimization"
    assert d.changes[2].section[-1] == "Adaptation"


def test_entries_moved_to_a_new_section_while_the_old_one_stays_are_moves(tmp_path):
    """The old section is still there, so the new one is no rename of it."""
    dpo = "- [Direct Preference Optimization](https://arxiv.org/abs/2305.18290) (Rafailov et al., 2023)\n"
    qlora = "- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314) (Dettmers et al., 2023)\n"
    new = TEXT.replace(dpo, "").replace(qlora, "") + "\n## Alignment\n\n" + qlora + dpo
    assert types(diff_text(tmp_path, new)) == ["moved", "moved"]


def test_a_new_link_for_the_same_work_is_relinked_but_http_to_https_is_not(tmp_path):
    new = (TEXT.replace("https://arxiv.org/abs/2106.09685", "https://openreview.net/forum?id=nZeVKeeFYf9")
           .replace("http://jalammar.github.io/illustrated-transformer/", "https://jalammar.github.io/illustrated-transformer"))
    d = diff_text(tmp_path, new)
    assert types(d) == ["relinked"]
    assert d.changes[0].new.entry.title.startswith("LoRA")


def test_added_and_removed_entries(tmp_path):
    new = TEXT.replace("- [The Illustrated Transformer](http://jalammar.github.io/illustrated-transformer/)\n", "")
    new += "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017)\n"
    d = diff_text(tmp_path, new)
    assert types(d) == ["added", "removed"]
    assert d.changes[0].new.entry.title == "Attention Is All You Need"
    assert d.changes[1].old.entry.title == "The Illustrated Transformer"
    assert d.unchanged == 8


def test_an_added_bare_link_is_shown_by_its_link_not_as_untitled():
    """An entry that is only a link (a thread's bare URL) is named by its link in reports."""
    from listmerge.model import Entry, ReadingList

    page = Entry(title=None, url="https://example.org/a-page", urls=("https://example.org/a-page",), line=3, end_line=3)
    notes = Entry(title=None, url="https://example.org/reading-notes", urls=("https://example.org/reading-notes",), line=4, end_line=4)
    old = Side("old.txt", (ReadingList(name="list", path="old.txt", format="thread", entries=(page,)),))
    new = Side("new.txt", (ReadingList(name="list", path="new.txt", format="thread", entries=(page, notes)),))
    d = diff_sides(old, new, compare=False)
    assert types(d) == ["added"]
    assert "+ https://example.org/reading-notes  [(no section)]" in diff_terminal(d)
    compared = diff_terminal(diff_sides(old, new, compare=True))
    assert "+ https://example.org/reading-notes" in compared and "untitled" not in compared


def test_changed_note_is_reannotated(tmp_path):
    new = TEXT.replace("(Hu et al., 2021)", "(Hu et al., 2021) — the adapter everyone uses")
    assert "reannotated" in types(diff_text(tmp_path, new))


OTHER_CURATOR = """# Someone else's papers

- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)
- [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)
- [Language Models are Few-Shot Learners](https://arxiv.org/abs/2005.14165)
- [Denoising Diffusion Probabilistic Models](https://arxiv.org/abs/2006.11239)
"""


def test_versions_or_comparison_is_told_by_how_many_entries_pair_not_by_titles(tmp_path):
    """A retitled version is still a version; a list sharing one entry of four is another
    curator's; --compare / --no-compare force either."""
    assert diff_text(tmp_path, TEXT.replace("# Model papers", "# Someone else's papers")).mode == VERSIONS
    assert diff_text(tmp_path, OTHER_CURATOR).mode == COMPARE
    assert diff_text(tmp_path, OTHER_CURATOR, compare=False).mode == VERSIONS
    assert diff_text(tmp_path, TEXT, compare=True).mode == COMPARE


@pytest.mark.parametrize("values, expected", [([], 0), ([1, 2, 3], 3), ([3, 2, 1], 1), ([2, 1, 3, 5, 4], 3)])
def test_longest_increasing(values, expected):
    assert longest_increasing(values) == expected


def _keys(entries):
    return ({canonical_url(e.url) for e in entries if e.url}, {normalise_title(e.title) for e in entries if e.title})


def test_applied_ml_history():
    """Between two years of applied-ml, every added entry is absent from the old version and every
    removed one from the new (by canonical URL and title), and nothing that kept its section and
    its text is reported."""
    history = shared_path("history", "applied-ml")
    old_path, new_path = history / "README.2020-12.md", history / "README.2021-12.md"
    start = time.perf_counter()
    d = diff_sides(side(old_path), side(new_path))
    assert time.perf_counter() - start < 30
    assert d.mode == VERSIONS
    (old,), (new,) = read(str(old_path)), read(str(new_path))
    old_urls, old_titles = _keys(old.primaries)
    new_urls, new_titles = _keys(new.primaries)
    added = [c.new.entry for c in d.changes if c.type == "added" and not c.elsewhere]
    removed = [c.old.entry for c in d.changes if c.type == "removed" and not c.elsewhere]
    assert len(added) > 100
    for e in added:
        assert canonical_url(e.url) not in old_urls and normalise_title(e.title) not in old_titles, e
    for e in removed:
        assert canonical_url(e.url) not in new_urls and normalise_title(e.title) not in new_titles, e
    same = {(e.section, normalise_title(e.title or ""), canonical_url(e.url or ""), " ".join(e.annotation.split()))
            for e in old.primaries}
    for c in d.changes:
        if c.old and c.new and c.type != "reannotated":
            e = c.new.entry
            assert (e.section, normalise_title(e.title or ""), canonical_url(e.url or ""),
                    " ".join(e.annotation.split())) not in same, c


def test_two_curators_lists_are_compared_with_each_sides_section():
    d = diff_sides(side(seed("001")), side(seed("003")))
    assert d.mode == COMPARE
    shared = {normalise_title(t.entry.title): (w.old[0].entry.section, w.new[0].entry.section)
              for w in d.shared for t in (*w.old, *w.new) if t.entry.title}
    for title in ("Language Models are Few-Shot Learners",
                  "Training language models to follow instructions with human feedback",
                  "LoRA: Low-Rank Adaptation of Large Language Models"):
        a, b = shared[normalise_title(title)]
        assert a and b
    assert shared[normalise_title("LoRA: Low-Rank Adaptation of Large Language Models")][1][-1] == "Chapter 7. Finetuning"
    assert 0 < d.overlap["jaccard"] < 1 and d.differs


# --- properties ----------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from test_merge3 import base_lists, descendant, markdown  # noqa: E402


@st.composite
def versions(draw):
    """Two versions of a generated list: the second kept, removed, edited and added works of
    the first (each work has its own arXiv id, so the truth is known)."""
    old = draw(base_lists)
    return old, draw(descendant(old))


def _works(d, kind: str) -> list[str]:
    return sorted(c.new.entry.url if c.new else c.old.entry.url for c in d.changes if c.type == kind)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(versions())
def test_added_and_removed_are_exactly_the_works_one_side_lacks_and_swap_when_sides_do(tmp_path, pair):
    """diff(A, B) adds the works only B has and removes those only A has; diff(B, A) is its
    mirror image; diff(A, A) finds nothing."""
    (old, new), (old_text, new_text) = pair, (markdown(pair[0]), markdown(pair[1]))
    forward, backward = diff_text(tmp_path, new_text, old_text), diff_text(tmp_path, old_text, new_text)
    only_new, only_old = {w for w, _ in new} - {w for w, _ in old}, {w for w, _ in old} - {w for w, _ in new}
    assert (forward.count("added"), forward.count("removed")) == (len(only_new), len(only_old))
    assert _works(forward, "added") == _works(backward, "removed")
    assert _works(forward, "removed") == _works(backward, "added")
    assert sorted(c.type for c in forward.changes if c.type in ("renamed", "relinked", "reannotated", "moved")) == \
        sorted(c.type for c in backward.changes if c.type in ("renamed", "relinked", "reannotated", "moved"))
    assert not diff_text(tmp_path, old_text, old_text).differs
