"""reStructuredText lists: section titles (underlined, or over- and underlined) as nested
sections, their levels in the order the adornment styles first appear; bullet, enumerated and
footnote or citation items (``.. [#]``, ``.. [1]``) with links as entries.

Links are ```Title <url>`_`` (or ``__``), references to named targets (```Title`_``,
``Title_`` with ``.. _Title: url``), ``<url>`` and bare URLs. An item's title is its link's
text, or the name before its links; an author-and-year byline after it (", Mnih et al, 2013.")
gives authors and year, the rest is the annotation. A lone first title with a style of its own
is the document's title. Directives (``.. contents::``, ``.. image::``, ``.. code::``),
comments and field lists are not lists: their links are skipped with the reason. Read line by
line (docutils is not needed for this and reports no line for most list items).
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder
from .inline import BARE_URL
from .linkitems import ItemReader, Node, Piece, indent_of, indented_item, paragraph_end, read_lines
from .links import LinkFilter, is_boilerplate_section

NAME = "rst"
GRID_BORDER = re.compile(r"^\s*\+[-=+]{2,}\+\s*$")
SIMPLE_BORDER = re.compile(r"^\s*=+(?: +=+)+\s*$")
ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
BULLET = re.compile(r"^(?P<indent>\s*)(?P<bullet>[-*+•‣⁃]|\(?(?:\d+|[a-zA-Z]|#|[ivxlcdm]+)[.)])\s+(?P<text>\S.*)$")
FOOTNOTE = re.compile(r"^(?P<indent>\s*)\.\.\s+\[(?P<label>#?[\w-]*|\*)\]\s+(?P<text>.*)$")
DIRECTIVE = re.compile(r"^(?P<indent>\s*)\.\.\s+(?:\|[^|]+\|\s+)?(?P<name>[\w:+-]+)::(?P<args>.*)$")
TARGET = re.compile(r"^\s*\.\.\s+_(?P<name>`[^`]+`|[^:]+):\s*(?P<url>\S*)\s*$")
ANONYMOUS_TARGET = re.compile(r"^\s*(?:\.\.\s+__:|__)\s+(?P<url>\S+)\s*$")
COMMENT = re.compile(r"^\s*\.\.(?:\s|$)")
FIELD = re.compile(r"^\s*:[\w\s.-]+:(?:\s|$)")
#: `Title <url>`_ , `<url>`__ , `Title`_ , Name_ (a reference to a named target).
LINK = re.compile(r"`(?P<text>[^`<]*?)(?<!\s)\s*+<(?P<url>[^<>`]+)>`__?"
                  r"|`(?P<ref>[^`]+)`_(?!_)"
                  r"|(?<![\w`])(?P<word>[A-Za-z][\w.-]{0,200})_(?![\w_])")
ROLE = re.compile(r":[\w:+-]{1,60}:`([^`]*)`|`([^`]*)`:[\w:+-]{1,60}:")
#: "1. Model-Free RL", "a. Deep Q-Learning": a title's own numbering is not its name.
NUMBERING = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcdm]{1,5})[.)]\s+(?=\S)")
EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|``(.+?)``|`([^`]+)`")


def _markup(text: str) -> str:
    text = ROLE.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = EMPHASIS.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    return text.replace("\\", "")


class Reader(ItemReader):
    def __init__(self, builder: ListBuilder, text: str):
        super().__init__(builder, LinkFilter.for_text(text))
        self.targets = _targets(builder.lines)
        self.styles: list[tuple[str, bool]] = []
        self.levels: list[int] = []
        self.document_style = _document_style(builder.lines)

    def pieces(self, text: str) -> list[Piece]:
        out: list[Piece] = []
        at = 0
        for m in LINK.finditer(text):
            url, label = self._resolve(m)
            if url is None:
                continue
            _plain(text[at:m.start()], out)
            out.append(Piece(_markup(label), url))
            at = m.end()
        _plain(text[at:], out)
        return out

    def plain(self, text: str) -> str:
        return _markup(super().plain(text))

    def _resolve(self, m: re.Match) -> tuple[str | None, str]:
        if m["url"] is not None:
            return m["url"].strip(), m["text"] or ""
        name = m["ref"] or m["word"]
        url = self.targets.get(_norm(name))
        return (url, name) if url else (None, name)

    def title(self, line: int, text: str, style: tuple[str, bool]) -> None:
        """A section title: its level is the order its style first appeared in."""
        title = NUMBERING.sub("", self.plain(text))
        if style == self.document_style and not self.builder.title:
            self.builder.title = title
            return
        if style not in self.styles:
            self.styles.append(style)
        level = self.styles.index(style) + 1
        if self.boilerplate_level is not None and level <= self.boilerplate_level:
            self.boilerplate_level = None
        keep = [(lvl, t) for lvl, t in zip(self.levels, self.section) if lvl < level]
        self.levels = [lvl for lvl, _ in keep] + [level]
        self.section = tuple(t for _, t in keep) + (title,)
        if self.boilerplate_level is None and is_boilerplate_section(title):
            self.boilerplate_level = level
        if self.boilerplate_level is None:
            self.builder.section(self.section, line)


def _plain(text: str, out: list[Piece]) -> None:
    at = 0
    for m in BARE_URL.finditer(text):
        if m.start() > at:
            out.append(Piece(_markup(text[at:m.start()])))
        out.append(Piece("", m.group(0).rstrip(">")))
        at = m.end()
    if at < len(text):
        out.append(Piece(_markup(text[at:])))


def _norm(name: str) -> str:
    return " ".join(name.strip("`").lower().split())


def _targets(lines: list[str]) -> dict[str, str]:
    """Named hyperlink targets: ``.. _Name: url`` (a target with no URL takes the next one's)."""
    found: dict[str, str] = {}
    waiting: list[str] = []
    for line in lines:
        m = TARGET.match(line)
        if not m:
            continue
        waiting.append(_norm(m["name"]))
        if m["url"]:
            for name in waiting:
                found.setdefault(name, m["url"])
            waiting = []
    return found


# --- the line reader ----------------------------------------------------------------------------

def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, NAME, text.split("\n"))
    reader = Reader(builder, text)
    read_lines(builder, lambda n: _step(reader, builder.lines, n))
    return (builder.build(),)


