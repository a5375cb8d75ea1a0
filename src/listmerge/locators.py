"""Page and volume locators, read strictly: only a value read with certainty ("pp. 322-331.",
"S149", "1676-87") may keep two entries apart or join them; "392401" (a range that lost its
dash) or a range in the volume field reads as nothing."""
from __future__ import annotations

import re
from functools import lru_cache

#: A page locator as citations write it: "pp. 322-331.", "pages 24-37,", "S149", "e8-e12",
#: "1676-87", "12A-14A", "215 p", "CD001234". A first page of six digits or more needs series
#: letters (an e-locator): without them it is a range that lost its dash ("392401").
_PAGES = re.compile(
    r"^\s*+(?:pp?\.?|pages?|pgs?\.?)?\s*+(?:(?P<series>[^\W\d_]{1,3})\s?(?P<long>\d{1,8})|(?P<first>\d{1,5}))[^\W\d_]{0,2}"
    r"(?:\s*+(?:-{1,2}|\u2013|\u2014)\s*+[^\W\d_]{0,3}(?P<last>\d{1,6})[^\W\d_]{0,2})?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL)
#: A volume: "361", "vol. 12", "12 Suppl 3", "27(3)", "S1"; not a page range or a date.
_VOLUME = re.compile(r"^\s*(?:vol(?:ume)?\.?\s*)?[^\W\d_]?(?P<number>\d{1,5})(?P<rest>[^\w-].*)?$",
                     re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=65536)
def read_pages(pages: str | None) -> tuple[str, str, str | None] | None:
    """(series, first page, last page as written) of a well-formed locator, else None: only a
    value read with certainty may keep two entries apart or join them."""
    m = _PAGES.match(pages or "")
    if not m or (m.group("rest") and m.group("rest")[0].isalnum()):
        return None
    return (m.group("series") or "").lower(), str(int(m.group("first") or m.group("long"))), m.group("last")


def first_page(pages: str | None) -> str | None:
    read = read_pages(pages)
    return read[1] if read else None


def volume_number(volume: str | None) -> str | None:
    """The number of a well-formed volume ("S149" -> "149", "27(3)" -> "27"), or None: a page
    range or a date in the volume field is no volume."""
    m = _VOLUME.match(volume or "")
    return str(int(m.group("number"))) if m else None


def page_series(pages: str | None) -> str:
    """The letters a first page is numbered with ("e8" online, "S42" supplement; "" in print):
    pages of different series can't be put in order."""
    read = read_pages(pages)
    return read[0] if read else ""


def last_page(pages: str | None) -> str | None:
    """The last page of a range ("2097-2108", "c37-c42", "pp. 322-331."), written out when MEDLINE
    abbreviates it ("544-6" is 544-546); None for a single page, an abbreviation that would end
    before it starts ("102-1"), or anything that is not a well-formed range."""
    read = read_pages(pages)
    if not read or not read[2]:
        return None
    first, last = read[1], read[2].lstrip("0") or "0"
    if len(last) < len(first):  # abbreviated: written out, it must come after the first page
        last = first[: len(first) - len(last)] + last
        if int(last) <= int(first):
            return None
    return None if int(last) == int(first) else str(int(last))  # "2297-2108": the first page was mistyped


@lru_cache(maxsize=65536)
def locator(volume: str | None, pages: str | None) -> dict:
    """The Record fields of a volume and pages, read strictly."""
    return dict(volume=volume_number(volume), first_page=first_page(pages), last_page=last_page(pages),
                page_series=page_series(pages))
