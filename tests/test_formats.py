"""Bibliographic and tabular formats in and out: BibTeX, CSL-JSON and CSV/TSV."""
from __future__ import annotations

import csv
import html
import json
import re

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, shared_path
from listmerge.cli import main
from listmerge.load import expand, parse_text, read
from listmerge.model import Entry, ReadingList
from listmerge.parsers import detect
from listmerge.render import get_renderer
from listmerge.render.bibtex import citation_keys

FORMATS = FIXTURES / "formats"
SUFFIX = {"bibtex": ".bib", "csljson": ".json", "csv": ".csv"}


def load(name: str) -> ReadingList:
    (rl,) = read(str(FORMATS / name))
    return rl


def by_key(rl: ReadingList) -> dict[str, Entry]:
    return {e.key: e for e in rl.entries}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


def write_and_read(fmt: str, lists) -> ReadingList:
    text = get_renderer(fmt)(lists)
    (back,) = parse_text(text, "out" + SUFFIX[fmt])
    assert back.format == fmt
    return back


# --- the benchmark tables -----------------------------------------------------------------------

def _clean(text: str) -> str | None:
    return " ".join(html.unescape(text).split()) or None


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", html.unescape(text)) if w != "and"]


@pytest.mark.parametrize("name, count", [("dblp.csv", 2616), ("acm.csv", 2294)])
def test_dblp_acm_tables_give_one_entry_per_row_keyed_by_id(name, count):
    """Every DBLP-ACM row is an entry with its title, authors, venue and year; its key is the id."""
    path = shared_path("bench", "dblp-acm", name)
    (rl,) = read(str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert rl.format == "csv" and len(rl.entries) == len(rows) == count and not rl.problems
    for entry, row in zip(rl.entries, rows):
        assert entry.key == row["id"] and entry.title == _clean(row["title"])
        assert entry.venue == _clean(row["venue"])
        assert entry.year == (int(row["year"]) if row["year"] else None)
        assert entry.authors and _words(", ".join(entry.authors)) == _words(row["authors"])


@pytest.mark.parametrize("review, count", [("stroke", 1292), ("haematology", 1415)])
def test_bib_dedupe_records_split_authors_on_and(review, count):
    """bib-dedupe records keep their ID as key and split "Family, G. and Family, G." into people."""
    path = shared_path("bench", "bib-dedupe", review, "records_pre_merged.csv")
    (rl,) = read(str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rl.entries) == count == len(rows)
    assert [e.key for e in rl.entries] == [row["ID"] for row in rows]
    plain = [(e, r["author"]) for e, r in zip(rl.entries, rows) if r["author"] and ";" not in r["author"]]
    assert all(e.authors == tuple(" ".join(a.split()).strip(" ,") for a in text.split(" and ")) for e, text in plain)
    assert {e.kind for e in rl.entries} == {"paper"}


def test_untitled_rows_are_kept_and_reported_with_their_line():
    """A record without a title is still an entry (its id matters) and a warning names its row."""
    (rl,) = read(str(shared_path("bench", "bib-dedupe", "haematology", "records_pre_merged.csv")))
    assert [(p.line, p.message) for p in rl.problems] == [
        (3, "row has no title (kept as an untitled entry)"),
        (1416, "row has no title (kept as an untitled entry)"),
    ]
    assert [e.key for e in rl.entries if e.untitled] == ["id_0000002", "id_0001415"]


def test_reading_a_benchmark_table_takes_well_under_a_few_seconds():
    """2,616 rows parse in well under the few seconds a user would wait."""
    import time

    path = str(shared_path("bench", "dblp-acm", "dblp.csv"))
    start = time.perf_counter()
    read(path)
    assert time.perf_counter() - start < 3


# --- BibTeX -------------------------------------------------------------------------------------

def test_a_broken_bibtex_entry_is_a_problem_at_its_line_and_the_rest_loads():
    """The entry whose brace never closes is reported at line 13; the entries around it load."""
    rl = load("broken.bib")
    assert [e.key for e in rl.entries] == ["vaswani2017attention", "goodfellow2016deep", "devlin2019bert"]
    assert rl.problems[0].line == 13
    assert rl.problems[0].message.startswith("cannot read '@article{broken2019' (")


def test_a_repeated_bibtex_key_is_reported_and_the_first_entry_wins():
    """As in BibTeX, the later entry under a used key is skipped, with a warning naming both lines."""
    rl = load("broken.bib")
    assert rl.problems[1].line == 27
    assert rl.problems[1].message == "duplicate key 'vaswani2017attention' (first used at line 4); entry skipped"
    assert by_key(rl)["vaswani2017attention"].title == "Attention Is All You Need"


@pytest.mark.parametrize("bad, message", [
    pytest.param("@article{open,\n  title = {Never closed,\n", "cannot read '@article{open' (", id="unclosed-brace"),
    pytest.param("@misc{nocomma title = {X}}\n", "cannot read '@misc{nocomma' (", id="no-comma-after-key"),
    pytest.param("@misc{good, title = {Again}}\n", "duplicate key 'good' (first used at line 1)", id="duplicate-key"),
    pytest.param("@misc{twice, title = {One}, title = {Two}}\n", "'twice' gives title more than once",
                 id="repeated-field"),
    pytest.param("@misc{bare, url = {https://example.org}}\n", "entry 'bare' has no title", id="no-title"),
])
def test_malformed_bibtex_is_a_problem_at_its_line_and_the_next_entry_loads(bad, message):
    """Each kind of malformed entry is reported at line 3; the entries before and after it load."""
    text = "@misc{good, title = {Good}}\n\n" + bad + "\n@misc{after, title = {After}}\n"
    (rl,) = parse_text(text, "lib.bib")
    assert rl.problems[0].line == 3 and rl.problems[0].message.startswith(message)
    assert [e.title for e in rl.entries][0] == "Good" and rl.entries[-1].title == "After"


def test_bibtex_fields_become_entry_fields():
    """Strings resolve, eprint+archivePrefix is an arXiv id, isbn is ISBN-13, spans are exact."""
    entries = by_key(load("broken.bib"))
    attention, book, bert = entries["vaswani2017attention"], entries["goodfellow2016deep"], entries["devlin2019bert"]
    assert attention.venue == "Advances in Neural Information Processing Systems"
    assert attention.ids == (("arxiv", "1706.03762"),) and attention.kind == "paper"
    assert (attention.line, attention.end_line) == (4, 11) and attention.raw.startswith("@inproceedings{")
    assert book.ids == (("isbn", "9780262035613"),) and book.kind == "book" and book.year == 2016
    assert book.urls == ("https://www.deeplearningbook.org/",) and book.venue == "MIT Press"
    assert bert.title.startswith("BERT: Pre-training") and bert.ids == (("doi", "10.18653/v1/n19-1423"),)


def test_latex_accents_and_braces_are_decoded_in_titles_and_names():
    r"""{\"u}, \'e, \H{o}, \c{c}, \&, -- and case-protecting braces read as the text they stand for."""
    entries = by_key(load("accents.bib"))
    assert entries["schutze2008"].authors[-1] == "Schütze, Hinrich"
    assert entries["erdos1959"].authors == ("Erdős, Paul", "Rényi, Alfréd")
    assert entries["erdos1959"].title == "On Random Graphs I" and entries["erdos1959"].year == 1959
    cafe = entries["cafe2021"]
    assert cafe.title == "Café Culture & the LaTeX Way – A Field Guide"
    assert cafe.authors == ("François, Renée", "World Health Organization", "et al.")


def test_bibtex_keywords_or_groups_give_the_section_and_urls_come_from_notes():
    r"""The first keyword (a JabRef "A > B" path) or group is the section; \url{} in notes adds URLs."""
    rl = load("accents.bib")
    entries = by_key(rl)
    assert entries["schutze2008"].section == ("Foundations", "Search")
    assert entries["cafe2021"].section == ("Fun",)
    assert [s.path for s in rl.sections] == [("Foundations",), ("Foundations", "Search"),
                                             ("Foundations", "Graphs"), ("Fun",)]
    assert entries["cafe2021"].urls == ("https://example.org/cafe_culture?id=1%202", "https://example.org/mirror/cafe")
    assert entries["cafe2021"].annotation == "Read the chapter on espresso first."


# --- CSL-JSON and Goodreads ---------------------------------------------------------------------

def test_zotero_csl_json_gives_authors_years_venues_and_ids():
    """Zotero's CSL-JSON: family/given names, date-parts, container-title, DOI, arXiv number, ISBN."""
    rl = load("zotero.json")
    assert rl.format == "csljson" and not rl.problems
    nature, gpt3, sutton, weng = rl.entries
    assert nature.authors == ("LeCun, Yann", "Bengio, Yoshua", "Hinton, Geoffrey")
    assert (nature.year, nature.venue, nature.kind) == (2015, "Nature", "paper")
    assert nature.ids == (("doi", "10.1038/nature14539"),) and nature.section == ("Surveys",)
    assert nature.key == "http://zotero.org/users/1234/items/ABCD1234"
    assert gpt3.ids == (("arxiv", "2005.14165"),) and gpt3.authors == ("Brown, Tom B.", "OpenAI")
    assert gpt3.aliases == ("GPT-3",)
    assert sutton.ids == (("isbn", "9780262039246"),) and sutton.year == 2018 and sutton.kind == "book"
    assert weng.kind == "blog" and weng.urls == ("https://lilianweng.github.io/posts/2023-06-23-agent/",)


def test_csl_items_know_their_lines():
    """Each item spans the lines from its opening brace to its closing one."""
    rl = load("zotero.json")
    assert [(e.line, e.end_line) for e in rl.entries] == [(2, 17), (18, 31), (32, 45), (46, 54)]


def test_a_broken_csl_item_is_reported_and_reading_resumes_at_the_next():
    """An item that is not valid JSON is a problem at its line; the items after it still load."""
    text = '[\n  {"id": "a", "type": "book", "title": "A"},\n  {"id": "b", "title": "B" "oops"},\n' \
           '  {"id": "c", "type": "book", "title": "C"}\n]\n'
    (rl,) = parse_text(text, "items.json")
    assert [e.key for e in rl.entries] == ["a", "c"] and rl.entries[1].line == 4
    assert rl.problems[0].line == 3 and rl.problems[0].message.startswith("not valid JSON")


def test_goodreads_export_gives_authors_years_isbns_and_shelves():
    """="…" ISBNs, Exclusive Shelf as section, Additional Authors appended, multi-line reviews."""
    rl = load("goodreads.csv")
    geb, sicp, untitled, pragmatic = rl.entries
    assert geb.title == "Gödel, Escher, Bach: an Eternal Golden Braid" and geb.key == "22222"
    assert geb.authors == ("Douglas R. Hofstadter",) and geb.year == 1979 and geb.venue == "Basic Books"
    assert geb.ids == (("isbn", "9780465026562"),) and geb.kind == "book" and geb.section == ("read",)
    assert geb.annotation == "Loved it.\n\nEspecially the dialogues." and (geb.line, geb.end_line) == (2, 4)
    assert sicp.authors == ("Harold Abelson", "Gerald Jay Sussman", "Julie Sussman") and sicp.line == 5
    assert pragmatic.ids == (("isbn", "9780201616224"),) and pragmatic.section == ("currently-reading",)
    assert untitled.untitled and [(p.line, p.message) for p in rl.problems] == [
        (6, "row has no title (kept as an untitled entry)")]


@pytest.mark.parametrize("text, people", [
    pytest.param("Ada Lovelace, Alan Turing", ("Ada Lovelace", "Alan Turing"), id="full-names"),
    pytest.param("Lovelace, Ada", ("Lovelace, Ada",), id="family-given"),
    pytest.param("Zhai, Q. J.", ("Zhai, Q. J.",), id="initials"),
    pytest.param("Smith, J. and Doe, K.", ("Smith, J.", "Doe, K."), id="bibtex-and"),
    pytest.param("Ann Smith, Bob Jones, and Cy Young", ("Ann Smith", "Bob Jones", "Cy Young"), id="oxford"),
    pytest.param("Moe, Eve; Roe, Dee", ("Moe, Eve", "Roe, Dee"), id="semicolons"),
    pytest.param("Caetano Traina, Jr., Bob Smith", ("Caetano Traina, Jr.", "Bob Smith"), id="suffix"),
])
def test_authors_split_on_and_semicolons_and_commas_between_full_names(text, people):
    """Commas split people only when they separate full names, never "Family, Given"."""
    from listmerge.parsers.tabular import split_people

    assert split_people(text) == people


def test_tsv_is_sniffed_and_unknown_columns_can_be_named(tmp_path):
    """A tab-separated file with odd column names reads with --columns title=…,authors=…."""
    path = tmp_path / "books.tsv"
    path.write_text("Book Title\tWritten By\tWhen\nDune\tFrank Herbert\t1965\n", encoding="utf-8")
    result = run("parse", path, "--columns", "title=Book Title,authors=Written By", "--columns", "year=When",
                 "-o", "json")
    assert result.exit_code == 0 and result.stderr == ""
    (entry,) = json.loads(result.stdout)["lists"][0]["entries"]
    assert (entry["title"], entry["authors"], entry["year"], entry["line"]) == ("Dune", ["Frank Herbert"], 1965, 2)


def test_a_table_without_a_header_can_name_columns_by_number(tmp_path):
    """Without a header naming a title column the table is a warning; --columns title=1 reads it."""
    path = tmp_path / "rows.csv"
    path.write_text("Dune,Frank Herbert,1965\nEmma,Jane Austen,1815\n", encoding="utf-8")
    (rl,) = read(str(path), "csv")
    assert rl.entries == () and "no title column among: Dune, Frank Herbert, 1965" in rl.problems[0].message
    result = run("parse", path, "--columns", "title=1,authors=2,year=3", "-o", "json")
    entries = json.loads(result.stdout)["lists"][0]["entries"]
    assert [(e["title"], e["line"]) for e in entries] == [("Dune", 1), ("Emma", 2)]


# --- detection ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, fmt", [
    ("broken.bib", "bibtex"), ("accents.bib", "bibtex"), ("zotero.json", "csljson"),
    ("goodreads.csv", "csv"), ("bad.csv", "csv"),
])
def test_detect_recognises_the_formats_by_content_alone(name, fmt):
    """Even without their extension, BibTeX, CSL-JSON and CSV are told apart by content."""
    text = (FORMATS / name).read_text(encoding="utf-8")
    assert detect(text, name).name == fmt
    assert detect(text, "list.txt").name == fmt


