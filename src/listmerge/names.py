"""People's names, read one way for every use: the surname the matcher compares, a byline shows
and a BibTeX key starts with. A suffix ("Jr.", "III", "PhD") is no surname, a particle ("van
der", "de la") goes with the surname but is not compared, and a hyphenated surname
("Berners-Lee") is one name. Which words are suffixes and particles is nameparser's knowledge
(its tables; its parser is too slow to run on every author of a large merge)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from nameparser.config import CONSTANTS

SUFFIXES = frozenset(CONSTANTS.suffix_acronyms) | frozenset(CONSTANTS.suffix_not_acronyms)
PARTICLES = frozenset(p for p in CONSTANTS.prefixes if not p.endswith("-"))


@dataclass(frozen=True)
class PersonName:
    """A name in parts: "Martin Luther King Jr." is given "Martin Luther", surname "King",
    suffix "Jr."; "Johannes van der Waals" has the particle "van der"."""

    given: str
    particle: str
    surname: str
    suffix: str

    @property
    def full_surname(self) -> str:
        """The surname with its particle, as written in a byline ("van der Waals")."""
        return f"{self.particle} {self.surname}".strip()


def _is_suffix(word: str) -> bool:
    return word.strip(" .,").lower().replace(".", "") in SUFFIXES


@lru_cache(maxsize=262144)
def split_name(text: str) -> PersonName:
    """``text`` ("Given Surname", "Surname, Given", "Surname, Jr., Given", "Given Surname, Jr.")
    in parts. A lone word ("OpenAI", "Plato") is a surname."""
    text = " ".join(text.split()).strip(" ,;")
    if "," in text:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        suffix = " ".join(p for p in parts[1:] if _is_suffix(p))
        rest = [p for p in parts if not _is_suffix(p)] if len(parts) > 1 else parts
        if len(rest) >= 2:  # "King, Martin Luther", "van der Waals, Johannes"
            words = rest[0].split()
            k = 0
            while k < len(words) - 1 and words[k].lower() in PARTICLES:
                k += 1
            return PersonName(" ".join(rest[1:]), " ".join(words[:k]), " ".join(words[k:]), suffix)
        if rest:  # "Martin Luther King, Jr."
            found = _split_words(rest[0].split())
            return PersonName(found.given, found.particle, found.surname, suffix or found.suffix)
    return _split_words(text.split())


def _split_words(words: list[str]) -> PersonName:
    suffix = []
    while len(words) > 1 and _is_suffix(words[-1]):
        suffix.insert(0, words.pop())
    if not words:
        return PersonName("", "", "", " ".join(suffix))
    surname = words[-1]
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in PARTICLES:  # the first word is a given name ("Van Morrison")
        k -= 1
    return PersonName(" ".join(words[:k]), " ".join(words[k:-1]), surname, " ".join(suffix))


def surname(text: str) -> str:
    """The surname without particle or suffix: "King" for "Martin Luther King Jr.",
    "Berners-Lee", "Waals" for "Johannes van der Waals" and "van der Waals, Johannes"."""
    return split_name(text).surname
