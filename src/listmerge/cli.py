"""The command line: the only place that prints, reads argv or exits."""
from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ListmergeError
from .options import (Aliased, FormatList, format_or_path, given_path, input_format, output_format, output_path,
                      quiet_and_verbose)

EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE = 0, 1, 2
#: A stage over this many items shows a progress bar (on a terminal).
PROGRESS_FROM = 20
#: The kinds of change diff reports (diff.CHANGE_TYPES, kept here so --help needs no import).
DIFF_FORMATS = ("terminal", "md", "json", "html")
CHANGE_KINDS = ("added", "removed", "section-renamed", "moved", "renamed", "relinked", "reannotated", "reordered",
                "mention-added", "mention-removed")
#: merge's outputs (outputs.OUTPUTS, kept here so --help needs no import; a test keeps them equal).
MERGE_OUTPUTS = ("md", "json", "yaml", "bib", "report", "html")
#: A run builds millions of objects that live to its end (entries, records, works, output trees)
#: and few reference cycles: with Python's default thresholds (700, 10, 10) the cyclic garbage
#: collector walks them all again and again (about a fifth of a 100k-entry merge).
GC_THRESHOLDS = (100_000, 50, 100)


def _say(message: str) -> None:
    """One line on stderr; what it quotes from a list cannot act on the terminal."""
    click.echo(_line(message), err=True)


def _line(text: str) -> str:
    from .escape import visible

    return visible(text).replace("\n", " ").replace("\t", " ")


def _error(message: str) -> None:
    _say(f"listmerge: error: {message}")


def _warn_problems(lists) -> None:
    for rl in lists:
        for problem in rl.problems:
            where = f"{rl.file}:{problem.line}" if problem.line else rl.file
            _say(f"{where}: warning: {problem.message}")


def expand_inputs(paths, quiet: bool = False) -> tuple[list[str], list[ListmergeError]]:
    """The files the inputs name (directories searched), and the inputs that name none."""
    from .load import expand

    from .errors import InputError

    specs, failures = [], []
    for raw in paths:
        left_out: list[tuple[str, str]] = []
        unreadable: list[tuple[str, str]] = []
        try:
            specs.extend(expand([raw], left_out, unreadable))
        except ListmergeError as exc:
            failures.append(exc)  # its message names what was left out
            continue
        finally:
            failures.extend(InputError(reason, path) for path, reason in unreadable)
        if not quiet:
            _tell_left_out(raw, left_out)
    return specs, failures


def _tell_left_out(folder: str, left_out: list[tuple[str, str]]) -> None:
    """One line on stderr for what a directory's expansion left out, by reason."""
    from .load import describe_left_out

    if left_out:
        _say(f"listmerge: {folder}: left out {describe_left_out(folder, left_out)}")


def read_inputs(paths: tuple[str, ...], fmt: str | None, expanded=None, quiet: bool = False):
    """Read every input; returns (lists, failures). Unreadable inputs are reported, not fatal.
    ``expanded`` is what expand_inputs(paths) gave, when the caller needed it first. Many files
    are read with a progress bar on a terminal."""
    from .load import read
    from .terminal import progress

    specs, failures = expanded or expand_inputs(paths)
    failures = list(failures)
    lists = []
    with progress("reading lists", specs, quiet=quiet or len(specs) < PROGRESS_FROM) as each:
        for spec in each:
            try:
                lists.extend(read(spec, fmt))
            except ListmergeError as exc:
                failures.append(exc)
    for failure in failures:
        _error(str(failure))
    return lists, failures


def _exit_status(lists, failures) -> int:
    """2 when nothing could be read; 1 when an input could not be read or had problems (each
    named on stderr: an empty file, a broken entry); else 0. merge, parse and dedupe agree."""
    if not lists:
        return EXIT_TROUBLE
    return EXIT_PROBLEMS if failures or any(rl.problems for rl in lists) else EXIT_OK


def _table_parser(fmt: str | None, columns: tuple[str, ...]):
    """The CSV parser with the columns named on the command line."""
    from .parsers.tabular import parse_columns, with_columns

    if fmt not in (None, "csv"):
        raise click.UsageError(f"--columns applies to CSV/TSV tables, not --from {fmt}")
    try:
        return with_columns(parse_columns(columns))
    except ListmergeError as exc:
        raise click.UsageError(str(exc)) from None


