"""Plain-text pages: the first line is the title, every other line is an entry or a heading.
Two shapes:

- A page of reasons (most lines are sentences): a section heading is a short line without
  final punctuation, followed by a one-line description. When the page kept only the curator's
  reasons, entries are untitled and keep the line as annotation.
- A page of titles, one a line ("Title", "Title — why", "Title https://..."). A heading is a
  short line that ends in a colon, stands over bulleted lines, or opens each of several blocks
  set apart by blank lines.

Variants handled: blank lines between blocks, bulleted or numbered entry lines, headings ending
in a colon, headings with no description (when the next line is itself a bulleted entry), and
entry lines that carry a URL (then "Title — reason" gives the title).
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder, kind_from_url
from .inline import BARE_URL

MARKER = re.compile(r"^\s*(?:[-*•+>]|\d{1,3}[.)])\s+")
FINAL_PUNCT = re.compile(r"[.!?;,…\"')\]”’]$")
TITLE_SPLIT = re.compile(r"^(?P<title>[^—–]{3,120}?)\s+(?:—|–|--)\s+(?P<note>.+)$")
MAX_HEADING_WORDS = 8
SENTENCE_END = re.compile(r"[.!…]$|[.!?]\s+[A-Z]")  # not "?" at the end: titles ask questions
MIN_SENTENCE_WORDS = 4   # "Books about systems." is a reason; "Deep Learning." a title
MAX_TITLE_WORDS = 30


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
    reasons = _page_of_reasons(rest)
    first = rest[0][1] if rest else ""
    if rest and not is_heading(first) and not MARKER.match(first) and (reasons or _is_sentence(first)):
        builder.metadata["description"] = first.strip()
        rest = rest[1:]
    if not reasons:
        _parse_titles(builder, rest)
        return (builder.build(),)
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


def _is_sentence(line: str) -> bool:
    text = MARKER.sub("", line).strip()
    return len(text.split()) >= MIN_SENTENCE_WORDS and bool(SENTENCE_END.search(text))


def _page_of_reasons(lines: list[tuple[int, str]]) -> bool:
    """Most lines that are not headings are sentences: the page keeps the curator's reasons."""
    body = [line for _, line in lines if not is_heading(line)]
    return bool(body) and 2 * sum(map(_is_sentence, body)) >= len(body)


def _parse_titles(builder: ListBuilder, lines: list[tuple[int, str]]) -> None:
    """A page of titles, one a line, in blocks set apart by blank lines."""
    blocks: list[list[tuple[int, str]]] = []
    for n, line in lines:
        if blocks and n == blocks[-1][-1][0] + 1:
            blocks[-1].append((n, line))
        else:
            blocks.append([(n, line)])
    several = [block for block in blocks if len(block) > 1]
    headed_blocks = len(several) > 1 and all(is_heading(block[0][1]) for block in several)
    section: tuple[str, ...] = ()
    for block in blocks:
        for k, (n, line) in enumerate(block):
            after = block[k + 1][1] if k + 1 < len(block) else None
            if after is not None and is_heading(line) and (
                    line.rstrip().endswith(":") or (MARKER.match(after) and not MARKER.match(line))
                    or (k == 0 and headed_blocks)):
                section = (line.strip().rstrip(":").strip(),)
                builder.section(section, n)
            else:
                _entry(builder, n, line, section, titled=True)


def _flush_note(builder: ListBuilder, pending: list[tuple[int, str]]) -> None:
    """A heading with its description but no entries under it is a note about the list."""
    if pending:
        text = " ".join(t.strip() for _, t in pending[1:])
        builder.metadata.setdefault("notes", {})[pending[0][1]] = text


def _entry(builder: ListBuilder, n: int, line: str, section: tuple[str, ...], titled: bool = False) -> None:
    """One entry line. On a page of reasons a line without a link is the reason alone
    (untitled); on a page of titles (``titled``) the line names its work."""
    text = MARKER.sub("", line).strip()
    urls = tuple(dict.fromkeys(m.group(0) for m in BARE_URL.finditer(text)))
    body = BARE_URL.sub("", text).strip(" -:—–|") if urls else text
    title, note = None, body
    m = TITLE_SPLIT.match(body) if urls or titled else None
    if m and not re.search(r"[.!?]\s", m.group("title")):
        title, note = m.group("title").strip(), m.group("note").strip()
    elif urls and body and len(body.split()) <= 15 and not FINAL_PUNCT.search(body):
        title, note = body, ""
    elif titled and not urls and len(body.split()) <= MAX_TITLE_WORDS and not _is_sentence(body):
        title, note = body.rstrip("."), ""
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
