"""canon.yaml's writer gives yaml.dump's bytes: a property test against PyYAML on awkward data,
and the canon of lists/ written by both."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from listmerge.render import yamlwriter
from listmerge.render.yamlwriter import to_yaml

pytestmark = pytest.mark.skipif(not yamlwriter.SHORT_ROUTE, reason="the short route copies libyaml's emitter")

#: Pieces that decide a scalar's style: indicators, words that read as other types, quotes,
#: spaces, characters libyaml escapes or takes as line breaks.
AWKWARD = ["", " ", "  ", "'", "''", '"', ":", ": ", " :", " #", "#", "-", "- ", "--", "---", "...", "?", "? ",
           ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "%", "@", "`", "yes", "no", "No", "on", "OFF",
           "null", "Null", "~", "true", "1e3", "0x1F", "0o17", "1_000", "-1", "+2", "3.14", ".5", ".inf",
           ".NaN", "2026-11-22", "12:30:00", "<<", "=", "\t", "\n", "\r", "\x85", "\u2028", "\u2029", "\ufeff",
           "é", "—", "日本語", "\U0001F600", "\x00", "\x07", "\x7f", "\xa0", "\ud7ff", "\ue000", "\ufffd",
           "a", "word", "Word", "Attention Is All You Need", "x" * 30, "http://a.b/c?d=e#f"]


def _long_texts():
    """Long lines of words with single, double and quoted gaps, some words longer than a line."""
    word = st.one_of(st.text(alphabet="ab'#:-é", min_size=1, max_size=14), st.text(alphabet="x'", min_size=60, max_size=130))
    gap = st.sampled_from([" ", " ", " ", "  ", "   ", ": ", " #", " ' ", "''"])
    line = st.lists(st.tuples(word, gap).map("".join), min_size=3, max_size=40).map("".join)
    edge = st.sampled_from(["", "", " ", "  ", "'", "- ", "? ", "#", ":"])
    return st.tuples(edge, line, edge).map("".join)


def _texts():
    pieces = st.lists(st.one_of(st.sampled_from(AWKWARD), st.text(max_size=4)), max_size=30).map("".join)
    return st.one_of(pieces, _long_texts())


def _data():
    keys = st.one_of(st.sampled_from(["title", "url", "k", "a" * 20, "ids", "yes", "", "a b", "x: y", "#k", "é" * 63,
                                      "é" * 64, "k" * 127, "k" * 128]),
                     st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=10))
    scalars = st.one_of(_texts(), st.none(), st.booleans(), st.integers())
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=4)), max_leaves=16)


def _standard(data) -> str:
    return yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)


@settings(max_examples=800, deadline=None)
@given(data=_data(), depth=st.integers(min_value=0, max_value=6), key=st.sampled_from(["k", "entries", "x" * 40]))
def test_the_short_route_writes_what_pyyaml_writes(data, depth, key):
    """Any plain data, at any depth (so any indent and column), is written byte for byte as
    yaml.dump writes it: plain, quoted, escaped or folded alike."""
    for _ in range(depth):
        data = {key: data} if depth % 2 else [data, "tail"]
    assert to_yaml(data) == _standard(data)


@settings(max_examples=600, deadline=None)
@given(text=_long_texts(), indent=st.integers(min_value=0, max_value=30), width=st.integers(min_value=1, max_value=60))
def test_a_long_scalar_folds_where_pyyaml_folds_it(text, indent, width):
    """Near column 100 a value is folded at the same spaces: the key's length moves the column."""
    data = {"k": text}
    for _ in range(indent):
        data = {"k": data}
    data = {"x" * width: data, "list": [text, {"y" * width: text}]}
    assert to_yaml(data) == _standard(data)


@pytest.mark.parametrize("piece", AWKWARD)
def test_each_awkward_piece_is_written_as_pyyaml_writes_it(piece):
    """Every piece alone, first, last and inside a longer text, as a key, a value and an item."""
    for text in (piece, piece + "x", "x" + piece, piece + " x", "x " + piece, "a" * 95 + " " + piece + " b"):
        data = {text: text, "k": [text, {"v": text}], "long" * 24: text}
        assert to_yaml(data) == _standard(data)


def test_what_the_short_route_cannot_prove_takes_the_standard_one():
    """Floats, shared objects, tuples, subclasses and keys that need more than single quotes give
    PyYAML's output (or its error), not a guess."""
    shared = {"a": 1}

    class Text(str):
        pass

    for data in ({"x": shared, "y": shared}, {"f": 1.5}, {"t\tab": 1}, {"k" * 130: 1}, {1: "int key"}, "scalar",
                 {}, [], {"nested": [[], {}, [[1, "a"]]]}, {"s": "é\u2028x"}):
        assert to_yaml(data) == _standard(data)
    with pytest.raises(yaml.YAMLError):
        to_yaml({"t": (1, "a"), "s": Text("x")})


def test_the_canon_of_the_project_lists_is_written_without_pyyaml(monkeypatch):
    """canon.yaml of lists/ is the standard route's text, and the short route wrote all of it."""
    from pathlib import Path

    from listmerge.cli import read_inputs
    from listmerge.merge import merge
    from listmerge.render import canon as render_canon

    lists, _ = read_inputs((str(Path(__file__).resolve().parents[1] / "lists"),), None)
    canon = merge(lists)
    monkeypatch.setattr(render_canon, "to_yaml", _standard)
    expected = render_canon.canon_yaml(canon)
    monkeypatch.undo()
    monkeypatch.setattr(yamlwriter, "standard_yaml", lambda data: pytest.fail("took the standard route"))
    assert render_canon.canon_yaml(canon) == expected
