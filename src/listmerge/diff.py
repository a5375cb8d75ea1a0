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
entries are paired; a mention shows up as its parent's note changing, and a work linked inside an
entry's text that the other version links nowhere is a ``mention-added`` or ``mention-removed``.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Sequence

from .edits import Systematic, systematic
from .identify import canonical_url, normalise_title
from .model import Entry, ReadingList
from .overrides import Overrides
from .pairing import (KEYED_FORMATS, Ref, by_identity, by_key, by_link_only, by_moved_text, by_same_link, file_name,
                      plain, primaries)
from .works import Matching, _rank, find_works

CHANGE_TYPES = ("added", "removed", "section-renamed", "moved", "renamed", "relinked", "reannotated", "reordered",
                "mention-added", "mention-removed")
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
    def systematic(self) -> tuple["Systematic", ...]:
        """Edits many entries share, each told in one line by readable reports."""
        return systematic(self.changes)

    def filtered(self, ignore: Sequence[str] = (), section: str | None = None) -> "Diff":
        """This diff without the change types in ``ignore`` and, given ``section``, only the
        changes (and works) in a section of that name (a heading at any level, or a path
        "A > B")."""
        keep = [c for c in self.changes if c.type not in ignore and (section is None or _in(c, section))]
        works = self.works if section is None else tuple(
            w for w in self.works if any(in_section(i.entry.section, section) for i in (*w.old, *w.new)))
        return replace(self, changes=tuple(keep), works=works)

    @property
    def differs(self) -> bool:
        if self.mode == COMPARE:
            return bool(self.only_old or self.only_new)
        return bool(self.changes)


#: Versions of one list share most entries word for word; two curators' lists share few. The
#: share of the smaller side's entries that pair (identity and keys first, then the matcher)
#: above which two sides are versions.
VERSIONS_SHARE = 0.5


def in_section(path: tuple[str, ...], name: str) -> bool:
    wanted = " ".join(name.split()).casefold()
    return any(part.casefold() == wanted for part in path) or " > ".join(path).casefold() == wanted


def _in(change: Change, name: str) -> bool:
    sections = [change.section, change.to, *(i.entry.section for i in (change.old, change.new) if i)]
    return any(in_section(s, name) for s in sections if s)


def diff_sides(old: Side, new: Side, overrides: Overrides | None = None,
               compare: bool | None = None) -> Diff:
    """The changes from ``old`` to ``new``. ``compare`` forces (True) or refuses (False) the
    framing as two curators' lists; None decides by how many entries pair."""
    a, b = primaries(old.lists), primaries(new.lists)
    place = _places(old, new)
    settled = by_identity(a, b, place)
    settled += by_moved_text(_unpaired(a, settled, 0), _unpaired(b, settled, 1))
    settled += by_key(*(_keyed(side, _unpaired(refs, settled, k)) for k, (side, refs) in enumerate(((old, a), (new, b)))))
    apart = frozenset(ref.casefold() for rule in (overrides.rules if overrides else ()) if rule.kind == "distinct"
                      for ref in (rule.left, rule.right))
    settled += by_same_link(_unpaired(a, settled, 0), _unpaired(b, settled, 1), apart)
    if compare is None and len(settled) < VERSIONS_SHARE * min(len(a), len(b)):
        works, pairs = _matched(old, new, a, b, [], overrides, place, versions=False)
        compare = len({id(x) for x, _ in pairs}) < VERSIONS_SHARE * min(len(a), len(b))
    if compare:
        works, pairs = _matched(old, new, a, b, [], overrides, place, versions=False)
    else:
        works, pairs = _matched(old, new, a, b, settled, overrides, place, versions=True)
    mode = COMPARE if compare else VERSIONS
    item = lambda side, ref: Item(side.lists[ref.source].path, ref.entry)
    paired_old, paired_new = {id(x) for x, _ in pairs}, {id(y) for _, y in pairs}
    renamed = renamed_sections(works, pairs, place)
    changes: list[Change] = [Change("section-renamed", None, None, old_section, total=went, to=new_section)
                             for _, old_section, new_section, went in renamed.values()]
    unchanged = 0
    for x, y in sorted(pairs, key=lambda p: p[1].order):
        kinds = _differences(x.entry, y.entry)
        if place(x, "old") in renamed and renamed[place(x, "old")][0] == place(y, "new"):
            kinds = [k for k in kinds if k != "moved"]
        found = [Change(kind, item(old, x), item(new, y)) for kind in kinds]
        changes.extend(found)
        unchanged += not found
    for xs, ys in works:
        in_old, in_new = tuple(item(old, x) for x in xs), tuple(item(new, y) for y in ys)
        changes.extend(Change("removed", item(old, x), None, elsewhere=in_new) for x in xs if id(x) not in paired_old)
        changes.extend(Change("added", None, item(new, y), elsewhere=in_old) for y in ys if id(y) not in paired_new)
    changes.extend(_reordered(pairs, place, renamed))
    if not compare:
        changes.extend(_mentions(old, new))
    places = tuple(WorkPlaces(tuple(item(old, x) for x in sorted(xs, key=lambda r: r.order)),
                              tuple(item(new, y) for y in sorted(ys, key=lambda r: r.order))) for xs, ys in works)
    return Diff(old, new, mode, tuple(sorted(changes, key=_change_order)), unchanged,
                tuple(sorted(places, key=_work_order)))


