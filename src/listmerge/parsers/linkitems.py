"""What a list item with links says, for the line-based readers (org-mode, reStructuredText):
its title, its links, the other works it mentions and its note; and ``ItemReader``, which turns
such items (and the links of prose) into entries for those readers.

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

from .base import ListBuilder
from .cite import parse_tail, split_authors
from .citeline import looks_like_names, parse_byline
from .links import LinkFilter, is_image, is_link_word, is_url_text, supporting

#: What separates a name or title from its note: "Title - note", "Title: note", "Title — note".
LEADING_SEPARATOR = re.compile(r"^[\s\-–—:|,;.]+")
TRAILING_SEPARATOR = re.compile(r"(?<![\s\-–—:|,;(\[])[\s\-–—:|,;(\[]+$")
#: Where a table row's cells meet ("Title | Authors | 2017"): read as a comma.
CELL_BREAK = re.compile(r"(?:(?<!\s)\s+)?\|\s*")
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
        item.title, item.authors, item.year = split_cited_title(item.title)
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
JOINER = re.compile(r"^\s*+(?:,|&|/|\+|and|or|vs\.?)?\s*$", re.IGNORECASE)
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
    text = LEADING_SEPARATOR.sub("", CELL_BREAK.sub(", ", _text(rest)).strip(" ,"))
    if item.year is not None:
        item.annotation = text.strip()
        return
    authors, year, after = parse_tail(text)
    if year is None:
        authors, year, after = parse_byline(text)
    item.authors, item.year = authors, year
    item.annotation = LEADING_SEPARATOR.sub("", after).strip() if year is not None or authors else text.strip()


#: "Hinton et al. 2015: Distilling the Knowledge in a Neural Network": a link text that cites.
CITED_TITLE = re.compile(r"^(?P<who>[^:()]{2,80}?)[,\s]+\(?(?P<year>(?:19|20)\d\d)[a-z]?\)?\s*[:.]\s+(?P<title>\S.*)$")


#: Authors written as authors ("Hu et al.", "Ho and Ermon", "Ho, Jain"), not a product and a year.
SEVERAL_PEOPLE = re.compile(r"\bet\.? al\b|\band\b|&|,")


def split_cited_title(title: str | None) -> tuple[str | None, tuple[str, ...], int | None]:
    """A title that starts with its authors and year ("Hinton et al. 2015: Distilling ..."):
    the title alone, the authors, the year. One name and a year ("Windows 2000: ...") is left."""
    m = CITED_TITLE.match(title or "")
    if m and looks_like_names(m["who"]) and SEVERAL_PEOPLE.search(m["who"]):
        return clean_title(m["title"]), split_authors(m["who"]), int(m["year"])
    return title, (), None


#: "VIME (Houthooft et al., 2016)": a name with its citation after it.
NAME_TAIL = re.compile(r"^(?P<name>[^\S\n]|.+?(?<!\s))\s*+(?P<tail>\([^()]*\))\s*$")


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


# --- turning items into entries -----------------------------------------------------------------

@dataclass
class Node:
    """A list item of a line-based format: its first and last line, its text (continuation
    lines joined), its body paragraphs and its sub-items."""

    line: int
    end_line: int
    text: str
    notes: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def flat(self) -> str:
        """Its text, notes and sub-items' text, in order (without recursion: items nest deep)."""
        parts: list[str] = []
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            parts += [node.text] + node.notes
            stack.extend(reversed(node.children))
        return " ".join(parts)


