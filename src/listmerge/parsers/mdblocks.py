"""Markdown's block structure, read the way GitHub renders it, with source lines.

markdown-it-py (CommonMark with GFM tables) finds the blocks: ATX and setext headings, tight and
loose lists with nested items, paragraphs, block quotes, code, rules, tables and HTML blocks,
each with its line range. Inline markup stays with mistune (``inline.py``). Blocks come out in a
small tree of our own: every entry must point at its lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..budget import check_yaml
from ..errors import InputError

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass
class Para:
    line: int
    end_line: int
    text: str


@dataclass
class Row:
    """A table row: its line and its cells' inline text."""

    line: int
    cells: list[str]


@dataclass
class Block:
    kind: str  # heading | item | paragraph | quote | rule | code | table | html
    line: int
    end_line: int
    text: str = ""
    level: int = 0  # heading level
    ordered: bool = False
    number: int | None = None
    marker: str = ""  # an item's bullet or delimiter
    setext: bool = False  # a heading underlined with === or ---
    body: list[Para] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # a table's header cells
    rows: list[Row] = field(default_factory=list)  # a table's body rows
    #: a paragraph of lines markdown-it left unread: nested deeper than it reads (MAX_NESTING)
    unread: bool = False

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


_LABEL_START = re.compile(r"\[(?:[^\[\]\\\n]|\\.)*")


def _reference(state, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's link reference definition rule, tried only where a definition can start.

    A definition is ``[label]:`` and the label holds no unescaped bracket; a line whose label
    closes without a colon after it (every ``[Title](url)`` item) cannot be one. The stock rule
    finds that out character by character, and it is tried on every paragraph of a list."""
    pos = state.bMarks[start_line] + state.tShift[start_line]
    src = state.src
    if pos >= len(src) or src[pos] != "[":
        return False
    m = _LABEL_START.match(src, pos, state.eMarks[start_line])
    after = m.end()
    if after < state.eMarks[start_line]:
        if src[after] == "[" or (src[after] == "]" and src[after + 1:after + 2] != ":"):
            return False
    from markdown_it.rules_block import reference

    return reference(state, start_line, end_line, silent)


#: How deep markdown-it nests blocks (a list and its item are two levels); deeper, it reads nothing.
MAX_NESTING = 200


@lru_cache(maxsize=None)
def _parser() -> MarkdownIt:
    """markdown-it, imported when a markdown text is first read."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").disable("inline")
    md.block.ruler.at("reference", _reference)
    return md


def split_front_matter(lines: list[str]) -> tuple[dict | None, int, str | None]:
    """YAML front matter between ``---`` lines at the top: (data, first body line index, error)."""
    if not lines or lines[0].strip() != "---":
        return None, 0, None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            text = "\n".join(lines[1:i])
            import yaml

            try:
                check_yaml(text, "front matter", first_line=2)
                data = yaml.safe_load(text)
            except InputError as exc:
                return {}, i + 1, f"{exc.line or 1}:front matter left out: {exc.detail}"
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                return {}, i + 1, f"{line}:front matter is not valid YAML ({reason})"
            except (ValueError, OverflowError, RecursionError) as exc:  # a value YAML cannot build
                reason = str(exc).split(";")[0].split(":")[0]
                return {}, i + 1, f"1:front matter left out: a value it cannot hold ({reason})"
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return {}, i + 1, "1:front matter is not a YAML mapping"
            return data, i + 1, None
    return None, 0, None


#: A line that is a whole list item of one line of plain inline text: "- [Title](url) — why".
#: Its content cannot open a block of its own (heading, quote, code, HTML, a nested list, a
#: rule or a link definition), so a run of such lines is a run of one-line items wherever
#: its first and last lines are.
SIMPLE_ITEM = re.compile(r"^(?P<marker>[-*+]|(?P<num>\d{1,9})[.)]) {1,4}(?P<text>(?:[\w\[(\"“'!]|\*\*\w|__\w)[^\t]*)$")
LINK_DEFINITION = re.compile(r"^\[[^\]]*\]:")
#: Runs shorter than this are parsed as they are.
MIN_RUN = 8


def _simple(line: str) -> re.Match | None:
    m = SIMPLE_ITEM.match(line)
    return m if m and not LINK_DEFINITION.match(m["text"]) else None


