"""CSL-JSON: the JSON array of items that Zotero, Better BibTeX and pandoc export.

Items are decoded one at a time so that each entry knows its exact line span; an item that is
not valid JSON becomes a Problem at its line and reading goes on at the next item.
"""
from __future__ import annotations

import bisect
import json
import re
from typing import Any, Iterator

from . import Parser
from ..model import KINDS
from .base import ListBuilder, ids_for
from .biblio import clean, declare_sections, json_text, kind_for, merge_ids, scheme_ids, section_path, year_of

NAME = "csljson"
JSON = json.JSONDecoder()
SEPARATORS = re.compile(r"[\s,]*")
#: After a broken item, the next line that opens an object is where reading resumes.
NEXT_ITEM = re.compile(r"^[ \t]*\{", re.MULTILINE)
#: CSL titles may carry a little HTML (<i>, <b>, <sup>, <span class="nocase">).
MARKUP = re.compile(r"</?(?:i|b|sup|sub|sc|span)\b[^>]*>", re.IGNORECASE)


class Lines:
    """Character offsets to 1-based line numbers."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, NAME, text.split("\n"))
    text = json_text(text)  # same length: offsets and lines stay
    line_of = Lines(text)
    for start, end, item in _items(text, builder):
        _item(builder, item, line_of(start), line_of(end - 1), text[start:end])
    declare_sections(builder)
    return (builder.build(),)


def _items(text: str, builder: ListBuilder) -> Iterator[tuple[int, int, Any]]:
    """(start, end, value) of every element of the top-level array, skipping broken ones."""
    pos = SEPARATORS.match(text).end()
    if not text.startswith("[", pos):
        builder.problem(None, "not CSL-JSON: expected a JSON array of items")
        return
    pos += 1
    while True:
        pos = SEPARATORS.match(text, pos).end()
        if pos >= len(text) or text[pos] == "]":
            return
        try:
            item, end = JSON.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            builder.problem(exc.lineno, f"not valid JSON ({exc.msg}); item skipped")
            after = text.find("\n", exc.pos)
        except (ValueError, RecursionError) as exc:  # a number past Python's digit limit, deep nesting
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split(";")[0]
            builder.problem(text.count("\n", 0, pos) + 1, f"cannot read this item ({reason}); item skipped")
            after = text.find("\n", pos)
        else:
            yield pos, end, item
            pos = end
            continue
        resume = NEXT_ITEM.search(text, after + 1) if after >= 0 else None
        if not resume:
            return
        pos = resume.end() - 1


def _item(builder: ListBuilder, item: Any, line: int, end_line: int, raw: str) -> None:
    if not isinstance(item, dict):
        builder.problem(line, "not a CSL item (expected a JSON object); skipped")
        return
    title = clean(MARKUP.sub("", clean(item.get("title")) or ""))
    if not title:
        builder.problem(line, f"item '{item.get('id', '?')}' has no title (kept as an untitled entry)")
    urls = _urls(item)
    ids = _ids(item, urls)
    builder.add(
        line, end_line, title=title, url=urls[0] if urls else None, urls=urls,
        authors=names(item.get("author") or item.get("editor")), year=_year(item.get("issued")),
        venue=clean(item.get("container-title") or item.get("event-title") or item.get("publisher")),
        volume=clean(item.get("volume")), pages=clean(item.get("page")),
        kind=_kind(item, urls[0] if urls else None, ids), ids=ids,
        annotation=clean(item.get("annote") or item.get("note")) or "", aliases=_aliases(item),
        section=_section(item),
        key=str(item["id"]) if item.get("id") not in (None, "") else None, raw=raw,
    )


def name(person: Any) -> str | None:
    """A CSL name as one string: "Family, Given" (particles kept), or the literal name."""
    if not isinstance(person, dict):
        return clean(person)
    if person.get("literal"):
        return clean(person["literal"])
    family = clean(" ".join(str(person.get(k) or "") for k in ("non-dropping-particle", "family")))
    given = clean(" ".join(str(person.get(k) or "") for k in ("given", "dropping-particle")))
    parts = [p for p in (family, clean(person.get("suffix")), given) if p]
    return ", ".join(parts) or None


def names(people: Any) -> tuple[str, ...]:
    if not isinstance(people, list):
        return ()
    return tuple(n for n in map(name, people) if n)


def _year(issued: Any) -> int | None:
    if not isinstance(issued, dict):
        return year_of(issued)
    parts = issued.get("date-parts")
    first = parts[0] if isinstance(parts, list) and parts else None
    year = first[0] if isinstance(first, list) and first else None
    return year_of(year, issued.get("raw"), issued.get("literal"))


def _custom(item: dict, key: str, kind: type) -> Any:
    custom = item.get("custom")
    value = custom.get(key) if isinstance(custom, dict) else None
    return value if isinstance(value, kind) else kind()


def _urls(item: dict) -> tuple[str, ...]:
    found = [clean(item.get("URL")), *map(clean, _custom(item, "urls", list))]
    return tuple(dict.fromkeys(u for u in found if u))


def _ids(item: dict, urls: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    named = {"doi": item.get("DOI"), "isbn": item.get("ISBN"), **_custom(item, "ids", dict)}
    return merge_ids(scheme_ids(named), ids_for(*urls, str(item.get("number") or "")))


def _kind(item: dict, url: str | None, ids) -> str:
    """The item type's kind, unless ``custom.kind`` names one of listmerge's kinds."""
    kind = _custom(item, "kind", str)
    return kind if kind in KINDS else kind_for(str(item.get("type") or ""), url, ids)


def _section(item: dict) -> tuple[str, ...]:
    """The path listmerge wrote in ``custom.section``, else the first keyword as a path."""
    path = tuple(p for p in map(clean, _custom(item, "section", list)) if p)
    return path or section_path(clean(item.get("keyword")))


def _aliases(item: dict) -> tuple[str, ...]:
    short = clean(item.get("title-short") or item.get("shortTitle"))
    return (short,) if short else ()


def detect(text: str, path: str) -> float:
    head = text[:20000]
    if not re.match(r"\s*\[\s*\{", head):
        return 0.0
    fields = sum(bool(re.search(rf'"{f}"\s*:', head)) for f in ("type", "title", "id", "author", "issued"))
    return 0.9 if fields >= 3 else 0.0


PARSER = Parser(
    name=NAME,
    description="CSL-JSON (Zotero, Better BibTeX, pandoc): a JSON array of items",
    detect=detect,
    parse=parse,
    extensions=(".json", ".csljson"),
)