def test_the_seed_lists_are_still_detected_as_before():
    """The new formats steal none of the seed lists from their parsers."""
    paths = expand([str(shared_path("seeds"))])
    assert [read(p)[0].format for p in paths] == ["thread", "webpage", "plaintext", "markdown", "citations"]


# --- writing ------------------------------------------------------------------------------------

SAMPLE = ReadingList(name="sample", path="sample.yaml", format="listmerge", entries=(
    Entry(title="Attention Is All You Need", url="https://arxiv.org/abs/1706.03762",
          urls=("https://arxiv.org/abs/1706.03762", "https://github.com/tensorflow/tensor2tensor"),
          authors=("Vaswani, Ashish", "Shazeer, Noam", "et al."), year=2017,
          venue="Advances in Neural Information Processing Systems", kind="paper",
          ids=(("arxiv", "1706.03762"), ("github", "tensorflow/tensor2tensor")),
          section=("Papers", "Transformers, mostly"), aliases=("Transformer",), key="vaswani2017",
          annotation="The one that started it."),
    Entry(title="Deep Learning & the 50% Rule: {Braces}, $dollars$, ~tildes~ -- and ``quotes''", authors=(
          "Goodfellow, Ian", "Bengio, Yoshua", "Courville, Aaron"), year=2016, venue="MIT Press", kind="book",
          ids=(("doi", "10.5555/3086952"), ("isbn", "9780262035613")), section=("Books",), key="goodfellow2016"),
    Entry(title="Schütze's Notes on Retrieval", url="https://example.org/ir",
          urls=("https://example.org/ir",), authors=("Hinrich Schütze",), kind="blog",
          ids=(("openreview", "AbC123"),), key="schutze-notes"),
    Entry(title=None, url="https://example.org/untitled", urls=("https://example.org/untitled",),
          annotation="Only the reason survived."),
    Entry(title="A mention", role="mention", parent=0),
))
FIELDS = ("title", "authors", "year", "venue", "urls", "ids", "key", "kind", "section", "aliases", "annotation")


