"""Randomised three-way merges for the fuzz harness: merge3's nothing-lost property
(tests/test_merge3_property.py) over generated histories, in the seven shapes the property test
writes and in BibTeX, CSV, CSL-JSON and listmerge's YAML too. A trial is its seed: the history,
the shape and the layout (BOM, CRLF) all come from it.

A trial fails when the merge loses a work the result must hold, keeps one both sides removed
outside a conflict, invents one, writes an entry more often than either side has it (in shapes
whose every line is an entry), or reports a conflict without writing its markers.
"""
from __future__ import annotations

import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]

import test_merge3_property as prop  # noqa: E402
from listmerge.load import read_versions  # noqa: E402
from listmerge.merge3 import Version, merge_versions  # noqa: E402


def _record(w: int, v) -> dict:
    return {"title": prop._title(w, v) or f"{prop.WORDS[w]} Notes", "link": prop._link(w, v),
            "note": prop.NOTES[v[2]], "section": prop.SECTIONS[v[3]]}


def bibtex(entries) -> list[str]:
    out = []
    for w, v in entries:
        r = _record(w, v)
        out += [f"@article{{w{w}v{v[0]}{v[1]}{v[2]}{v[3]},", f"  title = {{{r['title']}}},", f"  url = {{{r['link']}}},",
                f"  keywords = {{{r['section']}}},"] + ([f"  annote = {{{r['note']}}},"] if r["note"] else []) + ["}", ""]
    return out


def csv_rows(entries) -> list[str]:
    return ["title,url,notes,section"] + [f"{r['title']},{r['link']},{r['note']},{r['section']}"
                                           for r in (_record(w, v) for w, v in entries)]


def own_yaml(entries) -> list[str]:
    out = ["listmerge: 1", "lists:", "- name: reading", "  entries:"]
    for w, v in entries:
        r = _record(w, v)
        out += [f"  - title: {r['title']}", f"    url: {r['link']}", f"    section: [{r['section']}]"]
        if r["note"]:
            out.append(f"    annotation: {r['note']}")
    return out


def csl(entries) -> list[str]:
    items = [{"id": f"w{w}", "type": "article", "title": r["title"], "URL": r["link"], "note": r["note"]}
             for w, v in entries for r in [_record(w, v)]]
    return json.dumps(items, indent=1).split("\n")


#: shape -> (writer, parser, file extension, whether every entry is one line the parser reads)
SHAPES = {name: (writer, parser, "txt" if parser in ("plaintext", "thread") else "md", line_wise)
          for name, (writer, parser, line_wise) in prop.SHAPES.items()}
SHAPES.update({
    "bibtex": (bibtex, "bibtex", "bib", False),
    "csv": (csv_rows, "csv", "csv", True),
    "yaml": (own_yaml, "listmerge", "yaml", False),
    "csljson": (csl, "csljson", "json", False),
})


def history(rng: random.Random):
    """A base list and two descendants, as the property test's strategy draws them."""
    def value():
        return (rng.randint(0, 3), rng.randint(0, 2), rng.randint(0, 3), rng.randint(0, 1))

    base = [(rng.randrange(len(prop.WORDS)), value()) for _ in range(rng.randint(0, 7))]
    shared = {}
    for _ in range(rng.randint(0, 2)):
        shared.setdefault(rng.randrange(len(prop.WORDS)), value())
    shared = list(shared.items())

    def descendant():
        entries = []
        for work, v in base:
            op = rng.choice(["keep", "keep", "keep", "remove", "edit", "move"])
            if op == "remove":
                continue
            if op == "edit":
                v = value()
            entries.insert(rng.randint(0, len(entries)) if op == "move" else len(entries), (work, v))
        added = rng.sample(range(len(prop.WORDS)), rng.randint(0, 3))
        for work, v in [*shared, *((w, value()) for w in added)]:
            if rng.random() < 0.5 or (work, v) in shared:
                entries.insert(rng.randint(0, len(entries)), (work, v))
        return entries

    return base, descendant(), descendant()


def trial(seed: int, shape: str, show: bool = False):
    """None when the merge of trial ``seed`` keeps the property, else (kind, detail)."""
    rng = random.Random(seed)
    rng.choice(sorted(SHAPES))  # the shape was drawn from the same seed
    base, ours, theirs = history(rng)
    bom, crlf = rng.random() < 0.2, rng.random() < 0.2
    writer, parser, ext, line_wise = SHAPES[shape]
    texts = [prop.written(writer(side), bom, crlf) for side in (base, ours, theirs)]
    with tempfile.TemporaryDirectory(prefix="listmerge-trial-") as tmp:
        paths = []
        for name, text in zip(("base", "ours", "theirs"), texts):
            path = Path(tmp) / f"{name}.{ext}"
            path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        _, versions = read_versions(paths, parser, texts=texts)
        sides = [Version(s, p, t, lists) for s, p, t, (_, lists) in zip(("base", "ours", "theirs"), paths, texts, versions)]
        result = merge_versions(*sides)
    if show:
        print("\n--- base\n" + texts[0] + "--- ours\n" + texts[1] + "--- theirs\n" + texts[2] + "--- merged\n" + result.text)
    base, ours, theirs = (prop.as_written(shape, side) for side in (base, ours, theirs))
    outside, inside = prop.clean_and_conflicted(result.text)
    found = {int(m) for m in prop.ID.findall(outside + inside)}
    clean = {int(m) for m in prop.ID.findall(outside)}
    certain, either = prop.expected_works(base, ours, theirs)
    if not certain <= found:
        return "merge3-lost", f"lost works {sorted(certain - found)} (exit {1 if result.conflicts else 0})"
    if not clean <= certain | either:
        return "merge3-lost", f"kept removed works {sorted(clean - certain - either)} outside a conflict"
    if not found <= {w for w, _ in [*base, *ours, *theirs]}:
        return "merge3-lost", "invented a work"
    if len(result.conflicts) != result.text.count("<<<<<<< ours"):
        return "merge3-markers", f"{len(result.conflicts)} conflicts, {result.text.count('<<<<<<< ours')} markers"
    if line_wise:
        counts = Counter(int(m) for m in prop.ID.findall(outside))
        most = {w: sum(max(sum(1 for x, v in side if x == w and v[3] == n) for side in (ours, theirs))
                       for n in range(len(prop.SECTIONS))) for w in counts}
        doubled = [w for w in counts if counts[w] > most[w]]
        if doubled:
            return "merge3-lost", f"works {doubled} written more often than either side has them"
    return None
