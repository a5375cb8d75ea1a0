"""listmerge: diff and merge reading lists.

The public API: ``read`` a file into ReadingLists, ``parse_text`` a string, and the model types.
"""
from .errors import InputError, ListmergeError, UsageError
from .load import parse_text, read
from .model import Entry, Problem, ReadingList, Section

__all__ = [
    "Entry", "InputError", "ListmergeError", "Problem", "ReadingList", "Section",
    "UsageError", "parse_text", "read",
]
__version__ = "0.1.0"
