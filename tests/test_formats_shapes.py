"""The shapes besides markdown (org-mode, reStructuredText, plain-text references, CSV link
columns, YAML/JSON data files of list sites) on golden fixtures of our own: each input in
fixtures/formats-shapes/ reads as its ``.expected.yaml`` says, entry by entry and skipped link by skipped
link. LISTMERGE_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing)."""
from __future__ import annotations

import json
import os

import pytest
import yaml

from conftest import FIXTURES
from listmerge.load import parse_text, read
from listmerge.parsers import detect, get_parser

SHAPES = FIXTURES / "formats-shapes"
CASES = sorted(p for p in SHAPES.iterdir() if not p.name.endswith(".expected.yaml"))
ENTRY_FIELDS = ("title", "url", "urls", "authors", "year", "venue", "aliases", "ids", "kind", "annotation", "section",
                "role", "parent", "line", "end_line")


def summary(lists) -> list[dict]:
    """What a golden file holds of each list: format, title, sections, entries (fields that are
    set), skipped links and problems."""
    out = []
    for rl in lists:
        entries = []
        for entry in rl.entries:
            fields = {f: getattr(entry, f) for f in ENTRY_FIELDS}
            fields["ids"] = dict(entry.ids)
            fields = {f: list(v) if isinstance(v, tuple) else v for f, v in fields.items()
                      if v not in (None, "", (), {}) and (f, v) not in (("role", "primary"), ("kind", "other"))}
            entries.append(fields)
        out.append({
            "format": rl.format, "title": rl.title, "sections": [list(s.path) for s in rl.sections],
            "entries": entries, "skipped": [[s.line, s.url, s.reason] for s in rl.skipped],
            "problems": [[p.line, p.message] for p in rl.problems],
        })
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_each_shape_reads_as_its_golden_file_says(path):
    got = summary(read(str(path)))
    expected_path = path.with_name(path.name + ".expected.yaml")
    if os.environ.get("LISTMERGE_UPDATE_GOLDEN"):
        expected_path.write_text(yaml.safe_dump(got, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    assert got == yaml.safe_load(expected_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, fmt", [
    ("sequence-models.org", "org"), ("exploration.rst", "rst"), ("storage-seminar.txt", "plaintext"),
    ("papers-of-the-week.csv", "csv"), ("projects.yaml", "data"), ("diffusion-db.json", "data"),
    ("grouped.json", "data"), ("keyed.yaml", "data"),
])
def test_each_shape_is_detected_by_content_and_name(name, fmt):
    text = (SHAPES / name).read_text(encoding="utf-8")
    assert detect(text, name).name == fmt


@pytest.mark.parametrize("name, fmt", [("sequence-models.org", "org"), ("exploration.rst", "rst")])
def test_org_and_rst_are_recognised_without_their_extension(name, fmt):
    text = (SHAPES / name).read_text(encoding="utf-8")
    assert detect(text, "list.txt").name == fmt


# --- telling data files from listmerge's own format and CSL-JSON ------------------------------

def test_data_files_leave_listmerge_dumps_and_csl_json_to_their_readers():
    """Detection goes by shape: a listmerge document (even hand-written, with ``entries``) and a
    CSL-JSON array are not data files of a list site."""
    (rl,) = read(str(SHAPES / "grouped.json"))
    from listmerge.serialize import document

    dump = json.dumps(document([rl]), indent=2)
    assert detect(dump, "dump.json").name == "listmerge"
    assert detect(yaml.safe_dump(document([rl])), "dump.yaml").name == "listmerge"
    assert detect("entries:\n  - title: Dune\n    url: https://example.org/dune\n", "mine.yaml").name == "listmerge"
    csl = json.dumps([{"id": "a", "type": "article-journal", "title": "A", "URL": "https://a.org",
                       "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2020]]}},
                      {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2021]]}}])
    assert detect(csl, "refs.json").name == "csljson"


def test_a_dump_of_a_data_file_reads_back_the_same():
    lists = read(str(SHAPES / "projects.yaml"))
    from listmerge.serialize import document

    again = get_parser("listmerge").parse(yaml.safe_dump(document(lists), sort_keys=False), "again.yaml")
    assert [e for rl in again for e in rl.entries] == [e for rl in lists for e in rl.entries]


