"""lists/, the default input: the five seed lists as facts only, one file each, in several formats.

The checks against the seeds read ../shared/seeds in place and skip without it; the others need
only lists/.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from listmerge.load import expand, read
from listmerge.model import ReadingList

from conftest import ROOT, seed

LISTS = ROOT / "lists"
#: file name without its extension -> the seed it holds the facts of
SEEDS = {
    "hn-thread-ai-engineering-reading-list": "000",
    "latent-space-2025-papers": "001",
    "curated-resource-library": "002",
    "ai-engineering-resources": "003",
    "ml-curriculum-papers": "004",
}
CURATED_SECTIONS = [
    ("ML & Deep Learning Foundations", 5), ("LLM & Generative AI", 9), ("RAG & Vector Search", 6),
    ("MLOps & Production AI", 6), ("Distributed Training & GPU Infra", 6), ("Agents, Tool Use & Reasoning", 5),
    ("Responsible AI, Safety & Governance", 6), ("Technical Leadership & Architecture", 6),
    ("Company Engineering Blogs to Follow", 8),
]
#: What an entry of lists/ must keep from its seed.
FACTS = ("title", "urls", "authors", "year", "venue", "kind", "aliases", "ids", "section")
SHINGLE = 8


def list_paths() -> dict[str, Path]:
    return {Path(p).stem: Path(p) for p in expand([str(LISTS)])}


def read_list(stem: str) -> ReadingList:
    (rl,) = read(str(list_paths()[stem]))
    return rl


def facts(entry) -> tuple:
    return tuple(getattr(entry, f) for f in FACTS)


# --- the files themselves -----------------------------------------------------------------------

def test_lists_hold_one_file_for_each_of_the_five_seeds():
    """lists/ holds exactly the five seed lists, one file each (README and overrides aside)."""
    assert sorted(list_paths()) == sorted(SEEDS)


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_every_list_reads_back_without_problems_or_annotations(stem):
    """Each file parses cleanly, and no entry carries an annotation (note, annote, notes column)."""
    rl = read_list(stem)
    assert rl.entries, stem
    assert rl.problems == ()
    assert [e.line for e in rl.entries if e.annotation] == []


def test_the_lists_span_at_least_three_formats():
    """The lists are written in several of the formats listmerge reads, not all in its own."""
    formats = Counter(read_list(stem).format for stem in SEEDS)
    assert len(formats) >= 3, formats
    assert formats["listmerge"] < len(SEEDS)


def test_the_huyen_list_keeps_its_chapters_and_their_sub_sections():
    """The Huyen list keeps its chapters in order, their sub-sections, and each entry's place."""
    rl = read_list("ai-engineering-resources")
    chapters = [s.path[0] for s in rl.sections if s.level == 1]
    assert chapters[:3] == ["ML Theory Fundamentals", "Chapter 1. Planning Applications with Foundation Models",
                            "Chapter 2. Understanding Foundation Models"]
    assert "Chapter 7. Finetuning" in chapters and chapters[-1] == "Bonus: Organization engineering blogs"
    assert ("Chapter 2. Understanding Foundation Models", "Training large models", "Scaling laws") in \
        {s.path for s in rl.sections}
    lora = [e for e in rl.entries if e.title == "LoRA: Low-Rank Adaptation of Large Language Models"]
    assert [e.section for e in lora] == [("Chapter 7. Finetuning",)]


def test_the_ml_curriculum_keeps_must_read_recommended_and_its_topics():
    """The curriculum's papers keep their tiers and their topic under Further Reading."""
    rl = read_list("ml-curriculum-papers")
    top = Counter(e.section[0] for e in rl.entries)
    assert top == {"Must Read": 5, "Recommended": 4, "Further Reading by Topic": 19}
    assert ("Further Reading by Topic", "State Space Models") in {e.section for e in rl.entries}


