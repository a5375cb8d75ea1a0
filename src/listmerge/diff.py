"""Two sides (versions of a list, or two curators' lists) to typed changes.

Entries are paired by identity, not by text: the matcher (``find_works``) runs over both sides
at once, and inside each work an old entry is paired with a new one, preferring an identical
entry, then one in the same place (section), then the best judged. Leftovers are added or
removed. A pair then compares, each aspect as its own change:

- ``moved``: the section changed (unless the section itself was renamed: see below);
- ``renamed``: the normalised title changed (``identify.normalise_title``: case, whitespace,
  punctuation, markup and accents do not count, so "GPT-3" -> "GPT 3" is no rename);
- ``relinked``: the canonical main link changed (``identify.canonical_url``: http -> https,
  www., a trailing slash or tracking parameters do not count);
- ``reannotated``: the curator's note changed (whitespace does not count).

A section renamed is one ``section-renamed`` change, not a move of each of its entries: a
section of the old side that the new side lacks, whose entries mostly went to one section that
only the new side has and that mostly holds them. Reordering is one ``reordered`` change per section: of the pairs that stay in a section, those
outside a longest run kept in order (longest increasing subsequence) have shifted. Only primary
entries are compared; a mention shows up as its parent's note changing.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Sequence

from .identify import canonical_url, normalise_title
from .model import Entry, ReadingList
from .overrides import Overrides
from .works import Matching, _rank, find_works

CHANGE_TYPES = ("added", "removed", "section-renamed", "moved", "renamed", "relinked", "reannotated", "reordered")
VERSIONS, COMPARE = "versions", "compare"


@dataclass(frozen=True)
class Side:
    """One side of a diff: the input as named, and the lists read from it."""

    path: str
    lists: tuple[ReadingList, ...]

    @property
    def title(self) -> str | None:
        titles = list(dict.fromkeys(rl.title for rl in self.lists if rl.title))
        return "; ".join(titles) if titles else None


@dataclass(frozen=True)
class Item:
    """An entry with the file it came from."""

    path: str
    entry: Entry

    @property
    def where(self) -> str:
        return f"{self.path}:{self.entry.line}"


@dataclass(frozen=True)
class Change:
    """One difference. ``old``/``new`` are None for an added/removed entry, and for a section:
    a reordered one carries its ``section``, how many entries ``shifted`` and of how many
    (``total``) that stayed in it; a renamed one its old ``section``, its new name ``to`` and how
    many entries went along (``total``)."""

    type: str
    old: Item | None
    new: Item | None
    section: tuple[str, ...] = ()
    shifted: int = 0
    total: int = 0
    elsewhere: tuple[Item, ...] = ()
    to: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in CHANGE_TYPES:
            raise ValueError(f"unknown change type {self.type!r}")


@dataclass(frozen=True)
class WorkPlaces:
    """One work and the entries each side gives it (either may be empty, not both)."""

    old: tuple[Item, ...]
    new: tuple[Item, ...]


@dataclass(frozen=True)
class Diff:
    old: Side
    new: Side
    mode: str
    changes: tuple[Change, ...]
    unchanged: int
    works: tuple[WorkPlaces, ...] = field(repr=False, default=())

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.type == kind)

    @property
    def summary(self) -> dict[str, int]:
        works = {f"{kind}_works": sum(1 for c in self.changes if c.type == kind and not c.elsewhere)
                 for kind in ("added", "removed")}
        return {kind: self.count(kind) for kind in CHANGE_TYPES} | works | {"unchanged": self.unchanged}

    @property
    def only_old(self) -> list[WorkPlaces]:
        return [w for w in self.works if not w.new]

    @property
    def only_new(self) -> list[WorkPlaces]:
        return [w for w in self.works if not w.old]

    @property
    def shared(self) -> list[WorkPlaces]:
        return [w for w in self.works if w.old and w.new]

    @property
    def overlap(self) -> dict[str, float]:
        shared, union = len(self.shared), len(self.works)
        return {"only_old": len(self.only_old), "only_new": len(self.only_new), "shared": shared,
                "jaccard": round(shared / union, 4) if union else 1.0}

    @property
    def differs(self) -> bool:
        if self.mode == COMPARE:
            return bool(self.only_old or self.only_new)
        return bool(self.changes)


def diff_sides(old: Side, new: Side, overrides: Overrides | None = None,
               compare: bool | None = None) -> Diff:
    """The changes from ``old`` to ``new``. ``compare`` forces (True) or refuses (False) the
    framing as two curators' lists; None decides by the lists' titles or names."""
    mode = COMPARE if (compare if compare is not None else different_curators(old, new)) else VERSIONS
    matching = find_works([*old.lists, *new.lists], overrides, versions=mode == VERSIONS)
    split = len(old.lists)
    place = _places(old, new)
    works, pairs = [], []
    for members in matching.clusters:
        primaries = [i for i in members if matching.records[i].entry.role == "primary"]
        a = [i for i in primaries if matching.records[i].source < split]
        b = [i for i in primaries if matching.records[i].source >= split]
        if a or b:
            works.append((a, b))
            pairs.extend(pair_entries(matching, a, b, place))
    item = lambda i: Item(matching.lists[matching.records[i].source].path, matching.records[i].entry)
    paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
    renamed = renamed_sections(matching, works, pairs, place)
    changes: list[Change] = [Change("section-renamed", None, None, old_section, total=went, to=new_section)
                             for _, old_section, new_section, went in renamed.values()]
    unchanged = 0
    for i, j in sorted(pairs, key=lambda p: _order(matching, p[1])):
        kinds = _differences(_entry(matching, i), _entry(matching, j))
        if place(matching, i) in renamed and renamed[place(matching, i)][0] == place(matching, j):
            kinds = [k for k in kinds if k != "moved"]
        found = [Change(kind, item(i), item(j)) for kind in kinds]
        changes.extend(found)
        unchanged += not found
    for a, b in works:
        in_old, in_new = tuple(map(item, a)), tuple(map(item, b))
        changes.extend(Change("removed", item(i), None, elsewhere=in_new) for i in a if i not in paired_old)
        changes.extend(Change("added", None, item(j), elsewhere=in_old) for j in b if j not in paired_new)
    changes.extend(_reordered(matching, pairs, place, renamed))
    places = tuple(WorkPlaces(tuple(map(item, sorted(a, key=lambda i: _order(matching, i)))),
                              tuple(map(item, sorted(b, key=lambda j: _order(matching, j)))))
                   for a, b in works)
    return Diff(old, new, mode, tuple(sorted(changes, key=_change_order)), unchanged,
                tuple(sorted(places, key=_work_order)))


def different_curators(old: Side, new: Side) -> bool:
    """Two curators' lists rather than two versions of one: their titles differ (or, where a
    list has no title, their names, with a git revision's 'REV:' left out)."""
    if all(rl.title for rl in (*old.lists, *new.lists)):
        return _titles(old) != _titles(new)
    return _names(old) != _names(new)


