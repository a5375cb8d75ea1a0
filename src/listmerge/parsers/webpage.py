"""Web pages converted to markdown (``Title:`` / ``URL Source:`` headers) whose section headings
were lost. The page's own contents list names the sections; each run of list items is assigned
to one of them in order, using numbering restarts and the words the runs share with the names.
"""
from __future__ import annotations

import re

from . import Parser
from .base import ListBuilder
from .inline import plain, spans
from .markdown import PageContext, is_toc, item_entries, prose_mentions, walk_sections
from .mdblocks import Block, item_runs, note_unread, read_blocks

HEADER = re.compile(r"^(?P<key>Title|URL Source|Published Time|Markdown Content|Description|Author):\s*(?P<value>.*)$")
SECTION_PREFIX = re.compile(r"^(?:section|part|chapter)\s+\d+\s*[:.\-–—]\s*|^\d+\s*[.:)]\s*", re.IGNORECASE)
DISCUSSION_LEAD = re.compile(r"^\W*(?:discussions?|discuss|comments?)\s+(?:on|at|in)\b", re.IGNORECASE)
STOPWORDS = frozenset("the and for with from into about your our this that are was were you".split())

#: How assignments of runs to sections are scored (see ``assign_runs``).
CONTINUE_PENALTY = 0.25  # a run continuing the previous run's section rather than starting one
SKIP_PENALTY = 2.0  # each section that receives no run


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w[:5] for w in words if len(w) >= 3 and w not in STOPWORDS}


def similarity(text: str, name: str) -> float:
    """Share of the section name's words (by 5-letter stem) that occur in ``text``."""
    wanted = _stems(name)
    return len(wanted & _stems(text)) / len(wanted) if wanted else 0.0


def assign_runs(evidence: list[str], starts_new: list[bool], names: list[str]) -> list[int]:
    """Monotone assignment of runs to sections maximising word evidence, with every section
    covered where possible; a run that ``starts_new`` (numbering restarted) opens a new section."""
    runs, count = len(evidence), len(names)
    if not runs or not count:
        return [0] * runs
    neg = float("-inf")
    score = [[neg] * count for _ in range(runs)]
    back = [[0] * count for _ in range(runs)]
    for s in range(count):
        score[0][s] = similarity(evidence[0], names[s]) - SKIP_PENALTY * s
    for r in range(1, runs):
        for s in range(count):
            gain = similarity(evidence[r], names[s])
            for p in range(s + 1):
                if score[r - 1][p] == neg or (p == s and starts_new[r]):
                    continue
                value = score[r - 1][p] + gain - (CONTINUE_PENALTY if p == s else SKIP_PENALTY * (s - p - 1))
                if value > score[r][s]:
                    score[r][s], back[r][s] = value, p
    last = max(range(count), key=lambda s: (score[-1][s] - SKIP_PENALTY * (count - 1 - s), -s))
    path = [last]
    for r in range(runs - 1, 0, -1):
        path.append(back[r][path[-1]])
    return path[::-1]


def _headers(builder: ListBuilder) -> int:
    start = 0
    for index, line in enumerate(builder.lines[:40]):
        m = HEADER.match(line)
        if m:
            key = m.group("key").lower().replace(" ", "_")
            if key != "markdown_content":
                builder.metadata[key] = m.group("value").strip()
            start = index + 1
        elif line.strip() and start == 0:
            break
    builder.title = builder.metadata.get("title") or None
    return start


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "webpage", text.split("\n"))
    start = _headers(builder)
    page = PageContext(builder.metadata.get("url_source"))
    blocks = read_blocks(builder.lines, start)
    note_unread(builder, blocks)
    if any(b.kind == "heading" and b.level > 1 for b in blocks):
        walk_sections(builder, blocks, page)  # headings survived: read it as a resource list
    else:
        _headless(builder, blocks, page)
    return (builder.build(),)


def _headless(builder: ListBuilder, blocks: list[Block], page: PageContext) -> None:
    runs = item_runs(blocks)
    toc = next((run for run in runs if is_toc([blocks[i] for i in run], page)), None)
    names = [SECTION_PREFIX.sub("", plain(spans(blocks[i].text))).strip() for i in toc] if toc else []
    body_runs = [run for run in runs if toc and run[0] > toc[-1]]
    section_of: dict[int, tuple[str, ...]] = {}
    if names and body_runs:
        evidence = [_run_text(blocks, run) for run in body_runs]
        starts_new = [blocks[run[0]].ordered and blocks[run[0]].number == 1 for run in body_runs]
        for run, s in zip(body_runs, assign_runs(evidence, starts_new, names)):
            for i in run:
                section_of[i] = (names[s],)
        first_line = {}
        for i, path in sorted(section_of.items()):
            first_line.setdefault(path, blocks[i].line)
        for name in names:
            builder.section((name,), first_line.get((name,), blocks[toc[0]].line))
    current: tuple[str, ...] = ()
    for index, block in enumerate(blocks):
        if toc and index in toc:
            continue
        if index in section_of:
            current = section_of[index]
            item_entries(builder, block, current, page)
        elif block.kind in ("paragraph", "quote", "item") and not DISCUSSION_LEAD.match(plain(spans(block.text))):
            for part in block.walk():
                prose_mentions(builder, part, current, page)


def _run_text(blocks: list[Block], run: list[int]) -> str:
    """A run's words plus those of the prose just before it (a section's introduction)."""
    first = run[0]
    before = blocks[first - 1].text if first and blocks[first - 1].kind in ("paragraph", "quote") else ""
    return before + " " + " ".join(b.text for i in run for b in blocks[i].walk())


def detect(text: str, path: str) -> float:
    head = text[:3000]
    if re.search(r"^Title:", head, re.MULTILINE) and re.search(r"^URL Source:", head, re.MULTILINE):
        return 0.9
    return 0.0


PARSER = Parser(
    name="webpage",
    description="web pages converted to markdown (Title:/URL Source: headers), headings lost",
    detect=detect,
    parse=parse,
    extensions=(".md", ".txt"),
)
