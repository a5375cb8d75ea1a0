"""Plain-text pages: the first line is the title, every other line is an entry or a heading.
Two shapes:

- A page of reasons (most lines are sentences): a section heading is a short line without
  final punctuation, followed by a one-line description. When the page kept only the curator's
  reasons, entries are untitled and keep the line as annotation.
- A page of titles, one a line ("Title", "Title — why", "Title (2017)", "Title https://...").
  A heading is a short line that ends in a colon or stands over bulleted lines; when unsure, a
  line is an entry.

Variants handled: blank lines between blocks, bulleted or numbered entry lines, headings ending
in a colon, headings with no description (when the next line is itself a bulleted entry), and
entry lines that carry a URL (then "Title — reason" gives the title).
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder, kind_from_url
from .cite import parse_tail
from .inline import BARE_URL

MARKER = re.compile(r"^\s*(?:[-*•+>]|\d{1,3}[.)])\s+")
FINAL_PUNCT = re.compile(r"[.!?;,…\"')\]”’]$")
TITLE_SPLIT = re.compile(r"^(?P<title>[^—–]{3,120}?)\s+(?:—|–|--)\s+(?P<note>.+)$")
TRAILING_PARENTHETICAL = re.compile(r"\s*(\([^()]*\))\s*$")
MAX_HEADING_WORDS = 8
#: How a sentence ends: a full stop or "!" at the end ("?" ends titles too), or one inside
#: before a capital, but not after an initial ("Robert C. Martin").
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!…]$|(?<!\b[A-Z])[.!?]\s+[A-Z]")
MAX_TITLE_WORDS = 30
MIN_SENTENCE_WORDS = 6  # on a page of titles, "Thinking, Fast and Slow." is still a title


def is_heading(line: str) -> bool:
    text = line.strip()
    if not text or MARKER.match(line) or BARE_URL.search(text):
        return False
    text = text.rstrip(":").strip()
    return len(text.split()) <= MAX_HEADING_WORDS and len(text) <= 70 and not FINAL_PUNCT.search(text)


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "plaintext", text.split("\n"))
    numbered = [(n, line) for n, line in enumerate(builder.lines, start=1) if re.search(r"\w", line)]
    if not numbered:
        return (builder.build(),)
    rest = numbered
    if not (MARKER.match(rest[0][1]) or BARE_URL.search(rest[0][1])):
        builder.title, rest = rest[0][1].strip(), rest[1:]
    reasons = _page_of_reasons(rest)
    first = rest[0][1] if rest else ""
    if rest and not is_heading(first) and not MARKER.match(first) and (reasons or _is_prose(first)):
        builder.metadata["description"] = first.strip()
        rest = rest[1:]
    if reasons:
        _parse_reasons(builder, rest)
    else:
        _parse_titles(builder, rest)
    return (builder.build(),)


def _parse_reasons(builder: ListBuilder, rest: list[tuple[int, str]]) -> None:
    """A page of reasons: headings with a description line, then a reason a line."""
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


def _is_sentence(line: str) -> bool:
    """The line reads as prose: it ends like a sentence or holds a sentence break."""
    return bool(SENTENCE_END.search(MARKER.sub("", line).strip()))


def _is_prose(line: str) -> bool:
    """A sentence too long to be a title that ends in a full stop."""
    return _is_sentence(line) and len(line.split()) >= MIN_SENTENCE_WORDS


def _page_of_reasons(lines: list[tuple[int, str]]) -> bool:
    """Most lines are sentences: the page keeps the curator's reasons, not titles."""
    return bool(lines) and 2 * sum(_is_sentence(line) for _, line in lines) >= len(lines)


def _parse_titles(builder: ListBuilder, lines: list[tuple[int, str]]) -> None:
    """A page of titles, one a line. A heading ends in a colon or stands over bulleted lines; a
    colon line with nothing under it is left out."""
    section: tuple[str, ...] = ()
    for k, (n, line) in enumerate(lines):
        after = lines[k + 1][1] if k + 1 < len(lines) else None
        colon = line.rstrip().endswith(":") and not MARKER.match(line)
        if is_heading(line) and (colon or (after is not None and MARKER.match(after) and not MARKER.match(line))):
            if after is not None:
                section = (line.strip().rstrip(":").strip(),)
                builder.section(section, n)
            continue
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
    elif titled and not urls and len(body.split()) <= MAX_TITLE_WORDS and not _is_prose(body):
        title, note = body.rstrip("."), ""
    authors, year = (), None
    if titled and title and (m := TRAILING_PARENTHETICAL.search(title)):
        authors, year, _ = parse_tail(m.group(1))
        title = title[:m.start()].strip() if year else title
    builder.add(
        n, n, title=title, url=urls[0] if urls else None, urls=urls, annotation=note, authors=authors, year=year,
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
