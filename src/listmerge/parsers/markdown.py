"""Markdown resource lists and awesome-lists: headings and bold lines as sections, list items
with links as entries, leading [tags] as kinds or aliases, "(Author, 2021)" tails, indented
paragraphs as annotations, other links as mentions, and tables of contents skipped."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import Parser
from .base import ListBuilder, is_non_work_link, kind_from_url, kind_from_word
from .cite import parse_tail
from .inline import BARE_URL, Span, links, plain, spans
from .mdblocks import Block, read_blocks, split_front_matter

LEADING_TAG = re.compile(r"^\s*\[(?P<tag>[^\[\]]{1,40})\]\s*")
ID_PREFIX = re.compile(r"^\[(?:\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?\]\s*")
BOLD_LEVEL = 7  # a bold-only line sits below every heading level (markdown has six)
WEB_LINK = re.compile(r"^(?:https?:)?//|^www\.|^[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)
LEADING_PARENTHETICAL = re.compile(r"^\s*\([^()]*\)\s*")
LEADING_PUNCTUATION = re.compile(r"^(?:[\s:\-–—,./);>]|papers?\b)+")
LABEL_BEFORE_URL = re.compile(r"^(?P<label>.*?)[\s\-:–—|(<]*$")
#: What may follow a URL that ends a "Name URL" label: nothing, a separator, or the closing
#: bracket or punctuation of "Name (URL)", "Name: URL." and "Name: URL, why".
ENDS_LABEL = re.compile(r"[)>]?(?:[.,;]?\s*$|\s*[-–—:|(\[]|[,;]\s)")
SENTENCE_IN_LABEL = re.compile(r"[.!?]\s|,$")
MAX_LABEL_WORDS = 15
SHORT_LABEL_WORDS = 8
TRAILING_KIND_WORD = re.compile(r"\s+(?:papers?|blog ?posts?|paper series)\s*$", re.IGNORECASE)


@dataclass
class PageContext:
    """What link filtering needs to know about the page: its own URL, if any."""

    page_url: str | None = None

    def keeps(self, url: str) -> bool:
        """False for links that are not works: anchors, the page itself, mail, social posts."""
        if url.startswith("#") or url.startswith("mailto:") or is_non_work_link(url):
            return False
        if self.page_url and url.split("#")[0].rstrip("/") == self.page_url.rstrip("/"):
            return False
        return bool(WEB_LINK.match(url))


def is_toc(items: list[Block], page: PageContext) -> bool:
    """A list whose every link points at an anchor of this page is a table of contents."""
    seen = False
    for url in (s.url for item in items for b in item.walk() for s in links(spans(b.text))):
        seen = True
        if not (url.startswith("#") or (page.page_url and url.split("#")[0].rstrip("/") == page.page_url.rstrip("/")
                                        and "#" in url)):
            return False  # stop at the first link to a work: long lists are not re-read
    return seen


def bold_only(text: str) -> str | None:
    """The text of a paragraph that is nothing but bold text (a pseudo-heading), else None."""
    parts = spans(text)
    if len(parts) == 1 and parts[0].strong and not parts[0].url:
        title = parts[0].text.strip().rstrip(":")
        return title if 0 < len(title) <= 80 else None
    return None


def _line_of(builder: ListBuilder, url: str, start: int, end: int) -> int:
    for n in range(start, end + 1):
        if url in builder.lines[n - 1]:
            return n
    return start


def _split_tags(parts: tuple[Span, ...]) -> tuple[list[str], tuple[Span, ...]]:
    """Leading [Tag] texts before the first link, and the spans without them."""
    tags: list[str] = []
    if parts and parts[0].url is None:
        text = parts[0].text
        while (m := LEADING_TAG.match(text)):
            tags.append(m.group("tag").strip())
            text = text[m.end():]
        if tags:
            parts = ((Span(text, None, parts[0].strong),) if text.strip() else ()) + parts[1:]
    return tags, parts


def _bold_lead(parts: tuple[Span, ...]) -> tuple[Span, ...]:
    lead = []
    for span in parts:
        if not span.strong and span.text.strip():
            break
        lead.append(span)
    return tuple(lead)


def _short_title(text: str, prefix: str) -> str:
    title = TRAILING_KIND_WORD.sub("", text).strip() or text.strip()
    if prefix and len(title.split()) == 1:
        return f"{prefix} {title}"
    return title


@lru_cache(maxsize=4096)
def item_spans(text: str) -> tuple[Span, ...]:
    """The spans of a list item, where bare URLs in an item without markdown links (autolinks,
    "<https://...>", count as bare) are its links: "https://..." alone is a work named by its
    link; "Name https://... — why", "Name (https://...)" or "Name: https://..." one titled by
    the name before its first URL. A URL inside a sentence ("see https://... for the notes")
    titles nothing."""
    parts = spans(text)
    found = links(parts)
    if any(not _is_url_text(s) for s in found) or not (found or any(BARE_URL.search(s.text) for s in parts)):
        return parts
    flat = "".join(s.url if s.url else s.text for s in parts)
    out: list[Span] = []
    at = 0
    for m in BARE_URL.finditer(flat):
        before = flat[at:m.start()]
        label = LABEL_BEFORE_URL.match(before)["label"].strip() if not out else ""
        if label and _is_label(label) and ENDS_LABEL.match(flat, m.end()):
            out.append(Span(label, m.group(0)))
        else:
            out.extend([Span(before)] if before else [])
            out.append(Span("", m.group(0)))
        at = m.end()
    if flat[at:]:
        out.append(Span(flat[at:]))
    return tuple(out)


def _is_label(text: str) -> bool:
    """A name for the link after it: short, or written like a title ("Direct Preference
    Optimization: Your Language Model is Secretly a Reward Model"), not a sentence ("Reader Niels
    has started a notes blog where he is pulling out highlights")."""
    words = text.split()
    if len(words) > MAX_LABEL_WORDS or SENTENCE_IN_LABEL.search(text):
        return False
    return len(words) <= SHORT_LABEL_WORDS or 2 * sum(w[0].isupper() or w[0].isdigit() for w in words) >= len(words)


def item_entries(builder: ListBuilder, item: Block, section: tuple[str, ...], page: PageContext) -> None:
    """Entries for one list item and, recursively, its sub-items."""
    parts = item_spans(item.text)
    tags, parts = _split_tags(parts)
    kept = [s for s in links(parts) if page.keeps(s.url)]
    body = [p for p in item.body]
    body_links = [(p, s) for p in body for s in links(item_spans(p.text)) if page.keeps(s.url)]
    linkless_children = [c for c in item.children
                         if not any(page.keeps(s.url) for b in c.walk() for s in links(item_spans(b.text)))]
    notes = [plain(spans(p.text)) for p in body] + [plain(spans(c.text)) for c in linkless_children]
    if kept:
        primaries = _primary_links(parts, kept)
        lead_index = _add_primaries(builder, item, section, parts, tags, primaries, notes)
        for span in [s for s in kept if s not in primaries] + [s for _, s in body_links]:
            line = _line_of(builder, span.url, item.line, item.end_line)
            builder.add(line, line, title=span.text or None, url=span.url, section=section,
                        role="mention", parent=lead_index, raw=builder.raw(line, line))
    for child in item.children:
        if child not in linkless_children:
            item_entries(builder, child, section, page)


def _primary_links(parts: tuple[Span, ...], kept: list[Span]) -> list[Span]:
    lead = [s for s in links(_bold_lead(parts)) if s in kept]
    return lead if lead else kept[:1]


def _add_primaries(builder, item, section, parts, tags, primaries, notes) -> int:
    kinds = [k for k in (kind_from_word(t) for t in tags) if k]
    aliases = [t for t in tags if not kind_from_word(t)]
    after = parts[parts.index(primaries[-1]) + 1:]
    authors, year, _ = parse_tail(plain(after)) if len(primaries) == 1 else ((), None, "")
    lead = _bold_lead(parts)
    leading = parts.index(primaries[0]) == 0 or not plain(parts[: parts.index(primaries[0])])
    if primaries[0] in lead:
        rest = list(parts[len(lead):])
    elif leading:
        rest = list(after)
    else:
        rest = list(parts)
    annotation = _annotation(rest, authors or year) + "".join(f"\n{n}" for n in notes if n)
    prefix = ""
    if len(primaries) > 1 and lead and lead[0].url is None and re.fullmatch(r"\s*[A-Z][\w\-]+\s*", lead[0].text):
        prefix = lead[0].text.strip()
    first = None
    for span in primaries:
        several = len(primaries) > 1 or bool(lead and span in lead)
        label = "" if _is_url_text(span) else span.text.strip()
        title = ID_PREFIX.sub("", label).strip()
        title = _short_title(title, prefix) if several and title else title
        entry_aliases = list(aliases) + ([label] if several and label and label not in aliases else [])
        index = builder.add(
            item.line, item.end_line, title=title or None, url=span.url,
            urls=tuple(dict.fromkeys([span.url])), authors=authors, year=year,
            kind=kinds[0] if kinds else kind_from_url(span.url), annotation=annotation.strip(),
            aliases=tuple(dict.fromkeys(entry_aliases)), section=section,
        )
        first = index if first is None else first
    return first


def _is_url_text(span: Span) -> bool:
    """A link whose text is its own URL ("<https://...>"): it names no title."""
    text = span.text.strip().rstrip("/")
    return text in (span.url.rstrip("/"), span.url.split("://")[-1].rstrip("/"))


def _annotation(rest: list[Span], had_tail) -> str:
    text = plain([s for s in rest if not (s.url and s.text.strip().isdigit())])  # no footnote marks
    if had_tail:
        text = LEADING_PARENTHETICAL.sub("", text)
    return LEADING_PUNCTUATION.sub("", text).strip()


def prose_mentions(builder: ListBuilder, block: Block, section: tuple[str, ...], page: PageContext) -> None:
    """Links in section prose: works the text cites in passing, attached to no entry."""
    seen = set()
    for span in links(spans(block.text)):
        if page.keeps(span.url) and span.url not in seen:
            seen.add(span.url)
            line = _line_of(builder, span.url, block.line, block.end_line)
            builder.add(line, line, title=span.text or None, url=span.url, section=section,
                        role="mention", raw=builder.raw(line, line))


def front_matter(builder: ListBuilder) -> int:
    data, start, error = split_front_matter(builder.lines)
    if error:
        line, _, message = error.partition(":")
        builder.problem(int(line), message)
    if data:
        builder.metadata.update(json_safe(data))
        if isinstance(data.get("title"), str):
            builder.title = data["title"].strip()
    return start


def json_safe(value):
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "markdown", text.split("\n"))
    start = front_matter(builder)
    blocks = read_blocks(builder.lines, start)
    walk_sections(builder, blocks, PageContext())
    return (builder.build(),)