def _document_style(lines: list[str]) -> tuple[str, bool] | None:
    """The style of the document's title: the first title's, when no other title uses it."""
    styles = []
    n = 0
    while n < len(lines):
        found = _section_title(lines, n)
        if found:
            styles.append(found[1])
            n = found[2]
        else:
            n += 1
    return styles[0] if len(styles) > 1 and styles.count(styles[0]) == 1 else None


def _step(reader: Reader, lines: list[str], n: int) -> int:
    line = lines[n]
    if not line.strip():
        return n + 1
    heading = _section_title(lines, n)
    if heading:
        text_line, style, after = heading
        reader.title(text_line + 1, lines[text_line].strip(), style)
        return after
    if GRID_BORDER.match(line) or (SIMPLE_BORDER.match(line) and not ADORNMENT.match(line)):
        return _table(reader, lines, n)
    if ADORNMENT.match(line):
        return n + 1  # a transition
    if (m := FOOTNOTE.match(line)) or (BULLET.match(line) and not COMMENT.match(line)):
        node, end = _item(lines, n)
        reader.entry(node)
        return end
    if TARGET.match(line) or ANONYMOUS_TARGET.match(line):
        return n + 1
    if DIRECTIVE.match(line) or COMMENT.match(line) or FIELD.match(line):
        end = _block_end(lines, n)
        reason = f"{DIRECTIVE.match(line)['name']} directive" if DIRECTIVE.match(line) else \
            ("field list" if FIELD.match(line) else "comment")
        for k in range(n, end):
            reader.skip_all(k + 1, lines[k], reason)
        return end
    if n + 1 < len(lines) and lines[n + 1].strip() and indent_of(lines[n + 1]) > indent_of(line):
        return _definition(reader, lines, n)
    end = paragraph_end(lines, n, _starts_block)
    reader.mentions(n + 1, " ".join(lines[n:end]))
    return end


def _definition(reader: Reader, lines: list[str], n: int) -> int:
    """A definition-list item: its term line (a work, when it has a link) and the indented
    definition under it (the note)."""
    end = _block_end(lines, n)
    note = " ".join(line.strip() for line in lines[n + 1:end] if line.strip())
    reader.entry(Node(n + 1, end, lines[n].strip(), [note] if note else []))
    return end


def _table(reader: Reader, lines: list[str], n: int) -> int:
    """A grid table (``+---+`` borders, ``|`` rows that may span lines) or a simple table
    (``===  ===`` borders, one row a line): each row with a link is an entry, its cells read
    as one item ("Title | Authors | notes"); the header rows (above ``+===+`` or the second
    ``===`` border) are not."""
    grid = bool(GRID_BORDER.match(lines[n]))
    end = n
    while end < len(lines) and lines[end].strip() and (
            (grid and (GRID_BORDER.match(lines[end]) or lines[end].lstrip().startswith("|")))
            or (not grid and (SIMPLE_BORDER.match(lines[end]) or not lines[end].startswith(" ")))):
        end += 1
    rows = _grid_rows(lines, n, end) if grid else _simple_rows(lines, n, end)
    for first, last, text in rows:
        node = Node(first + 1, last + 1, text)
        if any(p.url for p in reader.pieces(text)):
            reader.entry(node)
    return end


