"""listmerge's own format: the YAML (or JSON) that ``listmerge parse -o yaml|json`` writes, read
back losslessly. A hand-written file with just ``title`` and ``entries`` (or ``lists``) works too."""
from __future__ import annotations

import json
import re

import yaml

from . import Parser
from ..model import Problem, ReadingList
from ..serialize import list_from_dict

NAME = "listmerge"


def _load(text: str) -> tuple[object, Problem | None]:
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text), None
        except json.JSONDecodeError as exc:
            return None, Problem(exc.lineno, f"not valid JSON ({exc.msg})")
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or "syntax error"
        return None, Problem(mark.line + 1 if mark else None, f"not valid YAML ({reason})")


def parse(text: str, path: str) -> tuple[ReadingList, ...]:
    data, problem = _load(text)
    if isinstance(data, dict) and isinstance(data.get("lists"), list):
        items = data["lists"]
    elif isinstance(data, dict) and isinstance(data.get("entries"), list):
        items = [data]
    else:
        problem = problem or Problem(None, "no 'lists' or 'entries' in this YAML/JSON file")
        items = []
    if items and not text.lstrip().startswith(("{", "[")) and _needs_lines(items):
        _fill_lines(text, data)
    try:
        lists = tuple(list_from_dict(item, path, NAME) for item in items)
    except (TypeError, ValueError, AttributeError) as exc:
        problem, lists = Problem(None, f"malformed listmerge document ({exc})"), ()
    if problem is not None:
        empty = ReadingList(name=path.rsplit("/", 1)[-1].rsplit(".", 1)[0], path=path, format=NAME)
        return (empty.evolve(problems=(problem,)),) + lists
    return lists


def _needs_lines(items: list) -> bool:
    return any(isinstance(e, dict) and not e.get("line") for item in items if isinstance(item, dict)
               for e in item.get("entries") or [])


def _fill_lines(text: str, data: dict) -> None:
    """Hand-written entries without line numbers get the lines they occupy in this file."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    lists = _child(node, "lists")
    list_nodes = lists.value if lists is not None else [node]
    items = data["lists"] if "lists" in data else [data]
    for item, list_node in zip(items, list_nodes):
        entries = _child(list_node, "entries")
        for entry, entry_node in zip(item.get("entries") or [], entries.value if entries is not None else []):
            if isinstance(entry, dict) and not entry.get("line"):
                entry["line"] = entry_node.start_mark.line + 1
                entry["end_line"] = max(entry_node.end_mark.line, entry["line"])


def _child(node, key: str):
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return None


def detect(text: str, path: str) -> float:
    head = text[:2000]
    if re.search(r"^listmerge:\s*\d", head, re.MULTILINE) or re.match(r"\s*\{\s*\"listmerge\"", head):
        return 1.0
    if path.lower().endswith((".yaml", ".yml")) and re.search(r"^entries:", head, re.MULTILINE):
        return 0.9
    return 0.0


PARSER = Parser(
    name=NAME,
    description="listmerge's own YAML/JSON (what `parse -o yaml` writes)",
    detect=detect,
    parse=parse,
    extensions=(".yaml", ".yml", ".json"),
)
