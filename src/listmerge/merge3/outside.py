"""merge3's text outside entries: the lines of a version, the headings a side renamed or
emptied, theirs' edits to the prose between entries (merged where ours left it alone), and
theirs' changes outside entries that the merged text still lacks (reported, never dropped).
"""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import Callable

from ..diff import Item
from .entries import Headings, Merge3


class Lines:
    """A text's lines, 1-based, and the span an entry occupies."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.final_newline = text.endswith("\n")
        if self.final_newline or text == "":
            self.lines.pop()

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, n: int) -> str:
        return self.lines[n - 1] if 1 <= n <= len(self.lines) else ""

    def span(self, item: Item | None) -> tuple[str, ...]:
        return () if item is None else tuple(self.lines[item.entry.line - 1:item.entry.end_line])

    def holds(self, item: Item) -> bool:
        """Whether the entry's own text is where its line numbers say."""
        text = "\n".join(self.span(item))
        entry = item.entry
        return 0 < entry.line and any(v and v in text for v in (entry.title, entry.url, entry.key))


def emptied_headings(result: Merge3, ours_name: Callable[[tuple], tuple]) -> list[int]:
    """Lines of ours' headings that theirs deleted (base had them, ours kept them) and that the
    merge leaves with no entry and no heading theirs keeps below them: a section theirs moved
    away or emptied is not left behind as an empty heading."""
    ours = result.renamed.get("ours", Headings())
    theirs = {result.renamed.get("theirs", Headings()).base(p) for p in heading_lines(result.theirs)}
    base = set(heading_lines(result.base))
    staying = [r.ours.entry.section for r in result.resolutions if r.ours and r.outcome != "removed"
               and not (r.outcome == "edited" and "section" in r.taken)]
    staying += [ours_name(r.theirs.entry.section) for r in result.resolutions
                if r.theirs and (r.ours is None or "section" in r.taken) and r.outcome != "removed"]
    gone = {path for path in heading_lines(result.ours) if ours.base(path) == path and path in base
            and path not in theirs}
    under = lambda section, path: section[:len(path)] == path
    return sorted(line for path, line in heading_lines(result.ours).items() if path in gone
                  and not any(under(s, path) for s in staying)
                  and all(p in gone for p in heading_lines(result.ours) if under(p, path)))


def renamed_headings(result: Merge3, mine: Lines, other: Lines) -> dict[int, str]:
    """Ours' heading lines that theirs renamed and ours did not: line -> theirs' heading line."""
    theirs, ours = result.renamed.get("theirs", Headings()), result.renamed.get("ours", Headings())
    mine_at, other_at = heading_lines(result.ours), heading_lines(result.theirs)
    renamed_by_ours = set(ours.to_base.values())
    return {mine_at[ours.side(old)]: other[other_at[new]] for new, old in sorted(theirs.to_base.items())
            if old not in renamed_by_ours and ours.side(old) in mine_at and new in other_at}


def heading_lines(side) -> dict[tuple[str, ...], int]:
    return {s.path: s.line for rl in side.lists for s in rl.sections if s.line}


#: Formats whose lines outside entries are prose, merged line by line. A CSV header, a BibTeX
#: comment or a YAML key is structure: theirs' edits there are reported, not merged.
PROSE_FORMATS = frozenset({"markdown", "plaintext", "citations", "thread", "webpage"})


