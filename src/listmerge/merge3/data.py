"""A three-way merge written anew by the format's writer, for files whose entries' lines cannot
be found in them (a ``parse -o json`` dump, CSL-JSON). Entries go in ours' order, theirs'
additions after their neighbours (``merge3.Placer``); conflicts are where the text written with
ours' versions differs from the text written with theirs'."""
from __future__ import annotations

from difflib import SequenceMatcher
from itertools import takewhile

from .entries import Merge3, Resolution
from .text import Conflict, Placer

#: ours' format -> how to write its lists ("module:function" in listmerge.render, or yaml/json)
DATA_WRITERS = {
    "listmerge": "own",
    "bibtex": "bibtex:render_lists",
    "csljson": "csljson:render_lists",
    "csv": "csv:render_lists",
}
#: Facts a hand-written listmerge YAML does not spell out: where they came from.
PROVENANCE = ("line", "end_line", "raw")


def data_chunks(result: Merge3, ours_text: str, fmt: str) -> list:
    """The merged list written anew by ``fmt``'s writer (the parser's name, not the lists' own
    ``format``: a listmerge dump keeps its source's), and the places the two sides' versions of
    its conflicts differ."""
    ours_version, theirs_version = _orders(result)
    write = _writer(fmt, ours_text)
    base = result.ours.lists[0]
    a = write([base.evolve(entries=tuple(ours_version))]).split("\n")
    b = write([base.evolve(entries=tuple(theirs_version))]).split("\n")
    chunks: list = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        chunks.extend(a[i1:i2] if tag == "equal" else [Conflict(tuple(a[i1:i2]), tuple(b[j1:j2]))])
    if chunks and chunks[-1] == "":
        chunks.pop()
    return chunks


def _orders(result: Merge3) -> tuple[list, list]:
    """The merged entries twice: with ours' version of each conflict, and with theirs'."""
    placer = Placer(result, None)
    index = {e: i for i, e in enumerate(placer.ours_primaries)}
    slots: list[tuple[tuple, object, object]] = []
    for res in result.resolutions:
        mine, other = _versions(res)
        if mine is None and other is None:
            continue
        slots.append((_slot(res, placer, index), mine, other))
    slots.sort(key=lambda slot: slot[0])
    return [m for _, m, _ in slots if m is not None], [o for _, _, o in slots if o is not None]


def _versions(res: Resolution):
    if res.outcome == "conflict":
        return (res.ours.entry if res.ours else None), (res.theirs.entry if res.theirs else None)
    return res.merged, res.merged


def _slot(res: Resolution, placer: Placer, index: dict) -> tuple:
    slots = placer.result.slots
    if res.ours is not None and "section" not in res.taken:
        return (index[slots.get(res.ours.entry, res.ours.entry)], 1, 0)
    entry = res.theirs.entry
    anchor = placer.anchor(entry)
    if anchor is not None:
        return (index[slots.get(anchor, anchor)], 2, entry.line)
    first = placer.first_in(entry.section)
    return (index[first] if first is not None else len(index), 0, entry.line)


def _writer(fmt: str, ours_text: str):
    from ..render import get_renderer
    from ..render.data import to_json, to_yaml

    if DATA_WRITERS[fmt] != "own":
        return get_renderer(DATA_WRITERS[fmt], {fmt: DATA_WRITERS[fmt]})
    if ours_text.lstrip().startswith("{"):
        return lambda lists: to_json(_document(lists))
    leading = "".join(line + "\n" for line in takewhile(lambda line: line.startswith("#"), ours_text.split("\n")))
    return lambda lists: leading + to_yaml(_document(lists))


def _document(lists) -> dict:
    """listmerge's document with only the facts an entry has (no empty fields, no provenance)."""
    from ..serialize import document

    data = document(lists)
    for rl in data["lists"]:
        rl["entries"] = [{k: v for k, v in e.items() if v not in (None, "", [], {}) and k not in PROVENANCE}
                         for e in rl["entries"]]
    return data
