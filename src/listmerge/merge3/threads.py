"""Which entries of base, ours and theirs are one entry: threads.

Identity first: an entry whose lines a side left as they were (the line merge says which lines
each side kept) is paired with that side's copy by position, and the matcher never sees it.
Only what identity leaves (entries a side added, edited or moved) goes to the matcher
(``works.find_works`` over those entries alone), and inside each work entries are paired as
``diff`` pairs them (``diff.pair_entries``): base with ours, base with theirs, then what ours
and theirs added with each other, where the two are one entry (the same text or the same
section: one work added to two tables stays two entries).
"""
from __future__ import annotations

from ..diff import pair_entries
from ..model import Entry
from ..pairing import plain
from ..overrides import Overrides
from ..works import find_works
from .lines import Chunk
from .versions import Version

SIDES = ("base", "ours", "theirs")
#: For each pair of versions, the chunk kinds where the two have the same lines.
KEPT = {("base", "ours"): ("same", "theirs"), ("base", "theirs"): ("same", "ours"), ("ours", "theirs"): ("same", "both")}


class Threads:
    """``of[(side, index)]`` is the thread of ``versions[side].entries[index]``; ``members[t]``
    maps each side that has thread ``t`` to its entry index."""

    def __init__(self, versions: dict[str, Version], chunks: list[Chunk], overrides: Overrides | None = None):
        self.versions = versions
        self.of: dict[tuple[str, int], int] = {}
        self.members: list[dict[str, int]] = []
        self.index = {side: {id(e): k for k, e in enumerate(v.entries)} for side, v in versions.items()}
        for pair in KEPT:
            self._by_position(pair, chunks)
        self._by_matching(overrides)
        for side, version in versions.items():
            for k in range(len(version.entries)):
                if (side, k) not in self.of:
                    self._new({side: k})

    def thread(self, side: str, entry: Entry) -> int:
        return self.of[(side, self.index[side][id(entry)])]

    def entry(self, thread: int, side: str) -> Entry | None:
        k = self.members[thread].get(side)
        return None if k is None else self.versions[side].entries[k]

    def _new(self, sides: dict[str, int]) -> int:
        self.members.append(dict(sides))
        for side, k in sides.items():
            self.of[(side, k)] = len(self.members) - 1
        return len(self.members) - 1

    def _pair(self, a: tuple[str, int], b: tuple[str, int]) -> None:
        """Join two entries' threads, unless that would give a thread two entries of one side."""
        ta, tb = self.of.get(a), self.of.get(b)
        if ta is None and tb is None:
            self._new({a[0]: a[1], b[0]: b[1]})
        elif ta is None or tb is None:
            t, (side, k) = (tb, a) if ta is None else (ta, b)
            if side not in self.members[t]:
                self.members[t][side] = k
                self.of[(side, k)] = t
        elif ta != tb and not set(self.members[ta]) & set(self.members[tb]):
            for side, k in self.members[tb].items():
                self.members[ta][side] = k
                self.of[(side, k)] = ta
            self.members[tb] = {}

    def _by_position(self, pair: tuple[str, str], chunks: list[Chunk]) -> None:
        """Entries on lines that the line merge says both versions kept, paired in order."""
        x, y = pair
        mapping: dict[int, int] = {}
        for chunk in chunks:
            if chunk.kind in KEPT[pair]:
                a, b = chunk.side(x), chunk.side(y)
                mapping.update(zip(a, b))
        vx, vy = self.versions[x], self.versions[y]
        for block in vx.blocks:
            start = mapping.get(block.start)
            other = vy.block_at.get(start) if start is not None else None
            if other is None or other.start != start or len(other.entries) != len(block.entries) \
                    or any(mapping.get(n) != start + (n - block.start) for n in range(block.start, block.end)) \
                    or other.end - other.start != block.end - block.start:
                continue
            for e, f in zip(block.entries, other.entries):
                self._pair((x, self.index[x][id(e)]), (y, self.index[y][id(f)]))

    def _by_matching(self, overrides: Overrides | None) -> None:
        """The entries identity left without a partner, paired through the matcher."""
        def lacking(side: str, partners: tuple[str, ...]) -> list[int]:
            return [k for k in range(len(self.versions[side].entries))
                    if any(p not in self._members_of((side, k)) for p in partners)]
        left = {"base": lacking("base", ("ours", "theirs")), "ours": lacking("ours", ("base",)),
                "theirs": lacking("theirs", ("base",))}
        if not any(left.values()) or not (left["ours"] or left["theirs"]):
            return
        subsets, owner = [], []
        for side in SIDES:
            for rl in self.versions[side].lists:
                mine = {id(e) for e in rl.entries}
                keep = [k for k in left[side] if id(self.versions[side].entries[k]) in mine]
                subsets.append(rl.evolve(entries=tuple(self.versions[side].entries[k] for k in keep)))
                owner.append((side, keep))
        matching = find_works(subsets, overrides, versions=True)
        node = {}
        i = 0
        for (side, keep), rl in zip(owner, subsets):
            for k in keep:
                node[i] = (side, k)
                i += 1
        place = lambda m, i: m.records[i].entry.section
        for members in matching.clusters:
            by_side = {s: [i for i in members if node[i][0] == s] for s in SIDES}
            for x, y in (("base", "ours"), ("base", "theirs"), ("ours", "theirs")):
                a = [i for i in by_side[x] if y not in self._members_of(node[i])]
                b = [j for j in by_side[y] if x not in self._members_of(node[j])
                     and (x != "ours" or "base" not in self._members_of(node[j]))]
                if x == "ours":
                    a = [i for i in a if "base" not in self._members_of(node[i])]
                for i, j in pair_entries(matching, a, b, place):
                    if x != "ours" or _same_entry(matching.records[i].entry, matching.records[j].entry):
                        self._pair(node[i], node[j])

    def _members_of(self, node: tuple[str, int]) -> dict[str, int]:
        t = self.of.get(node)
        return self.members[t] if t is not None else {}


def _same_entry(a: Entry, b: Entry) -> bool:
    """Two additions are one entry (written once) when they have the same text or the same
    section; the same work added to two sections (a paper in two tables) is two entries."""
    return plain(a.raw) == plain(b.raw) or a.section == b.section