@pytest.mark.parametrize("fmt", ["bibtex", "csljson", "csv"])
def test_round_trip_keeps_every_field_the_format_holds(fmt):
    """parse(write(x)) gives back title, authors, year, venue, urls, ids, key, kind, section,
    aliases and note of every titled primary entry."""
    back = write_and_read(fmt, [SAMPLE])
    titled = [e for e in SAMPLE.primaries if not e.untitled]
    got = [e for e in back.entries if not e.untitled]
    assert len(got) == len(titled)
    for before, after in zip(titled, got):
        assert {f: getattr(after, f) for f in FIELDS} == {f: getattr(before, f) for f in FIELDS}


@pytest.mark.parametrize("fmt, kept", [("bibtex", False), ("csljson", True), ("csv", True)])
def test_untitled_entries_are_written_only_where_the_format_does_without_a_title(fmt, kept):
    """BibTeX needs a title, so an untitled entry is a comment there; CSL-JSON and CSV keep it."""
    text = get_renderer(fmt)([SAMPLE])
    assert ("https://example.org/untitled" in text) is kept
    if fmt == "bibtex":
        assert "% skipped untitled entry at sample.yaml:0" in text


@pytest.mark.parametrize("fmt", ["bibtex", "csljson", "csv"])
def test_writing_is_deterministic_and_leaves_out_mentions(fmt):
    """The same lists give the same bytes, and only primary entries are written."""
    render = get_renderer(fmt)
    assert render([SAMPLE]) == render([SAMPLE])
    assert "A mention" not in render([SAMPLE])


