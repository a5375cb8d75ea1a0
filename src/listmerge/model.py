"""The data model: frozen dataclasses that every parser produces and every later stage reads.

No I/O lives here. Every fact an Entry carries can be traced back to its source through
``ReadingList.path`` plus the entry's ``line``/``end_line`` and ``raw`` text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

KINDS = ("paper", "book", "blog", "video", "course", "repo", "docs", "podcast", "other")
ROLES = ("primary", "mention")


@dataclass(frozen=True)
class Problem:
    """Something a parser could not read. ``line`` is 1-based, or None for the whole file."""

    line: int | None
    message: str


@dataclass(frozen=True)
class Skipped:
    """A link a parser left out because it is not a work (a badge, the licence, a profile...)."""

    line: int
    url: str
    reason: str


@dataclass(frozen=True)
class Section:
    """A section of a list: its title path from the top, its depth and its line."""

    path: tuple[str, ...]
    level: int
    line: int

    @property
    def title(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class Entry:
    """One item of a list: a work as this list names it, with where it came from.

    ``title`` is None for an untitled entry (a list that only kept the curator's reason).
    ``ids`` is a sorted tuple of (scheme, value) pairs, e.g. (("arxiv", "2005.14165"),).
    ``role`` is "primary" or "mention"; a mention's ``parent`` is the index of the entry whose
    text cites it (None when the citing text is section prose rather than an entry).
    """

    title: str | None
    url: str | None = None
    urls: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    volume: str | None = None
    pages: str | None = None
    kind: str = "other"
    annotation: str = ""
    aliases: tuple[str, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()
    section: tuple[str, ...] = ()
    role: str = "primary"
    parent: int | None = None
    key: str | None = None
    line: int = 0
    end_line: int = 0
    raw: str = ""
    flags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        if self.end_line < self.line:
            raise ValueError(f"end_line {self.end_line} before line {self.line}")

    @property
    def untitled(self) -> bool:
        return not self.title

    def id_of(self, scheme: str) -> str | None:
        return next((value for name, value in self.ids if name == scheme), None)

    def evolve(self, **changes: Any) -> "Entry":
        return replace(self, **changes)


@dataclass(frozen=True)
class ReadingList:
    """One parsed input: a file (or a revision of one) in one of the registered formats."""

    name: str
    path: str
    format: str
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    sections: tuple[Section, ...] = ()
    entries: tuple[Entry, ...] = ()
    problems: tuple[Problem, ...] = ()
    #: what the parser left out and why: a report on the reading, not part of the list
    skipped: tuple[Skipped, ...] = field(default=(), compare=False)
    #: the file (or REV:path) this list was read from and the parser that read it, as the reader
    #: knows them: ``path`` and ``format`` are what the list says of itself (a listmerge dump
    #: names the file it was made from), so reports of provenance take these
    read_from: str | None = field(default=None, compare=False)
    read_as: str | None = field(default=None, compare=False)

    @property
    def file(self) -> str:
        """The file the list was read from (its own ``path`` when the reader did not say)."""
        return self.read_from or self.path

    @property
    def primaries(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.role == "primary")

    def location(self, entry: Entry) -> str:
        return f"{self.path}:{entry.line}"

    def evolve(self, **changes: Any) -> "ReadingList":
        return replace(self, **changes)
