"""ReadingLists to plain dicts (the shape of ``parse -o json``) and back, losslessly."""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from .identify import find_ids
from .model import KINDS, ROLES, Entry, Problem, ReadingList, Section

FORMAT_VERSION = 1


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "url": entry.url,
        "urls": list(entry.urls),
        "authors": list(entry.authors),
        "year": entry.year,
        "venue": entry.venue,
        "volume": entry.volume,
        "pages": entry.pages,
        "kind": entry.kind,
        "annotation": entry.annotation,
        "aliases": list(entry.aliases),
        "ids": dict(entry.ids),
        "section": list(entry.section),
        "role": entry.role,
        "parent": entry.parent,
        "key": entry.key,
        "line": entry.line,
        "end_line": entry.end_line,
        "flags": list(entry.flags),
        "raw": entry.raw,
    }


def list_to_dict(rl: ReadingList) -> dict[str, Any]:
    return {
        "name": rl.name,
        "path": rl.path,
        "format": rl.format,
        "title": rl.title,
        "metadata": rl.metadata,
        "sections": [{"path": list(s.path), "level": s.level, "line": s.line} for s in rl.sections],
        "entries": [entry_to_dict(e) for e in rl.entries],
        "problems": [{"line": p.line, "message": p.message} for p in rl.problems],
    }


def document(lists: list[ReadingList] | tuple[ReadingList, ...]) -> dict[str, Any]:
    return {"listmerge": FORMAT_VERSION, "lists": [list_to_dict(rl) for rl in lists]}


#: Lines, parents and levels above this are not from any file listmerge reads.
MAX_LINE = 10**9
#: Years listmerge keeps: four digits at most, as every reader of dates does.
MIN_YEAR, MAX_YEAR = 1, 9999
#: How many values ``plain_data`` copies at most: a document of aliases ("billion laughs") that
#: expands past this is cut, not expanded.
MAX_PLAIN_VALUES = 200_000
MAX_DEPTH = 100


class Fields:
    """Reads one mapping of a hand-written or dumped document, field by field, checking each
    value's type and range. What does not fit is left out (or read as text, for a number or a
    date where text belongs) and said in ``messages``, one line each, naming the field."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.messages: list[str] = []

    def say(self, name: str, value: Any, what: str) -> None:
        self.messages.append(f"'{name}' is {_describe(value)}: {what}")

    def text(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None or isinstance(value, str):
            return value
        if _is_scalar(value):
            self.say(name, value, "read as the text '%s' (quote it to say so)" % _as_text(value))
            return _as_text(value)
        self.say(name, value, "left out (expected text)")
        return None

    def texts(self, name: str, default: Any = None) -> tuple[str, ...]:
        value = self.data.get(name, default)
        if value is None:
            return ()
        if isinstance(value, str) or _is_scalar(value):
            value = [value]
        if not isinstance(value, (list, tuple)):
            self.say(name, value, "left out (expected a list of texts)")
            return ()
        items = [v for v in value if v is not None]
        if not all(isinstance(v, str) or _is_scalar(v) for v in items):
            self.say(name, value, "its items that are not text are left out")
        return tuple(v if isinstance(v, str) else _as_text(v) for v in items if isinstance(v, str) or _is_scalar(v))

    def number(self, name: str, low: int = 0, high: int = MAX_LINE) -> int | None:
        value = self.data.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= len(str(high)):
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        self.say(name, value, f"left out (expected a whole number from {low} to {high})")
        return None

    def choice(self, name: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.data.get(name)
        if value in (None, ""):
            return default
        if value in allowed:
            return value
        self.say(name, value, f"read as '{default}' (expected one of: {', '.join(allowed)})")
        return default

    def ids(self, found_in: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        value = self.data.get("ids") if "ids" in self.data else _ids_in(found_in)
        if isinstance(value, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in value):
            value = dict(value)
        if value in (None, "", [], ()):
            return ()
        if not isinstance(value, dict):
            self.say("ids", value, "left out (expected a mapping of scheme to identifier)")
            return ()
        kept = {k: v for k, v in value.items() if _is_text_like(k) and _is_text_like(v)}
        if len(kept) < len(value):
            self.say("ids", value, "identifiers that are not text are left out")
        return tuple(sorted((_as_text(k), _as_text(v)) for k, v in kept.items()))

    def mapping(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.say(name, value, "left out (expected a mapping)")
            return {}
        safe, complete = plain_data(value)
        if not complete:
            self.say(name, value, "values that are not plain data (binary, sets, loops, too large) are left out")
        return safe


def _is_scalar(value: Any) -> bool:
    """A value that reads as text: a finite number, a boolean or a date."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (int, datetime.date))


def _is_text_like(value: Any) -> bool:
    return isinstance(value, str) or _is_scalar(value)


def _as_text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _describe(value: Any) -> str:
    """A value as a warning names it: "the number 12345", "the date 2020-01-01", "a set"."""
    if isinstance(value, str):
        return f"'{value[:40]}'" + ("..." if len(value) > 40 else "")
    if isinstance(value, bool):
        return f"the boolean {_as_text(value)}"
    if isinstance(value, (int, float)):
        text = _as_text(value) if isinstance(value, float) or value.bit_length() < 64 else "of %d bits" % value.bit_length()
        return f"the number {text}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    names = {bytes: "binary data", dict: "a mapping", list: "a list", tuple: "a list", set: "a set"}
    return names.get(type(value), f"a {type(value).__name__}")


