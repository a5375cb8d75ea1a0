"""Hostile input to the readers (issue 17): every case is generated here, none is stored. Odd
values become `file:line` warnings and the rest of the file still loads; nothing raises."""
from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from listmerge.cli import main
from listmerge.load import parse_text
from listmerge.parsers import detect, get_parser


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


# --- a first line longer than the csv module's field limit -------------------------------------

def _compact_papers(count: int) -> str:
    papers = [{"title": f"Paper number {i} " + "x" * 150, "url": f"https://arxiv.org/abs/2301.{i:05d}"}
              for i in range(count)]
    return json.dumps({"papers": papers})


def _compact_csl(count: int) -> str:
    return json.dumps([{"id": f"k{i}", "type": "article-journal", "title": f"On item {i} " + "y" * 150,
                        "author": [{"family": "Doe", "given": "Jo"}], "issued": {"date-parts": [[2020]]}}
                       for i in range(count)])


@pytest.mark.parametrize("make", [_compact_papers, _compact_csl], ids=["json-data", "csl-json"])
def test_a_first_line_over_128_kib_is_detected_without_the_csv_sniffer_failing(make):
    """Compact JSON puts a whole file on one line; every parser's detect looks at it."""
    text = make(1200)
    assert "\n" not in text and len(text) > 200_000
    parser = detect(text, "export.json")
    assert parser.name != "csv"
    assert parser.parse(text, "export.json")


@pytest.mark.parametrize("command", [["parse"], ["diff", "{f}"], ["dedupe"]])
def test_every_command_reads_a_compact_json_file(tmp_path, command):
    path = tmp_path / "db.json"
    path.write_text(_compact_papers(1000), encoding="utf-8")
    args = [a.format(f=path) for a in command[:1]] + [path] + [a.format(f=path) for a in command[1:]]
    assert run(*args).exit_code in (0, 1)


def test_a_csv_cell_over_128_kib_is_read_whole():
    abstract = "word " * 40_000
    text = f'Title,Abstract,URL\nLong One,"{abstract}",https://arxiv.org/abs/2301.00001\nShort,,https://a.org/x\n'
    (rl,) = get_parser("csv").parse(text, "t.csv")
    assert [(e.title, e.url) for e in rl.entries] == [("Long One", "https://arxiv.org/abs/2301.00001"),
                                                     ("Short", "https://a.org/x")]
    assert not rl.problems


# --- JabRef's escapes in BibTeX ----------------------------------------------------------------

def _jabref(url: str, file: str) -> str:
    return ("% This file was created with JabRef.\n\n"
            "@Article{Hinton2015,\n"
            "  Title = {Distilling the Knowledge in a Neural Network},\n"
            "  Author = {Hinton, Geoffrey and Vinyals, Oriol and Dean, Jeff},\n"
            "  Year = {2015},\n"
            f"  Url = {{{url}}},\n"
            "  Doi = {10.1000/distil\\_2015},\n"
            f"  File = {{{file}}}\n"
            "}\n")


@pytest.mark.parametrize("url, file, urls", [
    pytest.param("https\\://arxiv.org/abs/1503.02531", ":https\\://arxiv.org/pdf/1503.02531v1.pdf:PDF",
                 ("https://arxiv.org/abs/1503.02531", "https://arxiv.org/pdf/1503.02531v1.pdf"), id="escaped-colon"),
    pytest.param(":https\\://example.org/a\\_b.pdf:PDF", "Local copy:C\\:/papers/a.pdf:PDF",
                 ("https://example.org/a_b.pdf",), id="url-in-file-syntax-and-a-local-path"),
    pytest.param("https://example.org/x\\%20y", "Slides:http\\://example.org/s.pdf:PDF;:https\\://b.org/p:URL",
                 ("https://example.org/x%20y", "http://example.org/s.pdf", "https://b.org/p"), id="several-records"),
])
def test_jabref_escaped_links_are_read_as_links(url, file, urls):
    (rl,) = get_parser("bibtex").parse(_jabref(url, file), "refs.bib")
    (entry,) = rl.entries
    assert (entry.url, entry.urls) == (urls[0], urls)
    assert dict(entry.ids)["doi"] == "10.1000/distil_2015"


