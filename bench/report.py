"""docs/benchmarks.md from the results run.py gathered: one function per part, plus the targets.
Every number printed here is read from the results; none is typed in."""
from __future__ import annotations

from accuracy import PUBLISHED, TARGETS


def _table(head: list[str], rows: list[list]) -> list[str]:
    return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + \
           ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows] + [""]


def _yes(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def header(info: dict, command: str, took: float) -> list[str]:
    return ["# Benchmarks", "",
            f"Written by `{command}` (from the project root; it took {took:.0f} s) on {info['date']}: "
            f"{info['cores']} cores, {info['memory_mib']} MiB memory, Python {info['python']} "
            f"({info['platform']}). Raw numbers: bench/results.json.", "",
            "Every number is **ours** (listmerge, this checkout) unless its column or line says "
            "**peer** (bib-dedupe, measured here in the same run) or **published** (quoted, not "
            "measured). Times are wall-clock medians of fresh processes. Peak RSS is the larger of the "
            "command's own ru_maxrss (wait4, taken by a small launcher so a forked child does not "
            "inherit our high-water mark) and the summed RSS of it and any worker processes it "
            "starts, sampled while it runs (bench/proc.py). The machine is shared with other work, so "
            "times are noisy: compare medians, not single runs.", ""]


def part1(results: dict) -> list[str]:
    rows = []
    for name, r in results.items():
        if "error" in r:
            rows.append([name, "error", r["error"]] + [""] * 8)
            continue
        for scoring, s in r["scores"].items():
            target = TARGETS[name] if scoring == TARGETS[name][0] else None
            met = None if target is None else target_met(s, target)
            rows.append([name, scoring, s["precision"], s["recall"], s["f1"], s["fp"],
                         "" if target is None else target_text(target),
                         "" if met is None else _yes(met), r["seconds_median"], r["process_seconds_median"],
                         r["peak_rss_mib"]])
    lines = ["## 1. Matching accuracy, ours (../shared/bench)", ""]
    lines += _table(["dataset", "scoring", "precision", "recall", "F1", "FP", "target",
                     "met", "median s (read+match)", "median s (process)", "peak RSS MiB"], rows)
    lines += ["Published figures to compare against (not measured here):", ""]
    lines += [f"- {name}: {text}" for name, text in PUBLISHED.items()]
    return lines + ["", f"Runs per dataset: {next(iter(results.values())).get('runs', '?')}. "
                        "'read+match' is timed inside the process (import excluded); 'process' is "
                        "the whole command, interpreter start and imports included. DBLP-ACM is scored "
                        "from the canon.json that `listmerge merge dblp.csv acm.csv` writes (every dblp x "
                        "acm pair inside one work); DBLP-Scholar pairwise over its labelled pairs only.", ""]


def target_met(scores: dict, target: tuple) -> bool:
    _, f1, most_fp, least_precision = target
    return (scores["f1"] >= f1 and (most_fp is None or scores["fp"] <= most_fp)
            and (least_precision is None or scores["precision"] >= least_precision))


def target_text(target: tuple) -> str:
    _, f1, most_fp, least_precision = target
    return ", ".join([f"F1 ≥ {f1}"] + ([f"FP ≤ {most_fp}"] if most_fp is not None else [])
                     + ([f"precision ≥ {least_precision}"] if least_precision is not None else []))


def part2(peer: dict, ours: dict) -> list[str]:
    lines = ["## 2. Side by side with the peer, bib-dedupe", ""]
    if "error" in peer or "skipped" in peer:
        return lines + [f"Not measured in this run: {peer.get('error') or peer.get('skipped')}", ""]
    lines += [f"Peer: {peer['peer']} {peer['version']} (pinned), in bench/.venv-peer"
              + (f" (built in this run, {peer['install_seconds']} s)" if peer.get("install_seconds") else "")
              + ", run with its documented steps prep → block → match → cluster (bench/peer_driver.py, "
              "default settings, all cores). Its clusters are its automatic 'duplicate' verdicts; its "
              "'maybe' pairs are left for manual review, as it intends. Both tools are scored by our "
              "scorers (bench/scoring.py) the same way.", ""]
    rows = []
    for name, d in peer["datasets"].items():
        theirs, mine = d["theirs"], ours.get(name, {})
        if "error" in theirs:
            rows.append([name, "peer error: " + theirs["error"]] + [""] * 10)
            continue
        for who, r in (("ours", mine), ("peer", theirs)):
            s = r.get("scores", {}).get("record-level", {})
            p = r.get("scores", {}).get("pairwise", {})
            rows.append([name, who, s.get("precision"), s.get("f1"), s.get("fp"), p.get("f1"), p.get("fp"),
                         r.get("seconds_median"), r.get("process_seconds_median"), r.get("peak_rss_mib"),
                         r.get("runs")])
        rows.append([name, "ratio ours/peer", "", "", "", "", "", d["ratio"].get("seconds_median"),
                     d["ratio"].get("process_seconds_median"), "", ""])
    lines += _table(["dataset", "who", "record precision", "record F1", "record FP", "pairwise F1",
                     "pairwise FP", "median s (read+match)", "median s (process)", "peak RSS MiB", "runs"], rows)
    maybe = ", ".join(f"{n}: {d['theirs'].get('maybe_pairs')}" for n, d in peer["datasets"].items())
    lines += [f"Peer 'maybe' pairs left for review: {maybe}.", ""]
    return lines + whole_process(peer)


def whole_process(peer: dict) -> list[str]:
    """The whole-process table: what a user waits for, paired in one run."""
    lines = ["### Whole process, paired (what a user waits for)", "",
             "The columns above are the **in-process** times ('read+match': reading and matching timed inside "
             "one process, start-up, writing and exit left out) and our bench's own process. Here each side is "
             "the command a user runs, as a fresh process: `python -m listmerge merge FILE --out DIR --quiet` "
             "and `python -m listmerge dedupe FILE -o json` against the peer's driver on the same file, run "
             "in turn (peer, merge, dedupe, start-ups) in one run; a ratio is the median of the per-round "
             "ratios. **Start-up** is shown separately: `listmerge --help` against the peer's interpreter "
             "importing what its driver imports (`python -c 'import pandas, bib_dedupe.bib_dedupe'`).", ""]
    rows = []
    for name, d in peer["datasets"].items():
        w = d.get("whole_process")
        if not w or "error" in w:
            rows.append([name, (w or {}).get("error", "not measured"), "", "", "", "", "", "", "", ""])
            continue
        s, r = w["seconds_median"], w["ratio"]
        rows.append([name, s["merge"], s["dedupe"], s["peer"], r["merge"], r["dedupe"],
                     s["listmerge --help"], s["peer start-up"], r["start-up"], w["runs"]])
    return lines + _table(["dataset", "ours merge s", "ours dedupe s", "peer s", "ratio merge/peer",
                           "ratio dedupe/peer", "start-up ours s (--help)", "start-up peer s (imports)",
                           "ratio start-up", "paired runs"], rows) + [""]


def part3(scale: dict) -> list[str]:
    lines = ["## 3. Scale, ours (synthetic lists from DBLP-ACM)", "",
             "n is the number of entries in both lists together: `a.md` and `b.md` hold n/2 each "
             "(bench/synth.py says how they are made and what noise they carry). `dedupe` is "
             "`listmerge dedupe a.md b.md -o json`, scored pairwise against the truth; `merge` is "
             "`listmerge merge a.md b.md --out DIR --quiet`. Each is one fresh process per size; a "
             f"command is stopped at {scale['timeout_seconds']:.0f} s, and a size whose predicted "
             "time (from the smaller sizes, growing at least linearly) is over that is not run.", ""]
    rows = []
    for r in scale["rows"]:
        d, m = r["dedupe"], r["merge"]
        s = d.get("scores", {})
        rows.append([r["n"], r.get("works", ""), _status(d), d.get("seconds"), d.get("peak_rss_mib"),
                     s.get("precision"), s.get("recall"), s.get("f1"), s.get("fp"),
                     f"{s.get('entries_found')}/{s.get('entries_expected')}" if s else "",
                     _status(m), m.get("seconds"), m.get("peak_rss_mib")])
    lines += _table(["n", "works", "dedupe", "dedupe s", "dedupe RSS MiB", "precision", "recall", "F1", "FP",
                     "entries found", "merge", "merge s", "merge RSS MiB"], rows)
    k, k10, k2 = scale["k"], scale["k_from_10k"], scale["k_largest_two"]
    return lines + [f"Growth exponent k (time ∝ n^k, least squares on log-log over the sizes that "
                    f"finished): dedupe {k['dedupe']}, merge {k['merge']}; over the sizes ≥ 10k only "
                    f"(at 1k start-up dominates): dedupe {k10['dedupe']}, merge {k10['merge']}; between "
                    f"the two largest sizes that finished: dedupe {k2['dedupe']}, merge {k2['merge']}.", ""]


def _status(run: dict) -> str:
    status = run.get("status", "")
    if status == "not run":
        return f"not run (predicted {run['predicted_seconds']} s > {run['limit_seconds']} s)"
    return status


def part4(startup: dict) -> list[str]:
    lines = ["## 4. Start-up and small jobs, ours", ""]
    rows = [[name, r["seconds_median"], r["runs"], r["peak_rss_mib"]] for name, r in startup["help"].items()]
    lines += _table(["command", "median s", "runs", "peak RSS MiB"], rows)
    imports = startup["imports"]
    lines += [f"Heaviest imports of `python -m listmerge --help` (`-X importtime`, one run, "
              f"{imports['total_ms']} ms in all), each outermost import with what it pulls in:", ""]
    for item in imports["outermost"][:5]:
        inner = ", ".join(f"{c['module']} {c['cumulative_ms']}" for c in item["pulls_in"][:4])
        lines.append(f"- {item['module']}: {item['cumulative_ms']} ms" + (f" ({inner})" if inner else ""))
    rows = [[name, r.get("status"), r.get("seconds_median"), r.get("runs"), r.get("peak_rss_mib")]
            for name, r in startup["jobs"].items()]
    return lines + [""] + _table(["job (whole command)", "status", "median s", "runs", "peak RSS MiB"], rows)


def part5(throughput: dict) -> list[str]:
    lines = ["## 5. Parse throughput, ours", ""]
    rows = [[name, r["parser"], r["entries"], r["bytes"], r["seconds_median"], r["entries_per_second"], r["runs"]]
            for name, r in throughput["seeds"].items()]
    for name, r in throughput["synthetic"].items():
        rows.append([name, r.get("parser", r.get("status")), r.get("entries"), r.get("bytes"),
                     r.get("seconds_median"), r.get("entries_per_second"), r.get("runs")])
    return lines + _table(["input", "parser", "entries", "bytes", "median s", "entries/s", "runs"], rows)


def targets(found: list[tuple[str, str, bool | None]]) -> list[str]:
    lines = ["## Targets", ""]
    return lines + _table(["target", "measured (ours unless said)", "met"],
                          [[t, m, _yes(ok)] for t, m, ok in found])


def render(data: dict, found_targets: list) -> str:
    lines = header(data["machine"], data["command"], data["seconds"])
    lines += targets(found_targets)
    lines += part1(data["accuracy"])
    lines += part2(data["peer"], data["accuracy"])
    lines += part3(data["scale"])
    lines += part4(data["startup"])
    lines += part5(data["throughput"])
    return "\n".join(lines)
