"""The five real seed lists parse into the model as the parse issue specifies (read in place)."""
from __future__ import annotations

import pytest

from listmerge.identify import find_ids


def by_title(rl, title):
    return [e for e in rl.entries if e.title == title]


def test_002_plain_text_gives_57_untitled_entries_in_9_sections(read_seed):
    """002: exactly 57 entries in 9 sections; no heading or description becomes an entry."""
    rl = read_seed("002")
    assert rl.format == "plaintext"
    assert len(rl.entries) == 57
    assert len(rl.sections) == 9
    assert all(e.untitled and e.annotation for e in rl.entries)
    headings = {s.path[-1] for s in rl.sections}
    descriptions = set(rl.metadata["section_descriptions"].values())
    assert not any(e.annotation in headings | descriptions for e in rl.entries)
    assert rl.title == "Curated Resource Library"
    assert {len([e for e in rl.entries if e.section == s.path]) for s in rl.sections} >= {5, 9}


def test_004_citations_give_28_entries_with_title_authors_year(read_seed):
    """004: 5 Must Read, 4 Recommended, 19 further-reading bullets, none from the advice."""
    rl = read_seed("004")
    assert rl.title == "Reading List (Papers)"
    assert len(rl.entries) == 28
    assert all(e.title and e.authors and e.year for e in rl.entries)
    top = [e.section[0] for e in rl.entries]
    assert top.count("Must Read") == 5
    assert top.count("Recommended") == 4
    assert top.count("Further Reading by Topic") == 19
    assert "How to Read ML Papers Effectively" not in top
    gpt3 = by_title(rl, "Language Models are Few-Shot Learners")[0]
    assert gpt3.aliases == ("GPT-3",) and gpt3.year == 2020 and gpt3.authors[0] == "Brown, T. B."
    assert gpt3.annotation.startswith("Demonstrated") and "Why it matters" not in gpt3.annotation
    mamba = by_title(rl, "Mamba: Linear-Time Sequence Modeling with Selective State Spaces")
    assert dict(mamba[0].ids) == {"arxiv": "2312.00752"}
    chinchilla = by_title(rl, "Training Compute-Optimal Large Language Models")[0]
    assert chinchilla.aliases == ("Chinchilla",) and chinchilla.authors == ("Hoffmann", "et al.")


def test_003_markdown_items_tags_tails_and_nested_sections(read_seed):
    """003: every linked item is an entry, the contents list none, tails give authors and year."""
    rl = read_seed("003")
    assert rl.format == "markdown" and rl.title == "Resources"
    lora = by_title(rl, "LoRA: Low-Rank Adaptation of Large Language Models")[0]
    assert lora.authors == ("Hu", "et al.") and lora.year == 2021
    assert lora.section == ("Chapter 7. Finetuning",)
    chinchilla = [e for e in rl.entries if "Chinchilla" in e.aliases][0]
    assert chinchilla.title == "Training Compute-Optimal Large Language Models"
    assert ("Chapter 2. Understanding Foundation Models", "Training large models", "Scaling laws") in \
        {s.path for s in rl.sections}
    book = [e for e in rl.entries if e.title == "Machine Learning: A Probabilistic Perspective"][0]
    assert book.kind == "book" and book.year == 2012
    assert not any(u.startswith("#") for e in rl.entries for u in e.urls)


def test_003_every_linked_numbered_item_or_sub_bullet_is_an_entry(read_seed):
    """Each list-item line carrying a web link yields an entry starting on that line."""
    import re

    rl = read_seed("003")
    lines = open(rl.path, encoding="utf-8").read().split("\n")
    toc_end = next(i for i, l in enumerate(lines) if l.startswith("## "))
    item = re.compile(r"^\s*(?:\d+\.|[-*])\s+.*\]\(https?://")
    expected = {n for n, l in enumerate(lines, start=1) if n > toc_end and item.match(l)}
    starts = {e.line for e in rl.entries if e.role == "primary"}
    assert expected <= starts


