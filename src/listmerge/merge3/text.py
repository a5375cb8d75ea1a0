"""A three-way merge (``merge3.Merge3``) written as OURS's text, edited.

OURS's lines are kept verbatim outside the entries that changed: a removed entry's lines
(``line``..``end_line``) are dropped, an edited entry is rewritten (theirs' lines when the result
equals theirs, else ours' lines with theirs' title or link put in), and an entry theirs added is
inserted after the nearest entry before it (in theirs, same section) that stays in ours, else at
the start of its section; a section only theirs has comes with its heading, before the next
section both have. A heading theirs renamed (and ours did not) is written with theirs' name, and
a section theirs reordered (and ours did not) has its entries' lines in theirs' order, and
theirs' edits to the prose between entries are merged where ours left it alone (``Prose``). A conflict is written in git's style around the entry, ours' lines then
theirs' lines, so the file still reads as a list:

    <<<<<<< ours
    - [Title](https://ours.example) ours' note
    =======
    - [Title](https://theirs.example) theirs' note
    >>>>>>> theirs

Edits that cannot be combined in the text (a change of authors and one of the note, say) become
a conflict rather than a guess. This works for every format whose entries carry their lines
(markdown, plain text, BibTeX, CSV, hand-written YAML); a file whose entries' lines cannot be
found in it (a JSON dump, CSL-JSON) is written anew by ``merge3.data``.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..diff import Item
from .entries import FIELDS, LIST_MARKER, Headings, Merge3, Resolution
from .outside import Lines, Prose, PROSE_FORMATS, emptied_headings, outside_changes, renamed_headings

DEFAULT_MARKER_SIZE = 7


@dataclass(frozen=True)
class Conflict:
    """Two versions of one place in the output: ours' lines and theirs' lines (either empty)."""

    ours: tuple[str, ...]
    theirs: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Merged:
    """The merged text and the conflicts written into it (their reasons, in order)."""

    text: str
    conflicts: tuple[str, ...]


def render_chunks(chunks: list, marker_size: int = DEFAULT_MARKER_SIZE,
                  labels: tuple[str, str] = ("ours", "theirs"), final_newline: bool = True) -> Merged:
    out, reasons = [], []
    for chunk in chunks:
        if isinstance(chunk, Conflict):
            out += [f"{'<' * marker_size} {labels[0]}", *chunk.ours, "=" * marker_size,
                    *chunk.theirs, f"{'>' * marker_size} {labels[1]}"]
            reasons.append(chunk.reason)
        else:
            out.append(chunk)
    return Merged("\n".join(out) + ("\n" if out and final_newline else ""), tuple(reasons))


def keeps_layout(result: Merge3, mine: Lines, other: Lines) -> bool:
    """True when every entry of ours and theirs is found at its lines, so texts can be edited."""
    return all(lines.holds(Item(rl.path, e)) for side, lines in ((result.ours, mine), (result.theirs, other))
               for rl in side.lists for e in rl.primaries)


def line_chunks(result: Merge3, mine: Lines, other: Lines, prose: "Prose | None" = None) -> list:
    """Ours' lines with every resolution applied (and theirs' prose edits, given ``prose``):
    lines (str) and Conflicts."""
    spans: dict[int, tuple[int, list]] = {}
    inserts: dict[int, list[tuple[tuple, list]]] = defaultdict(list)
    placer = Placer(result, mine)
    for unit in _units(result.resolutions):
        if len(unit) > 1:
            _shared_lines(unit, mine, other, spans)
            continue
        res = unit[0]
        lines = _lines(res, mine, other)
        if res.ours is not None and (res.outcome != "edited" or "section" not in res.taken):
            if res.outcome != "kept":
                spans[res.ours.entry.line] = (res.ours.entry.end_line, lines)
            continue
        if res.ours is not None:
            spans[res.ours.entry.line] = (res.ours.entry.end_line, [])
        if lines:
            placer.insert(res.theirs, lines, inserts, other)
    for line, heading in renamed_headings(result, mine, other).items():
        spans[line] = (line, [heading])
    for line in emptied_headings(result, placer.ours_name):
        spans.setdefault(line, (line, []))
    spans |= _reordered(result, mine, spans)
    if prose is not None:
        prose.apply(spans, inserts)
    _swallow_blank_lines(spans, mine)
    return _emit(mine, spans, inserts)


def _reordered(result: Merge3, mine: Lines, spans) -> dict[int, tuple[int, list]]:
    """Theirs' order where merge3 takes it (``Merge3.slots``): each moved entry's lines, as
    merged, written in the place of the entry whose slot it takes."""
    def written(entry) -> list:
        return spans[entry.line][1] if entry.line in spans else mine.lines[entry.line - 1:entry.end_line]
    return {place.line: (place.end_line, written(moved)) for moved, place in result.slots.items()}


def _units(resolutions) -> list[list[Resolution]]:
    """Resolutions grouped where ours' entries share lines (several works on one line)."""
    units: list[list[Resolution]] = []
    last = 0
    for res in resolutions:
        if res.ours is not None and units and units[-1][0].ours is not None and res.ours.entry.line <= last:
            units[-1].append(res)
        else:
            units.append([res])
        if res.ours is not None:
            last = max(last, res.ours.entry.end_line) if len(units[-1]) > 1 else res.ours.entry.end_line
    return units


