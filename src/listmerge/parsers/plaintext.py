"""Plain-text pages: the first line is the title; a section heading is a short line without
final punctuation, followed by a one-line description; every other line is an entry. When the
page kept only the curator's reasons, entries are untitled and keep the line as annotation.

Variants handled: blank lines between blocks, bulleted or numbered entry lines, headings ending
in a colon, headings with no description (when the next line is itself a bulleted entry), and
entry lines that carry a URL (then "Title — reason" gives the title).
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder, kind_from_url
from .inline import BARE_URL

MARKER = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)])\s+")
FINAL_PUNCT = re.compile(r"[.!?;,…\"')\]”’]$")
TITLE_SPLIT = re.compile(r"^(?P<title>[^—–]{3,120}?)\s+(?:—|–|--)\s+(?P<note>.+)$")
MAX_HEADING_WORDS = 8


def is_heading(line: str) -> bool:
    text = line.strip()
    if not text or MARKER.match(line) or BARE_URL.search(text):
        return False
    text = text.rstrip(":").strip()
    return len(text.split()) <= MAX_HEADING_WORDS and len(text) <= 70 and not FINAL_PUNCT.search(text)


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "plaintext", text.split("\n"))
    numbered = [(n, line) for n, line in enumerate(builder.lines, start=1) if line.strip()]
    if not numbered:
        return (builder.build(),)
    builder.title = numbered[0][1].strip()
    rest = numbered[1:]
    if rest and not is_heading(rest[0][1]) and not MARKER.match(rest[0][1]):
        builder.metadata["description"] = rest[0][1].strip()
        rest = rest[1:]
    section: tuple[str, ...] = ()
    pending: list[tuple[int, str]] = []  # a heading waiting to see whether entries follow it
    i = 0
    while i < len(rest):
        n, line = rest[i]
        if is_heading(line) and i + 1 < len(rest):
            described = not MARKER.match(rest[i + 1][1]) and not is_heading(rest[i + 1][1])
            _flush_note(builder, pending)
            pending = [(n, line.strip().rstrip(":").strip())]
            if described:
                pending.append(rest[i + 1])
                i += 1
            section = (pending[0][1],)
            i += 1
            continue
        if pending:
            builder.section(section, pending[0][0])
            if len(pending) > 1:
                builder.metadata.setdefault("section_descriptions", {})[pending[0][1]] = pending[1][1].strip()
            pending = []
        _entry(builder, n, line, section)
        i += 1
    _flush_note(builder, pending)
    return (builder.build(),)


def _flush_note(builder: ListBuilder, pending: list[tuple[int, str]]) -> None:
    """A heading with its description but no entries under it is a note about the list."""
    if pending:
        text = " ".join(t.strip() for _, t in pending[1:])
        builder.metadata.setdefault("notes", {})[pending[0][1]] = text


def _entry(builder: ListBuilder, n: int, line: str, section: tuple[str, ...]) -> None:
    text = MARKER.sub("", line).strip()
    urls = tuple(dict.fromkeys(m.group(0) for m in BARE_URL.finditer(text)))
    body = BARE_URL.sub("", text).strip(" -:—–|") if urls else text
    title, note = None, body
    m = TITLE_SPLIT.match(body) if urls else None
    if m and not re.search(r"[.!?]\s", m.group("title")):
        title, note = m.group("title").strip(), m.group("note").strip()
    elif urls and body and len(body.split()) <= 15 and not FINAL_PUNCT.search(body):
        title, note = body, ""
    builder.add(
        n, n, title=title, url=urls[0] if urls else None, urls=urls, annotation=note,
        section=section, kind=kind_from_url(urls[0] if urls else None),
        flags=() if title else ("untitled",),
    )


def detect(text: str, path: str) -> float:
    head = text[:20000]
    if re.search(r"\]\(|^#{1,6} |^\[\d+\]:", head, re.MULTILINE):
        return 0.05
    lines = [l for l in head.split("\n") if l.strip()]
    if len(lines) < 3:
        return 0.1
    headings = sum(is_heading(l) for l in lines)
    return 0.35 if headings and len(lines) / max(headings, 1) >= 3 else 0.15


PARSER = Parser(
    name="plaintext",
    description="plain-text pages: title line, short heading lines with a description, one entry a line",
    detect=detect,
    parse=parse,
    extensions=(".txt", ".text"),
)
