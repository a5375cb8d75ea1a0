"""Clustering: entries joined by "same" verdicts form works, and a work never holds two entries
that a veto separates; and the networkx graph of a merge.

Connected components (union-find over the "same" verdicts) are only the first cut. A component
whose members all agree is one work. One that holds a vetoed pair is built again from its
joins, best first: joins are ranked by the rule that decided them, then by how many secondary
fields (authors, year, venue, locator, link) agree, then by title score, and joins of equal rank
are taken together. Where the joins of one rank would bring conflicting entries into one group,
the groups in the most conflicts there are left out (all those tied, so input order decides
nothing) and the rest are merged, again and again. So a chain of weak links (A~B~C with A and C
vetoed) can't merge what a rule keeps apart, and one bad copy does not keep every good copy of a
work apart.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations, groupby
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from .match import SAME, Judgement

if TYPE_CHECKING:  # networkx is imported where a graph is built: clustering needs none of it
    import networkx as nx

Conflict = Callable[[int, int], "Judgement | None"]


@dataclass(frozen=True)
class Refusal:
    """A "same" verdict that clustering did not follow, and the veto it would have broken."""

    join: Judgement
    conflict: Judgement


def components(members: Iterable[int], joins: Iterable[Judgement]) -> list[list[int]]:
    """The connected components of ``members`` under ``joins`` (union-find), each sorted,
    sorted by first member. Joins with an end outside ``members`` are ignored."""
    parent = {i: i for i in members}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j in joins:
        if j.a in parent and j.b in parent:
            ra, rb = root(j.a), root(j.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    found: dict[int, list[int]] = defaultdict(list)
    for i in sorted(parent):
        found[root(i)].append(i)
    return sorted(found.values())


def cluster(n: int, judgements: Sequence[Judgement], conflict: Conflict) -> tuple[list[list[int]], list[Refusal]]:
    """Clusters of the ``n`` records (sorted lists of indices, sorted by first member) and the
    joins refused. ``conflict(i, j)`` returns the judgement that keeps i and j apart, or None."""
    joins = [j for j in judgements if j.verdict == SAME]
    by_record: dict[int, list[Judgement]] = defaultdict(list)
    for j in joins:
        by_record[j.a].append(j)
        by_record[j.b].append(j)
    clusters: list[list[int]] = []
    refusals: list[Refusal] = []
    for members in components(range(n), joins):
        clashes = {(i, j): c for i, j in combinations(members, 2) if (c := conflict(i, j))} if len(members) > 1 else {}
        if not clashes:
            clusters.append(members)
            continue
        group = _Group(by_record, clashes)
        parts = group.settle(members)
        clusters.extend(parts)
        refusals.extend(group.refused(parts))
    clusters.sort()
    return clusters, sorted(refusals, key=lambda r: (r.join.a, r.join.b))


class _Group:
    """One component that holds conflicts, built again from its joins, best first."""

    def __init__(self, by_record: dict[int, list[Judgement]], clashes: dict[tuple[int, int], Judgement]):
        self.by_record = by_record
        self.clashes = clashes
        self.against: dict[int, set[int]] = defaultdict(set)
        for i, j in clashes:
            self.against[i].add(j)
            self.against[j].add(i)

    def joins(self, members: Iterable[int]) -> list[Judgement]:
        return sorted({j for i in members for j in self.by_record[i]}, key=lambda j: (j.a, j.b))

    def clash(self, left: frozenset[int], right: frozenset[int]) -> bool:
        small, large = sorted((left, right), key=len)
        return any(self.against[i] & large for i in small)

    def settle(self, members: list[int]) -> list[list[int]]:
        group = {i: frozenset([i]) for i in members}
        joins = sorted(self.joins(members), key=lambda j: (j.rank, -j.a, -j.b), reverse=True)
        for _, tier in groupby(joins, key=lambda j: j.rank):
            live = [j for j in tier if group[j.a] is not group[j.b] and not self.clash(group[j.a], group[j.b])]
            heads = {min(group[i]): group[i] for j in live for i in (j.a, j.b)}
            for merged in self.merge_tier(sorted(heads), [_Link(min(group[j.a]), min(group[j.b])) for j in live], heads):
                for i in merged:
                    group[i] = merged
        return sorted(sorted(g) for g in {id(g): g for g in group.values()}.values())

    def merge_tier(self, heads: list[int], links: list["_Link"], groups: dict[int, frozenset[int]]):
        """The groups that one rank's joins bring together, as merged groups: each connected set
        that holds no conflict is merged; in one that does, the groups in the most conflicts are
        left out (all those tied) and the rest are merged the same way."""
        for comp in components(heads, links):
            if len(comp) == 1:
                continue
            degree = {h: sum(self.clash(groups[h], groups[o]) for o in comp if o != h) for h in comp}
            most = max(degree.values())
            if most == 0:
                yield frozenset().union(*(groups[h] for h in comp))
                continue
            yield from self.merge_tier([h for h in comp if degree[h] < most], links, groups)

    def refused(self, parts: list[list[int]]) -> list[Refusal]:
        """A Refusal for every join between two parts, with the conflict behind it: one between
        the two parts, else the first that involves either of them."""
        part_of = {i: k for k, part in enumerate(parts) for i in part}
        found = []
        for j in self.joins(part_of):
            if part_of[j.a] == part_of[j.b]:
                continue
            sides = set(parts[part_of[j.a]]) | set(parts[part_of[j.b]])
            across = sorted((min(i, o), max(i, o)) for i in sides for o in self.against[i] & sides)
            touching = sorted((min(i, o), max(i, o)) for i in sides for o in self.against[i])
            if across or touching:
                found.append(Refusal(j, self.clashes[(across or touching)[0]]))
        return found


@dataclass(frozen=True)
class _Link:
    """A join between two groups, for ``components``."""

    a: int
    b: int


# --- the graph of a merge -------------------------------------------------------------------

def build_graph(canon) -> "nx.DiGraph":
    """Lists, sections, entries and works as one directed graph: list -> section -> entry,
    entry -> work ("same"), entry -> work it cites ("mentions"), work -> topic."""
    import networkx as nx

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


def _add_entry(g: "nx.DiGraph", canon, record, works, start: int) -> None:
    rl, e = canon.lists[record.source], record.entry
    node = f"entry:{rl.path}:{e.line}:{record.index}"
    g.add_node(node, kind="entry", label=e.title or "(untitled)", path=rl.path, line=e.line, role=e.role)
    holder = _section(rl, e.section) if e.section else f"list:{rl.path}"
    g.add_edge(holder if holder in g else f"list:{rl.path}", node, kind="contains")
    g.add_edge(node, f"work:{works[record.index].id}", kind="same")
    if e.role == "mention" and e.parent is not None:
        citing = f"entry:{rl.path}:{rl.entries[e.parent].line}:{start + e.parent}"
        g.add_edge(citing, f"work:{works[record.index].id}", kind="mentions")


def write_graph(g: "nx.DiGraph", path: str) -> str:
    """The graph as GraphML (.graphml) or node-link JSON (.json), as text."""
    import networkx as nx

    if path.endswith(".graphml"):
        return "\n".join(nx.generate_graphml(g)) + "\n"
    import json

    return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
