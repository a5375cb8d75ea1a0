"""Markdown resource lists and awesome-lists.

Headings (and bold-only lines) are sections; list items, table rows and HTML list elements with
links are entries (``mditems``, ``mdtables``, ``htmlitems``); a run of citation paragraphs
("**[2]** Authors. "**Title**." Venue (2006). [[pdf]](url)") and headings that are links
("### [Title](url) (2014)", each followed by its description) are entries too. Links in prose
are mentions. Tables of contents, badges and the sections about the list itself (Contributing,
License, Sponsors...) are skipped, each skipped link recorded with its reason.
"""
from __future__ import annotations

import math
import re

from . import Parser
from .base import ListBuilder
from .cite import parse_tail
from .htmlitems import read_html
from .inline import links, plain, spans
from .links import is_boilerplate_section, is_contents_heading, is_link_word
from .mdblocks import Block, note_unread, read_blocks, split_front_matter
from .mditems import (PageContext, add_item, drop_number, item_entries, item_spans, line_of, name_span,
                      names_nothing, prose_mentions, split_tags)
from .mdtables import Row, table_entries

BOLD_LEVEL = 7  # a bold-only line sits below every heading level (markdown has six)
#: Heading entries: a page whose headings are links is a list of works when this many are.
MIN_HEADING_ENTRIES = 2

__all__ = ["PageContext", "is_toc", "item_entries", "prose_mentions", "walk_sections", "front_matter", "PARSER"]


def is_toc(items: list[Block], page: PageContext) -> bool:
    """A list whose every link points at an anchor of this page is a table of contents."""
    seen = False
    for url in (s.url for item in items for b in item.walk() for s in links(spans(b.text))):
        seen = True
        if not (url.startswith("#") or (page.page_url and url.split("#")[0].rstrip("/") == page.page_url.rstrip("/")
                                        and "#" in url)):
            return False  # stop at the first link to a work: long lists are not re-read
    return seen


def bold_only(text: str) -> str | None:
    """The text of a paragraph that is nothing but bold text (a pseudo-heading), else None."""
    parts = spans(text)
    if parts and all(p.strong and not p.url for p in parts):
        title = "".join(p.text for p in parts).strip().rstrip(":")
        return title if 0 < len(title) <= 80 else None
    return None


def front_matter(builder: ListBuilder) -> int:
    data, start, error = split_front_matter(builder.lines)
    if error:
        line, _, message = error.partition(":")
        builder.problem(int(line), message)
    if data:
        builder.metadata.update(json_safe(data))
        if isinstance(data.get("title"), str):
            builder.title = data["title"].strip()
    return start


def json_safe(value, _within: frozenset = frozenset()):
    """Front matter as plain JSON data: keys as strings, dates and other YAML types as their
    text, infinities and NaN as text ("inf"), a collection inside itself (an alias to the node
    it is in) as "…"."""
    if isinstance(value, (dict, list, tuple)):
        if id(value) in _within:
            return "…"
        inner = _within | {id(value)}
        if isinstance(value, dict):
            return {str(k): json_safe(v, inner) for k, v in value.items()}
        return [json_safe(v, inner) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "markdown", text.split("\n"))
    start = front_matter(builder)
    blocks = read_blocks(builder.lines, start)
    note_unread(builder, blocks)
    walk_sections(builder, blocks, PageContext.for_text(text))
    return (builder.build(),)


class _Walk:
    """The state of one pass over a page's blocks: the open sections, and what skips or
    gathers links (a section about the list itself, an open ``<details>`` group)."""

    def __init__(self, builder: ListBuilder, page: PageContext) -> None:
        self.builder = builder
        self.page = page
        self.stack: list[tuple[int, str]] = []
        self.boilerplate: tuple[int, str] | None = None  # (level, title) of a section about the list
        self.details: int | None = None  # the entry a <details> group's links go to

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(t for _, t in self.stack)

    @property
    def skip_all(self) -> str | None:
        return f"section about the list: {self.boilerplate[1]}" if self.boilerplate else None

    def heading(self, level: int, title: str, line: int) -> None:
        """A section about the list itself lasts until the next heading of any level: content
        under a deeper heading is not skipped for its parent's name."""
        self.boilerplate = None
        if is_boilerplate_section(title):
            self.boilerplate = (level, title)
            return
        if is_contents_heading(title):
            self.stack = [(lvl, t) for lvl, t in self.stack if lvl < level]
            return  # the contents' heading is no section: the sections below it are the list's
        self.stack = [(lvl, t) for lvl, t in self.stack if lvl < level] + [(level, title)]
        self.builder.section(self.section, line)


