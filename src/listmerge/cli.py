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
