"""The matching rules, declared in one place: thresholds, the evidence that joins two entries,
the vetoes that keep look-alikes apart, and the order in which a verdict is reached.

Every rule has a name; the names are what ``listmerge explain`` and ``dedupe`` print. A rule is
a small function of two ``Record``s (and a ``Pair`` holding what was computed once for both)
that returns a short detail string when it applies, or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Callable

from rapidfuzz import fuzz

from .identify import path_shape
from .authors import LOST
from .records import FORM_WORDS, STOPWORDS, NameIndex, Record, generic_key, is_year, number_tokens
from .trim import trim_citation
from .venues import venues_agree


@dataclass(frozen=True)
class Thresholds:
    """Numbers the verdict depends on, validated when built."""

    title_same: float = 95.0      # title similarity (0-100) that is enough on its own
    title_close: float = 88.0     # similarity that is enough with corroboration
    max_year_gap: int = 2         # preprint to publication; further apart = different works
    long_head: int = 3            # content words a bare head title needs to stand alone
    short_name: int = 3           # names of at most this many content words can't be extended
    surname_similarity: float = 85.0  # surnames this close are one name (lost accents, typos)
    word_similarity: float = 75.0  # title words this close are one word misspelt
    max_block: int = 400          # a word shared by more records than this is not a blocking key
    rare_keys: int = 3            # ... unless a record has no rarer words: then its rarest ones

    def __post_init__(self) -> None:
        if not 0 < self.title_close <= self.title_same <= 100:
            raise ValueError("thresholds must satisfy 0 < title_close <= title_same <= 100")
        if self.max_year_gap < 0 or self.max_block < 2 or self.rare_keys < 1:
            raise ValueError("max_year_gap >= 0, max_block >= 2 and rare_keys >= 1 are required")


#: Kinds a URL or a record type tells reliably; two different ones are two works.
CONFIDENT_KINDS = frozenset({"paper", "book", "blog", "video", "repo", "course", "podcast"})


@dataclass
class Pair:
    """What one comparison computes once: the best-aligned names and their similarity."""

    a: Record
    b: Record
    names: NameIndex
    thresholds: Thresholds
    name_a: str = ""
    name_b: str = ""
    score: float = 0.0
    overrides: frozenset[str] = field(default_factory=frozenset)  # "same" / "distinct" / "unchanged"
    trimmed: tuple[str, ...] = ()  # citation fragments trimmed off the titles to compare them
    cited_authors: tuple[str, ...] = ()  # authors of one that the other's trimmed fragments name
    answers: dict[str, "str | None"] = field(default_factory=dict, repr=False, compare=False)  # once_per_pair

    def __post_init__(self) -> None:
        """Align the two titles when they are close, or when they are once the fragments of a
        citation that the pair's own fields explain are trimmed (``trim_citation``); else the
        most similar pair of names."""
        a, b = self.a, self.b
        if a.title and b.title:
            score = max(fuzz.ratio(a.title, b.title, processor=None, score_cutoff=None),
                        fuzz.ratio(a.bare, b.bare, processor=None, score_cutoff=None))
            if score < self.thresholds.title_same and (found := trim_citation(a, b)):
                core_a, core_b, trimmed, cited = found
                trimmed_score = fuzz.ratio(core_a, core_b, processor=None, score_cutoff=None)
                if trimmed_score > score and trimmed_score >= self.thresholds.title_close:
                    self.score, self.name_a, self.name_b = trimmed_score, core_a, core_b
                    self.trimmed, self.cited_authors = trimmed, cited
                    return
            if score >= self.thresholds.title_close:
                self.score, self.name_a, self.name_b = score, a.title, b.title
                return
        best, rank = (0.0, "", ""), (0.0, "", "")
        for na in a.names:
            for nb in b.names:
                s = fuzz.ratio(na, nb, processor=None, score_cutoff=None)
                mine = (-s, min(na, nb), max(na, nb))  # a tie goes the same way whichever record comes first
                if s > 0 and (not best[1] or mine < rank):
                    best, rank = (s, na, nb), mine
        self.score, self.name_a, self.name_b = best

    @property
    def both_titles(self) -> bool:
        """The names compared are the two titles (or the titles trimmed of citation fragments)."""
        return bool(self.trimmed) or (self.name_a == self.a.title and self.name_b == self.b.title)


Test = Callable[[Pair], "str | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    test: Test


def _fmt_ids(ids) -> str:
    return ", ".join(f"{s}:{v}" for s, v in sorted(ids))


# --- evidence for ------------------------------------------------------------------------------

def same_id(p: Pair) -> str | None:
    shared = p.a.strong_ids & p.b.strong_ids
    return _fmt_ids(shared) if shared else None


def same_link(p: Pair) -> str | None:
    shared = p.a.urls & p.b.urls
    return min(shared) if shared else None


def same_site(p: Pair) -> str | None:
    return p.a.site if p.a.site and p.a.site == p.b.site else None


def linked_id(p: Pair) -> str | None:
    shared = (p.a.strong_ids | p.a.weak_ids) & (p.b.strong_ids | p.b.weak_ids)
    return _fmt_ids(shared) if shared and not p.a.strong_ids & p.b.strong_ids else None


def author_in_title(p: Pair) -> str | None:
    """An author of one is named in a citation fragment of the other's title."""
    return ", ".join(p.cited_authors) if p.cited_authors and not shared_author(p) else None


