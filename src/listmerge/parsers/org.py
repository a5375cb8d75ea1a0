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

from . import Parser
from .base import ListBuilder
from .biblio import year_of
from .cite import split_authors
from .inline import BARE_URL
from .linkitems import ItemReader, Node, Piece, image_text, indented_item, paragraph_end, read_item, read_lines
from .links import LinkFilter, is_boilerplate_section

NAME = "org"
HEADLINE = re.compile(r"^(?P<stars>\*+)\s+(?P<text>.*?)\s*$")
TAGS = re.compile(r"(?<!\s)\s+:[\w@#%:]+:\s*$")
#: A table of contents: toc-org's :TOC: tags, or a headline that says so. It covers its own
#: body only; the headlines after it belong to the sections before it.
TOC = re.compile(r":toc(?:_\d+)?(?:_gh)?:|^\s*(?:table of )?contents\s*$", re.IGNORECASE)
TODO = re.compile(r"^(?:TODO|DONE|NEXT|WAITING|CANCELLED|CANCELED)\s+|^\[#[A-Z]\]\s+")
NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,5})[.)]\s+(?=\S)")
COOKIE = re.compile(r"(?:(?<!\s)\s+)?\[\d*(?:%|/\d*)\]")
BULLET = re.compile(r"^(?P<indent>\s*)(?P<bullet>[-+]|\d{1,3}[.)]|(?<=\s)\*)\s+(?P<text>.*)$")
CHECKBOX = re.compile(r"^\[[ xX-]\]\s+")
DESCRIPTION_TERM = re.compile(r"^(?P<term>[^\S\n]|.+?(?<!\s))\s++::(?:\s+(?P<rest>.*))?$")
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
#: Emphasis stays within a line and a few hundred characters (so its search is bounded).
EMPHASIS = re.compile(r"(?<![\w*/=~+_])([*/=~+_])(?=\S)([^\n]{1,300}?)(?<=\S)\1(?![\w*/=~+_])")
#: Blocks whose content is prose (read for mentions); any other block is code or data.
PROSE_BLOCKS = ("quote", "center", "verse")
#: Header cells that name a table's columns: the work's name, its authors, its year.
TABLE_COLUMNS = {
    "title": ("title", "name", "paper", "project", "package", "book", "work", "model"),
    "authors": ("author", "authors", "by"),
    "year": ("year", "date", "published"),
}


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


class Reader(ItemReader):
    """Reads an org file line by line into the builder."""

    def __init__(self, builder: ListBuilder, text: str):
        super().__init__(builder, LinkFilter.for_text(text))
        self.levels: list[int] = []

    def pieces(self, text: str) -> list[Piece]:
        return pieces(text)

    def item_text(self, node: Node) -> str:
        """Without its checkbox; a description item ("term :: note") as "term - note"."""
        text = CHECKBOX.sub("", node.text)
        if (m := DESCRIPTION_TERM.match(text)) and not ORG_LINK.match(text[m.end("term"):]):
            text = f"{m['term']} - {m['rest'] or ''}"
        return text

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
            self.entry(Node(n, n, text))

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
        aliases = ()
        if named:  # the title column names the work; a named link elsewhere is another name for it
            aliases = (item.title,) if item.title and item.title != named else ()
            item.title = named
        if cell["authors"]:
            item.authors = split_authors(plain_text(cell["authors"]))
        if cell["year"] and (year := year_of(plain_text(cell["year"]))):
            item.year = year
        if item.urls:
            self.add(Node(n, n, ""), item, [], aliases)


def _cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


# --- the line reader ----------------------------------------------------------------------------

def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, NAME, text.split("\n"))
    reader = Reader(builder, text)
    read_lines(builder, lambda n: _step(reader, builder.lines, n))
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
    end = paragraph_end(lines, n, _starts_block)
    reader.mentions(number, " ".join(lines[n:end]))
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
                reader.mentions(node.line, node.flat())
                k = after
            else:
                reader.mentions(k + 1, lines[k])
                k += 1
    else:
        for k in range(n + 1, end):
            reader.skip_all(k + 1, lines[k], f"{kind} block")
    return end + 1


def _item(lines: list[str], n: int) -> tuple[Node, int]:
    """The item whose bullet is on line index ``n`` and the index after it."""
    return indented_item(lines, n, _bullet, lambda line: HEADLINE.match(line) or BLOCK_BEGIN.match(line))


def _bullet(line: str) -> re.Match | None:
    return None if HEADLINE.match(line) else BULLET.match(line)


def _starts_block(lines: list[str], k: int) -> bool:
    line = lines[k]
    return bool(HEADLINE.match(line) or BULLET.match(line) or TABLE_ROW.match(line) or KEYWORD.match(line)
                or BLOCK_BEGIN.match(line))


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
