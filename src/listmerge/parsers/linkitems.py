"""What a list item with links says, for the line-based readers (org-mode, reStructuredText):
its title, its links, the other works it mentions and its note.

An item is a sequence of pieces, plain text or links. The title is the text of its first link
when that names something; when the links are only link words ("pdf", "code", "[[url][web]]"),
the title is the name written before them. Every link of the work (the named one and its
link-word siblings) goes into ``urls``, the work's own link first; other named links in the
note are works it mentions. Links that are no work (badges, anchors, licence...) are skipped
with the reason the shared ``LinkFilter`` gives. An author-and-year tail ("(Hu et al., 2021)",
", Mnih et al, 2013.") is read as citations are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cite import parse_tail
from .citeline import parse_byline
from .links import LinkFilter, is_image, is_link_word, is_url_text, supporting

#: What separates a name or title from its note: "Title - note", "Title: note", "Title — note".
LEADING_SEPARATOR = re.compile(r"^[\s\-–—:|,;.]+")
TRAILING_SEPARATOR = re.compile(r"[\s\-–—:|,;(\[]+$")
#: A name before the links: a few words, not a sentence.
MAX_NAME_WORDS = 20
SENTENCE = re.compile(r"[.!?]\s+[A-Z]")


@dataclass(frozen=True)
class Piece:
    """Plain text, or a link with its text (``image`` when the link shows an image, a badge)."""

    text: str
    url: str | None = None
    image: bool = False


@dataclass
class Item:
    title: str | None = None
    urls: tuple[str, ...] = ()
    annotation: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    mentions: list[Piece] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        return self.urls[0] if self.urls else None


def names_nothing(piece: Piece) -> bool:
    """A link whose text is a link word, its own URL or nothing: it names no title."""
    text = piece.text.strip()
    return not text or is_link_word(text) or is_url_text(text, piece.url or "")


def read_item(pieces: list[Piece], links: LinkFilter) -> Item:
    """The item ``pieces`` make (see the module's docstring)."""
    item = Item()
    kept: list[Piece] = []
    for piece in pieces:
        reason = links.reason(piece.url, piece.text, image_only=piece.image) if piece.url else None
        if reason:
            item.skipped.append((piece.url, reason))
        else:
            kept.append(piece)
    found = [i for i, p in enumerate(kept) if p.url]
    if not found:
        return item
    words = [i for i in found if names_nothing(kept[i])]
    named = [i for i in found if i not in words]
    name = _name(_text(kept[:found[0]]))
    start = 0
    if named and (named[0] == found[0] or not name):
        item.title, own = clean_title(kept[named[0]].text), [named[0]] + words
    elif name:
        item.title, own, start = name, words, found[0]
        item.title, item.authors, item.year = _name_and_tail(name)
    else:
        own = found
    item.urls = _ordered([kept[i] for i in own])
    item.mentions = [kept[i] for i in named if i not in own]
    _note(item, [p for i, p in enumerate(kept) if i >= start and i not in own])
    return item


#: Text that may join the names of several works at the head of an item: "[[A]] and [[B]] - note".
JOINER = re.compile(r"^\s*(?:,|&|/|\+|and|or|vs\.?)?\s*$", re.IGNORECASE)
NOTE_START = re.compile(r"^\s*(?:-|–|—|:)(?:\s|$)")


def read_items(pieces: list[Piece], links: LinkFilter) -> list[Item]:
    """The works an item names: one, or several when its head is only named links joined by
    "and", "," or "/" ("[[A]] and [[B]] - note"), each with the note after them."""
    head: list[Piece] = []
    for k, piece in enumerate(pieces):
        if piece.url or JOINER.match(piece.text):
            head.append(piece)
            continue
        if NOTE_START.match(piece.text) or not piece.text.strip():
            break
        return [read_item(pieces, links)]
    named = [p for p in head if p.url and not names_nothing(p)]
    if len(named) < 2 or any(p.url and names_nothing(p) for p in head):
        return [read_item(pieces, links)]
    note = pieces[len(head):]
    return [read_item([p] + note, links) for p in named]


def _ordered(pieces: list[Piece]) -> tuple[str, ...]:
    """The links of one work, its own first: code, slides, posts after the others."""
    own = [p.url for p in pieces if not supporting(p.text, p.url)]
    further = [p.url for p in pieces if supporting(p.text, p.url)]
    return tuple(dict.fromkeys(own + further))


def _note(item: Item, rest: list[Piece]) -> None:
    """The text after the title, with its author-and-year tail read off (unless the name
    before the links had one)."""
    text = LEADING_SEPARATOR.sub("", _text(rest))
    if item.year is not None:
        item.annotation = text.strip()
        return
    authors, year, after = parse_tail(text)
    if year is None:
        authors, year, after = parse_byline(text)
    item.authors, item.year = authors, year
    item.annotation = LEADING_SEPARATOR.sub("", after).strip() if year is not None else text.strip()


#: "VIME (Houthooft et al., 2016)": a name with its citation after it.
NAME_TAIL = re.compile(r"^(?P<name>.+?)\s*(?P<tail>\([^()]*\))\s*$")


def _name_and_tail(name: str) -> tuple[str, tuple[str, ...], int | None]:
    m = NAME_TAIL.match(name)
    if m:
        authors, year, _ = parse_tail(m["tail"])
        if year is not None:
            return clean_title(m["name"]) or name, authors, year
    return name, (), None


def _text(pieces: list[Piece]) -> str:
    return " ".join("".join(p.text for p in pieces).split())


def _name(lead: str) -> str | None:
    """The name written before an item's links, when it reads as one: "Spacemacs:", "**BERT**"."""
    name = TRAILING_SEPARATOR.sub("", LEADING_SEPARATOR.sub("", lead)).strip()
    if not name or not any(ch.isalnum() for ch in name):
        return None
    if len(name.split()) > MAX_NAME_WORDS or SENTENCE.search(name) or is_link_word(name):
        return None
    return clean_title(name)


def clean_title(text: str) -> str | None:
    title = " ".join(text.split()).strip(" .,;:")
    return title or None


def image_text(text: str) -> bool:
    """Link text that is an image URL (org's [[target][image.png]] is a picture link)."""
    stripped = text.strip()
    return bool(re.match(r"^(?:https?:)?//\S+$|^file:\S+$", stripped)) and is_image(stripped)