def _stop_cleanly_on_sigterm() -> None:
    """A run told to stop (SIGTERM) unwinds as on an error: a write half done removes its
    temporary files and puts back what it replaced. (A run killed outright leaves them for the
    next run to remove.)"""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _size(ctx, param, value):
    from .budget import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="listmerge")
@click.option("--max-bytes", callback=_size, metavar="SIZE",
              help="Refuse an input larger than this (default 64M; env LISTMERGE_MAX_BYTES).")
@click.option("--max-depth", type=click.IntRange(min=1), metavar="N",
              help="Refuse an input whose brackets, YAML or HTML lists nest deeper (default 200; "
                   "env LISTMERGE_MAX_DEPTH).")
@click.option("--max-values", type=click.IntRange(min=1), metavar="N",
              help="Refuse YAML whose aliases expand to more values (default 1000000; env "
                   "LISTMERGE_MAX_VALUES).")
def main(max_bytes, max_depth, max_values) -> None:
    """Diff and merge reading lists: parse many shapes, recognise the same work, build one canon."""
    from .budget import configure

    gc.set_threshold(*GC_THRESHOLDS)
    _stop_cleanly_on_sigterm()
    try:
        configure(max_bytes=max_bytes, max_depth=max_depth, max_values=max_values)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)


PARSE_FORMATS = ("table", "json", "yaml", "bibtex", "csljson", "csv")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@input_format()
@output_format(PARSE_FORMATS, "table")
@output_path("Write to this file (atomically) instead of stdout; - is stdout.")
@click.option("--columns", "columns", metavar="FIELD=COLUMN,...", multiple=True,
              help="Name the columns of a CSV/TSV table (implies --from csv), "
                   "e.g. --columns 'title=Book Title,authors=Author'.")
@quiet_and_verbose(quiet="Print nothing on stderr but errors (no warnings about the lists).",
                   verbose="Also tell which links were left out as not works (badges, licence, profiles...) and why.")
def parse(paths, fmt, to, output, columns, quiet, verbose) -> None:
    """Parse FILE|DIR... (- for stdin) into listmerge's model and print it."""
    from .render import get_renderer

    out, to = format_or_path(output, to, PARSE_FORMATS, "table")
    if columns:
        fmt = _table_parser(fmt, columns)
    expanded = expand_inputs(paths, quiet)
    _refuse_overwrite(out, [*paths, *expanded[0]])
    lists, failures = read_inputs(paths, fmt, expanded, quiet)
    if not quiet:
        _warn_problems(lists)
    if verbose:
        _tell_skipped(lists)
    if lists:
        _write(get_renderer(to)(lists), out)
    sys.exit(_exit_status(lists, failures))


def _tell_skipped(lists, examples: int = 3) -> None:
    """Each list's skipped links on stderr: a count per reason, with the first few places."""
    for rl in lists:
        by_reason: dict[str, list] = {}
        for skip in rl.skipped:
            by_reason.setdefault(skip.reason, []).append(skip)
        total = len(rl.skipped)
        _say(f"{rl.file}: {total} link{'s' if total != 1 else ''} left out as not works")
        for reason, found in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = ", ".join(f"{rl.file}:{s.line} {s.url}" for s in found[:examples])
            more = f" (and {len(found) - examples} more)" if len(found) > examples else ""
            _say(f"  {len(found):5d}  {reason}: {shown}{more}")


DEFAULT_OVERRIDES = "lists/overrides.yaml"


def _overrides(path: str | None):
    """The overrides file named, else lists/overrides.yaml when present, else None."""
    from pathlib import Path

    from .load import decode, read_bytes
    from .overrides import load_overrides

    if path is None:
        if not Path(DEFAULT_OVERRIDES).is_file():
            return None
        path = DEFAULT_OVERRIDES
    return load_overrides(path, decode(read_bytes(path), path))


def _match(paths, fmt, overrides_path, expanded=None, quiet: bool = False, progress=None):
    """Read the inputs and find the works; exits 2 when nothing could be read."""
    from .works import find_works

    progress = progress or (lambda message: None)
    progress(f"reading {', '.join(paths)}")
    lists, failures = read_inputs(paths, fmt, expanded, quiet)
    if not quiet:
        _warn_problems(lists)
    overrides = _overrides_for(lists, overrides_path, failures)
    progress(f"matching {sum(len(rl.entries) for rl in lists)} entries from {len(lists)} lists")
    matching = find_works(lists, overrides, say=progress, watch=_watch("judging candidate pairs", quiet))
    if not quiet:
        _warn_unmatched(matching.notes)
    return matching, failures


