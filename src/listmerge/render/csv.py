"""CSV: one primary entry a row, with the column names the CSV reader recognises.

Several authors are joined with "; ", several URLs with a space, a section path with " > ";
identifiers get a column per scheme. A ``list`` column appears when rows come from more than
one list. Untitled entries are written too: a table does not need a title to hold a row. A
cell a spreadsheet would run as a formula (=, +, -, @ first) is written with a ' before it.
"""
from __future__ import annotations

import csv
import io
from typing import Sequence

from ..escape import csv_cell
from ..identify import ID_SCHEMES
from ..model import Entry, ReadingList
from .bibtex import citation_keys, urls_of

COLUMNS = ("key", "title", "authors", "year", "venue", "volume", "pages", "kind", "section", "url")
TRAILING = ("aliases", "notes")


def row(entry: Entry, key: str, schemes: Sequence[str]) -> dict[str, str]:
    ids = dict(entry.ids)
    return {
        "key": key, "title": entry.title or "", "authors": "; ".join(entry.authors),
        "year": str(entry.year or ""), "venue": entry.venue or "",
        "volume": entry.volume or "", "pages": entry.pages or "", "kind": entry.kind,
        "section": " > ".join(entry.section), "url": " ".join(urls_of(entry)),
        **{scheme: ids.get(scheme, "") for scheme in schemes},
        "aliases": "; ".join(entry.aliases), "notes": entry.annotation,
    }


def render_lists(lists: Sequence[ReadingList]) -> str:
    pairs = [(rl, e) for rl in lists for e in rl.primaries]
    keys = citation_keys([e for _, e in pairs], keep=lambda key: bool(key.strip()))
    schemes = [s for s in ID_SCHEMES if any(e.id_of(s) for _, e in pairs)]
    extra = ("list",) if len(lists) > 1 else ()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*extra, *COLUMNS, *schemes, *TRAILING], lineterminator="\n")
    writer.writeheader()
    for (rl, entry), key in zip(pairs, keys):
        cells = {**({"list": rl.path} if extra else {}), **row(entry, key, schemes)}
        writer.writerow({name: csv_cell(value) for name, value in cells.items()})
    return out.getvalue()
