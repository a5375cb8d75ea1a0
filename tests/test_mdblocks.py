"""Markdown block structure: read as GitHub renders it (markdown-it-py), with source lines; the
fast reading of long runs of one-line items gives exactly the blocks of a full parse."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from listmerge.parsers import mdblocks
from listmerge.parsers.mdblocks import read_blocks


def full_parse(lines: list[str]) -> list:
    """The blocks markdown-it gives for the whole text, without the fast reading of runs."""
    return mdblocks._Builder(lines, list(range(len(lines)))).run(mdblocks._parser().parse("\n".join(lines)))


def shape(blocks) -> list:
    return [(b.kind, b.line, b.end_line, b.text, b.level, b.ordered, b.number, b.marker,
             [(p.line, p.end_line, p.text) for p in b.body], shape(b.children), b.header,
             [(r.line, r.cells) for r in b.rows]) for b in blocks]


def blocks_of(text: str):
    return read_blocks(text.split("\n"))


def test_setext_and_atx_headings_are_headings_with_their_levels():
    blocks = blocks_of("Title\n=====\n\nPart\n----\n\n### Third ###\n")
    assert [(b.kind, b.text, b.level, b.line) for b in blocks] == [
        ("heading", "Title", 1, 1), ("heading", "Part", 2, 4), ("heading", "Third", 3, 7)]
    assert blocks[0].setext and not blocks[2].setext


def test_a_pipe_table_has_its_header_and_rows_with_their_lines():
    (table,) = blocks_of("| Paper | Year |\n|---|---|\n| [A](https://a.org) | 2019 |\n| B | 2020 |\n")
    assert table.kind == "table" and table.header == ["Paper", "Year"]
    assert [(r.line, r.cells) for r in table.rows] == [(3, ["[A](https://a.org)", "2019"]), (4, ["B", "2020"])]


def test_loose_nested_lists_keep_items_bodies_and_children():
    text = "- one\n  continued\n\n  a second paragraph\n\n- two\n  1. sub\n  2. sub two\n"
    one, two = blocks_of(text)
    assert (one.text, one.line, one.end_line) == ("one\ncontinued", 1, 4)
    assert [(p.line, p.text) for p in one.body] == [(4, "a second paragraph")]
    assert [(c.number, c.text, c.line) for c in two.children] == [(1, "sub", 7), (2, "sub two", 8)]


def test_code_fences_html_and_quotes_are_not_items():
    text = "```\n- not an item\n```\n\n<ul>\n<li>html</li>\n</ul>\n\n> - quoted item\n> prose\n"
    kinds = [(b.kind, b.line) for b in blocks_of(text)]
    assert kinds == [("code", 1), ("html", 5), ("item", 9)]


def test_front_matter_lines_count_from_the_file_start():
    lines = ["---", "title: x", "---", "", "- [A](https://a.org)"]
    (item,) = read_blocks(lines, 3)
    assert (item.line, item.text) == (5, "[A](https://a.org)")


SIMPLE = st.sampled_from(["- [A title](https://a.org/x) (2019)", "* [B](https://b.org) — why", "1. [C](https://c.org)",
                          "2) Plain item text", "- **Bold** name [pdf](https://p.org)", "+ \"Quoted\" title"])
OTHER = st.sampled_from(["", "```", "~~~", "<div>", "</div>", "<!-- c -->", "> quote", "# Heading", "Text line",
                         "  - nested", "    indented code", "---", "===", "| a | b |", "|---|---|", "[ref]: https://r.org",
                         "- # item heading", "- > quoted", "1. ", "   continuation", "\t- tab item", "- ***"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.lists(SIMPLE, min_size=mdblocks.MIN_RUN, max_size=mdblocks.MIN_RUN + 4), OTHER.map(lambda x: [x])),
                max_size=12))
def test_reading_runs_of_one_line_items_fast_gives_the_full_parse(chunks):
    """Long runs of one-line items are read without parsing each line; whatever surrounds them
    (code, HTML, paragraphs that swallow them), the blocks are those of the full parse."""
    lines = [line for chunk in chunks for line in chunk]
    assert shape(read_blocks(lines)) == shape(full_parse(lines))
