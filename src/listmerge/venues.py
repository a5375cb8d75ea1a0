"""Venues compared as names: "VLDB" and "Very Large Data Bases", "acm trans. database syst."
and "ACM Transactions on Database Systems" name one venue; the VLDB Journal is not the VLDB
conference."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .identify import normalise_title

if TYPE_CHECKING:
    from .records import Record

_PREPRINT = re.compile(r"arxiv|corr\b|rxiv|preprint|ssrn|openreview|working paper|technical report", re.IGNORECASE)


def published_venue(venue: str | None) -> str | None:
    """The normalised venue, or None when unknown or a preprint server."""
    if not venue or _PREPRINT.search(venue):
        return None
    return normalise_title(venue) or None


#: Words a venue's name is written with that do not tell venues apart ("Proc. of the 21st Int.
#: Conf. on ..."): dropped before two venues are compared as names.
VENUE_FILLER = frozenset({
    "proc", "proceedings", "of", "the", "on", "in", "and", "for", "int", "intl", "international", "conf",
    "conference", "annual", "acm", "ieee", "symp", "meeting", "th", "st", "nd", "rd", "hellip", "amp",
    "pages", "pp", "vol", "volume", "no", "ed", "eds", "editors", "a", "an", "to", "at", "s",
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
    "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
    "december",
})
#: Words that make a venue a serial (a journal, transactions, a record) rather than a meeting.
SERIAL_WORDS = frozenset({
    "journal", "j", "jour", "trans", "transactions", "record", "rec", "letters", "lett", "magazine",
    "mag", "review", "rev", "bulletin", "bull", "quarterly", "newsletter", "annals",
})


@lru_cache(maxsize=65536)
def venue_words(venue: str | None) -> frozenset[str]:
    """The words that name a (normalised) venue, without filler, numbers and ordinals."""
    return frozenset(w for w in (venue or "").split() if w not in VENUE_FILLER and not w[0].isdigit())


def is_serial(venue: str | None) -> bool:
    return bool(venue_words(venue) & SERIAL_WORDS)


def venues_agree(a: "Record", b: "Record") -> bool:
    """Two venues written as names of one venue: the same words give or take abbreviations
    ("acm trans. database syst." / "ACM Transactions on Database Systems") and filler ("Proc. of
    the 21st Int. Conf. on"), or one the acronym of the other ("VLDB" / "Very Large Data Bases");
    both serials or both not (the VLDB Journal is not the VLDB conference)."""
    wa, wb = a.venue_words - SERIAL_WORDS, b.venue_words - SERIAL_WORDS
    if not (wa and wb) or a.serial != b.serial:
        return False
    short, long = sorted((wa, wb), key=lambda w: (len(w), sorted(w)))
    if all(any(y == x or y.startswith(x) for y in long) for x in short):
        return True
    return _acronym_of(a, b) or _acronym_of(b, a)


def _acronym_of(a: "Record", b: "Record") -> bool:
    """A venue written as one word that spells the initials of the other ("vldb")."""
    words = [w for w in (b.venue or "").split() if w not in VENUE_FILLER and w not in SERIAL_WORDS
             and not w[0].isdigit()]
    return len(words) > 1 and any(w == "".join(x[0] for x in words) for w in a.venue_words)


@lru_cache(maxsize=65536)
def venue_keys(venue: str | None) -> dict:
    """The Record fields of a venue, worked out once for each venue the inputs write."""
    published = published_venue(venue)
    return dict(venue=published, venue_words=venue_words(published), serial=is_serial(published),
                venue_tokens=frozenset(normalise_title(venue or "").split()))
