"""The canon in its four forms: canon.md for people, canon.json for machines, canon.yaml (our own
list format, which listmerge reads back) and canon.bib."""
from __future__ import annotations

import re
from functools import partial
from typing import Any

from ..merge import Canon, Work
from ..model import Entry, ReadingList, Section
from ..names import split_name
from ..escape import linkable, md_cell, md_code, md_text, safe_url
from ..records import ET_AL
from ..serialize import FORMAT_VERSION, entry_to_dict
from .data import Made, to_json, to_yaml
from .works import _join

CANON_TITLE = "Reading list canon"


# --- list tags --------------------------------------------------------------------------------

def list_tags(canon: Canon) -> list[str]:
    """A short tag per list ("LSP" for latent-space-2025-papers), unique among the lists."""
    tags: list[str] = []
    taken: set[str] = set()
    following: dict[str, int] = {}  # the next number to try after a base
    for rl in canon.lists:
        words = [w for w in re.split(r"[^A-Za-z0-9]+", rl.name) if w and not w.isdigit()]
        base = ("".join(w[0] for w in words[:4]) or "L").upper()
        tag, n = base, following.get(base, 2)
        while tag in taken:
            tag, n = f"{base}{n}", n + 1
        following[base] = n
        tags.append(tag)
        taken.add(tag)
    return tags


def sources(canon: Canon, work: Work, tags: list[str]) -> str:
    """'LSP:120, AER:845 (mention)': where each of the work's entries is."""
    out = []
    for i in work.members:
        r = canon.record(i)
        out.append(f"{tags[r.source]}:{r.entry.line}" + (" (mention)" if r.entry.role == "mention" else ""))
    return ", ".join(out)


# --- canon.md ---------------------------------------------------------------------------------

def canon_markdown(canon: Canon) -> str:
    tags = list_tags(canon)
    m = len(canon.lists)
    lines = [f"# {CANON_TITLE}", "", summary(canon), ""]
    lines += ["| tag | list | file | entries |", "| --- | --- | --- | --- |"]
    lines += [f"| {tag} | {_cell(rl.title or rl.name)} | {file_cell(rl)} | {len(rl.entries)} |"
              for tag, rl in zip(tags, canon.lists)]
    lines += ["", "Each work: its link, authors and year, how many of the lists include it, and "
              "where: `TAG:line` is the file of that tag and the line of the entry.", "", "## Topics", ""]
    lines += [f"- [{_text(t.name)}](#{anchor(t.name)}) ({len(canon.in_topic(t.name))})" for t in canon.topics]
    for topic in canon.topics:
        lines += ["", f"## {_text(topic.name)}", ""]
        lines += [work_line(canon, w, tags, m) for w in canon.in_topic(topic.name)]
    return "\n".join(lines) + "\n"


def summary(canon: Canon) -> str:
    shown, m = canon.shown, len(canon.lists)
    several = sum(w.support > 1 for w in canon.works)
    everywhere = sum(w.support == m for w in canon.works)
    text = (f"{len(canon.works)} works from {sum(len(rl.entries) for rl in canon.lists)} entries in {m} lists, "
            f"in {len(canon.topics)} topics; {several} are in more than one list, {everywhere} in all {m}.")
    if canon.min_support > 1:
        text += f" Shown: the {len(shown)} works in at least {canon.min_support} lists."
    return text


def work_line(canon: Canon, work: Work, tags: list[str], m: int) -> str:
    head = link(work.title, work.url)
    facts = [f for f in (_byline(work.authors), str(work.year) if work.year else "") if f]
    also = [f"also “{_text(a)}”" for a in work.aliases[:3]]
    parts = [head + (f" — {' '.join(facts)}" if facts else ""), *also,
             f"{work.support} of {m} lists: {sources(canon, work, tags)}"]
    return "- " + " · ".join(parts)


def _byline(authors: tuple[str, ...]) -> str:
    """"Vaswani et al." or "Gu & Dao": surnames, as a reader expects them."""
    named = [a for a in authors if a.strip().lower() not in ET_AL]
    if not named:
        return ""
    surnames = [split_name(a).full_surname or a for a in named]
    if len(named) > 2 or len(named) < len(authors):
        return f"{surnames[0]} et al."
    return " & ".join(surnames)


def label(work: Work) -> str:
    return work.title or work.url or "(untitled)"


