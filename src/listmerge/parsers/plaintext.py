"""Plain-text pages: the first line is the title, every other line is an entry or a heading.
Two shapes:

- A page of reasons (most lines are sentences): a section heading is a short line without
  final punctuation, followed by a one-line description. When the page kept only the curator's
  reasons, entries are untitled and keep the line as annotation.
- A page of titles, one a line ("Title", "Title — why", "Title (2017)", "Title https://...").
  A heading is a short line that ends in a colon or stands over bulleted lines; when unsure, a
  line is an entry.

- A page of references: blank-line blocks of a title or citation line (maybe wrapped over
  lines) above its URL line(s). The text is read as a citation ("Authors: Title. Venue Year",
  "Authors. Year. Title. In ...", or a bare title); headings are underlined (``====``) or end in
  a colon; a URL line with no text above it is an untitled entry.

Variants handled: blank lines between blocks, bulleted or numbered entry lines, headings ending
in a colon, headings with no description (when the next line is itself a bulleted entry), and
entry lines that carry a URL (then "Title — reason" gives the title).
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder, kind_from_url
from .cite import parse_tail
from .citeline import parse_reference, read_byline
from .inline import BARE_URL

MARKER = re.compile(r"^\s*(?:[-*•+>]|\d{1,3}[.)])\s+")
FINAL_PUNCT = re.compile(r"[.!?;,…\"')\]”’]$")
TITLE_SPLIT = re.compile(r"^(?P<title>[^—–]{3,120}?)\s+(?:—|–|--)\s+(?P<note>.+)$")
TRAILING_PARENTHETICAL = re.compile(r"(\([^()]*\))\s*$")  # no leading \s*: a run of spaces made it quadratic
MAX_HEADING_WORDS = 8
#: How a sentence ends: a full stop or "!" at the end ("?" ends titles too), or one inside
#: before a capital, but not after an initial ("Robert C. Martin").
SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!…]$|(?<!\b[A-Z])[.!?]\s+[A-Z]")
MAX_TITLE_WORDS = 30
MIN_SENTENCE_WORDS = 6  # on a page of titles, "Thinking, Fast and Slow." is still a title
#: A line that is only a link (bulleted or not), maybe with a note after it.
URL_LINE = re.compile(r"^\s*(?:[-*•+]\s+)?(?P<url>(?:https?://|www\.)[^\s<>\"]+)(?:\s+(?P<note>.*))?$", re.IGNORECASE)
URL_IN_TEXT = re.compile(r"(?:https?://|(?<![\w./])www\.)[^\s<>\"]+", re.IGNORECASE)
UNDERLINE = re.compile(r"^\s*([=\-~^*#+_])\1{2,}\s*$")
#: A line of ornament ("***** Start of list *****"): mostly punctuation.
ORNAMENT_SHARE = 0.5
#: A page is one of references when at least this many blocks pair text with a URL line, and
#: they are at least this share of the blocks that have text.
MIN_REFERENCE_BLOCKS = 2
REFERENCE_SHARE = 0.5
MAX_REFERENCE_WORDS = 120
#: A title line that goes on under it: it ends in a joining word or mark.
WRAPPED = re.compile(r"(?:\b(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|via|with)|[:,\-–—&])\s*$", re.IGNORECASE)
#: An ornament that closes the list ("***** End of list *****"): what follows is the page's
#: notes, whose links are works it mentions, not entries.
END_OF_LIST = re.compile(r"^[^\w\s]{3,}\s*end(?:\s+of\s+(?:the\s+)?(?:\w+\s+)?list)?\s*[^\w\s]{3,}$", re.IGNORECASE)


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
    blocks = _blocks(builder.lines, rest[0][0] if rest else len(builder.lines) + 1)
    if _page_of_references(blocks):
        _parse_references(builder, blocks)
        return (builder.build(),)
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


def _blocks(lines: list[str], start: int) -> list[list[tuple[int, str]]]:
    """The lines from line ``start`` on, in blank-line blocks (ornament lines count as blank;
    an underline stays, under its heading)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for n in range(start, len(lines) + 1):
        line = lines[n - 1]
        if END_OF_LIST.match(line.strip()):
            blocks.append([(n, line)])
            blocks.append([])
        elif not line.strip() or (_ornament(line) and not UNDERLINE.match(line)):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append((n, line))
    return [b for b in blocks if b]


def _ornament(line: str) -> bool:
    text = line.strip()
    return sum(not ch.isalnum() and not ch.isspace() for ch in text) >= ORNAMENT_SHARE * len(text)


def _page_of_references(blocks: list[list[tuple[int, str]]]) -> bool:
    """Blocks of text over URL lines: "Title" (or a citation) and, under it, its link."""
    paired = sum(any(URL_LINE.match(line) for _, line in b[1:]) and not URL_LINE.match(b[0][1]) for b in blocks)
    texts = sum(any(not URL_LINE.match(line) for _, line in b) for b in blocks)
    return paired >= MIN_REFERENCE_BLOCKS and paired >= REFERENCE_SHARE * texts


