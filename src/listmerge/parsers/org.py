"""Org-mode lists: ``*`` headlines as nested sections, ``-``/``+``/``1.`` items with
``[[url][text]]``, ``[[url]]``, ``<url>`` or bare links as entries, and ``| ... |`` table rows with
links as entries (the header row names the title column).

An item's title is its link's text, or the name before its links when their text is a link word;
its note (after " - ", " — " or ":") is the annotation, sub-items without links add to it, and
sub-items with links are entries of their own. Links in paragraphs and quote blocks are works
mentioned in passing. Skipped, each link with its reason: source and example blocks, comments,
``#+HTML:`` and export lines, badges (a link whose text is an image), anchors of the page
(its table of contents) and the sections about the list itself (Contributing, License, ...).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import Parser
from .base import ListBuilder
from .biblio import year_of
from .cite import split_authors
from .inline import BARE_URL
from .linkitems import Item, Piece, clean_title, image_text, names_nothing, read_item, read_items
from .links import LinkFilter, is_boilerplate_section

NAME = "org"
HEADLINE = re.compile(r"^(?P<stars>\*+)\s+(?P<text>.*?)\s*$")
TAGS = re.compile(r"\s+:[\w@#%:]+:\s*$")
#: A table of contents: toc-org's :TOC: tags, or a headline that says so. It covers its own
#: body only; the headlines after it belong to the sections before it.
TOC = re.compile(r":toc(?:_\d+)?(?:_gh)?:|^\s*(?:table of )?contents\s*$", re.IGNORECASE)
TODO = re.compile(r"^(?:TODO|DONE|NEXT|WAITING|CANCELLED|CANCELED)\s+|^\[#[A-Z]\]\s+")
NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,5})[.)]\s+(?=\S)")
COOKIE = re.compile(r"\s*\[\d*(?:%|/\d*)\]")
BULLET = re.compile(r"^(?P<indent>\s*)(?P<bullet>[-+]|\d{1,3}[.)]|(?<=\s)\*)\s+(?P<text>.*)$")
CHECKBOX = re.compile(r"^\[[ xX-]\]\s+")
DESCRIPTION_TERM = re.compile(r"^(?P<term>.+?)\s+::(?:\s+(?P<rest>.*))?$")
BLOCK_BEGIN = re.compile(r"^\s*#\+begin_(?P<kind>\w+)", re.IGNORECASE)
BLOCK_END = re.compile(r"^\s*#\+end_(?P<kind>\w+)", re.IGNORECASE)
KEYWORD = re.compile(r"^\s*#\+(?P<key>[\w-]+):\s*(?P<value>.*)$")
COMMENT = re.compile(r"^\s*#(?:\s|$)")
DRAWER = re.compile(r"^\s*:(?P<name>[\w-]+):\s*$")
TABLE_ROW = re.compile(r"^\s*\|")
TABLE_RULE = re.compile(r"^\s*\|[-+:|\s]*$")
#: [[target][description]] (a description may hold single brackets), [[target]], <https://...>.
ORG_LINK = re.compile(r"\[\[(?P<target>[^\[\]]+)\](?:\[(?P<desc>(?:[^\[\]]|\[[^\[\]]*\])*)\])?\]"
                      r"|<(?P<angle>https?://[^<>\s]+)>")
#: Emphasis: *bold*, /italic/, =verbatim=, ~code~, +strike+, _underline_.
EMPHASIS = re.compile(r"(?<![\w*/=~+_])([*/=~+_])(?=\S)(.+?)(?<=\S)\1(?![\w*/=~+_])")
#: Blocks whose content is prose (read for mentions); any other block is code or data.
PROSE_BLOCKS = ("quote", "center", "verse")
#: Header cells that name a table's columns: the work's name, its authors, its year.
TABLE_COLUMNS = {
    "title": ("title", "name", "paper", "project", "package", "book", "work", "model"),
    "authors": ("author", "authors", "by"),
    "year": ("year", "date", "published"),
}


@dataclass
class Node:
    """A list item: its first line, last line, text, the text of its body paragraphs, and its
    sub-items."""

    line: int
    end_line: int
    indent: int
    text: str
    notes: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)


def pieces(text: str) -> list[Piece]:
    """The text of an org line as pieces: plain text (emphasis markers dropped) and links."""
    out: list[Piece] = []
    at = 0
    for m in ORG_LINK.finditer(text):
        _plain(text[at:m.start()], out)
        target = (m["target"] or m["angle"]).strip()
        desc = m["desc"] or ""
        out.append(Piece(_strip_emphasis(desc), target, image=image_text(desc)))
        at = m.end()
    _plain(text[at:], out)
    return out


def _plain(text: str, out: list[Piece]) -> None:
    """Plain text, with its bare URLs as links of their own."""
    at = 0
    for m in BARE_URL.finditer(text):
        if m.start() > at:
            out.append(Piece(_strip_emphasis(text[at:m.start()])))
        out.append(Piece("", m.group(0)))
        at = m.end()
    if at < len(text):
        out.append(Piece(_strip_emphasis(text[at:])))


def _strip_emphasis(text: str) -> str:
    return EMPHASIS.sub(r"\2", text)


def plain_text(text: str) -> str:
    return " ".join("".join(p.text for p in pieces(text)).split())


class Reader:
    """Reads an org file line by line into the builder."""

    def __init__(self, builder: ListBuilder, text: str):
        self.builder = builder
        self.links = LinkFilter.for_text(text)
        self.section: tuple[str, ...] = ()
        self.levels: list[int] = []
        self.boilerplate_level: int | None = None
        self.in_toc = False

    # --- skipping -------------------------------------------------------------------------------

    def skip_all(self, line: int, text: str, reason: str) -> None:
        for piece in pieces(text):
            if piece.url:
                self.builder.skip(line, piece.url, reason)

    @property
    def in_boilerplate(self) -> bool:
        return self.boilerplate_level is not None or self.in_toc

    @property
    def boilerplate_reason(self) -> str:
        return "table of contents" if self.in_toc and self.boilerplate_level is None else "section about the list itself"

    # --- sections -------------------------------------------------------------------------------

    def headline(self, n: int, stars: str, text: str) -> None:
        level = len(stars)
        if self.boilerplate_level is not None and level <= self.boilerplate_level:
            self.boilerplate_level = None
        self.in_toc = False
        tags = TAGS.search(text)
        text = COOKIE.sub("", TODO.sub("", TAGS.sub("", text))).strip()
        title = NUMBERING.sub("", plain_text(text))
        if TOC.search(tags.group(0) if tags else "") or TOC.search(title):
            self.in_toc = True
            return
        keep = [(lvl, t) for lvl, t in zip(self.levels, self.section) if lvl < level]
        self.levels = [lvl for lvl, _ in keep] + [level]
        self.section = tuple(t for _, t in keep) + (title,)
        if self.in_boilerplate or is_boilerplate_section(title):
            self.boilerplate_level = level if self.boilerplate_level is None else self.boilerplate_level
            self.skip_all(n, text, self.boilerplate_reason)
            return
        self.builder.section(self.section, n)
        if any(p.url for p in pieces(text)):
            self.entry(Node(n, n, 0, text), heading=True)

    # --- entries --------------------------------------------------------------------------------

    def entry(self, node: Node, heading: bool = False) -> None:
        """One item and, recursively, its sub-items with links."""
        if self.in_boilerplate:
            for line, text in [(node.line, node.text)] + [(node.line, t) for t in node.notes]:
                self.skip_all(line, text, self.boilerplate_reason)
            for child in node.children:
                self.entry(child)
            return
        text = CHECKBOX.sub("", node.text)
        if (m := DESCRIPTION_TERM.match(text)) and not ORG_LINK.match(text[m.end("term"):]):
            text = f"{m['term']} - {m['rest'] or ''}"
        items = read_items(pieces(text), self.links)
        for url, reason in items[0].skipped:
            self.builder.skip(node.line, url, reason)
        linked = [c for c in node.children if _has_link(c)]
        notes = node.notes + [_flat(c) for c in node.children if c not in linked]
        titled = [item for item in items if item.urls]
        for k, item in enumerate(titled):
            self.add(node, item, notes if k == 0 else [])
        if not titled and notes and not heading:
            for note in node.notes:
                self.mentions(node.line, node.end_line, note)
        for child in linked:
            self.entry(child)

    def add(self, node: Node, item: Item, notes: list[str], aliases: tuple[str, ...] = ()) -> None:
        note_text = "\n".join(n for n in (plain_text(t) for t in notes) if n)
        annotation = "\n".join(t for t in (item.annotation, note_text) if t)
        index = self.builder.add(
            node.line, node.end_line, title=item.title, url=item.url, urls=item.urls, authors=item.authors,
            year=item.year, annotation=annotation, section=self.section, aliases=aliases,
            flags=() if item.title else ("untitled",),
        )
        for mention in item.mentions:
            self.builder.add(node.line, node.line, title=clean_title(mention.text), url=mention.url,
                             section=self.section, role="mention", parent=index, raw=self.builder.raw(node.line, node.line))
        for note in notes:
            for piece in pieces(note):
                if piece.url:
                    self.mention(node.line, piece, parent=index)

    def mention(self, line: int, piece: Piece, parent: int | None = None) -> None:
        reason = self.links.reason(piece.url, piece.text, image_only=piece.image, prose=True)
        if reason:
            self.builder.skip(line, piece.url, reason)
            return
        title = None if names_nothing(piece) else clean_title(piece.text)
        self.builder.add(line, line, title=title, url=piece.url, section=self.section, role="mention",
                         parent=parent, raw=self.builder.raw(line, line))

    def mentions(self, line: int, end_line: int, text: str) -> None:
        """Links in prose: works cited in passing."""
        if self.in_boilerplate:
            self.skip_all(line, text, self.boilerplate_reason)
            return
        for piece in pieces(text):
            if piece.url:
                self.mention(line, piece)

    # --- tables ---------------------------------------------------------------------------------

    def table(self, rows: list[tuple[int, str]]) -> None:
        """Rows with links are entries; a header row (above a rule) names the title, author
        and year columns."""
        cells = [(n, _cells(text)) for n, text in rows if not TABLE_RULE.match(text)]
        header: list[str] = []
        if len(rows) > 1 and TABLE_RULE.match(rows[1][1]) and cells:
            header = [plain_text(c).lower() for c in cells[0][1]]
            cells = cells[1:]
        columns = {field: next((i for i, name in enumerate(header) if name in names), None)
                   for field, names in TABLE_COLUMNS.items()}
        for n, row in cells:
            self.row(n, row, columns)

    def row(self, n: int, row: list[str], columns: dict[str, int | None]) -> None:
        if self.in_boilerplate:
            self.skip_all(n, " ".join(row), self.boilerplate_reason)
            return
        if not any(p.url for c in row for p in pieces(c)):
            return
        cell = {field: row[i] if i is not None and i < len(row) else "" for field, i in columns.items()}
        used = {i for i in columns.values() if i is not None and i < len(row)}
        named = plain_text(cell["title"]) if not any(p.url for p in pieces(cell["title"])) else ""
        first = [cell["title"]] if cell["title"] and not named else []
        others = [c for i, c in enumerate(row) if i not in used]
        item = read_item([p for c in first + others for p in pieces(c) + [Piece(" | ")]], self.links)
        for url, reason in item.skipped:
            self.builder.skip(n, url, reason)
        item.annotation = " | ".join(t for t in (x.strip() for x in item.annotation.split("|")) if t)
        aliases = ()
        if named:  # the title column names the work; a named link elsewhere is another name for it
            aliases = (item.title,) if item.title and item.title != named else ()
            item.title = named
        if cell["authors"]:
            item.authors = split_authors(plain_text(cell["authors"]))
        if cell["year"] and (year := year_of(plain_text(cell["year"]))):
            item.year = year
        if item.urls:
            self.add(Node(n, n, 0, ""), item, [], aliases)


def _cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def _has_link(node: Node) -> bool:
    return any(p.url for p in pieces(node.text)) or any(_has_link(c) for c in node.children)


def _flat(node: Node) -> str:
    return " ".join([node.text] + node.notes + [_flat(c) for c in node.children])


# --- the line reader ----------------------------------------------------------------------------

def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, NAME, text.split("\n"))
    reader = Reader(builder, text)
    lines = builder.lines
    n = 0
    while n < len(lines):
        n = _step(reader, lines, n)
    return (builder.build(),)


def _step(reader: Reader, lines: list[str], n: int) -> int:
    """Read the construct that starts at index ``n``; the index after it."""
    line = lines[n]
    number = n + 1
    if not line.strip():
        return n + 1
    if (m := BLOCK_BEGIN.match(line)):
        return _block(reader, lines, n, m["kind"].lower())
    if (m := KEYWORD.match(line)):
        _keyword(reader, number, m["key"].lower(), m["value"])
        return n + 1
    if COMMENT.match(line):
        reader.skip_all(number, line, "comment")
        return n + 1
    if (m := HEADLINE.match(line)):
        reader.headline(number, m["stars"], m["text"])
        return n + 1
    if (m := DRAWER.match(line)) and m["name"].lower() != "end":
        end = next((k for k in range(n + 1, len(lines)) if lines[k].strip().lower() == ":end:"), n)
        return end + 1
    if TABLE_ROW.match(line):
        end = n
        while end < len(lines) and TABLE_ROW.match(lines[end]):
            end += 1
        reader.table([(k + 1, lines[k]) for k in range(n, end)])
        return end
    if BULLET.match(line) and not HEADLINE.match(line):
        node, end = _item(lines, n)
        reader.entry(node)
        return end
    end = _paragraph_end(lines, n)
    reader.mentions(number, end, " ".join(lines[n:end]))
    return end


def _keyword(reader: Reader, number: int, key: str, value: str) -> None:
    if key == "title" and not reader.builder.title:
        reader.builder.title = plain_text(value) or None
    elif key in ("html", "latex", "export", "attr_html", "attr_latex", "caption", "options", "setupfile"):
        reader.skip_all(number, value, "export setting")
    else:
        reader.skip_all(number, value, "file setting")


def _block(reader: Reader, lines: list[str], n: int, kind: str) -> int:
    """A #+BEGIN_... block: quotes are prose, anything else (source, examples, export) is not a list."""
    end = next((k for k in range(n + 1, len(lines)) if (m := BLOCK_END.match(lines[k])) and m["kind"].lower() == kind),
               len(lines))
    if kind in PROSE_BLOCKS:
        k = n + 1
        while k < end:
            if BULLET.match(lines[k]):
                node, after = _item(lines[:end], k)
                reader.mentions(node.line, node.end_line, _flat(node))
                k = after
            else:
                reader.mentions(k + 1, k + 1, lines[k])
                k += 1
    else:
        for k in range(n + 1, end):
            reader.skip_all(k + 1, lines[k], f"{kind} block")
    return end + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _item(lines: list[str], n: int) -> tuple[Node, int]:
    """The item whose bullet is on line index ``n``, with its continuation lines, body
    paragraphs and sub-items; and the index after it."""
    m = BULLET.match(lines[n])
    indent = len(m["indent"].expandtabs())
    node = Node(n + 1, n + 1, indent, m["text"].strip())
    k, blank = n + 1, False
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            blank, k = True, k + 1
            continue
        if _indent(line.expandtabs()) <= indent or HEADLINE.match(line) or BLOCK_BEGIN.match(line):
            break
        if BULLET.match(line):
            child, k = _item(lines, k)
            node.children.append(child)
            node.end_line = max(node.end_line, child.end_line)
            blank = False
            continue
        if blank or node.children:
            node.notes.append(line.strip())
        else:
            node.text += " " + line.strip()
        node.end_line, blank, k = k + 1, False, k + 1
    return node, k


def _paragraph_end(lines: list[str], n: int) -> int:
    end = n + 1
    while end < len(lines) and lines[end].strip() and not (
            HEADLINE.match(lines[end]) or BULLET.match(lines[end]) or TABLE_ROW.match(lines[end])
            or KEYWORD.match(lines[end]) or BLOCK_BEGIN.match(lines[end])):
        end += 1
    return end


def detect(text: str, path: str) -> float:
    head = text[:20000]
    if path.lower().endswith(".org"):
        return 0.9
    links = len(re.findall(r"\[\[(?:https?://|#|file:)[^\]]*\](?:\[[^\]]*\])?\]", head))
    headlines = len(re.findall(r"^\*+ \S", head, re.MULTILINE))
    keywords = len(re.findall(r"^#\+(?:title|author|options|begin_\w+|startup):", head, re.MULTILINE | re.IGNORECASE))
    if links >= 3 and (headlines or keywords):
        return 0.8
    return 0.4 if links >= 3 else 0.0


PARSER = Parser(
    name=NAME,
    description="org-mode lists: headlines as sections, items and table rows with links as entries",
    detect=detect,
    parse=parse,
    extensions=(".org",),
)
