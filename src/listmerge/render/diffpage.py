"""``diff -o html``: the diff as a report to read in a browser, one self-contained file.

The two files are named once, in the header; a table of contents counts the changes of each
kind and of each section; changes are grouped by section, coloured by kind, with linked titles
and the changed words of a renamed title or a re-annotated note highlighted; a systematic edit
(many entries changed alike) is one line that opens to its entries. Every change is also in
``diff -o json``."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

from ..diff import COMPARE, Change, Diff, Item, WorkPlaces
from .diff import LOOK, summary_line

COLOURS = {"added": "#1a7f37", "removed": "#cf222e", "section-renamed": "#9a6700", "moved": "#9a6700",
           "renamed": "#0969da", "relinked": "#0969da", "reannotated": "#0969da", "reordered": "#8250df",
           "mention-added": "#4a9d5b", "mention-removed": "#d9534f"}
STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:68rem;margin:1.5rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #d0d7de}
.files{color:#59636e;font-size:.92em}.files code{color:#1f2328}
.summary{font-weight:600;margin:.6rem 0}.badge{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;
font-size:.78em;font-weight:600;margin-right:6px;min-width:4.5em;text-align:center}
nav{display:flex;flex-wrap:wrap;gap:2rem;font-size:.92em}nav ul{padding-left:1.1rem;margin:.3rem 0}
ul.changes{list-style:none;padding-left:0}li.change{margin:.25rem 0;padding:.15rem .4rem;border-left:3px solid}
.where{color:#59636e;font-size:.82em;margin-left:.4rem}.detail{color:#59636e}
del{background:#ffebe9;color:#82071e;text-decoration:line-through}ins{background:#dafbe1;color:#116329;text-decoration:none}
details.systematic{margin:.3rem 0}details.systematic>summary{cursor:pointer}
"""
WORD = re.compile(r"\S+|\s+")


def diff_page(diff: Diff) -> str:
    title = "Comparison" if diff.mode == COMPARE else "Changes"
    head = [f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
            f"<title>listmerge {title.lower()}: {escape(_name(diff.old.path))} / {escape(_name(diff.new.path))}</title>",
            f"<style>{STYLE}</style></head><body>", f"<h1>{title}</h1>", _files(diff),
            f'<p class="summary" id="summary">{escape(summary_line(diff))}</p>']
    body = _compare(diff) if diff.mode == COMPARE else _versions(diff)
    return "\n".join(head + body + ["</body></html>"]) + "\n"


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _files(diff: Diff) -> str:
    a, b = ("A", "B") if diff.mode == COMPARE else ("old", "new")
    show = lambda side: f"<code>{escape(side.path)}</code>" + (f" ({escape(side.title)})" if side.title else "")
    return f'<p class="files">{a}: {show(diff.old)}<br>{b}: {show(diff.new)}</p>'


# --- two versions -----------------------------------------------------------------------------

def _versions(diff: Diff) -> list[str]:
    groups = _by_section(diff.changes)
    kinds = [(kind, sum(1 for c in diff.changes if c.type == kind)) for kind in LOOK]
    nav = ['<nav id="contents"><div><b>By kind</b><ul>']
    nav += [f'<li>{_badge(kind)} <span class="count" data-kind="{kind}">{n}</span></li>' for kind, n in kinds if n]
    nav += ["</ul></div><div><b>By section</b><ul>"]
    nav += [f'<li><a href="#{_anchor(name)}">{escape(name)}</a> (<span class="count">{len(changes)}</span>)</li>'
            for name, changes in groups]
    nav.append("</ul></div></nav>")
    folded = {id(c): s for s in diff.systematic for c in s.changes}
    out = nav
    for name, changes in groups:
        out.append(f'<section id="{_anchor(name)}"><h2>{escape(name)} <small>({len(changes)})</small></h2>'
                   '<ul class="changes">')
        shown: set[int] = set()
        for change in changes:
            edit = folded.get(id(change))
            if edit is None:
                out.append(_row(change))
            elif id(edit) not in shown:
                shown.add(id(edit))
                members = [c for c in changes if folded.get(id(c)) is edit]
                out.append(f'<li class="change" style="border-color:{COLOURS[edit.type]}"><details class="systematic">'
                           f"<summary>{_badge(edit.type)} {len(members)} entries here "
                           f"({len(edit.changes)} in all): {escape(edit.description)}</summary>"
                           f'<ul class="changes">{"".join(_row(c) for c in members)}</ul></details></li>')
        out.append("</ul></section>")
    return out


