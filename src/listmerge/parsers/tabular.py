"""CSV and TSV tables: one work a row, columns recognised by their (case-insensitive) names.

The delimiter is sniffed from the first line; the first row is a header when it names a column
listmerge knows (``--columns title=Book Title`` names others, or a column by number for a table
without a header). Rows keep their physical line span, quoted multi-line
cells included. A stray quote that swallows following lines, a row wider than the header and
a row without a title each become a Problem at the row's line; the other rows still load.
"""
from __future__ import annotations

import csv
import html
import io
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import PurePath
from typing import Iterable

from . import Parser
from ..errors import UsageError
from ..identify import ID_SCHEMES
from ..model import Problem
from ..names import SUFFIXES
from .base import ListBuilder, ids_for
from .links import is_image, is_link_word, supporting
from .biblio import clean, declare_sections, kind_for, merge_ids, scheme_ids, section_path, year_of

NAME = "csv"
DELIMITERS = (",", "\t", ";")
#: The delimiter is sniffed from this much of the first line: a header is never longer, and a
#: file whose first line is longer (compact JSON, a minified export) is not read line by line.
SNIFF_CHARS = 20000

#: field -> the column names that hold it, best first. Identifier schemes are fields too.
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "book title", "paper title", "item title", "paper", "article", "work"),
    "authors": ("authors", "author", "author(s)", "creators", "creator", "author l-f"),
    "more_authors": ("additional authors", "editors", "editor", "contributors"),
    "year": ("year", "original publication year", "publication year", "year published", "date",
             "issued", "date published", "published"),
    "url": ("url", "urls", "link", "links", "href"),
    "venue": ("venue", "journal", "booktitle", "publication title", "publication", "container title",
              "conference", "publisher"),
    "section": ("section", "category", "shelf", "exclusive shelf", "collection", "topic", "folder"),
    "tags": ("tags", "keywords", "bookshelves", "labels", "manual tags"),
    "notes": ("notes", "note", "annotation", "annote", "description", "comment", "comments",
              "my review", "review", "private notes"),
    "key": ("id", "key", "citekey", "citation key", "book id", "record id"),
    "kind": ("kind", "type", "entrytype", "entry type", "item type"),
    "volume": ("volume", "vol"),
    "pages": ("pages", "page", "page range"),
    "aliases": ("aliases", "alias", "short title", "shorttitle"),
    **{scheme: (scheme,) for scheme in ID_SCHEMES},
    "isbn": ("isbn", "isbn13", "isbn 13", "isbn-13", "isbn10", "isbn 10", "isbn-10"),
}
#: Spreadsheet exports write ="0262035618" to keep leading zeros.
FORMULA_LITERAL = re.compile(r'^="(.*)"$', re.DOTALL)
INITIALS = re.compile(r"^(?:[A-Z]\.?-?)+$")
AND = re.compile(r"(?<!\s)\s+(?:and|&)\s+")
#: A cell that is a link, or several separated by spaces, commas, ";" or "|": what a link
#: column holds. A link inside prose (an abstract, a note) is not the row's link.
LINK_TOKEN = re.compile(r"(?:https?://|www\.)[^\s,;|]+(?:[,;](?!https?://|www\.)[^\s,;|]+)*", re.IGNORECASE)
LINK_CELL = re.compile(rf"^\s*{LINK_TOKEN.pattern}(?:[\s,;|]+{LINK_TOKEN.pattern})*[\s,;|]*$", re.IGNORECASE)
#: Words in a column name that say it holds links ("PaperURL", "Paper link", "Code URL").
LINK_HEADER_WORDS = frozenset({"url", "urls", "link", "links", "href", "uri", "web", "website", "homepage"})
#: A column whose cells are at least this share links is a link column, whatever its name.
LINK_SHARE = 0.5


@dataclass(frozen=True)
class Row:
    line: int
    end_line: int
    cells: list[str]