@pytest.mark.parametrize("command", [["parse", "-o", "json"], ["dedupe"], ["diff", "{f}"]])
def test_every_command_reads_a_jabref_file(tmp_path, command):
    path = tmp_path / "refs.bib"
    path.write_text(_jabref(":https\\://example.org/a.pdf:PDF", ":https\\://example.org/b.pdf:PDF"), encoding="utf-8")
    args = [command[0], path] + [a.format(f=path) for a in command[1:]]
    assert run(*args).exit_code == 0


# --- wrong value types in listmerge's own YAML and JSON ----------------------------------------

WRONG_VALUES = [
    pytest.param("title: 12345", "'title' is the number 12345: read as the text '12345'", id="number-title"),
    pytest.param("title: 2021-03-04", "'title' is the date 2021-03-04: read as the text", id="date-title"),
    pytest.param("url: {a: b}", "'url' is a mapping: left out", id="mapping-url"),
    pytest.param("title: !!binary aGVsbG8=", "'title' is binary data: left out", id="binary"),
    pytest.param("authors: !!set {Ada, Alan}", "'authors' is a set: left out", id="set"),
    pytest.param("year: " + "9" * 30, "'year' is the number of 100 bits: left out", id="huge-year"),
    pytest.param("year: .inf", "'year' is the number inf: left out", id="infinite-year"),
    pytest.param("year: .nan", "'year' is the number nan: left out", id="nan-year"),
    pytest.param("year: true", "'year' is the boolean true: left out", id="boolean-year"),
    pytest.param("kind: spaceship", "'kind' is 'spaceship': read as 'other'", id="unknown-kind"),
    pytest.param("role: boss", "'role' is 'boss': read as 'primary'", id="unknown-role"),
    pytest.param("ids: 7", "'ids' is the number 7: left out", id="number-ids"),
    pytest.param("ids: {doi: [1, 2]}", "'ids' is a mapping: identifiers that are not text are left out", id="list-id"),
    pytest.param("urls: [https://a.org, {x: y}]", "'urls' is a list: its items that are not text are left out",
                 id="mapping-in-urls"),
    pytest.param("line: -4", "'line' is the number -4: left out", id="negative-line"),
    pytest.param("parent: 99", "'parent' 99 names no other entry: left out", id="dangling-parent"),
]


def _document(field: str) -> str:
    """A hand-written listmerge YAML whose second entry has ``field``."""
    return ("title: Hand-written\n"
            "entries:\n"
            "  - title: Attention Is All You Need\n"
            "    url: https://arxiv.org/abs/1706.03762\n"
            "  - title: Deep Residual Learning\n"
            f"    {field}\n"
            "  - title: Dropout\n")


@pytest.mark.parametrize("field, message", WRONG_VALUES)
def test_a_wrong_value_type_is_a_warning_at_its_line_and_the_rest_loads(field, message):
    lists = get_parser("listmerge").parse(_document(field), "mine.yaml")
    entries = [e for rl in lists for e in rl.entries]
    problems = [p for rl in lists for p in rl.problems]
    assert len(entries) == 3 and entries[2].title == "Dropout"
    assert [p.line for p in problems] == [5]
    assert problems[0].message.startswith("entry 2: " + message)


@pytest.mark.parametrize("field, message", WRONG_VALUES[:5])
def test_wrong_value_types_never_reach_a_traceback_in_any_command(tmp_path, field, message):
    path = tmp_path / "mine.yaml"
    path.write_text(_document(field), encoding="utf-8")
    for args in (["parse", path, "-o", "json"], ["parse", path, "-o", "yaml"], ["diff", path, path],
                 ["dedupe", path], ["merge", path, "--out", tmp_path / "out"]):
        result = run(*args)
        assert result.exit_code in (0, 1)
        assert f"{path}:5: warning: entry 2: {message}" in result.stderr


def test_wrong_types_in_a_json_dump_name_the_entry():
    dump = {"listmerge": 1, "lists": [{"name": "x", "path": "x.md", "format": "markdown",
                                       "entries": [{"title": "Fine"}, {"title": ["a", "list"], "year": "soon"}]}]}
    text = json.dumps(dump, indent=2)
    lists = get_parser("listmerge").parse(text, "dump.json")
    holder, listed = lists
    assert holder.path == "dump.json" and [e.title for e in listed.entries] == ["Fine", None]
    assert [p.message for p in holder.problems] == [
        "entry 2: 'title' is a list: left out (expected text)",
        "entry 2: 'year' is 'soon': left out (expected a whole number from 1 to 9999)"]
    entry_lines = [n for n, line in enumerate(text.split("\n"), start=1) if line == "        {"]
    assert {p.line for p in holder.problems} == {entry_lines[1]}


