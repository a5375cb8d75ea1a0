"""Machine-readable renderings: JSON and listmerge's own YAML.

Both write plain data (dicts with string keys, lists, strings, numbers, None, bools) by a short
route and give byte for byte what ``json.dumps(indent=2)`` and ``yaml.dump`` give; anything else
(tuples, other key types, subclasses; for YAML floats and an object met twice) takes the
standard route, so output and errors never differ. YAML's writer is in ``yamlwriter``. JSON's
short route is no faster than the standard encoder but writes a ``Made`` list an item at a time,
so that a long list of large dicts (canon.json's works) is never all in memory at once.
"""
from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any, Callable, Iterable, Iterator

from ..serialize import document


class _NotPlain(Exception):
    """The data holds something the short route does not write: take the standard one."""


class Made:
    """A JSON list whose items are made while it is written: ``make(x)`` for each of ``items``."""

    __slots__ = ("items", "make")

    def __init__(self, items: Iterable, make: Callable[[Any], Any]) -> None:
        self.items, self.make = items, make

    def __iter__(self) -> Iterator:
        return map(self.make, self.items)


def to_json(data: Any) -> str:
    try:
        out: list[str] = []
        _json(data, "\n", out)
        return "".join(out) + "\n"
    except _NotPlain:
        return json.dumps(data, ensure_ascii=False, indent=2, default=_made_list) + "\n"


def _made_list(value: Any) -> list:
    if isinstance(value, Made):
        return list(value)
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _json(value: Any, newline: str, out: list[str]) -> None:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it at the depth
    that ``newline`` ("\\n" and the indent) gives."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None or value is True or value is False:
        out.append("null" if value is None else "true" if value else "false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(float.__repr__(value) if math.isfinite(value) else json.dumps(value))
    elif kind is list or kind is Made:
        _json_list(value, newline, out)
    elif kind is dict and value:
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            if type(item) is str:
                out.append(sep + encode_basestring(key) + ": " + encode_basestring(item))
            else:
                out.append(sep + encode_basestring(key) + ": ")
                _json(item, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif kind is dict:
        out.append("{}")
    else:
        raise _NotPlain


def _json_list(items: list | Made, newline: str, out: list[str]) -> None:
    """A list; a Made list's items are made, written (as one string each) and dropped in turn."""
    inner = newline + "  "
    sep = "[" + inner
    for item in items:
        if type(item) is str:
            out.append(sep + encode_basestring(item))
        elif type(items) is Made:
            piece = [sep]
            _json(item, inner, piece)
            out.append("".join(piece))
        else:
            out.append(sep)
            _json(item, inner, out)
        sep = "," + inner
    out.append("[]" if sep[0] == "[" else newline + "]")


def lists_json(lists) -> str:
    return to_json(document(lists))


def lists_yaml(lists) -> str:
    return to_yaml(document(lists))


def to_yaml(data) -> str:
    """``yamlwriter.to_yaml``, imported (with PyYAML) when YAML is written."""
    from .yamlwriter import to_yaml

    return to_yaml(data)
