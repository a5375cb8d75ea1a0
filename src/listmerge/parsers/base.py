"""What every parser shares: the builder that accumulates a ReadingList, and the small tables
that guess an entry's kind and tell links to works from links to discussions."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ..identify import find_ids
from ..model import Entry, Problem, ReadingList, Section, Skipped

#: (pattern on the URL, kind). First match wins.
KIND_BY_URL: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), kind) for p, kind in (
        (r"arxiv\.org|openreview\.net|aclanthology\.org|doi\.org|proceedings\.|dl\.acm\.org|"
         r"semanticscholar\.org|\.pdf(?:$|[?#])|usenix\.org/system/files", "paper"),
        (r"youtube\.com|youtu\.be|vimeo\.com", "video"),
        (r"github\.com|gitlab\.com|huggingface\.co/(?!blog|learn|docs)", "repo"),
        (r"podcast|spotify\.com/episode|podcasts\.apple", "podcast"),
        (r"coursera\.org|edx\.org|deeplearning\.ai/short-courses|/course", "course"),
        (r"oreilly\.com/library|manning\.com/books|amazon\.[a-z.]+/.*/dp/|^https?://[^/]*book|/books?/|/book\d*\.html", "book"),
        (r"^https?://docs\.|/docs/|readthedocs|developer\.", "docs"),
        (r"blog|medium\.com|substack\.com|/posts?/|/p/|news", "blog"),
    )
)

#: Bracket tags and words that name a kind ("[Book]", "[Videos]", "[Lecture notes]").
KIND_WORDS: dict[str, str] = {
    "paper": "paper", "papers": "paper", "preprint": "paper", "article": "paper",
    "book": "book", "books": "book", "textbook": "book",
    "video": "video", "videos": "video", "talk": "video", "lecture": "video", "lectures": "video",
    "lecture notes": "course", "course": "course", "courses": "course", "mooc": "course",
    "blog": "blog", "post": "blog", "blogpost": "blog", "blog post": "blog", "newsletter": "blog",
    "repo": "repo", "code": "repo", "library": "repo", "tool": "repo",
    "docs": "docs", "documentation": "docs", "guide": "docs", "tutorial": "docs",
    "podcast": "podcast", "episode": "podcast",
}

#: Links that point at a discussion or a social post about the list, never at a work.
NON_WORK_URL = re.compile(
    r"^https?://(?:www\.)?(?:x\.com|twitter\.com|mobile\.twitter\.com|t\.co|threads\.net|"
    r"bsky\.app|mastodon\.[a-z]+|facebook\.com|instagram\.com|discord\.gg|discord\.com/invite|"
    r"linkedin\.com/(?:posts|feed|in)/)",
    re.IGNORECASE,
)


WORD_CHARACTER = re.compile(r"\w")


def kind_from_url(url: str | None) -> str:
    if not url:
        return "other"
    return next((kind for pattern, kind in KIND_BY_URL if pattern.search(url)), "other")


def kind_from_word(word: str) -> str | None:
    return KIND_WORDS.get(" ".join(word.lower().split()))


def is_non_work_link(url: str) -> bool:
    return bool(NON_WORK_URL.match(url))


def ids_for(*texts: str | None) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for text in texts:
        for scheme, value in find_ids(text or "").items():
            found.setdefault(scheme, value)
    return tuple(sorted(found.items()))


@dataclass
class ListBuilder:
    """Accumulates sections, entries and problems in source order, then freezes them."""

    path: str
    format: str
    lines: list[str]
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def raw(self, line: int, end_line: int) -> str:
        return "\n".join(self.lines[line - 1:end_line]).strip("\n")

    def section(self, path: tuple[str, ...], line: int) -> None:
        self.sections.append(Section(path=path, level=len(path), line=line))

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(line, message))

    def skip(self, line: int, url: str, reason: str) -> None:
        """Record a link left out because it is not a work, so that nothing is dropped unseen."""
        self.skipped.append(Skipped(line, url, reason))

    def add(self, line: int, end_line: int, **fields: Any) -> int | None:
        """Add an entry spanning ``line``..``end_line``; fills raw text, urls, ids and kind.

        A title with no letter or digit ("," as link text) is no title. A mention with no title
        whose link another entry of the same citing text already gives adds nothing: skipped."""
        url = fields.get("url")
        if fields.get("title") is not None and not WORD_CHARACTER.search(fields["title"]):
            fields["title"] = None
        if fields.get("role") == "mention" and not fields.get("title") and any(
                e.url == url and e.parent == fields.get("parent") and e.section == fields.get("section", ())
                for e in self.entries):
            return None
        urls = fields.setdefault("urls", (url,) if url else ())
        if "ids" not in fields:
            fields["ids"] = ids_for(*urls, fields.get("venue"))
        if fields.get("kind", "other") == "other":
            fields["kind"] = kind_from_url(url)
        fields.setdefault("raw", self.raw(line, end_line))
        self.entries.append(Entry(line=line, end_line=end_line, **fields))
        return len(self.entries) - 1

    def build(self) -> ReadingList:
        if not self.entries and not self.problems:
            self.problem(None, "no entries found")
        return ReadingList(
            name=PurePath(self.path).stem,
            path=self.path,
            format=self.format,
            title=self.title,
            metadata=self.metadata,
            sections=tuple(self.sections),
            entries=tuple(self.entries),
            problems=tuple(self.problems),
            skipped=tuple(self.skipped),
        )