def walk_sections(builder: ListBuilder, blocks: list[Block], page: PageContext) -> None:
    """Headings (and bold-only paragraphs) as nested sections; items, tables, HTML and prose
    within them."""
    headings = [b for b in blocks if b.kind == "heading"]
    title_heading = headings[0] if headings and headings[0].level == min(h.level for h in headings) \
        and sum(h.level == headings[0].level for h in headings) == 1 and len(headings) > 1 else None
    if title_heading is not None and not builder.title:
        builder.title = plain(spans(title_heading.text))
    entry_headings = _entry_headings(headings, title_heading, page)
    citation_paragraphs = _citation_paragraphs(blocks, page)
    walk = _Walk(builder, page)
    toc_skip: set[int] = set()
    checked_until = 0  # items of a run already found not to be a table of contents
    owner: int | None = None  # the heading entry that following prose describes
    for index, block in enumerate(blocks):
        if block is title_heading:
            page.keep(builder, spans(block.text), block.line, block.end_line, skip_all="the list's title")
            continue
        if index in toc_skip:
            continue
        if block.kind == "heading":
            owner = None
            if id(block) in entry_headings and not walk.boilerplate:
                owner = _heading_entry(builder, block, walk)
            else:
                walk.heading(block.level, plain(spans(block.text)), block.line)
                if "](" in block.text or "<" in block.text:  # a heading's badge or link is recorded, not lost
                    prose_mentions(builder, block, walk.section, page, walk.skip_all)
        elif block.kind == "paragraph" and (bold := bold_only(block.text)):
            owner = None
            walk.heading(BOLD_LEVEL, bold, block.line)
        elif block.kind == "item":
            if index >= checked_until:
                run = _run_from(blocks, index)
                if is_toc(run, page):
                    _skip_links(builder, run, "table of contents")
                    toc_skip.update(range(index, index + len(run)))
                    continue
                checked_until = index + len(run)
            if walk.details is not None and not walk.skip_all:
                _gather(builder, block, walk)
            else:
                item_entries(builder, block, walk.section, page, walk.skip_all)
        elif block.kind == "table":
            rows = [Row(r.line, r.line, r.cells) for r in block.rows]
            table_entries(builder, block.header, rows, walk.section, page, walk.skip_all)
        elif block.kind == "html":
            _html(builder, block, walk)
        elif block.kind == "paragraph" and index in citation_paragraphs and not walk.skip_all:
            _paragraph_entry(builder, block, walk)
        elif block.kind in ("paragraph", "quote"):
            if owner is not None and not walk.skip_all:
                _describe(builder, owner, block, walk)
            else:
                prose_mentions(builder, block, walk.section, page, walk.skip_all)


def _run_from(blocks: list[Block], index: int) -> list[Block]:
    run = []
    for block in blocks[index:]:
        if block.kind != "item":
            break
        run.append(block)
    return run


def _skip_links(builder: ListBuilder, blocks, reason: str) -> None:
    for block in blocks:
        for part in block.walk():
            for span in links(spans(part.text)):
                builder.skip(line_of(builder, span.url, part.line, part.end_line), span.url, reason)


def _entry_headings(headings: list[Block], title_heading, page: PageContext) -> set[int]:
    """Headings that are a work's name and link ("### [Title](url) (2014)"), when the page has
    several: then each heading with what follows it is one entry."""
    found = set()
    for heading in headings:
        if heading is title_heading:
            continue
        parts = spans(heading.text)
        named = [s for s in links(parts) if s.text.strip() and not is_link_word(s.text) and page.reason(s) is None]
        if len(named) == 1 and 2 * len(named[0].text) >= len(plain(parts)):
            found.add(id(heading))
    return found if len(found) >= MIN_HEADING_ENTRIES else set()


def _heading_entry(builder: ListBuilder, heading: Block, walk: _Walk) -> int:
    parts = spans(heading.text)
    kept = walk.page.keep(builder, parts, heading.line, heading.end_line)
    link = next(s for s in kept if s.text.strip() and not is_link_word(s.text))
    authors, year, _ = parse_tail(plain(parts[parts.index(link) + 1:]))
    return builder.add(heading.line, heading.end_line, title=link.text, url=link.url,
                       urls=tuple(dict.fromkeys([link.url] + [s.url for s in kept if names_nothing(s)])),
                       authors=authors, year=year, section=walk.section)


def _describe(builder: ListBuilder, owner: int, block: Block, walk: _Walk) -> None:
    """A paragraph under a heading entry: its text is the entry's note, its links mentions."""
    entry = builder.entries[owner]
    text = plain(spans(block.text))
    builder.entries[owner] = entry.evolve(
        annotation=f"{entry.annotation}\n{text}".strip(), end_line=max(entry.end_line, block.end_line),
        raw=builder.raw(entry.line, max(entry.end_line, block.end_line)))
    for span in walk.page.keep(builder, spans(block.text), block.line, block.end_line, prose=True):
        at = line_of(builder, span.url, block.line, block.end_line)
        builder.add(at, at, title=None if names_nothing(span) else span.text or None, url=span.url,
                    section=walk.section, role="mention", parent=owner, raw=builder.raw(at, at))