def citation_trimmed(p: Pair) -> str | None:
    """The titles were compared without fragments of a citation that the pair's fields explain."""
    return "; ".join(f"'{f}'" for f in p.trimmed) if p.trimmed else None


def similar_title(p: Pair) -> str | None:
    if p.both_titles and p.score >= p.thresholds.title_close:
        return f"{p.score:.1f} of 100"
    return None


def subtitle_dropped(p: Pair) -> str | None:
    a, b = p.a, p.b
    for short, long in ((a, b), (b, a)):
        if short.title and long.head != long.title and short.title == long.head:
            return f"'{short.title}' is the head of '{long.title}'"
    return None


def same_name(p: Pair) -> str | None:
    if p.name_a and p.name_a == p.name_b and not p.both_titles:
        return f"'{p.name_a}'"
    return None


def same_year(p: Pair) -> str | None:
    a, b = p.a.year, p.b.year
    return str(a) if a and a == b else None


def year_agrees(p: Pair) -> str | None:
    a, b = p.a.year, p.b.year
    return f"{a}/{b}" if a and b and abs(a - b) == 1 else None


def once_per_pair(test: Test) -> Test:
    """A test that more than one rule asks (evidence and a veto), computed once for a Pair."""
    @wraps(test)
    def once(p: Pair) -> str | None:
        if test.__name__ not in p.answers:
            p.answers[test.__name__] = test(p)
        return p.answers[test.__name__]
    return once


@once_per_pair
def shared_author(p: Pair) -> str | None:
    a, b = p.a, p.b
    if not (a.surnames and b.surnames):
        return None
    shared = (a.surnames & b.name_tokens) | (b.surnames & a.name_tokens)
    if not shared:
        shared = {f"{x}~{y}" for x in a.surnames for y in b.surnames
                  if _similar_surnames(x, y, p.thresholds)
                  or (min(len(x), len(y)) >= 2 and (x.endswith(y) or y.endswith(x)))}
    return ", ".join(sorted(shared)) if shared else None


@once_per_pair
def authors_reversed(p: Pair) -> str | None:
    """Authors written with the given name last ("S. Sunita" for Sunita Sarawagi, as scraped
    citations do): each one's initial is the other's surname's first letter, both ways. Not
    corroboration; it only says the author lists need not disagree."""
    if shared_author(p):
        return None
    found = sorted({f"{x[1]}~{y[1]}" for x in p.a.people for y in p.b.people
                    if x[1] != y[1] and x[0] == y[1][0] and y[0] == x[1][0]})
    return ", ".join(found) if found else None


def _similar_surnames(x: str, y: str, t: Thresholds) -> bool:
    """One surname spelt two ways (a typo, a lost accent, a letter an encoding lost)."""
    if LOST in x or LOST in y:
        return _lost_letters_fit(x, y) or _lost_letters_fit(y, x)
    return bool(fuzz.ratio(x, y, processor=None, score_cutoff=t.surname_similarity))


@lru_cache(maxsize=65536)
def _lost_letters_fit(damaged: str, other: str) -> bool:
    """"gʔntzer" fits "guntzer": each lost letter stands for one or two letters (one accented
    letter is two bytes of UTF-8, so it may be lost as two "?")."""
    if LOST not in damaged or LOST in other:
        return False
    parts = [re.escape(p) for p in damaged.split(LOST)]
    return bool(re.fullmatch(".{0,2}".join(parts), other)) and len(damaged.replace(LOST, "")) >= 3


