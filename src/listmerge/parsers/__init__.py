"""The parser registry: one module per list shape, chosen by ``detect`` or by name.

A parser is a ``Parser``: a name, a ``detect(text, path) -> score`` and a
``parse(text, path) -> tuple[ReadingList, ...]``. ``get_parser`` accepts a registered name, a
Parser, or any callable with the ``parse`` signature, so callers can bring their own.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable, Sequence, Union

from ..errors import InputError
from ..model import ReadingList

ParseFn = Callable[[str, str], "tuple[ReadingList, ...]"]


@dataclass(frozen=True)
class Parser:
    name: str
    description: str
    detect: Callable[[str, str], float]
    parse: ParseFn
    extensions: tuple[str, ...] = ()


#: Built-in parser modules, imported on first use so that start-up stays fast.
BUILTIN_MODULES = (
    "listmerge_yaml", "bibtex", "csljson", "datafile", "tabular", "webpage", "citations", "markdown", "org", "rst", "thread", "plaintext",
)

_registry: dict[str, Parser] = {}


def register(parser: Parser) -> Parser:
    _registry[parser.name] = parser
    return parser


def _load_builtins() -> None:
    if not _registry:
        for module in BUILTIN_MODULES:
            register(importlib.import_module(f"{__name__}.{module}").PARSER)


def parsers() -> dict[str, Parser]:
    _load_builtins()
    return dict(_registry)


def get_parser(spec: Union[str, Parser, ParseFn]) -> Parser:
    if isinstance(spec, Parser):
        return spec
    if callable(spec):
        return Parser(getattr(spec, "__name__", "custom"), "user parser", lambda t, p: 0.0, spec)
    _load_builtins()
    try:
        return _registry[spec]
    except KeyError:
        known = ", ".join(sorted(_registry))
        raise InputError(f"unknown format {spec!r} (known: {known})") from None


def detect(text: str, path: str) -> Parser:
    """The parser whose ``detect`` scores ``text`` highest; the file extension breaks ties."""
    scores = _scores(text, path)
    best = _best(scores)
    if scores[best][1] <= 0:
        raise InputError("cannot tell what kind of list this is (try --format)", path)
    return list(_registry.values())[best]


#: A parser suits a version whose best parser scores at most this much more (a fallback that
#: takes anything, like plaintext next to markdown, does not).
SUITS = 0.5


def detect_common(versions: Sequence[tuple[str, str]]) -> Parser | None:
    """One parser for versions of one list (each a text and its path), so that they are read
    alike: of the parsers some version calls for, the one with the highest total score that suits
    every version (scores at least ``SUITS`` of that version's best). A list that grows a quoted
    line or a bare link stays the shape it was. None when no such parser suits them all."""
    scored = [_scores(text, path) for text, path in versions]
    best = [scores[_best(scores)][1] for scores in scored]
    called_for = {_best(scores) for scores in scored}
    suits_all = [i for i in called_for
                 if all(scores[i][0] > 0 and scores[i][1] >= SUITS * top for scores, top in zip(scored, best))]
    if not suits_all:
        return None
    chosen = max(suits_all, key=lambda i: (sum(scores[i][1] for scores in scored), -i))
    return list(_registry.values())[chosen]


def _scores(text: str, path: str) -> list[tuple[float, float]]:
    """Each registered parser's own score for ``text``, and that score with the extension bonus,
    in registry order."""
    _load_builtins()
    suffix = PurePath(path).suffix.lower()
    found = []
    for parser in _registry.values():
        own = parser.detect(text, path)
        found.append((own, own + (0.05 if suffix and suffix in parser.extensions else 0.0)))
    return found


def _best(scores: list[tuple[float, float]]) -> int:
    """The highest score with the bonus; the earlier registered parser on a tie."""
    return max(range(len(scores)), key=lambda i: (scores[i][1], -i))
