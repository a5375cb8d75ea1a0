"""Which entries are the same work: blocking, rapidfuzz scoring inside blocks, and a verdict
for every candidate pair with the evidence and vetoes behind it.

Candidates come from exact keys (identifiers, links, names and title heads) and from words the
titles share; inside each word block ``rapidfuzz.process.cdist`` scores all titles at once. Every
candidate is then judged by the declared rules in ``rules.py``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from rapidfuzz import fuzz, process

from .records import NameIndex, Record, content_tokens, generic_key, stem
from .rules import (EVIDENCE, LONG_TITLE, OUTRANKED_BY_PAGES, OUTRANKED_BY_PUBLICATION, VETOES, Pair, Thresholds,
                    corroborated, same_publication)

if TYPE_CHECKING:  # NumPy is imported where the scoring is large enough for its matrices to pay
    import numpy as np

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
    whole: bool = False                  # the whole titles, tags included ("(part II)"), are the same

    @property
    def rank(self) -> tuple[float, int, float, bool]:
        """How sure the join is, to choose between joins: the rule that decided, then how many
        of the secondary fields (authors, year, venue, locator, link) agree, then the score of
        the compared names, then whether the whole titles with their tags are the same."""
        fields = {SECONDARY[name] for name, _ in self.evidence if name in SECONDARY}
        return DECIDING_STRENGTH.get(self.rule, 0.0), len(fields), self.score, self.whole


#: The order verdicts are reached in; the first that applies decides.
DECIDING_STRENGTH = {
    "override-same": 9.0, "unchanged-entry": 8.5, "same-id": 8.0, "same-link": 7.0, "same-pages": 6.0,
    "same-publication": 5.5, "title": 5.0,
    "close-title": 4.0, "subtitle-dropped": 3.0, "same-name": 3.0,
}


#: Evidence about a field other than the title, by the field it is about.
SECONDARY = {
    "same-year": "year", "year-agrees": "year", "shared-author": "authors", "same-venue": "venue",
    "same-pages": "locator", "same-locator": "locator", "same-link": "link", "same-site": "link",
    "linked-id": "link",
}


@dataclass(frozen=True)
class Context:
    """What every comparison of one run shares."""

    names: NameIndex
    thresholds: Thresholds
    same: frozenset[tuple[int, int]] = frozenset()       # override pairs, a < b
    distinct: frozenset[tuple[int, int]] = frozenset()
    unchanged: frozenset[tuple[int, int]] = frozenset()  # one entry left as it was in two versions

    def overrides(self, a: int, b: int) -> frozenset[str]:
        key = (min(a, b), max(a, b))
        return frozenset(k for k, pairs in (("same", self.same), ("distinct", self.distinct),
                                            ("unchanged", self.unchanged)) if key in pairs)


def judge(a: Record, b: Record, ctx: Context) -> Judgement:
    """Compare two records by every rule and reach a verdict."""
    pair = Pair(a, b, ctx.names, ctx.thresholds, overrides=ctx.overrides(a.index, b.index))
    evidence = tuple((r.name, d) for r in EVIDENCE if (d := r.test(pair)))
    vetoes = tuple((r.name, d) for r in VETOES if (d := r.test(pair)))
    verdict, rule = decide(pair, dict(evidence), {name for name, _ in vetoes})
    lo, hi = sorted((a.index, b.index))
    names = (pair.name_a, pair.name_b) if a.index == lo else (pair.name_b, pair.name_a)
    whole = verdict == SAME and a.full_title == b.full_title
    return Judgement(lo, hi, verdict, rule, round(pair.score, 1), names, evidence, vetoes, whole)


def decide(p: Pair, found: dict[str, str], vetoed: set[str]) -> tuple[str, str]:
    t = p.thresholds
    if "same" in p.overrides:
        return SAME, "override-same"
    if "override-distinct" in vetoed:
        return DISTINCT, "override-distinct"
    if "unchanged" in p.overrides:
        return SAME, "unchanged-entry"
    if "same-id" in found:
        return SAME, "same-id"
    if "same-pages" in found and titles_overlap(p.a, p.b) and not vetoed - OUTRANKED_BY_PAGES:
        return SAME, "same-pages"
    if "same-publication" in found and vetoed and vetoed <= OUTRANKED_BY_PUBLICATION:
        return SAME, "same-publication"
    if vetoed:
        return DISTINCT, sorted(vetoed)[0]
    if "same-link" in found:
        return SAME, "same-link"
    plain = not (p.a.generic or p.b.generic or p.a.shared or p.b.shared or p.trimmed)
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


def titles_overlap(a: Record, b: Record) -> bool:
    """At least half the title words of the shorter title are in the other: the printed pages
    may outrank a reworded or translated title, not a different one."""
    short = min(a.stems, b.stems, key=len)
    return bool(short) and 2 * len(a.stems & b.stems) >= len(short)


def mark_shared_names(records: Sequence[Record], ctx: Context) -> list[Record]:
    """Titles that the inputs give to works a veto keeps apart (two arXiv ids, two authors'
    columns, years far apart) are names several works share: a match on such a title needs
    more corroboration. The answer depends on the records, not on how they
    are split into files."""
    by_title: dict[str, dict] = defaultdict(dict)
    for r in records:  # an entry repeated word for word is one (vetoes treat its copies alike)
        if r.title and not r.generic:
            by_title[r.title].setdefault((r.source, twin_key(r)), r)
    shared = {title for title, group in by_title.items() if len(group) > 1 and any(
        vetoes_only(a, b, ctx) for a, b in combinations(group.values(), 2))}
    kinds = Counter(generic_key(r) for r in records if r.generic and r.title and r.personal and r.year)
    return [replace(r, shared=r.title in shared, twin=kinds.get(generic_key(r)) == 2)
            if r.title in shared or kinds.get(generic_key(r)) == 2 else r for r in records]


def twin_key(r: Record):
    """What judging reads of a record's entry: all of it but where it stands (an entry a list
    repeats word for word has one key)."""
    return replace(r.entry, line=1, end_line=1, parent=None)


def vetoes_only(a: Record, b: Record, ctx: Context) -> bool:
    """True when some veto (other than an override) separates two records, and nothing that
    outranks it (the same publication against author fields) joins them. Author fields alone do
    not make a long title (``LONG_TITLE`` content words) a name several works share: scraped
    author fields are too often wrong for that."""
    pair = Pair(a, b, ctx.names, ctx.thresholds)
    if a.strong_ids & b.strong_ids:
        return False
    vetoed = {r.name for r in VETOES if r.test(pair)}
    if vetoed and vetoed <= OUTRANKED_BY_PUBLICATION:
        return not (same_publication(pair) or (a.title == b.title and len(a.tokens) >= LONG_TITLE))
    return bool(vetoed)


# --- candidates ---------------------------------------------------------------------------
#
# Candidate generation is two parts: the keys of each record (``blocking_keys``, the one place
# they are worked out) and the pairs those keys make (``exact_pairs`` and ``word_blocks`` here,
# the same counting, rarest-keys choice and self-join in SQL in ``listmerge.scale``), then the
# titles of word-block pairs are scored (``close_mask``) by either engine.


@dataclass(frozen=True)
class BlockingKeys:
    """What a record is paired by: equal exact keys pair two records whatever their number; a
    title head that is not a name of the record's own meets the records whose name it is; word
    keys (stems and pairs of adjacent stems of the title) make blocks whose titles are scored.
    Only titled records join word blocks (every record's word keys count towards their size)."""

    exact: tuple[tuple, ...]
    head: tuple | None
    words: frozenset[str]
    titled: bool


def blocking_keys(r: Record) -> BlockingKeys:
    head = ("name", r.head) if r.head and r.head not in r.names else None
    return BlockingKeys(tuple(exact_keys(r)), head, _block_keys(r), bool(r.title))


def exact_keys(r: Record) -> Iterable[tuple]:
    for scheme, value in r.strong_ids | r.weak_ids:
        yield ("id", scheme, value)
    for url in r.urls:
        yield ("url", url)
    if r.volume and r.last_page:
        yield ("pages", r.volume, r.first_page, r.last_page)
    for name in r.names:
        yield ("name", name)


def exact_pairs(keys: Sequence[BlockingKeys]) -> set[tuple[int, int]]:
    """Pairs (i < j) of records (by position) with an exact key in common, and the pairs of a
    title head with the records whose name it is."""
    pairs: set[tuple[int, int]] = set()
    exact: dict[tuple, list[int]] = defaultdict(list)
    for index, ks in enumerate(keys):
        for key in ks.exact:
            exact[key].append(index)
    for members in exact.values():  # in index order, each record once: its keys differ
        if len(members) > 1:
            pairs.update(combinations(members, 2))
    for index, ks in enumerate(keys):  # a head meets the titles it is the whole of, not the other heads
        if ks.head:
            pairs.update((min(i, index), max(i, index)) for i in exact.get(ks.head, ()))
    return pairs


def word_blocks(keys: Sequence[BlockingKeys], t: Thresholds) -> dict[str, list[int]]:
    """Blocks of records (by position) that share a (stemmed) title word or a pair of adjacent
    title words. Keys shared by more than ``max_block`` records are skipped, except a record's
    rarest keys when it has nothing rarer. Word pairs keep two copies of a title whose every word
    is common ("Transaction Management: Algorithms and Performance") in a small block of their own."""
    df = Counter(k for ks in keys for k in ks.words)
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, ks in enumerate(keys):
        if not ks.titled:
            continue
        words = ks.words
        for k in [k for k in words if df[k] <= t.max_block] or sorted(words, key=lambda k: (df[k], k))[: t.rare_keys]:
            blocks[k].append(index)
    return blocks


def _block_keys(r: Record) -> frozenset[str]:
    return r.stems | stem_pairs(r.title)


@lru_cache(maxsize=262144)
def stem_pairs(title: str) -> frozenset[str]:
    """The pairs of adjacent stemmed content words of a title ("deep learn", "learn model"),
    worked out once a title: copies of a work share theirs."""
    words = [stem(w) for w in content_tokens(title)]
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:]))


