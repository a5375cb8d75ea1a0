"""Golden files for the shapes curators write lists in (fixtures/shapes/): each input is read
into the entries, sections and skipped links its .expected.yaml holds. The inputs are ours,
written in the shapes of real lists (titles and links are facts of real works).

To accept a change after reading it: LISTMERGE_UPDATE_GOLDEN=1 python -m pytest tests/test_shapes.py
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import yaml

from listmerge.load import read

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
INPUTS = sorted(p for p in SHAPES.iterdir() if not p.name.endswith(".expected.yaml"))


def summary(path: Path) -> dict:
    (rl,) = read(str(path))
    entries = []
    for e in rl.entries:
        fields = {"line": e.line, "title": e.title, "url": e.url}
        extra = {"role": e.role if e.role != "primary" else None, "urls": list(e.urls if e.url is None else e.urls[1:]) or None,
                 "authors": list(e.authors) or None, "year": e.year, "venue": e.venue,
                 "section": " / ".join(e.section) or None, "aliases": list(e.aliases) or None,
                 "note": e.annotation or None}
        fields.update({k: v for k, v in extra.items() if v is not None})
        entries.append(fields)
    return {"format": rl.format, "title": rl.title, "sections": [" / ".join(s.path) for s in rl.sections],
            "entries": entries, "skipped": dict(sorted(Counter(s.reason for s in rl.skipped).items()))}


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_each_shape_reads_as_its_golden_file(path):
    expected_path = path.with_name(path.name + ".expected.yaml")
    got = summary(path)
    if os.environ.get("LISTMERGE_UPDATE_GOLDEN"):
        expected_path.write_text(yaml.safe_dump(got, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    assert got == yaml.safe_load(expected_path.read_text(encoding="utf-8"))


LINK_WORDS = {"pdf", "paper", "code", "web", "website", "html", "link", "homepage", "video", "slides", "slide",
              "project", "project page", "article", "tweet", "website-part 1"}


def test_no_entry_of_any_shape_is_titled_by_a_link_word_or_its_url():
    """The property the golden files share: a title is the work's name, never "pdf" or a URL."""
    for path in INPUTS:
        (rl,) = read(str(path))
        for e in rl.primaries:
            title = (e.title or "").strip("[]() ").lower()
            assert title not in LINK_WORDS and e.title != e.url, (path.name, e.line, e.title)