def _collapse(lines: list[str]) -> tuple[list[str], list[int], dict[int, list[int]]]:
    """``lines`` with the middle of each long run of one-line items left out, the original
    index of each kept line, and for each run's first line the original indices it stands for."""
    kept: list[str] = []
    where: list[int] = []
    runs: dict[int, list[int]] = {}
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _simple(lines[j]):
            j += 1
        if j - i >= MIN_RUN:
            runs[i] = list(range(i + 1, j - 1))
            kept += [lines[i], lines[j - 1]]
            where += [i, j - 1]
            i = j
        else:
            kept.append(lines[i])
            where.append(i)
            i += 1
    return kept, where, runs


class _Builder:
    """Turns markdown-it's flat token stream into Blocks. ``where`` maps each parsed line to
    its index in ``lines`` (after front matter, and with the middles of long runs of one-line
    items left out: ``runs`` names them, and they are read here as the one-line items they are)."""

    def __init__(self, lines: list[str], where: list[int], runs: dict[int, list[int]] | None = None) -> None:  # noqa: E501
        self.lines = lines
        self.where = where
        self.runs = runs or {}
        self.blocks: list[Block] = []

    def span(self, token) -> tuple[int, int]:
        start, end = token.map
        end = max(end, start + 1)
        while end > start + 1 and not self.lines[self.where[end - 1]].strip():
            end -= 1  # a loose list's item ends at its last text, not at the blank after it
        return self.where[start] + 1, self.where[end - 1] + 1

    def run(self, tokens: list) -> list[Block]:
        i = 0
        while i < len(tokens):
            i = self.top(tokens, i, quoted=False)
        return self.blocks

    def top(self, tokens, i: int, quoted: bool) -> int:
        token = tokens[i]
        kind = token.type
        if kind == "heading_open":
            line, end = self.span(token)
            self.blocks.append(Block("heading", line, end, tokens[i + 1].content.strip(), level=int(token.tag[1]),
                                     setext=token.markup in ("=", "-")))
            return i + 3
        if kind == "paragraph_open":
            line, end = self.span(token)
            self.blocks.append(Block("quote" if quoted else "paragraph", line, end, tokens[i + 1].content))
            return i + 3
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.list(tokens, i, self.blocks)
        if kind == "blockquote_open":
            i += 1
            while tokens[i].type != "blockquote_close" or tokens[i].level != token.level:
                i = self.top(tokens, i, quoted=True)
            return i + 1
        if kind == "table_open":
            return self.table(tokens, i)
        if kind in ("fence", "code_block", "hr", "html_block"):
            line, end = self.span(token)
            name = {"fence": "code", "code_block": "code", "hr": "rule", "html_block": "html"}[kind]
            self.blocks.append(Block(name, line, end, token.content))
            return i + 1
        return i + 1  # a closing token or one we do not read

    def list(self, tokens, i: int, into: list[Block]) -> int:
        opening = tokens[i]
        ordered = opening.type == "ordered_list_open"
        i += 1
        while tokens[i].type == "list_item_open":
            i = self.item(tokens, i, ordered, into)
        return i + 1  # the list's closing token

    def item(self, tokens, i: int, ordered: bool, into: list[Block]) -> int:
        opening = tokens[i]
        line, end = self.span(opening)
        number = int(opening.info) if ordered and opening.info.isdigit() else None
        item = Block("item", line, end, ordered=ordered, number=number, marker=opening.markup)
        into.append(item)
        for index in self.runs.get(line - 1, ()):
            m = _simple(self.lines[index])
            into.append(Block("item", index + 1, index + 1, m["text"].strip(), ordered=m["num"] is not None,
                              number=int(m["num"]) if m["num"] else None, marker=m["marker"][-1]))
        i += 1
        first = True
        while not (tokens[i].type == "list_item_close" and tokens[i].level == opening.level):
            token = tokens[i]
            if token.type == "paragraph_open":
                text = tokens[i + 1].content
                if first:
                    item.text = text
                else:
                    p_line, p_end = self.span(token)
                    item.body.append(Para(p_line, p_end, text))
                i += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                i = self.list(tokens, i, item.children)
            elif token.type == "heading_open":
                h_line, h_end = self.span(token)
                item.body.append(Para(h_line, h_end, tokens[i + 1].content))
                i += 3
            elif token.type == "html_block":
                h_line, h_end = self.span(token)
                item.body.append(Para(h_line, h_end, token.content.strip()))
                i += 1
            else:
                i += 1  # code, quotes, tables and rules inside an item are not its text
            first = False
        return i + 1

    def table(self, tokens, i: int) -> int:
        opening = tokens[i]
        line, end = self.span(opening)
        block = Block("table", line, end)
        row: Row | None = None
        in_head = False
        i += 1
        while tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "tbody_open":
                in_head = False
            elif token.type == "tr_open":
                row = Row(self.where[token.map[0]] + 1, [])
            elif token.type == "inline" and row is not None:
                row.cells.append(token.content)
            elif token.type == "tr_close" and row is not None:
                if in_head:
                    block.header = row.cells
                else:
                    block.rows.append(row)
                row = None
            i += 1
        self.blocks.append(block)
        return i + 1