@pytest.mark.parametrize("text", [
    pytest.param('{"items": [{"name": "No Link"}, {"name": "Still None", "note": "x"}]}', id="no-links"),
    pytest.param("just: a\nconfig: file\n", id="settings"),
    pytest.param("[1, 2, 3]", id="numbers"),
    pytest.param("- a\n- b\n", id="strings"),
])
def test_yaml_or_json_without_records_is_not_a_data_list(text):
    assert get_parser("data").detect(text, "x.json") == 0.0


def test_aliases_in_a_data_file_are_read_once_and_loops_end():
    text = ("base: &b {url: https://example.org/shared}\n"
            "items:\n"
            "  - &loop\n    name: One\n    url: https://example.org/one\n    again: *loop\n"
            "  - {name: Two, <<: *b}\n")
    (rl,) = get_parser("data").parse(text, "aliases.yaml")
    assert [(e.title, e.url) for e in rl.entries] == [("One", "https://example.org/one"),
                                                     ("Two", "https://example.org/shared")]


# --- rules of the shapes, one at a time ---------------------------------------------------------

@pytest.mark.parametrize("item, title, urls, annotation", [
    pytest.param("[[https://a.org/x][Named Work]] - what it is", "Named Work", ["https://a.org/x"], "what it is",
                 id="link-text-titles"),
    pytest.param("Named Work [[https://a.org/x.pdf][pdf]] [[https://github.com/o/r][code]]", "Named Work",
                 ["https://a.org/x.pdf", "https://github.com/o/r"], "", id="name-before-link-words"),
    pytest.param("[[https://github.com/o/r][code]] [[https://a.org/x][Named Work]]", "Named Work",
                 ["https://a.org/x", "https://github.com/o/r"], "", id="own-link-first"),
    pytest.param("[[https://a.org/x]]", None, ["https://a.org/x"], "", id="bare-link-is-untitled"),
    pytest.param("<https://a.org/x> - notes", None, ["https://a.org/x"], "notes", id="angle-link"),
    pytest.param("*Bold Name*: https://a.org/x", "Bold Name", ["https://a.org/x"], "", id="bare-url-after-a-name"),
])
def test_an_org_items_title_is_its_name_never_a_link_word(item, title, urls, annotation):
    (rl,) = parse_text(f"* Papers\n- {item}\n", "list.org")
    (entry,) = rl.primaries
    assert (entry.title, list(entry.urls), entry.annotation) == (title, urls, annotation)


def test_rst_section_levels_follow_the_order_styles_appear_in():
    text = ("Top\n~~~\n\n- `A <https://a.org>`_\n\nInner\n^^^^^\n\n- `B <https://b.org>`_\n\n"
            "Next Top\n~~~~~~~~\n\n- `C <https://c.org>`_\n")
    (rl,) = parse_text(text, "x.rst")
    assert [(e.title, e.section) for e in rl.entries] == [("A", ("Top",)), ("B", ("Top", "Inner")),
                                                         ("C", ("Next Top",))]


@pytest.mark.parametrize("byline, authors, year, rest", [
    (", Mnih et al, 2013. **Algorithm: DQN.**", ("Mnih", "et al."), 2013, "**Algorithm: DQN.**"),
    (", Ha and Schmidhuber, 2018.", ("Ha", "Schmidhuber"), 2018, ""),
    (", Ziebart 2010. Notes.", ("Ziebart",), 2010, "Notes."),
    (" by Tsitsiklis and Van Roy (1997)", ("Tsitsiklis", "Van Roy"), 1997, ""),
    (", a toolkit for 2019 tasks", (), None, ", a toolkit for 2019 tasks"),
    (" by Carey Rappaport. Colour maps.", ("Carey Rappaport",), None, "Colour maps."),
    (" by the way, see below", (), None, " by the way, see below"),
])
def test_a_byline_after_a_title_gives_authors_and_year(byline, authors, year, rest):
    from listmerge.parsers.citeline import parse_byline

    assert parse_byline(byline) == (authors, year, rest)


@pytest.mark.parametrize("line, title, authors, year, venue", [
    ("Ada Lovelace, Alan Turing: On Engines. CACM 12(3): 1-9 (1950)", "On Engines", ("Ada Lovelace", "Alan Turing"),
     1950, "CACM 12(3)"),
    ("Ada Lovelace and Alan Turing. 1950. On Engines. In Proceedings of the Engine Conference (EC '50). 1-9.",
     "On Engines", ("Ada Lovelace", "Alan Turing"), 1950, "Proceedings of the Engine Conference (EC '50)"),
    ("Lovelace, Ada and Turing, Alan (March 1950) - \"On Engines\". Journal of Engines, Vol. 1.", "On Engines",
     ("Lovelace, Ada", "Turing, Alan"), 1950, "Journal of Engines, Vol. 1"),
    ("Ada Lovelace, Alan Turing. On Engines. ICE 1950.", "On Engines", ("Ada Lovelace", "Alan Turing"), 1950, "ICE"),
])
def test_reference_lines_in_the_shapes_dblp_and_acm_export(line, title, authors, year, venue):
    from listmerge.parsers.citeline import parse_reference

    ref = parse_reference(line)
    assert (ref.title, ref.authors, ref.year, ref.venue) == (title, authors, year, venue)


