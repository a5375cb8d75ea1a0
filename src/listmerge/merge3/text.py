"""The merged text: git's line merge, with entry-level decisions where entries need them.

1. Versions that agree need no merge: equal sides, or a side left as base, give the other side
   byte for byte (``merge3 X X X`` writes X).
2. The three texts are merged line by line as ``git merge-file`` merges them (``lines``); every
   line keeps its ending, so a BOM, CRLF and a missing final newline stay as the sides wrote them.
3. Where that conflicts, the region is merged entry by entry (``regions``); where that cannot
   decide, git's conflict stays, with markers.
4. Every entry written is written as its thread merges (``content``): an entry one side moved and
   the other edited is written where it went, with the edit; an entry both sides added, or moved,
   to different places is written once: in the section one side moved it to, when only one
   changed its section (the other reordered it), else where ours has it.
5. An ordered list that gained items from both sides is numbered again where both sides numbered
   it in sequence.

The text is not re-read: which entries it holds follows from how it was built, so every work of
ours and theirs is in it unless one side removed it and the other left it, or it is in a conflict.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from ..overrides import Overrides
from .content import Conflict, Copy, marked_like, merged
from .entries import changed
from .gitfile import git_merge_file
from .lines import Chunk, _opcodes, diff3, split_lines, trimmed
from .regions import Follow, Line, Placed, Region, conflict_regions, units
from .threads import SIDES, Threads
from .versions import Version

DEFAULT_MARKER_SIZE = 7
#: How conflicts of the line merge are decided, tried in turn until a JSON or YAML file stays
#: valid: entry by entry; insertions of both sides at one place as whole blocks of lines (a
#: JSON array's separators come with them), the rest entry by entry; as git leaves them.
MODES = ("entries", "blocks", "git")
ORDERED = re.compile(r"^(\s*)(\d{1,9})([.)])(\s)")


@dataclass(frozen=True)
class Merged:
    """The merged text and the conflicts written into it (their reasons, in order)."""

    text: str
    conflicts: tuple[str, ...]


def settled(base: str, ours: str, theirs: str) -> str | None:
    """The merge of versions that agree (equal sides, or a side left as base), else None."""
    if ours == theirs or base == theirs:
        return ours
    return theirs if base == ours else None


def merge_versions(base: Version, ours: Version, theirs: Version, overrides: Overrides | None = None,
                   marker_size: int = DEFAULT_MARKER_SIZE, labels: tuple[str, str] = ("ours", "theirs"),
                   git: bool = True) -> Merged:
    """The three versions merged (see the module's steps). With ``git`` (and git installed),
    where ``git merge-file`` merges the lines cleanly and the line merge here would write
    something else (its diff aligned a moved or repeated line otherwise), git's text is taken."""
    agreed = settled(base.text, ours.text, theirs.text)
    if agreed is not None:
        return Merged(agreed, ())
    versions = {"base": base, "ours": ours, "theirs": theirs}
    chunks = diff3(base.lines, ours.lines, theirs.lines)
    git_text = git_merge_file(base.text, ours.text, theirs.text) if git else None
    if git_text is not None and _line_text(chunks, versions) != git_text:
        return Merged(added_once(git_text, versions), ())
    writer = Writer(versions, chunks, overrides)
    for mode in MODES:
        text, reasons = writer.render(writer.pieces(mode), marker_size, labels)
        if reasons or mode == "git" or _still_valid(text, ours):
            return Merged(text, reasons)
    raise AssertionError("the last mode is git's, which is always taken")


def added_once(text: str, versions: dict[str, Version]) -> str:
    """git's clean text with an entry both sides added written once, where ours has it: git keeps
    both copies when the sides added it at different places. Only one-line entries are counted
    (a line that is a whole entry of ours or theirs), and only copies beyond what either side
    has: a line that is no entry, or that a side has twice, is left as git wrote it."""
    lines = split_lines(text)
    counts = {side: Counter(versions[side].lines) for side in SIDES}
    written = Counter(lines)
    surplus = {line: written[line] - max(counts["ours"][line], counts["theirs"][line])
               for side in ("ours", "theirs") for line in _one_line_entries(versions[side])
               if written[line] > max(counts["ours"][line], counts["theirs"][line]) and not counts["base"][line]}
    if not surplus:
        return text
    from_ours = {j for tag, _, _, j1, j2 in _opcodes(versions["ours"].lines, lines) if tag == "equal"
                 for j in range(j1, j2)}
    kept = []
    for n, line in enumerate(lines):
        if surplus.get(line, 0) > 0 and n not in from_ours:
            surplus[line] -= 1
            continue
        kept.append(line)
    return "".join(kept)


def _one_line_entries(version: Version) -> set[str]:
    return {version.lines[n] for n, block in version.block_at.items() if block.start == n and block.end == n + 1}


def _line_text(chunks: list[Chunk], versions: dict[str, Version]) -> str | None:
    """The line merge's text, or None where it conflicts."""
    out = []
    for c in chunks:
        if c.kind == "conflict":
            return None
        side = {"same": "ours", "both": "ours"}.get(c.kind, c.kind)
        out += versions[side].lines[c.side(side).start:c.side(side).stop]
    return "".join(out)


class Writer:
    def __init__(self, versions: dict[str, Version], chunks: list[Chunk], overrides: Overrides | None):
        self.versions = versions
        self.parts = units(chunks)
        self.threads = Threads(versions, chunks, overrides)
        self.regions = conflict_regions(self.parts, versions)
        self._contents: dict[int, object] = {}
        ours = versions["ours"].lines
        self.eol = "\r\n" if sum(line.endswith("\r\n") for line in ours) * 2 > len(ours) else "\n"

    def pieces(self, mode: str) -> list:
        """Lines, Placed entries and Conflicts, in order."""
        out: list = []
        stream: list[tuple[str, int]] = []   # (side, line) written as the side has it
        starts = dict(self.regions)
        k = 0
        while k < len(self.parts):
            part = self.parts[k]
            if k in starts:
                out += self._placed(stream)
                stream = []
                last = starts[k]
                out += self._region(self.parts[k:last + 1], mode)
                k = last + 1
                continue
            side = {"same": "ours", "both": "ours"}.get(part.kind, part.kind)
            stream += [(side, n) for n in part.side(side)]
            k += 1
        return out + self._placed(stream)

    def _region(self, parts: list[Chunk], mode: str) -> list:
        if mode == "blocks" and all(p.kind != "conflict" or self._insertions(p) for p in parts):
            return self._as_git(parts, union=True)
        found = Region(parts, self.versions, self.threads).merge() if mode != "git" else None
        return found if found is not None else self._as_git(parts)

    def _insertions(self, part: Chunk) -> bool:
        """Both sides only inserted lines here, and not both text: whole blocks can go one after
        the other."""
        if len(part.base):
            return False
        prose = [any(_prose_line(self.versions[s], n) for n in part.side(s)) for s in ("ours", "theirs")]
        return not all(prose)

    def _placed(self, stream: list[tuple[str, int]]) -> list:
        """A run of lines taken as they are: whole entries among them become Placed."""
        out: list = []
        k = 0
        while k < len(stream):
            side, n = stream[k]
            version = self.versions[side]
            block = version.block_at.get(n)
            size = block.end - block.start if block is not None else 0
            if block is not None and block.start == n and stream[k:k + size] == [(side, m) for m in range(n, block.end)]:
                out.append(Placed(self.threads.thread(side, block.entries[0]), side, n, block.end))
                k += size
            else:
                out.append(Line(version.lines[n]))
                k += 1
        return out

    def _as_git(self, parts: list[Chunk], union: bool = False) -> list:
        """The parts as git writes them (``union``: both sides' insertions, ours' first)."""
        out: list = []
        ours, theirs = self.versions["ours"], self.versions["theirs"]
        for part in parts:
            if part.kind != "conflict":
                side = {"same": "ours", "both": "ours"}.get(part.kind, part.kind)
                out += [Line(self.versions[side].lines[n]) for n in part.side(side)]
                continue
            mine, other = ours.lines[part.ours.start:part.ours.stop], theirs.lines[part.theirs.start:part.theirs.stop]
            if union:
                out += [Line(x, True) for x in _ended(tuple(mine), self.eol) + other]
                continue
            head, tail = trimmed(mine, other)
            out += [Line(x) for x in mine[:head]]
            at = part.ours.start + head
            out.append(Conflict(tuple(mine[head:len(mine) - tail]), tuple(other[head:len(other) - tail]),
                                f"{ours.where(min(at, max(len(ours.lines) - 1, 0)))}: both sides changed these lines"))
            out += [Line(x) for x in mine[len(mine) - tail:]]
        return out

    def content(self, thread: int):
        if thread not in self._contents:
            self._contents[thread] = self._merged(thread)
        return self._contents[thread]

    def _merged(self, thread: int):
        copies = {}
        for side in SIDES:
            entry = self.threads.entry(thread, side)
            if entry is not None:
                version = self.versions[side]
                block = version.block_at[entry.line - 1]
                copies[side] = Copy(version.path, entry, tuple(version.lines[block.start:block.end]))
        return merged(copies.get("base"), copies.get("ours"), copies.get("theirs"))

    def render(self, pieces: list, marker_size: int, labels: tuple[str, str]) -> tuple[str, tuple[str, ...]]:
        pieces = self._followed(pieces)
        keep = self._once(pieces)
        lines: list = []
        for k, piece in enumerate(pieces):
            if isinstance(piece, Placed):
                if k not in keep or self._removed(piece.thread):
                    continue
                written = tuple(self.versions[piece.side].lines[piece.start:piece.end])
                content = self.content(piece.thread)
                if isinstance(content, Conflict):
                    lines.append(content)
                else:
                    lines += [Line(x, piece.merged) for x in (written if content == written else marked_like(content, written))]
            else:
                lines.append(piece)
        lines = renumbered(lines)
        out, reasons = [], []
        for piece in lines:
            if isinstance(piece, Conflict):
                if out and not out[-1].endswith(("\n", "\r")):
                    out[-1] += self.eol
                out += [f"{'<' * marker_size} {labels[0]}{self.eol}", *_ended(piece.ours, self.eol),
                        f"{'=' * marker_size}{self.eol}", *_ended(piece.theirs, self.eol),
                        f"{'>' * marker_size} {labels[1]}{self.eol}"]
                reasons.append(piece.reason)
            else:
                out.append(piece.text)
        return "".join(out), tuple(reasons)

    def _removed(self, thread: int) -> bool:
        """One side removed the entry and the other left it as it was: it goes, wherever the
        line merge put the copy that was left (a diff that reads a removal and a move as an
        edit of a neighbour can hand it over in lines it calls clean)."""
        before = self.threads.entry(thread, "base")
        present = [s for s in ("ours", "theirs") if self.threads.entry(thread, s) is not None]
        return before is not None and len(present) == 1 and not changed(before, self.threads.entry(thread, present[0]))

    def _followed(self, pieces: list) -> list:
        """Pieces that follow an entry moved elsewhere, put after it where it is written."""
        if not any(isinstance(p, Follow) for p in pieces):
            return pieces
        top = [p for p in pieces if not isinstance(p, Follow)]
        written = {top[k].thread: id(top[k]) for k in self._once(top)}
        after: dict[int, list] = {}
        for piece in pieces:
            if isinstance(piece, Follow) and piece.thread in written:
                after.setdefault(written[piece.thread], []).extend(piece.pieces)
        out: list = []
        for piece in pieces:
            if isinstance(piece, Follow):
                out += [] if piece.thread in written else list(piece.pieces)
                continue
            out.append(piece)
            out += after.pop(id(piece), [])
        return out

    def _once(self, pieces: list) -> set[int]:
        """The Placed pieces to write: one per thread. Where there are several (both sides moved
        the entry), the copy of the side that moved it to another section, when only one did
        (the other only reordered), else ours'."""
        chosen: dict[int, int] = {}
        for k, piece in enumerate(pieces):
            if isinstance(piece, Placed):
                best = chosen.get(piece.thread)
                if best is None or (pieces[best].side != piece.side and piece.side == self._mover(piece.thread)):
                    chosen[piece.thread] = k
        return set(chosen.values())

    def _mover(self, thread: int) -> str:
        """The side whose place wins for an entry both sides have somewhere else: the one that
        changed its section, when only one did; else ours."""
        base = self.threads.entry(thread, "base")
        if base is not None:
            moved = [s for s in ("ours", "theirs")
                     if (e := self.threads.entry(thread, s)) is not None and e.section != base.section]
            if len(moved) == 1:
                return moved[0]
        return "ours"


def _prose_line(version: Version, n: int) -> bool:
    """A line of text: not blank, not an entry's, not a heading."""
    return bool(version.lines[n].strip()) and n not in version.block_at and n not in version.headings


def _ended(lines: tuple[str, ...], eol: str) -> list[str]:
    return [x if x.endswith(("\n", "\r")) else x + eol for x in lines]


def renumbered(pieces: list) -> list:
    """Runs of ordered-list items written in sequence on each side but no longer in sequence
    (both sides added items at the end of one list) numbered again from the run's first number."""
    out = list(pieces)
    k = 0
    while k < len(out):
        run = []
        while k < len(out) and isinstance(out[k], Line) and ORDERED.match(out[k].text):
            run.append(k)
            k += 1
        k += not run
        if len(run) < 2 or not any(out[i].merged for i in run):
            continue
        found = [ORDERED.match(out[i].text) for i in run]
        numbers = [int(m.group(2)) for m in found]
        if len({m.group(1) for m in found}) != 1 or numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            continue
        if not _mostly_in_sequence(numbers):
            continue
        for n, (i, m) in enumerate(zip(run, found)):
            out[i] = Line(f"{m.group(1)}{numbers[0] + n}{m.group(3)}{out[i].text[m.end(3):]}", True)
    return out


def _mostly_in_sequence(numbers: list[int]) -> bool:
    """Items numbered in sequence but for one restart (two lists' additions one after the other)."""
    restarts = sum(1 for a, b in zip(numbers, numbers[1:]) if b != a + 1)
    return restarts == 1 and all(b == a + 1 for a, b in zip(numbers, numbers[1:]) if b > a)


def _still_valid(text: str, ours: Version) -> bool:
    """A JSON or YAML file that ours wrote validly is still valid once merged."""
    if ours.text.lstrip().startswith(("{", "[")):
        try:
            json.loads(ours.text)
        except ValueError:
            return True
        try:
            json.loads(text)
        except ValueError:
            return False
    elif ours.path.lower().endswith((".yaml", ".yml")):
        import yaml
        try:
            yaml.safe_load(ours.text)
        except yaml.YAMLError:
            return True
        try:
            yaml.safe_load(text)
        except yaml.YAMLError:
            return False
    return True
