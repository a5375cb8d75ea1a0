"""Authors as the matcher compares them: names folded (accents off, a letter lost to an encoding
kept as a wildcard), surnames and name tokens, the initial of each given name, and whether the
authors are people at all (an organisation is not)."""
from __future__ import annotations

import re
from functools import lru_cache

from .identify import without_accents
from .names import split_name

ET_AL = frozenset({"et al", "et al.", "others", "and others"})


#: A letter an encoding lost, written "?" or U+FFFD inside a name ("G?ntzer" for "Güntzer").
_LOST_LETTER = re.compile(r"(?<=\w)[?\ufffd]|[?\ufffd](?=\w)")
#: A Greek or Cyrillic letter inside a name written in Latin letters: an accented letter an
#: encoding turned into another ("Kießling" as "kieпling", "Zaït" as "zaяt"), a lost letter too.
_OTHER_SCRIPT = re.compile(r"(?<=[A-Za-z])[\u0370-\u04ff]|[\u0370-\u04ff](?=[A-Za-z])")
#: What stands for a lost letter in a folded name: a word character no name is written with.
LOST = "\u0294"
#: Letters NFKD does not take apart.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"})


@lru_cache(maxsize=262144)
def _fold(name: str) -> str:
    """A name folded for comparison: accents off, and a letter lost to an encoding kept as one
    wildcard (``LOST``), so "G?ntzer" stays one surname that can still be compared."""
    text = without_accents(_OTHER_SCRIPT.sub(LOST, _LOST_LETTER.sub(LOST, name)).translate(_UNDECOMPOSED)).casefold()
    return re.sub(r"[^\w\s,]", " ", text)


#: Words that end the name of an organisation ("Alexion Pharmaceuticals, Inc", "Stanford
#: University"): its comma is no "Surname, Given", and it is nobody's surname.
ORGANISATION_WORDS = frozenset({
    "inc", "ltd", "llc", "plc", "gmbh", "corp", "corporation", "company", "co", "pharmaceutical",
    "pharmaceuticals", "university", "universite", "universita", "institute", "institut", "foundation",
    "group", "association", "consortium", "laboratory", "laboratories", "lab", "labs", "committee",
    "society", "department", "dept", "agency", "organisation", "organization", "council", "team",
})


def is_organisation(folded: str) -> bool:
    words = folded.replace(",", " ").split()
    return bool(words) and (words[-1] in ORGANISATION_WORDS or words[0] == "the")


@lru_cache(maxsize=65536)
def author_keys(authors: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], bool, tuple[tuple[str, str], ...]]:
    """(surnames, all name tokens, personal, people). Authors are "personal" when at least one is
    clearly a person ("Hu, E. J.", "Edward Hu", "Hu et al."), not a lone organisation such as
    "OpenAI". ``people`` holds (first letter of the given names, surname) of each author who has
    a given name: "Hu, E. J." and "Edward Hu" are ("e", "hu")."""
    surnames: set[str] = set()
    tokens: set[str] = set()
    people: list[tuple[str, str]] = []
    names = [a for a in authors if a.strip().lower() not in ET_AL]
    personal = len(names) < len(authors)
    for name in names:
        folded = _fold(name)
        if is_organisation(folded):  # named by its first word, and no person
            words = [w for w in folded.replace(",", " ").split() if len(w) > 1][:1]
            surnames.update(words)
            tokens.update(words)
            continue
        parts = split_name(name)  # "Martin Luther King Jr." -> King; "Tim Berners-Lee" -> Berners-Lee
        personal = personal or "," in folded or bool(parts.given)
        surname = "-".join(" ".join(_fold(piece).split()) for piece in parts.surname.split("-")).split()
        words = [w for w in surname if len(w.strip("-")) > 1]
        surnames.update(words[-1:])
        tokens.update(w for w in folded.replace(",", " ").split() if len(w) > 1)
        tokens.update(words[-1:])
        given = _fold(parts.given).strip()
        if words and given and given[0].isalpha():
            people.append((given[0], words[-1]))
    return frozenset(surnames), frozenset(tokens), personal and bool(surnames), tuple(people)