@dataclass(frozen=True)
class Table:
    """Which columns hold which field: field -> column indices, best first."""

    names: tuple[str, ...]
    columns: dict[str, tuple[int, ...]]
    separators: dict[str, str]
    links: tuple[tuple[int, str], ...] = ()  # (column, what its name says the links are)

    def get(self, row: Row, field: str) -> str:
        """The first non-empty cell of ``field`` in ``row``, stripped ('' if none)."""
        for index in self.columns.get(field, ()):
            value = cell(row.cells[index]) if index < len(row.cells) else ""
            if value:
                return value
        return ""


def cell(text: str) -> str:
    text = text.strip()
    m = FORMULA_LITERAL.match(text)
    text = m.group(1).strip() if m else text
    return html.unescape(text) if "&" in text else text


def parse(text: str, path: str, columns: dict[str, str] | None = None) -> tuple:
    builder = ListBuilder(path, NAME, text.split("\n"))
    rows, problems = read_rows(builder.lines, sniff(text, path))
    builder.problems.extend(problems)
    table, data = _table(builder, rows, columns or {})
    if table is not None:
        builder.metadata["columns"] = {f: table.names[i[0]] for f, i in table.columns.items()}
        if table.links:
            builder.metadata["link_columns"] = [table.names[i] for i, _ in table.links]
        for row in data:
            _row_entry(builder, table, row)
    declare_sections(builder)
    builder.problems.sort(key=lambda p: p.line or 0)
    return (builder.build(),)


def sniff(text: str, path: str) -> str:
    """The delimiter that splits the first line into the most cells (tab first for .tsv)."""
    first = _first_line(text)
    order = ("\t", ",", ";") if PurePath(path).suffix.lower() == ".tsv" else DELIMITERS
    return max(order, key=lambda d: len(next(csv.reader([first], delimiter=d), [])))


def _first_line(text: str) -> str:
    """The first non-blank line, cut at ``SNIFF_CHARS``."""
    return next((line for line in text[:SNIFF_CHARS].split("\n") if line.strip()), "")


@contextmanager
def _field_limit(size: int):
    """Let the csv module read cells as long as the text (its default stops at 128 KiB)."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, size))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read_rows(lines: list[str], delimiter: str) -> tuple[list[Row], list[Problem]]:
    """Non-blank rows with their physical line spans. A row that spans lines but has the wrong
    number of cells comes from a stray quote: it is reported and reading resumes after its
    first line."""
    rows: list[Row] = []
    problems: list[Problem] = []
    start = 0
    with _field_limit(sum(map(len, lines)) + len(lines)):
        while start < len(lines):
            width = len(rows[0].cells) if rows else None
            start = _read_from(lines, start, delimiter, width, rows, problems)
    return rows, problems


def _read_from(lines, start, delimiter, width, rows, problems) -> int:
    """Read rows from line index ``start``; the index to resume at, or len(lines) when done."""
    reader = csv.reader(io.StringIO("\n".join(lines[start:])), delimiter=delimiter)
    done = start
    try:
        for cells in reader:
            first, done = done + 1, start + reader.line_num
            if width is not None and done > first and len(cells) != width:
                problems.append(Problem(first, f"unbalanced quote (a cell runs on to line {done}); row skipped"))
                return first
            if any(c.strip() for c in cells):
                rows.append(Row(first, done, cells))
                width = width or len(cells)
    except csv.Error as exc:
        problems.append(Problem(done + 1, f"cannot read this row ({exc}); row skipped"))
        return done + 1
    return len(lines)


def _table(builder: ListBuilder, rows: list[Row], override: dict[str, str]):
    """The column map and the data rows; (None, []) with a Problem when no title column.
    The first row is the header when it names a known column; else columns go by number."""
    if not rows:
        return None, []
    first = rows[0]
    known = {_norm(n) for n in override.values()} | {a for aliases in COLUMNS.values() for a in aliases}
    has_header = any(_norm(c) in known for c in first.cells)
    names = tuple(first.cells) if has_header else tuple(str(i) for i in range(1, len(first.cells) + 1))
    data = rows[1:] if has_header else rows
    columns = _columns([_norm(n) for n in names], override)
    if "title" not in override:  # a "Paper" column of links is a link column, not the title
        columns["title"] = tuple(i for i in columns.get("title", ()) if not _mostly_links(data, i))
        columns = {field: indices for field, indices in columns.items() if indices}
    for name in override.values():
        if _column(_norm(name), [_norm(n) for n in names]) is None:
            builder.problem(first.line, f"no column named '{name}' (columns: {', '.join(names)})")
    if "title" not in columns:
        builder.problem(first.line, f"no title column among: {', '.join(first.cells)} "
                                    "(name one with --columns title=COLUMN, or title=N for column N)")
        return None, []
    table = Table(names, columns, {})
    people = {f: people_separator(table.get(row, f) for row in data) for f in ("authors", "more_authors")}
    return replace(table, separators=people, links=_link_columns(names, columns, data, has_header)), data


def _link_columns(names, columns, data, has_header) -> tuple[tuple[int, str], ...]:
    """The columns that hold a row's links: the url column(s), a column whose name says links
    ("PaperURL", "Paper link", "Code") and one whose cells are mostly links; each with the label
    its name gives the links ("paper", "tweet", "code"), what tells the work's own link from a
    further one."""
    taken = {i for field, indices in columns.items() if field != "url" for i in indices[:1]}
    found = []
    for index, name in enumerate(names):
        words = _words(name) if has_header else []
        label = " ".join(w for w in words if w not in LINK_HEADER_WORDS)
        named = index in columns.get("url", ()) or (
            bool(words) and (bool(set(words) & LINK_HEADER_WORDS) or is_link_word(" ".join(words))))
        if (named and index not in taken) or _mostly_links(data, index):
            found.append((index, label))
    return tuple(found)


def _words(name: str) -> list[str]:
    """A column name's words, camel case split: "PaperURL" -> ["paper", "url"]."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name)
    return [w.lower() for w in re.findall(r"[A-Za-z]+", spaced)]