@pytest.mark.parametrize("fmt", ["bibtex", "csljson", "csv"])
def test_the_seed_lists_survive_a_round_trip(fmt):
    """Titles, authors, years, urls and ids of every titled primary seed entry read back as written."""
    lists = [rl for path in expand([str(shared_path("seeds"))]) for rl in read(path)]
    back = write_and_read(fmt, lists)
    before = [e for rl in lists for e in rl.primaries if not e.untitled]
    after = [e for e in back.entries if not e.untitled]
    fields = ("title", "authors", "year", "urls", "ids")
    assert [[getattr(e, f) for f in fields] for e in after] == [[getattr(e, f) for f in fields] for e in before]


def test_written_bibtex_reads_back_through_bibtexparser_without_failures():
    """What we write is BibTeX that bibtexparser reads without a single failed block."""
    import bibtexparser

    library = bibtexparser.parse_string(get_renderer("bibtex")([SAMPLE, load("accents.bib")]))
    assert not library.failed_blocks and len(library.entries) == 6


# --- citation keys ------------------------------------------------------------------------------

def _entry(title, authors=(), year=None, key=None):
    return Entry(title=title, authors=authors, year=year, key=key)


def test_citation_keys_are_author_year_first_word_in_ascii():
    """Keys are the first author's family name, the year and the first non-stop word, in ASCII."""
    entries = [_entry("The Élan of Attention", ("Müller, Jörg",), 2017), _entry("On Graphs", ("Paul Erdős",), 1959),
               _entry("Thoughts"), _entry("", ()), _entry("", ())]
    assert citation_keys(entries) == ["muller2017elan", "erdos1959graphs", "thoughts", "untitleda", "untitledb"]


