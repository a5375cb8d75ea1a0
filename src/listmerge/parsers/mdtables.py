"""Tables of works (markdown pipe tables, HTML tables): each row with a link is an entry.

The header says what each column holds: the title ("Title", "Paper", "Name", "Course"...), the
link ("Link", "URL", "Code"...), the authors, the date or year and the note. Without a telling
header, the title is the column whose cells most often hold a named link (not "[pdf]"), else
the first column of text. A row's other links are kept in the entry's ``urls``; cells of
numbers (scores, durations) are left alone."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .base import ListBuilder
from .cite import YEAR, parse_tail, split_authors
from .inline import Span, links, plain
from .mditems import Name, PageContext, add_item, item_spans, name_span, names_nothing, split_tags, drop_number

#: header word -> role. A header names a role when one of its words is listed here.
HEADER_ROLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("title", frozenset("title titles paper papers name names book books course courses article articles "
                        "resource resources publication publications work works talk talks reading readings "
                        "project projects model models method methods tool tools library libraries".split())),
    ("link", frozenset("link links url urls href source sources code repo repository website homepage "
                       "pdf download downloads".split())),
    ("authors", frozenset("author authors authorship by speaker speakers instructor instructors "
                          "creator creators".split())),
    ("year", frozenset("year date published when released".split())),
    ("note", frozenset("description descriptions summary note notes comment comments about why tldr "
                       "abstract remarks details".split())),
)
#: Words of a title header, strongest first: "Paper / Source" beats "Model".
TITLE_STRENGTH = ("title", "paper", "papers", "name", "book", "books", "course", "courses", "article")
HEADER_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Row:
    line: int
    end_line: int
    cells: list[str]


def _roles(header: list[str]) -> dict[int, str]:
    roles: dict[int, str] = {}
    for index, cell in enumerate(header):
        words = set(HEADER_WORD.findall(plain(item_spans(cell)).lower()))
        for role, names in HEADER_ROLES:
            if words & names:
                roles[index] = role
                break
    return roles


def _title_column(header: list[str], rows: list[list[tuple[Span, ...]]], roles: dict[int, str]) -> int | None:
    """The column that names the rows' works."""
    width = max((len(r) for r in rows), default=0)

    def named_links(col: int) -> int:
        return sum(1 for r in rows if col < len(r) and any(not names_nothing(s) for s in links(r[col])))

    def texty(col: int) -> int:
        return sum(1 for r in rows if col < len(r) and sum(ch.isalpha() for ch in plain(r[col])) >= 3)

    def strength(col: int) -> int:
        words = HEADER_WORD.findall(plain(item_spans(header[col])).lower()) if col < len(header) else []
        return min((TITLE_STRENGTH.index(w) for w in words if w in TITLE_STRENGTH), default=len(TITLE_STRENGTH))

    candidates = [c for c in range(width) if roles.get(c, "title") == "title"]
    linked = [c for c in candidates if named_links(c) * 2 >= len(rows)]
    if linked:
        return min(linked, key=lambda c: (strength(c), -named_links(c), c))
    titled = [c for c in candidates if roles.get(c) == "title" and texty(c)]
    if titled:
        return min(titled, key=lambda c: (strength(c), c))
    texts = [c for c in candidates if texty(c) * 2 >= len(rows)]
    return texts[0] if texts else None


def table_entries(builder: ListBuilder, header: list[str], rows: list[Row], section: tuple[str, ...],
                  page: PageContext, skip_all: str | None = None) -> None:
    """Entries for the rows of one table."""
    cells = [[item_spans(c) for c in row.cells] for row in rows]
    roles = _roles(header)
    title_col = _title_column(header, cells, roles)
    for row, parts in zip(rows, cells):
        kept_by_col = [page.keep(builder, p, row.line, row.end_line, skip_all=skip_all) for p in parts]
        kept = [s for col in _link_order(title_col, roles, len(parts)) for s in kept_by_col[col]]
        if not any(links(p) for p in parts):
            continue  # a row without links names no work we can point at
        own = kept_by_col[title_col] if title_col is not None and title_col < len(parts) else []
        _row_entry(builder, row, parts, roles, title_col, kept, own, section)


def _link_order(title_col: int | None, roles: dict[int, str], width: int) -> list[int]:
    """Columns in the order their links are an entry's: the title's, the link columns', the rest."""
    first = [title_col] if title_col is not None and title_col < width else []
    linked = [c for c in range(width) if roles.get(c) == "link" and c not in first]
    return first + linked + [c for c in range(width) if c not in first and c not in linked]


def _row_entry(builder: ListBuilder, row: Row, parts, roles, title_col, kept, own, section) -> None:
    title_parts = parts[title_col] if title_col is not None and title_col < len(parts) else ()
    tags, title_parts = split_tags(drop_number(tuple(title_parts)))
    notes = [plain(p) for col, p in enumerate(parts) if roles.get(col) == "note" and col != title_col and plain(p)]
    authors = _authors(parts, roles, title_col)
    year = _year(parts, roles)
    if not kept:
        title = plain(title_parts) or None
        builder.add(row.line, row.end_line, title=title, authors=authors, year=year,
                    annotation="\n".join(notes), section=section)
        return
    name = None
    if not any(not names_nothing(s) for s in own):
        name = name_span(title_parts, link_free=True) or _whole(title_parts)
    if name is not None and not own and any(links(title_parts)):
        # the title's own link is not a work's (the list's own page): the row's links are further links
        builder.add(row.line, row.end_line, title=name.text, urls=tuple(dict.fromkeys(s.url for s in kept)),
                    authors=authors, year=year, annotation="\n".join(notes), section=section)
        return
    primary = own or kept[:1]  # the row's work's link: the title cell's, else the row's first
    index = add_item(builder, row.line, row.end_line, section, tuple(title_parts) + tuple(
        s for s in primary if s not in title_parts), tags, primary, notes, name=name)
    if index is None:
        return
    entry = builder.entries[index]
    further = tuple(s.url for s in kept if s.url not in entry.urls)
    if further:  # a row is one record: its other cells' links are the work's further links
        entry = entry.evolve(urls=entry.urls + further)
    who, when, _ = parse_tail(_parenthetical(parts, roles, title_col))
    changes = {}
    if authors and not entry.authors:
        changes["authors"] = authors
    elif who and not entry.authors:
        changes["authors"] = who
    if (year or when) and entry.year is None:
        changes["year"] = year or when
    builder.entries[index] = entry.evolve(**changes) if changes else entry


def _whole(parts) -> Name | None:
    text = " ".join(plain(parts).split()).strip(" -–—:|")
    return Name(text, "", ()) if any(ch.isalpha() for ch in text) else None


def _authors(parts, roles, title_col) -> tuple[str, ...]:
    col = next((c for c, r in roles.items() if r == "authors" and c < len(parts)), None)
    return split_authors(plain(parts[col])) if col is not None else ()


def _year(parts, roles) -> int | None:
    col = next((c for c, r in roles.items() if r == "year" and c < len(parts)), None)
    m = YEAR.search(plain(parts[col])) if col is not None else None
    return int(m.group(1)) if m else None


def _parenthetical(parts, roles, title_col) -> str:
    """A "(Wu and Hu, 2018)" in a name column other than the title's gives authors and year."""
    for col, p in enumerate(parts):
        if col != title_col and roles.get(col, "title") == "title":
            text = plain(p)
            at = text.find("(")
            if at > 0:
                return text[at:]
    return ""