def _parse_references(builder: ListBuilder, blocks: list[list[tuple[int, str]]]) -> None:
    section: tuple[str, ...] = ()
    role = "primary"
    for block in blocks:
        if len(block) == 1 and END_OF_LIST.match(block[0][1].strip()):
            role, section = "mention", ()
            continue
        heading = _block_heading(block)
        rest = block
        if heading is not None:
            rest = block[2:] if len(block) > 1 and UNDERLINE.match(block[1][1]) else block[1:]
            if role == "primary":
                section = (heading,)
                builder.section(section, block[0][0])
        for group in _groups(rest):
            _reference(builder, group, section, role)


def _block_heading(block: list[tuple[int, str]]) -> str | None:
    """An underlined line, or a short line ending in a colon that opens a block of links or of
    several references (over one reference it is the first line of a wrapped title)."""
    first = block[0][1].strip()
    underlined = len(block) > 1 and UNDERLINE.match(block[1][1]) and not URL_LINE.match(first)
    colon = first.endswith(":") and is_heading(first) and (
        len(block) == 1 or URL_LINE.match(block[1][1]) or URL_IN_TEXT.search(block[1][1])
        or len(_groups(block[1:])) > 1)
    return first.rstrip(":").strip() if underlined or colon else None


def _groups(lines: list[tuple[int, str]]) -> list[tuple[list[tuple[int, str]], list[tuple[int, str]]]]:
    """(text lines, link lines) of each reference in a block. Text lines (a title may wrap)
    open a reference and the URL lines right under them are its links; a URL line with no text
    above it is a reference of its own; a note that opens a parenthesis on a URL line goes on to
    the next line."""
    groups: list[tuple[list, list]] = []
    for n, line in lines:
        current = groups[-1] if groups else None
        if URL_LINE.match(line):
            complete = current and not current[1] and URL_IN_TEXT.search(current[0][-1][1])
            if current and current[0] and not complete and (not current[1] or current[1][-1][0] == n - 1):
                current[1].append((n, line))
            else:
                groups.append(([], [(n, line)]))
        elif current and current[1] and _continues(current[1][-1][1]):
            current[1].append((n, line))
        elif current and current[0] and not current[1] and not URL_IN_TEXT.search(current[0][-1][1]):
            current[0].append((n, line))  # a title wraps onto this line (a line with its link is whole)
        else:
            groups.append(([(n, line)], []))
    return groups


def _continues(url_line: str) -> bool:
    """A URL line whose note opens a parenthesis it does not close goes on to the next line."""
    note = URL_LINE.match(url_line)["note"] or ""
    return note.count("(") > note.count(")")


def _reference(builder: ListBuilder, group, section: tuple[str, ...], role: str) -> None:
    texts, links = group
    text = " ".join(" ".join(line.split()) for _, line in texts)
    inline = [u.rstrip(".,;") for u in URL_IN_TEXT.findall(text)]
    text = URL_IN_TEXT.sub("", text).strip()
    urls, notes = [], []
    for _, line in links:
        m = URL_LINE.match(line)
        if m:
            urls.append(m["url"].rstrip(".,;"))
            notes.append((m["note"] or "").strip())
        else:
            notes.append(line.strip())
    urls += inline
    lines = [n for n, _ in texts + links]
    fields = _cited_lines([URL_IN_TEXT.sub("", line).strip() for _, line in texts]) if text else {"title": None}
    builder.add(
        min(lines), max(lines), url=urls[0] if urls else None, urls=tuple(dict.fromkeys(urls)),
        annotation=" ".join(n for n in notes if n).strip(), section=section, role=role,
        flags=() if fields.get("title") or role == "mention" else ("untitled",), **fields,
    )


def _cited_lines(texts: list[str]) -> dict:
    """The fields of a reference's text lines: one citation over them all, or a title line
    with a byline under it ("Vaswani et al., NeurIPS 2017"), or a title wrapped over lines."""
    joined = " ".join(t for t in texts if t)
    if len(texts) > 1 and parse_reference(joined) is None and not WRAPPED.search(texts[0]):
        byline = read_byline(" ".join(texts[1:]))
        if byline is not None:
            fields = _cited(texts[0])
            authors, year, venue = byline
            return {**fields, "authors": authors or fields.get("authors", ()),
                    "year": year or fields.get("year"), "venue": venue}
    return _cited(joined)


def _cited(text: str) -> dict:
    """The fields a reference's text gives: a citation's, else the text as a title."""
    ref = parse_reference(text)
    if ref is not None:
        return {"title": ref.title, "authors": ref.authors, "year": ref.year, "venue": ref.venue,
                "aliases": (ref.alias,) if ref.alias else ()}
    if len(text.split()) > MAX_REFERENCE_WORDS:
        return {"title": None}
    authors, year = (), None
    if (m := TRAILING_PARENTHETICAL.search(text)):
        authors, year, _ = parse_tail(m.group(1))
        text = text[:m.start()].strip() if year else text
    return {"title": text.rstrip(".").strip() or None, "authors": authors, "year": year}


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
