"""What the matcher knows about one entry: its names, identifiers, links, year and authors,
normalised once so that scoring never re-derives them.

A ``Record`` is built from an ``Entry`` and the index of its list; ``prepare`` builds them all
and works out which names the inputs bind to an identifier (``NameIndex``), the evidence that
lets a short name such as "Voyager" join the paper it stands for.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .authors import ET_AL, LOST, author_keys  # noqa: F401  (ET_AL: merge and render read it from here)
from .cited import NO_VENUES, Cited, Venues, read_title
from .identify import canonical_url, find_ids, normalise_title
from .locators import locator
from .model import Entry, ReadingList
from .venues import venue_keys

#: Words that carry no identity on their own: never blocking keys, not counted as content.
STOPWORDS = frozenset(
    "a an and are as at be by for from in into is it its of on or our the their this to via vs "
    "what when where which who why with without we you your how do does can".split()
)

#: Titles that many different works carry (front matter, columns, generic talks).
GENERIC_TITLES = frozenset({
    "editorial", "introduction", "preface", "foreword", "overview", "tutorial", "keynote",
    "panel", "panel discussion", "reviewers", "index", "erratum", "errata", "correction",
    "corrigendum", "letter from the editor", "editor s note", "guest editorial", "book review",
    "book reviews", "abstracts", "announcements", "in memoriam", "obituary", "conclusion",
    "summary", "readme", "home", "blog", "docs", "documentation", "paper", "slides", "video",
})

#: Words of front matter and columns: a title made only of these ("Editor's Comments", "Book
#: Review Column", "Chair's Message") names a kind of item that many issues carry.
FRONT_MATTER = frozenset({
    "editor", "editors", "editorial", "editorials", "comment", "comments", "note", "notes", "introduction",
    "letter", "letters", "message", "messages", "chair", "chairs", "column", "columns", "review", "reviews",
    "book", "books", "preface", "foreword", "guest", "issue", "special", "news", "reviewers", "referees",
    "acknowledgments", "acknowledgements", "announcement", "announcements", "calendar", "contents",
    "index", "overview", "summary", "remarks", "opening", "closing", "welcome", "president", "report",
    "reports", "erratum", "errata", "correction", "corrections", "corrigendum", "obituary", "memoriam",
    "tribute", "minutes", "call", "papers", "program", "committee", "keynote", "panel", "abstracts",
    "proceedings", "conference", "forum", "corner", "update", "updates", "highlights", "viewpoint",
    "treasurer", "secretary", "director", "chairman", "chairperson", "officers",
})

#: Words that name a kind of teaching or talk: "Deep Learning Course" is one of many such.
COURSE_WORDS = frozenset({
    "course", "courses", "lecture", "lectures", "class", "classes", "tutorial", "tutorials", "notes",
    "slides", "talk", "talks", "seminar", "seminars", "workshop", "bootcamp", "specialization", "mooc",
})

#: Words that say what form a publication takes, not which work it is: "(Panel)", "Tutorial:",
#: "(extended abstract)". They neither distinguish two titles nor name a work as a tag.
FORM_WORDS = frozenset({
    "abstract", "extended", "panel", "session", "tutorial", "keynote", "invited", "talk",
    "foreword", "preface", "poster", "demo", "demonstration", "short", "paper", "position",
    "summary", "slides", "video", "transcript", "pdf", "html", "online", "full", "text", "version",
    "preprint", "draft", "revised", "edition", "ed", "accepted", "manuscript", "published",
})

#: Tags that say a title's language, not its name: "[Chinese]", "[Article in German]".
LANGUAGE_WORDS = frozenset({
    "article", "in", "english", "chinese", "german", "french", "spanish", "italian", "japanese",
    "russian", "portuguese", "dutch", "polish", "korean", "turkish", "czech", "hungarian",
    "danish", "swedish", "norwegian", "finnish", "greek", "hebrew", "persian", "arabic", "author",
    "s", "transl", "translation", "translated", "title", "original",
    # bibliographic notes: "[Review] [108 refs]", "(multiple letters)", "[see comments]"
    "review", "refs", "references", "multiple", "letter", "letters", "see", "comments", "editorial",
})

#: A bracket tag of at most this many words can carry a version ("(part II)", "(7B)"); longer
#: ones are notes ("[Erratum appears in J Med 2009;360(5):544]").
MAX_VERSION_TAG = 3

#: A bracket tag of more words than this is a note ("[Erratum appears in ...]"), not a name.
MAX_TAG_NAME = 6

#: First words that make a title a work about another work: an erratum of X is not X.
DERIVATIVE_LEADS = frozenset({
    "erratum", "errata", "corrigendum", "correction", "retraction", "retracted", "comment",
    "comments", "commentary", "reply", "response", "rebuttal", "review", "addendum",
})

DERIVATIVE_TAILS = frozenset({"reply", "erratum", "corrigendum", "rebuttal", "retraction"})

ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
#: Words followed by a number or a letter that tells the parts of a series apart.
NUMBERED = frozenset({"part", "vol", "volume", "chapter", "lecture", "lesson", "episode", "appendix", "book"})
ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}

#: Trailing bracketed tags: "[Chinese]", "(Extended Abstract)", "(GPT-3)", "[Review]".
_OPENERS = {"]": "[", ")": "("}
_WHOLE_TAG = re.compile(r"\[([^\[\]]+)\]\s*\.?")
_LEADING_TAG = re.compile(r"^\s*\[([^\[\]]*)\]\s*")
_HEAD_SPLIT = re.compile(r"(?:(?<!\s)\s+)?(?::|\s[-\u2013\u2014]\s|\?\s|!\s)\s*")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True, eq=False, slots=True)
class Record:
    """One entry as the matcher sees it. ``index`` is its position in the flattened input."""

    index: int
    source: int
    entry: Entry
    title: str                          # the normalised core title ('' when untitled)
    bare: str                           # the title without form words ("panel", "tutorial")
    head: str                           # normalised title before its subtitle separator
    names: frozenset[str]               # core title and aliases, normalised
    numbers: frozenset[str]             # number and version tokens of the title
    tag_numbers: frozenset[str]         # ... and of its short bracket tags ("(GPT-3)", "(7B)")
    tokens: tuple[str, ...]             # content tokens of the title and aliases
    stems: frozenset[str]               # the tokens without a plural "s": blocking keys
    strong_ids: frozenset[tuple[str, str]]
    weak_ids: frozenset[tuple[str, str]]
    container_ids: frozenset[tuple[str, str]]   # what holds the entry: proceedings' ISBN, a repository
    url: str | None                     # canonical main link (None for a bare site root)
    site: str | None                    # the main link when it is a bare site root
    urls: frozenset[str]                # canonical links that identify (site roots left out)
    host: str | None
    year: int | None
    volume: str | None
    first_page: str | None
    last_page: str | None               # the end of a page range ("2097-2108"), None for one page
    page_series: str                    # letters before the first page: "e" (online), "s" (supplement)
    derivative: str | None              # "erratum", "comment", "reply"...: a work about another
    venue: str | None                   # normalised venue of a published (not preprint) version
    venue_words: frozenset[str]         # its words that name it ("vldb", "database", "syst")
    venue_tokens: frozenset[str]        # every word of the venue as written, preprint servers too
    serial: bool                        # the venue is a serial: a journal, transactions, a record
    cited: tuple[str, ...]              # citation fragments read off the title (authors, venue, year...)
    surnames: frozenset[str]
    name_tokens: frozenset[str]
    people: tuple[tuple[str, str], ...]  # (initial of the given names, surname) of each author
    personal: bool                      # the authors are people (not an organisation)
    kind: str
    generic: bool                       # a lone word or front matter ("Editorial")
    shared: bool = False                # a title the inputs give to works a veto keeps apart
    twin: bool = False                  # generic, and one of just two such items by its authors that year

    @property
    def full_title(self) -> str:
        """The whole title normalised, bracket tags included."""
        return normalise_title(self.entry.title or "")

    def __repr__(self) -> str:
        return f"Record({self.index}, {self.entry.title!r})"


def prepare(lists: Sequence[ReadingList]) -> list[Record]:
    """A Record for every entry that has something to match on (a title, a link or an id)."""
    flat = [(source, entry) for source, rl in enumerate(lists) for entry in rl.entries]
    venues = Venues.build((entry.title, entry.venue) for _, entry in flat)
    return [make_record(i, source, entry, venues) for i, (source, entry) in enumerate(flat)]


def make_record(index: int, source: int, entry: Entry, venues: Venues = NO_VENUES) -> Record:
    """The record of one entry. A title that carries a citation ("... n roussopoulos , a delis
    sigmod record , 1991.0") is matched by its core, and what it carried fills the entry's
    empty author, venue and year fields (``cited.read_title``)."""
    cited = read_cited(entry.title or "", bool(entry.authors), bool(entry.venue), bool(entry.year), venues)
    entry_venue = entry.venue or cited.venue
    core, head, tags = split_title(cited.core)
    aliases = {normalise_title(a) for a in entry.aliases} | {
        t for t in tags if len(t.split()) <= MAX_TAG_NAME and names_a_work(t) and not abbreviates_term(t, core)}
    names = frozenset(n for n in ({core} | aliases) if n)
    strong, weak, held = split_ids(entry)
    url = identity_url(entry.url)
    urls = frozenset(filter(None, map(identity_url, entry.urls or ((entry.url,) if entry.url else ()))))
    surnames, name_tokens, personal, people = author_keys(tuple(entry.authors or cited.authors))
    tokens = content_tokens(core, *sorted(aliases))
    tag_numbers = frozenset().union(*(
        number_tokens(t) for t in tags if len(t.split()) <= MAX_VERSION_TAG and names_a_work(t)))
    if cited.edition:  # a year or volume read off the title may still be an edition ("Handbook 2017")
        tag_numbers |= number_tokens(normalise_title(cited.edition))
    return Record(
        index=index, source=source, entry=entry, title=core, bare=bare_title(core), head=head,
        names=names, numbers=number_tokens(core), tag_numbers=tag_numbers, tokens=tokens, stems=frozenset(map(stem, tokens)),
        strong_ids=strong, weak_ids=weak, container_ids=held, url=url, site=None if url or not entry.url else canonical_url(entry.url),
        urls=urls,
        host=url.split("/")[2] if url else None, year=entry.year or cited.year or arxiv_year(strong),
        **venue_keys(entry_venue), cited=cited.removed, **locator(entry.volume, entry.pages),
        derivative=derivative_of(core) or correction_notice(strip_tags(cited.core)[1]),
        surnames=surnames, name_tokens=name_tokens, people=people, personal=personal, kind=entry.kind,
        generic=is_generic(core) or len(cited.core.split()) == 1,
    )


@lru_cache(maxsize=262144)
def read_cited(title: str, authors: bool, venue: bool, year: bool, venues: Venues) -> Cited:
    return read_title(title, authors=authors, venue=venue, year=year, venues=venues)


@lru_cache(maxsize=262144)
def split_title(title: str) -> tuple[str, str, frozenset[str]]:
    """(core, head, tags): the normalised title without trailing/leading bracket tags, the part
    before its subtitle separator, and the tags themselves."""
    text, tags = strip_tags(title)
    core = normalise_title(text)
    head = normalise_title(_HEAD_SPLIT.split(text, maxsplit=1)[0])
    return core, head, frozenset(t for t in map(normalise_title, tags) if t)


@lru_cache(maxsize=262144)
def strip_tags(title: str) -> tuple[str, tuple[str, ...]]:
    """The title as written without its trailing/leading bracket tags ("[GPT-3] Language Models
    are Few-Shot Learners (2020)" -> "Language Models are Few-Shot Learners"), and the tags."""
    tags: list[str] = []
    text = _unbracket(cut_off_note(title.strip()))
    while (found := trailing_tag(text)) and found[0] > 0:
        tags.append(found[1])
        text = _unbracket(text[: found[0]])
    m = _LEADING_TAG.match(text)
    if m and m.end() < len(text):
        tags.append(m.group(1))
        text = text[m.end():]
    if not normalise_title(text):  # the whole title was a tag: keep it
        return title.strip(), ()
    return text.strip(), tuple(tags)


def cut_off_note(text: str) -> str:
    """The title without a note that a length limit cut off before its closing bracket
    ("... syndrome.[Erratum appears in Hu"): from the first bracket left open, when nothing
    after it closes a bracket (a half-open interval "[0, 1)" closes one) and it opens after the
    title's full stop or holds three words or more ("Hello :-( world" keeps its bracket)."""
    if "(" not in text and "[" not in text:
        return text
    open_at: list[int] = []
    for i, char in enumerate(text):
        if char in "([":
            open_at.append(i)
        elif char in ")]" and open_at:
            open_at.pop()
    if not open_at or any(char in ")]" for char in text[open_at[0]:]):
        return text
    head, note = text[: open_at[0]].rstrip(), text[open_at[0] + 1:]
    if not head or not (head.endswith(".") or len(note.split()) >= 3):
        return text
    return head


def _unbracket(text: str) -> str:
    """MEDLINE writes a translated title in brackets, its notes after: "[Title]. [Polish]"."""
    whole = _WHOLE_TAG.fullmatch(text)
    return whole.group(1) if whole else text


def trailing_tag(text: str) -> tuple[int, str] | None:
    """The bracketed tag that ends ``text`` (before a final full stop), as (where it starts,
    with the space before it; its content). Brackets of its own kind may nest inside it, as in
    MEDLINE's "[Erratum appears in Brain Inj. 2013;27(3):377 Note: Small, S K [added]]"."""
    end = len(text.rstrip().rstrip(".").rstrip())
    close = text[end - 1] if end else ""
    if close not in _OPENERS:
        return None
    depth = 0
    for i in range(end - 1, -1, -1):
        depth += (text[i] == close) - (text[i] == _OPENERS[close])
        if depth == 0:
            return len(text[:i].rstrip()), text[i + 1:end - 1]
    return None


def derivative_of(core: str) -> str | None:
    words = core.split()
    if words and words[0] in DERIVATIVE_LEADS:
        return words[0]
    if core.startswith("expression of concern"):  # not "Expression of TP53 in ..."
        return "expression of concern"
    if core.endswith("book review"):
        return "review"
    if len(words) > 1 and words[-1] in DERIVATIVE_TAILS:
        return words[-1]
    return None


#: The citation of the original that a bibliographic database appends to a correction notice's
#: title: Web of Science's "(vol 360, pg 542, 2009)", Embase's "(N Engl J Med (2009) 360 (542-544))".
_CITES_ORIGINAL = re.compile(
    r"^vol\.? ?\w+, pg\.? ?\w+, (?:19|20)\d\d$|\((?:19|20)\d\d\) \w+ (?:\(\w+\) )?\(\w+(?:-\w+)?\)$",
    re.IGNORECASE)


def correction_notice(tags: Iterable[str]) -> str | None:
    """"erratum" when a title's trailing tag cites the original the notice corrects."""
    return "erratum" if any(_CITES_ORIGINAL.search(t.strip()) for t in tags) else None


def arxiv_year(ids: Iterable[tuple[str, str]]) -> int | None:
    """The year a new-style arXiv id was submitted in (2112.10752 -> 2021)."""
    value = next((v for s, v in ids if s == "arxiv" and re.match(r"^\d{4}\.", v)), None)
    return 2000 + int(value[:2]) if value else None


def bare_title(core: str) -> str:
    bare = " ".join(t for t in core.split() if t not in FORM_WORDS)
    return bare if bare.strip() else core


def number_tokens(normalised: str) -> frozenset[str]:
    """Numbers and version tokens, spelled as digits: "part ii" and "2nd" both give "2"."""
    found = set()
    words = normalised.split()
    for before, t in zip([""] + words, words):
        if before in NUMBERED and len(t) == 1 and t.isalpha():
            found.add({"i": "1", "v": "5", "x": "10"}.get(t, f"{before} {t}"))  # "part i", "appendix b"
        elif t.isdigit():
            found.add(str(int(t)) if len(t) < 6 else t)
        elif t in ROMAN or t in ORDINALS:
            found.add(ROMAN.get(t) or ORDINALS[t])
    return frozenset(found)


def is_year(token: str) -> bool:
    return bool(_YEAR.match(token))


def names_a_work(tag: str) -> bool:
    """A bracket tag that can be a work's name ("GPT-3", "NTUA"), not a form or language note."""
    words = tag.split()
    return bool(words) and not all(w in FORM_WORDS or w in LANGUAGE_WORDS or w in STOPWORDS
                                   or w.isdigit() for w in words)


def abbreviates_term(tag: str, core: str) -> bool:
    """A tag that spells the initials of the title's last words, but not of all of them,
    abbreviates a term the title uses ("... Atypical Hemolytic Uremic Syndrome (aHUS)"); it is
    not the work's name, as "(DPO)" after "Direct Preference Optimization" is."""
    letters, words = tag.replace(" ", ""), core.split()
    return any("".join(w[0] for w in words[-k:]) == letters for k in range(2, len(words)))


@lru_cache(maxsize=262144)  # blocking reads every title's tokens again
def content_tokens(*names: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        for token in name.split():
            if token not in STOPWORDS and (len(token) > 1 or token.isdigit()):
                seen.setdefault(token, None)
    return tuple(seen)


def stem(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


def is_generic(core: str) -> bool:
    """A title many works carry: front matter ("Editorial", "Editor's Comments"), a lone word,
    or a subject and a kind of teaching ("Deep Learning Course"): it names no one work."""
    words = [t for t in core.split() if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]
    if core in GENERIC_TITLES or len(words) <= 1:
        return True
    if len(words) > 4:  # front matter and course names are short
        return False
    if all(w in FRONT_MATTER for w in words):
        return True
    subject = [w for w in words if w not in COURSE_WORDS]
    return len(subject) < len(words) and len(subject) <= 2 and not any(w.isdigit() for w in subject)


def identity_url(url: str | None) -> str | None:
    """The canonical form of a link that can identify a work: a bare site root cannot."""
    if not url:
        return None
    canonical = canonical_url(url)
    path_and_query = canonical.split("/", 3)[3:] if canonical.count("/") >= 3 else []
    return canonical if path_and_query and path_and_query[0] else None


def split_ids(entry: Entry) -> tuple[frozenset, frozenset, frozenset]:
    """(strong, weak, container) identifiers. Strong ones name the entry itself (from its main
    link, its fields or its citation); weak ones are seen only in secondary links (code, slides,
    a blog about it); container ones name what holds the entry: the ISBN of the proceedings a
    paper is printed in, the repository a notebook or a file of a GitHub link sits in. Only
    strong ones join alone or keep two entries apart."""
    held = frozenset(pair for pair in entry.ids if names_container(pair, entry))
    ids = [pair for pair in entry.ids if pair not in held]
    secondary = [u for u in entry.urls if u != entry.url]
    if not secondary:  # every identifier names the entry itself
        return frozenset(ids), frozenset(), held
    from_secondary = {pair for u in secondary for pair in find_ids(u).items()}
    from_main = set(find_ids(entry.url).items()) if entry.url else set()
    strong = {pair for pair in ids if pair in from_main or pair not in from_secondary}
    return frozenset(strong), frozenset(set(ids) - strong), held


#: A GitHub link into a repository that still names the repository itself: its root, a branch,
#: its README.
_REPO_ITSELF = re.compile(r"^/[^/]+/[^/]+(?:/(?:tree|blob)/[^/]+(?:/readme(?:\.\w+)?)?)?/?$", re.IGNORECASE)


def names_container(pair: tuple[str, str], entry: Entry) -> bool:
    """An identifier that names what holds the entry, not the entry: an ISBN on a paper (or an
    item with pages) names the book or proceedings it is in; a GitHub id taken from a link deep
    into a repository (a notebook, a folder, a file) names the repository, not the part."""
    scheme, _ = pair
    if scheme == "isbn":
        return entry.kind == "paper" or bool(entry.pages)
    if scheme == "github" and entry.url and "github.com/" in entry.url.lower():
        path = "/" + canonical_url(entry.url).split("/", 3)[-1] if canonical_url(entry.url).count("/") >= 3 else "/"
        return not _REPO_ITSELF.match(path)
    return False


def generic_key(r: Record) -> tuple:
    """A generic title (without form words: "Tutorial: Data access", "Data access (tutorial
    session)") with its year and its authors' surnames, each by its last three letters, so that
    a letter lost to an encoding ("?zsu", "Özsu") does not make two people of one."""
    return r.bare, r.year, frozenset(s.replace(LOST, "")[-3:] for s in r.surnames)


@dataclass(frozen=True)
class NameIndex:
    """Which identifiers each name is bound to somewhere in the inputs."""

    bound: dict[str, frozenset[tuple[str, str]]]

    @classmethod
    def build(cls, records: Iterable[Record]) -> "NameIndex":
        bound: dict[str, set] = defaultdict(set)
        for r in records:
            for name in r.names:
                bound[name].update(r.strong_ids)
        return cls({name: frozenset(ids) for name, ids in bound.items() if ids})

    def binds(self, name: str, record: Record) -> bool:
        """True when ``name`` is bound to identifiers and all of them are ``record``'s."""
        ids = self.bound.get(name)
        return bool(ids) and ids <= record.strong_ids
