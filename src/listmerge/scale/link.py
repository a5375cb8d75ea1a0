"""Lists against a catalogue: which catalogue record each entry is, and what it adds.

The list's records are made as ``merge`` makes them (with the venues the catalogue writes); the
blocking queries find the catalogue records they can meet, without reading the others; titles
are scored in batches; the pairs are judged by merge's rules on the candidates' records only
(``match.judge_all``) and clustered by merge's code (``graph.cluster``, never two entries a veto
separates in one work). An entry whose work holds one catalogue record is matched to it, one
whose work holds several is ambiguous (the catalogue has copies of the work), and the rest are
unmatched, each with the reason: no candidate, the closest candidate and the rule that kept it
apart, or the join clustering refused.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable, Sequence

from ..identify import id_url
from ..merge import SCHEME_ORDER
from ..match import DISTINCT, SAME, Context, Judgement, blocking_keys, judge_all, mark_shared_names
from ..model import Entry, ReadingList
from ..records import NameIndex, Record, make_record
from ..rules import Thresholds
from ..works import Matching, clustered
from . import queries
from .blocking import KeyColumns, pairs_from
from .catalogue import Catalogue, entry_of_json

MATCHED, AMBIGUOUS, UNMATCHED = "matched", "ambiguous", "unmatched"
#: The fields a link fills where the list's entry has none, in this order.
FILLED = ("ids", "url", "authors", "venue", "year", "volume", "pages")


@dataclass(frozen=True)
class View:
    """What scoring reads of a catalogue record (``match.close_mask``, ``match.close_in_block``)."""

    index: int
    title: str
    bare: str
    tokens: tuple[str, ...]
    stems: frozenset[str]


@dataclass(frozen=True)
class Link:
    """What linking found for one entry of the lists."""

    index: int                              # the entry's record
    status: str                             # matched | ambiguous | unmatched
    targets: tuple[int, ...]                # the catalogue records of its work
    judgement: Judgement | None             # the join (matched), or the closest verdict (unmatched)
    why: str
    filled: tuple[tuple[str, object], ...] = ()   # (field, value) taken from the catalogue


@dataclass(frozen=True)
class Linking:
    matching: Matching                      # the lists, then the catalogue's candidates as one more list
    catalogue: Catalogue
    links: tuple[Link, ...]
    lists: tuple[ReadingList, ...]          # the lists with the fields the catalogue filled

    @property
    def counts(self) -> dict[str, int]:
        found = {MATCHED: 0, AMBIGUOUS: 0, UNMATCHED: 0}
        for link in self.links:
            found[link.status] += 1
        return found

    def catalogue_entry(self, index: int) -> Entry:
        return self.matching.records[index].entry


def link(lists: Sequence[ReadingList], catalogue: Catalogue, engine, t: Thresholds = Thresholds(),
         say: Callable[[str], None] = lambda m: None) -> Linking:
    lists = tuple(lists)
    flat = [(source, entry) for source, rl in enumerate(lists) for entry in rl.entries]
    records = [make_record(i, source, entry, catalogue.venues) for i, (source, entry) in enumerate(flat)]
    engine.attach(catalogue.store)
    pairs = candidates_against(engine, records, t, say)
    wanted = sorted({j for _, j in pairs if j >= 0})
    entries = fetch_entries(engine, wanted)
    n = len(records)
    source = len(lists)
    shelf = ReadingList(name=PurePath(catalogue.source).stem, path=catalogue.source, format="catalogue",
                        entries=tuple(entries[rid] for rid in wanted))
    index_of = {rid: n + k for k, rid in enumerate(wanted)}
    records += [make_record(index_of[rid], source, entries[rid], catalogue.venues) for rid in wanted]
    ctx = Context(NameIndex.build(records), t)
    records = mark_shared_names(records, ctx)
    at = lambda rid: -1 - rid if rid < 0 else index_of[rid]  # noqa: E731
    judged = judge_all(records, {tuple(sorted((at(i), at(j)))) for i, j in pairs}, ctx)
    say(f"judged {len(judged)} pairs against {len(wanted)} catalogue records")
    judgements = {(j.a, j.b): j for j in judged}
    matching = _clustered(lists + (shelf,), records, judgements, ctx)
    against: dict[int, list[Judgement]] = defaultdict(list)  # each entry's judgements with catalogue records
    for (a, b), j in judgements.items():
        if a < n <= b:
            against[a].append(j)
    links = tuple(_link_of(matching, i, source, against[i]) for i in range(n))
    return Linking(matching, catalogue, links, _enriched(lists, matching, links, catalogue))


def candidates_against(engine, records: Sequence[Record], t: Thresholds, say) -> set[tuple[int, int]]:
    """Candidate pairs of the list records (rid -1 - index) with the attached catalogue's
    records (rid >= 0) and with each other, as ``match.candidates`` would find them among the
    lists and the whole catalogue."""
    keys = KeyColumns()
    for r in records:
        keys.add(-1 - r.index, "L", blocking_keys(r))
    engine.put("list_keys", keys.columns())
    engine.make("found", queries.touched("cat_keys", "list_keys", t))
    engine.make("u_keys", queries.universe("cat_keys", "list_keys", "found"))
    engine.make("u_df", queries.universe_df("cat_df", "u_keys"))
    engine.make("members", queries.word_members("u_keys", "u_df", t))
    views: dict[int, View] = {}
    for batch in engine.batches(queries.pool("members", "cat_scoring")):
        for rid, title, bare, tokens, stems in batch:
            views[rid] = View(rid, title, bare, tuple(tokens.split()), frozenset(stems.split()))
    say(f"blocking: {len(views)} catalogue records share a word block with the lists")
    mine = {-1 - r.index: View(-1 - r.index, r.title, r.bare, r.tokens, r.stems) for r in records}  # index = rid
    view = lambda ids: [mine[i] if i < 0 else views[i] for i in ids]  # noqa: E731
    pairs = pairs_from(engine, "u_keys", view, t.title_close, True, say)
    # the candidates among the catalogue records met, so that clustering sees their joins and
    # vetoes as merge would (blocks sized by every member the lists' blocking reads)
    met = sorted({j for _, j in pairs if j >= 0})
    engine.put("met", {"rid": met})
    for batch in engine.batches(queries.rows_of("cat_scoring", "met", "rid, title, bare, tokens, stems")):
        for rid, title, bare, tokens, stems in batch:
            views.setdefault(rid, View(rid, title, bare, tuple(tokens.split()), frozenset(stems.split())))
    return pairs | pairs_from(engine, "u_keys", view, t.title_close, False, say, within="met")


def fetch_entries(engine, rids: Sequence[int]) -> dict[int, Entry]:
    engine.put("wanted", {"rid": list(rids)})
    return {rid: entry_of_json(text) for batch in engine.batches(queries.rows_of("cat_entries", "wanted", "rid, entry"))
            for rid, text in batch}


def _clustered(lists, records, judgements, ctx) -> Matching:
    """Clusters by merge's code (``works.clustered``)."""
    clusters, refusals = clustered(records, judgements, ctx)
    return Matching(tuple(lists), tuple(records), judgements, tuple(map(tuple, clusters)), tuple(refusals), (), ctx)