def _overrides_for(lists, overrides_path, failures=()):
    """The overrides to apply; exits 2 when they can't be read or when no list could be read."""
    try:
        overrides = _overrides(overrides_path)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    if not lists:
        if not failures:  # each failure has been named on its own line already
            _error("nothing could be read")
        sys.exit(EXIT_TROUBLE)
    return overrides


def _warn_unmatched(notes) -> None:
    for note in notes:
        if "no entry matches" in note:
            _say(f"{note.split(': ', 1)[0]}: warning: {note.split(': ', 1)[1]}")


def _file_of(ref: str) -> str | None:
    """The existing file a file:line reference names, else None."""
    from pathlib import Path

    path, _, line = ref.rpartition(":")
    return path if line.isdigit() and Path(path).is_file() else None


def _inside(path: str, specs: list[str]) -> bool:
    from pathlib import Path

    return any(Path(path).resolve().is_relative_to(Path(s).resolve()) for s in specs)


OVERRIDES_HELP = f"YAML file of same:/distinct: pairs (default: {DEFAULT_OVERRIDES} if present)."


DEDUPE_FORMATS = ("table", "json")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@input_format()
@output_format(DEDUPE_FORMATS, "table")
@output_path("Write to this file (atomically) instead of stdout; - is stdout.")
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
@quiet_and_verbose(quiet="Print nothing on stderr but errors (no warnings about the lists).")
def dedupe(paths, fmt, to, output, overrides, quiet, verbose) -> None:
    """Find the works in FILE|DIR... (- for stdin): each with its entries (file:line) and the
    reasons that joined them."""
    from .render.works import works_json, works_table

    out, to = format_or_path(output, to, DEDUPE_FORMATS, "table")
    expanded = expand_inputs(paths, quiet)
    _refuse_overwrite(out, [*paths, *expanded[0], *([overrides] if overrides else [])])
    matching, failures = _match(paths, fmt, overrides, expanded, quiet, _progress(quiet, verbose))
    _write((works_json if to == "json" else works_table)(matching), out)
    sys.exit(_exit_status(matching.lists, failures))


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--in", "paths", multiple=True, metavar="FILE|DIR",
              help="Lists to look in (repeatable; default: lists/).")
@input_format()
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
@quiet_and_verbose(quiet="Print nothing on stderr but errors (no warnings about the lists).")
def explain(a, b, paths, fmt, overrides, quiet, verbose) -> None:
    """Why A and B are (or are not) the same work. A and B are each a file:line, an identifier
    (arxiv:2005.14165, a DOI), a URL or a title. A file:line also adds that file to the lists."""
    from .overrides import resolve
    from .render.works import explain_text

    specs = list(paths) or ["lists"]
    specs += [path for path in map(_file_of, (a, b)) if path and not _inside(path, specs)]
    matching, _ = _match(tuple(dict.fromkeys(specs)), fmt, overrides, None, quiet, _progress(quiet, verbose))
    found = []
    for ref in (a, b):
        hits = resolve(ref, matching.lists, matching.records)
        if not hits:
            _error(f"no entry matches '{ref}' in {', '.join(specs)}")
            sys.exit(EXIT_TROUBLE)
        found.append(hits)
    if len(found[0]) > 1 or len(found[1]) > 1:
        if not quiet:
            _say(f"note: '{a}' names {len(found[0])} entries and '{b}' {len(found[1])}; explaining the first of each")
    first_a = found[0][0]
    first_b = next((j for j in found[1] if j != first_a), None)
    if first_b is None:
        _error(f"'{a}' and '{b}' name the same single entry")
        sys.exit(EXIT_TROUBLE)
    click.echo(explain_text(matching, first_a, first_b), nl=False)


REVIEW_CHOICES = {"s": "same", "d": "distinct", "k": "skip", "q": "quit"}


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False),
              help=f"The overrides file read and added to (default: {DEFAULT_OVERRIDES}, made if missing).")
