"""One markdown list item, or anything read as one (a citation paragraph, a table row, an HTML
list element), to entries.

An item names its work in one of two ways. Its link's text is the title ("[Attention Is All You
Need](url) (Vaswani et al., 2017)"), or a name span carries it and the links are link words
("**Title** (2015), G. Hinton et al. [[pdf]](url) [[code]](url)", 'Authors. "**Title**." Venue
(2015). [[pdf]](url)'). In the second shape the name is the title, every link-word link goes
into ``urls`` and the work's own link (not its code, slides or video) is ``url``. Authors, year
and venue around the name are read as citations are (``cite.read_around``). Links that are not
works are skipped and recorded with their reason (``links.LinkFilter``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .base import ListBuilder, kind_from_url, kind_from_word
from .cite import (NUMBER_LABEL, looks_like_names, parse_bib_bullet, parse_citation, parse_tail, read_around,
                   split_plain_citation)
from .htmlitems import inline_markdown
from .inline import BARE_URL, Span, links, plain, spans
from .links import LinkFilter, is_community, is_discussion, is_link_word, is_platform_name, is_url_text, supporting

LEADING_TAG = re.compile(r"^\s*\[(?P<tag>[^\[\]]{1,40})\]\s*")
ID_PREFIX = re.compile(r"^\[(?:\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?\]\s*")
LEADING_PARENTHETICAL = re.compile(r"^\s*\([^()]*\)\s*")
LEADING_PUNCTUATION = re.compile(r"^(?:[\s:\-–—,./);>|]|papers?\b)+")
LABEL_BEFORE_URL = re.compile(r"^(?P<label>.*?)(?<![\s\-:–—|(<])[\s\-:–—|(<]*+$")
#: What may follow a URL that ends a "Name URL" label: nothing, a separator, or the closing
#: bracket or punctuation of "Name (URL)", "Name: URL." and "Name: URL, why".
ENDS_LABEL = re.compile(r"[)>]?(?:[.,;]?\s*$|\s*[-–—:|(\[]|[,;]\s)")
SENTENCE_BREAK = re.compile(r"(?P<word>[\w'’]*)(?P<mark>[.!?])(?:\s+(?P<next>\S)|\s*$)|,\s*$")
#: "Tensorflow: An open source library for numerical computation by Google": a name, then what it is.
NAME_THEN_WHY = re.compile(r"^(?P<name>[^:()]{2,60}?)\s*(?::|\s[-–—]\s)\s*\S")
#: "Title (2017), Authors et al." or "Title (Hu et al., 2021) why": a title, then its year.
TITLE_THEN_YEAR = re.compile(r"^(?P<title>(?:[^()]|\([^()]{0,60}\)){2,300}?)\s*\((?=[^()]*\b(?:19|20)\d\d\b)[^()]{0,200}\)")
QUOTED = re.compile(r"[\"“](?P<title>[^\"“”]{3,300}?)[.,]?[\"”]")
NAME_EDGES = " \t-–—:|([,;.\"“”*_"
STRAY_BRACKETS = re.compile(r"\[\s*\]|\(\s*\)|(?<!\S)[\[\]](?!\S)|\[(?=\s)|(?<=\s)\]")
TRAILING_ALIAS_NOTE = re.compile(r"^\((?P<alias>[^()]{1,40})\)$")
MAX_LABEL_WORDS = 15
MAX_CITED_TITLE_WORDS = 40
SHORT_LABEL_WORDS = 8
TRAILING_KIND_WORD = re.compile(r"(?<!\s)\s++(?:papers?|blog ?posts?|paper series)\s*$", re.IGNORECASE)


@dataclass
class PageContext:
    """What link filtering needs to know about the page: its own URL and repository."""

    page_url: str | None = None
    filter: LinkFilter = field(default_factory=LinkFilter)

    @classmethod
    def for_text(cls, text: str, page_url: str | None = None) -> "PageContext":
        return cls(page_url, LinkFilter.for_text(text, page_url))

    def __post_init__(self) -> None:
        if self.page_url and not self.filter.page_url:
            self.filter.page_url = self.page_url

    def reason(self, span: Span, prose: bool = False) -> str | None:
        return self.filter.reason(span.url, span.text, span.image, prose)

    def keeps(self, url: str) -> bool:
        return self.filter.reason(url) is None

    def keep(self, builder: ListBuilder, parts, line: int, end_line: int, prose: bool = False,
             skip_all: str | None = None) -> list[Span]:
        """The links of ``parts`` that may be works; the others are recorded as skipped.
        ``skip_all`` skips every link for that reason (a section about the list itself)."""
        kept = []
        for span in links(parts):
            reason = self.reason(span, prose) if skip_all is None or span.image else None
            reason = reason or skip_all
            if reason is None:
                kept.append(span)
            else:
                builder.skip(line_of(builder, span.url, line, end_line), span.url, reason)
        return kept


def line_of(builder: ListBuilder, url: str, start: int, end: int) -> int:
    for n in range(start, min(end, len(builder.lines)) + 1):
        if url in builder.lines[n - 1]:
            return n
    return start


@lru_cache(maxsize=4096)
def item_spans(text: str) -> tuple[Span, ...]:
    """The spans of a list item, where bare URLs in an item without markdown links (autolinks,
    "<https://...>", count as bare) are its links: "https://..." alone is a work named by its
    link; "Name https://... — why", "Name (https://...)" or "Name: https://..." one titled by
    the name before its first URL. A URL inside a sentence ("see https://... for the notes")
    titles nothing."""
    parts = spans(inline_markdown(text))
    found = links(parts)
    if any(not _is_url_text(s) for s in found) or not (found or any(BARE_URL.search(s.text) for s in parts)):
        return parts
    flat = "".join(s.url if s.url else s.text for s in parts)
    out: list[Span] = []
    at = 0
    for m in BARE_URL.finditer(flat):
        before = flat[at:m.start()]
        label = LABEL_BEFORE_URL.match(before)["label"].strip() if not out else ""
        if label and _is_label(label) and ENDS_LABEL.match(flat, m.end()):
            out.append(Span(label, m.group(0)))
        else:
            out.extend([Span(before)] if before else [])
            out.append(Span("", m.group(0)))
        at = m.end()
    if flat[at:]:
        out.append(Span(flat[at:]))
    return tuple(out)


def has_sentence_break(text: str) -> bool:
    """Whether ``text`` ends a sentence somewhere: "open data. [Data.gov]…", "… highlights: …,".
    An abbreviation ("Univ. Montreal", "Dr. No", "J. Ba") or a question inside a title ("Are
    you talking to a machine? dataset…") is no break."""
    for word, mark, after in sentence_breaks(text):
        if mark is None:
            return True  # a trailing comma: the text runs on
        if mark == "!" or (mark == "?" and (after or "A")[0].isupper()):
            return True
        if mark == "." and ((len(word) >= 3 and word.islower()) or (word.isdigit() and len(word) >= 2)):
            return True
    return False


#: Where SENTENCE_BREAK's matches end: a mark and what follows it, or a comma at the end.
_BREAK_MARK = re.compile(r"[.!?](?:\s+(?P<next>\S)|\s*$)|,\s*$")
_WORD_CHARACTER = re.compile(r"[\w'’]")


def sentence_breaks(text: str):
    """(word, mark, next) of each SENTENCE_BREAK match in ``text``, as finditer gives them, in
    linear time: finditer tries the word before a mark from every character of a long word
    (quadratic); here the word is read back from the mark, no further than the last match's end."""
    at = 0
    while (m := _BREAK_MARK.search(text, at)) is not None:
        if m.group(0)[0] == ",":
            yield "", None, None
        else:
            start = m.start()
            while start > at and _WORD_CHARACTER.match(text, start - 1):
                start -= 1
            yield text[start:m.start()], m.group(0)[0], m["next"]
        at = m.end()


def _is_label(text: str) -> bool:
    """A name for the link after it: short, or written like a title ("Direct Preference
    Optimization: Your Language Model is Secretly a Reward Model"), not a sentence ("Reader Niels
    has started a notes blog where he is pulling out highlights")."""
    words = text.split()
    if len(words) > MAX_LABEL_WORDS or has_sentence_break(text.strip() if len(words) <= 2 else text):
        return False
    return len(words) <= SHORT_LABEL_WORDS or 2 * sum(w[0].isupper() or w[0].isdigit() for w in words) >= len(words)


def _title_then_names(text: str) -> tuple[str, str] | None:
    """'Title, G. Hinton and R. Salakhutdinov.' -> ('Title', 'G. Hinton and R. Salakhutdinov'):
    the shortest tail of comma parts that reads as people (initials or "et al." in it)."""
    text = text.strip(" -–—:|")
    cuts = [m.start() for m in re.finditer(r",\s", text)]
    for cut in cuts:
        title, names = text[:cut].strip(NAME_EDGES), text[cut + 1:].strip(" .;:")
        if looks_like_names(names) and re.search(r"\b[A-Z]\.|et al", names) and _is_cited_title(title) \
                and any(ch.isalpha() for ch in title):
            return title, names
    return None


def _is_cited_title(text: str) -> bool:
    """A title a year follows ("Title (2017), Authors"): any length up to a long title's, one
    sentence at most."""
    return len(text.split()) <= MAX_CITED_TITLE_WORDS and not re.search(r"[.!]\s", text)


def _is_url_text(span: Span) -> bool:
    """A link whose text is its own URL ("<https://...>"): it names no title."""
    text = span.text.strip().rstrip("/")
    return text in (span.url.rstrip("/"), span.url.split("://")[-1].rstrip("/"))


def names_nothing(span: Span) -> bool:
    """A link whose text is a link word ("pdf", "[code]", "★") or its own URL."""
    return is_url_text(span.text, span.url) or is_link_word(span.text)


def drop_number(parts: tuple[Span, ...]) -> tuple[Span, ...]:
    """Without a citation number label at the start ("**[2]**", "[12]", "3)")."""
    if parts and parts[0].url is None:
        m = NUMBER_LABEL.match(parts[0].text)
        if m and (m.end() < len(parts[0].text) or len(parts) > 1):
            rest = parts[0].text[m.end():]
            return ((Span(rest, None, parts[0].strong, parts[0].em),) if rest.strip() else ()) + parts[1:]
    return parts


def split_tags(parts: tuple[Span, ...]) -> tuple[list[str], tuple[Span, ...]]:
    """Leading [Tag] texts before the first link, and the spans without them."""
    tags: list[str] = []
    if parts and parts[0].url is None:
        text = parts[0].text
        while (m := LEADING_TAG.match(text)):
            tags.append(m.group("tag").strip())
            text = text[m.end():]
        if tags:
            parts = ((Span(text, None, parts[0].strong, parts[0].em),) if text.strip() else ()) + parts[1:]
    return tags, parts


def bold_lead(parts: tuple[Span, ...]) -> tuple[Span, ...]:
    lead = []
    for span in parts:
        if not span.strong and span.text.strip():
            break
        lead.append(span)
    return tuple(lead)


def _short_title(text: str, prefix: str) -> str:
    title = TRAILING_KIND_WORD.sub("", text).strip() or text.strip()
    if prefix and len(title.split()) == 1:
        return f"{prefix} {title}"
    return title


@dataclass(frozen=True)
class Name:
    """The span of an item that names its work, with the text before it (a citation's authors)
    and the spans after it."""

    text: str
    before: str
    after: tuple[Span, ...]
    cited: bool = False  # ``before`` was read as the citation's authors


def name_span(parts: tuple[Span, ...], link_free: bool = False) -> Name | None:
    """What names the work in spans whose links are link words: the first bold text, else a
    quoted title, else the plain text before the first link when it reads as a name."""
    head = parts if link_free else _before_first_link(parts)
    for index, span in enumerate(head):
        if span.strong and span.url is None and any(ch.isalpha() for ch in span.text):
            text = span.text.strip(NAME_EDGES)
            if text:
                return Name(text, plain(head[:index]), parts[index + 1:])
    text = "".join(s.text for s in head)
    m = QUOTED.search(text)
    if m and any(ch.isalpha() for ch in m["title"]):
        return Name(m["title"].strip(NAME_EDGES), text[:m.start()], (Span(text[m.end():]),) + parts[len(head):])
    flat = " ".join(text.split())
    tail = TITLE_THEN_YEAR.match(flat)
    if tail and any(ch.isalpha() for ch in tail["title"]) and _is_cited_title(tail["title"].strip(NAME_EDGES)):
        return Name(tail["title"].strip(NAME_EDGES), "", (Span(flat[tail.end("title"):] + " "),) + parts[len(head):])
    by = _title_then_names(flat)
    if by is not None:
        return Name(by[0], "", (Span(f", {by[1]} "),) + parts[len(head):])
    name = flat.strip(NAME_EDGES)
    if name and any(ch.isalpha() for ch in name) and _is_label(flat + " "):
        return Name(name, "", parts[len(head):])
    cited = split_plain_citation(flat)
    if cited is not None:
        authors, title, rest = cited
        return Name(title, authors, (Span(rest + " "),) + parts[len(head):], cited=True)
    named = NAME_THEN_WHY.match(flat)
    if named and _is_label(named["name"]):
        return Name(named["name"].strip(NAME_EDGES), "", (Span(flat[named.end("name"):] + " "),) + parts[len(head):])
    return None


def _before_first_link(parts: tuple[Span, ...]) -> tuple[Span, ...]:
    out = []
    for span in parts:
        if span.url:
            break
        out.append(span)
    return tuple(out)


def own_link(group: list[Span]) -> Span:
    """The work's own link among an entry's links: not its code, slides, video or a post about
    it, when it has one."""
    return next((s for s in group if not supporting(s.text, s.url) and not is_discussion(s.url)),
                next((s for s in group if not is_discussion(s.url)), group[0]))


def _unbracket(text: str) -> str:
    """Without the brackets left around removed links ("[ ]", a lone "[")."""
    return STRAY_BRACKETS.sub(" ", text) if "[" in text or "]" in text or "()" in text else text




@dataclass
class Described:
    """One entry's fields as an item gives them, before it is added."""

    title: str | None
    group: list[Span]
    others: list[Span]
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    note: str = ""
    aliases: tuple[str, ...] = ()


def describe_named(name: Name | None, kept: list[Span], posts: list[Span] = (), parts=None) -> Described:
    """An entry named by a name span (or by nothing) whose links are link words; posts about
    it (a tweet, a chat room) are further links."""
    group = ([s for s in kept if names_nothing(s)] or kept[:1]) + list(posts)
    others = [s for s in kept if s not in group]
    if name is None:
        note = prose(parts, lambda s: False) if parts is not None else ""
        return Described(None, group, others, note=LEADING_PUNCTUATION.sub("", note).strip())
    emphasised = " ".join(s.text for s in name.after if s.em and not s.url)
    around = read_around(name.before, prose(name.after, lambda s: False), emphasised, name.cited)
    alias = TRAILING_ALIAS_NOTE.match(around.note)
    note = "" if alias else around.note
    return Described(name.text, group, others, around.authors, around.year, around.venue,
                     LEADING_PUNCTUATION.sub("", note).strip(), (alias["alias"].strip(" *_"),) if alias else ())


def item_entries(builder: ListBuilder, item, section: tuple[str, ...], page: PageContext,
                 skip_all: str | None = None) -> None:
    """Entries for one list item and, recursively, its sub-items."""
    parts = item_spans(item.text)
    tags, parts = split_tags(drop_number(parts))
    kept = page.keep(builder, parts, item.line, item.end_line, skip_all=skip_all)
    body = list(item.body)
    body_links = [s for p in body for s in page.keep(builder, item_spans(p.text), p.line, p.end_line, skip_all=skip_all)]
    linkless_children = [c for c in item.children if not any(s.url for b in c.walk() for s in item_spans(b.text))]
    notes = [plain(spans(p.text)) for p in body] + [plain(spans(c.text)) for c in linkless_children]
    entries = [c for c in item.children if c not in linkless_children]
    end = max(item.line, entries[0].line - 1) if entries else item.end_line  # a sub-entry's lines are its own
    if kept:
        first = add_item(builder, item.line, end, section, parts, tags, kept, notes, body_links)
        if first is not None and linkless_children and names_nothing(kept[0]):
            _cited_below(builder, first, notes[len(body):])
    elif not links(parts) and not skip_all and (cited := cited_item(plain(parts))) is not None:
        builder.add(item.line, end, annotation="\n".join(n for n in notes if n), section=section, **cited)
    else:
        for span in body_links:
            line = line_of(builder, span.url, item.line, item.end_line)
            builder.add(line, line, title=span.text or None, url=span.url, section=section, role="mention",
                        raw=builder.raw(line, line))
    for child in item.children:
        if child not in linkless_children:
            item_entries(builder, child, section, page, skip_all)


def cited_item(text: str) -> dict | None:
    """The fields of an item with no link that is a citation of a work ("Michael Stonebraker,
    Greg Kemnitz: The Postgres Next Generation DBMS. CACM 34(10): 78-92 (1991)", "Kaplan et al.
    (2020). "Scaling Laws for Neural Language Models." arXiv."), else None: a bullet of prose is
    no work."""
    found = parse_bib_bullet(text) or parse_citation(text)
    if found is not None:
        return {"title": found.title, "authors": found.authors, "year": found.year, "venue": found.venue,
                "aliases": (found.alias,) if found.alias else ()}
    cited = split_plain_citation(text)
    if cited is None or len(cited[1].split()) < 3:
        return None
    around = read_around(cited[0], cited[2], known_authors=True)
    return {"title": cited[1], "authors": around.authors, "year": around.year, "venue": around.venue}


def _cited_below(builder: ListBuilder, index: int, lines: list[str]) -> None:
    """"Name [[Paper]](url)" over a sub-item that cites the work in full ("Kaiming He, Xiangyu
    Zhang, Deep Residual Learning for Image Recognition, arXiv:1512.03385."): the citation's
    title, authors and venue are the work's; the item's name is an alias."""
    for text in lines:
        cited = split_plain_citation(text)
        if cited is None or len(cited[1].split()) < 3:
            continue
        authors, title, rest = cited
        around = read_around(authors, rest, known_authors=True)
        entry = builder.entries[index]
        aliases = tuple(dict.fromkeys(entry.aliases + ((entry.title,) if entry.title and entry.title != title else ())))
        builder.entries[index] = entry.evolve(title=title, aliases=aliases, authors=around.authors or entry.authors,
                                              year=entry.year or around.year, venue=entry.venue or around.venue)
        return


def add_item(builder: ListBuilder, line: int, end_line: int, section, parts, tags, kept, notes,
             extra_links=(), name: Name | None = None) -> int:
    """Add the entries of one item: its primary entries and the works it mentions. Returns the
    first primary entry's index."""
    posts = [s for s in kept if is_discussion(s.url)]
    kept = [s for s in kept if s not in posts]
    if not kept and posts and is_community(posts[0].url) and not names_nothing(posts[0]):
        kept, posts = posts[:1], posts[1:]  # "[Academic Economics](https://discord.gg/...)": a community listed
    if not kept and name is None:
        for span in posts:
            builder.skip(line_of(builder, span.url, line, end_line), span.url, "social post")
        return None
    lead = bold_lead(parts)
    lead_links = [s for s in links(lead) if s in kept]
    if kept and not lead_links and name is None and names_nothing(kept[0]) and kept[0].text.strip():
        name = name_span(parts)
    if lead_links or (kept and name is None and not (kept[0].text.strip() and is_link_word(kept[0].text)
                                                      and not (parts[0] is kept[0] and is_platform_name(kept[0].text)))):
        # the link's text is the title (or its host names it); "[A](u), [B](v) and [C](w)" name three
        primaries = lead_links or [s for s in enumerated(parts, kept[0]) if s in kept]
        first = _add_primaries(builder, line, end_line, section, parts, tags, primaries, notes,
                               [s for s in kept if s not in primaries and is_link_word(s.text)] + posts,
                               kept + posts)
        mentions = [s for s in kept if s not in primaries and not is_link_word(s.text)]
    else:
        described = describe_named(name, kept, posts, parts)
        first = _add_named(builder, line, end_line, section, tags, described, notes)
        mentions = described.others
    for span in mentions + [s for s in extra_links if s not in kept]:
        at = line_of(builder, span.url, line, end_line)
        builder.add(at, at, title=None if names_nothing(span) else span.text or None, url=span.url,
                    section=section, role="mention", parent=first, raw=builder.raw(at, at))
    return first


def _add_named(builder, line, end_line, section, tags, described: Described, notes) -> int:
    main = own_link(described.group)
    if is_discussion(main.url):
        main = Span(main.text, None)  # a post about the work is not its link
    kinds = [k for k in [kind_from_word(t) for t in tags] + [kind_from_word(main.text.strip("[] "))] if k]
    aliases = [t for t in tags if not kind_from_word(t)] + list(described.aliases)
    urls = tuple(dict.fromkeys(([main.url] if main.url else []) + [s.url for s in described.group]))
    annotation = described.note + "".join(f"\n{n}" for n in notes if n)
    return builder.add(
        line, end_line, title=described.title, url=main.url, urls=urls, authors=described.authors,
        year=described.year, venue=described.venue, kind=kinds[0] if kinds else kind_from_url(main.url),
        annotation=annotation.strip(), aliases=tuple(dict.fromkeys(aliases)), section=section,
    )


#: What joins the links of an enumeration: "[A](u), [B](v), and [C](w)", "[A](u) or [B](v)".
ENUMERATION = re.compile(r"^\s*+(?:,\s*+(?:(?:and|or|&)\s++)?|(?<=\s)(?:and|or|&)\s++)$")


def enumerated(parts: tuple[Span, ...], first: Span) -> list[Span]:
    """``first`` and the named links it is enumerated with, nothing but a comma or "and"
    between them: each names a work of its own."""
    group = [first]
    if first not in parts:
        return group
    at = parts.index(first)
    while at + 2 < len(parts) and parts[at + 1].url is None and ENUMERATION.match(parts[at + 1].text) \
            and parts[at + 2].url and not names_nothing(parts[at + 2]):
        group.append(parts[at + 2])
        at += 2
    return group


def _add_primaries(builder, line, end_line, section, parts, tags, primaries, notes, further, kept=None) -> int:
    kinds = [k for k in (kind_from_word(t) for t in tags) if k]
    aliases = [t for t in tags if not kind_from_word(t)]
    after = parts[parts.index(primaries[-1]) + 1:]
    authors, year, _ = parse_tail(plain(after)) if len(primaries) == 1 else ((), None, "")
    lead = bold_lead(parts)
    leading = parts.index(primaries[0]) == 0 or not plain(parts[: parts.index(primaries[0])])
    if primaries[0] in lead:
        rest = list(parts[len(lead):])
    elif leading:
        rest = list(after)
    else:
        rest = list(parts)
    annotation = _annotation(rest, authors or year, kept) + "".join(f"\n{n}" for n in notes if n)
    prefix = ""
    if len(primaries) > 1 and lead and lead[0].url is None and re.fullmatch(r"\s*[A-Z][\w\-]+\s*", lead[0].text):
        prefix = lead[0].text.strip()
    first = None
    in_lead = bool(lead) and primaries[0] in lead
    for span in primaries:
        several = in_lead and (len(primaries) > 1 or span in lead)
        label = "" if _is_url_text(span) else span.text.strip()
        title = ID_PREFIX.sub("", label).strip()
        title = _short_title(title, prefix) if several and title else title
        entry_aliases = list(aliases) + ([label] if several and label and label not in aliases else [])
        urls = [span.url] + ([s.url for s in further] if span is primaries[0] else [])
        index = builder.add(
            line, end_line, title=title or None, url=span.url,
            urls=tuple(dict.fromkeys(urls)), authors=authors, year=year,
            kind=kinds[0] if kinds else kind_from_url(span.url), annotation=annotation.strip(),
            aliases=tuple(dict.fromkeys(entry_aliases)), section=section,
        )
        first = index if first is None else first
    return first


def prose(parts, keep=lambda span: True) -> str:
    """The text of ``parts`` as a note: links ``keep`` refuses (link words, footnote marks,
    skipped links) are left out with the brackets around them."""
    out: list[str] = []
    dropped = False
    for span in parts:
        if span.url and not keep(span):
            if out:
                out[-1] = out[-1].rstrip().removesuffix("[").rstrip() + " "
            dropped = True
            continue
        text = span.text
        if dropped:
            text = text.lstrip().removeprefix("]").removeprefix(")")
        out.append(text)
        dropped = False
    return " ".join(_unbracket("".join(out)).split())


def _annotation(rest: list[Span], had_tail, kept=None) -> str:
    text = prose(rest, lambda s: not (s.text.strip().isdigit() or names_nothing(s)))
    if had_tail:
        text = LEADING_PARENTHETICAL.sub("", text)
    return LEADING_PUNCTUATION.sub("", text).strip()


def prose_mentions(builder: ListBuilder, block, section: tuple[str, ...], page: PageContext,
                   skip_all: str | None = None) -> None:
    """Links in section prose: works the text cites in passing, attached to no entry."""
    seen = set()
    for span in page.keep(builder, spans(block.text), block.line, block.end_line, prose=True, skip_all=skip_all):
        if is_discussion(span.url):
            builder.skip(line_of(builder, span.url, block.line, block.end_line), span.url, "social post")
        elif span.url not in seen:
            seen.add(span.url)
            line = line_of(builder, span.url, block.line, block.end_line)
            builder.add(line, line, title=None if names_nothing(span) else span.text or None, url=span.url,
                        section=section, role="mention", raw=builder.raw(line, line))