def _mentions(old: Side, new: Side) -> list[Change]:
    """Works linked inside an entry's text that the list links nowhere in one version and does
    in the other: "mention-added" (a new pick's text links a paper) and "mention-removed". A
    link that moved between a mention and an entry of its own is no change of these."""
    def links(side: Side) -> tuple[set[str], list[Item]]:
        every, mentions = set(), []
        for rl in side.lists:
            for e in rl.entries:
                every.update(canonical_url(u) for u in e.urls)
                if e.role == "mention" and e.parent is not None and e.url:
                    mentions.append(Item(rl.path, e))
        return every, mentions
    (in_old, old_mentions), (in_new, new_mentions) = links(old), links(new)
    out = []
    for items, elsewhere, kind, side in ((new_mentions, in_old, "mention-added", 1),
                                         (old_mentions, in_new, "mention-removed", 0)):
        seen = set()
        for item in items:
            url = canonical_url(item.entry.url)
            if url not in elsewhere and url not in seen:
                seen.add(url)
                out.append(Change(kind, None if side else item, item if side else None))
    return out


def _unpaired(refs: list[Ref], pairs: list[tuple[Ref, Ref]], k: int) -> list[Ref]:
    taken = {id(p[k]) for p in pairs}
    return [r for r in refs if id(r) not in taken]


def _keyed(side: Side, refs: list[Ref]) -> list[Ref]:
    """The entries whose key names them (in formats that have such keys)."""
    return [r for r in refs if side.lists[r.source].format in KEYED_FORMATS]


def _matched(old: Side, new: Side, a: list[Ref], b: list[Ref], settled: list[tuple[Ref, Ref]],
             overrides: Overrides | None, place, versions: bool) -> tuple[list[tuple], list[tuple[Ref, Ref]]]:
    """(works as (old refs, new refs), pairs): what ``settled`` paired, then the matcher over
    the rest, then the pairs where only the link changed."""
    rest_a, rest_b = _unpaired(a, settled, 0), _unpaired(b, settled, 1)
    lists = [*(rl.evolve(entries=tuple(r.entry for r in rest_a if r.source == k)) for k, rl in enumerate(old.lists)),
             *(rl.evolve(entries=tuple(r.entry for r in rest_b if r.source == k)) for k, rl in enumerate(new.lists))]
    refs = [r for k in range(len(old.lists)) for r in rest_a if r.source == k] + \
           [r for k in range(len(new.lists)) for r in rest_b if r.source == k]
    matching = find_works(lists, overrides, versions=versions)
    split = sum(len(rl.entries) for rl in lists[:len(old.lists)])
    at = lambda m, i: place(refs[i], "old" if i < split else "new")
    works: list[tuple[list[Ref], list[Ref]]] = [([x], [y]) for x, y in settled]
    pairs = list(settled)
    for members in matching.clusters:
        xs = [i for i in members if i < split]
        ys = [j for j in members if j >= split]
        works.append(([refs[i] for i in xs], [refs[j] for j in ys]))
        pairs += [(refs[i], refs[j]) for i, j in pair_entries(matching, xs, ys, at)]
    if versions:
        relinked = by_link_only(_unpaired(rest_a, pairs, 0), _unpaired(rest_b, pairs, 1), place)
        pairs += relinked
        works = _joined(works, relinked)
    return works, pairs


