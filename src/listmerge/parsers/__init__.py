"""The parser registry: one module per list shape, chosen by ``detect`` or by name.

A parser is a ``Parser``: a name, a ``detect(text, path) -> score`` and a
``parse(text, path) -> tuple[ReadingList, ...]``. ``get_parser`` accepts a registered name, a
Parser, or any callable with the ``parse`` signature, so callers can bring their own.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable, Union

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
    "listmerge_yaml", "bibtex", "csljson", "tabular", "webpage", "citations", "markdown", "thread", "plaintext",
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
    _load_builtins()
    suffix = PurePath(path).suffix.lower()
    scored = []
    for order, parser in enumerate(_registry.values()):
        score = parser.detect(text, path)
        if suffix and suffix in parser.extensions:
            score += 0.05
        scored.append((score, -order, parser))
    score, _, best = max(scored, key=lambda item: item[:2])
    if score <= 0:
        raise InputError("cannot tell what kind of list this is (try --format)", path)
    return best