def _mostly_links(data: list[Row], index: int) -> bool:
    cells = [c for c in (row.cells[index].strip() if index < len(row.cells) else "" for row in data) if c]
    return bool(cells) and sum(bool(LINK_CELL.match(c)) for c in cells) >= LINK_SHARE * len(cells)


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("_", " ").split())


def _columns(header: list[str], override: dict[str, str]) -> dict[str, tuple[int, ...]]:
    """field -> indices of its columns: the one named by ``override`` (a name or a 1-based
    number), then the recognised names in order."""
    columns: dict[str, tuple[int, ...]] = {}
    for field, aliases in COLUMNS.items():
        wanted = ([_norm(override[field])] if field in override else []) + list(aliases)
        found = tuple(dict.fromkeys(i for i in (_column(n, header) for n in wanted) if i is not None))
        if found:
            columns[field] = found
    return columns


def _column(name: str, header: list[str]) -> int | None:
    if name in header:
        return header.index(name)
    return int(name) - 1 if name.isdigit() and 0 < int(name) <= len(header) else None


def _row_links(builder: ListBuilder, table: Table, row: Row) -> tuple[str, ...]:
    """The row's links in column order, the work's own first: a link its column names as code,
    a post or slides (or that points at such a site) comes after the others. A row is one work,
    so its links are that work's; only images (a cover, a badge) are skipped, and recorded."""
    own, further = [], []
    for index, label in table.links:
        value = cell(row.cells[index]) if index < len(row.cells) else ""
        for url in LINK_TOKEN.findall(value) if LINK_CELL.match(value) else ():
            if is_image(url):
                builder.skip(row.line, url, "badge or image")
            else:
                (further if supporting(label, url) else own).append(url)
    return tuple(dict.fromkeys(own + further))