class Prose:
    """Theirs' edits to the lines outside entries (a paragraph, a note under a heading) that
    ours left as in base, as a three-way merge of those lines would take them: a run of base's
    lines theirs replaced or deleted, found unchanged and in one piece in ours, is replaced or
    deleted there; lines theirs inserted after a line ours kept are inserted after it. Headings
    (sections have their own rules), blank lines and anything not found in one piece are left
    to ``outside_changes``, which reports them."""

    def __init__(self, result: Merge3, base: Lines, mine: Lines, other: Lines, headings: dict[int, str]):
        self.base = base
        b, o, t = (_outside_lines(lines, side) for lines, side in
                   ((base, result.base), (mine, result.ours), (other, result.theirs)))
        base_headings, theirs_headings = (set(heading_lines(side).values()) for side in (result.base, result.theirs))
        in_ours = _matched(b, o)
        in_base = _matched(t, b)
        after_entry = {r.theirs.entry.end_line: r.ours.entry for r in result.resolutions
                       if r.ours and r.theirs and r.outcome in ("kept", "edited") and "section" not in r.taken}
        self.edits: list[tuple[str, int, int, list[str], int]] = []   # (how, first, last, lines, theirs line)
        matcher = SequenceMatcher(None, [x for _, x in b], [x for _, x in t], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            olds, news = b[i1:i2], t[j1:j2]
            if tag == "equal" or any(n in base_headings for n, _ in olds) or any(n in theirs_headings for n, _ in news) or \
                    not any(x.strip() for _, x in (*olds, *news)) or not _in_one_piece(news):
                continue
            if tag == "insert":
                at = self._insert_at(news[0][0] - 1, in_base, in_ours, after_entry, result.slots)
                if at is not None:
                    self.edits.append(("insert", at, 0, [x for _, x in news], news[0][0]))
                continue
            mapped = [in_ours.get(n) for n, _ in olds]
            if _in_one_piece(olds) and None not in mapped and mapped == list(range(mapped[0], mapped[0] + len(mapped))) \
                    and not set(mapped) & set(headings):
                self.edits.append(("replace", mapped[0], mapped[-1], [x for _, x in news], 0))
        self.applied = {x.strip() for *_, lines, _ in self.edits for x in lines}
        self.removed = {mine[n].strip() for how, first, last, *_ in self.edits if how == "replace"
                        for n in range(first, last + 1)}

    @staticmethod
    def _insert_at(before: int, in_base, in_ours, after_entry, slots) -> int | None:
        """The line of ours that lines theirs inserted after its line ``before`` go before: after
        the same outside line, or after the same entry, in ours; None when ours lacks it."""
        if before == 0:
            return 1
        if before in in_base:
            found = in_ours.get(in_base[before])
            return None if found is None else found + 1
        entry = after_entry.get(before)
        return None if entry is None else slots.get(entry, entry).end_line + 1

    def apply(self, spans, inserts) -> None:
        for how, first, last, lines, theirs_line in self.edits:
            if how == "insert":
                inserts[first].append(((0, theirs_line), list(lines)))
            elif first not in spans:
                spans[first] = (last, list(lines))


def _outside_lines(lines: Lines, side) -> list[tuple[int, str]]:
    covered = {n for rl in side.lists for e in rl.entries if e.line for n in range(e.line, e.end_line + 1)}
    return [(n, lines[n]) for n in range(1, len(lines) + 1) if n not in covered]


def _matched(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> dict[int, int]:
    """Line numbers of ``a`` -> those of the equal lines of ``b`` they align with."""
    found = {}
    for block in SequenceMatcher(None, [x for _, x in a], [x for _, x in b], autojunk=False).get_matching_blocks():
        found |= {a[block.a + k][0]: b[block.b + k][0] for k in range(block.size)}
    return found


def _in_one_piece(found: list[tuple[int, str]]) -> bool:
    return all(b[0] == a[0] + 1 for a, b in zip(found, found[1:]))


def outside_changes(result: Merge3, base: Lines, mine: Lines, other: Lines,
                    headings: dict[int, str] | None = None, prose: Prose | None = None) -> tuple[str, ...]:
    """Theirs' changes to lines outside entries (prose, headings) that the merged text lacks:
    merge3 merges entries and keeps ours' text around them, so these are told, not dropped.
    ``headings`` are ours' heading lines replaced by theirs' renamed ones, ``prose`` theirs'
    edits that were merged."""
    headings = headings or {}
    before, after = (Counter(_outside(lines, side)) for lines, side in ((base, result.base), (other, result.theirs)))
    kept = set(_outside(mine, result.ours)) - {mine[n].strip() for n in headings} - (prose.removed if prose else set())
    ours_paths = {s.path for rl in result.ours.lists for s in rl.sections}
    inserted = {other[s.line] for rl in result.theirs.lists for s in rl.sections if s.path not in ours_paths}
    renamed = result.renamed.get("theirs", Headings()).to_base
    other_at = heading_lines(result.theirs)
    inserted -= {other[other_at[new]] for new in renamed if new in other_at} - set(headings.values())
    inserted |= {line.strip() for line in headings.values()} | (prose.applied if prose else set())
    lost = [line for line in after - before if line not in kept and line not in inserted]
    lost += [line for line in before - after if line in kept]
    if not lost:
        return ()
    where = result.theirs.lists[0].path if result.theirs.lists else "theirs"
    return (f"{where}: theirs changed {len(lost)} line(s) outside entries, which merge3 does not merge "
            f"(ours' text kept), e.g. {lost[0]!r}",)


def _outside(lines: Lines, side) -> list[str]:
    covered = {n for rl in side.lists for e in rl.entries if e.line for n in range(e.line, e.end_line + 1)}
    return [lines[n].strip() for n in range(1, len(lines) + 1) if n not in covered and lines[n].strip()]
