"""BibTeX: every titled primary entry as one record with a stable citation key.

``citation_keys`` is shared by every bibliographic writer (and by whatever writes a canon.bib):
an entry keeps its own key when it is a usable citation key, else gets author-year-firstword
in lower-case ASCII ("vaswani2017attention"); clashes get a, b, c... suffixes in input order.
Text is written as UTF-8 with LaTeX's special characters escaped; URLs and identifiers verbatim.
"""
from __future__ import annotations

import itertools
import re
import string
from typing import Callable, Iterable, Iterator, Sequence, Union

import bibtexparser
from anyascii import anyascii
from bibtexparser import model as bib
from bibtexparser.writer import BibtexFormat

from .. import names
from ..escape import balanced_braces, one_line, safe_url
from ..model import Entry, ReadingList
from ..parsers.base import ids_for
from ..parsers.biblio import kind_for

STOP_WORDS = frozenset("a an the of on in for to and with from at by is are via using towards toward".split())
CITATION_KEY = re.compile(r"[A-Za-z][\w:.\-+/]*", re.ASCII)
LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_LATEX_TABLE = str.maketrans(LATEX_SPECIAL)
#: Pairs LaTeX would join into one glyph ("--" is an en dash): written with {} between.
LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)")
LIGATURE_PAIRS = ("--", "``", "''", "?`", "!`")  # what LIGATURE finds: text without any is left as it is
_HAS_LIGATURE = re.compile("|".join(map(re.escape, LIGATURE_PAIRS)))
AND_WORD = re.compile(r"\sand\s", re.IGNORECASE)
GROUP_CHARACTER = re.compile(r"[,;>]")
PROCEEDINGS = re.compile(r"\b(?:proc|proceedings|conference|conf|workshop|symposium|congress|meeting)\b",
                         re.IGNORECASE)
TYPES = {"book": "book", "video": "video", "podcast": "audio", "repo": "software",
         "blog": "online", "docs": "online", "course": "online"}
#: Identifier schemes with a field of their own; any other goes in a field named after it
#: (when that name is a field name: a scheme a file made up could hold anything).
STANDARD_IDS = ("doi", "arxiv", "isbn")
FIELD_NAME = re.compile(r"[a-z][a-z0-9_\-]{0,30}")


# --- citation keys ---------------------------------------------------------------------------

def split_name(name: str) -> tuple[str, str, str]:
    """(family, given, suffix) of "Family, Given", "Family, Jr, Given" or "Given von Family",
    as names.split_name reads them (the family name with its particle)."""
    found = names.split_name(name)
    return found.full_surname, found.given, found.suffix


def ascii_word(text: str) -> str:
    """``text`` as lower-case ASCII letters and digits, transliterated (ø -> o, ł -> l, ß -> ss)."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def _title_word(title: str) -> str:
    words = [ascii_word(w) for w in re.findall(r"\w+", title)]
    words = [w for w in words if w]
    return next((w for w in words if w not in STOP_WORDS), words[0] if words else "")


def citation_key(entry: Entry) -> str:
    """author-year-firstword: the first author's family name, the year, the title's first word."""
    author = next((a for a in entry.authors if a.lower() not in ("et al.", "others")), "")
    parts = (ascii_word(names.split_name(author).surname), str(entry.year or ""), _title_word(entry.title or ""))
    return "".join(parts) or "untitled"


def is_citation_key(key: str) -> bool:
    return bool(CITATION_KEY.fullmatch(key))


def _suffixes() -> Iterable[str]:
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)


def citation_keys(entries: Sequence[Entry], keep: Callable[[str], bool] = is_citation_key) -> list[str]:
    """One unique key per entry, in order: its own key if ``keep(key)`` and not taken, else a
    generated one; generated keys that clash all get suffixes (smith2020deepa, smith2020deepb)."""
    keys: list[str | None] = [None] * len(entries)
    used: set[str] = set()
    for i, entry in enumerate(entries):
        if entry.key and keep(entry.key) and entry.key not in used:
            keys[i] = entry.key
            used.add(entry.key)
    bases = {i: citation_key(e) for i, e in enumerate(entries) if keys[i] is None}
    counts: dict[str, int] = {}
    for base in bases.values():
        counts[base] = counts.get(base, 0) + 1
    # each base's suffixes are tried once in all: a suffix passed over was taken, and stays so
    suffixed: dict[str, Iterator[str]] = {}
    for i, base in bases.items():
        candidates = [base] if counts[base] == 1 else []
        tries = suffixed.setdefault(base, (base + s for s in _suffixes()))
        key = next(k for k in itertools.chain(candidates, tries) if k not in used)
        keys[i] = key
        used.add(key)
    return keys  # type: ignore[return-value]


# --- writing ---------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Plain text as a BibTeX value: LaTeX specials escaped, ligatures broken, one line, control
    characters shown as their pictures, and no brace BibTeX would count without its match."""
    if not text:
        return ""
    text = one_line(text).translate(_LATEX_TABLE)
    return balanced_braces(LIGATURE.sub("{}", text) if _HAS_LIGATURE.search(text) else text)


def urls_of(entry: Entry) -> tuple[str, ...]:
    """The entry's URLs, its main one first."""
    return tuple(dict.fromkeys(u for u in (entry.url, *entry.urls) if u))