def anchor(name: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", name.lower()).replace(" ", "-")


_text, _cell = md_text, md_cell


def link(title: str | None, url: str | None) -> str:
    """A work as markdown: its title linked to its URL, an untitled work's URL as an autolink.
    The URL is percent-encoded where it holds what a link cannot (a newline, a bracket); a URL
    that is no web address (javascript:, data:) is shown as text, not linked."""
    if not url:
        return _text(title or "")
    if not linkable(url):
        return f"{_text(title)} ({_text(url)})" if title else _text(url)
    href = safe_url(url)
    if not title:
        return f"<{href}>"
    return f"[{_text(title)}]({f'<{href}>' if re.search(r'[()]', href) else href})"


def file_cell(rl: ReadingList) -> str:
    """The file a list was read from, as the reader knows it; a list that names another file as
    its own (a listmerge dump) says so, as a claim."""
    cell = md_code(rl.file)
    return cell if rl.path == rl.file else f"{cell} (says it is {md_code(rl.path)})"


# --- canon.json -------------------------------------------------------------------------------

def canon_data(canon: Canon, made: bool = False) -> dict[str, Any]:
    """The canon as plain data. ``made``: its works as ``Made`` lists, each work's dict made as
    it is written (canon_json; at 100k entries they would take about a gigabyte together)."""
    tags = list_tags(canon)
    each = partial(_work, canon)
    rows = (lambda works: Made(works, each)) if made else (lambda works: list(map(each, works)))
    lists = [{"name": rl.name, "path": rl.path, "format": rl.format, "title": rl.title, "tag": tag,
              "entries": len(rl.entries), **({"read_from": rl.file} if rl.file != rl.path else {})}
             for tag, rl in zip(tags, canon.lists)]
    topics = [{"name": t.name,
               "sections": [{"list": canon.lists[u.source].name, "section": list(u.path)} for u in t.units],
               "works": [w.id for w in canon.in_topic(t.name)]} for t in canon.topics]
    return {"listmerge": FORMAT_VERSION, "summary": summary(canon), "lists": lists, "topics": topics,
            "works": rows(canon.shown), "untitled": rows(canon.untitled),
            "overrides": list(canon.matching.notes),
            "kept_apart": [{"join": _join(canon.matching, r.join), "conflict": _join(canon.matching, r.conflict)}
                           for r in canon.matching.refusals],
            "problems": problems(canon)}


def _work(canon: Canon, work: Work) -> dict[str, Any]:
    return {"id": work.id, "title": work.title, "ids": dict(work.ids), "url": work.url,
            "urls": list(work.urls), "year": work.year, "years": list(work.years), "venue": work.venue,
            "authors": list(work.authors), "kind": work.kind, "aliases": list(work.aliases),
            "support": work.support, "topic": work.topic,
            "entries": [_source(canon, i) for i in work.members],
            "joins": [_join(canon.matching, j) for j in canon.matching.joins(work.members)]}


def _source(canon: Canon, index: int) -> dict[str, Any]:
    r = canon.record(index)
    e = r.entry
    return {"list": canon.lists[r.source].name, "path": canon.lists[r.source].path, "line": e.line,
            "end_line": e.end_line, "title": e.title, "url": e.url, "section": list(e.section),
            "role": e.role, "key": e.key, "annotation": e.annotation}


def problems(canon: Canon) -> list[dict[str, Any]]:
    found = [{"path": rl.path, "line": p.line, "message": p.message} for rl in canon.lists for p in rl.problems]
    found += [{"path": path, "line": line, "message": message} for path, line, message in canon.failures]
    return found


def canon_json(canon: Canon) -> str:
    return to_json(canon_data(canon, made=True))


# --- canon.yaml and canon.bib: the canon as a reading list --------------------------------------

def canon_list(canon: Canon, path: str = "canon.yaml") -> ReadingList:
    """The canon as one ReadingList: a section per topic, an entry per work."""
    entries = tuple(
        Entry(title=w.title, url=w.url, urls=tuple(u for u in w.urls if u != w.url), authors=w.authors,
              year=w.year, venue=w.venue, kind=w.kind, aliases=w.aliases, ids=w.ids, section=(w.topic,),
              key=w.id)
        for w in canon.shown)
    return ReadingList(name="canon", path=path, format="listmerge", title=CANON_TITLE,
                       metadata={"merged_from": [rl.path for rl in canon.lists]},
                       sections=tuple(Section((t.name,), 1, 0) for t in canon.topics), entries=entries)


def canon_yaml(canon: Canon) -> str:
    rl = canon_list(canon)
    data = {"listmerge": FORMAT_VERSION, "lists": [{
        "name": rl.name, "format": rl.format, "title": rl.title, "metadata": rl.metadata,
        "sections": [{"path": list(s.path), "level": s.level} for s in rl.sections],
        "entries": [_lean(entry_to_dict(e)) for e in rl.entries]}]}
    return "# " + CANON_TITLE + ", written by listmerge merge: `listmerge parse` reads it back.\n" + to_yaml(data)


def _lean(entry: dict[str, Any]) -> dict[str, Any]:
    """An entry without its empty fields and place (the reader fills lines in from the file)."""
    return {k: v for k, v in entry.items()
            if (v or v not in (None, "", [], {})) and k not in ("line", "end_line", "raw", "role")}


def canon_bibtex(canon: Canon) -> str:
    from .bibtex import render_lists

    return render_lists([canon_list(canon, "canon.bib")])
