"""listmerge's own format: the YAML (or JSON) that ``listmerge parse -o yaml|json`` writes, read
back losslessly. A hand-written file with just ``title`` and ``entries`` (or ``lists``) works too."""
from __future__ import annotations

import json
import re

from pathlib import PurePath

from . import Parser
from ..model import Problem, ReadingList
from ..serialize import Misfit, list_from_dict
from .biblio import MAX_NESTING, json_text, too_deep, yaml_loader

NAME = "listmerge"


def _load(text: str) -> tuple[object, Problem | None]:
    import yaml

    if too_deep(text):
        kind = "JSON" if text.lstrip().startswith(("{", "[")) else "YAML"
        return None, Problem(None, f"cannot read this {kind} (nested deeper than {MAX_NESTING} levels)")
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(json_text(text)), None
        except json.JSONDecodeError as exc:
            return None, Problem(exc.lineno, f"not valid JSON ({exc.msg})")
        except (ValueError, RecursionError) as exc:  # a number past Python's digit limit, deep nesting
            return None, Problem(None, f"cannot read this JSON ({_reason(exc)})")
    try:
        return yaml.load(text, Loader=yaml_loader(yaml)), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or "syntax error"
        return None, Problem(mark.line + 1 if mark else None, f"not valid YAML ({reason})")
    except (ValueError, TypeError, RecursionError) as exc:  # an int past the digit limit, an unhashable key
        return None, Problem(None, f"cannot read this YAML ({_reason(exc)})")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    first = " ".join(str(exc).split(";")[0].split())
    return first[:120] or type(exc).__name__


def parse(text: str, path: str) -> tuple[ReadingList, ...]:
    data, problem = _load(text)
    if isinstance(data, dict) and isinstance(data.get("lists"), list):
        items = data["lists"]
    elif isinstance(data, dict) and isinstance(data.get("entries"), list):
        items = [data]
    else:
        problem = problem or Problem(None, "no 'lists' or 'entries' in this YAML/JSON file")
        items = []
    lines = _Lines(text, data)
    lists: list[ReadingList] = []
    own: list[Problem] = [problem] if problem else []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            own.append(Problem(lines.of_list(index), f"list {index + 1} is not a mapping: left out"))
            continue
        misfits: list[Misfit] = []
        rl = list_from_dict(item, path, NAME, misfits)
        rl = _with_lines(rl, lines, index)
        found = [Problem(lines.of(index, m.entry), m.message) for m in misfits]
        if rl.path == path:
            rl = rl.evolve(problems=rl.problems + tuple(found))
        else:
            own.extend(found)
        lists.append(rl)
    if own:
        empty = ReadingList(name=PurePath(path).stem, path=path, format=NAME)
        return (empty.evolve(problems=tuple(own)),) + tuple(lists)
    return tuple(lists)


def _with_lines(rl: ReadingList, lines: "_Lines", index: int) -> ReadingList:
    """Hand-written entries without line numbers get the lines they occupy in this file."""
    if not any(e.line == 0 for e in rl.entries) or not lines.composed():
        return rl
    entries = []
    for number, entry in enumerate(rl.entries):
        if entry.line == 0 and (span := lines.span(index, number)):
            entry = entry.evolve(line=span[0], end_line=span[1])
        entries.append(entry)
    return rl.evolve(entries=tuple(entries))


class _Lines:
    """Where each list and entry of a document is in its text, read (once, when first asked)
    from YAML's node tree; JSON is YAML enough for that. None where it cannot be told."""

    def __init__(self, text: str, data: object):
        self.text = text
        self.wrapped = isinstance(data, dict) and isinstance(data.get("lists"), list)
        self._nodes: list | None = None

    def composed(self) -> bool:
        if self._nodes is None:
            self._nodes = self._compose()
        return bool(self._nodes)

    def _compose(self) -> list:
        import yaml

        try:
            node = yaml.compose(self.text, Loader=yaml_loader(yaml))
        except (yaml.YAMLError, ValueError, RecursionError):
            return []
        lists = _child(node, "lists") if self.wrapped else node
        if lists is None:
            return []
        list_nodes = lists.value if self.wrapped and isinstance(lists, yaml.SequenceNode) else [lists]
        return [(n, _child(n, "entries")) for n in list_nodes]

    def of_list(self, index: int) -> int | None:
        if not self.composed() or index >= len(self._nodes):
            return None
        return self._nodes[index][0].start_mark.line + 1

    def span(self, index: int, entry: int) -> tuple[int, int] | None:
        import yaml

        if not self.composed() or index >= len(self._nodes):
            return None
        entries = self._nodes[index][1]
        if not isinstance(entries, yaml.SequenceNode) or entry >= len(entries.value):
            return None
        node = entries.value[entry]
        start = node.start_mark.line + 1
        return start, max(node.end_mark.line, start)

    def of(self, index: int, entry: int | None) -> int | None:
        span = self.span(index, entry) if entry is not None else None
        return span[0] if span else self.of_list(index)


def _child(node, key: str):
    import yaml

    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if getattr(k, "value", None) == key), None)
    return None


def detect(text: str, path: str) -> float:
    head = text[:2000]
    if re.search(r"^listmerge:\s*\d", head, re.MULTILINE) or re.match(r"\s*\{\s*\"listmerge\"", head):
        return 1.0
    if path.lower().endswith((".yaml", ".yml")) and re.search(r"^(?:entries|lists):", head, re.MULTILINE):
        return 0.9
    if re.match(r'\s*\{\s*"(?:entries|lists)"\s*:\s*\[', head):
        return 0.9  # hand-written JSON: {"entries": [...]}
    return 0.0


PARSER = Parser(
    name=NAME,
    description="listmerge's own YAML/JSON (what `parse -o yaml` writes)",
    detect=detect,
    parse=parse,
    extensions=(".yaml", ".yml", ".json"),
)