def walk_sections(builder: ListBuilder, blocks: list[Block], page: PageContext) -> None:
    """Headings (and bold-only paragraphs) as nested sections; items and prose within them."""
    headings = [b for b in blocks if b.kind == "heading"]
    title_heading = headings[0] if headings and headings[0].level == min(h.level for h in headings) \
        and sum(h.level == headings[0].level for h in headings) == 1 and len(headings) > 1 else None
    if title_heading is not None and not builder.title:
        builder.title = plain(spans(title_heading.text))
    stack: list[tuple[int, str]] = []
    toc_skip: set[int] = set()
    checked_until = 0  # items of a run already found not to be a table of contents
    for index, block in enumerate(blocks):
        if index in toc_skip or block is title_heading:
            continue
        if block.kind == "heading":
            stack = [(lvl, t) for lvl, t in stack if lvl < block.level] + [(block.level, plain(spans(block.text)))]
            builder.section(tuple(t for _, t in stack), block.line)
        elif block.kind == "paragraph" and (bold := bold_only(block.text)):
            stack = [(lvl, t) for lvl, t in stack if lvl < BOLD_LEVEL] + [(BOLD_LEVEL, bold)]
            builder.section(tuple(t for _, t in stack), block.line)
        elif block.kind == "item":
            if index >= checked_until:
                run = _run_from(blocks, index)
                if is_toc(run, page):
                    toc_skip.update(range(index, index + len(run)))
                    continue
                checked_until = index + len(run)
            item_entries(builder, block, tuple(t for _, t in stack), page)
        elif block.kind in ("paragraph", "quote"):
            prose_mentions(builder, block, tuple(t for _, t in stack), page)


def _run_from(blocks: list[Block], index: int) -> list[Block]:
    run = []
    for block in blocks[index:]:
        if block.kind != "item":
            break
        run.append(block)
    return run


def detect(text: str, path: str) -> float:
    head = text[:20000]
    score = 0.0
    if re.search(r"^ {0,3}#{1,6} \S", head, re.MULTILINE):
        score += 0.3
    if re.search(r"\]\((?:https?://|#)", head):
        score += 0.2
    if re.search(r"^\s*(?:[-*+]|\d+\.)\s+.*\]\(", head, re.MULTILINE):
        score += 0.1
    elif re.search(r"^\s*[-*+]\s+(?:.*\s)?<?https?://", head, re.MULTILINE):
        score += 0.1  # list items that are bare links
    return score


PARSER = Parser(
    name="markdown",
    description="markdown resource lists and awesome-lists",
    detect=detect,
    parse=parse,
    extensions=(".md", ".markdown"),
)
