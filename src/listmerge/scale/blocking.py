"""Candidate pairs through an engine: the keys come from ``match.blocking_keys`` (the in-memory
matcher's own), the counting, the rarest-keys window and the self-join run as the queries of
``queries.py``, and the titles of the word-block pairs are scored by ``match.close_mask`` in
batches. The pairs are the in-memory ``match.candidates``' pairs, exactly.
"""
from __future__ import annotations

import json
from itertools import groupby
from operator import itemgetter
from typing import Callable, Iterable, Sequence

import numpy as np

from ..match import BlockingKeys, blocking_keys, close_across, close_in_block, close_mask
from ..records import Record
from ..rules import Thresholds
from . import queries
from .engines import get_engine

#: Word-block pairs are scored this many at a time (rapidfuzz cpdist, all cores).
SCORE_BATCH = 200_000


def encode(key: tuple) -> str:
    """An exact key as the text the engines compare: JSON, so two keys are equal only when
    every part is (a word key is a bare word and can never look like one)."""
    return json.dumps(key, ensure_ascii=False, separators=(",", ":"))


class KeyColumns:
    """Rows of the ``keys`` relation (see ``queries.py``), gathered column by column."""

    def __init__(self) -> None:
        self.rid: list[int] = []
        self.side: list[str] = []
        self.kind: list[str] = []
        self.key: list[str] = []
        self.titled: list[bool] = []

    def add(self, rid: int, side: str, keys: BlockingKeys) -> None:
        rows = [("x", encode(k)) for k in keys.exact] + [("w", w) for w in sorted(keys.words)]
        if keys.head:
            rows.append(("h", encode(keys.head)))
        for kind, key in rows:
            self.rid.append(rid)
            self.side.append(side)
            self.kind.append(kind)
            self.key.append(key)
            self.titled.append(keys.titled)

    def columns(self, side: bool = True) -> dict[str, list]:
        found = {"rid": self.rid, "side": self.side, "kind": self.kind, "key": self.key, "titled": self.titled}
        if not side:
            del found["side"]
        return found

    def __len__(self) -> int:
        return len(self.rid)


def engine_candidates(name: str, say=lambda m: None, **options) -> Callable[[Sequence[Record], Thresholds], set]:
    """``match.candidates`` computed by engine ``name``: for ``merge --engine``."""
    def pairs_of(records: Sequence[Record], t: Thresholds) -> set[tuple[int, int]]:
        engine = get_engine(name, **options)
        try:
            return candidate_pairs(engine, records, t, say)
        finally:
            engine.close()

    return pairs_of


def candidate_pairs(engine, records: Sequence[Record], t: Thresholds, say=lambda m: None) -> set[tuple[int, int]]:
    """The candidate pairs of ``records`` (by position), as ``match.candidates`` finds them."""
    keys = KeyColumns()
    for r in records:
        keys.add(r.index, "L", blocking_keys(r))
    say(f"blocking {len(records)} records by {len(keys)} keys ({engine.name})")
    engine.put("list_keys", keys.columns())
    engine.make("w_df", queries.word_df("list_keys"))
    engine.make("members", queries.word_members("list_keys", "w_df", t))
    return pairs_from(engine, "list_keys", lambda ids: [records[i] for i in ids], t.title_close, False, say)


def pairs_from(engine, keys: str, views: Callable[[Sequence[int]], list], cutoff: float, focus: bool,
               say=lambda m: None, within: str | None = None) -> set[tuple[int, int]]:
    """The candidate pairs of the relations ``keys`` and ``members`` (``word_members``' rows),
    as ``match.candidates`` makes them: the exact pairs; in each large word block, the pairs
    whose titles are close (``match.close_in_block``, one matrix a block); and the pairs of small
    blocks not found yet whose titles are close or one inside the other (``match.close_mask``,
    in batches). ``views(rids)`` gives what scoring reads of those records (``title``, ``bare``,
    ``tokens``, ``stems``, ``index`` = rid). With ``focus``, only pairs with a list record; with
    ``within`` (a relation of rids), only pairs of those records."""
    pairs = {(i, j) for batch in engine.batches(queries.exact_pairs(keys, focus, within)) for i, j in batch}
    say(f"{len(pairs)} pairs by exact keys")
    rows = (row for batch in engine.batches(queries.large_blocks("members", focus, within)) for row in batch)
    blocks = 0
    for _, members in groupby(rows, key=itemgetter(0)):
        block = views([rid for _, rid in members])
        pairs.update(_listed_close(block, cutoff) if focus else close_in_block(block, cutoff))
        blocks += 1
    say(f"{len(pairs)} pairs after {blocks} large word blocks")
    small = 0
    for batch in engine.batches(queries.small_pairs("members", focus, within), SCORE_BATCH):
        batch = sorted(p for p in batch if p not in pairs)
        small += len(batch)
        if batch:
            i, j = (list(col) for col in zip(*batch))
            close = close_mask(views(i), views(j), cutoff)
            pairs.update(batch[k] for k in np.flatnonzero(close).tolist())
    say(f"{len(pairs)} candidate pairs ({small} pairs of small blocks scored)")
    return pairs


def _listed_close(block: Sequence, cutoff: float) -> Iterable[tuple[int, int]]:
    """The pairs of a large block with a list record (rid < 0) whose titles are close, the list
    record first (as ``queries`` orient them): only the list members' rows of the block's
    matrix are scored."""
    listed = [v for v in block if v.index < 0]
    close = close_across(listed, block, cutoff)
    for row, col in zip(*np.nonzero(close)):
        i, j = listed[row].index, block[col].index
        if i != j and (j >= 0 or i < j):
            yield i, j
