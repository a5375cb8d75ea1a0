"""What ``listmerge link`` writes besides the enriched lists: links.csv (one row per entry) and
link-report.md (what was matched, what is ambiguous or unmatched, and why)."""
from __future__ import annotations

import csv
import io
from collections import Counter

from ..scale.link import AMBIGUOUS, MATCHED, UNMATCHED, Linking, catalogue_ref

CSV_COLUMNS = ("list", "line", "key", "title", "status", "catalogue_id", "catalogue_title", "rule", "score", "why", "filled")


def links_csv(linking: Linking) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    m = linking.matching
    for link in linking.links:
        record = m.records[link.index]
        targets = link.targets
        writer.writerow([
            m.lists[record.source].path, record.entry.line, record.entry.key or "", record.entry.title or "", link.status,
            ";".join(catalogue_ref(m, k) for k in targets),
            m.records[targets[0]].entry.title or "" if len(targets) == 1 else "",
            link.judgement.rule if link.judgement else "", f"{link.judgement.score:g}" if link.judgement else "",
            link.why, ";".join(name for name, _ in link.filled),
        ])
    return out.getvalue()


def link_report(linking: Linking) -> str:
    m, counts = linking.matching, linking.counts
    total = sum(counts.values())
    lines = [f"# Links to {linking.catalogue.name}", "",
             f"{total} entries of {len(linking.lists)} list(s) against {linking.catalogue.rows} catalogue records "
             f"({len(m.records) - total} of them candidates).", "",
             "| status | entries |", "|---|---|",
             *(f"| {name} | {counts[name]} |" for name in (MATCHED, AMBIGUOUS, UNMATCHED)), ""]
    filled = Counter(name for link in linking.links for name, _ in link.filled)
    if filled:
        lines += ["## Fields filled from the catalogue", "", "| field | entries |", "|---|---|",
                  *(f"| {name} | {n} |" for name, n in sorted(filled.items())), ""]
    rules = Counter(link.why for link in linking.links if link.status == MATCHED)
    if rules:
        lines += ["## Matched, by the rule that joined them", "", "| rule | entries |", "|---|---|",
                  *(f"| {rule} | {n} |" for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))), ""]
    for status, heading in ((AMBIGUOUS, "Ambiguous: one work, several catalogue records"), (UNMATCHED, "Unmatched")):
        found = [link for link in linking.links if link.status == status]
        if not found:
            continue
        lines += [f"## {heading} ({len(found)})", ""]
        for link in found:
            record = m.records[link.index]
            where = f"{m.lists[record.source].path}:{record.entry.line}"
            extra = f" — {', '.join(catalogue_ref(m, k) for k in link.targets)}" if link.targets else ""
            lines.append(f"- {where} {record.entry.title or '(untitled)'}: {link.why}{extra}")
        lines.append("")
    return "\n".join(lines)