def _shared_lines(unit: list[Resolution], mine: Lines, other: Lines, spans) -> None:
    """Several entries on ours' lines: untouched if all are kept, else one conflict."""
    if all(r.outcome == "kept" for r in unit):
        return
    first, last = unit[0].ours.entry.line, max(r.ours.entry.end_line for r in unit)
    theirs = tuple(dict.fromkeys(line for r in unit for line in other.span(r.theirs)))
    spans[first] = (last, [Conflict(tuple(mine.lines[first - 1:last]), theirs,
                                    f"{unit[0].where}: several entries share these lines")])


def _lines(res: Resolution, mine: Lines, other: Lines) -> list:
    """What one resolution writes: lines and Conflicts."""
    if res.outcome == "removed":
        return []
    if res.outcome == "conflict":
        return [Conflict(mine.span(res.ours), other.span(res.theirs), f"{res.where}: {res.reason}")]
    if res.outcome == "added":
        return list(other.span(res.theirs))
    if res.outcome == "kept":
        return list(mine.span(res.ours))
    return edited_lines(res, mine, other)


def edited_lines(res: Resolution, mine: Lines, other: Lines) -> list:
    """Ours' entry with theirs' fields: theirs' lines (with ours' list marker) when the result
    equals theirs, else one side's lines with the other side's title or link put in, else a
    conflict."""
    ours, theirs = res.ours.entry, res.theirs.entry
    text_fields = [f for f in FIELDS if f.name != "section"]
    if all(f.name in res.taken or f.key(ours) == f.key(theirs) for f in text_fields):
        return _marked_like(other.span(res.theirs), mine.span(res.ours))
    kept = tuple(f.name for f in text_fields if f.name not in res.taken and f.key(ours) != f.key(theirs))
    attempts = ((mine.span(res.ours), ours, theirs, res.taken),
                (_marked_like(other.span(res.theirs), mine.span(res.ours)), theirs, ours, kept))
    for lines, template, source, fields in attempts:
        found = substitute(list(lines), template, source, fields)
        if found is not None:
            return found
    reason = f"{res.where}: {' and '.join((*kept, *res.taken))} edited on different sides, cannot combine them in the text"
    return [Conflict(mine.span(res.ours), other.span(res.theirs), reason)]


def substitute(lines: list[str], template, source, fields) -> list[str] | None:
    """``lines`` (the template entry's) with ``source``'s value of each field put in, or None
    when a field's text cannot be found."""
    text = "\n".join(lines)
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
    return text.split("\n")


