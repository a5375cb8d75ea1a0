"""Reading one-line references as lists write them outside markdown: an author-and-year byline
after a title (", Mnih et al, 2013."), and whole references in the shapes DBLP and the ACM
Digital Library export and people copy ("Authors: Title. Venue Year: pages",
"Authors. Year. Title. In Proceedings of ...", "Title -- Authors. Title. Venue")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cite import ET_AL, YEAR, split_authors

#: Words a run of author names may hold besides names.
NAME_GLUE = frozenset({"and", "et", "al", "al.", "&", "van", "von", "der", "den", "de", "del", "da", "di", "le", "la",
                       "du", "dos", "y", "bin", "ibn", "mc"})
MAX_AUTHOR_WORDS = 60
BYLINE_REACH = 200


def looks_like_names(text: str) -> bool:
    """A run of author names: capitalised words (and "et al.", "and", particles), no sentence."""
    words = [w.strip(",;.") for w in text.replace("&", " & ").split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_AUTHOR_WORDS:
        return False
    names = [w for w in words if w.lower() not in NAME_GLUE]
    return bool(names) and all(not w[0].islower() and not w[0].isdigit() for w in names)


def parse_byline(text: str) -> tuple[tuple[str, ...], int | None, str]:
    """', Mnih et al, 2013. **Algorithm: DQN.**' -> (('Mnih', 'et al.'), 2013, '**Algorithm: DQN.**').
    The authors, the year after them, and what follows; "by Ada Lovelace." gives the authors
    alone; otherwise nothing."""
    m = YEAR.search(text, 0, BYLINE_REACH)
    if not m:
        return _by_names(text)
    who = re.sub(r"^\s*[,;:\-–—]?\s*(?:by\s+)?", "", text[:m.start()]).rstrip(" ,;(")
    if not looks_like_names(who):
        return (), None, text
    rest = re.sub(r"^[a-z]?\)?[\s.,;:]*", "", text[m.end():])
    return split_authors(who), int(m.group(1)), rest.strip()


def read_byline(text: str) -> tuple[tuple[str, ...], int | None, str | None] | None:
    """A line under a title that gives its authors, venue and year ("Vaswani et al., NeurIPS
    2017", "Ada Lovelace, Alan Turing. ICE 1950", "NeurIPS 2017"): (authors, year, venue), or
    None when the line reads as more of the title."""
    text = " ".join(text.split()).strip(" .")
    segments = [seg.strip() for seg in re.split(r",\s*|(?<!\b[A-Z])(?<!\bet al)\.\s+|;\s*", text) if seg.strip()]
    people = []
    for seg in segments:
        if re.search(r"\d", seg) or not looks_like_names(seg) or not (len(seg.split()) > 1 or ET_AL.search(seg)):
            break
        people.append(seg)
    years = YEAR.findall(text)
    if not years and not people:
        return None
    rest = segments[len(people):]
    dated = next((seg for seg in rest if years and years[-1] in seg), rest[0] if rest else "")
    venue = clean_venue(dated.replace(years[-1], "") if years else dated)
    if not years and (len(people) < len(segments) or len(people) < 2 and not ET_AL.search(text)):
        return None  # a line of capitalised words without a year may be the title's second line
    return split_authors(", ".join(people)), int(years[-1]) if years else None, venue


def clean_venue(text: str) -> str | None:
    venue = re.sub(r"\(\s*\)|\s+", " ", text).strip(" ,.;:()'")
    return venue or None


#: "by Carey Rappaport." after a title: its authors, without a year.
BY_NAMES = re.compile(r"^\s*+[,;:\-–—]?\s*+by\s+(?P<who>[^.,;()]+?(?:\s+et\s+al\.?)?)\s*(?:[.;]\s*|,\s*|$)(?P<rest>.*)$",
                      re.IGNORECASE)


def _by_names(text: str) -> tuple[tuple[str, ...], int | None, str]:
    m = BY_NAMES.match(text)
    if m and looks_like_names(m["who"]):
        return split_authors(m["who"]), None, m["rest"].strip()
    return (), None, text


@dataclass(frozen=True)
class Reference:
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    alias: str | None = None


#: "Authors: Title. Venue Year: pages" (DBLP). The title ends at the first ". " or "? " that
#: is not inside an initial.
DBLP = re.compile(r"^(?P<authors>[^:]{3,400}?):\s+(?P<rest>.+)$")
#: "Authors. Year. Title. Venue" (ACM): the year alone between full stops.
ACM = re.compile(r"^(?P<authors>.{3,600}?)\.\s+(?P<year>(?:19|20)\d\d)\.\s+(?P<rest>.+)$")
#: "Short -- Authors. Title. Venue": a short name before the reference.
LEAD_ALIAS = re.compile(r"^(?P<alias>[^\s].{0,40}?)\s+(?:--|—|–)\s+(?P<rest>.+)$")
#: "Authors (Month Year) - "Title". Venue"
PAREN_YEAR = re.compile(r"^(?P<authors>.{3,400}?)\s*\((?:[A-Za-z]+\.?\s+)?(?P<year>(?:19|20)\d\d)\)\s*[-–—:,.]?\s*"
                        r"[\"“](?P<title>.+?)[\"”]\.?\s*(?P<rest>.*)$")
#: Where a title ends: a full stop, question or exclamation mark before a space, not after an
#: initial ("J. Smith") or inside a number.
TITLE_END = re.compile(r"(?<!\b[A-Z])(?<!\bvs)(?<!\bet al)[.?!](?=\s+\S|$)")
QUOTED = re.compile(r"^[\"“](?P<title>.+?)[\"”]\.?\s*(?P<rest>.*)$")


def parse_reference(text: str) -> Reference | None:
    """A whole reference on one line, in one of the shapes above; None when the line is none
    of them (a bare title, a sentence)."""
    text = " ".join(text.split())
    alias = None
    m = LEAD_ALIAS.match(text)
    if m and len(m["alias"].split()) <= 4:
        found = _reference(m["rest"])
        if found is not None:
            return Reference(found.title, found.authors, found.year, found.venue, m["alias"].strip())
    return _reference(text)


def _reference(text: str) -> Reference | None:
    for shape in (_paren_year, _acm, _dblp, _names_then_title):
        found = shape(text)
        if found is not None and found.title and any(ch.isalpha() for ch in found.title):
            return found
    return None


def _paren_year(text: str) -> Reference | None:
    m = PAREN_YEAR.match(text)
    if not m or not looks_like_names(_people_text(m["authors"])):
        return None
    return Reference(m["title"].strip(" ."), people_of(_people_text(m["authors"])), int(m["year"]),
                     _venue(m["rest"]))


def _acm(text: str) -> Reference | None:
    m = ACM.match(text)
    if not m or not looks_like_names(m["authors"]):
        return None
    title, rest = _title_and_rest(m["rest"])
    return Reference(title, people_of(m["authors"]), int(m["year"]), _venue(rest))


def _dblp(text: str) -> Reference | None:
    """'Authors: Title. Venue Year: pages'. The authors are people (each of two words or more,
    no sentence break among them) and a venue with a year follows the title; a one-word last
    "author" is the title's head ("..., Zhao, Deuteronomy: Transaction Support ...")."""
    m = DBLP.match(text)
    if not m or not looks_like_names(m["authors"]) or TITLE_END.search(m["authors"]):
        return None
    people = [p.strip() for p in re.split(r",|\band\b|&", m["authors"]) if p.strip()]
    head = ""
    if len(people) > 1 and len(people[-1].split()) == 1 and all(len(p.split()) > 1 for p in people[:-1]):
        head, people = people[-1] + ": ", people[:-1]
    if not people or any(len(p.split()) < 2 for p in people):
        return None
    title, rest = _title_and_rest(re.sub(r",\s+(?=[Ii]n\s+[A-Z])", ". ", m["rest"], count=1))
    years = YEAR.findall(rest)
    if not years or not rest:
        return None
    return Reference(head + title, people_of(", ".join(people)), int(years[-1]), _venue(rest))


def _names_then_title(text: str) -> Reference | None:
    """'Authors. Title. Venue Year.': names (at least two, or one with initials) up to the first
    full stop, the title up to the next."""
    head = TITLE_END.search(text)
    if not head or head.group(0) != ".":
        return None
    authors = text[:head.start()]
    if not looks_like_names(authors) or not ("," in authors or " and " in authors):
        return None
    title, rest = _title_and_rest(text[head.end():].strip())
    if not rest:
        return None
    years = YEAR.findall(rest)
    return Reference(title, people_of(authors), int(years[-1]) if years else None, _venue(rest))


def _title_and_rest(text: str) -> tuple[str, str]:
    quoted = QUOTED.match(text)
    if quoted:
        return quoted["title"].strip(" ."), quoted["rest"]
    end = TITLE_END.search(text)
    if not end:
        return text.strip(" ."), ""
    mark = end.group(0) if end.group(0) in "?!" else ""
    return text[:end.start()].strip() + mark, text[end.end():].strip()


def _people_text(text: str) -> str:
    return re.sub(r"\s*[-–—]\s*$", "", text).strip(" ,")


def people_of(text: str) -> tuple[str, ...]:
    """Authors of a reference: "Family, Given and Family, Given" keeps each person whole;
    otherwise as ``split_authors`` reads them."""
    pieces = [p for p in re.split(r"\s+and\s+|\s*&\s*", text.strip(" ,")) if p.strip()]
    if len(pieces) > 1 and all(p.count(",") == 1 for p in pieces):
        return tuple(p.strip(" ,") for p in pieces)
    return split_authors(text)


#: What ends a venue: a DOI, a link, the editors, or the year and pages at the end.
VENUE_END = re.compile(r"(?<!\s)\s*(?:\bDOI\s*[=:]|https?://|,[^,]{0,120}\(Eds?\.\)).*$|"
                       r"(?<![\s,:(])[\s,:(]*\b(?:19|20)\d\d\b\)?(?:\s*:\s*[\d\-–]+)?[.\s]*$|"
                       r"(?<![\s,.:])[\s,.:]*(?:pp\.?\s*)?(?<!\d)\d++\s*+[-–]+\s*+\d++[.\s]*+$")
MAX_VENUE = 200


def _venue(rest: str) -> str | None:
    """The venue: the rest of the reference without its DOI, editors, year and pages."""
    venue = re.sub(r"^[Ii]n\s+", "", rest.strip())
    for _ in range(3):
        venue = VENUE_END.sub("", venue).strip(" .,:;")
    return venue[:MAX_VENUE] or None