def plain_data(value: Any) -> tuple[Any, bool]:
    """``value`` as JSON-safe data (text keys; text, finite numbers, booleans, None, lists,
    mappings; dates as ISO text), and whether nothing had to be left out. Shared references are
    copied within a budget, so a loop or an alias bomb is cut, never followed for ever."""
    budget = [MAX_PLAIN_VALUES]
    complete = [True]

    def copy(item: Any, depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0 or depth > MAX_DEPTH:
            complete[0] = False
            return None
        if item is None or isinstance(item, (str, bool, int)) or (isinstance(item, float) and math.isfinite(item)):
            return item
        if isinstance(item, datetime.date):
            return item.isoformat()
        if isinstance(item, dict):
            return {_as_text(k): copy(v, depth + 1) for k, v in item.items() if _keep(k, complete)}
        if isinstance(item, (list, tuple)):
            return [copy(v, depth + 1) for v in item]
        complete[0] = False
        return None

    result = copy(value, 0)
    return result, complete[0]


def _keep(key: Any, complete: list[bool]) -> bool:
    if isinstance(key, str) or _is_scalar(key):
        return True
    complete[0] = False
    return False


def entry_from_dict(data: dict[str, Any], messages: list[str] | None = None) -> Entry:
    """An Entry from its dict. A hand-written entry without ``ids`` gets those its links show.
    Values of the wrong type are left out (or read as text) and said in ``messages``."""
    f = Fields(data)
    url = f.text("url")
    urls = f.texts("urls", [url] if url else [])
    line = f.number("line") or 0
    end_line = f.number("end_line") or line
    if end_line < line:
        f.say("end_line", end_line, f"read as {line} (it was before 'line')")
        end_line = line
    entry = Entry(
        title=f.text("title"), url=url, urls=urls, authors=f.texts("authors"),
        year=f.number("year", MIN_YEAR, MAX_YEAR), venue=f.text("venue"),
        volume=_str(f.text("volume")), pages=_str(f.text("pages")),
        kind=f.choice("kind", KINDS, "other"), annotation=f.text("annotation") or "",
        aliases=f.texts("aliases"), ids=f.ids(urls), section=f.texts("section"),
        role=f.choice("role", ROLES, "primary"), parent=f.number("parent"), key=f.text("key"),
        line=line, end_line=end_line, raw=f.text("raw") or "", flags=f.texts("flags"),
    )
    if messages is not None:
        messages.extend(f.messages)
    return entry


def _str(value: str | None) -> str | None:
    return None if value is None or value == "" else value


def _ids_in(urls: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for url in urls:
        for scheme, value in find_ids(url).items():
            found.setdefault(scheme, value)
    return found


@dataclass(frozen=True)
class Misfit:
    """A value of a document that did not fit: which entry (index, or None for the list itself)
    and what was done with it."""

    entry: int | None
    message: str


def list_from_dict(data: dict[str, Any], path: str, default_format: str,
                   misfits: list[Misfit] | None = None) -> ReadingList:
    """A ReadingList from its dict. Entries that are not mappings are left out; a parent that
    names no other entry is dropped; each such misfit is said in ``misfits``."""
    f = Fields(data)
    said: list[Misfit] = []
    entries: list[Entry] = []
    raw_entries = data.get("entries") or []
    if not isinstance(raw_entries, list):
        f.say("entries", raw_entries, "left out (expected a list of entries)")
        raw_entries = []
    for index, item in enumerate(raw_entries):
        if not isinstance(item, dict):
            said.append(Misfit(index, f"entry {index + 1} is {_describe(item)}, not a mapping: left out"))
            continue
        messages: list[str] = []
        entries.append(entry_from_dict(item, messages))
        said.extend(Misfit(index, f"entry {index + 1}: {m}") for m in messages)
    entries = _checked_parents(entries, said)
    rl = ReadingList(
        name=f.text("name") or PurePath(path).stem, path=f.text("path") or path,
        format=f.text("format") or default_format, title=f.text("title"), metadata=f.mapping("metadata"),
        sections=tuple(_section(s, said) for s in _mappings(data.get("sections"), "sections", f)),
        entries=tuple(entries),
        problems=tuple(_problem(p, said) for p in _mappings(data.get("problems"), "problems", f)),
    )
    said[:0] = [Misfit(None, m) for m in f.messages]
    if misfits is not None:
        misfits.extend(said)
    return rl


def _checked_parents(entries: list[Entry], said: list[Misfit]) -> list[Entry]:
    """A mention's parent is the index of another entry of the list; any other is dropped."""
    out = []
    for index, entry in enumerate(entries):
        if entry.parent is not None and not (0 <= entry.parent < len(entries) and entry.parent != index):
            said.append(Misfit(index, f"entry {index + 1}: 'parent' {entry.parent} names no other entry: left out"))
            entry = entry.evolve(parent=None)
        out.append(entry)
    return out


def _mappings(value: Any, name: str, f: Fields) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        f.say(name, value, "items that are not mappings are left out")
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _section(data: dict[str, Any], said: list[Misfit]) -> Section:
    f = Fields(data)
    path = f.texts("path")
    section = Section(path=path, level=f.number("level") or len(path), line=f.number("line") or 0)
    said.extend(Misfit(None, f"section: {m}") for m in f.messages)
    return section


def _problem(data: dict[str, Any], said: list[Misfit]) -> Problem:
    f = Fields(data)
    problem = Problem(f.number("line"), f.text("message") or "")
    said.extend(Misfit(None, f"problem: {m}") for m in f.messages)
    return problem