def _marked_like(lines: tuple[str, ...], like: tuple[str, ...]) -> list[str]:
    """``lines`` with the list marker (and indent) of ``like``'s first line."""
    lines = list(lines)
    theirs = LIST_MARKER.match(lines[0]) if lines else None
    ours = LIST_MARKER.match(like[0]) if like else None
    if theirs and ours:
        lines[0] = ours.group(0) + lines[0][theirs.end():]
    return lines


class Placer:
    """Where an entry placed by theirs goes in ours' text: after the nearest entry before it in
    theirs' section that stays in ours, else at the start of that section in ours, else (a section
    ours lacks) with theirs' heading, before the next section both have."""

    def __init__(self, result: Merge3, mine: Lines):
        self.result, self.mine = result, mine
        self.staying = {r.theirs.entry: r.ours.entry for r in result.resolutions
                        if r.ours and r.theirs and r.outcome in ("kept", "edited", "conflict")
                        and "section" not in r.taken}
        self.theirs_order = [e for rl in result.theirs.lists for e in sorted(rl.primaries, key=lambda e: e.line)]
        self.theirs_index = {e: i for i, e in enumerate(self.theirs_order)}
        self.ours_primaries = [e for rl in result.ours.lists for e in sorted(rl.primaries, key=lambda e: e.line)]
        self.ours_sections = {s.path: s for rl in result.ours.lists for s in rl.sections}
        self.theirs_sections = [s for rl in result.theirs.lists for s in rl.sections]
        theirs, ours = result.renamed.get("theirs", Headings()), result.renamed.get("ours", Headings())
        self.ours_name = lambda section: ours.side(theirs.base(section))  # a theirs' section in ours

    def insert(self, theirs: Item, lines: list, inserts, other: Lines) -> None:
        entry = theirs.entry
        anchor = self.anchor(entry)
        if anchor is not None:
            at = self.result.slots.get(anchor, anchor).end_line + 1
            apart = entry.line > 1 and not other[entry.line - 1].strip() and not self.mine[at].strip()
            inserts[at].append(((0, entry.line), [""] * apart + lines))  # set off by a blank line, as in theirs
        elif self.ours_name(entry.section) in self.ours_sections or not entry.section:
            at, pad = self.section_start(self.ours_name(entry.section))
            inserts[at].append(((0, entry.line), lines + ([""] if pad else [])))
        else:
            self.new_section(entry, lines, inserts, other)

    def anchor(self, entry):
        """Ours' entry that ``entry`` (theirs') goes after: the nearest one before it in theirs'
        section that stays where it is in ours, or None."""
        for prev in reversed(self.theirs_order[:self.theirs_index[entry]]):
            mine = self.staying.get(prev)
            if prev.section == entry.section and mine is not None and mine.section == self.ours_name(entry.section):
                return mine
        return None

    def first_in(self, section: tuple[str, ...]):
        return next((e for e in self.ours_primaries if e.section == section), None)

    def section_start(self, section: tuple[str, ...]) -> tuple[int, bool]:
        """(the line to insert before, whether a blank line must follow)."""
        first = self.first_in(section)
        if first is not None:
            return first.line, False
        heading = self.ours_sections.get(section)
        if heading is None or not heading.line:
            return self._next_heading(section), False
        at = heading.line + 1 + (self.mine[heading.line + 1].strip() == "")
        return at, bool(self.mine[at].strip())

    def _next_heading(self, section: tuple[str, ...]) -> int:
        """The line of the first section after ``section`` (in theirs) that ours has, else the end."""
        paths = [s.path for s in self.theirs_sections]
        later = paths[paths.index(section) + 1:] if section in paths else []
        named = [self.ours_sections.get(self.ours_name(p)) for p in later]
        lines = [s.line for s in named if s is not None and s.line]
        firsts = [s.line for s in self.ours_sections.values() if s.line] if not section else []
        return (lines or sorted(firsts) or [len(self.mine) + 1])[0]

    def new_section(self, entry, lines: list, inserts, other: Lines) -> None:
        """Entries of a section only theirs has go under theirs' heading, written once, after
        the headings of its parent sections that ours lacks."""
        for parent in self.theirs_sections:
            if parent.line and len(parent.path) < len(entry.section) and entry.section[:len(parent.path)] == \
                    parent.path and self.ours_name(parent.path) not in self.ours_sections:
                at = self._next_heading(parent.path)
                if not any(k == (1, parent.line) for k, _ in inserts[at]):
                    inserts[at].append(((1, parent.line), [*([""] if self.mine[at - 1].strip() else []), other[parent.line]]))
        at = self._next_heading(entry.section)
        heading = next((s for s in self.theirs_sections if s.path == entry.section), None)
        key = (1, heading.line if heading else 0)
        block = next((chunks for k, chunks in inserts[at] if k == key), None)
        if block is None:
            head = [other[heading.line], ""] if heading and heading.line else []
            lead = [""] if head and self.mine[at - 1].strip() else []
            block = [*lead, *head, None, *([""] if at <= len(self.mine) else [])]  # None: where entries go
            inserts[at].append((key, block))
        at_end = block.index(None)
        block[at_end:at_end] = lines


