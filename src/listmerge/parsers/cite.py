"""Reading the bibliographic bits curators write by hand: "(Hu et al., 2021)" tails, APA-like
citations and "Kaplan et al. (2020). "Title." -- note" bullets."""
from __future__ import annotations

import re
from dataclasses import dataclass

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
ET_AL = re.compile(r"\s*,?\s*\bet\.?\s*al\.?", re.IGNORECASE)
_QUOTED = r"[\"“](?P<title>.+?)[\"”]"
#: "Surname, I. J." people in APA author lists.
#: A surname starts a word and is not itself an initial ("J. Widom, S. Babu" is two people
#: written initials first, not "J. Widom" with initials "S.").
APA_PERSON = re.compile(r"(?<![\w.])(?P<surname>(?![A-Z][a-z]?\.)[^\s,&.][^,&]*?),\s*"
                        r"(?P<initials>(?:[A-Z][a-z]?\.(?:[\s-]*[A-Z][a-z]?\.)*))")
BIB_BULLET = re.compile(
    r"^(?P<authors>[^\"“()]{2,200}?)\s*\((?P<year>\d{4})[a-z]?\)\.?\s*" + _QUOTED + r"\s*(?P<rest>.*)$"
)
APA = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>\d{4})[a-z]?(?:,[^)]*)?\)\.?\s*" + _QUOTED + r"\s*(?P<rest>.*)$"
)
INITIALS_FIRST = re.compile(r"^[A-Z][a-z]?\.[\s-]")
LEADING_AND = re.compile(r"^(?:and|&)\s+")
NAME_SEPARATOR = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|\s+and\s+|\s*&\s*|;|,)\s*")
ENDS_IN_INITIAL = re.compile(r"\b[A-Z]\.$")
LEADING_PARENTHETICAL = re.compile(r"^\s*\(([^()]{1,200})\)")
MONTH_OR_IN_AT_END = re.compile(
    r"[,\s]*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|\bin|\bis in)?[\s,]*$")
EDITION_AT_END = re.compile(r",?\s*\d+(?:st|nd|rd|th) edition.*$", re.IGNORECASE)
TRAILING_ALIAS = re.compile(r"^(?P<title>.+?)\s*\((?P<alias>[^()]{1,40})\)\s*$")


@dataclass(frozen=True)
class Citation:
    authors: tuple[str, ...]
    year: int | None
    title: str
    venue: str | None = None
    note: str = ""
    alias: str | None = None


def split_authors(text: str) -> tuple[str, ...]:
    """'Manning, Raghavan, and Schütze' -> 3 names; 'Hu et al.' -> ('Hu', 'et al.');
    APA lists ('Gu, A. & Dao, T.') keep each 'Surname, I.' together."""
    text = " ".join(text.split()).strip(" ,;")
    if not text:
        return ()
    et_al = bool(ET_AL.search(text))
    text = ET_AL.sub("", text).strip(" ,;")
    people = [f"{m.group('surname').strip(' &,')}, {m.group('initials').strip()}" for m in APA_PERSON.finditer(text)]
    initials_first = INITIALS_FIRST.match(text)
    if people and not initials_first and sum(len(p) for p in people) >= 0.6 * len(text):
        names = [LEADING_AND.sub("", p) for p in people]
    else:
        names = [n.strip() for n in NAME_SEPARATOR.split(text)]
    names = [n.rstrip(".") if not ENDS_IN_INITIAL.search(n) else n for n in names if n.strip(".")]
    return tuple(names) + (("et al.",) if et_al else ())


def parse_tail(text: str) -> tuple[tuple[str, ...], int | None, str]:
    """A parenthetical at the start of ``text`` naming authors/organisation and a year:
    '(Hu et al., 2021) rest' -> (('Hu', 'et al.'), 2021, 'rest'). Without a year, nothing."""
    m = LEADING_PARENTHETICAL.match(text)
    if not m:
        return (), None, text
    inner = m.group(1).strip()
    years = YEAR.findall(inner)
    if not years:
        return (), None, text
    year = int(years[-1])
    who = inner[: inner.rfind(years[-1])]
    who = MONTH_OR_IN_AT_END.sub("", who)
    who = EDITION_AT_END.sub("", who)
    return split_authors(who), year, text[m.end():].strip()


def split_alias(title: str) -> tuple[str, str | None]:
    """'Training Compute-Optimal LLMs (Chinchilla)' -> ('Training Compute-Optimal LLMs', 'Chinchilla')."""
    m = TRAILING_ALIAS.match(title.strip().rstrip("."))
    if m and not YEAR.fullmatch(m.group("alias").strip()):
        return m.group("title").strip(), m.group("alias").strip()
    return title.strip().rstrip("."), None


def _venue_and_note(rest: str) -> tuple[str | None, str]:
    note = ""
    parts = re.split(r"(?:^|\s+)(?:--|—|–)\s+", rest, maxsplit=1)
    if len(parts) == 2:
        rest, note = parts
    venue = rest.strip().strip("*_").strip(" .*_") or None
    return venue, note.strip()


def parse_citation(text: str) -> Citation | None:
    """An APA-like citation: 'Brown, T. B., ... (2020). "Title." *Venue*.'"""
    m = APA.match(" ".join(text.split()))
    if not m:
        return None
    venue, note = _venue_and_note(m.group("rest"))
    title, alias = split_alias(m.group("title"))
    return Citation(split_authors(m.group("authors")), int(m.group("year")), title, venue, note, alias)


def parse_bib_bullet(text: str) -> Citation | None:
    """A bibliography bullet: 'Kaplan et al. (2020). "Title." -- note'."""
    m = BIB_BULLET.match(" ".join(text.split()))
    if not m:
        return None
    venue, note = _venue_and_note(m.group("rest"))
    title, alias = split_alias(m.group("title"))
    return Citation(split_authors(m.group("authors")), int(m.group("year")), title, venue, note, alias)
