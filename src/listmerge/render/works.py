"""Works found by the matcher, and the explanation of one comparison, for people and machines."""
from __future__ import annotations

import json
from typing import Any, Sequence

from ..escape import visible
from ..match import DISTINCT, SAME, Judgement
from ..rules import RULES_BY_NAME
from ..works import Matching

VERDICT_WORDS = {SAME: "the same work", DISTINCT: "different works", "unsure": "not shown to be the same work"}


def work_title(matching: Matching, members: Sequence[int]) -> str:
    """The longest title among the members (a full title beats an alias)."""
    titles = [matching.records[i].entry.title for i in members if matching.records[i].entry.title]
    return max(titles, key=lambda t: (len(t), t)) if titles else "(untitled)"


def work_ids(matching: Matching, members: Sequence[int]) -> list[str]:
    return sorted({f"{s}:{v}" for i in members for s, v in matching.records[i].strong_ids})


def _entry(matching: Matching, index: int) -> dict[str, Any]:
    record = matching.records[index]
    e = record.entry
    return {"path": matching.lists[record.source].path, "line": e.line, "end_line": e.end_line,
            "title": e.title, "url": e.url, "role": e.role}


def _join(matching: Matching, j: Judgement) -> dict[str, Any]:
    return {"a": matching.location(j.a), "b": matching.location(j.b), "verdict": j.verdict,
            "rule": j.rule, "score": j.score,
            "evidence": [{"rule": r, "detail": d} for r, d in j.evidence],
            "vetoes": [{"rule": r, "detail": d} for r, d in j.vetoes]}


def works_json(matching: Matching) -> str:
    works = []
    for members in matching.clusters:
        works.append({"title": work_title(matching, members), "ids": work_ids(matching, members),
                      "entries": [_entry(matching, i) for i in members],
                      "joins": [_join(matching, j) for j in matching.joins(members)]})
    data = {"summary": matching.stats, "overrides": list(matching.notes), "works": works,
            "refused": [{"join": _join(matching, r.join), "conflict": _join(matching, r.conflict)}
                        for r in matching.refusals]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def works_table(matching: Matching) -> str:
    stats = matching.stats
    multi = [c for c in matching.clusters if len(c) > 1]
    lines = [f"{stats['entries']} entries, {stats['works']} works; {len(multi)} works have more than "
             f"one entry ({stats['candidate pairs']} pairs compared, {stats['vetoed']} vetoed, "
             f"{stats['refused joins']} joins refused)", ""]
    for note in matching.notes:
        lines.append(f"override {note}")
    for members in multi:
        ids = work_ids(matching, members)
        lines.append(f"* {work_title(matching, members)}" + (f"  [{', '.join(ids)}]" if ids else ""))
        for i in members:
            e = matching.records[i].entry
            lines.append(f"    {matching.location(i)}  {e.title or '(untitled)'}")
        for j in matching.joins(members):
            lines.append(f"      joined {matching.location(j.a)} + {matching.location(j.b)}: "
                         f"{j.rule} ({_details(j.evidence)})")
    for refusal in matching.refusals:
        j, c = refusal.join, refusal.conflict
        lines.append(f"kept apart: {matching.location(j.a)} + {matching.location(j.b)} ({j.rule}) "
                     f"because {matching.location(c.a)} and {matching.location(c.b)}: {_details(c.vetoes)}")
    return visible("\n".join(lines).rstrip()) + "\n"


def _details(pairs: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{rule}: {detail}" for rule, detail in pairs)


def explain_text(matching: Matching, a: int, b: int) -> str:
    """The evidence for and against two entries being one work, the score and the verdict."""
    j = matching.compare(a, b)
    lines = []
    for label, index in (("A", a), ("B", b)):
        r = matching.records[index]
        e = r.entry
        facts = [f"{s}:{v}" for s, v in sorted(r.strong_ids)] + [str(e.year)] * bool(e.year)
        lines.append(f"{label}: {matching.location(index)}  {e.title or '(untitled)'}"
                     + (f"  ({', '.join(facts)})" if facts else ""))
    lines.append(f"compared: '{j.names[0]}' with '{j.names[1]}', similarity {j.score:.1f} of 100")
    lines.append("for:")
    lines.extend(f"  + {r}: {d}  ({RULES_BY_NAME[r].description})" for r, d in j.evidence)
    if not j.evidence:
        lines.append("  (nothing)")
    lines.append("against:")
    lines.extend(f"  - {r}: {d}  ({RULES_BY_NAME[r].description})" for r, d in j.vetoes)
    if not j.vetoes:
        lines.append("  (nothing)")
    lines.append(f"verdict: {VERDICT_WORDS[j.verdict]} (rule: {j.rule})")
    together = matching.work_of(a) == matching.work_of(b)
    lines.append("in the clusters: " + ("one work" if together else "two works"))
    return visible("\n".join(lines)) + "\n"