@once_per_pair
def author_overlap(p: Pair) -> tuple[int, int]:
    """(how many authors of the shorter author list are in the other, how many it has): surnames,
    allowing for typos, lost accents and names written given name last."""
    a, b = p.a, p.b
    if not (a.surnames and b.surnames):
        return 0, 0
    short, long = sorted((a, b), key=lambda r: (len(r.surnames), sorted(r.surnames)))
    found = sum(1 for x in short.surnames if x in long.surnames or x in long.name_tokens
                or any(_similar_surnames(x, y, p.thresholds) for y in long.surnames))
    return found, len(short.surnames)


def authors_agree(p: Pair) -> bool:
    """At least half the authors of the shorter author list are in the other."""
    found, of = author_overlap(p)
    return bool(of) and 2 * found >= of


def same_pages(p: Pair) -> str | None:
    """The same page range (two pages at least) of the same volume, by authors who agree: one
    printed article, whatever its titles say. One page is not enough (a letter and its reply,
    abstracts of a congress can share one)."""
    a, b = p.a, p.b
    if (a.volume and a.volume == b.volume and a.last_page and (a.first_page, a.last_page) ==
            (b.first_page, b.last_page) and authors_agree(p)):
        return f"volume {a.volume}, pages {a.first_page}-{a.last_page}"
    return None


@once_per_pair
def abstract_first(p: Pair) -> str | None:
    """An exception to the first-page veto: a one-page item printed before a longer article in
    the same volume, under the article's title and by authors who agree, may be its meeting
    abstract. An erratum, a reply or a comment is printed after what it is about, so a one-page
    item after the article is not excused; neither is one with another title (a companion
    paper cited by its first page)."""
    a, b = p.a, p.b
    if not (a.volume and a.volume == b.volume and a.first_page and b.first_page
            and a.page_series == b.page_series and p.both_titles and p.score >= p.thresholds.title_same):
        return None
    for one, article in ((a, b), (b, a)):
        if (one.last_page is None and article.last_page and int(one.first_page) < int(article.first_page)
                and authors_agree(p)):
            return (f"page {one.first_page} comes before pages {article.first_page}-{article.last_page} "
                    f"of volume {a.volume}")
    return None


def same_publication(p: Pair) -> str | None:
    """The same long title word for word, in venues that agree, in the same year: one printed
    paper, whatever the author fields say (they are the part of a scraped record most often
    wrong: "ACMS Anthology" as the author, given names for surnames). Not for titles the inputs
    give to several works, nor generic ones."""
    a, b = p.a, p.b
    if (a.title and a.title == b.title and len(a.tokens) >= LONG_TITLE and not (a.shared or b.shared)
            and not (a.generic or b.generic) and a.year and a.year == b.year and same_venue(p)):
        return f"'{a.title}', {a.year}"
    return None


#: Content words a title needs to identify a paper with its venue and year alone.
LONG_TITLE = 5


def same_locator(p: Pair) -> str | None:
    """The same volume and first page (both read with certainty), in the same page series."""
    a, b = p.a, p.b
    if a.volume and a.volume == b.volume and a.first_page and a.first_page == b.first_page \
            and a.page_series == b.page_series:
        return f"volume {a.volume}, page {a.page_series}{a.first_page}"
    return None


@once_per_pair
def same_venue(p: Pair) -> str | None:
    """Venues that name one venue, compared as names (see ``records.venues_agree``)."""
    return f"{p.a.entry.venue} / {p.b.entry.venue}" if venues_agree(p.a, p.b) else None


def one_of_two(p: Pair) -> str | None:
    """A generic title ("Guest Editorial") that the inputs give, by these authors in this year,
    to just these two entries, neither of which has a locator: the inputs themselves tell which
    item it is. Where a volume or page is written, the locator decides (two "Editor's Comments"
    of one volume by one editor are two items)."""
    a, b = p.a, p.b
    if a.twin and b.twin and generic_key(a) == generic_key(b) and not (
            a.volume or b.volume or a.first_page or b.first_page):
        return f"the only two '{a.title}' by {', '.join(sorted(a.surnames))} in {a.year}"
    return None


def name_bound(p: Pair) -> str | None:
    for name, other in ((p.name_a, p.b), (p.name_b, p.a)):
        if name and p.names.binds(name, other):
            return f"'{name}' names {_fmt_ids(p.names.bound[name])} elsewhere"
    return None