def _row_entry(builder: ListBuilder, table: Table, row: Row) -> None:
    if len(row.cells) > len(table.names):
        builder.problem(row.line, f"row has {len(row.cells)} cells but the header has "
                                  f"{len(table.names)} (an unquoted delimiter?); row skipped")
        return
    get = partial(table.get, row)
    title = clean(get("title"))
    if not title:
        builder.problem(row.line, "row has no title (kept as an untitled entry)")
    urls = _row_links(builder, table, row)
    ids = merge_ids(scheme_ids({scheme: get(scheme) for scheme in ID_SCHEMES}), ids_for(*urls))
    authors = [split_people(get(f), table.separators.get(f)) for f in ("authors", "more_authors")]
    builder.add(
        row.line, row.end_line, title=title, url=urls[0] if urls else None, urls=urls, ids=ids,
        authors=authors[0] + authors[1], year=year_of(get("year")), venue=clean(get("venue")), key=clean(get("key")),
        volume=clean(get("volume")), pages=clean(get("pages")),
        kind=kind_for(get("kind"), urls[0] if urls else None, ids), annotation=get("notes"),
        aliases=tuple(a for a in map(clean, get("aliases").split(";")) if a),
        section=section_path(get("section"), first_of_list=False) or section_path(get("tags")),
    )


def split_people(text: str, separator: str | None = None) -> tuple[str, ...]:
    """Authors split on ";", else on "and"/"&", and on "," only where commas separate full
    names ("Ada Lovelace, Alan Turing", not "Lovelace, Ada" or "Zhai, Q. J."). ``separator``
    is the column's convention from ``people_separator``; without one, the cell's own."""
    text = clean(text) or ""
    if ";" in text:
        return _names(piece for chunk in text.split(";") for piece in AND.split(chunk))
    pieces = AND.split(text)
    if (separator or people_separator([text])) != ",":
        return _names(pieces)
    return _names(name for piece in pieces for name in _comma_names(piece))


def people_separator(cells: Iterable[str]) -> str:
    """How most multi-person cells of a column separate people: ";", "and" (between "Family,
    Given" names, so commas never separate people) or "," (between "Given Family" names)."""
    votes: Counter[str] = Counter()
    for text in cells:
        if ";" in text:
            votes[";"] += 1
        elif AND.search(text):
            votes["and" if all("," in piece for piece in AND.split(text)) else ","] += 1
    return votes.most_common(1)[0][0] if votes else ","


def _names(parts: Iterable[str]) -> tuple[str, ...]:
    return tuple(p for p in (clean(part.strip(" ,")) for part in parts) if p)


def _comma_names(chunk: str) -> list[str]:
    names: list[str] = []
    for part in filter(None, (p.strip() for p in chunk.split(","))):
        if names and part.lower().replace(".", "") in SUFFIXES:
            names[-1] += f", {part}"
        else:
            names.append(part)
    full = sum(len(name.split()) >= 2 for name in names)
    initials = any(all(INITIALS.match(w) for w in name.split()) for name in names)
    return names if full >= 2 and full > len(names) - full and not initials else [chunk]


def parse_columns(specs: Iterable[str]) -> dict[str, str]:
    """'title=Book Title,authors=Author' (one or more specs) -> {'title': 'Book Title', ...}."""
    mapping: dict[str, str] = {}
    for spec in specs:
        for pair in filter(str.strip, spec.split(",")):
            field, sep, column = pair.partition("=")
            field = field.strip().lower()
            if not sep or not column.strip():
                raise UsageError(f"--columns expects FIELD=COLUMN, got '{pair.strip()}'")
            if field not in COLUMNS or field == "more_authors":
                known = ", ".join(f for f in COLUMNS if f != "more_authors")
                raise UsageError(f"--columns: unknown field '{field}' (known: {known})")
            mapping[field] = column.strip()
    return mapping


def with_columns(columns: dict[str, str]) -> Parser:
    """The CSV parser with extra column names (what ``listmerge parse --columns`` uses)."""
    return replace(PARSER, parse=partial(parse, columns=columns))


def detect(text: str, path: str) -> float:
    first = _first_line(text)
    cells = next(csv.reader([first], delimiter=sniff(text, path)), [])
    if PurePath(path).suffix.lower() in (".csv", ".tsv") and cells:
        return 0.9
    header = [_norm(c) for c in cells]
    known = [field for field, aliases in COLUMNS.items() if any(a in header for a in aliases)]
    return 0.7 if "title" in known and len(known) >= 2 else 0.0


PARSER = Parser(
    name=NAME,
    description="CSV / TSV tables (Goodreads, Zotero, spreadsheets): columns found by name",
    detect=detect,
    parse=parse,
    extensions=(".csv", ".tsv"),
)