@click.option("--limit", "limit", type=click.IntRange(min=1), help="Review at most this many pairs.")
@input_format()
@quiet_and_verbose(quiet="Print nothing on stderr but errors (no warnings about the lists).")
def review(paths, overrides, limit, fmt, quiet, verbose) -> None:
    """Walk the uncertain joins and near misses of FILE|DIR... (default lists/): each is shown
    with its evidence, as explain shows it, and answered same, distinct or skip. Each answer
    is added to the overrides file at once, so quitting keeps the answers given."""
    from .render.works import explain_text
    from .review import borderline, record_answer

    path = overrides or DEFAULT_OVERRIDES
    matching, _ = _match(tuple(paths) or ("lists",), fmt, path if Path(path).is_file() else None, None, quiet,
                         _progress(quiet, verbose))
    found = borderline(matching, limit)
    if not found:
        click.echo("nothing to review: no uncertain join and no near miss")
        return
    answered = 0
    for n, item in enumerate(found, 1):
        click.echo(f"\n[{n}/{len(found)}] {item.why}")
        click.echo(explain_text(matching, *item.pair), nl=False)
        answer = REVIEW_CHOICES[click.prompt("Same work? [s]ame, [d]istinct, [k] skip, [q]uit",
                                             type=click.Choice(list(REVIEW_CHOICES)), show_choices=False)]
        if answer == "quit":
            break
        if answer != "skip":
            a, b = (matching.location(i) for i in item.pair)
            try:
                record_answer(path, answer, a, b)
            except (ListmergeError, OSError, ValueError) as exc:
                _error(f"{path}: cannot add the answer ({exc})")
                sys.exit(EXIT_TROUBLE)
            answered += 1
    click.echo(f"{answered} answer{'s' if answered != 1 else ''} added to {path}")


@main.command()
@click.argument("paths", nargs=-1)
@output_path("Directory to write the canon and the report into; - writes the one output -t names to stdout.",
             default="output", folder=True)
@click.option("-t", "--to", "formats", cls=Aliased, aliases=("--format",), multiple=True, type=FormatList(MERGE_OUTPUTS),
              help="Outputs wanted (default: all): md canon.md, json canon.json, yaml canon.yaml, bib canon.bib, "
                   "report report.md, html canon.html. Comma-separated or repeated.")
@click.option("--min-support", "min_support", default=1, show_default=True, type=click.IntRange(min=1),
              help="Only works that at least this many lists include.")
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
@click.option("--graph", "graph", type=click.Path(dir_okay=False), metavar="FILE.graphml|FILE.json",
              help="Also write the graph of lists, sections, entries and works.")
@input_format(aliases=("--input-format",))
@click.option("--engine", "engine", default="memory", show_default=True, type=click.Choice(["memory", "duckdb", "spark"]),
              help="Where candidate pairs are found: in memory, or by SQL on DuckDB or Spark (pip install "
                   "'listmerge[spark]'); the outputs are the same.")
@quiet_and_verbose(verbose="Tell what each stage did, also when stderr is not a terminal.")
def merge(paths, output, formats, min_support, overrides, graph, fmt, engine, quiet, verbose) -> None:
    """Merge FILE|DIR... (default: lists/) into one canon with provenance, written to the
    directory -o names: canon.md, canon.json, canon.yaml, canon.bib, canon.html and report.md."""
    from .outputs import parse_formats, plan, render_all

    paths = paths or ("lists",)
    out = given_path(output)
    progress = _progress(quiet, verbose)
    try:
        wanted = parse_formats([name for names in formats for name in names])
        if out == "-":
            return _merge_to_stdout(paths, wanted, min_support, overrides, graph, fmt, engine, quiet, verbose)
        expanded = expand_inputs(paths, quiet)
        if graph and not graph.endswith((".graphml", ".json")):
            raise click.UsageError("--graph takes a file ending in .graphml or .json")
        inputs = [*paths, *expanded[0], *([overrides] if overrides else [])]
        targets = plan(out, wanted, inputs, [graph] if graph else [])
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    progress(f"reading {', '.join(paths)}")
    lists, failures = read_inputs(paths, fmt, expanded, quiet)
    if not quiet:
        _warn_problems(lists)
    canon = _merge(lists, failures, overrides, min_support, progress, verbose, quiet, engine)
    progress(f"writing {len(targets)} files to {out}")
    texts = render_all(canon, wanted, out)
    if graph:
        from .graph import build_graph, write_graph

        texts[graph] = write_graph(build_graph(canon), graph)
    written = _commit(texts, targets, out)
    if not quiet:
        click.echo(_line(f"{len(canon.shown)} works from {len(lists)} lists -> " + " ".join(str(p) for p in written)))
    sys.exit(_exit_status(lists, failures))


