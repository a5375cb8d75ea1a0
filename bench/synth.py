"""Synthetic reading lists with known truth, grown from the DBLP-ACM records.

``write_pair(n, folder, shared, seed)`` writes two markdown lists, ``a.md`` and ``b.md``, with
n entries between them (n // 2 each), and ``truth.csv`` (file, line, work) naming the work of
every entry. The same seed always gives the same files.

The works. The first 2,470 are the real DBLP records whose title no other DBLP record has (146
records share 35 titles: recurring columns such as "Editor's Notes", which a reading list could
not tell apart, are left out); those that ACM also lists carry ACM's spelling as a real variant
(title, authors, venue). Beyond them, each further work k is made
from a template record: its stopwords and shape are kept, about 70% of its content words are
replaced by words drawn (by frequency) from the whole DBLP vocabulary, and one coined word unique
to k (two vocabulary words joined, e.g. "Streamjoin") is inserted, so no two works share a title;
authors are real given names and surnames recombined; venue and year are the template's. Every
work has a DOI (10.1145/...), about half an arXiv id (old style, cs/YYMMNNN), and a home page.

The lists. List b holds about half of list a's works plus works of its own; about 8% of each
list's entries are a second copy of a work already in that list, under another section.
Sections are "## venue" with "### year" below. Every entry is one line,
``- [Title](link) (Authors, Year) — Venue``, and each copy is noisy: a typo (15%), a dropped
subtitle (10% of titles with one), lower case (5%), the ACM spelling (50% of works that have
one), authors as initials or "Surname, I." or "First et al." and in another order, abbreviated or
expanded venue (DBLP's and ACM's names for the same venue), a link to the DOI, the arXiv id or the
home page in one of several spellings, the year one earlier for an arXiv copy (20%), and
entries moved to another section (10%).
"""
from __future__ import annotations

import csv
import html
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

STOPWORDS = frozenset("a an and are as at by for from in into of on or the to via with using over".split())
DUPLICATE_SHARE = 0.08      # entries that are a second copy of a work in the same list
SHARED_SHARE = 0.5          # of list a's works, the share list b holds too
ARXIV_SHARE = 0.5           # works with an arXiv id
#: arXiv's old-style archives, 999 ids a month each: the first six serve lists of up to a million
#: works or so, the rest a catalogue of millions.
ARCHIVES = ("cs", "math", "physics", "q-bio", "nlin", "cond-mat", "astro-ph", "hep-th", "hep-ph", "hep-ex", "hep-lat",
            "gr-qc", "quant-ph", "math-ph", "nucl-th", "nucl-ex", "chao-dyn", "solv-int", "patt-sol", "adap-org",
            "comp-gas", "mtrl-th", "supr-con", "acc-phys", "alg-geom", "ao-sci", "atom-ph", "bayes-an", "chem-ph",
            "cmp-lg", "dg-ga", "funct-an", "plasm-ph", "q-alg")


@dataclass(frozen=True)
class Work:
    key: str
    title: str
    authors: tuple[str, ...]
    venue: str
    year: int
    doi: str
    arxiv: str | None
    home: str
    variant: tuple[str, tuple[str, ...], str] | None = None   # ACM's title, authors, venue


@dataclass(frozen=True)
class Source:
    """What the generator draws on: the DBLP records, ACM's variants and the pools of words."""

    records: tuple[dict, ...]
    variants: dict[str, tuple[str, tuple[str, ...], str]]
    venue_names: dict[str, str]           # DBLP venue -> ACM's name for it, and back
    words: tuple[str, ...]                # content words, one per occurrence (frequency-weighted)
    vocabulary: tuple[str, ...]           # distinct content words, sorted
    given: tuple[str, ...]
    surnames: tuple[str, ...]


def _authors(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in html.unescape(text or "").split(",") if a.strip())


def _rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _distinct(records: list[dict]) -> list[dict]:
    """The records whose title no other record has: recurring columns ("Editor's Notes", 30
    times) and conference/journal twins can't be told apart by what a reading list shows."""
    def key(r: dict) -> str:
        return re.sub(r"[^a-z0-9]+", " ", r["title"].lower()).strip()

    counts = Counter(key(r) for r in records)
    return [r for r in records if counts[key(r)] == 1]


