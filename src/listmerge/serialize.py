"""ReadingLists to plain dicts (the shape of ``parse -o json``) and back, losslessly."""
from __future__ import annotations

from typing import Any

from .identify import find_ids
from .model import Entry, Problem, ReadingList, Section

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


def _tuple(value: Any) -> tuple:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def entry_from_dict(data: dict[str, Any]) -> Entry:
    """An Entry from its dict. A hand-written entry without ``ids`` gets those its links show."""
    urls = _tuple(data.get("urls", [data["url"]] if data.get("url") else []))
    ids = data.get("ids") if "ids" in data else _ids_in(urls)
    if isinstance(ids, list):
        ids = dict(ids)
    ids = ids or {}
    line = _int(data.get("line")) or 0
    return Entry(
        title=data.get("title"),
        url=data.get("url"),
        urls=urls,
        authors=_tuple(data.get("authors")),
        year=_int(data.get("year")),
        venue=data.get("venue"),
        volume=_str(data.get("volume")),
        pages=_str(data.get("pages")),
        kind=data.get("kind") or "other",
        annotation=data.get("annotation") or "",
        aliases=_tuple(data.get("aliases")),
        ids=tuple(sorted((str(k), str(v)) for k, v in ids.items())),
        section=_tuple(data.get("section")),
        role=data.get("role") or "primary",
        parent=_int(data.get("parent")),
        key=data.get("key"),
        line=line,
        end_line=_int(data.get("end_line")) or line,
        raw=data.get("raw") or "",
        flags=_tuple(data.get("flags")),
    )


def _ids_in(urls: tuple[str, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for url in urls:
        for scheme, value in find_ids(url).items():
            found.setdefault(scheme, value)
    return found


def list_from_dict(data: dict[str, Any], path: str, default_format: str) -> ReadingList:
    from pathlib import PurePath

    return ReadingList(
        name=data.get("name") or PurePath(path).stem,
        path=data.get("path") or path,
        format=data.get("format") or default_format,
        title=data.get("title"),
        metadata=data.get("metadata") or {},
        sections=tuple(
            Section(path=_tuple(s.get("path")), level=_int(s.get("level")) or len(_tuple(s.get("path"))),
                    line=_int(s.get("line")) or 0)
            for s in data.get("sections") or []
        ),
        entries=tuple(entry_from_dict(e) for e in data.get("entries") or []),
        problems=tuple(Problem(_int(p.get("line")), str(p.get("message", ""))) for p in data.get("problems") or []),
    )
