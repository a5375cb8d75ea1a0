"""Bounded cost by construction: what grows with the number of lists, sections, works or keys
grows near-linearly, and where that needs blocking, the blocks are complete for every input of
a size anyone has (a property against the naive all-pairs reference)."""
from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from listmerge.identify import names_agree
from listmerge.topics import Unit, affinity, align, candidate_pairs

NAMES = ["Papers", "papers", "Chapter 7. Papers", "Retrieval Augmented Generation", "RAG", "Agents",
         "Agent", "LLM Agents", "Evaluation", "Evals", "", "Fun stuff", "Papers on Agents"]


def naive_align(units):
    """The reference: every pair scored, groups joined by copying (listmerge's align before it
    was blocked and joined smaller into larger)."""
    group = {u: (u,) for u in units}
    pairs = [(affinity(a, b), i, j) for i, a in enumerate(units) for j, b in enumerate(units)
             if i < j and a.source != b.source]
    for score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if score > 0 and group[units[i]] is not group[units[j]] \
                and not {u.source for u in group[units[i]]} & {u.source for u in group[units[j]]}:
            joined = group[units[i]] + group[units[j]]
            group.update((u, joined) for u in joined)
    found = {id(g): g for g in (group[u] for u in units)}
    return [sorted(g, key=lambda x: (x.source, x.position)) for g in found.values()]


unit = st.builds(lambda source, name, position, works: Unit(source, (name,), position, frozenset(works)),
                 st.integers(0, 4), st.sampled_from(NAMES), st.floats(0, 1),
                 st.sets(st.integers(0, 12), max_size=6))


@given(st.lists(unit, max_size=25, unique_by=lambda u: (u.source, u.path)))
def test_blocking_finds_every_pair_that_aligns_and_the_topics_are_the_reference_s(units):
    found = candidate_pairs(units)
    for i, j in combinations(range(len(units)), 2):
        if units[i].source != units[j].source and affinity(units[i], units[j]) > 0:
            assert (i, j) in found
            assert found[(i, j)] == bool(names_agree(units[i].name, units[j].name))
    assert align(units) == naive_align(units)


def test_many_sections_of_one_name_are_joined_as_a_star():
    """3,000 lists with a section of one name propose 2,999 pairs, not 4.5 million."""
    units = [Unit(k, ("Papers",), 0.0, frozenset({k})) for k in range(3000)]
    assert len(candidate_pairs(units)) == 2999
    (topic,) = align(units)
    assert len(topic) == 3000


def test_a_work_every_list_holds_proposes_no_pairs_of_its_own():
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]
    units = [Unit(k, (f"{words[k % 10]}{words[k // 10 % 10]}{words[k // 100]}",), 0.0, frozenset({0, 1}))
             for k in range(500)]
    assert len(candidate_pairs(units)) < 500


def test_names_that_all_agree_pair_a_bounded_number_of_times():
    """500 sections "Section k on things" all agree by name: each pairs with at most 64 others."""
    units = [Unit(k, (f"Section {k} on things",), 0.0, frozenset()) for k in range(500)]
    assert len(candidate_pairs(units)) <= 500 * 64


def test_a_report_on_many_lists_has_a_row_per_list_not_a_matrix(tmp_path):
    from listmerge.load import read
    from listmerge.merge import merge
    from listmerge.render.report import MATRIX_LISTS, report_markdown

    lists = []
    for k in range(MATRIX_LISTS + 5):
        path = tmp_path / f"list{k}.md"
        path.write_text(f"# Papers\n\n- [Paper {k} on things](https://example.org/{k})\n"
                        "- [Shared Paper on Everything](https://example.org/shared)\n")
        lists.extend(read(str(path)))
    report = report_markdown(merge(lists))
    overlap = report.split("## Overlap between lists")[1].split("## Topics")[0]
    rows = [line for line in overlap.splitlines() if line.startswith("| L")]
    assert len(rows) == MATRIX_LISTS + 5
    assert rows[0] == "| L | 2 | 1 | L2 (1) |"


def test_citation_keys_of_twenty_thousand_alike_entries_are_unique_and_in_order():
    from listmerge.model import Entry
    from listmerge.render.bibtex import citation_keys

    keys = citation_keys([Entry(title="Deep Learning") for _ in range(20000)])
    assert len(set(keys)) == 20000
    assert keys[:3] == ["deepa", "deepb", "deepc"] and keys[26] == "deepaa"


