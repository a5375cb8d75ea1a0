"""Three versions of a text merged line by line, as ``git merge-file`` merges them.

Each descendant's changes to BASE are found by a line diff (``difflib``, no junk heuristic,
within a budget that only lines repeated thousands of times exceed); a
change of one side that neither overlaps nor touches a change of the other is taken; changes of
both sides that overlap or touch (git counts an insertion right after a line the other side
edited as touching) are one region, clean when both sides wrote the same lines there and a
conflict otherwise. Lines keep their endings (``\\n``, ``\\r\\n`` or ``\\r``), so a BOM, CRLF
line endings and a missing final newline pass through untouched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

KINDS = ("same", "ours", "theirs", "both", "conflict")
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` with their endings; the last one may have none."""
    return LINE.findall(text)


@dataclass(frozen=True)
class Chunk:
    """A region of the three versions: 0-based half-open line ranges in each. ``kind`` says who
    changed it: nobody ("same"), one side, both alike ("both"), or both differently."""

    kind: str
    base: range
    ours: range
    theirs: range

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chunk kind {self.kind!r}")

    def side(self, name: str) -> range:
        return getattr(self, name)


def hunks(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The changed regions from ``a`` to ``b``: (a_start, a_end, b_start, b_end)."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    found = [[i1 + start, i2 + start, j1 + start, j2 + start]
             for tag, i1, i2, j1, j2 in _opcodes(a[start:len(a) - end], b[start:len(b) - end]) if tag != "equal"]
    for k, hunk in enumerate(found):
        _slide_down(hunk, a, b, found[k + 1] if k + 1 < len(found) else (len(a), len(a), len(b), len(b)))
    return [tuple(h) for h in found]


#: difflib's matcher looks at every place where a line of one version recurs in the other: cheap
#: for lists (the costliest pair of versions in ../shared/wild costs 1.2 million looks, 0.1 s),
#: hopeless for a line repeated thousands of times (a file whose every line was doubled took
#: minutes). Past this many looks the junk heuristic is used, and past it again the middle is
#: one change (the merge then decides entry by entry, or writes a conflict).
MATCH_BUDGET = 20_000_000


class _OverBudget(Exception):
    pass


class _Budgeted(SequenceMatcher):
    """A SequenceMatcher that counts what its longest-match search looks at, and gives up past
    a budget."""

    def __init__(self, a: list[str], b: list[str], autojunk: bool, budget: int) -> None:
        self.left = budget
        super().__init__(None, a, b, autojunk=autojunk)

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        ahi = len(self.a) if ahi is None else ahi
        b2j = self.b2j
        self.left -= ahi - alo + sum(len(b2j.get(line, ())) for line in self.a[alo:ahi])
        if self.left < 0:
            raise _OverBudget
        return super().find_longest_match(alo, ahi, blo, bhi)


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``a`` to ``b`` (no junk heuristic), within MATCH_BUDGET."""
    for autojunk in (False, True):
        try:
            return _Budgeted(a, b, autojunk, MATCH_BUDGET).get_opcodes()
        except _OverBudget:
            continue
    return [("replace", 0, len(a), 0, len(b))] if a or b else []


def _slide_down(hunk: list[int], a: list[str], b: list[str], after) -> None:
    """An insertion (or deletion) of lines that repeat the lines after it could sit lower: git
    puts it as low as it can, and so does this, up to the next change."""
    i1, i2, j1, j2 = hunk
    if i1 == i2:
        while j2 < len(b) and i2 < len(a) and b[j1] == b[j2] and i2 + 1 <= after[0] and j2 + 1 <= after[2]:
            i1, i2, j1, j2 = i1 + 1, i2 + 1, j1 + 1, j2 + 1
    elif j1 == j2:
        while i2 < len(a) and j2 < len(b) and a[i1] == a[i2] and i2 + 1 <= after[0] and j2 + 1 <= after[2]:
            i1, i2, j1, j2 = i1 + 1, i2 + 1, j1 + 1, j2 + 1
    hunk[:] = [i1, i2, j1, j2]


def diff3(base: list[str], ours: list[str], theirs: list[str]) -> list[Chunk]:
    """The three versions as consecutive chunks covering every line of each."""
    changes = sorted([(h, 0) for h in hunks(base, ours)] + [(h, 1) for h in hunks(base, theirs)])
    chunks: list[Chunk] = []
    shift = [0, 0]  # line offset of each side against base, before the next change
    at = 0          # base line up to which chunks are written
    k = 0
    while k < len(changes):
        group = [changes[k]]
        end = changes[k][0][1]
        k += 1
        while k < len(changes) and changes[k][0][0] <= end:   # overlapping or touching
            group.append(changes[k])
            end = max(end, changes[k][0][1])
            k += 1
        start = group[0][0][0]
        if start > at:
            chunks.append(_same(at, start, shift))
        before = list(shift)
        for (a0, a1, b0, b1), side in group:
            shift[side] += (b1 - b0) - (a1 - a0)
        spans = [range(start + before[s], end + shift[s]) for s in (0, 1)]
        sides = {side for _, side in group}
        if len(sides) == 1:
            kind = "ours" if 0 in sides else "theirs"
        else:
            kind = "both" if ours[spans[0].start:spans[0].stop] == theirs[spans[1].start:spans[1].stop] else "conflict"
        chunks.append(Chunk(kind, range(start, end), spans[0], spans[1]))
        at = end
    if at < len(base) or not chunks:
        chunks.append(_same(at, len(base), shift))
    return [c for c in chunks if len(c.base) or len(c.ours) or len(c.theirs)]


def _same(start: int, end: int, shift: list[int]) -> Chunk:
    return Chunk("same", range(start, end), range(start + shift[0], end + shift[0]),
                 range(start + shift[1], end + shift[1]))


def trimmed(ours: list[str], theirs: list[str]) -> tuple[int, int]:
    """How many lines the two sides of a conflict share at its start and at its end (git shows
    them once, outside the markers)."""
    head = 0
    while head < min(len(ours), len(theirs)) and ours[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < min(len(ours), len(theirs)) - head and ours[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    return head, tail