@pytest.mark.parametrize("title, section", [
    ("MMLU", "Benchmarks and Evals"),
    ("ModernBERT", "Frontier LLMs"),
    ("YOLO", "Vision"),
    ("Whisper", "Voice"),
    ("Latent Diffusion", "Image/Video Diffusion"),
    ("LoRA", "Finetuning"),
    ("QLoRA", "Finetuning"),
])
def test_001_section_placements(read_seed, title, section):
    """001: the headless page's list runs land in the sections its contents list names."""
    rl = read_seed("001")
    entry = [e for e in rl.primaries if e.title == title]
    assert entry and entry[0].section == (section,)


def test_001_multi_work_lead_gives_one_entry_per_link_with_alias(read_seed):
    rl = read_seed("001")
    line = {e.line for e in rl.primaries if e.title == "GPT3"}
    six = [e for e in rl.primaries if e.line in line]
    assert [e.title for e in six] == ["GPT1", "GPT2", "GPT3", "Codex", "InstructGPT", "GPT4"]
    assert all(e.aliases == (e.title,) for e in six)
    assert dict(six[2].ids) == {"arxiv": "2005.14165"}


def test_001_every_arxiv_link_is_an_entry_and_social_posts_are_only_further_links(read_seed):
    rl = read_seed("001")
    text = open(rl.path, encoding="utf-8").read()
    import re

    linked = {find_ids(u)["arxiv"] for u in re.findall(r"\]\((https?://arxiv\.org/[^)\s]+)\)", text)}
    found = {e.id_of("arxiv") for e in rl.entries if e.id_of("arxiv")}
    assert linked == found
    social = re.compile(r"x\.com|linkedin\.com/posts")
    assert not [e.url for e in rl.entries if e.url and social.search(e.url)]  # a post about a work is not it
    assert all(e.url for e in rl.entries if any(social.search(u) for u in e.urls))  # only beside its own link
    assert not [u for e in rl.entries for u in e.urls if "#footnote" in u]
    assert rl.metadata["url_source"].startswith("https://")


def test_000_footnoted_books_resolve_to_titles_with_urls(read_seed):
    rl = read_seed("000")
    books = {e.title: e for e in rl.entries if e.key}
    assert set(books) == {"Deep Learning: Foundations and Concepts", "AI Engineering",
                          "Dive into Deep Learning", "Understanding Deep Learning"}
    assert books["Deep Learning: Foundations and Concepts"].year == 2024
    assert books["Deep Learning: Foundations and Concepts"].kind == "book"
    assert books["Dive into Deep Learning"].url == "https://d2l.ai"
    assert "truncated" in books["AI Engineering"].flags


def test_000_quoted_titles_and_bare_urls(read_seed):
    rl = read_seed("000")
    assert by_title(rl, "The Prompt Report")
    assert not by_title(rl, "AI Engineer")  # a term argued about, not a recommended work
    bare = [e for e in rl.entries if e.untitled]
    assert bare and all(e.url and e.annotation for e in bare)
    assert any("truncated" in e.flags for e in bare)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_entry_points_at_its_source_lines(read_seed, prefix):
    """line..end_line hold the entry's raw text (thread footnotes add their definition line)."""
    rl = read_seed(prefix)
    lines = open(rl.path, encoding="utf-8").read().split("\n")
    for e in rl.entries:
        assert 1 <= e.line <= e.end_line <= len(lines)
        span = "\n".join(lines[e.line - 1:e.end_line])
        assert e.raw.split("\n")[0].strip() in span
        for url in e.urls:
            assert url.rstrip(".…") in span or url.rstrip(".…") in e.raw


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_own_yaml_round_trip_is_lossless(read_seed, prefix):
    """parse(write(x)) == x for every seed, through YAML and through JSON."""
    from listmerge.load import parse_text
    from listmerge.render.data import lists_json, lists_yaml

    rl = read_seed(prefix)
    assert parse_text(lists_yaml([rl]), "x.yaml") == (rl,)
    assert parse_text(lists_json([rl]), "x.json") == (rl,)