def test_many_topics_of_one_name_are_numbered_in_order():
    from listmerge.topics import Topic, _distinct_names

    units = [Unit(k, ("Papers",), 0.0, frozenset()) for k in range(4)]
    topics = _distinct_names([Topic("Papers", (u,), 0.0) for u in units])
    assert [t.name for t in topics] == ["Papers", "Papers (2)", "Papers (3)", "Papers (4)"]


def _apply(a, b, found):
    """``a`` with the hunks' lines of ``b`` put in place: a diff is right when this gives ``b``."""
    out, at = [], 0
    for i1, i2, j1, j2 in found:
        out += a[at:i1] + b[j1:j2]
        at = i2
    return out + a[at:]


@given(st.lists(st.sampled_from(["a\n", "b\n", "\n", "c\r\n"]), max_size=30),
       st.lists(st.sampled_from(["a\n", "b\n", "\n", "d\n"]), max_size=30))
def test_merge3_line_diff_is_difflib_s_within_its_budget(a, b):
    from difflib import SequenceMatcher

    from listmerge.merge3.lines import _opcodes, hunks

    assert _apply(a, b, hunks(a, b)) == b
    assert _opcodes(a, b) == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def test_a_line_diff_of_thousands_of_repeated_lines_stays_within_budget():
    """Every line followed by a blank one, against the same lines with other line endings: difflib
    alone took minutes; past the budget the junk heuristic, then one change, still a right diff."""
    from listmerge.merge3 import lines

    base = [f'  "title": "Paper {k % 400}",\n' if k % 10 else "\n" for k in range(4000)]
    doubled = [line for pair in zip(base, ["\n"] * len(base)) for line in pair]
    other = [line.replace("\n", "\r") for line in base]
    for a, b in ((base, doubled), (base, other), (doubled, other)):
        assert _apply(a, b, lines.hunks(a, b)) == b


def test_the_overlap_pictures_draw_at_most_thirty_lists(tmp_path):
    """300 lists (the fuzz harness's many-files case took over 20 s drawing a 90,000-cell
    heatmap): the pictures show the 30 lists with most works, and say so."""
    from click.testing import CliRunner

    from listmerge.cli import main
    from listmerge.render.overlap import MAX_LISTS, largest

    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(300):
        extra = "- [Shared Work](https://example.org/shared)\n" if n % 7 == 0 else ""
        (folder / f"l{n:03d}.md").write_text(f"# L{n}\n\n- [Work {n}](https://example.org/w{n})\n{extra}",
                                             encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(folder), "-o", str(tmp_path / "out"), "-t", "html", "-q"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "canon.html").read_text(encoding="utf-8")
    assert page.count(f"Drawn for the {MAX_LISTS} lists with most works, of 300.") == 2
    tags, memberships = largest([f"L{n}" for n in range(300)], [(n,) for n in range(300)] + [(7, 14)])
    assert len(tags) == MAX_LISTS and tags[:2] == ["L0", "L1"] and (tags.index("L7"), tags.index("L14")) in memberships


def _repeated(copies: int, others: int = 30):
    from listmerge.model import Entry, ReadingList

    entries = [Entry(title="Graph Scale Contrastive Mixture", url="https://arxiv.org/abs/2101.10025", line=n + 1,
                     end_line=n + 1)
               for n in range(copies)]
    entries += [Entry(title=f"Graph scale contrastive mixture, part {n}", url=f"https://example.org/{n}",
                      line=copies + n + 1, end_line=copies + n + 1) for n in range(others)]
    entries.append(Entry(title="Graph Scale Contrastive Mixture", url="https://arxiv.org/abs/2101.10026",
                         line=copies + others + 1, end_line=copies + others + 1))
    return ReadingList(name="l", path="l.md", format="markdown", title=None, entries=tuple(entries))


def test_an_entry_repeated_thousands_of_times_costs_as_many_judgements_not_millions():
    """One line repeated 2,400 times (it once took 24 GB): its copies are one work, judged once
    each against their run's first, not every copy against every other."""
    from listmerge.works import find_works

    matching = find_works([_repeated(2400)])
    assert len(matching.judgements) < 10 * 2400
    biggest = max(matching.clusters, key=len)
    assert len(biggest) == 2400 and set(biggest) == set(range(2400))


def test_a_long_run_of_twins_gives_the_works_judging_every_pair_gives(monkeypatch):
    import listmerge.works as works

    collapsed = works.find_works([_repeated(40)]).clusters
    monkeypatch.setattr(works, "MANY_TWINS", 10**9)
    assert works.find_works([_repeated(40)]).clusters == collapsed