@lru_cache(maxsize=4)
def load_source(folder: Path) -> Source:
    """Read dblp.csv, acm.csv and matches.csv in place."""
    dblp, acm = _distinct(_rows(folder / "dblp.csv")), {r["id"]: r for r in _rows(folder / "acm.csv")}
    variants = {}
    kept = {r["id"] for r in dblp}
    for m in (m for m in _rows(folder / "matches.csv") if m["dblp_id"] in kept):
        a = acm[m["acm_id"]]
        variants[m["dblp_id"]] = (html.unescape(a["title"]), _authors(a["authors"]), html.unescape(a["venue"]))
    by_id = {r["id"]: r for r in dblp}
    pairs = Counter((by_id[d]["venue"], v[2]) for d, v in variants.items())
    names = {}
    for (short, long), _ in pairs.most_common():
        names.setdefault(short, long)
        names.setdefault(long, short)
    words = [w for r in dblp for w in re.findall(r"[A-Za-z][A-Za-z\-]{2,}", r["title"]) if w.lower() not in STOPWORDS]
    people = [p.split() for r in dblp for p in _authors(r["authors"]) if len(p.split()) >= 2]
    return Source(tuple(dblp), variants, names, tuple(words), tuple(sorted({w.lower() for w in words if w.isalpha()})),
                  tuple(sorted({p[0] for p in people})), tuple(sorted({p[-1] for p in people})))


# --- works --------------------------------------------------------------------------------

def make_works(count: int, source: Source, rng: random.Random) -> list[Work]:
    """``count`` distinct works: the DBLP records (shuffled) first, then derived ones."""
    return list(iter_works(count, source, rng))


def iter_works(count: int | None, source: Source, rng: random.Random) -> Iterator[Work]:
    """The works of ``make_works`` one at a time (``count`` None: without end), so that a
    catalogue of millions is written without holding them."""
    order = list(source.records)
    rng.shuffle(order)
    arxiv_ids = _arxiv_ids(rng)
    k = 0
    while count is None or k < count:
        template = order[k % len(order)]
        if k < len(order):
            title, authors = html.unescape(template["title"]), _authors(template["authors"])
            variant = source.variants.get(template["id"])
        else:
            title, authors, variant = derived_title(k, template, source, rng), derived_authors(template, source, rng), None
        year = int(template["year"])
        arxiv = next(arxiv_ids)(year, rng) if rng.random() < ARXIV_SHARE else None
        yield Work(f"w{k}", _clean(title), authors, template["venue"], year, f"10.1145/{1000000 + k}",
                   arxiv, _home(k, authors), variant)
        k += 1


def _clean(title: str) -> str:
    return " ".join(title.replace("[", "(").replace("]", ")").split())


