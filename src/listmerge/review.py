"""The joins worth a person's look, and the overrides file their answers go to.

``borderline`` finds them in a matching: joins clustering refused (they would have broken a
veto), joins that rest on a title alone, and near misses (pairs that scored close but were
vetoed or lacked corroboration). ``listmerge review`` walks them asking same / distinct / skip,
and each answer is added to overrides.yaml at once, in place, the file rewritten atomically: a
review left halfway keeps every answer given. report.md lists them with override lines ready
to paste."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .match import SAME, Judgement
from .overrides import Overrides, load_overrides
from .works import Matching

#: A pair that was not joined is worth a look from this similarity of its names up.
NEAR_SCORE = 88.0
#: Evidence that a join stands on more than its title (rule names of ``rules.EVIDENCE``).
TITLE_ONLY = frozenset({"similar-title", "citation-trimmed", "subtitle-dropped", "same-name", "same-year", "year-agrees",
                        "same-site"})
KINDS = ("same", "distinct")


@dataclass(frozen=True)
class Borderline:
    """A pair to review: why it is borderline, and the judgement behind it."""

    why: str
    judgement: Judgement

    @property
    def pair(self) -> tuple[int, int]:
        return self.judgement.a, self.judgement.b


def borderline(matching: Matching, limit: int | None = None) -> list[Borderline]:
    """Refused joins first, then title-only joins and near misses, closest first; each pair
    once, and none an override already settles."""
    settled = matching.context.same | matching.context.distinct if matching.context else frozenset()
    found: dict[tuple[int, int], Borderline] = {}

    def add(why: str, j: Judgement) -> None:
        key = (min(j.a, j.b), max(j.a, j.b))
        if key not in settled and key not in found:
            found[key] = Borderline(why, j)

    for refusal in matching.refusals:
        rule = refusal.conflict.vetoes[0][0] if refusal.conflict.vetoes else refusal.conflict.rule
        add(f"a join clustering refused (it would break the veto {rule})", refusal.join)
    rest = []
    for j in matching.judgements.values():
        if j.verdict == SAME and j.score < 100 and all(rule in TITLE_ONLY for rule, _ in j.evidence):
            rest.append(("joined on its title alone", j))
        elif j.verdict != SAME and j.score >= NEAR_SCORE:
            why = f"a near miss ({'vetoed: ' + j.vetoes[0][0] if j.vetoes else 'not enough evidence'})"
            rest.append((why, j))
    for why, j in sorted(rest, key=lambda x: (-x[1].score, x[1].a, x[1].b)):
        add(why, j)
    out = list(found.values())
    return out[:limit] if limit is not None else out


def override_line(matching: Matching, item: Borderline, kind: str) -> str:
    """The YAML line that settles the pair (``kind`` same or distinct), naming each entry by
    its file and line."""
    a, b = (matching.location(i) for i in item.pair)
    return f"{kind}:\n  - {_pair(a, b)}"


def _pair(a: str, b: str) -> str:
    return f"[{json.dumps(a, ensure_ascii=False)}, {json.dumps(b, ensure_ascii=False)}]"


def add_rule(text: str, kind: str, a: str, b: str, path: str = "overrides.yaml") -> str:
    """``text`` (an overrides file) with one more pair under ``kind``, in place: after the last
    item of that block (comments and the rest kept as written), or as a new block at the end."""
    if kind not in KINDS:
        raise ValueError(f"unknown override kind {kind!r}")
    item = f"  - {_pair(a, b)}\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    head = next((k for k, line in enumerate(lines) if re.match(rf"^{kind}:\s*(?:#.*)?$", line)), None)
    if head is None and any(line.startswith(f"{kind}:") for line in lines):
        raise ValueError(f"{path}: '{kind}' is written in flow style; add the pair by hand")
    if head is None:
        lines += [f"{kind}:\n", item]
    else:
        last = head
        for k in range(head + 1, len(lines)):
            if lines[k].strip() and not lines[k][0].isspace() and not lines[k].startswith("#"):
                break  # the next top-level key
            if lines[k].strip() and not lines[k].lstrip().startswith("#"):
                last = k
        lines.insert(last + 1, item)
    new = "".join(lines)
    before = len(load_overrides(path, text).rules) if text.strip() else 0
    if len(load_overrides(path, new).rules) != before + 1:
        raise ValueError(f"{path}: could not add the pair in place (is '{kind}' written in flow style?)")
    return new


def record_answer(path: str, kind: str, a: str, b: str) -> Overrides:
    """Add the pair to the overrides file at ``path`` (made if missing), written atomically and
    keeping the file's mode; returns the file as now read."""
    from .files import write_atomic

    target = Path(path)
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    new = add_rule(text, kind, a, b, path)
    write_atomic(target, new)
    return load_overrides(path, new)
