"""canon.bib's writer gives bibtexparser's bytes: a property test on generated blocks and lists,
and the canon of lists/ written by both."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from listmerge.model import KINDS, Entry, ReadingList
from listmerge.render.bibtex import blocks, render_lists, standard_text, write_blocks

#: Text that LaTeX, BibTeX or the writer might treat specially.
AWKWARD = ["", " ", "  ", "\t", "\n", "{", "}", "{}", "\\", "%", "&", "#", "$", "_", "~", "^", "@", "@article{",
           ",", "=", '"', "'", "''", "--", "``", "?`", "!`", " and ", "AND", "et al.", "others", "é", "—",
           "日本語", "\U0001F600", "\x00", "Attention Is All You Need", "x" * 120]
_text = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(max_size=5)), max_size=12).map("".join)
_url = st.one_of(st.none(), st.sampled_from(["https://arxiv.org/abs/2005.14165", "https://doi.org/10.1/x y",
                                             "http://a.b/{c}", "https://github.com/a/b", "https://x.org/p?q=1#f"]),
                 _text.map(lambda t: "https://example.org/" + t))


def _entries():
    ids = st.dictionaries(st.sampled_from(["arxiv", "doi", "isbn", "github", "openreview", "acl"]),
                          st.text(alphabet="0123456789./abc", min_size=1, max_size=12), max_size=3)
    return st.builds(
        lambda title, url, urls, authors, year, venue, volume, pages, kind, note, aliases, ids, section, key, role:
        Entry(title=title, url=url, urls=tuple(urls), authors=tuple(authors), year=year, venue=venue, volume=volume,
              pages=pages, kind=kind, annotation=note, aliases=tuple(aliases), ids=tuple(sorted(ids.items())),
              section=tuple(section), key=key, role=role),
        st.one_of(st.none(), _text), _url, st.lists(_url.filter(bool), max_size=3), st.lists(_text, max_size=4),
        st.one_of(st.none(), st.integers(min_value=1, max_value=2100)), st.one_of(st.none(), _text),
        st.one_of(st.none(), _text), st.one_of(st.none(), _text), st.sampled_from(KINDS), _text,
        st.lists(_text, max_size=2), ids, st.lists(_text, max_size=3),
        st.one_of(st.none(), st.sampled_from(["smith2020", "vaswani2017attention", "a b", ""]), _text),
        st.sampled_from(["primary", "primary", "mention"]))


@settings(max_examples=100, deadline=None)
@given(lists=st.lists(st.builds(lambda name, title, entries: ReadingList(
    name=name, path=f"lists/{name}.md", format="markdown", title=title, entries=tuple(entries)),
    st.text(alphabet="abc-", min_size=1, max_size=6), st.one_of(st.none(), _text),
    st.lists(_entries(), max_size=4)), max_size=2))
def test_written_lists_are_what_bibtexparser_writes(lists):
    """Any lists, however awkward their text, give bibtexparser's bytes for the same blocks."""
    assert render_lists(lists) == standard_text(blocks(lists))


@settings(max_examples=300, deadline=None)
@given(found=st.lists(st.one_of(_text, st.tuples(
    st.sampled_from(["article", "misc", "inproceedings", "x"]), st.text(min_size=1, max_size=8),
    st.lists(st.tuples(st.sampled_from(["title", "author", "url", "note", "x"]), _text), max_size=5))), max_size=6)
    .filter(lambda found: len({b[1] for b in found if type(b) is tuple}) == len([b for b in found if type(b) is tuple])))
def test_any_blocks_are_written_as_bibtexparser_writes_them(found):
    """Records with any type, key and field text, and comments with any text."""
    assert write_blocks(found) == standard_text(found)


def test_a_repeated_key_is_refused_as_bibtexparser_refuses_it():
    import pytest

    found = [("misc", "k", [("title", "{A}")]), ("misc", "k", [("title", "{B}")])]
    with pytest.raises(ValueError):
        standard_text(found)
    with pytest.raises(ValueError):
        write_blocks(found)


def test_the_canon_of_the_project_lists_is_what_bibtexparser_writes():
    from pathlib import Path

    from listmerge.cli import read_inputs
    from listmerge.merge import merge
    from listmerge.render.canon import canon_bibtex, canon_list

    lists, _ = read_inputs((str(Path(__file__).resolve().parents[1] / "lists"),), None)
    canon = merge(lists)
    assert canon_bibtex(canon) == standard_text(blocks([canon_list(canon, "canon.bib")]))