def candidates(records: Sequence[Record], t: Thresholds) -> set[tuple[int, int]]:
    """Pairs (i < j) worth judging: same exact key (an identifier, a link, a page range, a
    name), a title head that is another record's name, or titles scoring at least
    ``title_close`` inside a word block (a large block scored as one process.cdist matrix, the
    pairs of small blocks pooled). Two titles that share only their head ("Data: a survey",
    "Data: a toolkit") are not paired for it: no rule joins them on it."""
    keys = [blocking_keys(r) for r in records]
    pairs = exact_pairs(keys)
    large: list[list[Record]] = []
    small: set[tuple[int, int]] = set()
    for members in word_blocks(keys, t).values():
        if len(members) > SMALL_BLOCK:
            large.append([records[i] for i in members])
        elif len(members) > 1:
            small.update(combinations(members, 2))
    in_numpy = numpy_pays(sum(len({r.title for r in block}) ** 2 for block in large), len(small))
    for block in large:
        pairs.update((close_in_block if in_numpy else _close_in_block_py)(block, t.title_close))
    found = sorted(small - pairs)
    if found and in_numpy:
        import numpy as np

        close = close_mask([records[i] for i, _ in found], [records[j] for _, j in found], t.title_close)
        pairs.update(found[k] for k in np.flatnonzero(close).tolist())
    elif found:
        pairs.update((i, j) for i, j in found if _close_py(records[i], records[j], t.title_close))
    return pairs


