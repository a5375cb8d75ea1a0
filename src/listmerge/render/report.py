"""report.md: what a merge did, so a person can check it — the lists, the works they share, what
only one list has, untitled entries, overrides, joins refused, and problems."""
from __future__ import annotations

from collections import Counter
from itertools import combinations

from ..merge import Canon
from ..escape import md_code
from .canon import _cell, _text, file_cell, label, list_tags, problems, sources
from .works import _details


def report_markdown(canon: Canon) -> str:
    tags = list_tags(canon)
    sections = (_lists, _overview, _overlap, _topics, _only_here, _untitled, _decisions, _borderline, _problems)
    lines = ["# Merge report", ""]
    for section in sections:
        lines += section(canon, tags) + [""]
    return "\n".join(lines).rstrip() + "\n"


def _lists(canon: Canon, tags: list[str]) -> list[str]:
    lines = ["## Lists", "", "| tag | list | file | entries | problems |", "| --- | --- | --- | --- | --- |"]
    for tag, rl in zip(tags, canon.lists):
        mentions = sum(e.role == "mention" for e in rl.entries)
        untitled = sum(e.untitled for e in rl.entries)
        detail = ", ".join(x for x in (f"{mentions} mentions" * bool(mentions), f"{untitled} untitled" * bool(untitled)) if x)
        lines.append(f"| {tag} | {_cell(rl.title or rl.name)} | {file_cell(rl)} ({format_cell(rl)}) | {len(rl.entries)}"
                     f"{f' ({detail})' if detail else ''} | {len(rl.problems)} |")
    return lines


def format_cell(rl) -> str:
    """The parser that read the list; a list that names another format as its own (a listmerge
    dump of a markdown list) says so, as a claim."""
    read_as = rl.read_as or rl.format
    return _cell(read_as if rl.format == read_as else f"{read_as} (says it is {rl.format})")


def _overview(canon: Canon, tags: list[str]) -> list[str]:
    m = len(canon.lists)
    stats = canon.matching.stats
    support = Counter(w.support for w in canon.works)
    lines = ["## Works", "",
             f"{stats['entries']} entries became {len(canon.works)} works (and {len(canon.untitled)} untitled "
             f"entries); {stats['candidate pairs']} pairs of entries were compared, {stats['same']} judged the "
             f"same work, {stats['vetoed']} kept apart by a rule.", "",
             "| in how many lists | works |", "| --- | --- |"]
    lines += [f"| {k} | {support[k]} |" for k in sorted(support, reverse=True)]
    everywhere = [w for w in canon.works if w.support == m]
    lines += ["", f"In all {m} lists: " + (", ".join(_text(label(w)) for w in everywhere) if everywhere else "none") + "."]
    return lines


#: Lists shown as a matrix of pairs; more are shown a row per list (a 10,000 x 10,000 table
#: helps nobody and takes hours to write).
MATRIX_LISTS = 30
#: Works held by more lists than this are left out of "most alike": each would add to every
#: pair of its lists (quadratic in them) and tells nothing about which two are alike.
PAIRING_SUPPORT = 100


def _overlap(canon: Canon, tags: list[str]) -> list[str]:
    held: list[set[str]] = [set() for _ in tags]
    for w in canon.works:
        for k in w.lists:
            held[k].add(w.id)
    if len(tags) > MATRIX_LISTS:
        return _overlap_rows(canon, tags, held)
    lines = ["## Overlap between lists", "",
             "Works both lists include, and the Jaccard index of their works (shared / either).", "",
             "| | " + " | ".join(tags) + " |", "| --- |" + " --- |" * len(tags)]
    for a, tag in enumerate(tags):
        cells = []
        for b in range(len(tags)):
            shared = len(held[a] & held[b])
            either = len(held[a] | held[b])
            cells.append(f"{len(held[a])}" if a == b else f"{shared} ({shared / either:.2f})" if either else "0")
        lines.append(f"| {tag} | " + " | ".join(cells) + " |")
    pairs = [(len(held[a] & held[b]), a, b) for a, b in combinations(range(len(tags)), 2)]
    if pairs:
        best = max(pairs, key=lambda p: (p[0], -p[1], -p[2]))
        lines += ["", f"Most alike: {tags[best[1]]} and {tags[best[2]]}, {best[0]} works in common."]
    return lines