def _arxiv_ids(rng: random.Random):
    """Yields a function giving a fresh old-style arXiv id for a year, never the same twice."""
    used: Counter = Counter()

    def fresh(year: int, rng: random.Random) -> str:
        month = rng.randrange(1, 13)
        archive = ARCHIVES[used[(year, month)] // 999]
        used[(year, month)] += 1
        return f"{archive}/{year % 100:02d}{month:02d}{used[(year, month)] % 999 + 1:03d}"

    while True:
        yield fresh


def coined(k: int, source: Source) -> str:
    """A word unique to work k: two vocabulary words joined, chosen by k's digits in base V."""
    v = source.vocabulary
    first, second = v[k % len(v)], v[(k // len(v)) % len(v)]
    return (first + second).capitalize()


def derived_title(k: int, template: dict, source: Source, rng: random.Random) -> str:
    words = html.unescape(template["title"]).split()
    out = [w if w.lower() in STOPWORDS or rng.random() < 0.3 else _like(rng.choice(source.words), w) for w in words]
    out.insert(rng.randrange(len(out) + 1), coined(k, source))
    return " ".join(out)


def _like(word: str, model: str) -> str:
    """``word`` capitalised like ``model`` and keeping its trailing colon or comma."""
    word = word.capitalize() if model[:1].isupper() else word.lower()
    return word + (model[-1] if model[-1] in ":,?" else "")


def derived_authors(template: dict, source: Source, rng: random.Random) -> tuple[str, ...]:
    count = max(1, len(_authors(template["authors"])))
    return tuple(f"{rng.choice(source.given)} {rng.choice(source.surnames)}" for _ in range(count))


def _home(k: int, authors: tuple[str, ...]) -> str:
    surname = re.sub(r"[^a-z]", "", (authors[0].split()[-1] if authors else "lab").lower()) or "lab"
    return f"https://www.cs.uni{k % 97}.edu/~{surname}/papers/p{k}.pdf"


# --- noisy copies -------------------------------------------------------------------------

def noisy_title(work: Work, rng: random.Random) -> str:
    title = work.variant[0] if work.variant and rng.random() < 0.5 else work.title
    if ":" in title and rng.random() < 0.10:
        title = title.split(":")[0]
    if rng.random() < 0.15:
        title = typo(title, rng)
    if rng.random() < 0.05:
        title = title.lower()
    return _clean(title)


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard in one word of at least five letters."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    w, at = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice([w[:at] + w[at + 1:], w[:at] + w[at] + w[at:], w[:at - 1] + w[at] + w[at - 1] + w[at + 1:]])
    return " ".join(words)


def noisy_authors(work: Work, rng: random.Random) -> str:
    names = list(work.variant[1] if work.variant and rng.random() < 0.5 else work.authors) or ["Anonymous"]
    if len(names) > 1 and rng.random() < 0.1:
        i = rng.randrange(len(names) - 1)
        names[i], names[i + 1] = names[i + 1], names[i]
    style = rng.random()
    if style < 0.15 and len(names) > 2:
        return f"{names[0].split()[-1]} et al."
    if style < 0.45:
        return ", ".join(_initials(n) for n in names)
    if style < 0.55:
        return "; ".join(_apa(n) for n in names)
    return ", ".join(names)


def _initials(name: str) -> str:
    parts = name.split()
    return " ".join([f"{p[0]}." for p in parts[:-1]] + parts[-1:])


def _apa(name: str) -> str:
    parts = name.split()
    return f"{parts[-1]}, " + " ".join(f"{p[0]}." for p in parts[:-1]) if len(parts) > 1 else name


def noisy_link(work: Work, rng: random.Random) -> str:
    pick = rng.random()
    if work.arxiv and pick < 0.3:
        return rng.choice([f"https://arxiv.org/abs/{work.arxiv}", f"https://arxiv.org/pdf/{work.arxiv}v2",
                           f"http://arxiv.org/abs/{work.arxiv}v1"])
    if pick < 0.75:
        return rng.choice([f"https://doi.org/{work.doi}", f"http://dx.doi.org/{work.doi.upper()}",
                           f"https://dl.acm.org/doi/{work.doi}", f"https://dl.acm.org/doi/abs/{work.doi}"])
    return rng.choice([work.home, work.home.replace("https://www.", "http://")])


def entry_line(work: Work, source: Source, rng: random.Random) -> str:
    link = noisy_link(work, rng)
    year = work.year - 1 if "arxiv" in link and rng.random() < 0.2 else work.year
    venue = work.venue if rng.random() < 0.5 else source.venue_names.get(work.venue, work.venue)
    return f"- [{noisy_title(work, rng)}]({link}) ({noisy_authors(work, rng)}, {year}) — {venue}"


# --- lists ----------------------------------------------------------------------------------

def home_section(work: Work) -> tuple[str, str]:
    return (work.venue, str(work.year))


def layout(works: list[Work], entries: int, rng: random.Random) -> list[tuple[tuple[str, str], Work]]:
    """(section, work) for ``entries`` entries: every work once, then second copies elsewhere."""
    placed = [(home_section(w), w) for w in works]
    sections = sorted({s for s, _ in placed})
    moved = [(rng.choice(sections) if rng.random() < 0.10 else s, w) for s, w in placed]
    extra = [(rng.choice(sections), rng.choice(works)) for _ in range(entries - len(works))]
    return moved + extra


def render(placed: list[tuple[tuple[str, str], Work]], name: str, source: Source,
           rng: random.Random) -> tuple[str, list[tuple[int, str]]]:
    """The markdown text and (line, work key) for every entry."""
    lines, truth = [f"# Synthetic reading list {name}", ""], []
    by_section: dict[tuple[str, str], list[Work]] = {}
    for section, work in placed:
        by_section.setdefault(section, []).append(work)
    venue = None
    for (v, year), works in sorted(by_section.items()):
        if v != venue:
            lines += [f"## {v}", ""]
            venue = v
        lines += [f"### {year}", ""]
        for work in works:
            lines.append(entry_line(work, source, rng))
            truth.append((len(lines), work.key))
        lines.append("")
    return "\n".join(lines), truth


def write_pair(n: int, folder: Path, shared: Path, seed: int = 7) -> dict:
    """Write a.md, b.md (n // 2 entries each) and truth.csv into ``folder``."""
    source = load_source(shared / "bench" / "dblp-acm")
    rng = random.Random(f"{seed}:{n}")
    half = max(2, n // 2)
    own = max(1, round(half * (1 - DUPLICATE_SHARE)))
    shared_count = round(own * SHARED_SHARE)
    works = make_works(2 * own - shared_count, source, rng)
    a_works, b_works = works[:own], works[:shared_count] + works[own:]
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, chosen in (("a.md", a_works), ("b.md", b_works)):
        text, truth = render(layout(chosen, half, rng), name, source, rng)
        (folder / name).write_text(text, encoding="utf-8")
        rows += [(name, line, key) for line, key in truth]
    with open(folder / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("file", "line", "work"), *rows])
    return {"entries": len(rows), "works": len({key for _, _, key in rows}),
            "files": [str(folder / "a.md"), str(folder / "b.md")], "truth": str(folder / "truth.csv")}


def read_truth(path: Path) -> dict[tuple[str, int], str]:
    with open(path, newline="", encoding="utf-8") as fh:
        return {(r["file"], int(r["line"])): r["work"] for r in csv.DictReader(fh)}
