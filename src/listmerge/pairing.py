"""Which entries of two sides are one entry, identity first.

1. **Identity**: an entry whose text (whitespace and emoji shortcodes aside: ``:star:`` is ⭐)
   and section are the same on both sides is one entry; repeated ones pair in order. Then a
   text found once on each side, in another section, is one entry moved.
2. **Key**: entries that carry the same key (a BibTeX citation key, a CSV key column, or the
   column ``--key`` names) and that no other entry of their side shares are one entry.
3. Only what is left goes to the matcher (``works.find_works``); inside each work entries are
   paired as ``pair_entries`` pairs them.
4. **Relinked**: what is still left pairs where only the link changed: the same section, the
   same title and the same note.

The matcher never sees what identity or a key settled, so a diff of two versions costs about
what their changes cost, not what their size does.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath

from .identify import canonical_url, normalise_title
from .model import Entry, ReadingList

#: Formats whose entries carry a key that names them (a citation key, a record id).
KEYED_FORMATS = ("bibtex", "csv")
VARIATION = re.compile("[\ufe0e\ufe0f]")


def plain(text: str) -> str:
    """Text compared as a reader sees it: emoji shortcodes as their characters, no variation
    selectors, whitespace collapsed."""
    if ":" in text:
        import emoji

        text = emoji.emojize(text, language="alias")
    return " ".join(VARIATION.sub("", text).split())


@dataclass(frozen=True)
class Ref:
    """An entry of a side: its list (index in the side), the entry, and its place in the list."""

    source: int
    entry: Entry
    index: int = 0

    @property
    def order(self) -> tuple[int, int, int]:
        return (self.source, self.entry.line, self.index)


def primaries(lists: tuple[ReadingList, ...]) -> list[Ref]:
    """The entries a diff compares: primary entries, and works mentioned outside any entry (a
    table or a paragraph the parser read only for its links): a change there is a change too.
    A mention inside an entry shows as that entry's note changing."""
    return [Ref(k, e, n) for k, rl in enumerate(lists) for n, e in enumerate(rl.entries)
            if e.role == "primary" or e.parent is None]


def file_name(rl: ReadingList) -> str:
    return PurePath(rl.path.rpartition(":")[2] or rl.path).stem


def by_identity(old: list[Ref], new: list[Ref], place) -> list[tuple[Ref, Ref]]:
    """Entries with the same text in the same place, paired in order."""
    waiting: dict[tuple, list[Ref]] = defaultdict(list)
    for ref in old:
        waiting[(place(ref, "old"), _text(ref.entry))].append(ref)
    pairs = []
    for ref in new:
        queue = waiting.get((place(ref, "new"), _text(ref.entry)))
        if queue:
            pairs.append((queue.pop(0), ref))
    return pairs


def by_moved_text(old: list[Ref], new: list[Ref]) -> list[tuple[Ref, Ref]]:
    """Entries with the same text in another place (a move), where that text is on one entry of
    each side: a link the matcher cannot judge (a site's home page) still pairs."""
    def once(refs: list[Ref]) -> dict[str, Ref]:
        found: dict[str, list[Ref]] = defaultdict(list)
        for ref in refs:
            if _text(ref.entry):
                found[_text(ref.entry)].append(ref)
        return {k: v[0] for k, v in found.items() if len(v) == 1}
    a, b = once(old), once(new)
    return [(a[k], b[k]) for k in a if k in b]


def _text(entry: Entry) -> str:
    return plain(entry.raw) or plain(f"{entry.title or ''} {entry.url or ''}")


def by_key(old: list[Ref], new: list[Ref]) -> list[tuple[Ref, Ref]]:
    """Entries whose key is the same, where each side has one entry with that key."""
    def unique(refs: list[Ref]) -> dict[str, Ref]:
        found: dict[str, list[Ref]] = defaultdict(list)
        for ref in refs:
            if ref.entry.key:
                found[ref.entry.key.strip().casefold()].append(ref)
        return {k: v[0] for k, v in found.items() if len(v) == 1}
    a, b = unique(old), unique(new)
    return [(a[k], b[k]) for k in a if k in b]


def by_link_only(old: list[Ref], new: list[Ref], place) -> list[tuple[Ref, Ref]]:
    """Entries whose section, title and note stayed: only their link changed."""
    key = lambda ref, side: (place(ref, side), normalise_title(ref.entry.title or ""), plain(ref.entry.annotation))
    waiting: dict[tuple, list[Ref]] = defaultdict(list)
    for ref in old:
        if ref.entry.title and len(normalise_title(ref.entry.title)) > 3:
            waiting[key(ref, "old")].append(ref)
    pairs = []
    for ref in new:
        queue = waiting.get(key(ref, "new"))
        if queue:
            pairs.append((queue.pop(0), ref))
    return pairs


def by_same_link(old: list[Ref], new: list[Ref], kept_apart: frozenset[str] = frozenset()) -> list[tuple[Ref, Ref]]:
    """Between versions: an entry whose main link (canonically) is the only one of its kind on
    each side is the same entry, whatever became of its title or note ("[Data Cleaning by
    Rachael Tatman](u)" -> "[Data Cleaning](u) - Rachael Tatman"). Entries an override names
    as distinct (``kept_apart``: titles and links, case-folded) are left to the matcher."""
    def once(refs: list[Ref]) -> dict[str, Ref]:
        seen: dict[str, list[Ref]] = defaultdict(list)
        for ref in refs:
            named = {(ref.entry.title or "").casefold(), (ref.entry.url or "").casefold()}
            if ref.entry.url and not named & kept_apart:
                seen[canonical_url(ref.entry.url)].append(ref)
        return {url: found[0] for url, found in seen.items() if len(found) == 1}
    a, b = once(old), once(new)
    return sorted(((a[url], b[url]) for url in a.keys() & b.keys()), key=lambda p: p[1].order)
