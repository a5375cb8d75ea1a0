"""Three versions of a list to one, at the level of works: a common ancestor BASE and the two
descendants OURS and THEIRS (git's %O, %A and %B).

Entries are paired by identity, as ``diff`` pairs them: the matcher (``find_works``) runs over the
three sides at once, and inside each work base entries are paired with ours and with theirs, then
what is left of ours with what is left of theirs (``diff.pair_entries``). Each such thread is
resolved by the rules below, field by field (``FIELDS``: section, title, link, annotation,
details), each field compared as ``diff`` compares it (case and punctuation in a title, http vs
https in a link, whitespace in a note do not count):

- added on one side: kept; added on both: one entry (a field only one side gives is taken, a
  field both give differently is a conflict, except the section: ours' place wins);
- removed on one side and untouched on the other: removed; removed on both: removed;
- removed on one side and edited on the other: a conflict;
- both present: per field, a change on one side only is taken, the same change on both is taken
  once, different changes to the same field are a conflict.

A section renamed on one side (``diff.renames``: its entries went along to a heading of a new
name) is a rename, not a move of each entry: sections are compared under their base names, and
the renamed heading is written by ``merge3.text``. Order within a section: theirs' where
theirs reordered the entries both sides kept there and ours did not (``Merge3.slots``), else
ours'. No I/O here: the text is written by ``merge3.text``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from ..diff import Item, Side, main_link, pair_entries, renames
from ..identify import normalise_title
from ..model import Entry
from ..overrides import Overrides
from ..works import Matching, find_works

#: Fields where, for a work added on both sides, ours' version simply wins (its place, its wording).
OURS_WINS_ADDED = ("section", "rest")
OUTCOMES = ("kept", "edited", "added", "removed", "conflict")
SIDES = ("base", "ours", "theirs")


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


LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


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

    @property
    def where(self) -> str:
        return next(item.where for item in (self.ours, self.theirs, self.base) if item)


@dataclass(frozen=True)
class Merge3:
    base: Side
    ours: Side
    theirs: Side
    resolutions: tuple[Resolution, ...]
    renamed: dict[str, "Headings"] = field(default_factory=dict)   # "ours"/"theirs" -> renames
    #: ours' entry -> the ours' entry whose place it takes, where theirs reordered a section
    slots: dict[Entry, Entry] = field(default_factory=dict)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.resolutions if r.outcome == outcome)

    @property
    def conflicts(self) -> tuple[Resolution, ...]:
        return tuple(r for r in self.resolutions if r.outcome == "conflict")


def merge3(base: Side, ours: Side, theirs: Side, overrides: Overrides | None = None) -> Merge3:
    """Resolve every entry of the three sides (see the module's rules)."""
    matching = find_works([*base.lists, *ours.lists, *theirs.lists], overrides, versions=True)
    bounds = (len(base.lists), len(base.lists) + len(ours.lists))
    side_of = lambda i: sum(matching.records[i].source >= b for b in bounds)
    item = lambda i: None if i is None else Item(matching.lists[matching.records[i].source].path,
                                                   matching.records[i].entry)
    threads = []
    for members in matching.clusters:
        primaries = [i for i in members if matching.records[i].entry.role == "primary"]
        threads.extend(_threads(matching, *([i for i in primaries if side_of(i) == k] for k in range(3))))
    renamed = _renamed(threads, lambda i: matching.records[i].entry.section, (base, ours, theirs))
    resolutions = sorted((resolve(*map(item, thread), renamed=renamed) for thread in threads), key=_position)
    return Merge3(base, ours, theirs, tuple(resolutions), renamed, reordered(resolutions, renamed))


def reordered(resolutions: list[Resolution], renamed: dict[str, "Headings"]) -> dict[Entry, Entry]:
    """Theirs' order inside each section where theirs reordered the entries that all three sides
    have there (kept or edited, not moved) and ours kept base's order: each such ours' entry ->
    the ours' entry whose place it takes. Ours' reordering wins over theirs'."""
    used = Counter(n for r in resolutions if r.ours and r.ours.entry.line
                   for n in range(r.ours.entry.line, r.ours.entry.end_line + 1))
    alone = lambda e: all(used[n] == 1 for n in range(e.line, e.end_line + 1))  # no other entry on its lines
    staying: dict[tuple, list[Resolution]] = {}
    for res in resolutions:
        if res.base and res.ours and res.theirs and res.outcome in ("kept", "edited") and "section" not in res.taken \
                and alone(res.ours.entry) \
                and all(base_named(getattr(res, side).entry, renamed.get(side)).section == res.base.entry.section
                        for side in ("ours", "theirs")):
            staying.setdefault(res.base.entry.section, []).append(res)
    slots = {}
    for group in staying.values():
        by = lambda side: [r.ours.entry for r in sorted(group, key=lambda r: getattr(r, side).entry.line)]
        in_base, in_ours, in_theirs = by("base"), by("ours"), by("theirs")
        if in_ours == in_base and in_theirs != in_base:
            slots |= {moved: place for moved, place in zip(in_theirs, in_ours) if moved != place}
    return slots


def _renamed(threads: list[tuple], section, sides: tuple[Side, Side, Side]) -> dict[str, "Headings"]:
    """Each descendant's renamed headings (``diff.renames`` over the entries paired with base's).
    Only headings written as lines of the text count: a JSON list's sections are entry fields."""
    present = [{section(t[k]) for t in threads if t[k] is not None} for k in range(3)]
    headed = [{s.path for rl in side.lists for s in rl.sections if s.line} for side in sides]
    found = {}
    for k, name in ((1, "ours"), (2, "theirs")):
        flows = Counter((section(t[0]), section(t[k])) for t in threads if t[0] is not None and t[k] is not None)
        found[name] = Headings.of({old: new for old, new in renames(present[0], present[k], flows).items()
                                   if old in headed[0] and new in headed[k]}, headed[0], headed[k])
    return found


@dataclass(frozen=True)
class Headings:
    """One side's renamed headings: each heading path that side renamed, by its new path (a
    section "A > x" renamed "B > x" is the heading "A" renamed "B")."""

    to_base: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, sections: dict[tuple, tuple], base_headings: set, side_headings: set) -> "Headings":
        """The headings renamed in renamed ``sections``: at each level where the two paths
        differ, a heading the side no longer has whose new name base did not have (a
        subsection moved under another heading renames nothing)."""
        found = {}
        for old, new in sections.items():
            if len(old) == len(new):
                found |= {new[:k + 1]: old[:k + 1] for k in range(len(old)) if old[k] != new[k]
                          and old[:k + 1] not in side_headings and new[:k + 1] not in base_headings}
        return cls(found)

    def base(self, section: tuple[str, ...]) -> tuple[str, ...]:
        """A section of this side under its base name."""
        return _with_prefix_renamed(section, self.to_base)

    def side(self, section: tuple[str, ...]) -> tuple[str, ...]:
        """A section under its base name as this side names it."""
        return _with_prefix_renamed(section, self._from_base)

    @cached_property
    def _from_base(self) -> dict[tuple[str, ...], tuple[str, ...]]:
        return {old: new for new, old in self.to_base.items()}


