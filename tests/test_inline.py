"""The fast path for plain link lines gives exactly the spans mistune gives, or steps aside."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, shared_path
from listmerge.parsers.inline import _plain_link_spans, mistune_spans, spans
from listmerge.parsers.mdblocks import read_blocks

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

#: Characters that matter to markdown (markup, escapes, entities, whitespace of every kind)
#: mixed with ordinary text, so that generated lines hit both paths.
MARKUP = "[]()<>*_~`\\!&#;:/.,- \t\n\r\x0b\x0c\x00\x7f\x85\xa0\u2028\u3000\"'|=^$"
TEXT = st.text(alphabet=st.sampled_from(list(MARKUP) + list("abcXYZ019é—")), max_size=30)
URL = st.one_of(
    st.sampled_from(["https://arxiv.org/abs/1706.03762", "http://dx.doi.org/10.1145/1000331",
                     "https://x.org/a?b=1&amp;c=2", "https://x.org/~me/p.pdf", "https://x.org/é%20",
                     "https://x.org/a&copy=1", "#anchor", "www.x.org/a\"b"]),
    TEXT,
)


def check(text: str) -> bool:
    """The fast path's answer, when it gives one, is mistune's; True when it gave one."""
    fast = _plain_link_spans(text)
    if fast is not None:
        assert fast == mistune_spans(text), text
    return fast is not None


def item_texts(path) -> list[str]:
    """The text of every list item (as the markdown reader passes it on) and every line."""
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    items = [b.text for top in read_blocks(lines) for b in top.walk() if b.kind == "item"]
    return [text for line in lines for text in (line, line.strip())] + items


@pytest.mark.parametrize("text", [
    "[Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017) — NeurIPS",
    "[XSB as a Deductive Database](https://arxiv.org/abs/cs/9408003)",
    "[A  spaced   title ](http://x.org/a)  (two  spaces)",
    "[Q&A systems!](https://x.org/a&amp;b) & more!",
    "[Title](https://x.org/é ü) tail",
])
def test_plain_link_lines_take_the_fast_path_and_agree_with_mistune(text):
    """Plain link lines are read without mistune, into the very spans mistune gives."""
    assert check(text) == ("é ü" not in text)


@pytest.mark.parametrize("text", [
    "[*Bold*](https://x.org) tail", "[Title](https://x.org) *tail*", "[Title](<https://x.org>)",
    "[Title](https://x.org \"t\")", "[a [b]](https://x.org)", "![img](https://x.org/i.png)",
    "[Title](https://x.org) [ref]", "[Title][ref]", "[Title](https://x.org) `code`",
    "[Title](https://x.org) <b>x</b>", "[Ti\\_tle](https://x.org)", "[Title](https://x.org) ~~old~~",
    "[Title](https://x.org/a_(b))", "[Title](https://x.org) tail ", "Plain text", "[Title](https://x.org)\nnext",
])
def test_any_other_markup_goes_to_mistune(text):
    """Emphasis, code, html, escapes, images, references, nesting, titles: mistune reads them."""
    assert _plain_link_spans(text) is None
    assert spans(text) == mistune_spans(text)


@settings(max_examples=3000, deadline=None)
@given(label=TEXT, url=URL, tail=TEXT)
def test_generated_link_lines_agree_with_mistune(label, url, tail):
    """Whatever a line holds, the fast path agrees with mistune or steps aside."""
    check(f"[{label}]({url}){tail}")


@settings(max_examples=1000, deadline=None)
@given(text=TEXT)
def test_generated_text_agrees_with_mistune(text):
    check(text)


def test_fixture_lists_agree_with_mistune():
    """Every line of the markdown fixtures."""
    texts = [t for path in sorted((ROOT / "tests" / "fixtures").rglob("*.md")) for t in item_texts(path)]
    assert sum(check(t) for t in texts) > 20


def test_synthetic_lists_agree_with_mistune(tmp_path):
    """Every line of a synthetic pair (bench/synth.py): the fast path takes nearly all its items."""
    made = synth.write_pair(2000, tmp_path, shared_path())
    texts = [t for path in made["files"] for t in item_texts(Path(path)) if t.startswith("[")]
    assert sum(check(t) for t in texts) > 0.9 * len(texts)


def test_seed_and_history_lists_agree_with_mistune():
    """Every line of the seed lists and of the list histories in ../shared."""
    files = [p for folder in ("seeds", "history") for p in sorted(shared_path(folder).rglob("*")) if p.is_file()]
    texts = [t for path in files for t in item_texts(path)]
    assert sum(check(t) for t in texts) > 100


def test_parsed_entries_are_the_same_without_the_fast_path(tmp_path, monkeypatch):
    """Whole lists (a synthetic pair, the fixtures, the seeds) parse to equal entries either way."""
    from listmerge.load import read
    from listmerge.parsers import inline

    made = synth.write_pair(600, tmp_path, shared_path())
    paths = made["files"] + [str(p) for p in sorted((ROOT / "tests" / "fixtures").rglob("*.md"))]
    paths += [str(p) for p in sorted(shared_path("seeds").iterdir())]

    def parse_all():
        spans.cache_clear()
        return [rl for path in paths for rl in read(path)]

    fast = parse_all()
    monkeypatch.setattr(inline, "_plain_link_spans", lambda text: None)
    assert parse_all() == fast
    spans.cache_clear()
