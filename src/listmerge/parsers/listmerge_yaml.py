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
    try:
        lists = tuple(list_from_dict(item, path, NAME) for item in items)
    except (TypeError, ValueError, AttributeError) as exc:
        problem, lists = Problem(None, f"malformed listmerge document ({exc})"), ()
    if problem is not None:
        empty = ReadingList(name=path.rsplit("/", 1)[-1].rsplit(".", 1)[0], path=path, format=NAME)
        return (empty.evolve(problems=(problem,)),) + lists
    return lists


def detect(text: str, path: str) -> float:
    head = text[:2000]
    if re.match(r"\s*(?:listmerge:|\{\s*\"listmerge\")", head):
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