def _swallow_blank_lines(spans: dict[int, tuple[int, list]], mine: Lines) -> None:
    """A removed run of lines (entries, a heading) set off by blank lines takes one of them along."""
    for first in sorted(spans):  # removed spans that touch are one run
        if first in spans and not spans[first][1]:
            while spans[first][0] + 1 in spans and not spans[spans[first][0] + 1][1]:
                spans[first] = spans.pop(spans[first][0] + 1)[0], []
    for first, (last, chunks) in list(spans.items()):
        if not chunks and not mine[first - 1].strip() and first > 1 and last < len(mine) \
                and not mine[last + 1].strip() and last + 1 not in spans:
            spans[first] = (last + 1, chunks)


def _emit(mine: Lines, spans, inserts) -> list:
    out: list = []
    n = 1
    while n <= len(mine) + 1:
        out.extend(_inserted(inserts.pop(n, [])))
        if n > len(mine):
            break
        if n in spans:
            last, chunks = spans[n]
            out.extend(chunks)
            for k in range(n + 1, last + 1):
                out.extend(_inserted(inserts.pop(k, [])))
            n = last + 1
        else:
            out.append(mine[n])
            n += 1
    return out


def _inserted(found: list[tuple[tuple, list]]) -> list:
    return [chunk for _, chunks in sorted(found, key=lambda pair: pair[0]) for chunk in chunks if chunk is not None]


def merge_text(result: Merge3, ours_text: str, theirs_text: str, marker_size: int = DEFAULT_MARKER_SIZE,
               labels: tuple[str, str] = ("ours", "theirs"), base_text: str | None = None,
               fmt: str | None = None) -> Merged:
    """The merged list as text in ours' format: ours' text edited where its entries' lines can be
    found, else written anew (``merge3.data``). With ``base_text``, theirs' changes to the text
    outside entries (which are not merged) are reported as a conflict."""
    from .data import DATA_WRITERS, data_chunks

    mine, other = Lines(ours_text), Lines(theirs_text)
    fmt = fmt or (result.ours.lists[0].format if result.ours.lists else "")  # the parser the versions were read with
    if fmt in DATA_WRITERS and not keeps_layout(result, mine, other):
        merged = render_chunks(data_chunks(result, ours_text, fmt), marker_size, labels)
        reasons = tuple(f"{r.where}: {r.reason}" for r in result.conflicts) if merged.conflicts else ()
        return Merged(merged.text, reasons)
    headings = renamed_headings(result, mine, other)
    prose = Prose(result, Lines(base_text), mine, other, headings) if base_text is not None and fmt in PROSE_FORMATS \
        else None
    merged = render_chunks(line_chunks(result, mine, other, prose), marker_size, labels,
                           mine.final_newline or not ours_text)
    outside = outside_changes(result, Lines(base_text), mine, other, headings, prose) if base_text is not None else ()
    return Merged(merged.text, merged.conflicts + outside)


