"""What the bibliographic and tabular readers (BibTeX, CSL-JSON, CSV) share: record types to
kinds, years from dates, sections from keywords or shelves, and identifiers from named fields."""
from __future__ import annotations

import math
import re
from typing import Iterable

from ..identify import ID_SCHEMES, find_ids, isbn13
from ..model import KINDS
from .base import ListBuilder, kind_from_url, kind_from_word

#: Record types of BibTeX/BibLaTeX, CSL and Zotero, lower-case without "-", "_" or spaces.
#: None means "no kind of its own": the URL decides.
TYPE_KINDS: dict[str, str | None] = {
    **dict.fromkeys((
        "article", "inproceedings", "conference", "incollection", "techreport", "report", "thesis",
        "phdthesis", "mastersthesis", "unpublished", "articlejournal", "paperconference", "chapter",
        "manuscript", "journalarticle", "conferencepaper", "preprint", "booksection",
    ), "paper"),
    **dict.fromkeys(("book", "mvbook", "inbook", "collection", "mvcollection", "booklet", "proceedings"), "book"),
    **dict.fromkeys(("postweblog", "post", "blogpost", "forumpost"), "blog"),
    **dict.fromkeys(("video", "movie", "motionpicture", "videorecording", "speech", "presentation"), "video"),
    **dict.fromkeys(("audio", "podcast", "broadcast"), "podcast"),
    **dict.fromkeys(("software", "computerprogram"), "repo"),
    "manual": "docs",
    **dict.fromkeys(("misc", "online", "electronic", "www", "webpage", "document"), None),
}

YEAR = re.compile(r"(?<!\d)([12]\d{3})(?!\d)")
#: JabRef's hierarchical keyword delimiter; the writers use it for a section path too.
PATH_SEPARATOR = ">"


#: A JSON escape of half a surrogate pair with no other half: it decodes to a string that cannot
#: be written as UTF-8, so it is read as U+FFFD instead.
LONE_SURROGATE = re.compile(r"(?<!\\)((?:\\\\)*)(?:\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|"
                            r"(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2})", re.IGNORECASE)


def yaml_loader(yaml):
    """PyYAML's fastest safe loader (libyaml's when it is built). The data parsers import PyYAML
    when they read, so that a command on other files never loads it."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def json_text(text: str) -> str:
    """JSON text whose lone surrogate escapes ("\\ud800") read as U+FFFD."""
    return LONE_SURROGATE.sub(r"\1\\ufffd", text) if "\\u" in text else text


#: How deep a JSON or YAML document may nest: the readers (and PyYAML, whose limits differ
#: between versions) are not asked to go deeper.
MAX_NESTING = 200


def nesting(text: str) -> int:
    """How deep ``text`` nests, counted cheaply and before any parser: flow brackets ("[[["),
    or the indentation levels of block YAML along one path, whichever is deeper. Brackets in
    quoted strings count too, so this is an upper bound."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}" and depth:
            depth -= 1
    levels: list[int] = []
    for line in text.split("\n"):
        stripped = line.lstrip(" -")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        while levels and levels[-1] >= indent:
            levels.pop()
        levels.append(indent)
        deepest = max(deepest, len(levels))
    return deepest


def too_deep(text: str, limit: int = MAX_NESTING) -> bool:
    return nesting(text) > limit


def clean(value: object) -> str | None:
    """``value`` as one line of text with whitespace collapsed, or None when empty (or a
    number that is no number: NaN, infinity)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def kind_for(record_type: str | None, url: str | None, ids: Iterable[tuple[str, str]] = ()) -> str:
    """The kind of a record from its type, else its URL; an arXiv id makes a paper, an ISBN a book."""
    name = re.sub(r"[\s_\-]", "", (record_type or "").lower())
    if name in KINDS:
        return name
    kind = TYPE_KINDS.get(name) if name in TYPE_KINDS else kind_from_word(record_type or "")
    kind = kind or kind_from_url(url)
    schemes = {scheme for scheme, _ in ids}
    if kind == "other" and "arxiv" in schemes:
        return "paper"
    if kind == "other" and "isbn" in schemes:
        return "book"
    return kind


def year_of(*values: object) -> int | None:
    """The first four-digit year in the first value that has one."""
    for value in values:
        m = YEAR.search(str(value)) if value is not None else None
        if m:
            return int(m.group(1))
    return None


def section_path(text: str | None, first_of_list: bool = True) -> tuple[str, ...]:
    """'Part A > Sub B' -> ('Part A', 'Sub B'); of a keyword or tag list, the first item."""
    if not text:
        return ()
    if first_of_list:
        text = re.split(r"[,;]", text)[0]
    return tuple(p for p in (clean(part) for part in text.split(PATH_SEPARATOR)) if p)


def scheme_ids(values: dict[str, str | None]) -> tuple[tuple[str, str], ...]:
    """Identifiers from fields or columns named after a scheme ("doi", "arxiv", "isbn", ...),
    canonicalised where identify knows the scheme's written form (an arXiv DOI is an arXiv id)."""
    found: dict[str, str] = {}
    for scheme in ID_SCHEMES:
        value = clean(values.get(scheme))
        if value is None:
            continue
        if scheme == "isbn":
            isbns = [value] + re.split(r"[\s,;]+", value)
            known = {"isbn": next(filter(None, map(isbn13, isbns)), None)}
        else:
            known = find_ids(f"{scheme}:{value}") or find_ids(value) or {scheme: value}
        for name, canonical in known.items():
            if canonical:
                found.setdefault(name, canonical)
    return tuple(sorted(found.items()))


def merge_ids(*groups: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The union of identifier groups; an earlier group wins a scheme."""
    found: dict[str, str] = {}
    for group in groups:
        for scheme, value in group:
            found.setdefault(scheme, value)
    return tuple(sorted(found.items()))


def declare_sections(builder: ListBuilder) -> None:
    """Every section path (and its parents) the entries use, at the line of its first entry."""
    seen = {section.path for section in builder.sections}
    for entry in builder.entries:
        for depth in range(1, len(entry.section) + 1):
            path = entry.section[:depth]
            if path not in seen:
                seen.add(path)
                builder.section(path, entry.line)
