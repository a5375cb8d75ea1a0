"""merge3 never loses or invents an entry, in any shape a list takes: a property over generated
histories (a base list, two descendants that keep, remove, edit, move and add entries, both
adding the same ones at times), written as markdown bullets, ordered lists and tables, plain
text, citation bullets, a discussion thread and a saved web page, with untitled and duplicate
entries, CRLF line endings and a BOM.

Run many more examples with ``--hypothesis-profile nightly`` (see conftest.py)."""
from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from hypothesis import given
from hypothesis import strategies as st

from listmerge.load import read_versions
from listmerge.merge3 import Version, merge_versions

WORDS = ["Sparse", "Mixture", "Retrieval", "Diffusion", "Contrastive", "Recurrent", "Graph", "Latent", "Causal", "Neural"]
TITLES = ["{} Models for Reading Lists", "{} Models for Reading Lists at Scale", "On {} Learning", None]
LINKS = ["https://arxiv.org/abs/{}", "https://arxiv.org/pdf/{}", "https://arxiv.org/abs/{}v2"]
NOTES = ["", "a classic", "read this first", "skim the appendix"]
SECTIONS = ["Papers", "Blogs"]
ID = re.compile(r"2101\.1(\d{4})")


def arxiv(work: int) -> str:
    return f"2101.{10000 + work}"


value = st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 3), st.integers(0, 1))
base_entries = st.lists(st.tuples(st.integers(0, len(WORDS) - 1), value), max_size=7)


@st.composite
def descendant(draw, base, shared_additions):
    """A side derived from base: each entry kept, removed, edited or moved; works added (some of
    them the additions both sides make)."""
    entries = []
    for work, v in base:
        op = draw(st.sampled_from(["keep", "keep", "keep", "remove", "edit", "move"]))
        if op == "remove":
            continue
        if op == "edit":
            v = draw(value)
        entries.insert(draw(st.integers(0, len(entries))) if op == "move" else len(entries), (work, v))
    added = draw(st.lists(st.integers(0, len(WORDS) - 1), max_size=3, unique=True))
    for work, v in [*shared_additions, *((w, draw(value)) for w in added)]:
        if draw(st.booleans()) or (work, v) in shared_additions:
            entries.insert(draw(st.integers(0, len(entries))), (work, v))
    return entries


@st.composite
def histories(draw):
    base = draw(base_entries)
    shared = draw(st.lists(st.tuples(st.integers(0, len(WORDS) - 1), value), max_size=2, unique_by=lambda x: x[0]))
    return base, draw(descendant(base, shared)), draw(descendant(base, shared))


def _title(work: int, v) -> str | None:
    return TITLES[v[0]].format(WORDS[work]) if TITLES[v[0]] else None


def _link(work: int, v) -> str:
    return LINKS[v[1]].format(arxiv(work))


def _by_section(entries):
    return [[(w, v) for w, v in entries if v[3] == n] for n in range(len(SECTIONS))]


def markdown(entries) -> list[str]:
    out = ["# Reading list", ""]
    for name, items in zip(SECTIONS, _by_section(entries)):
        out += [f"## {name}", ""]
        for w, v in items:
            title = _title(w, v)
            item = f"[{title}]({_link(w, v)})" if title else _link(w, v)
            out.append(f"- {item}" + (f" — {NOTES[v[2]]}" if NOTES[v[2]] else ""))
        out.append("")
    return out


def ordered(entries) -> list[str]:
    out = ["# Reading list", ""]
    for name, items in zip(SECTIONS, _by_section(entries)):
        out += [f"## {name}", ""]
        for n, (w, v) in enumerate(items, 1):
            title = _title(w, v) or WORDS[w]
            out.append(f"{n}. [{title}]({_link(w, v)})" + (f" — {NOTES[v[2]]}" if NOTES[v[2]] else ""))
        out.append("")
    return out


def table(entries) -> list[str]:
    out = ["# Reading list", ""]
    for name, items in zip(SECTIONS, _by_section(entries)):
        out += [f"## {name}", "", "| Paper | Note |", "| --- | --- |"]
        out += [f"| [{_title(w, v) or WORDS[w]}]({_link(w, v)}) | {NOTES[v[2]]} |" for w, v in items]
        out.append("")
    return out


def plaintext(entries) -> list[str]:
    out = ["Reading list", ""]
    for name, items in zip(SECTIONS, _by_section(entries)):
        out.append(f"{name}:")
        for w, v in items:
            title = _title(w, v)
            note = f" — {NOTES[v[2]]}" if NOTES[v[2]] and title else ""
            out.append(f"{title}{note} {_link(w, v)}" if title else _link(w, v))
        out.append("")
    return out


def citations(entries) -> list[str]:
    out = ["---", "title: Reading list", "---", ""]
    for name, items in zip(SECTIONS, _by_section(entries)):
        out += [f"## {name}", ""]
        for w, v in items:
            title = _title(w, v) or f"{WORDS[w]} Notes"
            note = f" -- {NOTES[v[2]]}" if NOTES[v[2]] else ""
            out.append(f'- {WORDS[w]} et al. ({2000 + w}). "{title}." {_link(w, v)}{note}')
        out.append("")
    return out


def thread(entries) -> list[str]:
    out = ["Which papers should a newcomer read?", ""]
    for w, v in entries:
        title = _title(w, v)
        quoted = f'I recommend "{title}" ' if title else "See "
        out += [f"{quoted}{_link(w, v)}" + (f" ({NOTES[v[2]]})" if NOTES[v[2]] else ""), ""]
    return out


def webpage(entries) -> list[str]:
    out = ["Title: Reading list", "URL Source: https://example.org/reading", "", "Markdown Content:", ""]
    for items in _by_section(entries):
        for n, (w, v) in enumerate(items, 1):
            out.append(f"{n}. [{_title(w, v) or WORDS[w]}]({_link(w, v)})" + (f" — {NOTES[v[2]]}" if NOTES[v[2]] else ""))
        out.append("")
    return out