EVIDENCE: tuple[Rule, ...] = (
    Rule("same-id", "both name the same identifier", same_id),
    Rule("same-link", "both link the same page", same_link),
    Rule("same-site", "both link the same site (a home page, which alone identifies nothing)", same_site),
    Rule("linked-id", "one links the other's identifier in a secondary link", linked_id),
    Rule("same-pages", "the same pages of the same volume, by authors who agree: one printed article, "
         "whatever the titles and venues say", same_pages),
    Rule("abstract-first", "a one-page item printed before the article of the same volume, under its "
         "title and by authors who agree: its abstract, not kept apart by its page (errata and "
         "replies come after)", abstract_first),
    Rule("citation-trimmed", "the titles compared without citation fragments the pair's own fields explain "
         "(authors, venue, year, citation words, numbers)", citation_trimmed),
    Rule("similar-title", "the titles are (nearly) the same", similar_title),
    Rule("subtitle-dropped", "one title is the other without its subtitle", subtitle_dropped),
    Rule("same-name", "a title or alias of one is an alias of the other", same_name),
    Rule("same-publication", "the same long title in the same venue and year: one paper, whatever the "
         "author fields say", same_publication),
    Rule("same-locator", "the same volume and first page", same_locator),
    Rule("one-of-two", "a generic title the inputs give to just these two entries by these authors that year",
         one_of_two),
    Rule("same-venue", "venues that name one venue (abbreviations, filler and acronyms aside)", same_venue),
    Rule("same-year", "the same year", same_year),
    Rule("year-agrees", "years one apart (a preprint and its publication)", year_agrees),
    Rule("shared-author", "an author surname in common", shared_author),
    Rule("author-in-title", "an author of one is named in the citation fragments of the other's title",
         author_in_title),
    Rule("authors-reversed", "authors written given name last on one side (\"S. Sunita\" for Sunita S.)",
         authors_reversed),
    Rule("name-bound-to-id", "the name is bound to this work's identifier in some list", name_bound),
)

#: What corroborates a close title, an alias or a short name, and how much each piece weighs.
#: Each shared author surname is a piece, up to ``MAX_AUTHOR_PIECES``.
CORROBORATION: dict[str, int] = {
    "linked-id": 3, "name-bound-to-id": 3, "same-site": 2, "same-locator": 2, "same-year": 1,
    "year-agrees": 1, "shared-author": 1, "author-in-title": 1, "same-venue": 1,
}
MAX_AUTHOR_PIECES = 2
#: How much corroboration a name needs: a plain title one piece; a title the inputs give to
#: several works (``Record.shared``) two.
CORROBORATION_NEEDED = {"plain": 1, "shared": 2}
#: A generic title ("Editor's Comments", "Deep Learning Course", a lone word) joins only on
#: evidence that points at one item: an identifier, a shared link or site, or a locator.
IDENTIFYING = frozenset({"linked-id", "name-bound-to-id", "same-site", "same-locator", "same-pages", "one-of-two"})


#: Vetoes about how a work is named or catalogued, which the printed pages outrank: a section
#: heading before a title ("Medical progress"), a reference pasted after it, a translated or
#: reworded title, a journal under two names.
OUTRANKED_BY_PAGES = frozenset({"numbers-differ", "extends-title", "words-differ", "different-publication"})
#: Vetoes about author fields, which the same long title in the same venue and year outranks.
OUTRANKED_BY_PUBLICATION = frozenset({"no-shared-author", "authors-disagree"})


def corroboration_needed(a: Record, b: Record, alias: bool = False) -> int:
    """An alias or acronym ("GPT-3", "(aHUS)") is as weak as a shared title."""
    return CORROBORATION_NEEDED["shared" if alias or a.shared or b.shared else "plain"]


def pieces(found: dict[str, str]) -> int:
    """How much corroboration the evidence ``found`` (rule name -> detail) adds up to."""
    total = 0
    for name, detail in found.items():
        weight = CORROBORATION.get(name, 0)
        if name in ("shared-author", "author-in-title"):
            weight *= min(MAX_AUTHOR_PIECES, len(detail.split(", ")))
        total += weight
    return total


def corroborated(found: dict[str, str], a: Record, b: Record, alias: bool = False) -> bool:
    """Enough corroboration for the kind of name matched. A title the inputs give to several
    works (a column that comes back every issue) is not backed by years one apart: installments
    follow each other year on year, so its years must be the same where both are known."""
    if a.generic or b.generic:
        return bool(IDENTIFYING & found.keys())
    if a.shared or b.shared:
        if a.year and b.year and a.year != b.year:
            return False
        found = {k: v for k, v in found.items() if k != "year-agrees"}
    return pieces(found) >= corroboration_needed(a, b, alias)