#: What scoring in NumPy saves and costs, in seconds on this project's 2-core machine (their
#: proportions hold elsewhere): importing NumPy; a comparison inside a block by
#: ``process.extract`` (a row at a time, in C) over what ``process.cdist`` takes for it; a pooled
#: pair scored in Python over what ``process.cpdist`` takes for it.
NUMPY_IMPORT_SECONDS = 0.06
BLOCK_CELL_EXTRA_SECONDS = 2e-8
PAIR_EXTRA_SECONDS = 4.5e-7


def numpy_pays(block_cells: int, pairs: int = 0) -> bool:
    """Whether scoring ``block_cells`` comparisons in blocks (a block of n titles is n * n) and
    ``pairs`` single pairs as NumPy matrices saves more than importing NumPy costs."""
    return block_cells * BLOCK_CELL_EXTRA_SECONDS + pairs * PAIR_EXTRA_SECONDS > NUMPY_IMPORT_SECONDS


#: Blocks up to this size are not scored a matrix each: their pairs are pooled, and each pair is
#: scored once (process.cpdist), however many small blocks it is in.
SMALL_BLOCK = 24


def close_mask(left: Sequence, right: Sequence, cutoff: float, contained: "np.ndarray | None" = None) -> np.ndarray:
    """For each pair (left[k], right[k]), whether its titles, or titles without form words,
    score >= cutoff; or (where ``contained`` allows it: by default everywhere) whether one title
    nearly contains the other (``CONTAINED``), as a title does that a citation's fragments were
    pasted around ("alon levy . a scalable algorithm for ...": the judgement decides whether the
    pair's fields explain them). ``left`` and ``right`` hold records, or anything with their
    ``title``, ``bare``, ``tokens`` and ``stems``."""
    import numpy as np

    if not len(left):
        return np.zeros(0, dtype=bool)
    scores = _cpdist([r.title for r in left], [r.title for r in right], cutoff)
    scores = np.maximum(scores, _cpdist([r.bare for r in left], [r.bare for r in right], cutoff))
    words_l = np.fromiter((len(r.tokens) for r in left), dtype=np.int32, count=len(left))
    words_r = np.fromiter((len(r.tokens) for r in right), dtype=np.int32, count=len(right))
    len_l = np.fromiter((len(r.title) for r in left), dtype=np.int32, count=len(left))
    len_r = np.fromiter((len(r.title) for r in right), dtype=np.int32, count=len(right))
    short, long = np.minimum(len_l, len_r), np.maximum(len_l, len_r)
    maybe = (scores == 0) & (np.minimum(words_l, words_r) >= CONTAINED_WORDS) & (short * 100 <= long * CONTAINED_SHARE)
    if contained is not None:
        maybe &= contained
    rest = [k for k in np.flatnonzero(maybe).tolist() if _words_inside(left[k], right[k])]
    if rest:
        inside = _cpdist([left[k].title for k in rest], [right[k].title for k in rest], CONTAINED, fuzz.partial_ratio)
        scores[[rest[k] for k in np.flatnonzero(inside).tolist()]] = 1
    return scores > 0


