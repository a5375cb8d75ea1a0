"""Text from the lists, made safe for each output: what a list says is shown, never obeyed.

A title, a note, a path or a link is data. Written into markdown it must not become markup or
raw HTML, into HTML not a tag, into a terminal not a control sequence (a new window title, a
cleared screen), into CSV not a formula, into BibTeX not a closing brace and a new record. Every
renderer that writes text for people goes through these functions.
"""
from __future__ import annotations

import re
from urllib.parse import quote

#: C0 controls but tab and newline, DEL and C1 controls: shown as their Unicode pictures (U+2400
#: block; C1 and DEL as U+FFFD), so a reader sees that something was there.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: ... and in a one-line field, tab and newline too.
CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")


def _picture(m: re.Match) -> str:
    code = ord(m.group(0))
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def visible(text: str) -> str:
    """``text`` without control characters (but tab and newline): each shown as its picture
    (ESC as ␛). Lone surrogates, which no encoding can write, become U+FFFD."""
    text = CONTROL.sub(_picture, text) if CONTROL.search(text) else text
    return encodable(text)


def one_line(text: str) -> str:
    """``text`` on one line: runs of whitespace as one space, other controls as pictures."""
    return visible(" ".join(text.split()))


def encodable(text: str) -> str:
    """``text`` with lone surrogates (from a JSON escape such as "\\udcff") as U+FFFD."""
    return SURROGATE.sub("\ufffd", text) if SURROGATE.search(text) else text


# --- markdown ---------------------------------------------------------------------------------------

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def md_text(text: str) -> str:
    """Inline markdown that shows ``text`` as written: on one line, markup characters escaped,
    so that no tag, link, image or emphasis comes of it."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def md_cell(text: str) -> str:
    """``md_text`` for a table cell: a pipe would end the cell."""
    return md_text(text).replace("|", "\\|")


def md_code(text: str) -> str:
    """``text`` as a code span in a table cell: `path`, with a longer fence when the text holds
    backticks, and its pipes escaped (GitHub reads \\| in a table's code span as a pipe)."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


# --- links ------------------------------------------------------------------------------------------

#: Schemes a written link may have; any other (javascript:, data:, file:) is written as text.
SAFE_SCHEMES = ("http://", "https://", "ftp://", "mailto:", "doi:")
#: Characters a URL never holds as they are: whitespace, controls, and those that would end the
#: link in markdown, HTML or BibTeX.
URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f<>\"`{}|\\^]")


def safe_url(url: str) -> str:
    """``url`` with every character a URL cannot hold as it is percent-encoded (a newline that a
    decoded identifier brought in is %0A again); what is already encoded stays as it is."""
    url = encodable(url)
    return URL_UNSAFE.sub(lambda m: quote(m.group(0), safe=""), url) if URL_UNSAFE.search(url) else url


def linkable(url: str | None) -> bool:
    """Whether ``url`` may be written as a link (an http(s), ftp, mailto or doi address)."""
    return bool(url) and url.strip().lower().startswith(SAFE_SCHEMES)


# --- CSV ----------------------------------------------------------------------------------------------

#: A cell a spreadsheet would run as a formula: it starts with = + - @ (or a tab or CR before one).
FORMULA = re.compile(r"^[=+\-@\t\r]")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows and does not run: a leading ' before = + - @ (OWASP's
    advice), control characters as pictures."""
    text = visible(text)
    return "'" + text if FORMULA.match(text) else text


# --- BibTeX -------------------------------------------------------------------------------------------

def balanced_braces(text: str) -> str:
    """``text`` (LaTeX, braces already escaped as \\{ and \\}) with every brace BibTeX would
    count but not match written as \\textbraceleft{} or \\textbraceright{}: BibTeX counts a
    brace whether or not a backslash comes before it, and an unmatched one would end the field
    (and let what follows read as a record of its own)."""
    if "{" not in text and "}" not in text:
        return text
    opened: list[int] = []
    unmatched: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "{":
            opened.append(i)
        elif ch == "}":
            if opened:
                opened.pop()
            else:
                unmatched.add(i)
    unmatched.update(opened)
    if not unmatched:
        return text
    out = []
    for i, ch in enumerate(text):
        if i not in unmatched:
            out.append(ch)
            continue
        escaped = out and out[-1] == "\\"
        if escaped:
            out.pop()
        out.append("\\textbraceleft{}" if ch == "{" else "\\textbraceright{}")
    return "".join(out)
