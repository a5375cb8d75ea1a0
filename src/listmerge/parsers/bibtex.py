"""BibTeX and BibLaTeX files, read through bibtexparser v2.

Tolerant like bibtexparser itself: a block it cannot parse becomes a Problem at its line and
every other entry still loads; a repeated citation key is reported and, as BibTeX does, the
later entry is skipped. LaTeX in text fields (accents, braces, escapes) is decoded; URLs, DOIs
and other identifiers are taken verbatim.
"""
from __future__ import annotations

import logging
import re

from functools import lru_cache
from typing import TYPE_CHECKING

from . import Parser
from ..model import KINDS
from .base import ListBuilder, ids_for
from .biblio import PATH_SEPARATOR, clean, declare_sections, kind_for, merge_ids, scheme_ids, year_of

if TYPE_CHECKING:  # bibtexparser and pylatexenc are imported when a BibTeX file is read
    from bibtexparser import model as bib
    from pylatexenc.latex2text import LatexNodes2Text

NAME = "bibtex"
#: bibtexparser logs every failed block; the problems we record say the same, once.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

ENTRY_START = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)
ENTRY_HEAD = re.compile(r"@\s*[A-Za-z]+\s*[{(]\s*[^,\s{}()=]*")
VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "publisher", "school", "institution")
NOTE_FIELDS = ("annote", "annotation", "note")
#: Where BibTeX files keep links besides ``url``: ``\url{...}`` in notes and howpublished.
URL_IN_TEXT = re.compile(r"\\url\{([^{}\s]+)\}|(?<![\w{])(https?://[^\s{}]+)")
#: JabRef (and LaTeX habit) escapes these in url, doi and file fields: "https\\://x/a\\_b". A URL
#: never holds a backslash, so one before these characters is an escape.
URL_ESCAPE = re.compile(r"\\([:_%&#~$;{}])")
#: JabRef's file field: "description:path:type" records joined by unescaped ";".
FILE_RECORDS = re.compile(r"(?<!\\);")
#: A web link in a file record, without the record's ":type" after it.
FILE_LINK = re.compile(r"https?://\S+?(?=:[\w/.+-]*$|$)", re.IGNORECASE)
#: What only a LaTeX decoder can read: macros, math, ties, escapes and ligatures. Without
#: these, decoding is removing braces.
LATEX = re.compile(r"[\\$~%&]|--|``|''|[?!]`")


@lru_cache(maxsize=None)
def _decoder() -> LatexNodes2Text:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category("listmerge", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"),
        MacroTextSpec("textasciicircum", simplify_repl="^"),
    ])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


def decode(value: str) -> str:
    """LaTeX to text, whitespace collapsed. A bare ``&`` or ``%`` is read as the character.
    Groups nested past ``MAX_LATEX_DEPTH`` (no title needs them) lose their macros and braces
    instead, since the LaTeX decoder recurses once per group."""
    if LATEX.search(value) and brace_depth(value) <= MAX_LATEX_DEPTH:
        value = _decoder().latex_to_text(re.sub(r"(?<!\\)([&%])", r"\\\1", value))
    else:
        value = MACRO.sub("", value).replace("{", "").replace("}", "")
    return " ".join(value.split())


MAX_LATEX_DEPTH = 50
MACRO = re.compile(r"\\[A-Za-z]+\*?|\\(?=[^A-Za-z])")


def brace_depth(value: str) -> int:
    depth = deepest = 0
    for char in value:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth = max(depth - 1, 0)
    return deepest