def _grid_rows(lines: list[str], n: int, end: int) -> list[tuple[int, int, str]]:
    rows, current, header_done = [], [], not any(lines[k].lstrip().startswith("+=") for k in range(n, end))
    for k in range(n, end):
        if GRID_BORDER.match(lines[k]):
            if current and header_done:
                rows.append((current[0], current[-1], _cells_text([lines[j] for j in current])))
            header_done = header_done or lines[k].lstrip().startswith("+=")
            current = []
        else:
            current.append(k)
    return rows


def _simple_rows(lines: list[str], n: int, end: int) -> list[tuple[int, int, str]]:
    borders = [k for k in range(n, end) if SIMPLE_BORDER.match(lines[k])]
    body = borders[1] if len(borders) > 2 else borders[0]  # a header sits between the first two
    columns = [m.start() for m in re.finditer(r"=+", lines[n])]
    return [(k, k, " | ".join(_columns(lines[k], columns))) for k in range(body + 1, end)
            if not SIMPLE_BORDER.match(lines[k])]


def _columns(line: str, starts: list[int]) -> list[str]:
    bounds = starts[1:] + [len(line) + 1]
    cells = [line[a:b].strip() for a, b in zip(starts, bounds)]
    return [c for c in cells if c]


def _cells_text(row: list[str]) -> str:
    """A grid row's cells, each joined over its lines, as "cell | cell"."""
    split = [line.strip().strip("|").split("|") for line in row]
    width = max(map(len, split))
    cells = [" ".join(parts[i].strip() for parts in split if i < len(parts)).strip() for i in range(width)]
    return " | ".join(c for c in cells if c)


def _section_title(lines: list[str], n: int) -> tuple[int, tuple[str, bool], int] | None:
    """(index of the title text, its adornment style, index after it) when a title starts at ``n``."""
    line = lines[n]
    over = ADORNMENT.match(line)
    if over and n + 2 < len(lines) and lines[n + 1].strip() and (under := ADORNMENT.match(lines[n + 2])) \
            and under.group(1) == over.group(1) and not ADORNMENT.match(lines[n + 1]):
        return n + 1, (over.group(1), True), n + 3
    if not over and line.strip() and n + 1 < len(lines) and (under := ADORNMENT.match(lines[n + 1])) \
            and len(lines[n + 1].strip()) >= min(len(line.strip()), 4) and not line.startswith(" ") \
            and (n == 0 or not lines[n - 1].strip()):
        return n, (under.group(1), False), n + 2
    return None


def _block_end(lines: list[str], n: int) -> int:
    """The end of an explicit-markup block: its first line and every line indented past it."""
    indent = indent_of(lines[n])
    end = n + 1
    while end < len(lines) and (not lines[end].strip() or indent_of(lines[end]) > indent):
        end += 1
    while end > n + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _item(lines: list[str], n: int) -> tuple[Node, int]:
    """The bullet, enumerated or footnote item at index ``n`` and the index after it."""
    return indented_item(lines, n, _marker, lambda line: False)


def _marker(line: str) -> re.Match | None:
    return FOOTNOTE.match(line) or (None if COMMENT.match(line) else BULLET.match(line))


def _starts_block(lines: list[str], k: int) -> bool:
    line = lines[k]
    return bool(BULLET.match(line) or FOOTNOTE.match(line) or COMMENT.match(line) or _section_title(lines, k))


def detect(text: str, path: str) -> float:
    if path.lower().endswith((".rst", ".rest")):
        return 0.9
    head = text[:20000]
    links = len(re.findall(r"`[^`<]*<https?://[^>]+>`__?", head))
    directives = len(re.findall(r"^\.\. [\w-]+::|^\.\. _[^:]+:|^\.\. \[#?\w*\]", head, re.MULTILINE))
    if links >= 2 and directives:
        return 0.8
    return 0.4 if links >= 3 else 0.0


PARSER = Parser(
    name=NAME,
    description="reStructuredText lists: titles as sections, bullet, enumerated and footnote items as entries",
    detect=detect,
    parse=parse,
    extensions=(".rst", ".rest"),
)
