"""Clustering with networkx: entries joined by "same" verdicts form works, and a work never holds
two entries that a veto separates.

Connected components are only the first cut. A component whose members all agree is one work;
one that holds a vetoed pair is split again, strongest joins first, refusing any join that would
put two vetoed entries together. So a chain of weak links (A~B~C with A and C vetoed) can't
merge what a rule keeps apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, product
from typing import Callable, Sequence

import networkx as nx

from .match import SAME, Judgement


@dataclass(frozen=True)
class Refusal:
    """A "same" verdict that clustering did not follow, and the veto it would have broken."""

    join: Judgement
    conflict: Judgement


def cluster(n: int, judgements: Sequence[Judgement],
            conflict: Callable[[int, int], Judgement | None]) -> tuple[list[list[int]], list[Refusal]]:
    """Clusters of the ``n`` records (sorted lists of indices, sorted by first member) and the
    joins refused. ``conflict(i, j)`` returns the judgement that keeps i and j apart, or None."""
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((j.a, j.b, {"join": j}) for j in judgements if j.verdict == SAME)
    clusters: list[list[int]] = []
    refusals: list[Refusal] = []
    for component in nx.connected_components(graph):
        members = sorted(component)
        if len(members) == 1 or not any(conflict(i, j) for i, j in combinations(members, 2)):
            clusters.append(members)
            continue
        joins = sorted((d["join"] for _, _, d in graph.subgraph(members).edges(data=True)),
                       key=lambda j: (-j.strength, j.a, j.b))
        parts, refused = _split(members, joins, conflict)
        clusters.extend(parts)
        refusals.extend(refused)
    clusters.sort()
    return clusters, sorted(refusals, key=lambda r: (r.join.a, r.join.b))


def _split(members, joins, conflict):
    """Greedy agglomeration: take joins strongest first, merge two groups only if no pair across
    them conflicts."""
    group = {i: frozenset([i]) for i in members}
    refused: list[Refusal] = []
    for join in joins:
        left, right = group[join.a], group[join.b]
        if left is right:
            continue
        clash = next((c for i, j in product(sorted(left), sorted(right)) if (c := conflict(i, j))), None)
        if clash is not None:
            refused.append(Refusal(join, clash))
            continue
        merged = left | right
        for i in merged:
            group[i] = merged
    parts = {id(g): sorted(g) for g in group.values()}
    return sorted(parts.values()), refused
