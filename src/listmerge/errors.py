"""Errors a caller can act on. Bugs raise ordinary exceptions; these are mistakes in the input."""
from __future__ import annotations


class ListmergeError(Exception):
    """Base class: one line saying what is wrong and where."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.detail = message
        super().__init__(self.where() + message)

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line else f"{self.path}: "


class InputError(ListmergeError):
    """An input that cannot be read at all: missing, binary, not UTF-8, an unknown format."""


class UsageError(ListmergeError):
    """A request that makes no sense, such as an output directory that would overwrite an input."""