def test_the_latent_space_list_keeps_its_sections_and_mentions():
    """Latent Space keeps its ten sections and the works cited inside each pick's text."""
    rl = read_list("latent-space-2025-papers")
    assert len(rl.sections) == 10 and rl.sections[0].path == ("Frontier LLMs",)
    mentions = [e for e in rl.entries if e.role == "mention"]
    assert len(mentions) > len(rl.primaries)
    assert all(rl.entries[m.parent].role == "primary" for m in mentions if m.parent is not None)


def test_the_curated_library_keeps_its_9_sections_and_57_entries_untitled_ones_empty():
    """002 keeps its sections and per-section counts; an untitled entry holds nothing but its
    section, a titled one a title and a link or an author."""
    rl = read_list("curated-resource-library")
    assert [s.path for s in rl.sections] == [(name,) for name, _ in CURATED_SECTIONS]
    per_section = Counter(e.section for e in rl.entries)
    assert [per_section[(name,)] for name, _ in CURATED_SECTIONS] == [n for _, n in CURATED_SECTIONS]
    untitled = [e for e in rl.entries if e.untitled]
    assert 0 < len(untitled) < len(rl.entries)
    assert all(e.title is None and not (e.url or e.urls or e.authors or e.year or e.venue or e.aliases or e.ids
                                        or e.annotation or e.raw) for e in untitled)
    assert all(e.title and (e.url or e.authors) for e in rl.entries if not e.untitled)
    dl = [e for e in rl.entries if e.title == "Dive into Deep Learning"]
    assert [e.section for e in dl] == [("ML & Deep Learning Foundations",)]


def test_cross_list_matching_finds_the_works_the_lists_share():
    """The lists still meet: LoRA is one work in three files, Chinchilla in four."""
    from listmerge.works import find_works

    lists = [rl for path in expand([str(LISTS)]) for rl in read(path)]
    matching = find_works(lists)

    def files_of_work(title: str) -> set[str]:
        hits = [r.index for r in matching.records if r.entry.title == title]
        assert hits, title
        return {Path(matching.lists[matching.records[i].source].path).stem for i in matching.work_of(hits[0])}

    assert files_of_work("LoRA: Low-Rank Adaptation of Large Language Models") == {
        "latent-space-2025-papers", "ai-engineering-resources", "ml-curriculum-papers"}
    assert files_of_work("Training Compute-Optimal Large Language Models") == {
        "latent-space-2025-papers", "ai-engineering-resources", "ml-curriculum-papers", "curated-resource-library"}


# --- against the seeds (read in place) ----------------------------------------------------------

def read_seed_list(stem: str) -> ReadingList:
    (rl,) = read(str(seed(SEEDS[stem])))
    return rl


@pytest.mark.parametrize("stem", sorted(set(SEEDS) - {"curated-resource-library"}))
def test_each_list_keeps_the_facts_and_sections_of_its_seed(stem):
    """Every titled primary entry of the seed is in the list with the same facts, in order; a
    list in listmerge's format keeps the mentions and untitled links as well."""
    original, kept = read_seed_list(stem), read_list(stem)
    if kept.format == "listmerge":
        assert [facts(e) + (e.role, e.parent) for e in kept.entries] == \
            [facts(e) + (e.role, e.parent) for e in original.entries]
    else:
        assert [facts(e) for e in kept.entries] == [facts(e) for e in original.primaries if not e.untitled]
    used = {e.section[:depth] for e in original.primaries for depth in range(1, len(e.section) + 1)}
    assert used <= {s.path for s in kept.sections}


def test_the_curated_library_counts_match_its_seed():
    """002's sections and the section of every entry, in order, are the seed's."""
    original, kept = read_seed_list("curated-resource-library"), read_list("curated-resource-library")
    assert [s.path for s in kept.sections] == [s.path for s in original.sections]
    assert [e.section for e in kept.entries] == [e.section for e in original.entries]


WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: Links and markdown link targets are facts, not prose: they break a run of words.
LINK = re.compile(r"https?://\S+|\]\([^)\s]*\)")


