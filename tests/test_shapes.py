"""The shapes besides markdown (org-mode, reStructuredText, plain-text references, CSV link
columns, YAML/JSON data files of list sites) on golden fixtures of our own: each input in
fixtures/shapes/ reads as its ``.expected.yaml`` says, entry by entry and skipped link by skipped
link. LISTMERGE_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing)."""
from __future__ import annotations

import json
import os

import pytest
import yaml

from conftest import FIXTURES
from listmerge.load import parse_text, read
from listmerge.parsers import detect, get_parser

SHAPES = FIXTURES / "shapes"
CASES = sorted(p for p in SHAPES.iterdir() if not p.name.endswith(".expected.yaml"))
ENTRY_FIELDS = ("title", "url", "urls", "authors", "year", "venue", "aliases", "ids", "kind", "annotation", "section",
                "role", "parent", "line", "end_line")


def summary(lists) -> list[dict]:
    """What a golden file holds of each list: format, title, sections, entries (fields that are
    set), skipped links and problems."""
    out = []
    for rl in lists:
        entries = []
        for entry in rl.entries:
            fields = {f: getattr(entry, f) for f in ENTRY_FIELDS}
            fields["ids"] = dict(entry.ids)
            fields = {f: list(v) if isinstance(v, tuple) else v for f, v in fields.items()
                      if v not in (None, "", (), {}) and (f, v) not in (("role", "primary"), ("kind", "other"))}
            entries.append(fields)
        out.append({
            "format": rl.format, "title": rl.title, "sections": [list(s.path) for s in rl.sections],
            "entries": entries, "skipped": [[s.line, s.url, s.reason] for s in rl.skipped],
            "problems": [[p.line, p.message] for p in rl.problems],
        })
    return out


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_each_shape_reads_as_its_golden_file_says(path):
    got = summary(read(str(path)))
    expected_path = path.with_name(path.name + ".expected.yaml")
    if os.environ.get("LISTMERGE_UPDATE_GOLDEN"):
        expected_path.write_text(yaml.safe_dump(got, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    assert got == yaml.safe_load(expected_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, fmt", [
    ("papers-of-the-week.csv", "csv"),
])
def test_each_shape_is_detected_by_content_and_name(name, fmt):
    text = (SHAPES / name).read_text(encoding="utf-8")
    assert detect(text, name).name == fmt


@pytest.mark.parametrize("header, own, further", [
    ("Title,PaperURL,TweetURL", "https://arxiv.org/abs/1", "https://x.com/a/status/2"),
    ("Title,Code,Paper link", "https://arxiv.org/abs/1", "https://github.com/a/b/tree/main"),
    ("Title,Where", "https://arxiv.org/abs/1", None),
])
def test_csv_link_columns_put_the_works_own_link_first(header, own, further):
    cells = {"Title": "A Work", "PaperURL": own, "TweetURL": further, "Code": further, "Paper link": own,
             "Where": own}
    names = header.split(",")
    text = header + "\n" + ",".join(cells[n] or "" for n in names) + "\n" + ",".join(
        cells[n] if n == "Title" else "https://example.org/other" if n == "Where" else "" for n in names) + "\n"
    (rl,) = get_parser("csv").parse(text, "t.csv")
    assert rl.entries[0].url == own
    assert list(rl.entries[0].urls) == [u for u in (own, further) if u]


@pytest.mark.parametrize("fmt", ["csv"])
@pytest.mark.parametrize("text", [
    "", "\n\n", "*", "* ", "- [[", "[[]]", "[[][]]", "| a | b", "|-", "#+BEGIN_SRC", ".. [#]", ".. _x:", "`x <>`_",
    "====\n", "a\n=\n", "http://\nhttp://", "{", "[", "- {", "x: [", "---\n- a: [b", "null", "----- end -----\nx",
    "Title\nhttps://a.org\n\nTitle\nhttps://b.org\n", "a,b\n" + "\"" * 3,
])
def test_no_new_reader_raises_on_odd_input(fmt, text):
    """Whatever the text, a reader returns lists whose entry and problem lines lie inside it."""
    lists = parse_text(text, "odd.x", fmt)
    last = text.count("\n") + 1
    for rl in lists:
        assert all(1 <= e.line <= e.end_line <= last for e in rl.entries)
        assert all(p.line is None or 1 <= p.line <= last for p in rl.problems)
