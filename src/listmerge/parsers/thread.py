"""Discussion threads (one comment or paragraph a line): footnoted works, quoted titles
introduced as recommendations, and bare URLs with their sentence as annotation."""
from __future__ import annotations

import re
from collections import Counter

from . import Parser
from .base import ListBuilder, is_non_work_link, kind_from_url
from .cite import YEAR
from .inline import BARE_URL

FOOTNOTE_DEF = re.compile(r"\[(?P<n>\d{1,3})\]:\s*(?P<url>\S+)")
FOOTNOTE_REF = re.compile(r"\[(?P<n>\d{1,3})\](?!:)")
QUOTED = re.compile(r"(?<!\w)[\"“'‘](?P<title>[^\"“”'‘’\n]{3,120}?)[\"”'’](?!\w)")
POSSESSIVE = re.compile(r"(?P<who>[A-Z][\w\-]+)['’]s\s+$|^(?P<lead>[A-Z][\w\-]+)['’]s\s+")
#: Words just before a quoted phrase that make it a recommended work rather than a scare quote.
TITLE_CUES = re.compile(
    r"(?:\b(?:read(?:ing)?|second|recommend(?:ed|s)?|try|check out|see|start with|suggest|love[ds]?|"
    r"enjoyed|finished|by|book|paper|article|post)|(?<![\w.])(?>[\w.]*?[A-Z])[\w.]++[’']s)\s*$",
    re.IGNORECASE,
)
CAPITALISED_RUN = re.compile(r"((?>(?:[A-Z][\w\-’']*+|of|and|the|to|for|in|on|a|an|into|with|&|:)(?:\s++|$)))++$")
TRUNCATED = re.compile(r"(?:…|\.\.\.)$")
BOOK_WORDS = re.compile(r"\b(?:text)?books?\b", re.IGNORECASE)
TERM_REPEATS = 3
#: How far before a quote its cue ("I recommend") and before a reference its name are looked for.
CUE_WINDOW, NAME_WINDOW = 200, 300


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start))
    right = min([p for p in (text.find(". ", end), text.find("? ", end), text.find("! ", end)) if p != -1] or [len(text)])
    return text[left + 2 if left >= 0 else 0: right + 1].strip()


def _title_and_year(title: str) -> tuple[str, int | None]:
    m = re.match(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)\s*$", title)
    if m and YEAR.fullmatch(m.group("year")):
        return m.group("title").strip(), int(m.group("year"))
    return title.strip(), None


def _named_before(text: str, position: int) -> tuple[str | None, int]:
    """The work named just before ``position``: a quoted title, else a run of capitalised words
    (within NAME_WINDOW characters: a line with many references is read once, not again for each)."""
    start = max(0, position - NAME_WINDOW)
    before = text[start:position].rstrip()
    m = re.search(r"[\"“](?P<title>[^\"“”]{2,160})[\"”]$", before)
    if m:
        return m.group("title"), start + m.start()
    before = re.sub(r"^.*(?:\[\d+\]|[,;:(]|\bor\b|\band\b)", "", before).strip()
    m = CAPITALISED_RUN.search(before)
    if m and m.group(0).strip() and m.group(0).strip()[0].isupper():
        return m.group(0).strip(), position - len(m.group(0))
    return None, position


def parse(text: str, path: str) -> tuple:
    builder = ListBuilder(path, "thread", text.split("\n"))
    footnotes = _footnotes(builder)
    terms = Counter(m.group("title").strip().casefold() for m in QUOTED.finditer(text))
    for n, line in enumerate(builder.lines, start=1):
        if not line.strip() or line.lstrip().startswith(">"):
            continue
        _footnoted(builder, n, line, footnotes)
        _quoted(builder, n, line, terms)
        _bare_urls(builder, n, line)
    return (builder.build(),)