# --- evidence against (vetoes) -----------------------------------------------------------------

def different_id(p: Pair) -> str | None:
    a, b = dict(p.a.strong_ids), dict(p.b.strong_ids)
    if p.a.strong_ids & p.b.strong_ids:
        return None
    clash = sorted(s for s in a.keys() & b.keys() if a[s] != b[s])
    return "; ".join(f"{s}:{a[s]} vs {s}:{b[s]}" for s in clash) or None


def numbers_differ(p: Pair) -> str | None:
    """Numbers of the compared names differ. A year that only one side writes in its title
    ("... March 1994") is a date, not a version, and is left out."""
    if not (p.name_a and p.name_b):
        return None
    if p.both_titles and not p.trimmed and subtitle_dropped(p):  # numbers of the dropped subtitle do not count
        na, nb = (number_tokens(r.head) for r in (p.a, p.b))
    elif p.both_titles and not p.trimmed:
        na, nb = p.a.numbers, p.b.numbers
        if p.a.tag_numbers and p.b.tag_numbers:  # "(7B)" / "(13B)"; one tag alone is an alias ("(Word2vec)")
            na, nb = na | p.a.tag_numbers, nb | p.b.tag_numbers
    else:
        na, nb = number_tokens(p.name_a), number_tokens(p.name_b)
    years_a, years_b = {n for n in na if is_year(n)}, {n for n in nb if is_year(n)}
    if not (years_a and years_b):
        na, nb = na - years_a, nb - years_b
    if na == nb:
        return None
    return f"'{' '.join(sorted(na)) or '-'}' vs '{' '.join(sorted(nb)) or '-'}'"


def extends_title(p: Pair) -> str | None:
    ta, tb = p.name_a.split(), p.name_b.split()
    if not ta or not tb or ta == tb:
        return None
    (short, long), long_rec = ((ta, tb), p.b) if len(ta) <= len(tb) else ((tb, ta), p.a)
    n = len(short)
    at = next((i for i in range(len(long) - n + 1) if long[i:i + n] == short), None)
    if at is None:
        return None
    extra = long[:at] + long[at + n:]
    if not [t for t in extra if t not in STOPWORDS and t not in FORM_WORDS]:
        return None
    if len([t for t in short if t not in STOPWORDS]) > p.thresholds.short_name:
        return None  # a long title with a few more words: a truncation, left to the score
    if at == 0 and " ".join(long) == long_rec.title and " ".join(short) == long_rec.head:
        return None  # the short one is the head: a dropped subtitle, not an extension
    return f"'{' '.join(long)}' adds '{' '.join(extra)}' to '{' '.join(short)}'"


def words_differ(p: Pair) -> str | None:
    """Each title has a content word the other lacks, not even as a misspelling: a word was
    swapped for another ("adult" / "pediatric", "resistant to" / "on chronic"). Editors reword
    titles too ("system" / "project"), so the swap does not separate entries whose authors
    mostly agree. Only titles close enough to join on are compared word by word."""
    if not p.both_titles or p.score < p.thresholds.title_close or p.a.title == p.b.title or authors_agree(p):
        return None
    wa, wb = (_title_words(p.name_a), _title_words(p.name_b)) if p.trimmed else \
        (_title_words(p.a.bare), _title_words(p.b.bare))
    only_a, only_b = _unmatched(wa, wb, p.thresholds), _unmatched(wb, wa, p.thresholds)
    if only_a and only_b:
        return f"'{' '.join(only_a)}' vs '{' '.join(only_b)}'"
    return None


def _title_words(title: str) -> list[str]:
    return [t for t in title.split() if t not in STOPWORDS and not t.isdigit()]


def _unmatched(words: list[str], others: list[str], t: Thresholds) -> list[str]:
    """The words with no equal, no misspelling and no place inside the other title's words run
    together ("multicentre" against "multi centre")."""
    joined = "".join(others)
    return [w for w in words if w not in others and w not in joined and not any(
        fuzz.ratio(w, o, processor=None, score_cutoff=t.word_similarity) for o in others)]


def year_gap(p: Pair) -> str | None:
    a, b = p.a.year, p.b.year
    if a and b and abs(a - b) > p.thresholds.max_year_gap:
        return f"{a} vs {b}"
    return None


