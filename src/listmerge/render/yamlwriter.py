"""listmerge's YAML: ``yaml.dump(data, sort_keys=False, allow_unicode=True, width=100)`` with
PyYAML's safe dumper, written the short way where the bytes are known in advance.

``to_yaml`` writes plain data (dicts with string keys, lists, strings, ints, bools, None) itself,
in libyaml's block layout: a scalar is written plain when libyaml would write it plain, in single
quotes when libyaml would quote it so, and folded at column 100 as libyaml folds it; any other
scalar (one that needs double quotes: a tab, a line break, a character libyaml escapes) is written
by PyYAML itself in the same place, and so is such a key. Whatever else the short route cannot
prove (floats, an object met twice, a key too long to be a simple key, a subclass) takes the
standard route: PyYAML through ``_PlainDumper``, a representer that builds SafeRepresenter's
nodes in one pass. Without libyaml every document takes the standard route.
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..escape import encodable

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: The short route copies libyaml's emitter; PyYAML's own differs in small ways (key lengths).
SHORT_ROUTE = _BaseDumper is not yaml.SafeDumper
WIDTH = 100
_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _NotPlain(Exception):
    """The data holds something the short route does not write: take the standard one."""


# --- the standard route ---------------------------------------------------------------------

class _PlainDumper(_BaseDumper):
    """PyYAML's safe dumper (libyaml's emitter when present) with a short representer for plain
    data: the same nodes ``SafeRepresenter`` makes, in one pass without its alias bookkeeping."""

    def represent(self, data: Any) -> None:
        if self.default_style is not None or self.default_flow_style is not False or self.sort_keys:
            return super().represent(data)
        try:
            node = _node(data, set())
        except _NotPlain:
            return super().represent(data)
        self.serialize(node)


def _node(value: Any, seen: set[int]):
    kind = type(value)
    if kind is str:
        return ScalarNode(_STR, value)
    if kind is dict or kind is list:
        if id(value) in seen:  # the standard representer writes an anchor and an alias
            raise _NotPlain
        seen.add(id(value))
        if kind is dict:
            return MappingNode(_MAP, [(_node(k, seen), _node(v, seen)) for k, v in value.items()], flow_style=False)
        return SequenceNode(_SEQ, [_node(v, seen) for v in value], flow_style=False)
    if value is None:
        return ScalarNode(_NULL, "null")
    if kind is bool:
        return ScalarNode(_BOOL, "true" if value else "false")
    if kind is int:
        return ScalarNode(_INT, str(value))
    raise _NotPlain


def standard_yaml(data: Any) -> str:
    try:
        return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=WIDTH)
    except UnicodeEncodeError:  # a lone surrogate (from a JSON escape), which libyaml cannot write
        return yaml.dump(_encodable(data), Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=WIDTH)


def _encodable(data: Any) -> Any:
    """``data`` with lone surrogates in its strings as U+FFFD."""
    if isinstance(data, str):
        return encodable(data)
    if isinstance(data, dict):
        return {_encodable(k): _encodable(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(_encodable(v) for v in data)
    return data


def to_yaml(data: Any) -> str:
    if SHORT_ROUTE and type(data) in (dict, list) and data:
        try:
            out: list[str] = []
            (_mapping if type(data) is dict else _sequence)(data, 0, out, False, set())
            return "".join(out)
        except _NotPlain:
            pass
    return standard_yaml(data)


# --- the short route: layout ------------------------------------------------------------------
# A mapping at indent i writes "key: value" lines at column i; a nested mapping goes to i + 2, a
# list under a key stays at i ("key:" then "- item" lines: libyaml's indentless sequence); a
# collection that is a list item starts on the item's line ("- key: value", "- - a"). Scalars go
# on as continuation lines at i + 2. Empty collections are written "[]" and "{}".

def _enter(value: dict | list, seen: set[int]) -> None:
    if id(value) in seen:  # PyYAML would write an anchor and an alias
        raise _NotPlain
    seen.add(id(value))


def _mapping(data: dict, indent: int, out: list[str], inline: bool, seen: set[int]) -> None:
    """``inline``: the mapping is a list item, its first key on the "- " line already written."""
    _enter(data, seen)
    for key, value in data.items():
        head, column = _key(key, indent)
        if inline:
            head, inline = head[indent:], False
        kind = type(value)
        if kind is str:
            out.append(f"{head} {_scalar(value, indent + 2, column)}\n")
        elif (kind is dict or kind is list) and value:
            out.append(head + "\n")
            if kind is dict:
                _mapping(value, indent + 2, out, False, seen)
            else:
                _sequence(value, indent, out, False, seen)
        else:
            out.append(f"{head} {_other(value, seen)}\n")


def _sequence(items: list, indent: int, out: list[str], inline: bool, seen: set[int]) -> None:
    """Each item of a sequence at ``indent``; a mapping item is joined into one string, so that a
    long list of mappings is a list of strings."""
    _enter(items, seen)
    pad = " " * indent + "- "
    for item in items:
        head, inline = ("- " if inline else pad), False
        kind = type(item)
        if kind is str:
            out.append(f"{head}{_scalar(item, indent + 2, indent + 2)}\n")
        elif kind is dict and item:
            piece = [head]
            _mapping(item, indent + 2, piece, True, seen)
            out.append("".join(piece))
        elif kind is list and item:
            out.append(head)
            _sequence(item, indent + 2, out, True, seen)
        else:
            out.append(f"{head}{_other(item, seen)}\n")


def _other(value: Any, seen: set[int]) -> str:
    """None, a bool, an int or an empty collection, as PyYAML writes it."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is list or kind is dict:
        _enter(value, seen)
        return "[]" if kind is list else "{}"
    raise _NotPlain


