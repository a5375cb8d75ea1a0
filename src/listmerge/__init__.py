"""listmerge: diff and merge reading lists.

The public API: ``read`` a file into ReadingLists, ``parse_text`` a string, ``find_works`` to
match entries into works, and the model types (``listmerge.merge.merge`` builds a canon). Names are imported
on first use, so that ``listmerge --help`` starts fast.
"""
from __future__ import annotations

import importlib

#: public name -> module that defines it
_EXPORTS = {
    "Entry": "model", "Problem": "model", "ReadingList": "model", "Section": "model",
    "InputError": "errors", "ListmergeError": "errors", "UsageError": "errors",
    "parse_text": "load", "read": "load", "find_works": "works",
}

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
