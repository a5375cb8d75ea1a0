"""Reading the bibliographic bits curators write by hand: "(Hu et al., 2021)" tails, APA-like
citations and "Kaplan et al. (2020). "Title." -- note" bullets."""
from __future__ import annotations

import re
from dataclasses import dataclass

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
#: Patterns that search long text start no match inside a run of spaces (``(?<!\s)``) and take
#: the run whole (``\s*+``): the same matches, in linear time (tests/test_regex_linear.py).
ET_AL = re.compile(r"(?<!\s)\s*+,?\s*+\bet\.?\s*+al\.?", re.IGNORECASE)
_QUOTED = r"[\"“](?P<title>.+?)[\"”]"
#: "Surname, I. J." people in APA author lists.
#: A surname starts a word and is not itself an initial ("J. Widom, S. Babu" is two people
#: written initials first, not "J. Widom" with initials "S.").
APA_PERSON = re.compile(r"(?<![\w.])(?P<surname>(?![A-Z][a-z]?\.)[^\s,&.][^,&]{0,100}?),\s*"
                        r"(?P<initials>(?:[A-Z][a-z]?\.(?:[\s-]*[A-Z][a-z]?\.)*))")
BIB_BULLET = re.compile(
    r"^(?P<authors>[^\"“()]{2,200}?)\s*\((?P<year>\d{4})[a-z]?\)\.?\s*" + _QUOTED + r"\s*(?P<rest>.*)$"
)
APA = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>\d{4})[a-z]?(?:,[^)]*)?\)\.?\s*" + _QUOTED + r"\s*(?P<rest>.*)$"
)
INITIALS_FIRST = re.compile(r"^[A-Z][a-z]?\.[\s-]")
LEADING_AND = re.compile(r"^(?:and|&)\s+")
NAME_SEPARATOR = re.compile(r"(?<!\s)\s++(?:,\s*+and\s++|,\s*+&\s*+|&\s*+|;|,|and\s++)\s*+"
                            r"|(?:,\s*+and\s++|,\s*+&\s*+|&\s*+|;|,)\s*+")
ENDS_IN_INITIAL = re.compile(r"\b[A-Z]\.$")
LEADING_PARENTHETICAL = re.compile(r"^\s*\(([^()]{1,200})\)")
MONTH_OR_IN_AT_END = re.compile(
    r"(?<![,\s])[,\s]*+(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|\bin|\bis in)?[\s,]*$")
EDITION_AT_END = re.compile(r"(?:,\s*+|(?<!\s)\s++|)(?<!\d)\d++(?:st|nd|rd|th) edition.*$", re.IGNORECASE)
TRAILING_ALIAS = re.compile(r"^(?P<title>.+?)(?<!\s)\s*+\((?P<alias>[^()]{1,40})\)\s*$")


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


#: A citation's number label at the start of an item: "[12]", "**[0]**", "1)", "(3)", "12.".
NUMBER_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?:\[\d{1,4}\]|\(\d{1,4}\)|\d{1,4}[.)])(?:\*\*|__)?\s*")
NAME_PARTICLES = frozenset("van von de der den da di du del della la le dos das ten ter bin al el y".split())
NAME_WORD = re.compile(r"^(?:[A-Z][a-z]?\.(?:-?[A-Z][a-z]?\.)*|[A-Z\u00c0-\u024f][\w'’\-\u00c0-\u024f]*\.?|[A-Z]{2,4})$")
CHUNK_END = re.compile(r"(?<!\b[A-Z])(?<!\bal)\.\s+|(?<!\s)\s++(?:-|–|—|\|)\s+|;\s+")
MAX_NAME_WORDS = 5
MAX_VENUE_WORDS = 12


@dataclass(frozen=True)
class Around:
    """What a citation says around a work's title: its authors, year, venue, and what is left."""

    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    note: str = ""


def looks_like_names(text: str, emphasised: bool = False) -> bool:
    """'G. Hinton et al.', 'D. Kingma and J. Ba', 'Hinton, Geoffrey E., Simon Osindero, and
    Yee-Whye Teh': people, not a phrase. A lone capitalised phrase ("Deep Learning Book") counts
    only when the list set it apart as names (in italics)."""
    text = " ".join(text.split()).strip(" ,;:.")
    if not text or len(text) > 600 or any(ch.isdigit() for ch in text):
        return False
    et_al = bool(ET_AL.search(text))
    parts = [p for p in NAME_SEPARATOR.split(ET_AL.sub("", text)) if p.strip(" .")]
    if not parts:
        return et_al
    for part in parts:
        words = [w for w in part.split() if w.lower() not in NAME_PARTICLES]
        if not 1 <= len(words) <= MAX_NAME_WORDS or not all(NAME_WORD.match(w) for w in words):
            return False
    initials = any(re.search(r"\b[A-Z]\.", p) for p in parts)
    return et_al or len(parts) >= 2 or initials or emphasised


def _next_chunk(text: str) -> tuple[str, str]:
    """The text up to the first sentence or clause break, and the text after it."""
    m = CHUNK_END.search(text)
    if m is None:
        return text.strip(" ,;:"), ""
    return text[:m.start()].strip(" ,;:"), text[m.end():]


