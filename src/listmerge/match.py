"""Which entries are the same work: blocking, rapidfuzz scoring inside blocks, and a verdict
for every candidate pair with the evidence and vetoes behind it.

Candidates come from exact keys (identifiers, links, names and title heads) and from words the
titles share; inside each word block ``rapidfuzz.process.cdist`` scores all titles at once. Every
candidate is then judged by the declared rules in ``rules.py``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import combinations
from typing import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .records import NameIndex, Record
from .rules import EVIDENCE, OUTRANKED_BY_PAGES, VETOES, Pair, Thresholds, corroborated

SAME, DISTINCT, UNSURE = "same", "distinct", "unsure"


@dataclass(frozen=True)
class Judgement:
    """The verdict on two records, with every piece of evidence for and against it."""

    a: int
    b: int
    verdict: str                         # same | distinct | unsure
    rule: str                            # the rule that decided
    score: float                         # similarity of the best-aligned names, 0-100
    names: tuple[str, str]               # the names that were compared
    evidence: tuple[tuple[str, str], ...]   # (rule name, detail)
    vetoes: tuple[tuple[str, str], ...]

    @property
    def strength(self) -> float:
        """How sure the join is; clustering takes the strongest joins first."""
        return DECIDING_STRENGTH.get(self.rule, 0.0) + self.score / 100 + len(self.evidence) / 100


#: The order verdicts are reached in; the first that applies decides.
DECIDING_STRENGTH = {
    "override-same": 9.0, "same-id": 8.0, "same-link": 7.0, "same-pages": 6.0, "title": 5.0,
    "close-title": 4.0, "subtitle-dropped": 3.0, "same-name": 3.0,
}


@dataclass(frozen=True)
class Context:
    """What every comparison of one run shares."""

    names: NameIndex
    thresholds: Thresholds
    same: frozenset[tuple[int, int]] = frozenset()       # override pairs, a < b
    distinct: frozenset[tuple[int, int]] = frozenset()

    def overrides(self, a: int, b: int) -> frozenset[str]:
        key = (min(a, b), max(a, b))
        return frozenset(k for k, pairs in (("same", self.same), ("distinct", self.distinct)) if key in pairs)


def judge(a: Record, b: Record, ctx: Context) -> Judgement:
    """Compare two records by every rule and reach a verdict."""
    pair = Pair(a, b, ctx.names, ctx.thresholds, overrides=ctx.overrides(a.index, b.index))
    evidence = tuple((r.name, d) for r in EVIDENCE if (d := r.test(pair)))
    vetoes = tuple((r.name, d) for r in VETOES if (d := r.test(pair)))
    verdict, rule = decide(pair, {name for name, _ in evidence}, {name for name, _ in vetoes})
    lo, hi = sorted((a.index, b.index))
    names = (pair.name_a, pair.name_b) if a.index == lo else (pair.name_b, pair.name_a)
    return Judgement(lo, hi, verdict, rule, round(pair.score, 1), names, evidence, vetoes)


def decide(p: Pair, found: set[str], vetoed: set[str]) -> tuple[str, str]:
    t = p.thresholds
    if "same" in p.overrides:
        return SAME, "override-same"
    if "override-distinct" in vetoed:
        return DISTINCT, "override-distinct"
    if "same-id" in found:
        return SAME, "same-id"
    if "same-pages" in found and p.a.stems & p.b.stems and not vetoed - OUTRANKED_BY_PAGES:
        return SAME, "same-pages"
    if vetoed:
        return DISTINCT, sorted(vetoed)[0]
    if "same-link" in found:
        return SAME, "same-link"
    plain = not (p.a.generic or p.b.generic or p.a.shared or p.b.shared)
    backed = corroborated(found, p.a, p.b)
    if "same-name" in found and corroborated(found, p.a, p.b, alias=True):
        return SAME, "same-name"
    if p.both_titles and p.a.stems & p.b.stems:
        if p.score >= t.title_same and (backed or plain):
            return SAME, "title"
        if p.score >= t.title_close and backed:
            return SAME, "close-title"
    if "subtitle-dropped" in found:
        short = min((p.a, p.b), key=lambda r: len(r.title))
        if backed or (plain and len(short.tokens) >= t.long_head):
            return SAME, "subtitle-dropped"
    return UNSURE, "no-rule"


def mark_shared_names(records: Sequence[Record], ctx: Context) -> list[Record]:
    """Titles that the inputs give to works a veto keeps apart (two arXiv ids, two authors'
    columns, years far apart) are names several works share: a match on such a title needs
    more corroboration. The answer depends on the records, not on how they
    are split into files."""
    by_title: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        if r.title and not r.generic:
            by_title[r.title].append(r)
    shared = {title for title, group in by_title.items() if len(group) > 1 and any(
        vetoes_only(a, b, ctx) for a, b in combinations(group, 2))}
    return [replace(r, shared=True) if r.title in shared else r for r in records]


def vetoes_only(a: Record, b: Record, ctx: Context) -> bool:
    """True when some veto (other than an override) separates two records."""
    pair = Pair(a, b, ctx.names, ctx.thresholds)
    return not (a.strong_ids & b.strong_ids) and any(r.test(pair) for r in VETOES)


# --- candidates ----------------------------------------------------------------------------

def exact_keys(r: Record) -> Iterable[tuple]:
    for scheme, value in r.strong_ids | r.weak_ids:
        yield ("id", scheme, value)
    for url in r.urls:
        yield ("url", url)
    if r.volume and r.last_page:
        yield ("pages", r.volume, r.first_page, r.last_page)
    for name in r.names | {r.head}:
        if name:
            yield ("name", name)


def word_keys(records: Sequence[Record], t: Thresholds) -> dict[str, list[int]]:
    """Blocks of records that share a (stemmed) title word; words shared by more than
    ``max_block`` records are skipped, except for records with nothing rarer."""
    words = [sorted(r.stems) for r in records]
    df = Counter(w for ws in words for w in ws)
    blocks: dict[str, list[int]] = defaultdict(list)
    for r, ws in zip(records, words):
        if not r.title:
            continue
        keys = [w for w in ws if df[w] <= t.max_block] or sorted(ws, key=lambda w: (df[w], w))[: t.rare_keys]
        for w in keys:
            blocks[w].append(r.index)
    return blocks


def candidates(records: Sequence[Record], t: Thresholds) -> set[tuple[int, int]]:
    """Pairs (i < j) worth judging: same exact key, or titles scoring at least ``title_close``
    inside a word block (scored with process.cdist, one matrix a block)."""
    pairs: set[tuple[int, int]] = set()
    exact: dict[tuple, list[int]] = defaultdict(list)
    for r in records:
        for key in exact_keys(r):
            exact[key].append(r.index)
    for members in exact.values():
        pairs.update(combinations(sorted(set(members)), 2))
    for members in word_keys(records, t).values():
        if len(members) > 1:
            pairs.update(_scored_pairs([records[i] for i in members], t.title_close))
    return pairs


def _scored_pairs(block: list[Record], cutoff: float) -> Iterable[tuple[int, int]]:
    """Pairs of the block whose titles, or titles without form words, score >= cutoff."""
    scores = _cdist([r.title for r in block], cutoff)
    if any(r.bare != r.title for r in block):
        scores = np.maximum(scores, _cdist([r.bare for r in block], cutoff))
    rows, cols = np.nonzero(np.triu(scores, k=1))
    index = np.array([r.index for r in block])
    for i, j in zip(index[rows].tolist(), index[cols].tolist()):
        yield (i, j) if i < j else (j, i)


def _cdist(titles: list[str], cutoff: float) -> np.ndarray:
    return process.cdist(titles, titles, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff,
                         dtype=np.uint8, workers=-1 if len(titles) > 256 else 1)


def judge_all(records: Sequence[Record], pairs: Iterable[tuple[int, int]], ctx: Context) -> list[Judgement]:
    return [judge(records[i], records[j], ctx) for i, j in sorted(pairs)]


def brute_force(records: Sequence[Record], ctx: Context) -> list[Judgement]:
    """Every pair judged: the reference the blocked matcher is tested against (small inputs)."""
    return judge_all(records, combinations(range(len(records)), 2), ctx)
