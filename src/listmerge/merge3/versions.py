"""One version of a list as merge3 sees it: its raw lines (endings, BOM and all), the entries
the parser found in them, and those entries' lines as blocks.

Nothing here depends on how the parser reads a format: an entry counts where its own text is
found on the lines it claims (a dump whose entries keep their source's line numbers has none),
and every line no entry covers is merged as a line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..model import Entry, ReadingList
from .lines import split_lines


@dataclass(frozen=True)
class Block:
    """Lines (0-based, half-open) that entries cover together, and those entries in line order."""

    start: int
    end: int
    entries: tuple[Entry, ...]


@dataclass
class Version:
    """``name`` is base, ours or theirs; ``path`` names the list in messages."""

    name: str
    path: str
    text: str
    lists: tuple[ReadingList, ...] = ()
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = split_lines(self.text)

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        """The entries whose text is on their lines (a work mentioned in prose too: its line is
        then an entry's), in line order, a primary before the mentions on its lines."""
        found = [e for rl in self.lists for e in rl.entries if self.holds(e)]
        return tuple(sorted(found, key=lambda e: (e.line, e.role != "primary", e.end_line)))

    def holds(self, entry: Entry) -> bool:
        if not 0 < entry.line <= entry.end_line <= len(self.lines):
            return False
        text = "".join(self.lines[entry.line - 1:entry.end_line])
        probes = [entry.url, entry.title, entry.key, " ".join(entry.raw.split())[:40]]
        flat = " ".join(text.split())
        return any(p and (p in text or " ".join(p.split()) in flat) for p in probes)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        """Entries whose lines overlap, joined into blocks."""
        blocks: list[list] = []
        for entry in self.entries:
            start, end = entry.line - 1, entry.end_line
            if blocks and start < blocks[-1][1]:
                blocks[-1][1] = max(blocks[-1][1], end)
                blocks[-1][2].append(entry)
            else:
                blocks.append([start, end, [entry]])
        return tuple(Block(s, e, tuple(es)) for s, e, es in blocks)

    @cached_property
    def block_at(self) -> dict[int, Block]:
        """Line index -> the block covering it."""
        return {n: b for b in self.blocks for n in range(b.start, b.end)}

    @cached_property
    def headings(self) -> frozenset[int]:
        """Line indexes of section headings written as lines of the text."""
        return frozenset(s.line - 1 for rl in self.lists for s in rl.sections
                         if 0 < s.line <= len(self.lines) and s.line - 1 not in self.block_at)

    def span(self, entry: Entry) -> list[str]:
        return self.lines[entry.line - 1:entry.end_line]

    def where(self, line: int) -> str:
        return f"{self.path}:{line + 1}"
