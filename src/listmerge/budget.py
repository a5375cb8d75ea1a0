"""What one input may cost to read: how many bytes it may hold, how deep its structures may nest
and how many values its YAML may expand to. A file over budget is refused with one line that
says which limit it passed and how to raise it, before any parser recurses or allocates for it.

The limits come from the environment (``LISTMERGE_MAX_BYTES``, ``LISTMERGE_MAX_DEPTH``,
``LISTMERGE_MAX_VALUES``), or from the command line (``listmerge --max-bytes 200M ...``), which
sets them for the run. Real reading lists are far below every default: the largest list file we
know is a few megabytes, nests fewer than ten levels and uses no YAML aliases.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .errors import InputError

MIB = 2**20
UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Budget:
    #: bytes one input may hold
    max_bytes: int = 64 * MIB
    #: how deep brackets, braces, YAML collections or HTML lists may nest
    max_depth: int = 200
    #: how many values a YAML document may expand to once its aliases are followed
    max_values: int = 1_000_000


ENV = {"max_bytes": "LISTMERGE_MAX_BYTES", "max_depth": "LISTMERGE_MAX_DEPTH", "max_values": "LISTMERGE_MAX_VALUES"}
OPTION = {"max_bytes": "--max-bytes", "max_depth": "--max-depth", "max_values": "--max-values"}
_current: Budget | None = None


def parse_size(text: str) -> int:
    """'64M', '200k', '1GiB', '5000' as a number of bytes."""
    m = SIZE.match(str(text))
    if not m:
        raise ValueError(f"not a size: {text!r} (say 64M, 500k or 1G)")
    return int(m.group(1)) * UNITS[m.group(2).lower()]


def current() -> Budget:
    """The budget of this run: what ``configure`` set, else the environment's, else defaults."""
    global _current
    if _current is None:
        _current = from_env(os.environ)
    return _current


def from_env(env) -> Budget:
    found = {}
    for name, var in ENV.items():
        if env.get(var):
            try:
                found[name] = parse_size(env[var]) if name == "max_bytes" else int(env[var])
            except ValueError:
                raise InputError(f"{var}={env[var]!r} is not a {'size' if name == 'max_bytes' else 'number'}") from None
    return Budget(**found)


def configure(**limits: int | None) -> Budget:
    """Set the run's limits: those given (and not None), the environment's for the rest.
    Returns the budget now in force."""
    global _current
    _current = replace(from_env(os.environ), **{k: v for k, v in limits.items() if v is not None})
    return _current


def over(name: str, detail: str, path: str, line: int | None = None) -> InputError:
    """The error for an input past one limit: what it holds, the limit, how to raise it."""
    limit = getattr(current(), name)
    shown = f"{limit // MIB} MiB" if name == "max_bytes" and limit % MIB == 0 else f"{limit:,}"
    return InputError(f"{detail}, over the limit of {shown} (raise it with {OPTION[name]} or {ENV[name]})",
                      path, line)


# --- nesting ----------------------------------------------------------------------------------

#: Past this many brackets the depth is measured in NumPy (its import, some 50 ms, pays only there).
NUMPY_BRACKETS = 200_000
_BRACKET = re.compile(r"[\[\]{}]")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def bracket_depth(text: str, lines_close: bool = True) -> tuple[int, int]:
    """How deep ``[`` and ``{`` nest in ``text`` (a close without an open counts for nothing),
    and the line where that depth is first reached. With ``lines_close``, the end of a line
    closes whatever is open: prose nests within a line (a link inside a bold span), so stray
    brackets do not add up over a long page. Linear, over the brackets only: in Python, or in
    NumPy when there are many."""
    if sum(text.count(c) for c in "[]{}") > NUMPY_BRACKETS:
        return _bracket_depth_numpy(text, lines_close)
    best, best_at, depth, line, seen = -1, 1, 0, 1, 0  # seen: where ``line`` was counted up to
    for m in _BRACKET.finditer(text):
        at = m.start()
        newlines = text.count("\n", seen, at)
        seen = at
        if newlines:
            line += newlines
            if lines_close:
                depth = 0
        depth = max(depth + _STEP[m.group()], 0)
        if depth > best:
            best, best_at = depth, line
    return max(best, 0), best_at


