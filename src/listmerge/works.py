"""The matching stage as one call: lists in, works out.

``find_works`` prepares a record per entry, applies overrides, gathers candidate pairs by
blocking, judges them by the declared rules and clusters the "same" verdicts into works. The
result keeps every judgement, so any join (or refusal) can be explained afterwards.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import combinations
from typing import Callable, Sequence

from rapidfuzz import fuzz

from .graph import Refusal, cluster
from .heap import reading_done
from .identify import names_agree, normalise_title
from .match import (DISTINCT, SAME, Context, Judgement, candidates, judge, judge_all, mark_shared_names,
                    twin_key)
from .model import ReadingList
from .overrides import Overrides
from .records import NameIndex, Record, prepare
from .rules import Thresholds


@dataclass(frozen=True)
class Matching:
    lists: tuple[ReadingList, ...]
    records: tuple[Record, ...]
    judgements: dict[tuple[int, int], Judgement]
    clusters: tuple[tuple[int, ...], ...]
    refusals: tuple[Refusal, ...] = ()
    notes: tuple[str, ...] = ()
    context: Context | None = field(default=None, repr=False)

    def location(self, index: int) -> str:
        record = self.records[index]
        return f"{self.lists[record.source].path}:{record.entry.line}"

    @cached_property
    def _work_number(self) -> dict[int, int]:
        return {i: n for n, members in enumerate(self.clusters) for i in members}

    @cached_property
    def _joins_by_work(self) -> dict[int, list[Judgement]]:
        found: dict[int, list[Judgement]] = defaultdict(list)
        for (a, b), j in sorted(self.judgements.items()):
            work = self._work_number[a]
            if j.verdict == SAME and work == self._work_number[b]:
                found[work].append(j)
        return found

    def joins(self, members: Sequence[int]) -> list[Judgement]:
        """The "same" verdicts inside one cluster."""
        return list(self._joins_by_work.get(self._work_number[members[0]], ()))

    def compare(self, i: int, j: int) -> Judgement:
        """The judgement on two records, judged now if blocking never proposed the pair."""
        key = (min(i, j), max(i, j))
        found = self.judgements.get(key)
        if found is None and self.context is not None:
            found = judge(self.records[key[0]], self.records[key[1]], self.context)
        return found

    def work_of(self, index: int) -> tuple[int, ...]:
        return self.clusters[self._work_number[index]]

    @property
    def stats(self) -> dict[str, int]:
        verdicts = [j.verdict for j in self.judgements.values()]
        return {
            "entries": len(self.records),
            "candidate pairs": len(verdicts),
            "same": verdicts.count(SAME),
            "vetoed": verdicts.count(DISTINCT),
            "works": len(self.clusters),
            "refused joins": len(self.refusals),
        }


def find_works(lists: Sequence[ReadingList], overrides: Overrides | None = None,
               thresholds: Thresholds = Thresholds(), versions: bool = False,
               pairs_of: Callable[[Sequence[Record], Thresholds], set[tuple[int, int]]] = candidates,
               say: Callable[[str], None] = lambda message: None, watch: Callable | None = None) -> Matching:
    """The works of ``lists``. With ``versions`` (the lists are versions of one list, as diff and
    merge3 see them) an entry left as it was is one entry in every version, even where the
    rules alone would want more evidence ("Dune, 1965" is a lone word). ``pairs_of`` gives the
    candidate pairs: ``match.candidates`` in memory, or the same pairs from an engine of
    ``listmerge.scale``. ``say`` hears each stage begin, ``watch`` sees the pairs judged go by."""
    lists = tuple(lists)
    reading_done()
    say(f"preparing {sum(len(rl.entries) for rl in lists)} entries")
    records = prepare(lists)
    same, distinct, notes = overrides.apply(lists, records) if overrides else (frozenset(), frozenset(), [])
    unchanged = unchanged_entries(records) if versions else frozenset()
    ctx = Context(NameIndex.build(records), thresholds, same, distinct, unchanged)
    records = mark_shared_names(records, ctx)
    say("finding candidate pairs")
    runs = twins(records, ctx)
    pairs = _blocked(records, thresholds, pairs_of, runs) | same | distinct | unchanged
    judgements = {(j.a, j.b): j for j in judge_all(records, pairs, ctx, watch)}
    say(f"clustering {len(records)} entries over {len(judgements)} judged pairs")
    clusters, refusals = clustered(records, judgements, ctx, {r.index: first for first, run in runs.items() for r in run})
    return Matching(lists, tuple(records), judgements, tuple(map(tuple, clusters)),
                    tuple(refusals), tuple(notes), ctx)


def _blocked(records: Sequence[Record], thresholds: Thresholds, pairs_of: Callable,
             runs: dict[int, list[Record]]) -> set[tuple[int, int]]:
    """The candidate pairs, with each run of twins (an entry a list repeats word for word, judged
    the same work: ``twins``) blocked once: its first record meets the others, and each twin is
    paired with the one before it. A line repeated thousands of times costs as many judgements,
    not millions; the works are those of judging every pair, since twins are judged alike."""
    later = {r.index for run in runs.values() for r in run[1:]}
    if not later:
        return pairs_of(records, thresholds)
    kept = [r for r in records if r.index not in later]
    found = pairs_of([replace(r, index=k) for k, r in enumerate(kept)], thresholds)
    pairs = {(kept[i].index, kept[j].index) for i, j in found}
    for run in runs.values():
        pairs.update((a.index, b.index) for a, b in zip(run, run[1:]))
    return pairs


#: A run of twins this long or longer is blocked and clustered through its first record (shorter
#: runs are judged pair by pair, as any records are, so that the joins reported do not depend
#: on which copy came first).
MANY_TWINS = 16


def twins(records: Sequence[Record], ctx: Context) -> dict[int, list[Record]]:
    """Runs of at least ``MANY_TWINS`` records that are one entry repeated in one list (the same
    text, fields and section, wherever it stands) and that judging joins: first index -> the
    run. Two of them are judged alike against any other record, so one stands for all."""
    runs: dict[tuple, list[Record]] = defaultdict(list)
    for r in records:
        if r.title or r.urls:
            runs[(r.source, twin_key(r))].append(r)
    found = {}
    for run in runs.values():
        if len(run) >= MANY_TWINS and judge(run[0], run[1], ctx).verdict == SAME:
            found[run[0].index] = run
    return found


def clustered(records: Sequence[Record], judgements: dict[tuple[int, int], Judgement], ctx: Context,
              first: dict[int, int] | None = None):
    """``graph.cluster`` of the judged records: a conflict is a pair judged distinct (judged
    when clustering asks, if blocking never proposed it). A twin (``first``: index -> the first
    of its run of twins) is in conflict with what the first of its run is."""
    checked: dict[tuple[int, int], Judgement] = {}
    first = first or {}

    def conflict(i: int, j: int) -> Judgement | None:
        i, j = first.get(i, i), first.get(j, j)
        if i == j:
            return None
        key = (min(i, j), max(i, j))
        found = judgements.get(key) or checked.get(key)
        if found is None:
            found = checked[key] = judge(records[key[0]], records[key[1]], ctx)
        return found if found.verdict == DISTINCT else None

    return cluster(len(records), list(judgements.values()), conflict)


def unchanged_entries(records: Sequence[Record]) -> frozenset[tuple[int, int]]:
    """Pairs of entries of different lists whose text and section are the same: one entry left
    as it was between versions. Entries a list repeats word for word are left to the rules."""
    groups: dict[tuple, list[Record]] = defaultdict(list)
    for r in records:
        if r.entry.role == "primary" and (r.title or r.urls):
            groups[(r.entry.raw.strip(), r.entry.section)].append(r)
    pairs = set()
    for group in groups.values():
        sources = [r.source for r in group]
        if len(group) > 1 and len(set(sources)) == len(sources):
            pairs.update((a.index, b.index) for a, b in combinations(group, 2))
    return frozenset(pairs)


def link(matching: Matching, left: int, right: int) -> list[tuple[int, int]]:
    """One-to-one links between the entries of list ``left`` and list ``right``: inside each
    work, an entry is linked to the other list's entry it matches best (``closeness``), when
    that best is unique both ways. Two curators' lists each name a work once, so a work holding
    several entries of one list that no closeness tells apart stays unlinked, not guessed."""
    links: list[tuple[int, int]] = []
    source = [r.source for r in matching.records]
    for members in matching.clusters:
        a_side = [i for i in members if source[i] == left]
        b_side = [j for j in members if source[j] == right]
        if len(a_side) == 1 and len(b_side) == 1:
            links.append((a_side[0], b_side[0]))
            continue
        rank = {(i, j): closeness(matching, i, j) for i in a_side for j in b_side}
        for (i, j), r in sorted(rank.items()):
            if all(rank[(i, k)] < r for k in b_side if k != j) and all(rank[(k, j)] < r for k in a_side if k != i):
                links.append((i, j))
    return sorted(links)


def closeness(matching: Matching, i: int, j: int) -> tuple:
    """How alike two entries of one work are, to pair them: the judgement first, then the full
    titles with their tags ("(Demo Abstract)", "Tutorial:"), then whether the venues agree."""
    a, b = matching.records[i].entry, matching.records[j].entry
    verdict, score, evidence = _rank(matching.compare(i, j))
    full = fuzz.token_sort_ratio(normalise_title(a.title or ""), normalise_title(b.title or ""),
                                 processor=None, score_cutoff=None)
    venues = bool(a.venue and b.venue and names_agree(a.venue, b.venue))
    return (verdict, score, round(full, 1), venues, evidence)


def _rank(judgement: Judgement) -> tuple:
    return (judgement.verdict == SAME, judgement.score, len(judgement.evidence))
