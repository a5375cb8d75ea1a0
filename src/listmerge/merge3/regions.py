"""Where the line merge conflicts, merge3 decides at the level of entries.

A conflict of the line merge is widened until no entry's lines cross its edges, then each
version's lines there are read as tokens: an entry (its lines, as one token named by its
thread), a blank line, a heading, or a line of text. The tokens are merged three ways, with the
entries' own rules:

- an entry is one token whatever either side did to its text (its text is merged by
  ``content``); one side's change next to the other side's change is no conflict when at least
  one of the two touches only entries and blank lines (git, which sees lines, would conflict);
- an entry one side removed and the other left as it was is removed; removed on one side and
  edited on the other it is a conflict, unless the removing side moved it (it has the entry
  elsewhere: it is written there, with the other side's edits); one side put in another
  section (an entry is a work in a section) is kept there;
- what both sides inserted at one place is written once where it is the same (an entry both
  added, a heading both wrote), then ours' insertions, then theirs'; but text (not entries,
  blank lines or the heading and lines of a section that comes with its entries) inserted or
  changed by both sides at one place is merged as git does: a conflict.

A region where this cannot decide is written as the line merge wrote it, conflict markers
included: never worse than git.
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .content import Conflict
from .entries import changed
from .lines import Chunk
from .threads import SIDES, Threads
from .versions import Block, Version

ENTRY, BLANK, HEADING, TEXT = "entry", "blank", "heading", "text"


@dataclass(frozen=True)
class Line:
    """A line written as it is (with its ending); ``merged`` where an entry-level decision wrote it."""

    text: str
    merged: bool = False


@dataclass(frozen=True)
class Placed:
    """An entry written where ``side`` has it (its lines ``start``..``end``), as its thread merges."""

    thread: int
    side: str
    start: int
    end: int
    merged: bool = False


@dataclass(frozen=True)
class Follow:
    """Pieces one side inserted after an entry that the other side moved: they go where it went."""

    thread: int
    pieces: tuple


@dataclass(frozen=True)
class Token:
    kind: str
    key: tuple
    start: int
    end: int


def units(chunks: list[Chunk]) -> list[Chunk]:
    """The chunks with every unchanged run cut into single lines, so a region can grow by one."""
    out = []
    for c in chunks:
        if c.kind == "same" and len(c.base) > 1:
            out += [Chunk("same", range(c.base.start + k, c.base.start + k + 1), range(c.ours.start + k, c.ours.start + k + 1),
                          range(c.theirs.start + k, c.theirs.start + k + 1)) for k in range(len(c.base))]
        else:
            out.append(c)
    return out


def conflict_regions(parts: list[Chunk], versions: dict[str, Version]) -> list[tuple[int, int]]:
    """Intervals [first, last] of ``parts`` around each conflict, widened until no entry's lines
    cross their edges in any version; intervals that meet are one."""
    found: list[list[int]] = []
    for c, part in enumerate(parts):
        if part.kind != "conflict" or (found and found[-1][1] >= c):
            continue
        i = j = c
        while True:
            grow_i = any(_crosses(versions[s], parts[i].side(s).start) for s in SIDES) and i > 0
            grow_j = any(_crosses(versions[s], parts[j].side(s).stop) for s in SIDES) and j < len(parts) - 1
            if not grow_i and not grow_j:
                break
            i, j = i - grow_i, j + grow_j
        while found and i <= found[-1][1]:
            i = min(i, found.pop()[0])
        found.append([i, j])
    return [(i, j) for i, j in found]


def _crosses(version: Version, at: int) -> bool:
    """Whether an entry covers both the line before ``at`` and line ``at``."""
    block = version.block_at.get(at - 1)
    return block is not None and block.end > at


def tokens(version: Version, lines: range, threads: Threads, side: str) -> list[Token]:
    out = []
    n = lines.start
    while n < lines.stop:
        block: Block | None = version.block_at.get(n)
        if block is not None and block.start == n and block.end <= lines.stop:
            out.append(Token(ENTRY, (ENTRY, threads.thread(side, block.entries[0])), n, block.end))
            n = block.end
            continue
        text = version.lines[n]
        kind = BLANK if not text.strip() else HEADING if n in version.headings else TEXT
        out.append(Token(kind, ("line", text), n, n + 1))
        n += 1
    return out


class Region:
    """One widened conflict, merged token by token (see the module's rules)."""

    def __init__(self, parts: list[Chunk], versions: dict[str, Version], threads: Threads):
        self.versions, self.threads = versions, threads
        first, last = parts[0], parts[-1]
        self.ranges = {s: range(first.side(s).start, last.side(s).stop) for s in SIDES}
        self.tokens = {s: tokens(versions[s], self.ranges[s], threads, s) for s in SIDES}

    def merge(self) -> list | None:
        """Lines, Placed entries and Conflicts; None when this cannot decide."""
        base = self.tokens["base"]
        edits = {s: _edits([t.key for t in base], [t.key for t in self.tokens[s]]) for s in ("ours", "theirs")}
        for h in edits["ours"]:
            for k in edits["theirs"]:
                same = h[1:3] == k[1:3] and self._keys("ours", h) == self._keys("theirs", k)
                if h[1] <= k[2] and k[1] <= h[2] and not same and self._prose(h, "ours") and self._prose(k, "theirs"):
                    return None
        removed = {s: {i for _, i1, i2, _, _ in edits[s] for i in range(i1, i2)} for s in edits}
        inserted = {s: {i1: self.tokens[s][j1:j2] for _, i1, _, j1, j2 in edits[s] if j2 > j1} for s in edits}
        kept = {s: _kept([t.key for t in base], [t.key for t in self.tokens[s]]) for s in edits}
        out: list = []
        for g in range(len(base) + 1):
            mine, other = (self._unless_removed(inserted[s].get(g, []), s) for s in ("ours", "theirs"))
            moved = {s: self._moved_anchor(g, s, removed) for s in ("ours", "theirs")}
            if moved["ours"] is not None and mine:
                out.append(Follow(moved["ours"], tuple(self._both_inserted(mine, []))))
                mine = []
            if moved["theirs"] is not None and other:
                out.append(Follow(moved["theirs"], tuple(self._both_inserted([], other))))
                other = []
            out += self._both_inserted(mine, other)
            if g == len(base):
                break
            gone = [s for s in ("ours", "theirs") if g in removed[s]]
            if not gone:
                out.append(self._write(self.tokens["ours"][kept["ours"][g]], "ours"))
            elif len(gone) == 1:
                out += self._removed_on_one_side(g, gone[0], kept)
        return out

    def _prose(self, edit: tuple, side: str) -> bool:
        """Whether one side's edit removes or inserts text (not entries or blank lines; a
        heading or text inserted with entries after it is a new section, not prose)."""
        _, i1, i2, j1, j2 = edit
        if any(t.kind in (HEADING, TEXT) for t in self.tokens["base"][i1:i2]):
            return True
        return _prose_run(self.tokens[side][j1:j2])

    def _write(self, token: Token, side: str):
        if token.kind == ENTRY:
            return Placed(token.key[1], side, token.start, token.end, True)
        return Line(self.versions[side].lines[token.start], True)

    def _unless_removed(self, run: list[Token], side: str) -> list[Token]:
        """An insertion without the entries it moves here that the other side removed and this
        side left as they were: removed on one side, untouched on the other, they go. An entry
        this side moved to another section was not left as it was: it stays."""
        other = "theirs" if side == "ours" else "ours"
        out = []
        for token in run:
            if token.kind == ENTRY:
                thread = token.key[1]
                before, mine = self.threads.entry(thread, "base"), self.threads.entry(thread, side)
                if before is not None and self.threads.entry(thread, other) is None and not changed(before, mine):
                    continue  # (one it put in another section is an entry of that section: kept)
            out.append(token)
        return out

    def _moved_anchor(self, g: int, side: str, removed) -> int | None:
        """The thread of the entry before gap ``g``, when ``side`` kept it and the other side
        moved it away (removed it here, has it elsewhere)."""
        other = "theirs" if side == "ours" else "ours"
        if g == 0 or g - 1 in removed[side] or g - 1 not in removed[other]:
            return None
        token = self.tokens["base"][g - 1]
        if token.kind != ENTRY or self.threads.entry(token.key[1], other) is None:
            return None
        return token.key[1]

    def _keys(self, side: str, edit: tuple) -> list:
        return [t.key for t in self.tokens[side][edit[3]:edit[4]]]

    def _removed_on_one_side(self, g: int, remover: str, kept) -> list:
        """A base token one side removed and the other kept (maybe edited)."""
        keeper = "theirs" if remover == "ours" else "ours"
        token = self.tokens["base"][g]
        if token.kind != ENTRY:
            return []
        thread = token.key[1]
        if self.threads.entry(thread, remover) is not None:
            return []   # moved by the remover: written where it went, with the keeper's edits
        mine = self.tokens[keeper][kept[keeper][g]]
        lines = self.versions[keeper].lines[mine.start:mine.end]
        entry, before = self.threads.entry(thread, keeper), self.threads.entry(thread, "base")
        edits = [f for f in changed(before, entry) if f != "section"]
        if lines == self.versions["base"].lines[token.start:token.end] or not edits:
            return []   # left as it was (but for its list marker or spacing): removed
        reason = f"{self.versions[keeper].path}:{entry.line}: {', '.join(edits)} edited in {keeper}, removed in {remover}"
        return [Conflict(tuple(lines), (), reason) if keeper == "ours" else Conflict((), tuple(lines), reason)]

    def _both_inserted(self, mine: list[Token], other: list[Token]) -> list:
        """What both sides inserted at one place: the same once, then ours', then theirs'."""
        if not other:
            return [self._write(t, "ours") for t in mine]
        if not mine:
            return [self._write(t, "theirs") for t in other]
        out: list = []
        matcher = SequenceMatcher(None, [t.key for t in mine], [t.key for t in other], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            a, b = mine[i1:i2], other[j1:j2]
            if tag != "equal" and _prose_run(a) and _prose_run(b):
                o, t = self.versions["ours"], self.versions["theirs"]
                out.append(Conflict(tuple(o.lines[a[0].start:a[-1].end]), tuple(t.lines[b[0].start:b[-1].end]),
                                    f"{o.where(a[0].start)}: both sides added different text here"))
                continue
            out += [self._write(x, "ours") for x in a] + ([self._write(x, "theirs") for x in b] if tag != "equal" else [])
        return out


def _prose_run(run: list[Token]) -> bool:
    """Text or headings in an inserted run, unless they come with entries after them."""
    last_entry = max((k for k, t in enumerate(run) if t.kind == ENTRY), default=-1)
    first_prose = next((k for k, t in enumerate(run) if t.kind in (HEADING, TEXT)), None)
    if first_prose is None:
        return False
    heading = next((k for k, t in enumerate(run) if t.kind == HEADING), None)
    return not (heading is not None and heading <= first_prose and last_entry > heading)


def _edits(a: list, b: list) -> list[tuple]:
    return [op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]


def _kept(a: list, b: list) -> dict[int, int]:
    found = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            found.update(zip(range(i1, i2), range(j1, j2)))
    return found
