"""A plain table for people: title, year, kind, section and file:line of every primary entry.
Text from the lists is shown on one line, control characters as their pictures."""
from __future__ import annotations

import shutil

from ..escape import one_line
from ..model import Entry, ReadingList
from .width import fit


def _cell(text: str, columns: int) -> str:
    """One line of ``text`` in exactly ``columns`` terminal columns (wide characters count two)."""
    return fit(one_line(text), columns)


def _title(entry: Entry) -> str:
    if entry.title:
        return entry.title
    return "(untitled) " + (entry.annotation or entry.url or "")


def render_lists(lists: list[ReadingList] | tuple[ReadingList, ...]) -> str:
    width = max(100, min(shutil.get_terminal_size((120, 20)).columns, 200))
    title_w = width - 4 - 6 - 8 - 28 - 24
    out: list[str] = []
    for rl in lists:
        primaries = rl.primaries
        mentions = len(rl.entries) - len(primaries)
        heading = one_line(f"{rl.path} ({rl.format}): {rl.title or rl.name}")
        out.append(heading)
        out.append(f"{'TITLE':<{title_w}}  {'YEAR':<4}  {'KIND':<7} {'SECTION':<27} WHERE")
        for e in primaries:
            section = e.section[-1] if e.section else ""
            out.append(
                f"{_cell(_title(e), title_w)}  {e.year or '':<4}  {e.kind:<7} "
                f"{_cell(section, 27)} {one_line(rl.path)}:{e.line}"
            )
        out.append(f"{len(primaries)} entries, {len(rl.sections)} sections"
                   + (f", {mentions} mentions (see -o json)" if mentions else "") + "\n")
    return "\n".join(out)