def test_clashing_keys_get_letter_suffixes_and_usable_own_keys_are_kept():
    """Clashing generated keys all get a, b, c...; an entry's own key is kept if usable and free."""
    entries = [_entry("Deep Nets", ("Smith, A",), 2020), _entry("Deep Trees", ("Smith, B",), 2020),
               _entry("Other", key="mine"), _entry("Another", key="mine"), _entry("Row", key="17")]
    assert citation_keys(entries) == ["smith2020deepa", "smith2020deepb", "mine", "another", "row"]


# --- the command line ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, warnings", [
    pytest.param("broken.bib", ["broken.bib:13: warning: cannot read '@article{broken2019'",
                                "broken.bib:27: warning: duplicate key 'vaswani2017attention'"], id="bibtex"),
    pytest.param("bad.csv", ["bad.csv:3: warning: unbalanced quote (a cell runs on to line 6); row skipped",
                             "bad.csv:5: warning: row has 6 cells but the header has 4"], id="csv"),
])
def test_bad_rows_and_entries_are_one_line_warnings_and_exit_1(name, warnings):
    """A broken .bib entry or CSV row is a `path:LINE: warning: ...` line; the rest is parsed and
    the exit status is 1, as merge's."""
    result = run("parse", FORMATS / name)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(warnings)
    for line, warning in zip(lines, warnings):
        assert line.startswith(str(FORMATS / warning.split(":")[0]) + ":" + warning.split(":", 1)[1])