def _merge_to_stdout(paths, wanted, min_support, overrides, graph, fmt, engine, quiet, verbose) -> None:
    """merge -o -: the one output -t names, on stdout (a canon of several files needs a folder)."""
    from .outputs import PLACED, render_all

    if len(wanted) != 1 or graph:
        raise click.UsageError("-o - writes one output to stdout: name it with -t (md, json, yaml, bib, report or "
                               "html), and no --graph")
    expanded = expand_inputs(paths, quiet)
    progress = _progress(quiet, verbose)
    progress(f"reading {', '.join(paths)}")
    lists, failures = read_inputs(paths, fmt, expanded, quiet)
    if not quiet:
        _warn_problems(lists)
    canon = _merge(lists, failures, overrides, min_support, progress, verbose, quiet, engine)
    text = render_all(canon, wanted, ".")[wanted[0]]
    if wanted[0] in PLACED:
        progress("the page's source links are relative to this folder")
    _write(text, None)
    sys.exit(_exit_status(lists, failures))


def _commit(texts, targets, out: str) -> list:
    """Write every output all or nothing (outputs.write_all); exits 2, saying what was left, when
    that fails."""
    from .outputs import write_all

    try:
        return write_all(texts, targets)
    except OSError as exc:
        _error(_write_failure(exc, out))
        sys.exit(EXIT_TROUBLE)


def _write_failure(exc: OSError, out: str) -> str:
    """What a failed commit left: the previous outputs, or (when they could not be put back)
    which files hold the new version and which the old."""
    from .files import PartialWrite

    where = f"{exc.filename or out}: cannot write ({exc.strerror})"
    if not isinstance(exc, PartialWrite):
        return f"{where}; earlier outputs left as they were"
    return (f"{where}, and could not put back the earlier {', '.join(map(str, exc.new))}: "
            f"{'those hold' if len(exc.new) > 1 else 'it holds'} this run's version, "
            f"{', '.join(map(str, exc.old)) or 'nothing else'} the earlier one")


def _merge(lists, failures, overrides_path, min_support, progress, verbose, quiet, engine="memory"):
    from dataclasses import replace

    from .merge import merge as merge_lists

    overrides = _overrides_for(lists, overrides_path, failures)
    progress(f"matching {sum(len(rl.entries) for rl in lists)} entries from {len(lists)} lists")
    say = (lambda message: _say(f"listmerge: {message}")) if verbose else progress
    pairs_of = None
    if engine != "memory":
        from .scale.blocking import engine_candidates

        pairs_of = engine_candidates(engine, say=say)
    try:
        canon = merge_lists(lists, overrides, min_support=min_support, say=say, pairs_of=pairs_of,
                            watch=_watch("judging candidate pairs", quiet))
    except ListmergeError as exc:  # an engine that cannot start (no pyspark, no Java)
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    if not quiet:
        _warn_unmatched(canon.matching.notes)
    return replace(canon, failures=tuple((f.path or "", f.line, f.detail) for f in failures))


def _watch(label: str, quiet: bool, at_least: int = 5000):
    """A progress bar with counts over the items of a long stage, on a terminal only."""
    def watch(items):
        if len(items) < at_least:
            yield from items
            return
        from .terminal import progress

        with progress(label, items, len(items), quiet) as shown:
            yield from shown
    return watch


def _progress(quiet: bool, verbose: bool):
    """Stage messages on stderr when it is a terminal (or with -v); nothing with --quiet."""
    from .terminal import on_terminal

    if quiet or not (verbose or on_terminal()):
        return lambda message: None
    return lambda message: _say(f"listmerge: {message}")


LINKED_FORMATS = {"yaml": "yaml", "json": "json", "csv": "csv", "bibtex": "bib", "csljson": "json"}


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--catalogue", "catalogue", required=True, type=click.Path(dir_okay=False),
              help="The catalogue: CSV, Parquet or a DuckDB database, with the columns the CSV reader knows "
                   "(title, authors, venue, year, id, doi, url...).")
@click.option("--engine", "engine", default="duckdb", show_default=True, type=click.Choice(["duckdb", "spark"]),
              help="Where blocking runs: DuckDB in this process, or Spark (pip install 'listmerge[spark]'; "
                   "LISTMERGE_SPARK_MASTER names a cluster, default local[2]).")
@output_path("Directory for the enriched lists, links.csv and link-report.md (default: linked).", folder=True)
@output_format(tuple(LINKED_FORMATS), "yaml",
               help="Format of the enriched lists (yaml and json keep the provenance of every filled field).")
