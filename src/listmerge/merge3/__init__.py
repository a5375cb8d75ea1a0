"""merge3: three versions of a list to one (git's %O, %A and %B), and the text that says it.

``entries`` resolves each entry (paired by identity across the three versions); ``text`` writes
the result as OURS's text, edited, keeping its layout; ``outside`` handles the lines between
entries; ``data`` writes anew the files whose entries' lines cannot be found (JSON dumps).
"""
from __future__ import annotations

from .entries import FIELDS, Merge3, Resolution, merge3, resolve
from .text import Conflict, Merged, merge_text

__all__ = ["FIELDS", "Conflict", "Merge3", "Merged", "Resolution", "merge3", "merge_text", "resolve"]