@lru_cache(maxsize=None)
def _opening():
    import numpy as np

    opening = np.zeros(256, dtype=np.int8)
    opening[[ord("["), ord("{")]] = 1
    opening[[ord("]"), ord("}")]] = -1
    return opening


def _bracket_depth_numpy(text: str, lines_close: bool) -> tuple[int, int]:
    """``bracket_depth`` in NumPy: the same answer, for texts with very many brackets."""
    import numpy as np

    data = np.frombuffer(text.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    steps = _opening()[data]
    where = np.flatnonzero(steps)
    if not where.size:
        return 0, 1
    steps = steps[where].astype(np.int64)
    lines = np.searchsorted(np.flatnonzero(data == 10), where)  # each bracket's line, from 0
    segment = lines if lines_close else np.zeros(where.size, dtype=np.int64)
    walk = np.cumsum(steps)
    first = np.flatnonzero(np.diff(segment, prepend=-1))  # the first bracket of each line
    sizes = np.diff(np.append(first, where.size))
    walk = walk - np.repeat(walk[first] - steps[first], sizes)  # each line's walk starts from 0
    # the lowest point so far within each line: later lines are shifted far below the earlier
    # ones, so one running minimum serves them all
    shift = np.repeat(np.arange(first.size, dtype=np.int64) * (2 * where.size + 2), sizes)
    lowest = np.minimum.accumulate(walk - shift) + shift
    depth = walk - np.minimum(lowest, 0)
    at = int(depth.argmax())
    return int(depth[at]), int(lines[at]) + 1


def check_brackets(text: str, path: str, lines_close: bool = True) -> None:
    """Refuse ``text`` when its brackets nest deeper than the budget allows."""
    limit = current().max_depth
    if text.count("[") + text.count("{") <= limit:
        return
    depth, line = bracket_depth(text, lines_close)
    if depth > limit:
        raise over("max_depth", f"brackets nest {depth:,} deep", path, line)


# --- YAML ---------------------------------------------------------------------------------------

#: An anchor (``&name``), or a line indented as deep as a document nesting past the limit.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]")


def check_yaml(text: str, path: str, first_line: int = 1) -> None:
    """Refuse YAML whose collections nest deeper than the budget, whose aliases expand to more
    values than it allows (a "billion laughs"), or whose alias refers to the node it is in. Text
    without anchors and without deep indentation is passed at once; the rest is walked as
    events (libyaml's parser, no Python objects built)."""
    budget = current()
    deep = max((len(m.group(0)) for m in re.finditer(r"^[ \t-]+", text, re.MULTILINE)), default=0)
    if not _ANCHOR.search(text) and deep < budget.max_depth and text.count("[") + text.count("{") <= budget.max_depth:
        return
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sizes: dict[str, int] = {}  # each closed anchor's node: how many values it expands to
    stack: list[list] = []  # [values so far, anchor] of each open collection
    expanded = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            line = first_line + (event.start_mark.line if event.start_mark else 0)
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                stack.append([1, event.anchor])
                expanded += 1
                if len(stack) > budget.max_depth:
                    raise over("max_depth", f"YAML nests {len(stack):,} deep", path, line)
                continue
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                size, anchor = stack.pop()
            elif isinstance(event, yaml.ScalarEvent):
                size, anchor = 1, event.anchor
                expanded += 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes:
                    if any(a == event.anchor for _, a in stack):
                        raise InputError(f"YAML alias *{event.anchor} refers to the node it is in", path, line)
                    return  # an undefined alias: the parser reports it
                size, anchor = sizes[event.anchor], None
                expanded += size
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            if stack:
                stack[-1][0] += size
            if expanded > budget.max_values:
                raise over("max_values", "YAML aliases expand to more values than allowed", path, line)
    except yaml.YAMLError:
        return  # not valid YAML: the parser reports it where it reads it