#: shape -> (writer, parser, whether the parser reads each line the writer wrote as an entry)
SHAPES = {
    "markdown": (markdown, "markdown", True),
    "ordered": (ordered, "markdown", True),
    "table": (table, "markdown", False),
    "plaintext": (plaintext, "plaintext", True),
    "citations": (citations, "citations", True),
    "thread": (thread, "thread", False),
    "webpage": (webpage, "webpage", True),
}


#: Shapes whose text does not show an entry's section (a thread; a saved page's numbered lists,
#: one after the other without headings): an entry put in another section is only moved there.
UNSECTIONED = {"thread", "webpage"}


def as_written(shape: str, entries):
    """The entries in the order the shape writes them, with their section where the text shows it."""
    if shape not in UNSECTIONED:
        return entries
    order = entries if shape == "thread" else [e for group in _by_section(entries) for e in group]
    return [(w, (*v[:3], 0)) for w, v in order]


def written(lines: list[str], bom: bool, crlf: bool) -> str:
    eol = "\r\n" if crlf else "\n"
    return ("\ufeff" if bom else "") + eol.join(lines) + eol


def merge(tmp_path, shape: str, texts: list[str]):
    paths = []
    for name, text in zip(("base", "ours", "theirs"), texts):
        path = tmp_path / f"{name}.{'txt' if SHAPES[shape][1] in ('plaintext', 'thread') else 'md'}"
        path.write_bytes(text.encode("utf-8"))
        paths.append(str(path))
    _, versions = read_versions(paths, SHAPES[shape][1], texts=texts)
    sides = [Version(s, p, t, lists) for s, p, t, (_, lists) in zip(("base", "ours", "theirs"), paths, texts, versions)]
    return merge_versions(*sides)


def clean_and_conflicted(text: str) -> tuple[str, str]:
    """The text outside conflict blocks, and the text inside them."""
    outside, inside, depth = [], [], False
    for line in text.splitlines():
        if line.startswith("<<<<<<< "):
            depth = True
        elif line.startswith(">>>>>>> "):
            depth = False
        elif line != "=======" or not depth:
            (inside if depth else outside).append(line)
    return "\n".join(outside), "\n".join(inside)


def expected_works(base, ours, theirs) -> tuple[set[int], set[int]]:
    """The works the result must hold, and those it may hold or not. Each copy of an entry (a
    work with its title, link, note and section) counts: a copy one side removed and the other
    left is removed, one added is added (so a work survives where a side edited it, added it or
    kept a copy the other removed). Where both sides removed some of a work's identical copies,
    which ones they removed cannot be told apart; where one side only moved a copy the other
    removed, git keeps it and a removal may win too: either is right."""
    counts = [Counter(side) for side in (base, ours, theirs)]
    moved = _moved(base, ours) | _moved(base, theirs)
    certain, either = set(), set()
    for key in set().union(*counts):
        b, o, t = (c[key] for c in counts)
        low = max(0, o + t - b)
        high = min(o, t) if o < b and t < b else low
        if low:
            certain.add(key[0])
        elif high or (key[0] in moved and (o or t)):
            either.add(key[0])
    return certain, either - certain


def _moved(base, side) -> set[int]:
    """The works of base, when ``side`` reordered the entries it shares with base (which copy
    of a repeated entry moved cannot be told, so any may have)."""
    shared = {w for w, _ in base} & {w for w, _ in side}
    a, b = [x for x in base if x[0] in shared], [x for x in side if x[0] in shared]
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    kept = sum(block.size for block in blocks)
    return {w for w, _ in base} if kept < min(len(a), len(b)) else set()


@given(histories(), st.sampled_from(sorted(SHAPES)), st.booleans(), st.booleans())
def test_nothing_is_lost_nothing_invented_nothing_doubled(tmp_path, history, shape, bom, crlf):
    base, ours, theirs = history
    write = SHAPES[shape][0]
    texts = [written(write(side), bom, crlf) for side in (base, ours, theirs)]
    result = merge(tmp_path, shape, texts)
    outside, inside = clean_and_conflicted(result.text)
    found, clean = {int(m) for m in ID.findall(outside + inside)}, {int(m) for m in ID.findall(outside)}
    certain, either = expected_works(*(as_written(shape, side) for side in history))
    assert certain <= found, "a work lost"
    assert clean <= certain | either, "a removed work kept outside a conflict"
    assert found <= {w for w, _ in [*base, *ours, *theirs]}, "a work invented"
    assert len(result.conflicts) == result.text.count("<<<<<<< ours"), "every conflict is written with markers"
    if SHAPES[shape][2]:
        counts = Counter(int(m) for m in ID.findall(outside))
        # an entry is a work in a section: a work both sides put in different sections is two
        # entries (as git's line merge keeps it); in one section, as many as the side with most
        most = {w: sum(max(sum(1 for x, v in side if x == w and v[3] == n) for side in (ours, theirs))
                       for n in range(len(SECTIONS))) for w in counts}
        assert all(counts[w] <= most[w] for w in counts), "an entry written more often than either side has it"
    assert result.text.startswith("\ufeff") == bom or not result.text
    body = result.text.replace("\r\n", "")
    assert ("\n" in body) == (not crlf) or "<<<<<<<" in result.text


@given(histories(), st.sampled_from(sorted(SHAPES)))
def test_the_same_history_merges_to_the_same_bytes(tmp_path, history, shape):
    texts = [written(SHAPES[shape][0](side), False, False) for side in history]
    assert merge(tmp_path, shape, texts) == merge(tmp_path, shape, texts)