@click.option("--store", "store", type=click.Path(dir_okay=False),
              help="Where the catalogue is loaded to (a DuckDB file; default: in ~/.cache/listmerge). "
                   "A catalogue loaded once is reused while the file is unchanged.")
@click.option("--jobs", "jobs", type=click.IntRange(min=1), help="Processes that load a large catalogue (default: all cores).")
@input_format(aliases=("--input-format",))
@quiet_and_verbose()
def link(paths, catalogue, engine, output, to, store, jobs, fmt, quiet, verbose) -> None:
    """Link the entries of FILE|DIR... to a catalogue of (up to millions of) records: each
    entry matched, ambiguous or unmatched, by the rules merge uses, and the lists written to
    --out with the identifiers, link, authors, venue and year the catalogue adds, with the
    provenance of every field filled. Exit 0 all read, 1 some inputs had problems, 2 trouble."""
    from .outputs import plan
    from .render import get_renderer
    from .render.link import link_report, links_csv
    from .scale.catalogue import open_catalogue
    from .scale.engines import get_engine
    from .scale.link import link as link_lists

    progress = _progress(quiet, verbose)
    given, output = format_or_path(output, to, tuple(LINKED_FORMATS), "yaml")
    out = given or "linked"
    ext = LINKED_FORMATS[output]
    try:
        expanded = expand_inputs(paths, quiet)
        names = {"lists": f"linked.{ext}", "csv": "links.csv", "report": "link-report.md"}
        targets = plan(out, [], [*paths, *expanded[0], catalogue, *([store] if store else [])],
                       [str(Path(out) / name) for name in names.values()])
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    progress(f"reading {', '.join(paths)}")
    lists, failures = read_inputs(paths, fmt, expanded, quiet)
    _warn_problems([] if quiet else lists)
    if not lists:
        _error("nothing could be read")
        sys.exit(EXIT_TROUBLE)
    try:
        found = open_catalogue(catalogue, store, jobs=jobs, say=progress)
        progress(f"linking {sum(len(rl.entries) for rl in lists)} entries to {found.rows} catalogue records ({engine})")
        runner = get_engine(engine)
        try:
            linking = link_lists(lists, found, runner, say=progress)
        finally:
            runner.close()
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    texts = {str(Path(out) / names["lists"]): get_renderer(output)(list(linking.lists)),
             str(Path(out) / names["csv"]): links_csv(linking), str(Path(out) / names["report"]): link_report(linking)}
    written = _commit(texts, targets, out)
    if not quiet:
        counts = linking.counts
        click.echo(_line(f"{counts['matched']} matched, {counts['ambiguous']} ambiguous, {counts['unmatched']} "
                         "unmatched -> " + " ".join(str(p) for p in written)))
    sys.exit(_exit_status(lists, failures))


@main.command()
@click.argument("old")
@click.argument("new")
@output_format(DIFF_FORMATS, "terminal", help="Output format: terminal (coloured, paged on a terminal), md, json "
                                                 "or html (a page of its own).")
@output_path("Write to this file (atomically) instead of stdout; - is stdout.")
@input_format()
@click.option("--compare/--no-compare", "compare", default=None,
              help="Frame as two curators' lists (only in A / only in B / in both), or force a "
                   "version diff (default: compare when the lists' titles or names differ).")
@click.option("--color/--no-color", "color", default=None,
              help="Colour the terminal output (default: when stdout is a terminal).")
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
@click.option("--key", "key", metavar="COLUMN",
              help="A CSV/TSV column whose value names each row: rows with the same value are one "
                   "entry (BibTeX citation keys and CSV id/key columns are used without it).")
@click.option("--ignore", "ignore", metavar="KIND[,KIND]", multiple=True,
              help="Leave out changes of these kinds: " + ", ".join(CHANGE_KINDS) + ".")
@click.option("--section", "section", metavar="NAME",
              help="Only changes in the section of this name (a heading at any level, or 'A > B').")