def different_publication(p: Pair) -> str | None:
    a, b = p.a, p.b
    if a.venue and b.venue and a.year and b.year and a.year != b.year and a.venue != b.venue and not same_venue(p):
        return f"{a.year} {a.entry.venue} vs {b.year} {b.entry.venue}"
    return None


def different_locator(p: Pair) -> str | None:
    """Different volumes, or different first pages. Two page ranges that end on the same page
    are one article whose first page was mistyped ("2297-2108" / "2097-2108"): separate
    articles do not end on the same page. An abstract printed before its article
    (``abstract_first``) is not kept apart by its page either."""
    a, b = p.a, p.b
    if a.volume and b.volume and a.volume != b.volume:
        return f"volume {a.volume} vs {b.volume}"
    if a.first_page and b.first_page and a.first_page != b.first_page and not (
            a.last_page and a.last_page == b.last_page) and not abstract_first(p):
        return f"first page {a.first_page} vs {b.first_page}"
    return None


def derivative_work(p: Pair) -> str | None:
    """An erratum, comment or reply is about another work; so is a review, but a review is
    written by someone other than the reviewed work's authors, so a plain entry sharing an
    author with a review is that review catalogued under the title it reviews."""
    a, b = p.a.derivative, p.b.derivative
    if a == b or ({a, b} == {"review", None} and shared_author(p)):
        return None
    return f"'{a or '-'}' vs '{b or '-'}'"


def no_shared_author(p: Pair) -> str | None:
    a, b = p.a, p.b
    if a.personal and b.personal and not shared_author(p) and not authors_reversed(p):
        return f"{', '.join(sorted(a.surnames))} vs {', '.join(sorted(b.surnames))}"
    return None


def authors_disagree(p: Pair) -> str | None:
    """Both list two people or more, and most of the shorter list is missing from the other: one
    author in common is the editor of a column or a frequent co-author, not one author list."""
    found, of = author_overlap(p)
    if p.a.personal and p.b.personal and of >= 2 and 0 < 2 * found < of:
        return f"{found} of {of}: {', '.join(sorted(p.a.surnames))} vs {', '.join(sorted(p.b.surnames))}"
    return None


def different_kind(p: Pair) -> str | None:
    a, b = p.a.kind, p.b.kind
    if a != b and a in CONFIDENT_KINDS and b in CONFIDENT_KINDS:
        return f"{a} vs {b}"
    return None


def same_site_different_link(p: Pair) -> str | None:
    """Different pages of one site. Links in two different URL schemes of the site (NeurIPS'
    "/paper/4824-slug.pdf" and "/paper/2012/hash/...") may name one page, unless one lies under
    the other (a notebook inside a repository)."""
    a, b = p.a, p.b
    if not (a.url and b.url and a.host == b.host and a.url != b.url and not a.urls & b.urls):
        return None
    if path_shape(a.url) != path_shape(b.url) and not _under(a.url, b.url) and not _under(b.url, a.url):
        return None
    return f"{a.url} vs {b.url}"


def _under(url: str, other: str) -> bool:
    return other.startswith(url.rstrip("/") + "/")


def override_distinct(p: Pair) -> str | None:
    return "listed as distinct in the overrides" if "distinct" in p.overrides else None


VETOES: tuple[Rule, ...] = (
    Rule("override-distinct", "an overrides file says these are different works", override_distinct),
    Rule("different-id", "different identifiers of the same scheme", different_id),
    Rule("numbers-differ", "number or version tokens differ (GPT-2/GPT-3, part 1/part 2)", numbers_differ),
    Rule("extends-title", "one title is the other plus a distinguishing head or tail", extends_title),
    Rule("words-differ", "each title has a word the other lacks (a word swapped, not misspelt)", words_differ),
    Rule("year-gap", "years further apart than a preprint-to-publication gap", year_gap),
    Rule("different-publication", "published in different venues in different years "
         "(a conference paper and its journal version)", different_publication),
    Rule("different-locator", "different volumes or first pages", different_locator),
    Rule("derivative-work", "one is an erratum, comment, reply or review of the other (a review "
         "and a plain entry by one of its authors are the review twice)", derivative_work),
    Rule("no-shared-author", "both list people as authors and no surname is shared", no_shared_author),
    Rule("authors-disagree", "most of the shorter author list is missing from the other", authors_disagree),
    Rule("different-kind", "one is a paper, the other a post, video, repo, book...", different_kind),
    Rule("same-site-different-link", "different pages of the same site", same_site_different_link),
)

RULES_BY_NAME = {rule.name: rule for rule in EVIDENCE + VETOES}