def _verbatim(value: str) -> str:
    """A URL or an identifier as a field value: whitespace, controls and braces percent-encoded
    (a DOI whose %0A was decoded into a newline cannot end the field and start a record)."""
    return safe_url(value)


def _name(name: str) -> str:
    if name.lower() in ("et al.", "et al", "others"):
        return "others"
    name = escape(name)
    return f"{{{name}}}" if AND_WORD.search(name) else name


def _group(text: str) -> str:
    """Braces around a section name that holds a keyword or path separator."""
    return f"{{{text}}}" if GROUP_CHARACTER.search(text) else text


def entry_type(entry: Entry) -> str:
    if entry.kind == "paper":
        return "inproceedings" if entry.venue and PROCEEDINGS.search(entry.venue) else "article"
    return TYPES.get(entry.kind, "misc")


def _venue_field(kind: str) -> str:
    return {"article": "journal", "inproceedings": "booktitle"}.get(kind, "publisher")


def fields(entry: Entry, kind: str) -> list[tuple[str, str]]:
    """The fields of one record, in a fixed order; empty values left out."""
    ids = dict(entry.ids)
    urls = urls_of(entry)
    pairs = [
        ("title", f"{{{escape(entry.title or '')}}}"),
        ("shorttitle", escape(entry.aliases[0]) if entry.aliases else ""),
        ("author", " and ".join(_name(a) for a in entry.authors)),
        ("year", str(entry.year or "")),
        (_venue_field(kind), escape(entry.venue or "")),
        ("volume", escape(entry.volume or "")),
        ("pages", escape(entry.pages or "")),
        ("doi", _verbatim(ids.get("doi", ""))),
        ("eprint", _verbatim(ids.get("arxiv", ""))),
        ("archiveprefix", "arXiv" if "arxiv" in ids else ""),
        ("isbn", _verbatim(ids.get("isbn", ""))),
        *_other_ids(ids, urls),
        ("url", _verbatim(urls[0]) if urls else ""),
        ("note", " ".join(f"\\url{{{_verbatim(u)}}}" for u in urls[1:])),
        ("keywords", " > ".join(_group(escape(s)) for s in entry.section)),
        ("annote", escape(entry.annotation)),
        ("entrysubtype", entry.kind if kind_for(kind, urls[0] if urls else None, entry.ids) != entry.kind else ""),
    ]
    return [(name, value) for name, value in pairs if value]


def _other_ids(ids: dict[str, str], urls: tuple[str, ...]) -> list[tuple[str, str]]:
    """Identifiers without a field of their own, each in a field named after its scheme, unless
    one of the links already shows it."""
    others = [(s, v) for s, v in sorted(ids.items()) if s not in STANDARD_IDS and FIELD_NAME.fullmatch(s)]
    if not others:
        return others
    derived = dict(ids_for(*urls))
    return [(s, _verbatim(v)) for s, v in others if derived.get(s) != v]


#: A block of a .bib file: a record (type, key, [(field, value)]) or a comment line.
Block = Union[tuple[str, str, list[tuple[str, str]]], str]


def _record(entry: Entry, key: str) -> Block:
    kind = entry_type(entry)
    return kind, key, fields(entry, kind)


def _comment(text: str) -> Block:
    """A line outside any record; an "@" there would start one, so it is spelled out."""
    return "% " + one_line(text.replace("@", "(at)"))


def blocks(lists: Sequence[ReadingList]) -> Iterator[Block]:
    """Each list's blocks: a comment naming it, then a record per titled primary entry (a
    comment for an untitled one)."""
    keys = iter(citation_keys([e for rl in lists for e in rl.primaries if not e.untitled]))
    for rl in lists:
        yield _comment(f"{rl.path} ({rl.format}): {rl.title or rl.name}")
        for entry in rl.primaries:
            if entry.untitled:
                yield _comment(f"skipped untitled entry at {rl.location(entry)}")
            else:
                yield _record(entry, next(keys))


def render_lists(lists: Sequence[ReadingList]) -> str:
    return write_blocks(blocks(lists))


def write_blocks(found: Iterable[Block]) -> str:
    """The blocks as bibtexparser v2's writer writes them with ``bibtex_format()`` (see
    ``standard_text``), a block at a time: records as "@type{key," and one "  name = {value},"
    line a field, comments as they are, a newline between blocks."""
    keys: set[str] = set()
    texts = []
    for block in found:
        if type(block) is str:
            texts.append(block + "\n")
            continue
        kind, key, pairs = block
        if key in keys:  # bibtexparser's Library refuses a repeated key
            raise ValueError(f"Duplicate keys found: {[key]}")
        keys.add(key)
        texts.append("".join([f"@{kind}{{{key},\n", *[f"  {name} = {{{value}}},\n" for name, value in pairs], "}\n"]))
    return "\n".join(texts)


def bibtex_format() -> BibtexFormat:
    form = BibtexFormat()
    form.indent, form.trailing_comma, form.block_separator = "  ", True, "\n"
    return form


def standard_text(found: Iterable[Block]) -> str:
    """The blocks written by bibtexparser itself: the text ``write_blocks`` gives (tests compare
    the two)."""
    library = bibtexparser.Library([
        bib.ImplicitComment(block) if type(block) is str
        else bib.Entry(block[0], block[1], [bib.Field(name, f"{{{value}}}") for name, value in block[2]])
        for block in found])
    return bibtexparser.write_string(library, unparse_stack=[], bibtex_format=bibtex_format())