@pytest.mark.parametrize("text, message", [
    pytest.param("entries:\n  - title: X\n    year: " + "9" * 5000 + "\n", "cannot read this YAML", id="5000-digits"),
    pytest.param("entries:\n  - title: X\n    note: " + "[" * 3000 + "]" * 3000 + "\n", "cannot read this YAML",
                 id="deep-nesting"),
    pytest.param('{"listmerge": 1, "entries": ' + "[" * 50_000 + "]" * 50_000 + "}", "cannot read this JSON",
                 id="deep-json"),
    pytest.param("entries:\n  - title: X\n    ? [a, b]\n    : c\n", "not valid YAML", id="unhashable-key"),
])
def test_documents_python_cannot_hold_are_one_warning(text, message):
    lists = get_parser("listmerge").parse(text, "odd.yaml")
    assert any(p.message.startswith(message) for rl in lists for p in rl.problems)


def test_aliases_that_loop_or_explode_are_cut_not_followed():
    """A self-referencing alias and a "billion laughs" in metadata are read within a budget."""
    laughs = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    text = ("listmerge: 1\nlists:\n  - &me\n    name: loops\n    metadata:\n"
            + "".join(f"      {line}\n" for line in laughs) + "      me: *me\n"
            + "    entries:\n      - title: Still Here\n")
    lists = get_parser("listmerge").parse(text, "bomb.yaml")
    assert [e.title for rl in lists for e in rl.entries] == ["Still Here"]
    assert any("not plain data" in p.message for rl in lists for p in rl.problems)
    json.dumps([rl.metadata for rl in lists])  # what is kept can be written


def test_a_clean_dump_reads_back_without_a_warning():
    from listmerge.serialize import document

    (rl,) = parse_text(_document("venue: NeurIPS"), "mine.yaml")
    again = get_parser("listmerge").parse(yaml.safe_dump(document([rl])), "again.yaml")
    assert [p for r in again for p in r.problems] == [] and again[0].entries == rl.entries


# --- the line-based readers: any depth of nesting, bounded searches -----------------------------

@pytest.mark.parametrize("fmt, make", [
    pytest.param("org", lambda i: "  " * i + f"- [[https://example.org/{i}][Work {i}]]\n", id="org"),
    pytest.param("rst", lambda i: "  " * i + f"- `Work {i} <https://example.org/{i}>`_\n\n", id="rst"),
])
def test_items_nested_deeper_than_python_recurses_are_each_an_entry(fmt, make):
    """1,500 nested items (past Python's recursion limit) read as 1,500 entries."""
    text = "Top\n===\n\n" + "".join(make(i) for i in range(1500))
    (rl,) = get_parser(fmt).parse(text, "deep")
    assert len(rl.entries) == 1500 and rl.entries[-1].title == "Work 1499"


@pytest.mark.parametrize("text", [
    pytest.param("* H\n- " + "*a " * 5000 + "[[https://example.org/x][X]]\n", id="unclosed-emphasis"),
    pytest.param("* H\n- " + "/" * 20000 + " [[https://example.org/x][X]]\n", id="slashes"),
    pytest.param("* H\n- " + "[[" * 10000 + " [[https://example.org/x][X]]\n", id="open-brackets"),
])
def test_odd_org_markup_still_gives_the_item(text):
    (rl,) = get_parser("org").parse(text, "odd.org")
    assert [e.url for e in rl.primaries] == ["https://example.org/x"]


# --- numbers Python cannot hold, deep nesting and alias bombs in the bibliographic readers -------

DIGITS = "9" * 5000