def _titles(side: Side) -> frozenset[str]:
    return frozenset(normalise_title(rl.title or "") for rl in side.lists)


def _names(side: Side) -> frozenset[str]:
    return frozenset(PurePath(rl.path.rpartition(":")[2] or rl.path).stem for rl in side.lists)


# --- pairing ---------------------------------------------------------------------------------

def _places(old: Side, new: Side):
    """Where an entry sits: its section, and its file's name when both sides hold several lists."""
    with_name = len(old.lists) > 1 and len(new.lists) > 1

    def place(matching: Matching, i: int) -> tuple[str, ...]:
        record = matching.records[i]
        name = (_names(Side("", (matching.lists[record.source],))),) if with_name else ()
        return (*map(str, name), *record.entry.section)
    return place


def pair_entries(matching: Matching, a: list[int], b: list[int], place) -> list[tuple[int, int]]:
    """One-to-one pairs inside a work: identical entries first, then same place, then the best
    judged; each step in line order."""
    steps = [
        lambda i, j: (0, 0) if place(matching, i) == place(matching, j) and not _differences(
            _entry(matching, i), _entry(matching, j)) else None,
        lambda i, j: (0, 0) if place(matching, i) == place(matching, j) else None,
        lambda i, j: tuple(-x for x in _rank(matching.compare(i, j))),
    ]
    pairs: list[tuple[int, int]] = []
    left, right = sorted(a, key=lambda i: _order(matching, i)), sorted(b, key=lambda j: _order(matching, j))
    for step in steps:
        scored = sorted((s, x, y, i, j) for x, i in enumerate(left) for y, j in enumerate(right)
                        if (s := step(i, j)) is not None)
        used_i, used_j = set(), set()
        for _, _, _, i, j in scored:
            if i not in used_i and j not in used_j:
                used_i.add(i), used_j.add(j)
                pairs.append((i, j))
        left = [i for i in left if i not in used_i]
        right = [j for j in right if j not in used_j]
    return pairs