@quiet_and_verbose(quiet="Print nothing; only the exit status tells.")
def diff(old, new, to, output, fmt, compare, color, overrides, key, ignore, section, quiet, verbose) -> None:
    """What changed from OLD to NEW (files, directories or REV:path from git): added, removed,
    moved, renamed, relinked, re-annotated and reordered entries. Two versions of one file (the
    same file name, or --no-compare) are read by one parser. Exit 0 when there is no
    difference, 1 when there are differences, 2 on trouble."""
    from .diff import Side, diff_sides
    from .load import read_sides
    from .render.diff import DIFF_RENDERERS

    out, output = format_or_path(output, to, DIFF_FORMATS, "terminal")
    progress = _progress(quiet, verbose)
    ignored = [k.strip() for value in ignore for k in value.split(",") if k.strip()]
    unknown = [k for k in ignored if k not in CHANGE_KINDS]
    if unknown:
        raise click.UsageError(f"--ignore: unknown kind {unknown[0]!r} (known: {', '.join(CHANGE_KINDS)})")
    if key:
        fmt = _table_parser(fmt, (f"key={key}",))
    _refuse_overwrite(out, _files_of([old, new]))
    try:
        versions = None if compare is None else not compare
        progress(f"reading {old} and {new}")
        sides = [Side(spec, lists) for spec, lists in zip((old, new), read_sides(old, new, fmt, versions))]
        rules = _overrides(overrides)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    if not quiet:
        _warn_problems([rl for side in sides for rl in side.lists])
    progress("pairing their entries")
    result = diff_sides(*sides, rules, compare=compare).filtered(ignored, section)
    if not quiet:
        from .terminal import color_wanted, show

        color = color_wanted(color) and not out
        render = DIFF_RENDERERS[output]
        text = render(result, color=color) if output == "terminal" else render(result)
        if out:
            _write(text, out, color)
        else:
            show(text, color, page=output == "terminal")
    sys.exit(EXIT_PROBLEMS if result.differs else EXIT_OK)


@main.command()
@click.argument("base")
@click.argument("ours")
@click.argument("theirs")
@output_path("Write the merged list to this file (atomically; may be OURS, as git's driver does with -o %A) "
             "instead of stdout; - is stdout.")
@click.option("--path", "name", metavar="PATH",
              help="The list's path in the repository (git's %P): helps tell the format of files "
                   "git names .merge_file_XXXXXX, and names the list in messages.")
@input_format(what="the three versions")
@click.option("-L", "--marker-size", "marker_size", default=7, show_default=True, type=click.IntRange(min=1),
              help="Length of the conflict markers (git's %L).")
@click.option("--ours-label", default="ours", show_default=True,
              help="Label after <<<<<<< (git's %X, the branch merged into).")
@click.option("--theirs-label", default="theirs", show_default=True,
              help="Label after >>>>>>> (git's %Y, the branch merged).")
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
@quiet_and_verbose(quiet="Print nothing on stderr but errors (no conflict reasons, no warnings).",
                   verbose="Also tell on stderr how the merge was decided (identical sides, or entry by entry).")
def merge3(base, ours, theirs, output, name, fmt, marker_size, ours_label, theirs_label, overrides, quiet,
           verbose) -> None:
    """Three-way merge of one list: BASE is the common ancestor, OURS and THEIRS the two
    versions (files or REV:path). Lines are merged as git merges them; where that conflicts,
    entry by entry (additions from both sides kept, removals applied, edits to different fields
    combined). What cannot be decided is written between <<<<<<< and >>>>>>> markers. The text
    keeps each side's layout (BOM, line endings, numbering). Exit 0 merged cleanly, 1
    conflicts, 2 trouble."""
    from .load import decode_raw, read_bytes, read_versions
    from .merge3 import Merged, Version, merge_versions, settled

    out = given_path(output)
    out = None if out in (None, "-") else out
    ours_label, theirs_label = (_git_label(ours_label, "ours"), _git_label(theirs_label, "theirs"))
    progress = _progress(quiet, verbose)
    specs = [base, ours, theirs]
    _refuse_overwrite(out, specs, allowed=[ours])  # git's driver writes the result over ours (-o %A)
    try:
        texts = [decode_raw(read_bytes(spec), spec) for spec in specs]
        agreed = settled(*texts)
        if agreed is None:
            parser, versions = read_versions(specs, fmt, [None, name, None], texts=texts)
            rules = _overrides(overrides)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    if agreed is not None:
        progress("two of the three versions are the same text: the result is the third")
        merged = Merged(agreed, ())
    else:
        counts = " / ".join(str(sum(len(rl.entries) for rl in lists)) for _, lists in versions)
        progress(f"merging entry by entry where lines conflict: base / ours / theirs have {counts} entries "
                 f"(read as {getattr(parser, 'name', parser)})")
        if not quiet:
            _warn_problems([rl for _, lists in versions for rl in lists if rl.format != "empty"])
        sides = [Version(side, path, text, lists) for side, path, text, (_, lists)
                 in zip(("base", "ours", "theirs"), (base, name or ours, theirs), texts, versions)]
        merged = merge_versions(*sides, rules, marker_size, (ours_label, theirs_label))
    _write(merged.text, out)
    if not quiet:
        for reason in merged.conflicts:
            _say(f"listmerge: conflict: {reason}")
    sys.exit(EXIT_PROBLEMS if merged.conflicts else EXIT_OK)


