"""Each parser on small fixtures of our own (these run everywhere, with or without ../shared)."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from listmerge.load import parse_text, read
from listmerge.parsers import detect, get_parser, parsers


def load(name):
    (rl,) = read(str(FIXTURES / "parsers" / name))
    return rl


def titles(rl):
    return [e.title for e in rl.primaries]


@pytest.mark.parametrize("name, fmt", [
    ("awesome.md", "markdown"), ("headless.md", "webpage"), ("cites.md", "citations"),
    ("plain.txt", "plaintext"), ("thread.txt", "thread"),
])
def test_detect_picks_the_parser_for_each_shape(name, fmt):
    text = (FIXTURES / "parsers" / name).read_text(encoding="utf-8")
    assert detect(text, name).name == fmt


def test_versions_of_one_list_share_the_parser_that_suits_them_all():
    from listmerge.parsers import detect_common

    bib = "@article{a, title={Deep Residual Learning}, year={2016}}\n"
    plain = "Shelf\n\nDeep Residual Learning\nAttention Is All You Need\n"
    grown = plain + "\nhttps://arxiv.org/abs/2106.09685\n> a quoted line\n> another\n"
    assert (detect(plain, "l.txt").name, detect(grown, "l.txt").name) == ("plaintext", "thread")
    assert detect_common([(plain, "l.txt"), (grown, "l.txt")]).name == "plaintext"
    assert detect_common([(bib, "l.bib"), (bib, "l.bib")]).name == "bibtex"
    assert detect_common([(bib, "l.bib"), ('{"listmerge": 1, "lists": []}', "l.json")]) is None


def test_registry_accepts_a_name_a_parser_or_a_callable():
    from listmerge.model import ReadingList

    assert get_parser("markdown") is parsers()["markdown"]

    def mine(text, path):
        return (ReadingList(name="x", path=path, format="mine"),)

    assert get_parser(mine).parse("", "p") == mine("", "p")
    with pytest.raises(Exception, match="unknown format 'nope'"):
        get_parser("nope")


def test_markdown_items_tags_tails_notes_and_mentions():
    rl = load("awesome.md")
    assert rl.title == "Awesome Retrieval"
    assert [s.path for s in rl.sections] == [("Retrieval",), ("Retrieval", "Evaluation"), ("Tools",)]
    dpr, code, book, colbert, plaid, beir, video = rl.entries
    assert (dpr.authors, dpr.year, dpr.ids) == (("Karpukhin", "et al."), 2020, (("arxiv", "2004.04906"),))
    assert dpr.annotation == "The paper that made dense retrieval the default."
    assert (dpr.line, dpr.end_line) == (8, 10)  # its linked sub-item (line 11) is an entry with its own line
    assert code.section == ("Retrieval",) and code.role == "primary"  # linked sub-bullets are entries
    assert book.kind == "book" and book.authors == ("Croft", "Metzler", "Strohman")
    assert colbert.aliases == ("ColBERT",)
    assert (plaid.role, plaid.parent) == ("mention", 3)
    assert beir.section == ("Retrieval", "Evaluation")
    assert video.kind == "video"
    assert not any("x.com" in u for e in rl.entries for u in e.urls)  # social links are not works


def test_webpage_sections_from_contents_list_and_numbering_restarts():
    rl = load("headless.md")
    assert rl.metadata["url_source"] == "https://example.org/robots"
    placed = {e.title: e.section for e in rl.primaries}
    assert placed == {"RT-1": ("Robot Learning",), "RT-2": ("Robot Learning",),
                      "Diffusion Policy": ("Robot Learning",), "NeRF": ("Robot Perception",),
                      "Segment Anything": ("Robot Perception",)}
    assert "blog1" not in rl.entries[0].annotation
    assert not [e for e in rl.entries if "news.ycombinator" in (e.url or "")]  # "Discussions on …"
    assert not [e for e in rl.entries if "#footnote" in (e.url or "")]


def test_citation_blocks_and_bibliography_bullets():
    rl = load("cites.md")
    assert rl.title == "Sequence Models" and rl.metadata["level"] == 2
    lstm, gru, graves = rl.entries
    assert (lstm.title, lstm.year, lstm.aliases) == ("Long Short-Term Memory", 1997, ("LSTM",))
    assert lstm.authors == ("Hochreiter, S.", "Schmidhuber, J.") and lstm.venue == "Neural Computation 9(8)"
    assert lstm.annotation == "Gated memory cells.\nStill the baseline recurrent cell."
    assert gru.aliases == ("GRU",) and gru.annotation == "Gated recurrent units."
    assert graves.authors == ("Graves",)  # the 'Tips' bullets are advice, not works


def test_plain_text_headings_descriptions_and_variants():
    rl = load("plain.txt")
    assert [s.path for s in rl.sections] == [("Systems",), ("Writing",)]
    assert len(rl.entries) == 4 and all(e.untitled for e in rl.entries)
    assert rl.entries[0].annotation == "Clear about trade-offs in storage engines."
    assert rl.entries[3].url == "https://example.com/style-guide"


BARE_LINKS = """# Reading

## Papers

- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)
- https://arxiv.org/abs/2106.09685
- <https://arxiv.org/abs/2305.14314>
- QLoRA https://arxiv.org/abs/2305.14314 - quantized finetuning
- We read this one in week 3, then https://example.com/notes for the notes.
  - https://github.com/karpathy/nanoGPT
- Deep Residual Learning for Image Recognition
"""


def test_markdown_items_that_are_bare_links_are_entries():
    """A bare URL in an item without markdown links is its link: alone it names no title, after a
    short name it is titled by that name; an item with no link at all is still not an entry."""
    (rl,) = parse_text(BARE_LINKS, "list.md")
    assert [(e.title, e.url, e.annotation, e.role) for e in rl.entries] == [
        ("Attention Is All You Need", "https://arxiv.org/abs/1706.03762", "", "primary"),
        (None, "https://arxiv.org/abs/2106.09685", "", "primary"),
        (None, "https://arxiv.org/abs/2305.14314", "", "primary"),
        ("QLoRA", "https://arxiv.org/abs/2305.14314", "quantized finetuning", "primary"),
        (None, "https://example.com/notes", "We read this one in week 3, then for the notes.", "primary"),
        (None, "https://github.com/karpathy/nanoGPT", "", "primary"),
    ]
    assert [e.line for e in rl.entries] == [5, 6, 7, 8, 9, 10]


@pytest.mark.parametrize("item, title, url, annotation", [
    ("DPO (https://arxiv.org/abs/2305.18290)", "DPO", "https://arxiv.org/abs/2305.18290", ""),
    ("QLoRA: https://arxiv.org/abs/2305.14314.", "QLoRA", "https://arxiv.org/abs/2305.14314", ""),
    ("DPO paper: https://arxiv.org/abs/2305.18290, worth a read", "DPO paper", "https://arxiv.org/abs/2305.18290",
     "worth a read"),
    ("**Attention** https://arxiv.org/abs/1706.03762", "Attention", "https://arxiv.org/abs/1706.03762", ""),
    ("QLoRA <https://arxiv.org/abs/2305.14314>", "QLoRA", "https://arxiv.org/abs/2305.14314", ""),
    ("Dune https://en.wikipedia.org/wiki/Dune_(novel)", "Dune", "https://en.wikipedia.org/wiki/Dune_(novel)", ""),
    ("Both https://a.org/x and https://b.org/y", None, "https://a.org/x", "Both and"),
    ("Direct Preference Optimization: Your Language Model is Secretly a Reward Model https://arxiv.org/abs/2305.18290",
     "Direct Preference Optimization: Your Language Model is Secretly a Reward Model",
     "https://arxiv.org/abs/2305.18290", ""),
    ("A reader has started a notes blog where she pulls out highlights: https://example.com/notes", None,
     "https://example.com/notes", "A reader has started a notes blog where she pulls out highlights:"),
])
def test_the_name_before_a_bare_url_titles_it(item, title, url, annotation):
    (rl,) = parse_text(f"# Links\n\n- {item}\n", "list.md")
    assert (rl.entries[0].title, rl.entries[0].url, rl.entries[0].annotation) == (title, url, annotation)


def test_a_markdown_file_of_bare_link_items_is_markdown():
    text = "- https://arxiv.org/abs/2106.09685\n- https://arxiv.org/abs/1706.03762\n"
    assert detect(text, "papers.md").name == "markdown"
    assert [e.url for e in read_text_list(text, "papers.md").entries] == [
        "https://arxiv.org/abs/2106.09685", "https://arxiv.org/abs/1706.03762"]


def read_text_list(text, name):
    (rl,) = parse_text(text, name)
    return rl


TITLES_PAGE = """Papers I keep rereading

