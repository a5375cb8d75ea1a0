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
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from statistics import mean
from typing import Iterable, Sequence

from rapidfuzz import fuzz, process

from .identify import NAME_SIMILARITY, acronym, names_agree, normalise_title
from .match import numpy_pays

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


def affinity(a: Unit, b: Unit, named: bool | None = None) -> float:
    """How strongly two units of different lists belong to one topic; 0 when they don't.
    ``named``: whether their names agree, when the caller knows it already."""
    shared = len(a.works & b.works)
    named = names_agree(a.name, b.name) if named is None else named
    enough = shared >= SHARED_WORKS and shared >= SHARED_FRACTION * min(len(a.works), len(b.works))
    if not (named or enough):
        return 0.0
    return shared + (2.0 if named else 0.0)


def align(units: Sequence[Unit]) -> list[list[Unit]]:
    """Groups of units, one topic each: strongest alignments first, one unit per list a topic."""
    pairs = [(affinity(units[i], units[j], named), i, j) for (i, j), named in candidate_pairs(units).items()]
    return join_strongest_first(units, pairs)


def join_strongest_first(units: Sequence[Unit], pairs: list[tuple[float, int, int]]) -> list[list[Unit]]:
    """The groups that scored pairs (score, i, j) make, taken strongest first: two groups join
    unless they hold units of one list. The smaller group joins the larger (each unit moves at
    most log n times: 10,000 sections of one name make one topic in linear time)."""
    owner = list(range(len(units)))  # the group each unit is in
    members = [[k] for k in range(len(units))]
    sources = [{u.source} for u in units]
    for score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if score <= 0:
            break
        a, b = owner[i], owner[j]
        if a == b or not sources[a].isdisjoint(sources[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for k in members[b]:
            owner[k] = a
        members[a] += members[b]
        sources[a] |= sources[b]
        members[b], sources[b] = [], set()
    seen, groups = set(), []
    for k in range(len(units)):
        if owner[k] not in seen:
            seen.add(owner[k])
            groups.append(sorted((units[m] for m in members[owner[k]]), key=lambda x: (x.source, x.position)))
    return groups


#: Bounds that keep alignment near-linear in the number of sections. Up to EXACT_NAMES distinct
#: section names every two are compared (every list we know has far fewer); beyond, only names
#: that share a word, in groups of at most NAME_BLOCK. A name shared by more than NAME_GROUP
#: units joins them as a star (each with the first), and a name agrees with at most NAME_GROUP
#: other names (with the units of each, at most NAME_GROUP); a work held by more than
#: WORK_UNITS units proposes no pairs (it would propose every pair of them).
EXACT_NAMES, NAME_BLOCK, NAME_GROUP, WORK_UNITS = 2000, 200, 64, 200


def candidate_pairs(units: Sequence[Unit]) -> dict[tuple[int, int], bool]:
    """The pairs (i < j, of different lists) that may have an affinity, each with whether their
    names agree: those whose names agree, and those that share at least SHARED_WORKS works.
    Within the bounds above that is every pair with an affinity."""
    by_name: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        key = normalise_title(u.name)
        if key:
            by_name.setdefault(key, []).append(i)
    found: dict[tuple[int, int], bool] = {}

    def add(i: int, j: int, named: bool) -> None:
        if i != j and units[i].source != units[j].source:
            key = (i, j) if i < j else (j, i)
            found[key] = found.get(key, False) or named

    for members in by_name.values():
        if len(members) <= NAME_GROUP:
            for i, j in combinations(members, 2):
                add(i, j, True)
        else:  # a star: each with the first
            for j in members[1:]:
                add(members[0], j, True)
    partners: Counter = Counter()
    for a, b in agreeing_names(list(by_name)):
        if partners[a] >= NAME_GROUP or partners[b] >= NAME_GROUP:
            continue
        partners.update((a, b))
        for i in by_name[a][:NAME_GROUP]:
            for j in by_name[b][:NAME_GROUP]:
                add(i, j, True)
    holders: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        for w in u.works:
            holders.setdefault(w, []).append(i)
    shared: Counter = Counter()
    for members in holders.values():
        if len(members) <= WORK_UNITS:
            shared.update(combinations(members, 2))
    for (i, j), n in shared.items():
        if n >= SHARED_WORKS:
            add(i, j, False)
    return found


def agreeing_names(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of distinct normalised names that ``names_agree`` (rapidfuzz in C, in blocks)."""
    found = set()
    acronyms: dict[str, list[str]] = {}
    for name in names:
        if acronym(name):
            acronyms.setdefault(acronym(name), []).append(name)
    for name in names:
        for other in acronyms.get(name.replace(" ", ""), ()):
            if other != name:
                found.add(tuple(sorted((name, other))))
    blocks = [names] if len(names) <= EXACT_NAMES else _word_blocks(names)
    in_numpy = numpy_pays(sum(len(block) ** 2 for block in blocks))
    for block in blocks:
        found.update(tuple(sorted((block[a], block[b]))) for a, b in (_close(block) if in_numpy else _close_py(block)))
    return sorted(found)


def _close(block: list[str]) -> Iterable[tuple[int, int]]:
    """The pairs (a < b) of names in ``block`` that score at least NAME_SIMILARITY, as one matrix."""
    scores = process.cdist(block, block, scorer=fuzz.token_set_ratio, processor=None,
                           score_cutoff=NAME_SIMILARITY, workers=-1)
    return ((a, b) for a, b in zip(*scores.nonzero()) if a < b)


def _close_py(block: list[str]) -> Iterable[tuple[int, int]]:
    """``_close`` without NumPy: each name against the names after it (``process.extract``)."""
    for a, name in enumerate(block):
        for _, _, b in process.extract(name, block[a + 1:], scorer=fuzz.token_set_ratio, processor=None,
                                       score_cutoff=NAME_SIMILARITY, limit=None):
            yield a, a + 1 + b


def _word_blocks(names: list[str]) -> list[list[str]]:
    by_word: dict[str, list[str]] = {}
    for name in names:
        for word in set(name.split()):
            by_word.setdefault(word, []).append(name)
    return [block for block in by_word.values() if 1 < len(block) <= NAME_BLOCK]


def topic_name(units: Sequence[Unit]) -> str:
    """The name most of the units give (cleaned), else the name of the unit holding most works."""
    names = [u.name for u in units]
    times = Counter(names)
    counts = {normalise_title(n): times[n] for n in names}
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
    following: dict[str, int] = {}  # the next number to try after a name (those before are taken)
    for t in topics:
        name = t.name
        if name.casefold() in taken and len(t.units[0].path) > 1:
            name = f"{clean_name(t.units[0].path[0])}: {name}"
        base = name
        n = following.get(base, 2)
        while name.casefold() in taken:
            name, n = f"{base} ({n})", n + 1
        following[base] = n
        taken.add(name.casefold())
        out.append(Topic(name, t.units, t.position))
    return out