def tokens(text: str) -> list[str | None]:
    """The words of ``text`` in lower case, with None where a link stood."""
    out: list[str | None] = []
    for i, piece in enumerate(LINK.split(text)):
        out += [None] if i else []
        out += [w.lower() for w in WORD.findall(piece)]
    return out


def mark(words: list[str | None], facts: list[list[str]], masked: list[bool]) -> None:
    """Mask every occurrence of each fact's words in ``words``."""
    for phrase in facts:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == phrase:
                masked[i:i + n] = [True] * n


def shingles(words: list[str | None], masked: list[bool] | None = None) -> set[tuple[str, ...]]:
    """Every run of SHINGLE consecutive words not broken by a link or a masked (fact) word."""
    masked = masked or [False] * len(words)
    found, run = set(), []
    for word, hidden in zip(words, masked):
        if word is None or hidden:
            run = []
            continue
        run.append(word)
        if len(run) >= SHINGLE:
            found.add(tuple(run[-SHINGLE:]))
    return found


def phrases(values) -> list[list[str]]:
    """The word sequences of the non-empty ``values`` that hold no link."""
    return [p for p in (tokens(v) for v in values if v) if p and None not in p]


def curator_text(rl: ReadingList) -> set[tuple[str, ...]]:
    """The seed's runs of 8 words outside its facts. Masked as facts wherever they appear: the
    list's title, its section names, its short header fields (a URL, a date; not a description)
    and every title or alias of two words or more; on an entry's own lines, its title, aliases,
    authors, venue and key of two words or more (a lone word would break up prose that names it)."""
    lines = Path(rl.path).read_text(encoding="utf-8").split("\n")
    header = [str(v) for v in rl.metadata.values() if isinstance(v, (str, int)) and len(tokens(str(v))) <= 12]
    everywhere = phrases([rl.title, *header, *(part for s in rl.sections for part in s.path)])
    everywhere += [p for p in phrases(v for e in rl.entries for v in (e.title, *e.aliases)) if len(p) >= 2]
    local: dict[int, list[list[str]]] = {}
    for e in rl.entries:
        own = [p for p in phrases([e.title, *e.aliases, *e.authors, e.venue, e.key]) if len(p) >= 2]
        for n in range(e.line, e.end_line + 1):
            local.setdefault(n, []).extend(own)
    words: list[str | None] = []
    masked: list[bool] = []
    for n, line in enumerate(lines, start=1):
        line_words = tokens(line)
        line_masked = [False] * len(line_words)
        mark(line_words, everywhere + local.get(n, []), line_masked)
        words += line_words
        masked += line_masked
    return shingles(words, masked)


@pytest.fixture(scope="module")
def seed_texts():
    return {prefix: curator_text(read(str(seed(prefix)))[0]) for prefix in sorted(set(SEEDS.values()))}


def test_the_curator_text_check_would_catch_a_copied_annotation(seed_texts):
    """The check below is not vacuous: every reason of 002 and every annotation of 004 of ten
    words or more, copied into a list, would be caught."""
    for prefix in ("002", "004"):
        (rl,) = read(str(seed(prefix)))
        notes = [e.annotation for e in rl.entries if len(e.annotation.split()) >= 10]
        assert notes and all(shingles(tokens(f"title: x\n  note: {n}\n")) & seed_texts[prefix] for n in notes)


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_no_run_of_8_words_from_any_seeds_prose_is_in_the_lists(stem, seed_texts):
    """No curator text leaked: no 8 consecutive words of any seed's prose appear in a list."""
    text = list_paths()[stem].read_text(encoding="utf-8")
    ours = shingles(tokens(text))
    leaked = {prefix: sorted(" ".join(s) for s in ours & runs)[:5] for prefix, runs in seed_texts.items()}
    assert {prefix: runs for prefix, runs in leaked.items() if runs} == {}