def _by_section(changes: tuple[Change, ...]) -> list[tuple[str, list[Change]]]:
    """Changes under the section they are in now (the old one for a removal), sections in the
    order their first change appears."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        item = change.new or change.old
        section = change.section if change.type in ("reordered", "section-renamed") else (
            item.entry.section if item else ())
        groups.setdefault(" > ".join(section) or "(no section)", []).append(change)
    return list(groups.items())


def _row(change: Change) -> str:
    colour = COLOURS[change.type]
    return (f'<li class="change {change.type}" style="border-color:{colour}">{_badge(change.type)} '
            f"{_what(change)}</li>")


def _what(change: Change) -> str:
    o, n = change.old, change.new
    if change.type == "reordered":
        return f'<span class="detail">{change.shifted} of {change.total} entries shifted</span>'
    if change.type == "section-renamed":
        return (f'{escape(" > ".join(change.section))} → <b>{escape(" > ".join(change.to))}</b> '
                f'<span class="detail">({change.total} entries went along)</span>')
    if change.type in ("added", "removed", "mention-added", "mention-removed"):
        item = n or o
        return _title_link(item) + _where(o, n)
    if change.type == "renamed":
        return f"{_words(o.entry.title or '', n.entry.title or '', link=n.entry.url)}{_where(o, n)}"
    if change.type == "reannotated":
        return (f'{_title_link(n)}<br><span class="detail">note: '
                f'{_words(o.entry.annotation, n.entry.annotation)}</span>{_where(o, n)}')
    if change.type == "relinked":
        return (f'{escape(n.entry.title or "")} <span class="detail">{_link(o.entry.url)} → {_link(n.entry.url)}'
                f"</span>{_where(o, n)}")
    if change.type == "moved":
        return (f'{_title_link(n)} <span class="detail">from {escape(" > ".join(o.entry.section) or "(no section)")}'
                f"</span>{_where(o, n)}")
    return _title_link(n or o) + _where(o, n)


def _words(old: str, new: str, link: str | None = None) -> str:
    """``new`` with the words it lost struck out and the words it gained marked."""
    a, b = WORD.findall(old), WORD.findall(new)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
        if tag == "equal":
            out.append(escape("".join(a[i1:i2])))
    text = "".join(out)
    return f'<a href="{escape(link)}">{text}</a>' if link else text


def _title_link(item: Item | None) -> str:
    if item is None:
        return ""
    title = escape(item.entry.title or item.entry.url or "(untitled)")
    return f'<a href="{escape(item.entry.url)}">{title}</a>' if item.entry.url else title


def _link(url: str | None) -> str:
    return f'<a href="{escape(url)}">{escape(url)}</a>' if url else "(none)"


def _where(old: Item | None, new: Item | None) -> str:
    lines = " → ".join(f"{side} line {item.entry.line}" for side, item in (("old", old), ("new", new)) if item)
    return f'<span class="where">{lines}</span>'


def _badge(kind: str) -> str:
    return f'<span class="badge" style="background:{COLOURS[kind]}">{escape(LOOK[kind][2].lower())}</span>'


def _anchor(name: str) -> str:
    return "s-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x")


# --- two curators' lists ----------------------------------------------------------------------

def _compare(diff: Diff) -> list[str]:
    parts = [("Only in A", "only-a", diff.only_old, "removed"), ("Only in B", "only-b", diff.only_new, "added"),
             ("In both", "both", diff.shared, "moved")]
    out = ['<nav id="contents"><ul>'] + [f'<li><a href="#{key}">{name}</a> (<span class="count">{len(works)}</span>)</li>'
                                         for name, key, works, _ in parts] + ["</ul></nav>"]
    for name, key, works, kind in parts:
        out.append(f'<section id="{key}"><h2>{name} <small>({len(works)})</small></h2><ul class="changes">')
        out += [f'<li class="change work" style="border-color:{COLOURS[kind]}">{_work(w)}</li>' for w in works]
        out.append("</ul></section>")
    return out


def _work(work: WorkPlaces) -> str:
    items = [*work.old, *work.new]
    best = max(items, key=lambda i: len(i.entry.title or ""))
    places = []
    for side, group in (("A", work.old), ("B", work.new)):
        if group:
            places.append(f"{side}: " + "; ".join(f"{escape(' > '.join(i.entry.section) or '(no section)')} "
                                                  f"line {i.entry.line}" for i in group))
    return f'{_title_link(best)} <span class="where">{" · ".join(places)}</span>'
