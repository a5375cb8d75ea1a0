"""Merging: the works the matcher found become one canonical list with provenance.

``merge`` is a short pipeline: match the entries into works, align the lists' sections into
topics, make one canonical record per work, place each work in the topic most of its entries
point to, and order everything deterministically. Nothing here reads or writes files.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable, Sequence

from .identify import canonical_url, id_url, normalise_title
from .model import ReadingList
from .overrides import Overrides
from .records import ET_AL, Record, strip_tags
from .rules import Thresholds
from .topics import REMAINDER, Topic, Unit, make_topics, unit_path
from .works import Matching, find_works

#: Which identifier names a work (and gives its link) when it has several.
SCHEME_ORDER = ("arxiv", "doi", "openreview", "acl", "pmlr", "neurips", "isbn", "github")


@dataclass(frozen=True)
class Work:
    """One work of the canon: the best of what its entries say, and the entries themselves."""

    id: str
    title: str | None
    ids: tuple[tuple[str, str], ...]
    url: str | None
    urls: tuple[str, ...]
    year: int | None
    years: tuple[int, ...]
    venue: str | None
    authors: tuple[str, ...]
    kind: str
    aliases: tuple[str, ...]
    lists: tuple[int, ...]          # indices of the lists that include it
    members: tuple[int, ...]        # record indices of its entries, in list then line order
    topic: str = REMAINDER

    @property
    def support(self) -> int:
        return len(self.lists)

    @property
    def untitled(self) -> bool:
        """Nothing to name or find it by: no title (with words in it) and no link."""
        return self.title is None and self.url is None


@dataclass(frozen=True)
class Canon:
    matching: Matching
    topics: tuple[Topic, ...]
    works: tuple[Work, ...]          # titled works in canonical order, topic by topic
    untitled: tuple[Work, ...]       # entries with nothing to match on, placed like works
    min_support: int = 1
    failures: tuple[tuple[str, int | None, str], ...] = ()   # inputs that could not be read

    @property
    def lists(self) -> tuple[ReadingList, ...]:
        return self.matching.lists

    @cached_property
    def shown(self) -> tuple[Work, ...]:
        """The works the canon lists: those in at least ``min_support`` lists."""
        return tuple(w for w in self.works if w.support >= self.min_support)

    @cached_property
    def _by_topic(self) -> dict[str, tuple[Work, ...]]:
        found: dict[str, list[Work]] = {}
        for work in self.shown:
            found.setdefault(work.topic, []).append(work)
        return {name: tuple(works) for name, works in found.items()}

    def in_topic(self, name: str) -> tuple[Work, ...]:
        return self._by_topic.get(name, ())

    def record(self, index: int) -> Record:
        return self.matching.records[index]


def merge(lists: Sequence[ReadingList], overrides: Overrides | None = None,
          thresholds: Thresholds = Thresholds(), min_support: int = 1,
          say: Callable[[str], None] = lambda message: None, pairs_of: Callable | None = None,
          watch: Callable | None = None) -> Canon:
    """Merge the lists into one canon. ``say`` hears what each stage did; ``pairs_of`` gives the
    candidate pairs (see ``works.find_works``; by default in memory); ``watch`` sees the pairs
    judged go by (a progress bar)."""
    if len(lists) > 1 and pairs_of is None:  # the HTML canon's charts: matplotlib loads meanwhile
        from .render.overlap import prepare

        prepare(sum(len(rl.entries) for rl in lists))
    matching = find_works(lists, overrides, thresholds, **({"pairs_of": pairs_of} if pairs_of else {}),
                          say=say, watch=watch)
    stats = matching.stats
    say(f"matched {stats['entries']} entries: {stats['candidate pairs']} candidate pairs, "
        f"{stats['same']} judged the same, {stats['vetoed']} vetoed, {stats['refused joins']} joins "
        f"refused -> {stats['works']} works")
    works = [canonical_work(matching, members) for members in matching.clusters]
    units = section_units(matching, works)
    topics = make_topics(units)
    say(f"aligned {len(units)} sections into {len(topics)} topics")
    works = place(matching, works, topics)
    if any(w.topic == REMAINDER for w in works):
        topics.append(Topic(REMAINDER, (), float("inf")))
    order = {t.name: n for n, t in enumerate(topics)}
    works.sort(key=lambda w: (order[w.topic], -w.support, _first_place(matching, w)))
    works = _with_ids(matching, works)
    titled = tuple(w for w in works if not w.untitled)
    used = {w.topic for w in titled if w.support >= min_support}
    say(f"{len(titled)} works in {len(used)} topics; "
        f"{sum(w.support >= min_support for w in titled)} with support >= {min_support}")
    return Canon(matching, tuple(t for t in topics if t.name in used), titled, tuple(w for w in works if w.untitled), min_support)


# --- canonical records ------------------------------------------------------------------------

def canonical_work(matching: Matching, members: Sequence[int]) -> Work:
    records = sorted((matching.records[i] for i in members), key=lambda r: (r.source, r.entry.line, r.index))
    entries = [r.entry for r in records]
    ids = _ids(records)
    title = best_title(records)
    years = sorted({r.year for r in records if r.year})
    return Work(
        id="", title=title, ids=ids, url=best_link(records, ids),
        urls=_distinct_urls(u for e in entries for u in (e.url, *e.urls) if u),
        year=years[0] if years else None, years=tuple(years),
        venue=_most_common(e.venue for e in entries if e.venue),
        authors=max((e.authors for e in entries), key=_author_rank),
        kind=_most_common(e.kind for e in entries if e.kind != "other") or "other",
        aliases=_aliases(records, title), lists=tuple(sorted({r.source for r in records})),
        members=tuple(r.index for r in records))


def best_title(records: Sequence[Record]) -> str | None:
    """A full title beats an alias; then the most complete (most words), then the most common
    form, then the first written."""
    shown = [strip_tags(r.entry.title)[0] for r in records if r.title]
    if not shown:
        return None
    aliases = {n for r in records for n in r.names if n != r.title}
    forms = Counter(normalise_title(t) for t in shown)
    spelled = Counter(shown)

    def rank(title: str) -> tuple:
        norm = normalise_title(title)
        return (norm in aliases and len(forms) > 1, -len(norm.split()), -forms[norm], -spelled[title])

    return min(shown, key=rank)


def best_link(records: Sequence[Record], ids: Sequence[tuple[str, str]]) -> str | None:
    """An identifier's canonical URL first, else the link most entries give (first on ties)."""
    for scheme, value in ids:
        url = id_url(scheme, value)
        if url:
            return url
    links = [r.entry.url for r in records if r.entry.url]
    if not links:
        return None
    counts = Counter(canonical_url(u) for u in links)
    return max(links, key=lambda u: counts[canonical_url(u)])