@pytest.mark.parametrize("bad", [
    pytest.param('{"id": "big", "type": "book", "title": "Big", "issued": {"date-parts": [[%s]]}}' % DIGITS,
                 id="5000-digit-year"),
    pytest.param('{"id": "vol", "type": "book", "title": "Vol", "volume": %s}' % DIGITS, id="5000-digit-volume"),
    pytest.param("[" * 100_000 + "]" * 100_000, id="deep-nesting"),
])
def test_a_csl_item_python_cannot_hold_is_a_problem_and_the_next_item_loads(bad):
    text = '[\n  {"id": "a", "type": "book", "title": "Before"},\n  ' + bad + ',\n  {"id": "b", "type": "book", "title": "After"}\n]\n'
    (rl,) = get_parser("csljson").parse(text, "refs.json")
    assert [e.title for e in rl.entries] == ["Before", "After"]
    assert [p.line for p in rl.problems] == [3] and rl.problems[0].message.startswith("cannot read this item")


def test_csl_numbers_that_are_no_numbers_are_not_text():
    text = '[{"id": "a", "type": "book", "title": NaN, "volume": 1e400, "page": -Infinity}]'
    (rl,) = get_parser("csljson").parse(text, "refs.json")
    (entry,) = rl.entries
    assert (entry.title, entry.volume, entry.pages) == (None, None, None)


def test_bibtex_groups_nested_past_the_latex_decoders_reach_are_read_as_text():
    """3,000 nested \\textbf{ (past Python's recursion limit) lose their macros, not the entry."""
    text = "@misc{deep, title={" + "\\textbf{" * 3000 + "Deep Title" + "}" * 3000 + "}, year={2020}}\n"
    (rl,) = get_parser("bibtex").parse(text, "deep.bib")
    assert [(e.title, e.year) for e in rl.entries] == [("Deep Title", 2020)]


@pytest.mark.parametrize("text", [
    pytest.param('{"papers": [{"title": "T", "url": "https://a.org", "year": %s}]}' % DIGITS, id="json-digits"),
    pytest.param("papers:\n  - title: T\n    url: https://a.org\n    year: %s\n" % DIGITS, id="yaml-digits"),
    pytest.param("x: " + "[" * 3000 + "]" * 3000 + "\n", id="deep"),
])
def test_a_data_file_python_cannot_hold_is_one_problem(text):
    (rl,) = get_parser("data").parse(text, "data.json")
    assert not rl.entries and rl.problems[0].message.startswith("not a JSON or YAML document")


def test_records_shared_by_aliases_are_read_once():
    """A "billion laughs" of records (9**8 references to one list) gives that list's records once."""
    text = "a0: &a0 [{title: Laugh, url: https://example.org/lol}]\n" + "".join(
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 9))
    (rl,) = get_parser("data").parse(text, "laughs.yaml")
    assert [(e.title, e.line) for e in rl.entries] == [("Laugh", 1)]


# --- lone surrogates ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, template", [
    pytest.param("csljson", '[{{"id": "a", "type": "book", "title": "{t}", "URL": "https://a.org/{t}"}}]', id="csl-json"),
    pytest.param("data", '{{"papers": [{{"title": "{t}", "url": "https://a.org/x"}}, {{"title": "B", "url": "https://b.org"}}]}}',
                 id="data"),
    pytest.param("listmerge", '{{"listmerge": 1, "lists": [{{"entries": [{{"title": "{t}"}}]}}]}}', id="listmerge"),
])
def test_a_lone_surrogate_escape_in_json_reads_as_a_replacement_character(tmp_path, fmt, template):
    """"\\ud800" decodes to a string no output can write; it is read as U+FFFD, and a real
    pair ("\\ud83d\\ude00") stays the character it encodes."""
    text = template.format(t="Lone \\ud800 half, pair \\ud83d\\ude00")
    lists = get_parser(fmt).parse(text, "s.json")
    titles = [e.title for rl in lists for e in rl.entries]
    assert titles[0] == "Lone \ufffd half, pair \U0001F600"
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    assert run("parse", path, "--format", fmt, "-o", "json").exit_code in (0, 1)


@pytest.mark.parametrize("line", [
    pytest.param("A" + " " * 100_000 + "B", id="a-run-of-spaces-inside"),
    pytest.param("Name" + " " * 100_000 + "(2017)", id="spaces-before-a-year"),
])
def test_a_plain_text_line_with_a_long_run_of_spaces_is_one_title(line):
    """A trailing "(2017)" was searched for from every space of the run (quadratic: 55 s)."""
    (rl,) = get_parser("plaintext").parse(f"Titles\n{line}\nSecond Title\n", "t.txt")
    assert len(rl.entries) == 2 and rl.entries[1].title == "Second Title"