def _link_of(matching: Matching, i: int, source: int, judged: list[Judgement]) -> Link:
    work = matching.work_of(i)
    targets = tuple(k for k in work if matching.records[k].source == source)
    if len(targets) == 1:
        judgement = matching.compare(i, targets[0])
        how = judgement.rule if judgement.verdict == SAME else f"one work through {len(work) - 2} other entries"
        filled = _fill(matching.records[i].entry, matching.records[targets[0]].entry)
        return Link(i, MATCHED, targets, judgement, how, filled)
    if targets:
        return Link(i, AMBIGUOUS, targets, None, f"{len(targets)} catalogue records are one work with it")
    return _unmatched(matching, i, source, judged)


def _unmatched(matching: Matching, i: int, source: int, judged: list[Judgement]) -> Link:
    record = matching.records[i]
    if not (record.title or record.urls or record.strong_ids):
        return Link(i, UNMATCHED, (), None, "nothing to match on (no title, link or identifier)")
    refused = [r for r in matching.refusals if i in (r.join.a, r.join.b)
               and matching.records[r.join.b if r.join.a == i else r.join.a].source == source]
    if refused:
        r = refused[0]
        return Link(i, UNMATCHED, (), r.join, f"joined by {r.join.rule}, refused: {r.conflict.rule} between "
                                            f"{matching.location(r.conflict.a)} and {matching.location(r.conflict.b)}")
    if not judged:
        return Link(i, UNMATCHED, (), None, "no candidate: no identifier, link or name in common with a catalogue record, and no title close to its own")
    best = max(judged, key=lambda j: (j.verdict != DISTINCT, j.score, -j.a, -j.b))
    why = f"kept apart by {best.rule}" if best.verdict == DISTINCT else "not enough evidence (no rule joins them)"
    return Link(i, UNMATCHED, (), best, f"closest: score {best.score:g}, {why}")