def renamed_sections(matching: Matching, works, pairs, place) -> dict[tuple, tuple]:
    """The sections renamed (see ``renames``): old place -> (new place, old section, new
    section, entries that went along). A list without sections that gains one is no rename."""
    flows: Counter = Counter()
    sections = {}  # a place's section, as its entries name it
    for i, j in pairs:
        if _entry(matching, i).section and _entry(matching, j).section:
            key = (place(matching, i), place(matching, j))
            flows[key] += 1
            sections.setdefault(key, (_entry(matching, i).section, _entry(matching, j).section))
    found = renames({place(matching, i) for a, _ in works for i in a},
                    {place(matching, j) for _, b in works for j in b}, flows)
    return {old: (new, *sections[(old, new)], flows[(old, new)]) for old, new in found.items()}


def renames(old_sections, new_sections, flows: Counter) -> dict:
    """old section -> new section for each section renamed: the new side has no section of the
    old name and the old side none of the new name; most of the old section's entries that both
    sides keep (``flows``: how many paired entries went from one section to another) went to the
    new one, and they are most of the new one's entries that both sides keep. Entries added or
    removed on the way do not count."""
    out_of, into = Counter(), Counter()
    for (old, new), went in flows.items():
        out_of[old] += went
        into[new] += went
    return {old: new for (old, new), went in sorted(flows.items())
            if old != new and old not in new_sections and new not in old_sections
            and 2 * went > out_of[old] and 2 * went > into[new]}


def _entry(matching: Matching, i: int) -> Entry:
    return matching.records[i].entry


def _order(matching: Matching, i: int) -> tuple[int, int]:
    return (matching.records[i].source, matching.records[i].entry.line)


def _differences(old: Entry, new: Entry) -> list[str]:
    found = []
    if old.section != new.section:
        found.append("moved")
    if normalise_title(old.title or "") != normalise_title(new.title or ""):
        found.append("renamed")
    if main_link(old) != main_link(new):
        found.append("relinked")
    if " ".join(old.annotation.split()) != " ".join(new.annotation.split()):
        found.append("reannotated")
    return found


def main_link(entry: Entry) -> str | None:
    url = entry.url or next(iter(entry.urls), None)
    return canonical_url(url) if url else None


# --- reordering ------------------------------------------------------------------------------

def _reordered(matching: Matching, pairs: Sequence[tuple[int, int]], place, renamed: dict) -> list[Change]:
    """One change per section (by its new name) whose staying entries changed order."""
    staying: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for i, j in pairs:
        old, new = place(matching, i), place(matching, j)
        if old == new or (old in renamed and renamed[old][0] == new):
            staying[old].append((i, j))
    changes = []
    for key, members in staying.items():
        members.sort(key=lambda p: _order(matching, p[0]))
        kept = longest_increasing([_order(matching, j) for _, j in members])
        if kept < len(members):
            section = _entry(matching, members[0][1]).section
            changes.append(Change("reordered", None, None, section, len(members) - kept, len(members)))
    return changes


def longest_increasing(values: Sequence) -> int:
    """The length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list = []
    for value in values:
        at = bisect_left(tails, value)
        tails[at:at + 1] = [value]
    return len(tails)


def _change_order(change: Change) -> tuple:
    item = change.new or change.old
    return (CHANGE_TYPES.index(change.type), item.path if item else "", item.entry.line if item else 0,
            change.section)


def _work_order(work: WorkPlaces) -> tuple:
    first = (work.old or work.new)[0]
    return (not work.old, first.path, first.entry.line)
