"""The ``listmerge`` console script: the click group of ``cli.py``, then the end of the process.

A run leaves millions of objects behind it (entries, records, works, output trees). Tearing the
interpreter down frees them one by one, which a user waits for and nobody needs: once the
command has returned and its output is flushed, the process ends at once (``os._exit``). Files
are written atomically and closed by the commands themselves, so nothing is left half done.
``cli.main`` stays an ordinary click group (CliRunner and ``python -m listmerge`` go through it
the usual way, ``__main__`` with this same ending).
"""
from __future__ import annotations

import os
import sys
import threading

#: The exit status of a run whose output could not all be written (its reader went away), as
#: click gives a broken pipe met inside a command.
EXIT_UNWRITTEN = 1


def run() -> None:
    """Run the command line and end the process without interpreter teardown."""
    from . import heap
    from .cli import main

    heap.whole_process()
    try:
        main.main(prog_name="listmerge")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    end(code)


def end(code: object) -> None:
    """Flush what the run wrote and end the process with ``code`` (as ``sys.exit`` reads it). A
    run that still has other threads working ends the ordinary way, so they can finish."""
    status = _status(code)
    if threading.active_count() > 1:
        sys.exit(status)
    status = flush(status)
    os._exit(status)


def _status(code: object) -> int:
    """``sys.exit``'s reading of ``code``: None is 0, a number itself, anything else is printed
    on stderr and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        print(code, file=sys.stderr)
    except (OSError, ValueError):
        pass
    return 1


def flush(status: int) -> int:
    """Flush stdout and stderr. A reader that went away (a closed pipe) is not an error to
    report: what it did not read is dropped quietly, and a run that would have succeeded ends
    with ``EXIT_UNWRITTEN``."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # EPIPE, a full disk, a stream already closed
            status = status or EXIT_UNWRITTEN
    return status