def _close_py(a, b, cutoff: float) -> bool:
    """``close_mask`` for one pair, in Python: its titles, or titles without form words, score
    >= cutoff, or one title nearly contains the other."""
    if fuzz.ratio(a.title, b.title, processor=None, score_cutoff=cutoff) or \
            fuzz.ratio(a.bare, b.bare, processor=None, score_cutoff=cutoff):
        return True
    short, long = sorted((len(a.title), len(b.title)))
    return (min(len(a.tokens), len(b.tokens)) >= CONTAINED_WORDS and short * 100 <= long * CONTAINED_SHARE
            and _words_inside(a, b)
            and fuzz.partial_ratio(a.title, b.title, processor=None, score_cutoff=CONTAINED) > 0)


def _words_inside(a, b) -> bool:
    """All title words of the shorter title but one are in the longer (a cheap test before the
    character-level one)."""
    short, long = (a, b) if len(a.title) <= len(b.title) else (b, a)
    return len(_title_stems(short.title) - _title_stems(long.title)) <= 1


def _title_stems(title: str) -> set[str]:
    """The stems of the title's own words (a record's ``stems`` hold its aliases' and tags' too:
    "(experience paper)" is not in a title that a citation was pasted around)."""
    return {stem(w) for w in content_tokens(title)}


#: How nearly one title must hold the other (rapidfuzz partial_ratio) to be judged; how many
#: content words the shorter needs for that (two words are inside too many titles); and at most
#: what share of the longer's length (in percent) the shorter may have: titles of about one
#: length that are not close by ratio are not one inside the other.
CONTAINED = 90.0
CONTAINED_WORDS = 2
CONTAINED_SHARE = 90


def _cpdist(a: list[str], b: list[str], cutoff: float, scorer=fuzz.ratio) -> np.ndarray:
    import numpy as np

    return process.cpdist(a, b, scorer=scorer, processor=None, score_cutoff=cutoff, dtype=np.uint8, workers=-1)


