"""Canonical topics: the sections of different lists aligned by the works they share and by
their names.

A list's *unit* is a section cut to its first two levels ("Chapter 6. RAG and Agents > RAG"):
deep enough to tell RAG from agents, shallow enough that a "Fun stuff" aside stays with its
parent. Two units of different lists are aligned when their names agree (after numbering such as
"Chapter 7." is dropped, or as an acronym: "RAG" and "Retrieval Augmented Generation") or when
they share enough works. Alignments are taken strongest first, and a topic holds at most one
unit of each list, so a chain of loose alignments can't pull everything into one topic.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import mean
from typing import Sequence

from .identify import names_agree, normalise_title

UNIT_DEPTH = 2
#: Works two units must share to align without agreeing names, and the share of the smaller.
SHARED_WORKS, SHARED_FRACTION = 2, 0.25
#: Numbering that a section name carries but a topic does not: "Chapter 7.", "Part II:", "3)".
_NUMBERING = re.compile(
    r"^\s*(?:(?:chapters?|part|section|lecture|week|module|unit|lesson|day)\s+[\w+&, ]*?\d[\w+&, ]*?"
    r"|(?:chapters?|part)\s+[ivxlc]+|\d+(?:\.\d+)*)\s*[.:)\-\u2013\u2014]\s*", re.IGNORECASE)
REMAINDER = "Other works"


@dataclass(frozen=True)
class Unit:
    """One list's section (cut to UNIT_DEPTH levels), with the works placed in it."""

    source: int
    path: tuple[str, ...]
    position: float            # where it stands in its list, 0 (first) .. 1 (last)
    works: frozenset[int]      # indices of the works it holds

    @property
    def name(self) -> str:
        return clean_name(self.path[-1])


@dataclass(frozen=True)
class Topic:
    name: str
    units: tuple[Unit, ...]
    position: float

    @property
    def remainder(self) -> bool:
        return not self.units


def unit_path(section: Sequence[str]) -> tuple[str, ...]:
    return tuple(section[:UNIT_DEPTH])


def clean_name(name: str) -> str:
    """A section name without its numbering: "Chapter 7. Finetuning" -> "Finetuning"."""
    cleaned = _NUMBERING.sub("", name, count=1).strip()
    return cleaned or name.strip()


def affinity(a: Unit, b: Unit) -> float:
    """How strongly two units of different lists belong to one topic; 0 when they don't."""
    shared = len(a.works & b.works)
    named = names_agree(a.name, b.name)
    enough = shared >= SHARED_WORKS and shared >= SHARED_FRACTION * min(len(a.works), len(b.works))
    if not (named or enough):
        return 0.0
    return shared + (2.0 if named else 0.0)


def align(units: Sequence[Unit]) -> list[list[Unit]]:
    """Groups of units, one topic each: strongest alignments first, one unit per list a topic."""
    group = {u: (u,) for u in units}
    pairs = [(affinity(a, b), i, j) for i, a in enumerate(units) for j, b in enumerate(units)
             if i < j and a.source != b.source]
    for score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if score <= 0:
            break
        left, right = group[units[i]], group[units[j]]
        if left is right or {u.source for u in left} & {u.source for u in right}:
            continue
        merged = left + right
        for u in merged:
            group[u] = merged
    seen, groups = set(), []
    for u in units:
        if id(group[u]) not in seen:
            seen.add(id(group[u]))
            groups.append(sorted(group[u], key=lambda x: (x.source, x.position)))
    return groups


def topic_name(units: Sequence[Unit]) -> str:
    """The name most of the units give (cleaned), else the name of the unit holding most works."""
    names = [u.name for u in units]
    counts = {normalise_title(n): names.count(n) for n in names}
    return min(units, key=lambda u: (-counts[normalise_title(u.name)], -len(u.works), u.source, u.position)).name


def make_topics(units: Sequence[Unit]) -> list[Topic]:
    """Topics in consensus order: by the mean position of their units in the source lists."""
    topics = [Topic(topic_name(g), tuple(g), mean(u.position for u in g)) for g in align(units)]
    topics.sort(key=lambda t: (t.position, t.name))
    return _distinct_names(topics)


def _distinct_names(topics: list[Topic]) -> list[Topic]:
    """Two topics never share a heading (nor the remainder's): a repeated name gets its parent
    section's name, then a number."""
    out, taken = [], {REMAINDER.casefold()}
    for t in topics:
        name = t.name
        if name.casefold() in taken and len(t.units[0].path) > 1:
            name = f"{clean_name(t.units[0].path[0])}: {name}"
        n = 2
        base = name
        while name.casefold() in taken:
            name, n = f"{base} ({n})", n + 1
        taken.add(name.casefold())
        out.append(Topic(name, t.units, t.position))
    return out
