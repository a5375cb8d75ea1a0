"""One entry's three versions resolved field by field: the rules merge3 applies where both
sides changed an entry's text and git's line merge of it conflicts.

Each field (``FIELDS``: section, title, link, annotation, details, and the rest of the entry's
text) is compared as ``diff`` compares it (case and punctuation in a title, http vs https in a
link, whitespace in a note do not count):

- both present: a change on one side only is taken, the same change on both is taken once,
  different changes to one field are a conflict;
- added on both sides (no base): a field only one side gives is taken, a field both give
  differently is a conflict, except the section and the rest of the text (ours' wins);
- removed on one side and edited on the other: a conflict; removed and untouched: removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..diff import Item, main_link
from ..identify import normalise_title
from ..model import Entry

#: Fields where, for a work added on both sides, ours' version simply wins (its place, its wording).
OURS_WINS_ADDED = ("section", "rest")
OUTCOMES = ("kept", "edited", "added", "removed", "conflict")


@dataclass(frozen=True)
class Field:
    """One thing a curator edits about an entry: the Entry attributes that travel together, and
    the value compared to tell whether it changed."""

    name: str
    attrs: tuple[str, ...]
    key: Callable[[Entry], object]


def _details(entry: Entry) -> tuple:
    found = (entry.authors, entry.year, entry.venue, entry.volume, entry.pages)
    return found if any(found) else ()


LIST_MARKER = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")


def _rest(entry: Entry) -> str:
    """The entry's text apart from its list marker, title, link and note (say a tag or a year
    the parser does not read): an edit there is an edit too."""
    text = LIST_MARKER.sub("", entry.raw, count=1)
    for part in (entry.title, entry.url, entry.annotation):
        if part:
            text = text.replace(part, "", 1)
    return " ".join(text.split())


#: The fields merged one by one, in the order conflicts name them; "rest" is the text no other
#: field accounts for (an edit the parser does not see is still taken, or a conflict).
FIELDS: tuple[Field, ...] = (
    Field("section", ("section",), lambda e: e.section),
    Field("title", ("title", "aliases"), lambda e: normalise_title(e.title or "")),
    Field("link", ("url", "urls", "ids", "kind"), lambda e: main_link(e) or ""),
    Field("annotation", ("annotation",), lambda e: " ".join(e.annotation.split())),
    Field("details", ("authors", "year", "venue", "volume", "pages"), _details),
    Field("rest", (), _rest),
)


@dataclass(frozen=True)
class Resolution:
    """What became of one entry. ``merged`` is the resulting entry (None when removed or in
    conflict); ``taken`` names the fields taken from theirs; ``conflicting`` the fields in conflict."""

    outcome: str
    base: Item | None
    ours: Item | None
    theirs: Item | None
    merged: Entry | None = None
    taken: tuple[str, ...] = ()
    conflicting: tuple[str, ...] = ()
    reason: str = ""

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")


def resolve(base: Item | None, ours: Item | None, theirs: Item | None) -> Resolution:
    """One entry's outcome by the module's rules."""
    if ours is None or theirs is None:
        return _one_sided(base, ours, theirs)
    taken, clash = _fields(base.entry if base else None, ours.entry, theirs.entry)
    if clash:
        how = "changed on both sides" if base else "added on both sides, differently"
        return Resolution("conflict", base, ours, theirs, conflicting=clash, reason=f"{', '.join(clash)} {how}")
    merged = combine(ours.entry, theirs.entry, taken)
    return Resolution("edited" if taken else "kept", base, ours, theirs, merged, taken)


def _one_sided(base: Item | None, ours: Item | None, theirs: Item | None) -> Resolution:
    present = ours or theirs
    if base is None:
        return Resolution("kept" if ours else "added", None, ours, theirs, present.entry)
    edits = changed(base.entry, present.entry) if present else ()
    if not edits:
        return Resolution("removed", base, ours, theirs)
    edited, removed = ("ours", "theirs") if ours else ("theirs", "ours")
    return Resolution("conflict", base, ours, theirs, conflicting=edits,
                      reason=f"{', '.join(edits)} edited in {edited}, removed in {removed}")


def changed(old: Entry, new: Entry) -> tuple[str, ...]:
    """The fields that differ between two entries."""
    return tuple(f.name for f in FIELDS if f.key(old) != f.key(new))


def _fields(base: Entry | None, ours: Entry, theirs: Entry) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields to take from theirs, fields in conflict). Without a base (added on both sides) a
    field only one side gives is taken and ours' section wins."""
    taken, clash = [], []
    for f in FIELDS:
        mine, other = f.key(ours), f.key(theirs)
        if mine == other:
            continue
        if base is not None:
            unchanged_mine, unchanged_other = mine == f.key(base), other == f.key(base)
        else:
            unchanged_mine, unchanged_other = not mine, not other or f.name in OURS_WINS_ADDED
        if unchanged_other:
            continue
        (taken if unchanged_mine else clash).append(f.name)
    return tuple(taken), tuple(clash)


def combine(ours: Entry, theirs: Entry, taken: tuple[str, ...]) -> Entry:
    """Ours with the named fields taken from theirs."""
    return ours.evolve(**{a: getattr(theirs, a) for f in FIELDS if f.name in taken for a in f.attrs})
