"""Clustering with networkx: entries joined by "same" verdicts form works, and a work never holds
two entries that a veto separates.

Connected components are only the first cut. A component whose members all agree is one work;
one that holds a vetoed pair is split again, strongest joins first, refusing any join that would
put two vetoed entries together. So a chain of weak links (A~B~C with A and C vetoed) can't
merge what a rule keeps apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, groupby, product
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
    """Greedy agglomeration by tiers of equal strength, strongest first. A join whose two groups
    conflict is refused. Joins of one tier are settled together: where they would bring two
    conflicting entries into one group, none of that tier's joins there is taken (input order
    must not decide which of two equally good joins wins)."""
    group = {i: frozenset([i]) for i in members}
    refused: list[Refusal] = []
    for _, tier in groupby(joins, key=lambda j: j.strength):
        tier = list(tier)
        live = []
        for join in tier:
            if group[join.a] is group[join.b]:
                continue
            clash = _clash(group[join.a], group[join.b], conflict)
            if clash is None:
                live.append(join)
            else:
                refused.append(Refusal(join, clash))
        refused.extend(_merge_tier(group, live, conflict))
    parts = {id(g): sorted(g) for g in group.values()}
    return sorted(parts.values()), refused


def _clash(left, right, conflict):
    return next((c for i, j in product(sorted(left), sorted(right)) if (c := conflict(i, j))), None)


def _merge_tier(group, joins, conflict):
    """Merge the groups that ``joins`` connect, one connected set at a time; a set that would hold
    a conflict is left unmerged and its joins are returned as refusals."""
    tier = nx.Graph()
    tier.add_edges_from((min(group[j.a]), min(group[j.b]), {"join": j}) for j in joins)
    refused = []
    for heads in nx.connected_components(tier):
        merged = frozenset().union(*(group[h] for h in heads))
        clash = next((c for i, j in combinations(sorted(merged), 2) if (c := conflict(i, j))), None)
        if clash is not None:
            refused.extend(Refusal(d["join"], clash)
                           for _, _, d in tier.subgraph(heads).edges(data=True))
            continue
        for i in merged:
            group[i] = merged
    return refused


# --- the graph of a merge -------------------------------------------------------------------

def build_graph(canon) -> nx.DiGraph:
    """Lists, sections, entries and works as one directed graph: list -> section -> entry,
    entry -> work ("same"), entry -> work it cites ("mentions"), work -> topic."""
    g = nx.DiGraph()
    works = {i: w for w in (*canon.works, *canon.untitled) for i in w.members}
    for k, rl in enumerate(canon.lists):
        g.add_node(f"list:{rl.path}", kind="list", label=rl.title or rl.name, path=rl.path, format=rl.format)
        for section in rl.sections:
            g.add_node(_section(rl, section.path), kind="section", label=section.title, line=section.line)
            parent = _section(rl, section.path[:-1]) if len(section.path) > 1 else f"list:{rl.path}"
            g.add_edge(parent if parent in g else f"list:{rl.path}", _section(rl, section.path), kind="contains")
    for topic in canon.topics:
        g.add_node(f"topic:{topic.name}", kind="topic", label=topic.name)
    for work in (*canon.works, *canon.untitled):
        g.add_node(f"work:{work.id}", kind="work", label=work.title or "(untitled)", support=work.support)
        if f"topic:{work.topic}" in g:
            g.add_edge(f"work:{work.id}", f"topic:{work.topic}", kind="topic")
    starts = [0]
    for rl in canon.lists:
        starts.append(starts[-1] + len(rl.entries))
    for record in canon.matching.records:
        _add_entry(g, canon, record, works, starts[record.source])
    return g


def _section(rl, path) -> str:
    return f"section:{rl.path}:{' > '.join(path)}"


def _add_entry(g: nx.DiGraph, canon, record, works, start: int) -> None:
    rl, e = canon.lists[record.source], record.entry
    node = f"entry:{rl.path}:{e.line}:{record.index}"
    g.add_node(node, kind="entry", label=e.title or "(untitled)", path=rl.path, line=e.line, role=e.role)
    holder = _section(rl, e.section) if e.section else f"list:{rl.path}"
    g.add_edge(holder if holder in g else f"list:{rl.path}", node, kind="contains")
    g.add_edge(node, f"work:{works[record.index].id}", kind="same")
    if e.role == "mention" and e.parent is not None:
        citing = f"entry:{rl.path}:{rl.entries[e.parent].line}:{start + e.parent}"
        g.add_edge(citing, f"work:{works[record.index].id}", kind="mentions")


def write_graph(g: nx.DiGraph, path: str) -> str:
    """The graph as GraphML (.graphml) or node-link JSON (.json), as text."""
    if path.endswith(".graphml"):
        return "\n".join(nx.generate_graphml(g)) + "\n"
    import json

    return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
