"""Systematic edits: many entries changed the same way ("280 entries gained a year tag"), told
in one line. Each renamed or re-annotated change is reduced to what was inserted, deleted or
replaced in its text, with digits standing for any digit ("(2019)" and "(2021)" are one edit);
changes that share that shape, at least ``SYSTEMATIC_MIN`` of them, are one systematic edit.
Every change is still in the diff: only readable reports fold them into the one line."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from .pairing import plain

#: How many changes of one shape make a systematic edit.
SYSTEMATIC_MIN = 5
TOKEN = re.compile(r"\w+|[^\w\s]")
#: change type -> the entry field its text is read from
FIELDS = {"renamed": "title", "reannotated": "annotation"}


@dataclass(frozen=True)
class Systematic:
    """One edit many entries share: its change type, a description, and the changes."""

    type: str
    description: str
    changes: tuple


def shape(old: str, new: str) -> tuple:
    """What changed from ``old`` to ``new``, digits made alike: (("+", "( 9999 )"),)."""
    a, b = TOKEN.findall(plain(old)), TOKEN.findall(plain(new))
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((tag, _abstract(a[i1:i2]), _abstract(b[j1:j2])))
    return tuple(out)


def _abstract(tokens: list[str]) -> str:
    return re.sub(r"\d", "9", " ".join(tokens))


def systematic(changes) -> tuple[Systematic, ...]:
    """The systematic edits among ``changes`` (renamed and re-annotated ones)."""
    groups: dict[tuple, list] = defaultdict(list)
    for change in changes:
        field = FIELDS.get(change.type)
        if field and change.old and change.new:
            old, new = getattr(change.old.entry, field) or "", getattr(change.new.entry, field) or ""
            found = shape(old, new)
            if found:
                groups[(change.type, found)].append(change)
    out = []
    for (kind, found), members in groups.items():
        if len(members) >= SYSTEMATIC_MIN:
            out.append(Systematic(kind, _describe(kind, found, members[0]), tuple(members)))
    return tuple(sorted(out, key=lambda s: (-len(s.changes), s.type, s.description)))


def _describe(kind: str, found: tuple, example) -> str:
    field = FIELDS[kind]
    old, new = getattr(example.old.entry, field) or "", getattr(example.new.entry, field) or ""
    a, b = TOKEN.findall(plain(old)), TOKEN.findall(plain(new))
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        gone, came = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if tag == "insert":
            parts.append(f"gained '{came}'")
        elif tag == "delete":
            parts.append(f"lost '{gone}'")
        elif tag == "replace":
            parts.append(f"'{gone}' became '{came}'")
    name = "title" if field == "title" else "note"
    alike = " (and the like)" if any(re.search(r"\d", p) for p in parts) else ""
    return f"{name} {', '.join(parts)}{alike}"