def _overlap_rows(canon: Canon, tags: list[str], held: list[set[str]]) -> list[str]:
    """The overlap of many lists, a row each: its works, how many another list has too, and the
    list it shares most with (counted over works in at most PAIRING_SUPPORT lists)."""
    shared: list[Counter] = [Counter() for _ in tags]
    for w in canon.works:
        if 1 < len(w.lists) <= PAIRING_SUPPORT:
            for a, b in combinations(w.lists, 2):
                shared[a][b] += 1
                shared[b][a] += 1
    lines = ["## Overlap between lists", "",
             f"{len(tags)} lists: for each, its works, how many of them another list includes too, and the "
             f"list it shares most works with (works in more than {PAIRING_SUPPORT} lists not counted there).", "",
             "| list | works | in another list too | most alike |", "| --- | --- | --- | --- |"]
    elsewhere = [0] * len(tags)
    for w in canon.works:
        if len(w.lists) > 1:
            for k in w.lists:
                elsewhere[k] += 1
    for a, tag in enumerate(tags):
        best = min(shared[a].items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        alike = f"{tags[best[0]]} ({best[1]})" if best else "none"
        lines.append(f"| {tag} | {len(held[a])} | {elsewhere[a]} | {alike} |")
    return lines


def _topics(canon: Canon, tags: list[str]) -> list[str]:
    lines = ["## Topics", "", "Each topic and the sections of each list it gathers.", "",
             "| topic | works | sections |", "| --- | --- | --- |"]
    for topic in canon.topics:
        where = "; ".join(f"{tags[u.source]}: {' > '.join(u.path)}" for u in topic.units) or "entries with no section"
        lines.append(f"| {_cell(topic.name)} | {len(canon.in_topic(topic.name))} | {_cell(where)} |")
    return lines


def _only_here(canon: Canon, tags: list[str]) -> list[str]:
    lines = ["## Only in one list", ""]
    only: list[list] = [[] for _ in tags]
    for w in canon.works:
        if len(w.lists) == 1:
            only[w.lists[0]].append(w)
    for k, tag in enumerate(tags):
        alone = only[k]
        lines += [f"### {tag} ({len(alone)})", ""]
        lines += [f"- {_text(label(w))} ({sources(canon, w, tags)})" for w in alone] or ["None."]
        lines.append("")
    return lines[:-1]


def _untitled(canon: Canon, tags: list[str]) -> list[str]:
    lines = ["## Untitled entries", ""]
    if not canon.untitled:
        return lines + ["None: every entry has a title or a link."]
    by_topic = Counter(w.topic for w in canon.untitled)
    in_topic: dict[str, list] = {}
    for w in canon.untitled:
        in_topic.setdefault(w.topic, []).append(w)
    lines.append(f"{len(canon.untitled)} entries have neither a title nor a link, so nothing can match them "
                 "to a work. Each is kept in canon.json under \"untitled\", in the topic its section "
                 "belongs to:")
    lines.append("")
    for topic, count in sorted(by_topic.items(), key=lambda kv: (-kv[1], kv[0])):
        places = ", ".join(sources(canon, w, tags) for w in in_topic[topic])
        lines.append(f"- {_text(topic)}: {count} ({places})")
    return lines


def _decisions(canon: Canon, tags: list[str]) -> list[str]:
    matching = canon.matching
    lines = ["## Overrides and joins refused", ""]
    lines += [f"- override {_text(note)}" for note in matching.notes] or ["No overrides applied."]
    lines.append("")
    if not matching.refusals:
        return lines + ["No join was refused."]
    lines.append("Joins a rule found but clustering refused, because they would have put two entries that "
                 "a veto keeps apart into one work:")
    lines.append("")
    for r in matching.refusals:
        j, c = r.join, r.conflict
        lines.append(_text(f"- {matching.location(j.a)} + {matching.location(j.b)} ({j.rule}): "
                           f"{matching.location(c.a)} and {matching.location(c.b)} differ (") + _text(_details(c.vetoes)) + ")")
    return lines


#: Borderline pairs report.md lists; `listmerge review` walks them all.
BORDERLINE_SHOWN = 30


def _borderline(canon: Canon, tags: list[str]) -> list[str]:
    from ..match import SAME
    from ..review import borderline

    matching = canon.matching
    found = borderline(matching)
    lines = ["## Borderline joins", ""]
    if not found:
        return lines + ["None: no join rests on a title alone, and no pair came close without being joined."]
    lines += [f"Pairs worth a look ({len(found)}; `listmerge review` asks about each and writes the answers): "
              "joins clustering refused or made on a title alone, and near misses. Each line below is an "
              "override ready to paste into overrides.yaml, saying the opposite of what the merge did; "
              "leave out those the merge got right.", ""]
    for item in found[:BORDERLINE_SHOWN]:
        a, b = item.pair
        ta, tb = (matching.records[i].entry.title or matching.location(i) for i in item.pair)
        joined = matching.work_of(a) == matching.work_of(b)
        kind = "distinct" if joined else "same"
        lines.append(f"- {_text(ta)} ~ {_text(tb)}: {_text(item.why)}, similarity {item.judgement.score:.0f}")
        lines += ["", "  ```yaml", f"  {kind}:", f"    - {_pair_line(matching, a, b)}", "  ```", ""]
    if len(found) > BORDERLINE_SHOWN:
        lines.append(f"And {len(found) - BORDERLINE_SHOWN} more: run `listmerge review`.")
    return lines


def _pair_line(matching, a: int, b: int) -> str:
    from ..review import _pair

    return _pair(matching.location(a), matching.location(b))


def _problems(canon: Canon, tags: list[str]) -> list[str]:
    found = problems(canon)
    lines = ["## Problems", ""]
    if not found:
        return lines + ["None: every input was read in full."]
    return lines + [f"- {md_code(p['path'] + (':' + str(p['line']) if p['line'] else ''))}: {_text(p['message'])}"
                    for p in found]