def _with_prefix_renamed(section: tuple[str, ...], prefixes: dict) -> tuple[str, ...]:
    for k in range(len(section), 0, -1):
        if section[:k] in prefixes:
            return prefixes[section[:k]] + section[k:]
    return section


def _threads(matching: Matching, base: list[int], ours: list[int], theirs: list[int]) -> list[tuple]:
    """(base, ours, theirs) index triples, None where a side has no entry."""
    place = lambda m, i: m.records[i].entry.section
    in_ours = dict(pair_entries(matching, base, ours, place))
    in_theirs = dict(pair_entries(matching, base, theirs, place))
    rest_ours = [i for i in ours if i not in in_ours.values()]
    rest_theirs = [j for j in theirs if j not in in_theirs.values()]
    both = pair_entries(matching, rest_ours, rest_theirs, place)
    paired_ours, paired_theirs = {i for i, _ in both}, {j for _, j in both}
    return ([(b, in_ours.get(b), in_theirs.get(b)) for b in base] + [(None, i, j) for i, j in both]
            + [(None, i, None) for i in rest_ours if i not in paired_ours]
            + [(None, None, j) for j in rest_theirs if j not in paired_theirs])


def resolve(base: Item | None, ours: Item | None, theirs: Item | None,
            renamed: dict[str, Headings] | None = None) -> Resolution:
    """One thread's outcome by the module's rules; sections are compared under their base
    names (``renamed``: each side's renamed headings)."""
    if ours is None or theirs is None:
        return _one_sided(base, ours, theirs, renamed)
    named = renamed or {}
    taken, clash = _fields(base.entry if base else None, base_named(ours.entry, named.get("ours")),
                           base_named(theirs.entry, named.get("theirs")))
    if clash:
        how = "changed on both sides" if base else "added on both sides, differently"
        return Resolution("conflict", base, ours, theirs, conflicting=clash, reason=f"{', '.join(clash)} {how}")
    merged = combine(ours.entry, theirs.entry, taken)
    return Resolution("edited" if taken else "kept", base, ours, theirs, merged, taken)


def base_named(entry: Entry, headings: Headings | None) -> Entry:
    """The entry with its section under its base name."""
    return entry.evolve(section=headings.base(entry.section)) if headings and headings.to_base else entry


def _one_sided(base: Item | None, ours: Item | None, theirs: Item | None,
               renamed: dict[str, Headings] | None = None) -> Resolution:
    present = ours or theirs
    if base is None:
        return Resolution("kept" if ours else "added", None, ours, theirs, present.entry)
    headings = (renamed or {}).get("ours" if ours else "theirs")
    edits = changed(base.entry, base_named(present.entry, headings)) if present else ()
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


def _position(resolution: Resolution) -> tuple:
    return tuple((item.path, item.entry.line) if item else ("\uffff", 0)
                 for item in (resolution.ours, resolution.theirs, resolution.base))