def _footnotes(builder: ListBuilder) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for n, line in enumerate(builder.lines, start=1):
        if FOOTNOTE_DEF.match(line.strip()):
            for m in FOOTNOTE_DEF.finditer(line):
                found.setdefault(m.group("n"), (n, m.group("url")))
    return found


def _possessive(title: str, before: str) -> tuple[str, tuple[str, ...]]:
    """"Mitchell's Machine Learning" or Mitchell's "Machine Learning": the owner is the author."""
    m = POSSESSIVE.search(title)
    if m and m.group("lead"):
        return title[m.end():].strip(), (m.group("lead"),)
    m = POSSESSIVE.search(before)
    if m and m.group("who"):
        return title, (m.group("who"),)
    return title, ()


def _footnoted(builder: ListBuilder, n: int, line: str, footnotes) -> None:
    if FOOTNOTE_DEF.match(line.strip()):
        return
    for m in FOOTNOTE_REF.finditer(line):
        number = m.group("n")
        if number not in footnotes:
            continue
        name, start = _named_before(line, m.start())
        if not name:
            builder.problem(n, f"footnote [{number}] does not follow a recognisable title")
            continue
        title, year = _title_and_year(name)
        title, authors = _possessive(title, line[:start])
        def_line, url = footnotes.pop(number)
        kind = "book" if BOOK_WORDS.search(line) else kind_from_url(url)
        builder.add(
            n, n, title=title, year=year, url=url, kind=kind, key=f"[{number}]", authors=authors,
            annotation=_sentence_around(line, start, m.end()),
            flags=("truncated",) if TRUNCATED.search(url) else (),
            raw=builder.raw(n, n) + "\n" + builder.raw(def_line, def_line),
        )


def _quoted(builder: ListBuilder, n: int, line: str, terms: Counter) -> None:
    for m in QUOTED.finditer(line):
        title = m.group("title").strip()
        words = title.split()
        if len(words) < 2 or not all(w[0].isupper() or w.lower() in ("of", "and", "the", "to", "for", "in", "on", "a")
                                     for w in words):
            continue
        if FOOTNOTE_REF.match(line[m.end():].lstrip()) or not TITLE_CUES.search(line[max(0, m.start() - CUE_WINDOW): m.start()]):
            continue
        if terms[title.casefold()] >= TERM_REPEATS:
            continue  # a phrase the thread keeps quoting is a term under discussion, not a title
        title, year = _title_and_year(title)
        builder.add(n, n, title=title, year=year, annotation=_sentence_around(line, m.start(), m.end()))


def _bare_urls(builder: ListBuilder, n: int, line: str) -> None:
    if FOOTNOTE_DEF.match(line.strip()):
        return
    for m in BARE_URL.finditer(line):
        url = m.group(0)
        if line.startswith(("...", "…"), m.end()):
            url += "..." if line.startswith("...", m.end()) else "…"
        if is_non_work_link(url):
            continue
        sentence = _sentence_around(line, m.start(), m.end()).replace(url, "").strip(" :")
        builder.add(n, n, title=None, url=url, annotation=sentence,
                    flags=("untitled",) + (("truncated",) if TRUNCATED.search(url) else ()))


def detect(text: str, path: str) -> float:
    head = text[:30000]
    lines = [l for l in head.split("\n") if l.strip()]
    if not lines or re.search(r"\]\(https?://|^#{1,6} ", head, re.MULTILINE):
        return 0.0
    score = 0.0
    if re.search(r"^\[\d+\]:\s*https?://", head, re.MULTILINE):
        score += 0.3
    if sum(l.startswith(">") for l in lines) >= 2:
        score += 0.1
    if BARE_URL.search(head):
        score += 0.1
    if sum(len(l) > 200 for l in lines) >= 3:
        score += 0.1
    return score


PARSER = Parser(
    name="thread",
    description="discussion threads: footnoted works, recommended quoted titles, bare URLs",
    detect=detect,
    parse=parse,
    extensions=(".txt",),
)
