"""merge3: three versions of a list to one (git's %O, %A and %B).

``lines`` merges the texts line by line as git does; ``threads`` tells which entries of the three
versions are one; ``regions`` decides entry by entry where the lines conflict; ``content`` merges
one entry's text; ``text`` puts it together and writes conflicts in git's style.
"""
from __future__ import annotations

from .content import Conflict
from .gitfile import git_merge_file
from .text import DEFAULT_MARKER_SIZE, Merged, merge_versions, settled
from .versions import Version

__all__ = ["DEFAULT_MARKER_SIZE", "Conflict", "Merged", "Version", "git_merge_file", "merge_versions", "settled"]