def read_blocks(lines: list[str], start: int = 0) -> list[Block]:
    """Blocks of ``lines[start:]``; line numbers are 1-based positions in ``lines``.

    A long run of one-line items ("- [Title](url) (2017)" line after line, as most lists are)
    is parsed as its first and last lines: markdown-it reads those as it would in the whole
    run, and every line between is then a one-line item of the same kind. When either is not
    an item there (inside code or HTML, say), the whole text is parsed as it is."""
    body = lines[start:]
    kept, where, runs = _collapse(body)
    if runs:
        tokens = _parser().parse("\n".join(kept))
        if _runs_are_items(tokens, where, runs, body):
            offset = [start + w for w in where]
            blocks = _Builder(lines, offset, {start + first: [start + i for i in middle]
                                              for first, middle in runs.items()}).run(tokens)
            return _with_unread(blocks, tokens, offset, lines)
    where = list(range(start, len(lines)))
    tokens = _parser().parse("\n".join(body))
    return _with_unread(_Builder(lines, where).run(tokens), tokens, where, lines)


MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)]|>)\s*")


def _with_unread(blocks: list[Block], tokens, where: list[int], lines: list[str]) -> list[Block]:
    """``blocks``, with a paragraph (marked ``unread``) for each list item or quote nested deeper
    than markdown-it reads: it stops there and leaves the lines within unread. The paragraph
    keeps their links, after the top-level block they belong to."""
    found = []
    for token, after in zip(tokens, tokens[1:]):
        if token.type in ("list_item_open", "blockquote_open") and after.type == token.type.replace("open", "close") \
                and token.map:
            first, end = where[token.map[0]], where[max(token.map[1], token.map[0] + 1) - 1]
            text = [MARKER.sub("", lines[first])] + lines[first + 1:end + 1]
            if any(t.strip() for t in text):
                found.append(Block("paragraph", first + 1, end + 1, "\n".join(t.strip() for t in text), unread=True))
    if not found:
        return blocks
    for block in sorted(found, key=lambda b: -b.line):
        at = next((k + 1 for k, b in enumerate(blocks) if b.line <= block.line <= b.end_line), len(blocks))
        blocks.insert(at, block)
    return blocks


def note_unread(builder, blocks: list[Block]) -> None:
    """A warning for each unread paragraph: the list nests deeper than markdown is read."""
    for block in blocks:
        if block.unread:
            builder.problem(block.line, f"lines {block.line}-{block.end_line} nest deeper than markdown is read "
                                        f"({MAX_NESTING} levels of nested lists, items and quotes): only their links are kept")


def _runs_are_items(tokens, where: list[int], runs: dict[int, list[int]], body: list[str]) -> bool:
    """Whether the first and last line of every collapsed run are one-line list items, each of
    one paragraph, in the parse of the collapsed text."""
    one_line_items = set()
    for index, token in enumerate(tokens):
        if token.type == "list_item_open" and token.map \
                and not any(body[where[k]].strip() for k in range(token.map[0] + 1, token.map[1])) \
                and tokens[index + 1].type == "paragraph_open" and tokens[index + 3].type == "paragraph_close" \
                and tokens[index + 4].type == "list_item_close":
            one_line_items.add(where[token.map[0]])
    return all(first in one_line_items and middle[-1] + 1 in one_line_items for first, middle in runs.items())


def item_runs(blocks: list[Block]) -> list[list[int]]:
    """Indices of top-level items grouped into runs: consecutive items of one list, broken by any
    other block, by a change between ordered and bulleted, or by numbering that restarts at 1."""
    runs: list[list[int]] = []
    previous: Block | None = None
    for index, block in enumerate(blocks):
        if block.kind != "item":
            previous = None
            continue
        restart = block.ordered and block.number == 1 and previous is not None and previous.number != 1
        if previous is None or previous.ordered != block.ordered or restart:
            runs.append([])
        runs[-1].append(index)
        previous = block
    return runs
