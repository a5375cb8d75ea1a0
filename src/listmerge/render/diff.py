"""A Diff for people (terminal, markdown, html) and machines (json).

Every renderer takes the Diff; the terminal one also whether to colour. Text from the lists is
put on one line with its control characters shown as pictures (nothing reaches a terminal as a
control sequence), and escaped in markdown and html; the html page is one self-contained file
(inline CSS, no scripts).
"""
from __future__ import annotations

import html
from typing import Any, Callable

import click

from ..diff import CHANGE_TYPES, COMPARE, Change, Diff, Item, WorkPlaces
from ..escape import md_text, one_line
from ..serialize import entry_to_dict
from .data import to_json

#: type -> (sign for the terminal, colour, heading)
LOOK = {
    "added": ("+", "green", "Added"),
    "removed": ("−", "red", "Removed"),
    "section-renamed": ("→", "yellow", "Sections renamed"),
    "moved": ("→", "yellow", "Moved"),
    "renamed": ("~", "cyan", "Renamed"),
    "relinked": ("~", "cyan", "Relinked"),
    "reannotated": ("~", "cyan", "Re-annotated"),
    "reordered": ("↕", "magenta", "Reordered"),
    "mention-added": ("+", "green", "Mentions added"),
    "mention-removed": ("−", "red", "Mentions removed"),
}


def summary_line(diff: Diff) -> str:
    """'+12 −3 ~5 moved 4 renamed 2 …, 40 unchanged' (~ counts changed entries), or the overlap
    of two curators' lists."""
    if diff.mode == COMPARE:
        o = diff.overlap
        return (f"only in A {o['only_old']}, only in B {o['only_new']}, in both {o['shared']} "
                f"(Jaccard {o['jaccard']:.2f})")
    s = diff.summary
    changed = len({(c.old, c.new) for c in diff.changes if c.old and c.new})
    rest = " ".join(f"{kind} {s[kind]}" for kind in CHANGE_TYPES[2:] if s[kind])
    return " ".join(filter(None, [f"+{s['added']} −{s['removed']} ~{changed}", rest])) + \
        f", {s['unchanged']} unchanged"


def _section(section: tuple[str, ...]) -> str:
    return one_line(" > ".join(section)) or "(no section)"


def _title(item: Item | None) -> str:
    return one_line(item.entry.title or item.entry.url or "(untitled)") if item else ""  # a bare link shows its link


def _where(item: Item) -> str:
    return one_line(item.where)


def describe(change: Change) -> str:
    """One line of plain text for a change, with both sides' file:line."""
    o, n = change.old, change.new
    if change.type == "reordered":
        return f"{_section(change.section)}: {change.shifted} of {change.total} entries shifted"
    if change.type == "section-renamed":
        return (f"{_section(change.section)} -> {_section(change.to)}  "
                f"({change.total} {'entry' if change.total == 1 else 'entries'} went along)")
    if change.type in ("added", "removed", "mention-added", "mention-removed"):
        item = n or o
        also = f"  (a copy; {'also' if n else 'still'} in {_places(change.elsewhere)})" if change.elsewhere else ""
        return f"{_title(item)}  [{_section(item.entry.section)}]  {_where(item)}{also}"
    detail = {
        "moved": lambda: f"{_section(o.entry.section)} -> {_section(n.entry.section)}",
        "renamed": lambda: f"'{_title(o)}' -> '{_title(n)}'",
        "relinked": lambda: one_line(f"{o.entry.url} -> {n.entry.url}"),
        "reannotated": lambda: one_line(f"'{o.entry.annotation}' -> '{n.entry.annotation}'"),
    }[change.type]()
    return f"{_title(n)}: {detail}  {_where(o)} -> {_where(n)}"


def _places(items: tuple[Item, ...]) -> str:
    return "; ".join(f"{_section(i.entry.section)} ({_where(i)})" for i in items)


def _work_title(work: WorkPlaces) -> str:
    titles = [i.entry.title for i in (*work.old, *work.new) if i.entry.title]
    links = [i.entry.url for i in (*work.old, *work.new) if i.entry.url]
    return one_line(max(titles, key=len) if titles else links[0] if links else "(untitled)")


def _header(diff: Diff) -> list[str]:
    a = f"{diff.old.path}" + (f" ({diff.old.title})" if diff.old.title else "")
    b = f"{diff.new.path}" + (f" ({diff.new.title})" if diff.new.title else "")
    return [one_line(line) for line in ([f"A: {a}", f"B: {b}"] if diff.mode == COMPARE else [f"old: {a}", f"new: {b}"])]


# --- terminal --------------------------------------------------------------------------------