def _git_label(value: str, default: str) -> str:
    """A conflict label; git before 2.44 passes a placeholder it does not know (%X, %Y) as it is."""
    return default if value in ("%S", "%X", "%Y", "") else value


def _write(text: str, out: str | None, color: bool | None = None) -> None:
    """``text`` to ``out`` atomically, else to stdout; exits 2 when it cannot be written."""
    from .files import write_atomic
    from .escape import encodable

    if not out or out == "-":
        click.echo(encodable(text), nl=False, color=color)
        return
    try:
        write_atomic(out, text)
    except OSError as exc:
        _error(f"{out}: cannot write ({exc.strerror}); left as it was")
        sys.exit(EXIT_TROUBLE)


def _refuse_overwrite(out: str | None, inputs, allowed=()) -> None:
    """Exit 2 before any work when writing ``out`` would replace one of the inputs."""
    from .outputs import refuse_overwrite

    try:
        refuse_overwrite(out, inputs, allowed)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)


def _files_of(paths) -> list[str]:
    """The paths, and the files in those that are directories."""
    from .load import expand

    found = list(paths)
    for path in paths:
        try:
            found.extend(expand([path]))
        except ListmergeError:
            pass  # reported when it is read
    return found


@main.command("git-setup")
@click.argument("patterns", nargs=-1)
@click.option("--global", "global_", is_flag=True,
              help="Configure git for all your repositories (git config --global and your global "
                   "attributes file) instead of this one.")
@click.option("--apply", "apply_", is_flag=True, help="Write the configuration instead of printing it.")
@click.option("--command", "command", metavar="CMD",
              help="How git should run listmerge (default: 'listmerge' when it is on PATH, else "
                   "this Python with -m listmerge).")
@quiet_and_verbose(quiet="With --apply, print nothing but errors.",
                   verbose="With --apply, also print the configuration written.")
def git_setup(patterns, global_, apply_, command, quiet, verbose) -> None:
    """The git config and .gitattributes lines that make `git diff` show listmerge's report and
    `git merge` use `listmerge merge3` for the files PATTERNS match (default: lists/**).
    Prints them; --apply writes them (.gitattributes only gains lines it lacks)."""
    from .gitsetup import DEFAULT_PATTERNS, apply, default_command, git_setup as make_setup

    setup = make_setup(command or default_command(), tuple(patterns) or DEFAULT_PATTERNS)
    scope = "--global" if global_ else "--local"
    where = "your global attributes file" if global_ else ".gitattributes"
    lines = "\n".join(["# git config", *setup.commands(scope), f"# {where}", *setup.attributes])
    if not apply_:
        click.echo(lines)
        return
    try:
        target, added = apply(setup, scope)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    if verbose:
        click.echo(lines)
    if not quiet:
        click.echo(f"git config {scope}: {', '.join(key for key, _ in setup.config)}; "
                   f"{target}: {len(added)} line(s) added")


@main.command("git-diff")
@click.argument("args", nargs=-1)
def git_diff(args) -> None:
    """git's diff driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE (what
    diff.<driver>.command is given); prints listmerge's diff report of the two versions."""
    from .diff import Side, diff_sides
    from .load import read_versions
    from .render.diff import DIFF_RENDERERS

    if len(args) != 7:
        _error(f"git-diff is run by git with 7 arguments (path old-file old-hex old-mode new-file "
               f"new-hex new-mode), got {len(args)}: {args[0] if args else ''} is unmerged?")
        sys.exit(EXIT_TROUBLE)
    path, old, new = args[0], args[1], args[4]
    try:
        _, ((_, before), (_, after)) = read_versions([old, new], names=[f"a/{path}", f"b/{path}"])
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    click.echo(_line(f"listmerge diff a/{path} b/{path}"))
    result = diff_sides(Side(f"a/{path}", before), Side(f"b/{path}", after), compare=False)
    click.echo(DIFF_RENDERERS["terminal"](result, color=False), nl=False)