class ItemReader:
    """What the line-based readers share: items to entries (a sub-item with links is an entry of
    its own, one without adds to its parent's note), prose links to mentions, and the links of
    the sections about the list itself (or of its table of contents) skipped with the reason.
    A reader gives ``pieces`` for its inline syntax and keeps ``section`` and the boilerplate
    state as it reads headings."""

    def __init__(self, builder: ListBuilder, links: LinkFilter):
        self.builder = builder
        self.links = links
        self.section: tuple[str, ...] = ()
        self.boilerplate_level: int | None = None
        self.in_toc = False

    def pieces(self, text: str) -> list[Piece]:
        raise NotImplementedError

    def plain(self, text: str) -> str:
        return " ".join("".join(p.text for p in self.pieces(text)).split())

    def item_text(self, node: Node) -> str:
        """The text of an item as its pieces are read (a reader may drop its own markers)."""
        return node.text

    @property
    def in_boilerplate(self) -> bool:
        return self.boilerplate_level is not None or self.in_toc

    @property
    def boilerplate_reason(self) -> str:
        return "table of contents" if self.in_toc and self.boilerplate_level is None else "section about the list itself"

    def skip_all(self, line: int, text: str, reason: str) -> None:
        for piece in self.pieces(text):
            if piece.url:
                self.builder.skip(line, piece.url, reason)

    def entry(self, node: Node) -> None:
        """One item and its sub-items with links, each an entry (read from a stack: items may
        nest deeper than Python recurses)."""
        linked = self._linked(node)
        stack = [node]
        while stack:
            stack.extend(reversed(self._one(stack.pop(), linked)))

    def _linked(self, top: Node) -> set[int]:
        """The ids of the nodes under ``top`` (itself included) that hold a link somewhere."""
        order: list[Node] = []
        stack = [top]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(node.children)
        linked: set[int] = set()
        for node in reversed(order):  # children before their parents
            own = any(p.url for text in [node.text] + node.notes for p in self.pieces(text))
            if own or any(id(c) in linked for c in node.children):
                linked.add(id(node))
        return linked

    def _one(self, node: Node, linked: set[int]) -> list[Node]:
        """The entries of one item; the sub-items with links, still to read."""
        if self.in_boilerplate:
            self.skip_all(node.line, " ".join([node.text] + node.notes), self.boilerplate_reason)
            return node.children
        items = read_items(self.pieces(self.item_text(node)), self.links)
        for url, reason in items[0].skipped:
            self.builder.skip(node.line, url, reason)
        with_links = [c for c in node.children if id(c) in linked]
        notes = node.notes + [c.flat() for c in node.children if id(c) not in linked]
        titled = [item for item in items if item.urls]
        end = with_links[0].line - 1 if with_links else node.end_line  # its sub-entries' lines are theirs
        for k, item in enumerate(titled):
            self.add(node, item, notes if k == 0 else [], end=max(end, node.line))
        if not titled:
            for note in node.notes:
                self.mentions(node.line, note)
        return with_links

    def add(self, node: Node, item: Item, notes: list[str], aliases: tuple[str, ...] = (),
            end: int | None = None) -> None:
        """The item's entry, the works it mentions, and the links in its notes as mentions. Its
        span ends where its first sub-item with a link (an entry of its own) begins, so no two
        entries claim one line; its raw text is its own lines."""
        note_text = "\n".join(n for n in map(self.plain, notes) if n)
        annotation = "\n".join(t for t in (item.annotation, note_text) if t)
        own_end = node.children[0].line - 1 if node.children else node.end_line
        index = self.builder.add(
            node.line, end or node.end_line, title=item.title, url=item.url, urls=item.urls, authors=item.authors,
            year=item.year, annotation=annotation, section=self.section, aliases=aliases,
            flags=() if item.title else ("untitled",), raw=self.builder.raw(node.line, max(own_end, node.line)),
        )
        for mention in item.mentions:
            self.builder.add(node.line, node.line, title=clean_title(mention.text), url=mention.url,
                             section=self.section, role="mention", parent=index,
                             raw=self.builder.raw(node.line, node.line))
        for note in notes:
            self.mentions(node.line, note, parent=index)

    def mentions(self, line: int, text: str, parent: int | None = None) -> None:
        """Links in prose: works cited in passing (or skipped, with the reason)."""
        if self.in_boilerplate:
            self.skip_all(line, text, self.boilerplate_reason)
            return
        for piece in self.pieces(text):
            if not piece.url:
                continue
            reason = self.links.reason(piece.url, piece.text, image_only=piece.image, prose=True)
            if reason:
                self.builder.skip(line, piece.url, reason)
                continue
            title = None if names_nothing(piece) else clean_title(piece.text)
            self.builder.add(line, line, title=title, url=piece.url, section=self.section, role="mention",
                             parent=parent, raw=self.builder.raw(line, line))


def read_lines(builder: ListBuilder, step) -> None:
    """Call ``step(index)`` (which returns the index after what it read) over every line."""
    n = 0
    while n < len(builder.lines):
        n = step(n)


def indent_of(line: str) -> int:
    line = line.expandtabs()
    return len(line) - len(line.lstrip())


def indented_item(lines: list[str], n: int, marker, stops) -> tuple[Node, int]:
    """The item whose marker is on line index ``n`` (``marker(line)`` gives its match, with
    ``indent`` and ``text`` groups) and the index after it: lines indented past the marker
    continue its text, paragraphs after a blank line are its notes, deeper items its children.
    It ends at a line indented no further than its marker, or one that ``stops`` it. Read with
    a stack of open items, so that any depth of nesting is read."""
    m = marker(lines[n])
    top = Node(n + 1, n + 1, m["text"].strip())
    open_items = [(top, len(m["indent"].expandtabs()))]
    k, blank = n + 1, False
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            blank, k = True, k + 1
            continue
        if stops(line):
            break
        while open_items and indent_of(line) <= open_items[-1][1]:
            open_items.pop()
        if not open_items:
            break
        node = open_items[-1][0]
        if (m := marker(line)):
            child = Node(k + 1, k + 1, m["text"].strip())
            node.children.append(child)
            open_items.append((child, len(m["indent"].expandtabs())))
        elif blank or node.children:
            node.notes.append(line.strip())
        else:
            node.text += " " + line.strip()
        for item, _ in open_items:
            item.end_line = k + 1
        blank, k = False, k + 1
    return top, k


def paragraph_end(lines: list[str], n: int, starts_block) -> int:
    """The index after the paragraph that starts at ``n``: it runs to a blank line or a line
    that ``starts_block``."""
    end = n + 1
    while end < len(lines) and lines[end].strip() and not starts_block(lines, end):
        end += 1
    return end