def test_rows_after_a_stray_quote_still_load():
    """A stray quote costs its own row only; the rows it would have swallowed are read again."""
    assert [(e.title, e.line) for e in load("bad.csv").entries] == [
        ("Good One", 2), ("Next Good", 4), ("Last Good", 6)]
    assert load("bad.csv").entries[1].authors == ("Carl Doe", "Dan Poe")


@pytest.mark.parametrize("fmt", ["bibtex", "csljson", "csv"])
def test_parse_writes_each_format_to_a_file(tmp_path, fmt):
    """`parse -o bibtex|csljson|csv --out FILE` writes a file that reads back with the same titles."""
    out = tmp_path / f"out{SUFFIX[fmt]}"
    result = run("parse", FORMATS / "zotero.json", "-o", fmt, "--out", out)
    assert result.exit_code == 0 and result.stdout == ""
    (back,) = read(str(out))
    assert [e.title for e in back.entries] == [e.title for e in load("zotero.json").entries]


@pytest.mark.parametrize("args, message", [
    pytest.param(["--columns", "title"], "--columns expects FIELD=COLUMN, got 'title'", id="no-equals"),
    pytest.param(["--columns", "colour=Red"], "--columns: unknown field 'colour'", id="unknown-field"),
    pytest.param(["--columns", "title=X", "--format", "markdown"], "--columns applies to CSV/TSV tables",
                 id="not-a-table"),
])
def test_bad_columns_are_usage_errors(args, message):
    """A malformed --columns, or --columns on a non-table format, is a usage error (exit 2)."""
    result = run("parse", FORMATS / "goodreads.csv", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_a_column_named_but_missing_is_a_warning():
    """Naming a column the table does not have is a warning at the header line."""
    result = run("parse", FORMATS / "goodreads.csv", "--columns", "notes=Thoughts")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{FORMATS / 'goodreads.csv'}:1: warning: no column named 'Thoughts'")


# --- any input at all ---------------------------------------------------------------------------

PIECES = list('@{}",;\t\n\\%&[]:=ab XY1-_') + ["@article{", "title = ", '"title": ', '="', " and "]


@pytest.mark.parametrize("fmt", ["bibtex", "csljson", "csv"])
def test_no_input_makes_a_reader_raise_and_every_line_is_in_the_file(fmt):
    """Whatever the text, a reader returns entries and problems whose lines lie inside it."""
    from hypothesis import given, settings, strategies as st

    from listmerge.parsers import get_parser

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
    def check(text):
        last = text.count("\n") + 1
        for rl in get_parser(fmt).parse(text, "x"):
            assert all(p.line is None or 1 <= p.line <= last for p in rl.problems)
            assert all(1 <= e.line <= e.end_line <= last for e in rl.entries)

    check()


# --- the short JSON and YAML writers give the standard writers' bytes -------------------------

def _plain_data():
    from hypothesis import strategies as st

    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
                        st.sampled_from(["", "yes", "no", "null", "~", "1.0", "0x1F", "- a", "a: b", "#x",
                                         "é\u2028\x85\ttab", "on", "Off", "True", "<<", "=", ".inf", "-.5", "+1",
                                         "Null", "tail", "'q'", '"d"', "&a", "*b", "!t", "2026-11-22"]))
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=25)