def split_names(value: str) -> tuple[str, ...]:
    """An author or editor field as people: split on top-level "and", each name decoded;
    BibTeX's "and others" is "et al." as the other readers write it."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    names = (decode(name) for name in split_multiple_persons_names(" ".join(value.split())))
    return tuple("et al." if name == "others" else name for name in names if name)


def parse(text: str, path: str) -> tuple:
    import bibtexparser
    from bibtexparser import model as bib

    builder = ListBuilder(path, NAME, text.split("\n"))
    library = bibtexparser.parse_string(text)
    for block in library.blocks:
        if isinstance(block, bib.Entry):
            _entry(builder, block)
        elif isinstance(block, bib.DuplicateBlockKeyBlock):
            first = _line(block.previous_block)
            builder.problem(_line(block), f"duplicate key '{block.key}' (first used at line {first}); entry skipped")
        elif isinstance(block, bib.DuplicateFieldKeyBlock):
            _repeated_fields(builder, block, library)
        elif isinstance(block, bib.ParsingFailedBlock):
            builder.problem(_line(block), f"cannot read {_head(block)} ({_reason(block.error)}); skipped")
    declare_sections(builder)
    return (builder.build(),)


def _repeated_fields(builder: ListBuilder, block: bib.DuplicateFieldKeyBlock, library) -> None:
    """An entry that gives a field twice still loads, with the first value, and is reported."""
    from bibtexparser.middlewares import RemoveEnclosingMiddleware

    entry = RemoveEnclosingMiddleware().transform_entry(block.ignore_error_block, library)
    names = ", ".join(sorted(block.duplicate_keys))
    builder.problem(_line(block), f"'{entry.key}' gives {names} more than once; the first is used")
    _entry(builder, entry)


def _line(block: bib.Block) -> int:
    return (block.start_line or 0) + 1


def _head(block: bib.Block) -> str:
    m = ENTRY_HEAD.match(block.raw or "")
    return f"'{m.group(0)}'" if m else "this entry"


def _reason(error: Exception) -> str:
    reason = getattr(error, "abort_reason", None) or str(error) or type(error).__name__
    return " ".join(reason.replace("`", "'").split()).rstrip(". ")


def _fields(entry: bib.Entry) -> dict[str, str]:
    fields: dict[str, str] = {}
    for field in entry.fields:
        fields.setdefault(field.key.lower(), str(field.value))
    return fields


def _entry(builder: ListBuilder, entry: bib.Entry) -> None:
    fields = _fields(entry)
    line = _line(entry)
    title = decode(fields.get("title", "")) or None
    if not title:
        builder.problem(line, f"entry '{entry.key}' has no title (kept as an untitled entry)")
    urls = _urls(fields)
    url = urls[0] if urls else None
    ids = _ids(fields, urls)
    builder.add(
        line, line + (entry.raw or "").rstrip().count("\n"), title=title, url=url, urls=urls,
        authors=split_names(fields.get("author") or fields.get("editor") or ""),
        year=year_of(fields.get("year"), fields.get("date")),
        venue=next((decode(fields[f]) for f in VENUE_FIELDS if clean(fields.get(f))), None),
        volume=clean(fields.get("volume")), pages=clean(fields.get("pages")),
        kind=_kind(entry, fields, url, ids), annotation=_annotation(fields),
        aliases=_aliases(fields), ids=ids, key=entry.key, raw=entry.raw or "",
        section=_section(fields.get("groups") or fields.get("keywords") or ""),
    )


def _kind(entry: bib.Entry, fields: dict[str, str], url: str | None, ids) -> str:
    """The entry type's kind, unless ``entrysubtype`` names one of listmerge's kinds."""
    subtype = fields.get("entrysubtype", "").strip().lower()
    return subtype if subtype in KINDS else kind_for(entry.entry_type, url, ids)


def _urls(fields: dict[str, str]) -> tuple[str, ...]:
    """The ``url`` field, links in notes and howpublished, and web links in JabRef's ``file``."""
    found = [_url(fields.get("url", ""))]
    for name in ("howpublished", *NOTE_FIELDS):
        found += [_url(a or b) for a, b in URL_IN_TEXT.findall(unescape_url(fields.get(name, "")))]
    found += [_url(path) for path in file_links(fields.get("file", ""))]
    return tuple(dict.fromkeys(u for u in found if u))


def unescape_url(value: str) -> str:
    """``value`` without JabRef's escapes: "https\\://x/a\\_b" -> "https://x/a_b"."""
    return URL_ESCAPE.sub(r"\1", value)


def _url(value: str) -> str | None:
    """A url field's link: unescaped, and out of JabRef's ":https\\://x.pdf:PDF" file syntax
    when the field was written in it."""
    value = value.strip()
    if value.startswith(":"):
        value = next(iter(file_links(value)), value)
    return clean(unescape_url(value))


def file_links(value: str) -> list[str]:
    """The web links among the records of JabRef's ``file`` field (local paths are left out)."""
    records = (unescape_url(record).strip() for record in FILE_RECORDS.split(value))
    return [m.group(0) for m in map(FILE_LINK.search, records) if m]


def _ids(fields: dict[str, str], urls: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    named = {name: unescape_url(value) for name, value in fields.items()}
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if prefix == "arxiv" or (not prefix and re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", fields.get("eprint", ""))):
        named.setdefault("arxiv", fields.get("eprint"))
    return merge_ids(scheme_ids(named), ids_for(*urls))


def _annotation(fields: dict[str, str]) -> str:
    for name in NOTE_FIELDS:
        text = decode(URL_IN_TEXT.sub("", fields.get(name, "")))
        if text:
            return text
    return ""


def split_top(text: str, separators: str) -> list[str]:
    """``text`` split at ``separators`` outside braces: "{A, B} > C" -> ["{A, B} ", " C"] on ">"."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return parts + ["".join(current)]


def _section(value: str) -> tuple[str, ...]:
    """The first keyword (or group) as a section path: "Part A > Sub B, nlp" -> (Part A, Sub B)."""
    first = split_top(value, ",;")[0]
    return tuple(p for p in (decode(part) for part in split_top(first, PATH_SEPARATOR)) if p)


def _aliases(fields: dict[str, str]) -> tuple[str, ...]:
    short = decode(fields.get("shorttitle", ""))
    return (short,) if short else ()


def detect(text: str, path: str) -> float:
    if path.lower().endswith((".bib", ".bibtex", ".biblatex")):
        return 0.95
    head = text[:20000]
    if not ENTRY_START.search(head):
        return 0.0
    significant = [l for l in head.split("\n") if l.strip() and not l.lstrip().startswith("%")]
    return 0.9 if significant and ENTRY_START.match(significant[0]) else 0.0


PARSER = Parser(
    name=NAME,
    description="BibTeX / BibLaTeX (.bib), read with bibtexparser",
    detect=detect,
    parse=parse,
    extensions=(".bib", ".bibtex", ".biblatex"),
)