def _joined(works: list[tuple], pairs: list[tuple[Ref, Ref]]) -> list[tuple]:
    """Works with the two works of each pair made one."""
    owner = {id(r): k for k, (xs, ys) in enumerate(works) for r in (*xs, *ys)}
    merged = [list(map(list, w)) for w in works]
    alive = set(range(len(works)))
    for x, y in pairs:
        i, j = owner[id(x)], owner[id(y)]
        if i != j and i in alive and j in alive:
            merged[i][0] += merged[j][0]
            merged[i][1] += merged[j][1]
            alive.discard(j)
            for r in (*merged[j][0], *merged[j][1]):
                owner[id(r)] = i
    return [tuple(merged[k]) for k in sorted(alive)]


def different_curators(old: Side, new: Side) -> bool:
    """Whether the two sides are two curators' lists rather than versions of one: few of their
    entries pair (see ``VERSIONS_SHARE``)."""
    return diff_sides(old, new).mode == COMPARE


# --- pairing ---------------------------------------------------------------------------------

def _places(old: Side, new: Side):
    """Where an entry sits: its section, and its file's name when both sides hold several lists."""
    with_name = len(old.lists) > 1 and len(new.lists) > 1
    sides = {"old": old, "new": new}

    def place(ref: Ref, side: str) -> tuple[str, ...]:
        name = (file_name(sides[side].lists[ref.source]),) if with_name else ()
        return (*name, *ref.entry.section)
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


def renamed_sections(works, pairs, place) -> dict[tuple, tuple]:
    """The sections renamed (see ``renames``): old place -> (new place, old section, new
    section, entries that went along). A list without sections that gains one is no rename."""
    flows: Counter = Counter()
    sections = {}  # a place's section, as its entries name it
    for x, y in pairs:
        if x.entry.section and y.entry.section:
            key = (place(x, "old"), place(y, "new"))
            flows[key] += 1
            sections.setdefault(key, (x.entry.section, y.entry.section))
    found = renames({place(x, "old") for xs, _ in works for x in xs}, {place(y, "new") for _, ys in works for y in ys}, flows)
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
    if plain(old.raw) == plain(new.raw) and old.raw:
        return found   # the same text but for whitespace and emoji shortcodes
    if normalise_title(old.title or "") != normalise_title(new.title or ""):
        found.append("renamed")
    if main_link(old) != main_link(new):
        found.append("relinked")
    if plain(old.annotation) != plain(new.annotation):
        found.append("reannotated")
    return found


def main_link(entry: Entry) -> str | None:
    url = entry.url or next(iter(entry.urls), None)
    return canonical_url(url) if url else None


# --- reordering ------------------------------------------------------------------------------

def _reordered(pairs: Sequence[tuple[Ref, Ref]], place, renamed: dict) -> list[Change]:
    """One change per section (by its new name) whose staying entries changed order."""
    staying: dict[tuple[str, ...], list[tuple[Ref, Ref]]] = defaultdict(list)
    for x, y in pairs:
        old, new = place(x, "old"), place(y, "new")
        if old == new or (old in renamed and renamed[old][0] == new):
            staying[old].append((x, y))
    changes = []
    for members in staying.values():
        members.sort(key=lambda p: p[0].order)
        kept = longest_increasing([y.order for _, y in members])
        if kept < len(members):
            section = members[0][1].entry.section
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