def _fill(entry: Entry, found: Entry) -> tuple[tuple[str, object], ...]:
    """The fields of ``found`` that ``entry`` lacks: identifiers of schemes it has none of, a
    link (the catalogue's, else its identifier's page, as merge chooses it), authors, venue,
    year, volume and pages."""
    filled: list[tuple[str, object]] = []
    have = {scheme for scheme, _ in entry.ids}
    new_ids = tuple(pair for pair in found.ids if pair[0] not in have)
    if new_ids:
        filled.append(("ids", new_ids))
    link = found.url or next((url for scheme in SCHEME_ORDER for s, v in found.ids if s == scheme
                              if (url := id_url(s, v))), None)
    if not entry.url and link:
        filled.append(("url", link))
    for name in FILLED[2:]:
        if not getattr(entry, name) and getattr(found, name):
            filled.append((name, getattr(found, name)))
    return tuple(filled)


def _enriched(lists, matching: Matching, links: Sequence[Link], catalogue: Catalogue) -> tuple[ReadingList, ...]:
    """The lists with each matched entry's filled fields, and under metadata ``linked`` every
    entry's link (status, the catalogue record, the rule) and the provenance of each filled field."""
    by_list: dict[int, list[tuple[int, Link]]] = defaultdict(list)
    starts, at = [], 0
    for rl in lists:
        starts.append(at)
        at += len(rl.entries)
    for link in links:
        source = matching.records[link.index].source
        by_list[source].append((link.index - starts[source], link))
    out = []
    for source, rl in enumerate(lists):
        entries = list(rl.entries)
        told = []
        for position, link in by_list.get(source, ()):
            told.append(_provenance(matching, entries[position], link, catalogue))
            if link.filled:
                entries[position] = _apply(entries[position], link.filled)
        metadata = {**rl.metadata, "linked": {"catalogue": catalogue.name, "entries": told}}
        out.append(rl.evolve(entries=tuple(entries), metadata=metadata))
    return tuple(out)


def _apply(entry: Entry, filled) -> Entry:
    changes = dict(filled)
    if "ids" in changes:
        changes["ids"] = tuple(sorted(entry.ids + changes["ids"]))
    if "url" in changes:
        changes["urls"] = (changes["url"], *entry.urls)
    return entry.evolve(**changes)


def catalogue_ref(matching: Matching, index: int) -> str:
    """A catalogue record as its id column gives it, else its row."""
    entry = matching.records[index].entry
    return entry.key or f"row {entry.line}"


def _provenance(matching: Matching, entry: Entry, link: Link, catalogue: Catalogue) -> dict:
    told = {"line": entry.line, "title": entry.title, "status": link.status, "why": link.why}
    if link.targets:
        told["catalogue"] = [catalogue_ref(matching, k) for k in link.targets]
    if link.filled:
        ref = catalogue_ref(matching, link.targets[0])
        told["filled"] = {name: {"value": [list(p) for p in value] if name == "ids" else
                                 list(value) if isinstance(value, tuple) else value,
                                 "from": f"{catalogue.name}: {ref}", "rule": link.why}
                          for name, value in link.filled}
    return told
