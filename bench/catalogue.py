"""A synthetic bibliographic catalogue of n records and a reading list to link against it, with
the truth; and the scale benchmark of ``listmerge link`` (sizes 100k to 5M).

``write_catalogue(n, folder, shared, list_size)`` streams the works of bench/synth.py (the
DBLP-ACM records, then derived works: see synth.py) into ``catalogue.csv``, one clean record a
row: id (the work's key), title, authors, venue, year, doi, arxiv (when the work has one), url
(its home page). It writes ``list.md``, ``list_size`` noisy entries as synth.py writes them (a
typo, a dropped subtitle, initials, another venue name, a DOI, arXiv or home-page link...): 90%
are works of the catalogue, picked at random over all of it, and 10% are works it lacks; and
``truth.csv`` (line, work). The same seed gives the same files.

``python bench/catalogue.py [SIZES...] [--list N] [--keep DIR]`` loads each size's catalogue
(``listmerge link`` does it the first time, timed apart) and links the list against it (timed,
peak RSS), scoring the links against the truth; results to bench/catalogue.json.
"""
from __future__ import annotations

import csv
import json
import random
import sys
import time
from pathlib import Path

import proc
import synth
from scoring import pairwise

SIZES = (100_000, 1_000_000, 5_000_000)
LIST_SIZE = 1_000
IN_CATALOGUE = 0.9
COLUMNS = ("id", "title", "authors", "venue", "year", "doi", "arxiv", "url")


def write_catalogue(n: int, folder: Path, shared: Path, list_size: int = LIST_SIZE, seed: int = 7) -> dict:
    source = synth.load_source(shared / "bench" / "dblp-acm")
    rng = random.Random(f"catalogue:{seed}:{n}")
    picks = random.Random(f"picks:{seed}:{n}")
    inside = round(list_size * IN_CATALOGUE)
    wanted = set(picks.sample(range(n), inside))
    folder.mkdir(parents=True, exist_ok=True)
    chosen = []
    works = synth.iter_works(None, source, rng)
    with open(folder / "catalogue.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for k in range(n):
            work = next(works)
            writer.writerow((work.key, work.title, ", ".join(work.authors), work.venue, work.year, work.doi,
                             work.arxiv or "", work.home))
            if k in wanted:
                chosen.append(work)
    chosen += [next(works) for _ in range(list_size - inside)]  # works the catalogue lacks
    placed = [(synth.home_section(w), w) for w in chosen]
    text, truth = synth.render(placed, "list.md", source, rng)
    (folder / "list.md").write_text(text, encoding="utf-8")
    with open(folder / "truth.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([("line", "work"), *truth])
    return {"records": n, "list": len(truth), "in_catalogue": inside}


def score_links(folder: Path, links_csv: Path, n: int) -> dict:
    """Pairwise scores of the matched links (entry line, catalogue id) against the truth: an
    entry whose work is in the catalogue (key w0..w{n-1}) should link to it."""
    with open(folder / "truth.csv", newline="", encoding="utf-8") as fh:
        truth = {(int(r["line"]), r["work"]) for r in csv.DictReader(fh) if int(r["work"][1:]) < n}
    with open(links_csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    linked = {(int(r["line"]), r["catalogue_id"]) for r in rows if r["status"] == "matched"}
    scores = pairwise(linked, truth)
    scores["ambiguous"] = sum(r["status"] == "ambiguous" for r in rows)
    return scores


def measure(shared: Path, sizes=SIZES, list_size: int = LIST_SIZE, keep: Path | None = None,
            timeout: float = 7200) -> dict:
    import tempfile

    rows = []
    for n in sizes:
        base = keep or Path(tempfile.mkdtemp(prefix=f"listmerge-catalogue-{n}-"))
        folder = base / str(n)
        start = time.perf_counter()
        if not (folder / "catalogue.csv").exists():
            write_catalogue(n, folder, shared, list_size)
        made = time.perf_counter() - start
        store = folder / "catalogue.duckdb"
        command = proc.listmerge("link", "list.md", "--catalogue", "catalogue.csv", "--store", str(store),
                                 "--out", "linked", "--quiet")
        load = proc.run(command, timeout, cwd=str(folder), env=proc.env()) if not store.exists() else None
        runs = [proc.run(command, timeout, cwd=str(folder), env=proc.env()) for _ in range(3)]
        ok = [r for r in runs if r.ok]
        row = {"n": n, "generate_seconds": round(made, 1), "csv_bytes": (folder / "catalogue.csv").stat().st_size,
               "store_bytes": store.stat().st_size if store.exists() else None,
               "load": None if load is None else {"seconds": load.seconds, "peak_rss_mib": load.peak_rss_mib,
                                                   "status": "ok" if load.ok else f"exit {load.returncode}"},
               "link_seconds": sorted(r.seconds for r in ok), "link_peak_rss_mib": max((r.peak_rss_mib for r in ok), default=None),
               "status": "ok" if len(ok) == len(runs) else f"{len(runs) - len(ok)} runs failed: {runs[-1].stderr[-300:]}"}
        if ok:
            row["scores"] = score_links(folder, folder / "linked" / "links.csv", n)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    from run import machine
    from scale import fit_exponent

    points = [(r["n"], r["link_seconds"][len(r["link_seconds"]) // 2]) for r in rows if r["link_seconds"]]
    return {"machine": machine(), "list_size": list_size, "rows": rows,
            "link_growth_exponent": fit_exponent(points)}


if __name__ == "__main__":
    args = sys.argv[1:]
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    size = int(args[args.index("--list") + 1]) if "--list" in args else LIST_SIZE
    skip = {i for flag in ("--keep", "--list") if flag in args for i in (args.index(flag), args.index(flag) + 1)}
    sizes = tuple(int(a) for i, a in enumerate(args) if i not in skip) or SIZES
    shared = Path(__file__).resolve().parents[1].parent / "shared"
    result = measure(shared, sizes, size, keep)
    out = Path(__file__).with_name("catalogue.json")
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
