"""CSL-JSON: the primary entries as a JSON array of CSL items, for Zotero, pandoc and citeproc.

Names written "Family, Given" become family/given, others literal; an arXiv id without a DOI of its own becomes arXiv's DOI, as Zotero
writes it. What CSL has no variable for (further URLs, other identifiers, the section path)
goes in the item's ``custom`` object, which CSL-JSON sets aside for exactly that.
"""
from __future__ import annotations

import json
from typing import Any, Sequence

from ..model import Entry, ReadingList
from ..parsers.base import ids_for
from ..parsers.biblio import kind_for
from .bibtex import PROCEEDINGS, citation_keys, split_name, urls_of

TYPES = {"book": "book", "blog": "post-weblog", "video": "motion_picture", "podcast": "broadcast",
         "repo": "software", "docs": "webpage", "course": "webpage", "other": "document"}


def item_type(entry: Entry) -> str:
    if entry.kind != "paper":
        return TYPES[entry.kind]
    if not entry.venue:
        return "article"
    return "paper-conference" if PROCEEDINGS.search(entry.venue) else "article-journal"


def csl_name(name: str) -> dict[str, str]:
    """"Family, Given" as family/given; a name without a comma stays literal, since nothing
    tells "Hugging Face" (an organisation) from "Eugene Yan" (a person)."""
    if "," not in name:
        return {"literal": name}
    family, given, suffix = split_name(name)
    parts = {"family": family, "given": given, "suffix": suffix}
    return {k: v for k, v in parts.items() if v}


def _ids(entry: Entry) -> tuple[dict[str, str], dict[str, str]]:
    """(CSL variables, the rest) for the entry's identifiers."""
    ids = dict(entry.ids)
    variables = {"DOI": ids.pop("doi", None), "ISBN": ids.pop("isbn", None)}
    if "arxiv" in ids and not variables["DOI"]:
        variables["DOI"] = f"10.48550/arXiv.{ids.pop('arxiv')}"
    derived = dict(ids_for(*urls_of(entry)))
    rest = {s: v for s, v in sorted(ids.items()) if derived.get(s) != v}
    return {k: v for k, v in variables.items() if v}, rest


def item(entry: Entry, key: str) -> dict[str, Any]:
    """One CSL item; keys in a fixed order, empty variables left out."""
    variables, other_ids = _ids(entry)
    urls = urls_of(entry)
    url = urls[0] if urls else None
    venue = "publisher" if entry.kind == "book" else "container-title"
    custom = {"urls": list(urls[1:]), "ids": other_ids, "section": list(entry.section),
              "kind": entry.kind if kind_for(item_type(entry), url, entry.ids) != entry.kind else None}
    data = {
        "id": key, "type": item_type(entry), "title": entry.title,
        "title-short": entry.aliases[0] if entry.aliases else None,
        "author": [csl_name(a) for a in entry.authors],
        "issued": {"date-parts": [[entry.year]]} if entry.year else None,
        venue: entry.venue, "volume": entry.volume, "page": entry.pages, **variables, "URL": url,
        "keyword": " > ".join(entry.section), "annote": entry.annotation,
        "custom": {k: v for k, v in custom.items() if v},
    }
    return {k: v for k, v in data.items() if v}


def render_lists(lists: Sequence[ReadingList]) -> str:
    entries = [e for rl in lists for e in rl.primaries]
    keys = citation_keys(entries, keep=lambda key: bool(key.strip()))
    items = [item(entry, key) for entry, key in zip(entries, keys)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