def _inverted_first(names: tuple[str, ...]) -> tuple[str, ...]:
    """'Hinton, Geoffrey E., Simon Osindero' lists the first author surname first: one person."""
    if len(names) >= 3 and " " not in names[0] and re.fullmatch(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*(?: [A-Z]\.)*", names[1]) \
            and all(" " in n for n in names[2:] if n != "et al."):
        return (f"{names[1]} {names[0]}",) + names[2:]
    return names


def _venue(chunk: str, then: str) -> str | None:
    """'NAACL 2018' -> 'NAACL'; 'Neural computation 18.7 (2006): 1527-1554' -> 'Neural computation';
    a chunk without a year is a venue when a year follows it alone ('Proceedings of CVPR. 2015.')."""
    has_year = bool(YEAR.search(chunk)) or bool(YEAR.fullmatch(then.strip(" .,;:()")[:4] or "x"))
    words = re.split(r"[\d(]", chunk, maxsplit=1)[0].strip(" ,.:;'’-")
    if has_year and words and len(words.split()) <= MAX_VENUE_WORDS and words[0].isupper():
        return words
    return None


def read_around(before: str, after: str, emphasised: str = "", known_authors: bool = False) -> Around:
    """Authors, year and venue written around a title, as curators write citations:
    'Hinton, G. E., and R. Salakhutdinov. "Title." Science 313.5786 (2006): 504-507.',
    '**Title** (2015), G. Hinton et al.', '**Title**. *Peters, Neumann*. NAACL 2018.'
    ``before`` is the text before the title, ``after`` the text after it (links removed);
    ``emphasised`` is text the list set in italics (names, when it reads as names)."""
    emphasised = " ".join(emphasised.split()).strip(" ,.;:")
    authors: tuple[str, ...] = ()
    head = " ".join(before.split()).strip(" ,.;:-–—\"“”")
    if head and (known_authors or looks_like_names(head, head == emphasised)):
        authors = _inverted_first(split_authors(head))
    rest = " ".join(after.split())
    if emphasised and emphasised in rest:
        rest = rest.replace(emphasised, f" | {emphasised} | ", 1)
    rest = rest.lstrip(" ,.;:|-–—\"“”")
    who, year, rest = parse_tail(rest)
    authors = authors or who
    rest = rest.lstrip(" ,.;:|-–—")
    chunk, then = _next_chunk(rest)
    if not authors and chunk and looks_like_names(chunk, chunk == emphasised):
        authors = _inverted_first(split_authors(chunk))
        rest = then.lstrip(" ,.;:|-–—")
        chunk, then = _next_chunk(rest)
    venue = _venue(chunk, then) if chunk else None
    if venue:
        found = YEAR.search(chunk) or YEAR.search(then[:12])
        year = year or (int(found.group(1)) if found else None)
        rest = then.lstrip(" ,.;:|-–—")
        if YEAR.fullmatch(rest.strip(" .,;:()")[:4] or "x") and len(rest.strip(" .,;:()")) == 4:
            rest = ""
    if year is None:
        found = YEAR.search(after)
        year = int(found.group(1)) if found else None
    return Around(authors, year, venue, rest.replace(" | ", " ").strip(" |"))


PERSON_WORD = re.compile(r"^(?:[A-Z][a-z]?\.(?:-?[A-Z][a-z]?\.)*|[A-Z]{1,3}|[A-Z\u00c0-\u00de][\w'’\-\u00c0-\u024f]*\.?)$")
DBLP_STYLE = re.compile(r"^(?P<authors>[^:\"“]{3,400}?):\s+(?P<title>[^\"“]{6,}?[.?!])(?:\s+(?P<rest>.*))?$")
VENUE_PART = re.compile(r"\b(?:19|20)\d\d\b|^(?:arxiv|in |proc|proceedings|journal|trans|ieee|acm)|^[A-Z]{2,}+[\w'-]*+(?: \d+)?$",
                        re.IGNORECASE)


def is_person(text: str) -> bool:
    """'Seunghoon Hong', 'N Wang', 'Yi Li and Fatih Porikli': one or two people by name."""
    people = [p for p in re.split(r"\s+(?:and|&)\s+", text.strip()) if p]
    for person in people:
        words = [w for w in person.split() if w.lower() not in NAME_PARTICLES]
        if not 2 <= len(words) <= 4 or not all(PERSON_WORD.match(w) for w in words):
            return False
    return bool(people)


def split_plain_citation(text: str) -> tuple[str, str, str] | None:
    """The authors, title and the rest of an unquoted citation: 'Michael Stonebraker, Greg
    Kemnitz: The Postgres Next Generation DBMS. CACM 34(10) (1991)' or 'Hanxi Li, Yi Li and
    Fatih Porikli, DeepTrack: Learning Discriminative Features, BMVC, 2014.' None when the
    text does not start with people's names."""
    text = " ".join(text.split())
    m = DBLP_STYLE.match(text)
    if m and all(is_person(p) for p in NAME_SEPARATOR.split(ET_AL.sub("", m["authors"])) if p.strip()) \
            and len(m["title"].split()) >= 2:
        return m["authors"], m["title"].rstrip("."), m["rest"] or ""
    parts = [p.strip() for p in text.split(",")]
    i = 0
    while i < len(parts) - 1 and is_person(parts[i]):
        i += 1
    if i == 0:
        return None
    j = i
    while j < len(parts) and not (j > i and VENUE_PART.search(parts[j])) and parts[j]:
        j += 1
    if j == i or (j == i + 1 and VENUE_PART.search(parts[i]) and i >= 2):
        i, j = i - 1, i  # the title looked like a name: it is the last "name" before the venue
    title = ", ".join(parts[i:j]).strip(" .")
    if len(title.split()) < 2 or not i:
        return None
    return ", ".join(parts[:i]), title, ", ".join(parts[j:])
