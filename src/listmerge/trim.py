"""Two titles compared without the citation fragments around them that the pair's own fields
explain: "alon levy . a scalable algorithm for answering queries using views" and "a scalable
algorithm for answering queries using views , vldb '99" share their core, and the words before
and after it are an author's name, a venue and a year of the pair."""
from __future__ import annotations

import re

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from .cited import CITATION_WORDS
from .records import FORM_WORDS, STOPWORDS, Record


#: Words that may be left over around a title that a citation was pasted into, whoever wrote it.
_CITING = CITATION_WORDS | STOPWORDS | FORM_WORDS | {
    "et", "al", "etal", "and", "others", "editor", "editors", "eds", "ed", "id", "no", "group", "laquo", "nbsp",
    "amp", "quot", "hellip"}
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$|^(?:st|nd|rd|th)$")


def trim_citation(a: Record, b: Record) -> tuple[str, str, tuple[str, ...], tuple[str, ...]] | None:
    """The two titles' common core, when what lies before or after it on either side is a
    citation fragment that the pair's own fields explain: author names (also glued to a word,
    "ramanv", or misspelt), given names of those authors next to them, venue words, a year of
    the pair, citation words ("in : proc . 20th int"), page and volume numbers. Each fragment
    needs one such word that is not a number, an initial or a stopword, so "Llama 2" against
    "Llama" trims nothing. Returns (core a, core b, fragments, the other record's surnames that
    a fragment names: an author of one written in the other's title)."""
    ta, tb = a.title.split(), b.title.split()
    if not ta or not tb or (ta[0] == tb[0] and ta[-1] == tb[-1]):
        return None  # nothing before or after a common core
    equal = [op for op in Indel.opcodes(ta, tb) if op.tag == "equal"]
    if sum(op.src_end - op.src_start for op in equal) < 2:
        return None
    a0, b0, a1, b1 = equal[0].src_start, equal[0].dest_start, equal[-1].src_end, equal[-1].dest_end
    core_a, core_b = ta[a0:a1], tb[b0:b1]
    fragments = [(f, other) for f, other in ((ta[:a0], b), (ta[a1:], b), (tb[:b0], a), (tb[b1:], a)) if f]
    if not fragments or min(_content_words(core_a), _content_words(core_b)) < TRIMMED_CORE:
        return None
    known = _explainers(a, b)
    initials = frozenset(g for g, _ in a.people + b.people)
    cited: set[str] = set()
    for fragment, other in fragments:
        if not _explained(fragment, known, initials):
            return None
        cited.update(n for n in other.surnames if any(w == n or _glued_name(w, frozenset([n])) for w in fragment))
    return " ".join(core_a), " ".join(core_b), tuple(" ".join(f) for f, _ in fragments), tuple(sorted(cited))


#: Content words a trimmed core must keep.
TRIMMED_CORE = 2


def _content_words(words: list[str]) -> int:
    return sum(1 for w in words if w not in STOPWORDS and len(w) > 1)


def _explainers(a: Record, b: Record) -> tuple[frozenset[str], frozenset[str]]:
    """(names, other words) the pair's own fields give: author surnames and name tokens; venue
    words and years, as written in four digits and in two."""
    names = a.name_tokens | b.name_tokens | a.surnames | b.surnames
    years = {str(y + d) for y in (a.year, b.year) if y for d in (-1, 0, 1)}
    return frozenset(names), frozenset(a.venue_tokens | b.venue_tokens | years | {y[2:] for y in years})


def _explained(fragment: list[str], known: tuple[frozenset[str], frozenset[str]], initials: frozenset[str]) -> bool:
    """Every word of ``fragment`` is explained, and one of them is an anchor (a surname, a venue
    word, a year of the pair, a citation word). A citation lists authors, so in a fragment that
    names one of the pair's authors, a given name written out whose initial an author has
    ("raghu ramakrishnan", "sycvj tsotras") is explained too."""
    names, words = known
    spelt = _spelt(fragment, words)
    anchored = named = bool(spelt)
    given = []
    for k, w in enumerate(fragment):
        if k in spelt:
            continue
        if w in names or _glued_name(w, names):
            named = named or (len(w) > 1 and not w.isdigit() and w not in STOPWORDS)
        elif w in words or _abbreviation(w, words):
            anchored = True
        elif w in _CITING:
            anchored = anchored or w in CITATION_WORDS
        elif w.isdigit() or _ORDINAL.match(w) or len(w) <= 3:  # numbers, ordinals, initials
            continue
        elif w[0] in initials:
            given.append(w)
        else:
            return False
    return (anchored or named) and (named or not given)


def _spelt(fragment: list[str], words: frozenset[str]) -> set[int]:
    """Positions of the runs of the fragment that write out one of the pair's venue words, their
    initials (stopwords left out) spelling it, or the start of it, three letters or more, where a
    name was cut short: "association of computing machinery" for "acm", "very large data" for
    "vldb"."""
    found: set[int] = set()
    start = 0
    while start < len(fragment):
        best = None
        initials, run = "", []
        for k in range(start, len(fragment)):
            w = fragment[k]
            if w in STOPWORDS and run:
                continue
            if not w.isalpha() or w in STOPWORDS:
                break
            initials += w[0]
            run.append(k)
            if len(initials) >= 3 and any(v == initials or (len(v) > len(initials) and v.startswith(initials))
                                          for v in words if v.isalpha()):
                best = (run[0], run[-1])
        if best:
            found.update(range(best[0], best[1] + 1))
            start = best[1] + 1
        else:
            start += 1
    return found


def _abbreviation(word: str, words: frozenset[str]) -> bool:
    """A venue word cut short as citations cut them ("trans", "syst", "proc" for the pair's
    "transactions", "systems", "proceedings"): three letters or more, the start of a longer one."""
    return len(word) >= 3 and word.isalpha() and any(len(v) > len(word) and v.startswith(word) for v in words)


def _glued_name(word: str, names: frozenset[str]) -> bool:
    """A surname run into an initial or another name ("ramanv", "shamkantnavathe"), or one
    misspelt ("simeon" for "simщon") or cut where a letter was lost ("sayga n" for "saygın")."""
    return len(word) > 4 and any(len(n) >= 4 and (n in word or fuzz.ratio(word, n, processor=None, score_cutoff=80)
                                                  or (len(n) > 4 and word[:4] == n[:4]))
                                 for n in names)