def diff_terminal(diff: Diff, color: bool = False) -> str:
    style: Callable[..., str] = click.style if color else (lambda text, **_: text)
    lines = [style(summary_line(diff), bold=True), *_header(diff)]
    if diff.mode == COMPARE:
        for label, works, sign in (("only in A", diff.only_old, "−"), ("only in B", diff.only_new, "+")):
            lines += ["", style(f"{label} ({len(works)})", bold=True)]
            colour = "red" if sign == "−" else "green"
            lines += [style(f"{sign} {_work_title(w)}  {_places(w.old or w.new)}", fg=colour) for w in works]
        lines += ["", style(f"in both ({len(diff.shared)})", bold=True)]
        for w in diff.shared:
            lines.append(f"= {_work_title(w)}\n    A: {_places(w.old)}\n    B: {_places(w.new)}")
        return "\n".join(lines) + "\n"
    for kind, found, folded in _by_kind(diff):
        sign, colour, heading = LOOK[kind]
        lines += ["", style(f"{heading} ({len(found)})", bold=True)]
        lines += [style(f"{sign} {_systematic_line(s)}", fg=colour) for s in folded]
        lines += [style(f"{sign} {describe(c)}", fg=colour) for c in found if not _in_any(c, folded)]
    return "\n".join(lines) + "\n"


def _by_kind(diff: Diff) -> list[tuple[str, list[Change], list]]:
    """(type, its changes, the systematic edits among them) for each type that has changes."""
    folded = diff.systematic
    out = []
    for kind in CHANGE_TYPES:
        found = [c for c in diff.changes if c.type == kind]
        if found:
            out.append((kind, found, [s for s in folded if s.type == kind]))
    return out


def _in_any(change: Change, folded) -> bool:
    return any(change in s.changes for s in folded)


def _systematic_line(edit) -> str:
    examples = ", ".join(f"'{_title(c.new)}'" for c in edit.changes[:2])
    return one_line(f"{len(edit.changes)} entries: {edit.description} (e.g. {examples}, …)")


# --- markdown --------------------------------------------------------------------------------

def diff_md(diff: Diff) -> str:
    lines = [f"# {'Comparison' if diff.mode == COMPARE else 'Changes'}", "",
             *(f"- {_md(h)}" for h in _header(diff)), "", f"**{summary_line(diff)}**"]
    for heading, rows in _sections(diff):
        lines += ["", f"## {heading}", "", *(f"- {_md(row)}" for row in rows)]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return md_text(text)


def _sections(diff: Diff) -> list[tuple[str, list[str]]]:
    """(heading, plain lines) for the readable reports."""
    if diff.mode == COMPARE:
        return [
            (f"Only in A ({len(diff.only_old)})", [f"{_work_title(w)} — {_places(w.old)}" for w in diff.only_old]),
            (f"Only in B ({len(diff.only_new)})", [f"{_work_title(w)} — {_places(w.new)}" for w in diff.only_new]),
            (f"In both ({len(diff.shared)})",
             [f"{_work_title(w)} — A: {_places(w.old)}; B: {_places(w.new)}" for w in diff.shared]),
        ]
    return [(f"{LOOK[kind][2]} ({len(found)})",
             [_systematic_line(s) for s in folded] + [describe(c) for c in found if not _in_any(c, folded)])
            for kind, found, folded in _by_kind(diff)]


# --- html ------------------------------------------------------------------------------------

CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.5rem}ul{padding-left:1.2rem}li{margin:.2rem 0}
.summary{font-weight:bold;padding:.5rem;background:#f4f4f4;border-radius:4px}"""


def diff_html(diff: Diff) -> str:
    from .diffpage import diff_page

    return diff_page(diff)


def diff_html_plain(diff: Diff) -> str:
    """The plain lists of changes as HTML (before the report of ``diffpage``)."""
    e = html.escape
    title = "Comparison" if diff.mode == COMPARE else "Changes"
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>listmerge diff: {e(diff.old.path)} / {e(diff.new.path)}</title>",
             f"<style>{CSS}</style></head><body>", f"<h1>{title}</h1>",
             "<ul>" + "".join(f"<li>{e(h)}</li>" for h in _header(diff)) + "</ul>",
             f'<p class="summary">{e(summary_line(diff))}</p>']
    for heading, rows in _sections(diff):
        parts.append(f"<h2>{e(heading)}</h2><ul>" + "".join(f"<li>{e(r)}</li>" for r in rows) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- json ------------------------------------------------------------------------------------

def _item(item: Item | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"path": item.path, **entry_to_dict(item.entry)}


def _change(change: Change) -> dict[str, Any]:
    data = {"type": change.type, "old": _item(change.old), "new": _item(change.new)}
    if change.type == "reordered":
        data |= {"section": list(change.section), "shifted": change.shifted, "total": change.total}
    if change.type == "section-renamed":
        data |= {"section": list(change.section), "to": list(change.to), "total": change.total}
    if change.elsewhere:
        data["elsewhere"] = [_item(i) for i in change.elsewhere]
    return data


def diff_json(diff: Diff) -> str:
    data: dict[str, Any] = {
        "mode": diff.mode,
        "old": {"path": diff.old.path, "title": diff.old.title},
        "new": {"path": diff.new.path, "title": diff.new.title},
        "summary": diff.summary,
        "changes": [_change(c) for c in diff.changes],
        "systematic": [{"type": s.type, "description": s.description, "count": len(s.changes)}
                       for s in diff.systematic],
    }
    if diff.mode == COMPARE:
        data["overlap"] = diff.overlap
        data["works"] = [{"old": [_item(i) for i in w.old], "new": [_item(i) for i in w.new]}
                         for w in diff.works]
    return to_json(data)


DIFF_RENDERERS = {"terminal": diff_terminal, "md": diff_md, "json": diff_json, "html": diff_html}
