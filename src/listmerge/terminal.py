"""How listmerge behaves on a terminal: colour only where it is wanted (NO_COLOR, FORCE_COLOR,
TERM=dumb, or a --color/--no-color flag), long output through a pager, and progress bars with
counts for long stages; off a terminal, plain text and silence."""
from __future__ import annotations

import os
import shutil
import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

import click

T = TypeVar("T")


def dumb() -> bool:
    return os.environ.get("TERM", "") == "dumb"


def color_wanted(flag: bool | None = None, stream=None) -> bool:
    """Whether to colour ``stream`` (stdout by default): the flag when given; else no with
    NO_COLOR set (https://no-color.org), yes with FORCE_COLOR set (not "0"), no with TERM=dumb,
    else whether the stream is a terminal."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force and force != "0":
        return True
    if dumb():
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def show(text: str, color: bool, page: bool = True) -> None:
    """``text`` on stdout: through the pager (PAGER, else less -R) when stdout is a terminal that
    is not dumb and the text is taller than it; as it is otherwise."""
    if page and _pageable(text):
        click.echo_via_pager(text, color=color)
    else:
        click.echo(text, nl=False, color=color)


def _pageable(text: str) -> bool:
    if dumb() or os.environ.get("LISTMERGE_NO_PAGER") or not sys.stdout.isatty() or not sys.stdin.isatty():
        return False
    return text.count("\n") > shutil.get_terminal_size((80, 24)).lines - 1


def on_terminal(quiet: bool = False) -> bool:
    """Whether progress goes to stderr: it is a terminal, not a dumb one, and no --quiet."""
    return not quiet and not dumb() and sys.stderr.isatty()


@contextmanager
def progress(label: str, items: Iterable[T], length: int | None = None, quiet: bool = False) -> Iterator[Iterable[T]]:
    """``items`` with a progress bar and counts on stderr when it is a terminal; the items
    alone otherwise."""
    if not on_terminal(quiet):
        yield items
        return
    with click.progressbar(items, length=length, label=f"listmerge: {label}", file=sys.stderr,
                           show_pos=True, show_eta=True, color=color_wanted(stream=sys.stderr)) as bar:
        yield bar