def _standard_json(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _standard_yaml(data) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def test_short_json_and_yaml_writers_match_the_standard_ones():
    """to_json is json.dumps(indent=2) and to_yaml is yaml.dump, byte for byte, on any plain data
    and on data the short route leaves to the standard one (floats, tuples, shared objects)."""
    from hypothesis import given, settings, strategies as st

    from listmerge.render.data import to_json, to_yaml

    @settings(max_examples=500, deadline=None)
    @given(data=st.one_of(_plain_data(), st.lists(st.floats(), max_size=3)))
    def check(data):
        assert to_json(data) == _standard_json(data)
        assert to_yaml(data) == _standard_yaml(data)

    check()
    shared = {"a": 1}
    for data in ({"x": shared, "y": shared}, {"t": (1, "a")}, {1: "int key"}, {"long": "word " * 40}):
        assert to_json(data) == _standard_json(data)
        assert to_yaml(data) == _standard_yaml(data)


def test_made_lists_are_written_as_the_lists_they_make():
    """A Made list is written as the list of its made items, also where the rest of the data
    takes the standard route; its items are made while it is written, not before."""
    from hypothesis import given, settings, strategies as st

    from listmerge.render.data import Made, to_json

    @settings(max_examples=300, deadline=None)
    @given(items=st.lists(_plain_data(), max_size=4), other=st.one_of(st.none(), st.floats(allow_nan=False)))
    def check(items, other):
        made = Made(range(len(items)), items.__getitem__)
        assert to_json({"made": made, "other": other}) == _standard_json({"made": items, "other": other})

    check()
    made_so_far = []
    to_json([1, Made([1, 2], lambda n: made_so_far.append(n) or {"n": n})])
    assert made_so_far == [1, 2]


def test_bibtex_escape_maps_specials_and_breaks_ligatures():
    """escape is the character map and the ligature rule, written the short way: the same text as
    mapping each character and applying LIGATURE everywhere, with the braces BibTeX would count
    unmatched spelled out; its braces always balance, as BibTeX counts them."""
    from hypothesis import given, settings, strategies as st

    from listmerge.escape import balanced_braces
    from listmerge.render.bibtex import LATEX_SPECIAL, LIGATURE, escape

    @settings(max_examples=1000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("-`'?!\\{}%&#$_~^ \t\néa"))))
    def check(text):
        mapped = "".join(LATEX_SPECIAL.get(c, c) for c in " ".join(text.split()))
        escaped = escape(text)
        assert escaped == balanced_braces(LIGATURE.sub("{}", mapped))
        depth = 0
        for ch in escaped:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0
        assert depth == 0

    check()