@pytest.mark.parametrize("line", ["A Fast File System for UNIX", "K42: building a complete operating system",
                                  "Query Processing: Classics and Main Memory", "Paxos Made Simple",
                                  "We read these in the spring, then met twice a week."])
def test_a_bare_title_is_not_read_as_a_reference(line):
    from listmerge.parsers.citeline import parse_reference

    assert parse_reference(line) is None


@pytest.mark.parametrize("header, own, further", [
    ("Title,PaperURL,TweetURL", "https://arxiv.org/abs/1", "https://x.com/a/status/2"),
    ("Title,Code,Paper link", "https://arxiv.org/abs/1", "https://github.com/a/b/tree/main"),
    ("Title,Where", "https://arxiv.org/abs/1", None),
])
def test_csv_link_columns_put_the_works_own_link_first(header, own, further):
    cells = {"Title": "A Work", "PaperURL": own, "TweetURL": further, "Code": further, "Paper link": own,
             "Where": own}
    names = header.split(",")
    text = header + "\n" + ",".join(cells[n] or "" for n in names) + "\n" + ",".join(
        cells[n] if n == "Title" else "https://example.org/other" if n == "Where" else "" for n in names) + "\n"
    (rl,) = get_parser("csv").parse(text, "t.csv")
    assert rl.entries[0].url == own
    assert list(rl.entries[0].urls) == [u for u in (own, further) if u]


@pytest.mark.parametrize("fmt", ["org", "rst", "data", "plaintext", "csv"])
@pytest.mark.parametrize("text", [
    "", "\n\n", "*", "* ", "- [[", "[[]]", "[[][]]", "| a | b", "|-", "#+BEGIN_SRC", ".. [#]", ".. _x:", "`x <>`_",
    "====\n", "a\n=\n", "http://\nhttp://", "{", "[", "- {", "x: [", "---\n- a: [b", "null", "----- end -----\nx",
    "Title\nhttps://a.org\n\nTitle\nhttps://b.org\n", "a,b\n" + "\"" * 3,
])
def test_no_new_reader_raises_on_odd_input(fmt, text):
    """Whatever the text, a reader returns lists whose entry and problem lines lie inside it."""
    lists = parse_text(text, "odd.x", fmt)
    last = text.count("\n") + 1
    for rl in lists:
        assert all(1 <= e.line <= e.end_line <= last for e in rl.entries)
        assert all(p.line is None or 1 <= p.line <= last for p in rl.problems)


@pytest.mark.parametrize("block, title, authors, year, venue", [
    pytest.param("Dynamo: Amazon's Highly Available Key-value Store\nDeCandia et al., SOSP 2007",
                 "Dynamo: Amazon's Highly Available Key-value Store", ["DeCandia", "et al."], 2007, "SOSP",
                 id="title-over-byline"),
    pytest.param("Finding a Needle in Haystack:\nFacebook's Photo Storage",
                 "Finding a Needle in Haystack: Facebook's Photo Storage", [], None, None, id="title-wrapped-at-a-colon"),
    pytest.param("Spanner: Google's Globally-Distributed Database\nOSDI 2012",
                 "Spanner: Google's Globally-Distributed Database", [], 2012, "OSDI", id="venue-line"),
    pytest.param("Bigtable: A Distributed Storage System for\nStructured Data (2006)",
                 "Bigtable: A Distributed Storage System for Structured Data", [], 2006, None, id="wrapped-at-for"),
])
def test_a_reference_block_tells_a_byline_line_from_a_wrapped_title(block, title, authors, year, venue):
    text = f"Papers\n\n{block}\nhttps://example.org/a\n\nAnother One\nhttps://example.org/b\n"
    (rl,) = parse_text(text, "list.txt")
    entry = rl.entries[0]
    assert (entry.title, list(entry.authors), entry.year, entry.venue) == (title, authors, year, venue)