Attention Is All You Need
Deep Residual Learning for Image Recognition — still the clearest ablations
Do Vision Transformers See Like Convolutional Neural Networks?
LoRA: Low-Rank Adaptation of Large Language Models https://arxiv.org/abs/2106.09685
"""


def test_a_plain_page_of_titles_gives_one_titled_entry_a_line():
    (rl,) = parse_text(TITLES_PAGE, "list.txt")
    assert (rl.format, rl.title, rl.sections) == ("plaintext", "Papers I keep rereading", ())
    assert titles(rl) == ["Attention Is All You Need", "Deep Residual Learning for Image Recognition",
                          "Do Vision Transformers See Like Convolutional Neural Networks?",
                          "LoRA: Low-Rank Adaptation of Large Language Models"]
    assert rl.entries[1].annotation == "still the clearest ablations"
    assert rl.entries[3].url == "https://arxiv.org/abs/2106.09685"
    assert [e.line for e in rl.entries] == [3, 4, 5, 6]


@pytest.mark.parametrize("text", [
    pytest.param("Shelf\nVision:\nDeep Residual Learning\nAn Image is Worth 16x16 Words\n"
                 "Language:\nAttention Is All You Need\nLanguage Models are Few-Shot Learners\n", id="colons"),
    pytest.param("Shelf\nVision\n- Deep Residual Learning\n- An Image is Worth 16x16 Words\n"
                 "Language\n- Attention Is All You Need\n- Language Models are Few-Shot Learners\n", id="bullets"),
])
def test_headings_on_a_page_of_titles(text):
    """A heading ends in a colon or stands over bulleted lines."""
    (rl,) = parse_text(text, "list.txt")
    assert [s.path for s in rl.sections] == [("Vision",), ("Language",)]
    assert [(e.title, e.section) for e in rl.entries] == [
        ("Deep Residual Learning", ("Vision",)), ("An Image is Worth 16x16 Words", ("Vision",)),
        ("Attention Is All You Need", ("Language",)), ("Language Models are Few-Shot Learners", ("Language",))]


@pytest.mark.parametrize("text, expected", [
    pytest.param("Books\n\nDune\nHyperion\n\nNeuromancer\nSnow Crash\n",
                 [("Dune", ()), ("Hyperion", ()), ("Neuromancer", ()), ("Snow Crash", ())],
                 id="blank-line-blocks-are-only-spacing"),
    pytest.param("Books\nDune\nHyperion\nNeuromancer\nSnow Crash\nUbik\nI will add more of these as I read them.\n",
                 [("Dune", ()), ("Hyperion", ()), ("Neuromancer", ()), ("Snow Crash", ()), ("Ubik", ()), (None, ())],
                 id="short-titles-outvote-one-sentence"),
    pytest.param("Books\n1. Clean Code by Robert C. Martin\n2. Sapiens by Yuval N. Harari\n3. Dune\n",
                 [("Clean Code by Robert C. Martin", ()), ("Sapiens by Yuval N. Harari", ()), ("Dune", ())],
                 id="initials-are-not-sentence-ends"),
    pytest.param("Books\nThinking, Fast and Slow.\nDune\nRefactoring (2018)\nMore:\n\U0001f642\n",
                 [("Thinking, Fast and Slow", ()), ("Dune", ()), ("Refactoring", ())],
                 id="a-final-period-a-year-a-bare-colon-line-and-an-emoji"),
    pytest.param("- Dune\n- Hyperion\n", [("Dune", ()), ("Hyperion", ())], id="a-bullet-is-not-the-page-title"),
])
def test_when_unsure_a_line_on_a_page_of_titles_is_an_entry(text, expected):
    (rl,) = parse_text(text, "list.txt")
    assert [(e.title, e.section) for e in rl.entries] == expected


def test_a_page_of_short_reasons_stays_a_page_of_reasons():
    text = "Shelf\nSystems\nBooks about building systems.\nClear about trade-offs.\nClassic.\nMust read!\n"
    (rl,) = parse_text(text, "list.txt")
    assert [s.path for s in rl.sections] == [("Systems",)]
    assert [(e.title, e.annotation) for e in rl.entries] == [
        (None, "Clear about trade-offs."), (None, "Classic."), (None, "Must read!")]
    assert rl.metadata["section_descriptions"] == {"Systems": "Books about building systems."}


def test_thread_footnotes_quoted_titles_and_bare_urls():
    rl = load("thread.txt")
    prob, mitchell, annotated, bare = rl.entries
    assert (prob.title, prob.year, prob.kind) == ("Probabilistic Machine Learning", 2022, "book")
    assert (mitchell.title, mitchell.authors) == ("Machine Learning", ("Mitchell",))
    assert annotated.title == "The Annotated Transformer" and annotated.url is None
    assert bare.untitled and "truncated" in bare.flags
    assert "Data Engineers" not in titles(rl)


@pytest.mark.parametrize("text", [
    "", "\n\n", "#", "- [", "1. [x](", "**", "---\nfoo: [\n---\n", "Title:\nURL Source:\n",
    "[1]: http://x", "\x0c\x0b", "> quote only", "```\nunclosed", "|a|b|\n|-|-|",
    "### H\n**Citation:** nonsense", "- A (2020). \"\"",
])
@pytest.mark.parametrize("fmt", ["markdown", "webpage", "citations", "plaintext", "thread", "listmerge"])
def test_no_parser_raises_on_odd_input(text, fmt):
    """A parser records what it could not read and goes on; it never raises."""
    lists = parse_text(text, "odd.md", fmt)
    assert lists and all(rl.entries or rl.problems for rl in lists)


@pytest.mark.parametrize("text, names", [
    ("J. Widom, S. Babu", ("J. Widom", "S. Babu")),
    ("H. Garcia-Molina, C. A. Polyzois", ("H. Garcia-Molina", "C. A. Polyzois")),
    ("Gu, A. & Dao, T.", ("Gu, A.", "Dao, T.")),
    ("Winslett, M.; Smith, K.; Qian, X.", ("Winslett, M.", "Smith, K.", "Qian, X.")),
    ("van der Berg, J., & de Vries, K.", ("van der Berg, J.", "de Vries, K.")),
    ("Hu et al.", ("Hu", "et al.")),
])
def test_author_lists_are_split_whether_initials_come_first_or_last(text, names):
    """'J. Widom, S. Babu' is two people written initials first, not one APA 'Surname, I.'."""
    from listmerge.parsers.cite import split_authors

    assert split_authors(text) == names
