"""HTML inside markdown: ``<ul>/<ol>`` lists, ``<table>`` rows and ``<details><summary>`` groups,
turned into the blocks the markdown reader already knows (items with children, table rows), with
each element's line. An element's inline content becomes markdown inline text (links, bold,
italics; an image inside a link stays an image, so a badge is known as one)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..budget import current
from .mdblocks import Block, Row

INLINE_MARK = {"b": "**", "strong": "**", "em": "*", "i": "*"}
ESCAPE = re.compile(r"([\\`*_\[\]<>!])")
BLOCK_BREAK = frozenset({"br", "p", "div", "tr", "li", "ul", "ol", "table", "summary", "details"})


@dataclass
class _Item:
    line: int
    parts: list[str] = field(default_factory=list)
    children: list["_Item"] = field(default_factory=list)
    end_line: int = 0


@dataclass
class Html:
    """What an HTML block holds: list items, tables (header and rows), a summary that opens a
    details group, and the text outside them (prose)."""

    items: list[Block] = field(default_factory=list)
    tables: list[tuple[list[str], list[Row]]] = field(default_factory=list)
    summary: Block | None = None
    prose: list[Block] = field(default_factory=list)
    #: whether a <details> group is open at the block's end: True, False (closed in it), or
    #: None (the block opens or closes none)
    details_open: bool | None = None


class _Reader(HTMLParser):
    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.out = Html()
        self.items: list[_Item] = []  # open <li>, outermost first
        self.flattened = 0  # open <li> nested past the depth budget, read as part of the deepest
        self.tops: list[_Item] = []
        self.table: tuple[list[str], list[Row]] | None = None
        self.row: list[str] | None = None
        self.row_line = 0
        self.cell: list[str] | None = None
        self.header_row = False
        self.summary: _Item | None = None
        self.prose: _Item | None = None
        self.link: list[str] = []  # open <a> hrefs ('' for an anchor without href)
        self.link_text: list[list[str]] = []

    @property
    def line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _sink(self) -> list[str]:
        if self.link_text:
            return self.link_text[-1]
        if self.cell is not None:
            return self.cell
        if self.summary is not None:
            return self.summary.parts
        if self.items:
            return self.items[-1].parts
        if self.prose is None:
            self.prose = _Item(self.line)
        return self.prose.parts

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li":
            if len(self.items) >= current().max_depth:  # deeper items join the deepest one
                self.flattened += 1
                self._sink().append(" ")
                return
            item = _Item(self.line)
            (self.items[-1].children if self.items else self.tops).append(item)
            self.items.append(item)
        elif tag == "table":
            self.table = ([], [])
        elif tag == "tr" and self.table is not None:
            self.row, self.row_line, self.header_row = [], self.line, False
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.header_row = self.header_row or tag == "th"
        elif tag == "details":
            self.out.details_open = True
        elif tag == "summary":
            self.summary = _Item(self.line)
        elif tag == "a":
            self.link.append(attrs.get("href") or "")
            self.link_text.append([])
        elif tag == "img":
            src = attrs.get("src") or ""
            if self.link_text and src:
                self.link_text[-1].append(f"![{_escape(attrs.get('alt') or '')}]({src})")
        elif tag in INLINE_MARK:
            self._sink().append(INLINE_MARK[tag])
        else:
            self._sink().append(" ")

    def handle_endtag(self, tag):
        if tag == "a" and self.link:
            href, text = self.link.pop(), "".join(self.link_text.pop())
            self._sink().append(f"[{text}](<{href}>)" if href and not href.startswith("javascript:") else text)
        elif tag in INLINE_MARK:
            self._sink().append(INLINE_MARK[tag])
        elif tag == "li" and self.flattened:
            self.flattened -= 1
        elif tag == "li" and self.items:
            self.items.pop().end_line = self.line
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            if self.header_row and not self.table[0] and not self.table[1]:
                self.table[0].extend(self.row)
            else:
                self.table[1].append(Row(self.row_line, self.row))
            self.row = None
        elif tag == "table" and self.table is not None:
            self.out.tables.append(self.table)
            self.table = None
        elif tag == "summary" and self.summary is not None:
            self.summary.end_line = self.line
            self.out.summary = _block(self.summary)
            self.out.details_open = True
            self.summary = None
        elif tag == "details":
            self.out.details_open = False
        if tag in BLOCK_BREAK and self.prose is not None and not self.items:
            self.prose.end_line = self.line
            self.out.prose.append(_block(self.prose))
            self.prose = None

    def handle_data(self, data):
        if data.strip() or data:
            self._sink().append(_escape(" ".join(data.split()) if data.strip() else " "))

    def close(self):
        super().close()
        if self.prose is not None:
            self.prose.end_line = self.line
            self.out.prose.append(_block(self.prose))
        self.out.items = [_block(i) for i in self.tops]


def _escape(text: str) -> str:
    return ESCAPE.sub(r"\\\1", text)


def _block(item: _Item) -> Block:
    text = " ".join("".join(item.parts).split())
    end = max(item.end_line, item.line)
    return Block("item", item.line, end, text, children=[_block(c) for c in item.children])


def read_html(text: str, first_line: int) -> Html:
    """The lists, tables, summary and prose of one HTML block starting at ``first_line``."""
    reader = _Reader(first_line)
    reader.feed(text)
    reader.close()
    return reader.out


class _Inline(HTMLParser):
    """Inline HTML in a markdown line to markdown: ``<a href>`` to links, bold and italics to
    their marks, images dropped unless they are a link's content (a badge)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.link: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.link.append(attrs.get("href") or "")
            self.out.append("[" if self.link[-1] else "")
        elif tag == "img" and self.link and attrs.get("src"):
            self.out.append(f"![{_escape(attrs.get('alt') or '')}]({attrs['src']})")
        elif tag in INLINE_MARK:
            self.out.append(INLINE_MARK[tag])
        elif tag != "img":
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag == "a" and self.link:
            href = self.link.pop()
            self.out.append(f"](<{href}>)" if href else "")
        elif tag in INLINE_MARK:
            self.out.append(INLINE_MARK[tag])

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


HTML_TAG = re.compile(r"</?(?:a|img|b|strong|em|i|br|span|code|sup|sub|p|div)\b", re.IGNORECASE)


def inline_markdown(text: str) -> str:
    """``text`` with its inline HTML turned into markdown (a text without tags comes back as it is)."""
    if "<" not in text or not HTML_TAG.search(text):
        return text
    reader = _Inline()
    reader.feed(text)
    reader.close()
    return "".join(reader.out)