# --- the short route: scalars -----------------------------------------------------------------

#: Characters libyaml writes as they are, neither escaped nor taken as a line break (it escapes
#: tabs, controls, U+0085, U+2028/9, U+FEFF and everything past U+FFFF, in double quotes).
_UNESCAPED = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
#: A start that keeps such a scalar from being plain in block context (libyaml's analyze_scalar):
#: an indicator, "-", "?" or ":" before a space or the end, "---", "...", a space.
_INDICATOR_FIRST = re.compile(r"[-?:](?: |\Z)|[#,\[\]{}&*!|>'\"%@`]|---|\.\.\.| ")
#: PyYAML's implicit resolvers by first character (the wildcard ones added to each): a plain
#: scalar one of them matches would read back as a bool, int, float, null, timestamp, merge key or
#: value, so it is quoted.
_WILDCARD = list(_BaseDumper.yaml_implicit_resolvers.get(None, []))
_RESOLVERS = {first: list(found) + _WILDCARD for first, found in _BaseDumper.yaml_implicit_resolvers.items()}


def _unescaped(text: str) -> bool:
    return text.isprintable() if text.isascii() else _UNESCAPED.fullmatch(text) is not None


def _plain(text: str) -> bool:
    """Whether libyaml writes an unescaped ``text`` plain in block context (else in single
    quotes): not empty, no indicator first, no ": " or " #", no ":" or space last, and read back
    as a string."""
    if not text or _INDICATOR_FIRST.match(text) or ": " in text or " #" in text or text[-1] in ": ":
        return False
    for tag, regexp in _RESOLVERS.get(text[0], _WILDCARD):
        if regexp.match(text):
            return tag == _STR
    return True


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _scalar(text: str, indent: int, column: int) -> str:
    """A string value starting at ``column`` whose continuation lines are at ``indent``."""
    if not _unescaped(text):
        return _standard_scalar(text, indent, column)
    plain = _plain(text)
    styled = text if plain else _quote(text)
    if column + len(styled) > WIDTH + 1 and " " in text:
        return _fold(styled, indent, column, quoted=not plain)
    return styled


def _fold(styled: str, indent: int, column: int, quoted: bool) -> str:
    """libyaml's folding: a single space met when the column is past WIDTH becomes a line break
    and the indent (in quotes, not the text's first or last character)."""
    first, last = (2, len(styled) - 3) if quoted else (1, len(styled) - 2)
    lines, start, base = [], 0, column
    space = styled.find(" ", first)
    while 0 <= space <= last:
        if base + space - start > WIDTH and styled[space - 1] != " " and styled[space + 1] != " ":
            lines.append(styled[start:space])
            start, base = space + 1, indent
        space = styled.find(" ", space + 1)
    lines.append(styled[start:])
    return ("\n" + " " * indent).join(lines)


_KEYS: dict[tuple[str, int], tuple[str, int]] = {}


def _key(key: Any, indent: int) -> tuple[str, int]:
    """("  key:", the column its value starts at) for a key of a mapping at ``indent``."""
    if type(key) is not str:
        raise _NotPlain
    known = _KEYS.get((key, indent))
    if known is not None:
        return known
    if len(key.encode("utf-8")) < 128 and _unescaped(key):  # libyaml writes a key past 128 bytes as "? key"
        styled = key if _plain(key) else _quote(key)
    else:
        styled = _standard_key(key)
    found = " " * indent + styled + ":", indent + len(styled) + 2
    if len(_KEYS) < 4096:
        _KEYS[key, indent] = found
    return found


def _standard_key(key: str) -> str:
    """A key as PyYAML writes it (a key is never folded, so its place does not matter)."""
    dumped = standard_yaml({key: None})
    if dumped.startswith("?") or not dumped.endswith(": null\n") or dumped.count("\n") != 1:
        raise _NotPlain
    return dumped[:-len(": null\n")]


def _standard_scalar(text: str, indent: int, column: int) -> str:
    """The scalar as PyYAML writes it at that place: dumped inside a small document that puts
    it at the same indent and column, and cut out of it."""
    depth = indent // 2 - 1
    if indent % 2 or depth < 0:
        raise _NotPlain
    pad = " " * (2 * depth)
    if column > indent:
        key = "k" * (column - indent)
        doc: Any = {key: text}
        prefix = pad + key + ":"
    else:
        doc, prefix = {"k": [text]}, pad + "k:\n" + pad + "-"
    for _ in range(depth):
        doc = {"k": doc}
    prefix = "".join(" " * (2 * m) + "k:\n" for m in range(depth)) + prefix
    dumped = standard_yaml(doc)
    if not dumped.startswith(prefix + " ") or dumped.endswith("\n...\n"):
        raise _NotPlain
    return dumped[len(prefix) + 1:-1]