def _author_rank(authors: tuple[str, ...]) -> tuple[int, int]:
    """More named authors first, then fuller names ("Edward J. Hu" over "Hu et al.")."""
    named = [a for a in authors if a.strip().lower() not in ET_AL]
    return (len(named), sum(map(len, named)))


def _ids(records: Sequence[Record]) -> tuple[tuple[str, str], ...]:
    found = {pair for r in records for pair in r.strong_ids}
    return tuple(sorted(found, key=lambda p: (_scheme_rank(p[0]), p[1])))


def _scheme_rank(scheme: str) -> int:
    return SCHEME_ORDER.index(scheme) if scheme in SCHEME_ORDER else len(SCHEME_ORDER)


def _aliases(records: Sequence[Record], title: str | None) -> tuple[str, ...]:
    """Every other name the entries give the work (short names, bracket tags, aliases)."""
    best = normalise_title(title or "")
    names: dict[str, str] = {}
    for r in records:
        core, tags = strip_tags(r.entry.title) if r.entry.title else ("", ())
        written = [core, *tags] if r.entry.title else []
        for name in (*written, *r.entry.aliases):
            norm = normalise_title(name)
            if norm and norm != best and not norm.isdigit():
                names.setdefault(norm, name.strip())
    return tuple(sorted(names.values(), key=str.casefold))


def _distinct_urls(urls) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for url in urls:
        seen.setdefault(canonical_url(url), url)
    return tuple(seen.values())


def _most_common(values) -> str | None:
    counts = Counter(values)
    return max(counts, key=counts.get) if counts else None


# --- topics and placement -------------------------------------------------------------------

def section_units(matching: Matching, works: Sequence[Work]) -> list[Unit]:
    """Every list's units, in list order, each with the works placed in it."""
    held: dict[tuple[int, tuple[str, ...]], set[int]] = {}
    for n, work in enumerate(works):
        for i in work.members:
            if (key := _unit_key(matching.records[i])) is not None:
                held.setdefault(key, set()).add(n)
    units = []
    for source, rl in enumerate(matching.lists):
        paths = [unit_path(s.path) for s in rl.sections] + [unit_path(e.section) for e in rl.entries]
        ordered = [p for p in dict.fromkeys(paths) if (source, p) in held]
        for k, path in enumerate(ordered):
            units.append(Unit(source, path, k / max(1, len(ordered) - 1), frozenset(held[(source, path)])))
    return units


def place(matching: Matching, works: Sequence[Work], topics: Sequence[Topic]) -> list[Work]:
    """Each work goes to the topic most of its entries' sections belong to (the earlier topic on
    a tie); a work none of whose entries has a section goes to the remainder."""
    topic_of = {(u.source, u.path): t.name for t in topics for u in t.units}
    rank = {t.name: n for n, t in enumerate(topics)}
    placed = []
    for work in works:
        votes = Counter(topic_of[key] for i in work.members
                        if (key := _unit_key(matching.records[i])) in topic_of)
        topic = min(votes, key=lambda name: (-votes[name], rank[name])) if votes else REMAINDER
        placed.append(replace(work, topic=topic))
    return placed


def _unit_key(record: Record) -> tuple[int, tuple[str, ...]] | None:
    return (record.source, unit_path(record.entry.section)) if record.entry.section else None


def _first_place(matching: Matching, work: Work) -> tuple[int, int]:
    first = matching.records[work.members[0]]
    return (first.source, first.entry.line)


# --- ids ------------------------------------------------------------------------------------

def _with_ids(matching: Matching, works: Sequence[Work]) -> list[Work]:
    """A stable id per work: its first identifier, else a slug of its title, else its first
    entry's place; repeated ids get -2, -3 in canonical order."""
    taken: Counter[str] = Counter()
    out = []
    for work in works:
        base = (f"{work.ids[0][0]}:{work.ids[0][1]}" if work.ids
                else _slug(work.title or work.url) if not work.untitled else _place_id(matching, work.members[0]))
        taken[base] += 1
        out.append(replace(work, id=base if taken[base] == 1 else f"{base}-{taken[base]}"))
    return out


def _place_id(matching: Matching, index: int) -> str:
    record = matching.records[index]
    return f"untitled:{matching.lists[record.source].name}:{record.entry.line}"


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", normalise_title(title).encode("ascii", "ignore").decode()).split()
    return "-".join(words)[:60].rstrip("-") or "work"

