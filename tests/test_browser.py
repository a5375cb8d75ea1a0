"""The HTML pages in a real browser: headless Chromium (the distribution's package; .ci/run
installs it) renders canon.html and the diff report, runs their script, and the DOM it dumps
agrees with canon.json and the diff's JSON; every source link points at a file that exists."""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from conftest import ROOT
from listmerge.cli import main

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")


def browser() -> str:
    found = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    if found is None:
        pytest.skip("no Chromium on this machine (.ci/run installs the distribution's chromium package)")
    return found


def dom(url: str) -> str:
    with tempfile.TemporaryDirectory(prefix="listmerge-chromium-") as profile:
        done = subprocess.run([browser(), *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout


def screenshot(url: str, out: Path, size: str = "1280,1800") -> None:
    with tempfile.TemporaryDirectory(prefix="listmerge-chromium-") as profile:
        subprocess.run([browser(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                        f"--screenshot={out}", url], capture_output=True, text=True, timeout=120, check=True)


class Elements(HTMLParser):
    """The elements of a dumped DOM that the tests look at: attributes and text by id/class."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict, list[str]]] = []
        self.open: list[tuple[str, dict, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.found.append(element)
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element[2].append(data)

    def by_class(self, name: str, tag: str | None = None):
        return [e for e in self.found if name in (e[1].get("class") or "").split() and (tag is None or e[0] == tag)]

    def by_id(self, name: str):
        return next(e for e in self.found if e[1].get("id") == name)


def parsed(text: str) -> Elements:
    reader = Elements()
    reader.feed(text)
    return reader


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """The main job run on a copy of lists/, as a user runs it."""
    root = tmp_path_factory.mktemp("canon")
    shutil.copytree(ROOT / "lists", root / "lists")
    result = CliRunner().invoke(main, ["merge", str(root / "lists"), "--out", str(root / "output"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return root / "output"


def test_canon_html_renders_with_the_counts_of_canon_json(merged):
    canon = json.loads((merged / "canon.json").read_text(encoding="utf-8"))
    page = parsed(dom((merged / "canon.html").as_uri()))
    works = page.by_class("work", "li")
    assert len(works) == len(canon["works"])
    assert "".join(page.by_id("shown")[2]) == f"{len(canon['works'])} works shown"  # the script ran
    for topic in canon["topics"]:
        if topic["works"]:
            section = next(e for e in page.found if e[0] == "section" and e[1].get("data-topic") == topic["name"])
            assert section[1].get("hidden") is None
    counts = {e[1]["data-topic"]: int("".join(e[2])) for e in page.by_class("count", "span") if e[1].get("data-topic")}
    assert sorted(counts.values(), reverse=True) == sorted((len(t["works"]) for t in canon["topics"] if t["works"]),
                                                           reverse=True)
    assert page.by_id("upset")[0] == "figure" and any(e[0] == "svg" for e in page.found)


def test_canon_html_source_links_resolve_to_files_that_exist(merged):
    page = parsed(dom((merged / "canon.html").as_uri()))
    links = [e[1]["href"] for e in page.by_class("source", "a")]
    assert links
    for href in set(h.split("#")[0] for h in links):
        assert (merged / unquote(href)).resolve().is_file(), href


def test_the_filters_show_what_they_ask_for(merged):
    """canon.html?support=2 shows the works in at least two lists, and the search box narrows."""
    canon = json.loads((merged / "canon.json").read_text(encoding="utf-8"))
    page = parsed(dom((merged / "canon.html").as_uri() + "?support=2"))
    shown = [e for e in page.by_class("work", "li") if "hidden" not in e[1]]
    assert len(shown) == sum(1 for w in canon["works"] if w["support"] >= 2) > 0
    first = canon["works"][0]["title"].split()[0].lower()
    page = parsed(dom((merged / "canon.html").as_uri() + f"?q={first}"))
    shown = [e for e in page.by_class("work", "li") if "hidden" not in e[1]]
    assert 0 < len(shown) <= len(canon["works"]) and all(first in e[1]["data-search"] for e in shown)


def test_a_screenshot_of_the_canon_is_taken(merged, tmp_path):
    out = tmp_path / "canon.png"
    screenshot((merged / "canon.html").as_uri(), out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


@pytest.fixture(scope="module")
def diff_report(tmp_path_factory):
    """diff -o html and -o json of two versions of a public list (../shared/history)."""
    from conftest import shared_path

    history = shared_path("history", "applied-ml")
    old, new = sorted(str(p) for p in history.glob("README.*.md"))
    root = tmp_path_factory.mktemp("diff")
    for fmt in ("html", "json"):
        result = CliRunner().invoke(main, ["diff", old, new, "-o", fmt, "--out", str(root / f"diff.{fmt}")])
        assert result.exit_code == 1, result.stderr
    return root


def test_the_diff_report_shows_every_change_of_the_json_by_kind(diff_report):
    data = json.loads((diff_report / "diff.json").read_text(encoding="utf-8"))
    page = parsed(dom((diff_report / "diff.html").as_uri()))
    for kind in {c["type"] for c in data["changes"]}:
        expected = sum(1 for c in data["changes"] if c["type"] == kind)
        rows = [e for e in page.found if e[0] == "li" and kind in (e[1].get("class") or "").split()]
        assert len(rows) == expected, kind
        nav = next(e for e in page.by_class("count", "span") if e[1].get("data-kind") == kind)
        assert int("".join(nav[2])) == expected
    summaries = ["".join(e[2]) for e in page.found if e[0] == "summary"]
    for edit in data["systematic"]:  # each systematic edit is folded into lines that open to its entries
        assert any(edit["description"] in text for text in summaries)
    assert len([e for e in page.found if e[1].get("class") == "files"]) == 1  # the paths, once


def test_the_diff_report_highlights_the_words_that_changed(diff_report):
    page = parsed(dom((diff_report / "diff.html").as_uri()))
    assert any(e[0] == "ins" for e in page.found)  # the re-annotations gained a year tag


def test_a_screenshot_of_the_diff_report_is_taken(diff_report, tmp_path):
    out = tmp_path / "diff.png"
    screenshot((diff_report / "diff.html").as_uri(), out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
