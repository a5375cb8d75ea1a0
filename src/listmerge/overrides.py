"""Naming entries from the outside (file:line, an identifier, a URL or a title) and the overrides
file that tells the matcher two named things are the same work, or distinct ones.

    # lists/overrides.yaml
    same:
      - ["arxiv:2005.14165", "Language Models are Few-Shot Learners"]
    distinct:
      - ["MMLU", "lists/evals.md:12"]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Sequence

from .errors import InputError
from .identify import canonical_url, find_ids, normalise_title
from .model import ReadingList
from .records import Record, identity_url, split_title

_FILE_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)$")
_SCHEME_VALUE = re.compile(r"^(?P<scheme>[a-z]+):(?P<value>\S+)$", re.IGNORECASE)


def resolve(ref: str, lists: Sequence[ReadingList], records: Sequence[Record]) -> list[int]:
    """The records ``ref`` names: file:line, scheme:id (or a bare id), a URL, or a title."""
    ref = ref.strip()
    m = _FILE_LINE.match(ref)
    if m and not ref.lower().startswith(("http:", "https:")):
        found = _at_line(m.group("path"), int(m.group("line")), lists, records)
        if found:
            return found
    ids = set(find_ids(ref).items())
    sv = _SCHEME_VALUE.match(ref)
    if sv and not ids:
        ids = {(sv.group("scheme").lower(), sv.group("value").lower())}
    if ids:
        found = [r.index for r in records if ids & (r.strong_ids | r.weak_ids)
                 or ids & {(s, v.lower()) for s, v in r.strong_ids}]
        if found:
            return found
    if re.match(r"^(https?://|www\.)", ref, re.IGNORECASE):
        url = identity_url(ref) or canonical_url(ref)
        return [r.index for r in records if url in r.urls or url == r.url]
    core = split_title(ref)[0]
    exact = [r.index for r in records if r.title == core]
    return exact or [r.index for r in records if core in r.names or normalise_title(ref) in r.names]


def _at_line(path: str, line: int, lists: Sequence[ReadingList], records: Sequence[Record]) -> list[int]:
    def same_file(rl: ReadingList) -> bool:
        return rl.path == path or PurePath(rl.path) == PurePath(path) or rl.path.endswith("/" + path) \
            or path.endswith("/" + rl.path)

    sources = {i for i, rl in enumerate(lists) if same_file(rl)}
    if not sources:
        sources = {i for i, rl in enumerate(lists) if PurePath(rl.path).name == PurePath(path).name}
    inside = [r for r in records if r.source in sources and r.entry.line <= line <= max(r.entry.end_line, r.entry.line)]
    starting = [r.index for r in inside if r.entry.line == line]
    return starting or [r.index for r in inside]


@dataclass(frozen=True)
class Override:
    kind: str               # "same" | "distinct"
    left: str
    right: str
    line: int | None


@dataclass(frozen=True)
class Overrides:
    path: str
    rules: tuple[Override, ...] = ()

    def apply(self, lists: Sequence[ReadingList], records: Sequence[Record]):
        """(same pairs, distinct pairs, notes): index pairs (a < b) and one note per rule saying
        what it matched, for the report."""
        pairs: dict[str, set[tuple[int, int]]] = {"same": set(), "distinct": set()}
        notes: list[str] = []
        for rule in self.rules:
            where = f"{self.path}:{rule.line}" if rule.line else self.path
            left, right = resolve(rule.left, lists, records), resolve(rule.right, lists, records)
            missing = [ref for ref, found in ((rule.left, left), (rule.right, right)) if not found]
            if missing:
                notes.append(f"{where}: {rule.kind}: no entry matches " + " or ".join(f"'{m}'" for m in missing))
                continue
            new = {(min(a, b), max(a, b)) for a in left for b in right if a != b}
            pairs[rule.kind].update(new)
            notes.append(f"{where}: {rule.kind}: '{rule.left}' ~ '{rule.right}' ({len(new)} pairs)")
        return frozenset(pairs["same"]), frozenset(pairs["distinct"]), notes


def load_overrides(path: str, text: str) -> Overrides:
    """Read an overrides file; a malformed one raises InputError naming the file and line."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML ({getattr(exc, 'problem', exc)})", path,
                         mark.line + 1 if mark else None) from None
    if node is None:
        return Overrides(path)
    if not isinstance(node, yaml.MappingNode):
        raise InputError("an overrides file is a mapping with 'same:' and 'distinct:' lists", path, node.start_mark.line + 1)
    rules: list[Override] = []
    for key, value in node.value:
        kind = key.value
        if kind not in ("same", "distinct"):
            raise InputError(f"unknown key '{kind}' (expected 'same' or 'distinct')", path, key.start_mark.line + 1)
        if not isinstance(value, yaml.SequenceNode):
            raise InputError(f"'{kind}' must be a list of pairs", path, value.start_mark.line + 1)
        for item in value.value:
            sides = [n.value for n in item.value] if isinstance(item, yaml.SequenceNode) else None
            if not sides or len(sides) != 2 or not all(isinstance(s, str) and s.strip() for s in sides):
                raise InputError(f"each '{kind}' item must be a pair [A, B]", path, item.start_mark.line + 1)
            rules.append(Override(kind, str(sides[0]), str(sides[1]), item.start_mark.line + 1))
    return Overrides(path, tuple(rules))