@pytest.mark.parametrize("text, title, authors, year", [
    ("Hinton et al. 2015: Distilling the Knowledge in a Neural Network",
     "Distilling the Knowledge in a Neural Network", ["Hinton", "et al."], 2015),
    ("Ho and Ermon (2016). Generative Adversarial Imitation Learning", "Generative Adversarial Imitation Learning",
     ["Ho", "Ermon"], 2016),
    ("Windows 2000: A Retrospective", "Windows 2000: A Retrospective", [], None),
    ("Llama 2: Open Foundation and Fine-Tuned Chat Models", "Llama 2: Open Foundation and Fine-Tuned Chat Models", [], None),
])
def test_a_link_text_that_cites_gives_title_authors_and_year(text, title, authors, year):
    (rl,) = parse_text(f"* Papers\n- [[https://example.org/p][{text}]]\n", "list.org")
    entry = rl.entries[0]
    assert (entry.title, list(entry.authors), entry.year) == (title, authors, year)


def test_pandoc_references_in_yaml_read_as_records_with_csl_fields():
    """CSL written as YAML (pandoc's `references:`): family/given names, container-title,
    issued date-parts, URL and DOI in CSL's capitals."""
    text = ("references:\n"
            "  - id: vaswani2017\n    type: paper-conference\n    title: Attention Is All You Need\n"
            "    author:\n      - {family: Vaswani, given: Ashish}\n      - {family: Shazeer, given: Noam}\n"
            "    container-title: Advances in Neural Information Processing Systems\n"
            "    issued: {date-parts: [[2017]]}\n    URL: https://arxiv.org/abs/1706.03762\n"
            "  - id: he2016\n    type: paper-conference\n    title: Deep Residual Learning for Image Recognition\n"
            "    author: [{family: He, given: Kaiming}]\n    issued: {date-parts: [[2016]]}\n    DOI: 10.1109/CVPR.2016.90\n")
    (rl,) = parse_text(text, "refs.yaml")
    assert rl.format == "data"
    first, second = rl.entries
    assert (first.authors, first.year, first.venue, first.key) == (
        ("Vaswani, Ashish", "Shazeer, Noam"), 2017, "Advances in Neural Information Processing Systems", "vaswani2017")
    assert (second.year, second.ids, second.line) == (2016, (("doi", "10.1109/cvpr.2016.90"),), 11)


@pytest.mark.parametrize("text, name", [
    ('{"entries": [{"title": "Dune", "url": "https://example.org/dune"}]}', "mine.json"),
    ("lists:\n  - title: Mine\n    entries:\n      - title: Dune\n", "mine.yaml"),
])
def test_hand_written_listmerge_documents_are_listmerge(text, name):
    (rl,) = parse_text(text, name)
    assert (rl.format, [e.title for e in rl.entries]) == ("listmerge", ["Dune"])


def test_an_rst_definition_list_item_with_a_link_is_an_entry_with_its_definition_as_note():
    text = ("Reading\n=======\n\n"
            "`Attention Is All You Need <https://arxiv.org/abs/1706.03762>`_, Vaswani et al, 2017\n"
            "    The Transformer. See also `the annotated version <https://example.org/annotated>`_.\n\n"
            "Plain term\n    with a definition and no link.\n\n"
            "A paragraph that mentions `Dune <https://example.org/dune>`_ in passing\nand goes on.\n")
    (rl,) = parse_text(text, "reading.rst")
    assert [(e.title, e.role, e.line, e.end_line) for e in rl.entries] == [
        ("Attention Is All You Need", "primary", 4, 5), ("the annotated version", "mention", 4, 4),
        ("Dune", "mention", 10, 10)]
    assert rl.entries[0].annotation == "The Transformer. See also the annotated version."
    assert (rl.entries[0].authors, rl.entries[0].year) == (("Vaswani", "et al."), 2017)


@pytest.mark.parametrize("header, row, title, url", [
    ("Paper,Authors,Link", "Attention Is All You Need,Vaswani et al.,https://arxiv.org/abs/1706.03762",
     "Attention Is All You Need", "https://arxiv.org/abs/1706.03762"),
    ("Name,Paper,Code", "Transformer,https://arxiv.org/abs/1706.03762,https://github.com/tensorflow/tensor2tensor",
     "Transformer", "https://arxiv.org/abs/1706.03762"),
])
def test_a_paper_column_is_the_title_when_it_holds_names_and_a_link_column_when_it_holds_links(header, row, title, url):
    (rl,) = get_parser("csv").parse(f"{header}\n{row}\n", "t.csv")
    assert (rl.entries[0].title, rl.entries[0].url) == (title, url)
