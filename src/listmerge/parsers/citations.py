"""Markdown with YAML front matter, citation blocks and bibliography bullets.

A ``### Heading`` whose body holds a ``**Citation:**`` line is one entry: authors, year, quoted
title and venue come from the APA-like citation, the heading's parenthetical ("(GPT-3)") is an
alias, and the "Key contribution" / "Why it matters" paragraphs are the annotation. Bullets in
the form ``Author et al. (2020). "Title." -- note`` are entries too; prose bullets are not.
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder, ids_for
from .cite import Citation, parse_bib_bullet, parse_citation, split_alias
from .inline import plain, spans
from .markdown import front_matter, prose_mentions, PageContext
from .mdblocks import Block, note_unread, read_blocks

FIELD = re.compile(r"^\*\*(?P<name>[^*]{1,40}?):?\*\*:?\s*(?P<value>.*)$", re.DOTALL)
#: Labelled paragraphs of a citation block that make up the curator's note.
NOTE_FIELDS = ("key contribution", "why it matters", "summary", "note", "notes", "why read")


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "citations", text.split("\n"))
    start = front_matter(builder)
    blocks = read_blocks(builder.lines, start)
    note_unread(builder, blocks)
    stack: list[tuple[int, str]] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "heading":
            end = _block_end(blocks, index)
            body = blocks[index + 1:end]
            fields = _fields(body)
            if "citation" in fields:
                _citation_entry(builder, block, body, fields, tuple(t for _, t in stack))
                index = end
                continue
            title = plain(spans(block.text))
            if block.level == 1 and not builder.title:
                builder.title = title
            elif block.level > 1:
                stack = [(lvl, t) for lvl, t in stack if lvl < block.level] + [(block.level, title)]
                builder.section(tuple(t for _, t in stack), block.line)
        elif block.kind == "item":
            for item in block.walk():
                _bullet_entry(builder, item, tuple(t for _, t in stack))
        elif block.kind == "paragraph" and not FIELD.match(block.text):
            prose_mentions(builder, block, tuple(t for _, t in stack), PageContext())
        index += 1
    return (builder.build(),)


def _block_end(blocks: list[Block], index: int) -> int:
    end = index + 1
    while end < len(blocks) and blocks[end].kind not in ("heading", "rule"):
        end += 1
    return end


def _fields(body: list[Block]) -> dict[str, tuple[Block, str]]:
    out = {}
    for block in body:
        m = FIELD.match(block.text) if block.kind == "paragraph" else None
        if m:
            out[m.group("name").strip().lower()] = (block, m.group("value").strip())
    return out


def _citation_entry(builder, heading: Block, body: list[Block], fields, section) -> None:
    block, text = fields["citation"]
    cite = parse_citation(plain(spans(text))) or Citation((), None, "")
    heading_title, alias = split_alias(plain(spans(heading.text)))
    if not cite.title:
        builder.problem(block.line, "citation not in the form 'Authors (Year). \"Title.\" Venue.'")
    note = "\n".join(plain(spans(v)) for k, (_, v) in fields.items() if k in NOTE_FIELDS)
    urls = tuple(dict.fromkeys(s.url for b in body for s in spans(b.text) if s.url))
    end = body[-1].end_line if body else heading.end_line
    builder.add(
        heading.line, end, title=cite.title or heading_title, url=urls[0] if urls else None, urls=urls,
        authors=cite.authors, year=cite.year, venue=cite.venue, kind="paper", annotation=note,
        aliases=tuple(a for a in (alias, cite.alias) if a), section=section,
        ids=ids_for(text, *urls),
    )


def _bullet_entry(builder: ListBuilder, item: Block, section) -> None:
    text = plain(spans(item.text))
    cite = parse_bib_bullet(text)
    if cite is None:
        return
    urls = tuple(dict.fromkeys(s.url for s in spans(item.text) if s.url))
    builder.add(
        item.line, item.end_line, title=cite.title, url=urls[0] if urls else None, urls=urls,
        authors=cite.authors, year=cite.year, venue=cite.venue, kind="paper", annotation=cite.note,
        aliases=(cite.alias,) if cite.alias else (), section=section, ids=ids_for(item.text, *urls),
    )


def detect(text: str, path: str) -> float:
    head = text[:50000]
    if re.search(r"^\*\*Citation:?\*\*", head, re.MULTILINE):
        return 0.8
    bullets = len(re.findall(r"^\s*[-*]\s+[^\"\n]{2,120}\(\d{4}\)\.?\s*[\"“]", head, re.MULTILINE))
    return 0.6 if bullets >= 3 else 0.0


PARSER = Parser(
    name="citations",
    description="markdown with YAML front matter, citation blocks and bibliography bullets",
    detect=detect,
    parse=parse,
    extensions=(".md",),
)
