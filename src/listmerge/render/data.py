"""Machine-readable renderings: JSON and listmerge's own YAML.

YAML of plain data (dicts, lists, strings, ints, None, bools) takes a short route through
PyYAML's representer and gives byte for byte what ``yaml.dump`` gives; anything else (floats,
tuples, an object met twice) takes the standard route, so output and errors never differ.
"""
from __future__ import annotations

import json
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..serialize import document

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _NotPlain(Exception):
    """The data holds something the short route does not write: take the standard one."""


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


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


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)


def lists_json(lists) -> str:
    return to_json(document(lists))


def lists_yaml(lists) -> str:
    return to_yaml(document(lists))
