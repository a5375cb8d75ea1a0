"""A line-based reader of markdown's block structure that keeps line numbers.

mistune parses inline markup (see ``inline.py``) but does not report source lines, and every
entry must point at its lines, so blocks (headings, list items with their nested items and
indented paragraphs, paragraphs, quotes, rules, code) are found here, line by line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

ITEM = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<num>\d{1,9})[.)])(?P<space>[ \t]+|$)(?P<rest>.*)$")
HEADING = re.compile(r"^ {0,3}(?P<hashes>#{1,6})(?:[ \t]+(?P<text>.*?))?[ \t]*#*[ \t]*$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
QUOTE = re.compile(r"^ {0,3}>")


@dataclass
class Para:
    line: int
    end_line: int
    text: str


@dataclass
class Block:
    kind: str  # heading | item | paragraph | quote | rule | code
    line: int
    end_line: int
    text: str = ""
    level: int = 0  # heading level
    indent: int = 0
    content_col: int = 0
    ordered: bool = False
    number: int | None = None
    body: list[Para] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _width(s: str) -> int:
    return len(s.expandtabs(4))


def split_front_matter(lines: list[str]) -> tuple[dict | None, int, str | None]:
    """YAML front matter between ``---`` lines at the top: (data, first body line index, error)."""
    if not lines or lines[0].strip() != "---":
        return None, 0, None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            text = "\n".join(lines[1:i])
            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                return {}, i + 1, f"{line}:front matter is not valid YAML ({reason})"
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return {}, i + 1, "1:front matter is not a YAML mapping"
            return data, i + 1, None
    return None, 0, None


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.stack: list[Block] = []  # open list items, outermost first
        self.target: Block | Para | None = None  # what a continuation line extends
        self.blank = False
        self.fence: str | None = None

    def _touch(self, end: int) -> None:
        for item in self.stack:
            item.end_line = end

    def _close(self) -> None:
        self.stack.clear()
        self.target = None

    def _extend(self, lineno: int, text: str) -> None:
        target = self.target
        target.text = f"{target.text}\n{text}" if target.text else text
        target.end_line = lineno
        self._touch(lineno)

    def _top(self, kind: str, lineno: int, text: str, **kw) -> Block:
        block = Block(kind, lineno, lineno, text, **kw)
        self.blocks.append(block)
        return block

    def feed(self, lineno: int, line: str) -> None:
        stripped = line.strip()
        if self.fence is not None:
            self._code_line(lineno, line, stripped)
            return
        if not stripped:
            self.blank = True
            return
        indent = _width(line) - _width(line.lstrip())
        inside = [it for it in self.stack if indent >= it.content_col]
        if FENCE.match(line) and not inside:
            self._close()
            self.fence = stripped[:3]
            self.target = self._top("code", lineno, "")
        elif HEADING.match(line) and not inside:
            self._close()
            m = HEADING.match(line)
            self._top("heading", lineno, (m.group("text") or "").strip(), level=len(m.group("hashes")))
        elif RULE.match(line) and not inside:
            self._close()
            self._top("rule", lineno, "")
        elif ITEM.match(line) and (inside or indent < 4 or self.stack):
            self._item(lineno, line, indent, inside)
        elif self.stack and not self.blank and self.target is not None:
            self._extend(lineno, stripped)  # continuation, lazy or indented
        elif inside:
            del self.stack[len(inside):]
            para = Para(lineno, lineno, stripped)
            self.stack[-1].body.append(para)
            self.target = para
            self._touch(lineno)
        else:
            self._paragraph(lineno, stripped)
        self.blank = False

    def _code_line(self, lineno: int, line: str, stripped: str) -> None:
        if stripped.startswith(self.fence):
            self.fence = None
            self.target.end_line = lineno
            self.target = None
        else:
            self._extend(lineno, line)

    def _item(self, lineno: int, line: str, indent: int, inside: list[Block]) -> None:
        m = ITEM.match(line)
        del self.stack[len(inside):]
        space = _width(m.group("space")) if m.group("space") else 1
        content_col = indent + len(m.group("marker")) + (space if space <= 4 else 1)
        item = Block(
            "item", lineno, lineno, m.group("rest").strip(), indent=indent, content_col=content_col,
            ordered=m.group("num") is not None, number=int(m.group("num")) if m.group("num") else None,
        )
        if self.stack:
            self.stack[-1].children.append(item)
        else:
            self.blocks.append(item)
        self.stack.append(item)
        self.target = item
        self._touch(lineno)

    def _paragraph(self, lineno: int, stripped: str) -> None:
        self._close()
        kind = "quote" if QUOTE.match(stripped) else "paragraph"
        text = re.sub(r"^>\s?", "", stripped) if kind == "quote" else stripped
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.kind == kind and not self.blank and last.end_line == lineno - 1:
            last.text += "\n" + text
            last.end_line = lineno
        else:
            self.target = self._top(kind, lineno, text)


def read_blocks(lines: list[str], start: int = 0) -> list[Block]:
    """Blocks of ``lines[start:]``; line numbers are 1-based positions in ``lines``."""
    reader = _Reader()
    for index in range(start, len(lines)):
        reader.feed(index + 1, lines[index])
    return reader.blocks


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
