"""Titles that carry a citation: what a pasted citation or a slipped column leaves in a title.

Catalogues that scrape citations, and tables whose values moved into the wrong column, give
titles such as

    modern client-server dbms architectures n roussopoulos , a delis sigmod record , 1991.0
    efficient clustering methods for spatial data mining . in : proc . 20th int
    alon levy . a scalable algorithm for answering queries using views

``read_title`` finds the title's core and reads what the rest holds: a year, a run of author
names, a venue the inputs know, a fragment after a sentence break that reads as a citation.
(Words before the title, such as "alon levy ." above, are left to the comparison of two
records, which knows whose names they are.) Each piece is taken only in a shape that a title rarely has, and only
where the record's own field for it is empty; what is not read stays in the title. The matcher
compares cores, and fills a record's empty fields from what its title carried.
"""
from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .identify import normalise_title

#: Words that make a fragment after a sentence break a citation, not part of the title.
CITATION_WORDS = frozenset({
    "proc", "procs", "proceedings", "proceedingsof", "inproceedings", "conf", "conference", "int", "intl",
    "international", "journal", "trans", "transactions", "symposium", "symp", "workshop", "tech", "technical",
    "rep", "tr", "univ", "university", "dept", "department", "vol", "volume", "pp", "pages", "appear",
    "submitted", "available", "http", "https", "www", "edu", "ftp", "editors", "eds", "press", "thesis", "phd",
    "dissertation", "lncs", "preprint", "manuscript", "hellip", "raquo", "acm", "ieee",
})
#: The ones that mark a citation after a comma too: a title may well say ", Vol 1" or ", a
#: workshop report", but not ", proc." or ", to appear".
COMMA_CITATION_WORDS = frozenset({
    "proc", "procs", "proceedings", "proceedingsof", "inproceedings", "conf", "int", "intl", "appear",
    "submitted", "univ", "hellip", "raquo", "acm", "ieee", "lncs", "http", "https", "www", "ftp",
})
_MONTH_WORDS = frozenset({
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    "spring", "summer", "fall", "autumn", "winter", "spr", "sum", "fa", "sp", "wi",
})
#: Words a run of names may not start with: they are the words of a title.
_NOT_INITIALS = frozenset({"and", "the", "of", "in", "on", "for", "to", "by", "or", "with", "at", "vs", "via",
                           "an", "is", "are", "as", "be", "its", "it", "our", "we", "how", "new", "non", "use"})
_STOP = frozenset("a an and are as at be by for from in into is it its of on or our the their this to via vs "
                  "what when where which who why with without we you your how do does can".split())

_PARTICLES = r"(?:de|van|von|der|den|da|di|del|della|la|le|du|dos|das|ter|ten|al|el|bin|ibn)"
#: Searched from 12 characters before the end of the text without its trailing " .,;)", which
#: holds the year: the separator and the space before the year fit in those 12 (the bound keeps
#: a search through a long run of separators linear).
_YEAR_TAIL = re.compile(r"(?P<sep>[\s,.;:(]{0,12})\(?\s{0,12}(?P<year>(?:1[89]|20)\d\d)(?P<float>\.0)?\s*+\)?[\s.,;]*+$")
_INITIALS = r"(?!(?:" + "|".join(sorted(_NOT_INITIALS | CITATION_WORDS)) + r")\b)[^\W\d_]{1,3}\.?"
_SURNAME = r"[^\W\d_][\w'\u2019\-]+"
_NAME = rf"{_INITIALS}\s+(?:[^\W\d_]\.?\s+)?(?:{_PARTICLES}\s+)*{_SURNAME}"
#: A run of two or more names, "initials surname", separated by commas (", ..." or "et al" after).
_RUN = re.compile(rf"(?<![\w'\-])(?P<run>{_NAME}(?:\s*[,;]\s*(?:and\s+)?{_NAME})+)"
                  rf"(?:\s*,?\s*(?:&\s*hellip\s*;|\.\.\.|\u2026|et\.?\s*al\.?))?\s*[,;]?\s*", re.IGNORECASE)