def _citation_paragraphs(blocks: list[Block], page: PageContext) -> set[int]:
    """Paragraphs that each cite one work, in runs: a number label ("**[2]**", "[12]") or a bold
    name, then link words ("[[pdf]](url)"). Two or more in a row make a list; one alone is prose."""
    shaped = {i: shape for i, b in enumerate(blocks) if b.kind == "paragraph" and (shape := _cites(b.text, page))}
    numbered = [i for i, shape in shaped.items() if shape == "numbered"]
    chosen = set(numbered) if len(numbered) >= 2 else set()  # "[n]" labels make a list wherever they are
    named = [i for i, shape in shaped.items() if shape == "named"]
    for a, b in zip(named, named[1:]):
        if all(blocks[k].kind not in ("heading", "item", "table") for k in range(a + 1, b)):
            chosen.update((a, b))
    return chosen


def _cites(text: str, page: PageContext) -> str | None:
    """'numbered' for a paragraph that starts with a citation number and has a link, 'named'
    for one that starts with a bold name and has link words, else None."""
    parts = item_spans(text)
    numbered = drop_number(parts) != parts
    parts = drop_number(parts)
    kept = [s for s in links(parts) if page.reason(s) is None]
    if not kept or bold_only(text):
        return None
    if numbered:
        return "numbered"
    name = name_span(parts)
    return "named" if name is not None and any(s.strong for s in parts if not s.url) and names_nothing(kept[0]) \
        else None


def _paragraph_entry(builder: ListBuilder, block: Block, walk: _Walk) -> None:
    item = Block("item", block.line, block.end_line, block.text)
    item_entries(builder, item, walk.section, walk.page)


def _html(builder: ListBuilder, block: Block, walk: _Walk) -> None:
    html = read_html(block.text, block.line)
    if walk.details is not None and html.summary is None:
        for item in html.items:
            _gather(builder, item, walk)
    else:
        for item in html.items:
            item_entries(builder, item, walk.section, walk.page, walk.skip_all)
    for header, rows in html.tables:
        table_entries(builder, header, [Row(r.line, r.line, r.cells) for r in rows], walk.section, walk.page,
                      walk.skip_all)
    if html.summary is not None:
        walk.details = _summary_entry(builder, html.summary, walk)
    for prose in html.prose:
        if walk.details is not None and html.details_open is not False:
            _gather(builder, prose, walk, prose=True)
        else:
            prose_mentions(builder, prose, walk.section, walk.page, walk.skip_all)
    if html.details_open is False:
        walk.details = None


def _summary_entry(builder: ListBuilder, summary: Block, walk: _Walk) -> int | None:
    """The summary of a ``<details>`` group names one work; the links the group holds are its
    further links."""
    parts = item_spans(summary.text)
    tags, parts = split_tags(drop_number(parts))
    kept = walk.page.keep(builder, parts, summary.line, summary.end_line, skip_all=walk.skip_all)
    if not kept:
        return None
    return add_item(builder, summary.line, summary.end_line, walk.section, parts, tags, kept, [])


def _gather(builder: ListBuilder, block: Block, walk: _Walk, prose: bool = False) -> None:
    """Links inside an open ``<details>`` group join the group's entry."""
    entry = builder.entries[walk.details]
    found = [s for part in block.walk() for s in walk.page.keep(builder, item_spans(part.text), part.line,
                                                                 part.end_line, prose=prose)]
    if found:
        builder.entries[walk.details] = entry.evolve(
            urls=tuple(dict.fromkeys(entry.urls + tuple(s.url for s in found))),
            end_line=max(entry.end_line, block.end_line))


def detect(text: str, path: str) -> float:
    head = text[:20000]
    score = 0.0
    if re.search(r"^ {0,3}#{1,6} \S", head, re.MULTILINE):
        score += 0.3
    elif re.search(r"^\S.*\n(?:=+|-+) *$", head, re.MULTILINE):
        score += 0.1  # setext underlines are written in plain text too
    if re.search(r"\]\((?:https?://|#)", head):
        score += 0.2
    if re.search(r"^\s*(?:[-*+]|\d+\.)\s+.*\]\(", head, re.MULTILINE) or re.search(r"^\|.*\]\(", head, re.MULTILINE):
        score += 0.1
    elif re.search(r"^\s*[-*+]\s+(?:.*\s)?<?https?://", head, re.MULTILINE):
        score += 0.1  # list items that are bare links
    return score


PARSER = Parser(
    name="markdown",
    description="markdown resource lists and awesome-lists",
    detect=detect,
    parse=parse,
    extensions=(".md", ".markdown"),
)
