"""The command line: the only place that prints, reads argv or exits."""
from __future__ import annotations

import sys

import click

from . import __version__
from .errors import ListmergeError

EXIT_OK, EXIT_PROBLEMS, EXIT_TROUBLE = 0, 1, 2


def _error(message: str) -> None:
    click.echo(f"listmerge: error: {message}", err=True)


def _warn_problems(lists) -> None:
    for rl in lists:
        for problem in rl.problems:
            where = f"{rl.path}:{problem.line}" if problem.line else rl.path
            click.echo(f"{where}: warning: {problem.message}", err=True)


def read_inputs(paths: tuple[str, ...], fmt: str | None):
    """Read every input; returns (lists, failures). Unreadable inputs are reported, not fatal."""
    from .load import expand, read

    lists, failures = [], []
    specs: list[str] = []
    for raw in paths:
        try:
            specs.extend(expand([raw]))
        except ListmergeError as exc:
            failures.append(str(exc))
    for spec in specs:
        try:
            lists.extend(read(spec, fmt))
        except ListmergeError as exc:
            failures.append(str(exc))
    for failure in failures:
        _error(failure)
    return lists, failures


def _exit_status(lists, failures) -> int:
    if not lists:
        return EXIT_TROUBLE
    return EXIT_PROBLEMS if failures else EXIT_OK


def _table_parser(fmt: str | None, columns: tuple[str, ...]):
    """The CSV parser with the columns named on the command line."""
    from .parsers.tabular import parse_columns, with_columns

    if fmt not in (None, "csv"):
        raise click.UsageError(f"--columns applies to CSV/TSV tables, not --format {fmt}")
    try:
        return with_columns(parse_columns(columns))
    except ListmergeError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="listmerge")
def main() -> None:
    """Diff and merge reading lists: parse many shapes, recognise the same work, build one canon."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", metavar="NAME", help="Parser to use instead of detecting one.")
@click.option("-o", "--output", "output", default="table", show_default=True, help="Output format.",
              type=click.Choice(["table", "json", "yaml", "bibtex", "csljson", "csv"]))
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--columns", "columns", metavar="FIELD=COLUMN,...", multiple=True,
              help="Name the columns of a CSV/TSV table (implies --format csv), "
                   "e.g. --columns 'title=Book Title,authors=Author'.")
def parse(paths, fmt, output, out, columns) -> None:
    """Parse FILE|DIR... into listmerge's model and print it."""
    from .render import get_renderer, write_atomic

    if columns:
        fmt = _table_parser(fmt, columns)
    lists, failures = read_inputs(paths, fmt)
    _warn_problems(lists)
    if lists:
        text = get_renderer(output)(lists)
        if out:
            write_atomic(out, text)
        else:
            click.echo(text, nl=False)
    sys.exit(_exit_status(lists, failures))


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


def _match(paths, fmt, overrides_path):
    """Read the inputs and find the works; exits 2 when nothing could be read."""
    from .works import find_works

    lists, failures = read_inputs(paths, fmt)
    _warn_problems(lists)
    try:
        overrides = _overrides(overrides_path)
    except ListmergeError as exc:
        _error(str(exc))
        sys.exit(EXIT_TROUBLE)
    if not lists:
        sys.exit(EXIT_TROUBLE)
    matching = find_works(lists, overrides)
    for note in matching.notes:
        if "no entry matches" in note:
            click.echo(f"{note.split(': ', 1)[0]}: warning: {note.split(': ', 1)[1]}", err=True)
    return matching, failures


def _file_of(ref: str) -> str | None:
    """The existing file a file:line reference names, else None."""
    from pathlib import Path

    path, _, line = ref.rpartition(":")
    return path if line.isdigit() and Path(path).is_file() else None


def _inside(path: str, specs: list[str]) -> bool:
    from pathlib import Path

    return any(Path(path).resolve().is_relative_to(Path(s).resolve()) for s in specs)


OVERRIDES_HELP = f"YAML file of same:/distinct: pairs (default: {DEFAULT_OVERRIDES} if present)."


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", metavar="NAME", help="Parser to use instead of detecting one.")
@click.option("-o", "--output", "output", default="table", show_default=True, help="Output format.",
              type=click.Choice(["table", "json"]))
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
def dedupe(paths, fmt, output, out, overrides) -> None:
    """Find the works in FILE|DIR...: each with its entries (file:line) and the reasons that
    joined them."""
    from .render import write_atomic
    from .render.works import works_json, works_table

    matching, failures = _match(paths, fmt, overrides)
    text = (works_json if output == "json" else works_table)(matching)
    if out:
        write_atomic(out, text)
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_PROBLEMS if failures else EXIT_OK)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--in", "paths", multiple=True, metavar="FILE|DIR",
              help="Lists to look in (repeatable; default: lists/).")
@click.option("--format", "fmt", metavar="NAME", help="Parser to use instead of detecting one.")
@click.option("--overrides", "overrides", type=click.Path(dir_okay=False), help=OVERRIDES_HELP)
def explain(a, b, paths, fmt, overrides) -> None:
    """Why A and B are (or are not) the same work. A and B are each a file:line, an identifier
    (arxiv:2005.14165, a DOI), a URL or a title. A file:line also adds that file to the lists."""
    from .overrides import resolve
    from .render.works import explain_text

    specs = list(paths) or ["lists"]
    specs += [path for path in map(_file_of, (a, b)) if path and not _inside(path, specs)]
    matching, _ = _match(tuple(dict.fromkeys(specs)), fmt, overrides)
    found = []
    for ref in (a, b):
        hits = resolve(ref, matching.lists, matching.records)
        if not hits:
            _error(f"no entry matches '{ref}' in {', '.join(specs)}")
            sys.exit(EXIT_TROUBLE)
        found.append(hits)
    if len(found[0]) > 1 or len(found[1]) > 1:
        click.echo(f"note: '{a}' names {len(found[0])} entries and '{b}' {len(found[1])}; "
                   "explaining the first of each", err=True)
    first_a = found[0][0]
    first_b = next((j for j in found[1] if j != first_a), None)
    if first_b is None:
        _error(f"'{a}' and '{b}' name the same single entry")
        sys.exit(EXIT_TROUBLE)
    click.echo(explain_text(matching, first_a, first_b), nl=False)