def close_in_block(block: list[Record], cutoff: float) -> Iterable[tuple[int, int]]:
    """Pairs of the block whose titles, or titles without form words, score >= cutoff. Each
    distinct title is scored once (records with equal titles already share a name key), and
    titles without form words only where they differ from the title."""
    import numpy as np

    holders: dict[str, list[int]] = defaultdict(list)
    for r in block:
        holders[r.title].append(r.index)
    titles = sorted(holders)
    scores = _cdist(titles, titles, cutoff)
    bare_of = {r.title: r.bare for r in block}
    bare = [bare_of[t] for t in titles]
    odd = [k for k, (t, b) in enumerate(zip(titles, bare)) if t != b]
    if odd:
        more = _cdist([bare[k] for k in odd], bare, cutoff)
        scores[odd, :] = np.maximum(scores[odd, :], more)
        scores[:, odd] = np.maximum(scores[:, odd], more.T)
    rows, cols = np.nonzero(np.triu(scores, k=1))
    for row, col in zip(rows.tolist(), cols.tolist()):
        for i in holders[titles[row]]:
            for j in holders[titles[col]]:
                yield (i, j) if i < j else (j, i)


def _close_in_block_py(block: list[Record], cutoff: float) -> Iterable[tuple[int, int]]:
    """``close_in_block`` without NumPy: each distinct title against the titles after it, by
    ``process.extract`` (the same scorer and cutoff, a row at a time); titles without form
    words where they differ from the title."""
    holders: dict[str, list[int]] = defaultdict(list)
    for r in block:
        holders[r.title].append(r.index)
    titles = sorted(holders)
    bare_of = {r.title: r.bare for r in block}
    bare = [bare_of[t] for t in titles]
    close: set[tuple[int, int]] = set()
    for row, title in enumerate(titles):
        close.update((row, row + 1 + col) for col in _extract(title, titles[row + 1:], cutoff))
    for row in (k for k, (t, b) in enumerate(zip(titles, bare)) if t != b):
        close.update((min(row, col), max(row, col)) for col in _extract(bare[row], bare, cutoff) if col != row)
    for row, col in close:
        for i in holders[titles[row]]:
            for j in holders[titles[col]]:
                yield (i, j) if i < j else (j, i)


def _extract(query: str, choices: list[str], cutoff: float, scorer=fuzz.ratio) -> list[int]:
    """The positions of the ``choices`` that score at least ``cutoff`` against ``query``."""
    return [at for _, _, at in process.extract(query, choices, scorer=scorer, processor=None,
                                               score_cutoff=cutoff, limit=None)]


def close_across(left: Sequence, right: Sequence, cutoff: float) -> np.ndarray:
    """A matrix: whether each title of ``left`` is close to each of ``right`` as inside a large
    block (titles, or titles without form words, scoring >= cutoff): the rows of a block's
    matrix that ``close_in_block`` scores, for the few members that are asked about."""
    import numpy as np

    scores = _cdist([r.title for r in left], [r.title for r in right], cutoff)
    return np.maximum(scores, _cdist([r.bare for r in left], [r.bare for r in right], cutoff)) > 0


def _cdist(queries: list[str], choices: list[str], cutoff: float) -> np.ndarray:
    import numpy as np

    return process.cdist(queries, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff,
                         dtype=np.uint8, workers=-1 if len(choices) > 256 else 1)


def judge_all(records: Sequence[Record], pairs: Iterable[tuple[int, int]], ctx: Context,
              watch: Callable[[list], Iterable] | None = None) -> list[Judgement]:
    """Each pair judged, in order; ``watch`` sees the ordered pairs go by (a progress bar)."""
    ordered = sorted(pairs)
    return [judge(records[i], records[j], ctx) for i, j in (watch(ordered) if watch else ordered)]


def brute_force(records: Sequence[Record], ctx: Context) -> list[Judgement]:
    """Every pair judged: the reference the blocked matcher is tested against (small inputs)."""
    return judge_all(records, combinations(range(len(records)), 2), ctx)
