"""The text of one entry (a thread) once the three versions are merged.

Where only one side changed the entry's lines, that side's lines; where both did, first as git
would (a line merge of the entry's own lines), then field by field (``entries.resolve``: title,
link, note, details and the rest, each taken from the side that changed it), written into one
side's lines; what cannot be combined is a ``Conflict``. The list marker and indent are those of
the place the entry is written, so an entry that moved into a numbered list takes its number.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diff import Item
from ..model import Entry
from .entries import FIELDS, LIST_MARKER, Resolution, resolve
from .lines import diff3


@dataclass(frozen=True)
class Conflict:
    """Two versions of one place: ours' lines and theirs' lines (with their endings)."""

    ours: tuple[str, ...]
    theirs: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Copy:
    """One version's copy of an entry: the entry and its lines as written there."""

    path: str
    entry: Entry
    lines: tuple[str, ...]

    @property
    def item(self) -> Item:
        return Item(self.path, self.entry.evolve(section=()))

    @property
    def where(self) -> str:
        return f"{self.path}:{self.entry.line}"


def merged(base: Copy | None, ours: Copy | None, theirs: Copy | None) -> tuple[str, ...] | Conflict:
    """The entry's merged lines (or a Conflict). A side without a copy contributes nothing:
    whether a removal wins is the caller's decision, made by place."""
    if ours is None or theirs is None:
        present = ours or theirs
        return present.lines if present else ()
    if ours.lines == theirs.lines or (base is not None and theirs.lines == base.lines):
        return ours.lines
    if base is not None and ours.lines == base.lines:
        return theirs.lines
    if base is not None:
        lines = _line_merge(base.lines, ours.lines, theirs.lines)
        if lines is not None:
            return lines
    res = resolve(base.item if base else None, ours.item, theirs.item)
    where = ours.where
    if res.outcome == "conflict":
        return Conflict(ours.lines, theirs.lines, f"{where}: {res.reason}")
    found = edited_lines(res, ours.lines, theirs.lines)
    if isinstance(found, Conflict):
        return Conflict(found.ours, found.theirs, f"{where}: {found.reason}")
    return found


def _line_merge(base, ours, theirs) -> tuple[str, ...] | None:
    """The entry's lines merged as git merges lines, or None where that conflicts."""
    out: list[str] = []
    texts = {"base": base, "ours": ours, "theirs": theirs}
    for chunk in diff3(list(base), list(ours), list(theirs)):
        if chunk.kind == "conflict":
            return None
        side = {"same": "base", "both": "ours"}.get(chunk.kind, chunk.kind)
        out += texts[side][chunk.side(side).start:chunk.side(side).stop]
    return tuple(out)


def edited_lines(res: Resolution, ours: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...] | Conflict:
    """Ours' entry with theirs' fields: theirs' lines (with ours' list marker) when the result
    equals theirs, else one side's lines with the other side's title, link or note put in, else a
    conflict."""
    mine, other = res.ours.entry, res.theirs.entry
    text_fields = [f for f in FIELDS if f.name != "section"]
    if all(f.name in res.taken or f.key(mine) == f.key(other) for f in text_fields):
        return marked_like(theirs, ours)
    kept = tuple(f.name for f in text_fields if f.name not in res.taken and f.key(mine) != f.key(other))
    attempts = ((ours, mine, other, res.taken), (marked_like(theirs, ours), other, mine, kept))
    for lines, template, source, fields in attempts:
        found = substitute(lines, template, source, fields)
        if found is not None:
            return found
    return Conflict(ours, theirs, f"{' and '.join((*kept, *res.taken))} edited on different sides, "
                                  "cannot combine them in the text")


def substitute(lines: tuple[str, ...], template: Entry, source: Entry, fields) -> tuple[str, ...] | None:
    """``lines`` (the template entry's) with ``source``'s value of each field put in, or None
    when a field's text cannot be found."""
    bodies, ends = zip(*(_split_end(line) for line in lines)) if lines else ((), ())
    text = "\n".join(bodies)
    for name in fields:
        if name == "section":
            continue
        old, new = {"title": (template.title, source.title), "link": (template.url, source.url),
                    "annotation": (template.annotation, source.annotation)}.get(name, (None, None))
        if not old or not new or old not in text:
            if name == "annotation" and not old and new and text:
                text = text.replace("\n", f" — {new}\n", 1) if "\n" in text else f"{text} — {new}"
                continue
            return None
        text = text.replace(old, new, 1)
    out = text.split("\n")
    if len(out) != len(bodies):
        return None
    return tuple(body + end for body, end in zip(out, ends))


def marked_like(lines: tuple[str, ...], like: tuple[str, ...]) -> tuple[str, ...]:
    """``lines`` with the list marker (and indent) of ``like``'s first line, and ``like``'s
    line ending."""
    if not lines or not like:
        return tuple(lines)
    out = list(lines)
    theirs, ours = LIST_MARKER.match(out[0]), LIST_MARKER.match(like[0])
    if theirs and ours:
        out[0] = ours.group(0) + out[0][theirs.end():]
    ending = _split_end(like[-1])[1]
    return tuple(_split_end(line)[0] + (ending if _split_end(line)[1] else "") for line in out)


def _split_end(line: str) -> tuple[str, str]:
    body = line.rstrip("\r\n")
    return body, line[len(body):]