_ONE_NAME = re.compile(rf"(?<![\w'\-])(?P<run>{_NAME})\s*[,;]?\s*$", re.IGNORECASE)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$|^(?:st|nd|rd|th)$")
#: A sentence break: a full stop after a word of two letters or more (not an initial, not an
#: abbreviation such as "vs."), then space.
_ABBREVIATIONS = ("vs", "etc", "al", "eg", "ie", "cf", "no", "vol", "pp", "fig", "dr", "mr", "mrs", "ms", "st",
                  "jr", "sr", "inc", "ltd", "co", "ed", "eds", "prof", "pt", "part", "ch", "chap", "sec", "nr",
                  "ep", "ex")
_BREAK = re.compile(r"(?<=[^\W\d_]{2})(?<!\b" + r")(?<!\b".join(_ABBREVIATIONS) + r")\s*+\.\s+|(?<!\s)\s+\.\s+",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Cited:
    """A title read as a citation: its core as written, and what the rest gave."""

    core: str
    authors: tuple[str, ...] = ()
    venue: str | None = None
    year: int | None = None
    removed: tuple[str, ...] = ()       # the fragments taken off, as written
    edition: str = ""                   # what of them may still tell two works apart: "2017", "Vol. 2"


@dataclass(frozen=True)
class Venues:
    """The venues the inputs write in venue fields, normalised, that read as venues rather than
    as title words: each written as a venue at least twice, and more often than it ends a
    title of a record whose venue is known."""

    known: frozenset[tuple[str, ...]]
    longest: int = 0

    @classmethod
    def build(cls, pairs: Iterable[tuple[str | None, str | None]]) -> "Venues":
        """``pairs``: (title, venue) of every entry."""
        with_venue = [(t or "", v) for t, v in pairs if v]
        as_venue = Counter(tuple(normalise_title(v).split()) for _, v in with_venue)
        candidates = {v for v, n in as_venue.items() if n >= 2 and 0 < len(v) <= 12 and not set(v) <= _STOP}
        if not candidates:
            return NO_VENUES
        lengths = sorted({len(v) for v in candidates})
        ending: Counter = Counter()
        for title, _ in with_venue:
            words = tuple(normalise_title(title).split())
            ending.update(words[-k:] for k in lengths if k <= len(words) and words[-k:] in candidates)
        known = frozenset(v for v in candidates if as_venue[v] > ending[v])
        return cls(known, max(map(len, known), default=0))

    def suffix(self, words: list[str]) -> int:
        """How many words at the end of ``words`` are a known venue (the longest), or 0."""
        for k in range(min(self.longest, len(words) - 1), 0, -1):
            if tuple(words[-k:]) in self.known:
                return k
        return 0


NO_VENUES = Venues(frozenset())


def read_title(title: str, *, authors: bool, venue: bool, year: bool, venues: Venues = NO_VENUES) -> Cited:
    """The core of ``title`` and the fields its citation fragments hold. ``authors``, ``venue`` and
    ``year`` say whether the record has those fields already (then they are not read)."""
    text, removed = title.strip(), []
    if not (venues.known and not venue) and "," not in text and "." not in text \
            and not any(c.isdigit() for c in text):
        return Cited(text)  # nothing a citation leaves: no number, comma, full stop or known venue
    found: dict = {"edition": []}
    text = _tail(text, removed, found, authors=authors, venue=venue, year=year, venues=venues)
    if not removed or _content(text) < MIN_BEFORE_NAMES:
        return Cited(title.strip())
    return Cited(text.strip(" ,;:"), found.get("authors", ()), found.get("venue"), found.get("year"), tuple(removed),
                 " ".join(found["edition"]))


#: Content words a core must keep: less, and what was read off was probably the title.
MIN_CORE = 2
MIN_BEFORE_NAMES = 2
#: A year written plainly at the end of a title with no year field is read off only after this
#: many content words ("Windows 2000" keeps its number).
MIN_BEFORE_PLAIN_YEAR = 4


def _content(text: str) -> int:
    return sum(1 for w in normalise_title(text).split() if w not in _STOP and len(w) > 1)


def _tail(text, removed, found, *, authors, venue, year, venues):
    text = _year_tail(text, removed, found, allowed=not year, venues=venues)
    if not authors:
        text = _author_tail(text, removed, found, venue=venue, year=year, venues=venues)
    if not venue and "authors" not in found:
        text = _venue_tail(text, removed, found, venues)
    return _cited_segments(text, removed, venues, found["edition"])


def _year_tail(text, removed, found, *, allowed, venues, after_fragment=False):
    """A year ending the title: written as a number field ("1991.0"), set off by punctuation or
    brackets, or after other fragments. Only where the record has no year."""
    end = text.rstrip(" .,;)")
    if not allowed or not end[-1:].isdigit():
        return text
    m = _YEAR_TAIL.search(text, max(0, len(end) - 12))
    if not m:
        return text
    value = int(m.group("year"))
    if value > datetime.date.today().year + 1:
        return text
    before = text[: m.start()].rstrip()
    if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
        return text  # the year closes a bracket opened earlier: "(vol 12, pg 345, 2016)" is a note
    words = normalise_title(before).split()
    set_off = bool(m.group("float")) or bool(m.group("sep").strip()) or "(" in m.group(0) or after_fragment \
        or (venues.suffix(words) and len(words) > venues.suffix(words))
    if _content(before) < (MIN_CORE if set_off else MIN_BEFORE_PLAIN_YEAR):
        return text
    if words and (words[-1] in _MONTH_WORDS or (len(words) > 1 and words[-2] in _MONTH_WORDS)):
        return text  # a date, part of the title: "... viral moment of Dec 2023"
    if not set_off and (words[-1] in _STOP or words[-1] in ("year", "years", "century")):
        return text  # "... challenges for database systems in the year 2000"
    removed.append(text[m.start():].strip())
    found["year"] = value
    if not set_off:  # "Front-End Developer Handbook 2017": maybe an edition, not only a date
        found["edition"].append(m.group("year"))
    return before


def _author_tail(text, removed, found, *, venue, year, venues):
    """A run of names ("n roussopoulos , a delis") after the title, and what follows it: the venue
    (and a year). One name alone is taken only between the title and a year already read."""
    if "," not in text and ";" not in text and "year" not in found:
        return text  # a run of names has its commas, one name alone a year after it
    best = None
    cased = text != text.lower()  # in a title with capitals, initials are capitals ("a Compiler" is no name)
    for m in _RUN.finditer(text):
        names = re.split(r"\s*[,;]\s*(?:and\s+)?", m.group("run"))
        if cased and not all(n[:1].isupper() for n in names if n):
            continue
        if _content(text[: m.start()]) >= MIN_BEFORE_NAMES:
            best = m
    if best is None and "year" in found:
        one = _ONE_NAME.search(text)
        if one and len(one.group("run").split()) == 2 and _content(text[: one.start()]) >= MIN_CORE \
                and not (cased and not one.group("run")[:1].isupper()):
            best = one
    if best is None:
        return text
    rest = text[best.end():].strip(" ,;")
    if rest:
        if venue:  # the record names its venue: what follows the names is not one
            return text
        if not year and "year" not in found:
            rest_text = _year_tail(rest, [], found, allowed=True, venues=venues, after_fragment=True)
            rest = rest_text.strip(" ,;")
        if rest:
            found["venue"] = rest
    removed.append(text[best.start():].strip())
    found["authors"] = tuple(a.strip() for a in re.split(r"\s*[,;]\s*(?:and\s+)?", best.group("run")) if a.strip())
    return text[: best.start()]


def _venue_tail(text, removed, found, venues):
    """A venue the inputs know, which the title runs into ("... time evolution vldb j.")."""
    words = normalise_title(text).split()
    k = venues.suffix(words)
    while k and k < len(words) and (words[-k - 1] in CITATION_WORDS or _ORDINAL.match(words[-k - 1])
                                    or words[-k - 1] in _VENUE_LEADS):
        k += 1  # "in proceedings of the 23th" before "vldb"
    if not k or _content(" ".join(words[:-k])) < MIN_CORE:
        return text
    cut = _cut_words(text, k)
    if cut is None:
        return text
    removed.append(text[cut:].strip())
    found["venue"] = re.sub(r"^(?:(?:in|of|the|on)\b[\s:.]*)+", "", text[cut:].strip(" ,;:"))
    return text[:cut]


_VENUE_LEADS = frozenset({"of", "the", "on", "in"})


def _cut_words(text: str, k: int) -> int | None:
    """Where the last ``k`` normalised words of ``text`` begin in it."""
    spans = [m.start() for m in re.finditer(r"[^\W_]+", text)]
    words_at = []
    for start in spans:
        word = normalise_title(re.match(r"[^\W_]+", text[start:]).group())
        words_at.extend([start] * len(word.split()))
    return words_at[-k] if len(words_at) >= k else None


def _cited_segments(text, removed, venues, found_edition):
    """Fragments after a sentence break, or after a comma, that read as a citation: a venue in
    citation words ("in : proc . 20th int"), a report number, a year, a venue the inputs know.
    The earliest break after which everything reads so is taken; then citation words left at
    the end ("... processing in proc")."""
    for start, end, comma in _breaks(text):
        tail = normalise_title(text[end:]).split()
        if tail and _content(text[:start]) >= MIN_CORE and (
                _citation_like(tail, comma) or venues.suffix(["", *tail]) == len(tail)):
            removed.append(text[end:].strip())
            if len(tail) <= 2 and any(w.isdigit() for w in tail):  # "Vol. 2", ", 1997"
                found_edition.append(" ".join(tail))
            text = text[:start]
            break
    if removed:
        words = normalise_title(text).split()
        k = 0
        while k < len(words) - 1 and (words[-k - 1] in CITATION_WORDS or (k and words[-k - 1] in _VENUE_LEADS)):
            k += 1
        while k and words[-k] in _VENUE_LEADS - {"in"}:
            k -= 1
        if k and _content(" ".join(words[:-k])) >= MIN_CORE and (cut := _cut_words(text, k)) is not None:
            removed.append(text[cut:].strip())
            text = text[:cut]
    return text


def _breaks(text):
    """Sentence breaks and commas outside brackets, in order."""
    if "," not in text and "." not in text:
        return []
    found = [(m.start(), m.end(), False) for m in _BREAK.finditer(text)]
    found += [(m.start(), m.end(), True) for m in _COMMA.finditer(text)]
    if not found or not _BRACKET.search(text):
        return sorted(found)
    depth, opened, inside = 0, 0, []
    for m in _BRACKET.finditer(text):  # spans of text inside brackets
        if m.group() in "([{":
            opened = m.start() if depth == 0 else opened
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                inside.append((opened, m.start()))
    if depth:
        inside.append((opened, len(text)))
    return sorted(b for b in found if not any(lo < b[0] < hi for lo, hi in inside))


_COMMA = re.compile(r"(?:(?<!\s)\s+)?,\s+")
_BRACKET = re.compile(r"[()\[\]{}]")


def _citation_like(words: list[str], comma: bool) -> bool:
    """A fragment that reads as a citation: after a sentence break, one with a citation word, or
    made mostly of numbers ("30 ( 1 ) : 78 83"); after a comma, one with a word only citations
    use (", proc.", ", to appear"), or a year alone (", 1997"). A date with a month ("May 2011")
    is part of a title."""
    if len(words) > (8 if comma else 16) or _MONTH_WORDS & set(words):
        return False
    if comma:
        return bool(COMMA_CITATION_WORDS & set(words)) or (len(words) == 1 and _YEAR_WORD.match(words[0]) is not None)
    numbers = sum(1 for w in words if w.isdigit() or _ORDINAL.match(w))
    return bool(CITATION_WORDS & set(words)) or 2 * numbers >= len(words)


_YEAR_WORD = re.compile(r"^(?:1[89]|20)\d\d$")
