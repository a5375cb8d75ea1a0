"""The command line's grammar: one option name for each thing, the same in every command.

    -f, --from FORMAT     the parser that reads the lists (default: detected per file)
    -t, --to FORMAT       the output format (merge: the outputs wanted, NAME[,NAME])
    -o, --output PATH     where the output goes: a file, "-" for stdout (merge, link: a folder)
    -q, --quiet / -v, --verbose

Earlier spellings still work and are not shown in --help: --format and --input-format for the
parser (merge's --format named its outputs, and still does there), --out for the path, and
``-o FORMAT`` where -o named the output format (parse, dedupe, diff, link): a value that is
exactly one of the command's formats is read as -t, with a note; ``-o ./json`` names a file.
"""
from __future__ import annotations

from typing import Sequence

import click

#: The built-in parsers' names (listmerge.parsers registers them; a test keeps the two equal),
#: here so that --help and completion need not import any parser.
PARSER_NAMES = ("bibtex", "citations", "csljson", "csv", "data", "listmerge", "markdown", "org", "plaintext",
                "rst", "thread", "webpage")
STDOUT = "-"


class Aliased(click.Option):
    """An option that also answers to earlier spellings, which --help leaves out."""

    def __init__(self, param_decls: Sequence[str], aliases: Sequence[str] = (), **kwargs):
        self.aliases = tuple(aliases)
        super().__init__([*param_decls, *self.aliases], **kwargs)

    def get_error_hint(self, ctx) -> str:
        return " / ".join(f"'{o}'" for o in self.opts if o not in self.aliases)

    def get_help_record(self, ctx):
        shown, self.opts = self.opts, [o for o in self.opts if o not in self.aliases]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


class Names(click.Choice):
    """One of a fixed set of names, with the error saying which are known."""

    def __init__(self, choices: Sequence[str], what: str = "format"):
        super().__init__(list(choices), case_sensitive=False)
        self.what = what

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"unknown {self.what} {value!r} (known: {', '.join(self.choices)})", param, ctx)


class FormatList(click.ParamType):
    """NAME[,NAME]... of a fixed set (and "all"), repeatable; completed and listed in --help."""

    name = "formats"

    def __init__(self, choices: Sequence[str]):
        self.choices = tuple(choices)

    def get_metavar(self, param, *args, **kwargs) -> str:
        return "[" + "|".join((*self.choices, "all")) + "][,...]"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        names = tuple(v.strip().lower() for v in str(value).split(",") if v.strip())
        unknown = [n for n in names if n not in (*self.choices, "all")]
        if unknown:
            self.fail(f"unknown output {unknown[0]!r} (known: {', '.join((*self.choices, 'all'))})", param, ctx)
        return names

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [CompletionItem(prefix + c) for c in (*self.choices, "all") if c.startswith(last)]


def input_format(aliases: Sequence[str] = ("--format", "--input-format"), what: str = "the lists"):
    return click.option("-f", "--from", "fmt", cls=Aliased, aliases=aliases,
                        type=Names(PARSER_NAMES),
                        help=f"Read {what} with this parser instead of detecting one per file.")


def output_format(choices: Sequence[str], default: str, help: str = "Output format."):
    """-t/--to, one of ``choices``; None when not given (so that an -o naming a format can set it)."""
    return click.option("-t", "--to", "to", type=Names(choices), help=f"{help.rstrip('.')} (default: {default}).")


def _remember_out(ctx, param, value):
    if value is not None:
        ctx.meta["listmerge.out"] = value
    return value


def output_path(help: str, default: str | None = None, folder: bool = False):
    """-o/--output PATH, and the earlier --out (hidden; kept apart from -o, which named the format
    in parse, dedupe, diff and link: ``-o json --out FILE`` still means what it meant)."""
    def decorate(command):
        command = click.option("--out", "out_", hidden=True, expose_value=False, callback=_remember_out,
                               is_eager=False)(command)
        return click.option("-o", "--output", "output", default=default, show_default=default is not None,
                            metavar="DIR" if folder else "FILE", help=help)(command)
    return decorate


def given_path(output: str | None) -> str | None:
    """The path -o (or the earlier --out) names."""
    return click.get_current_context().meta.get("listmerge.out") or output


def quiet_and_verbose(quiet: str = "Print nothing but errors.",
                      verbose: str = "Tell what each stage is doing on stderr, also when it is not a terminal."):
    def decorate(command):
        command = click.option("-v", "--verbose", "verbose", is_flag=True, help=verbose)(command)
        return click.option("-q", "--quiet", "quiet", is_flag=True, help=quiet)(command)
    return decorate


def format_or_path(output: str | None, to: str | None, choices: Sequence[str], default: str) -> tuple[str | None, str]:
    """(the file to write or None for stdout, the output format). ``-o NAME`` where NAME is
    exactly one of ``choices`` is the earlier spelling of ``-t NAME`` when -t is not given
    (scripts written for it keep working, silently: ``-o ./NAME`` writes a file of that name)."""
    legacy = click.get_current_context().meta.get("listmerge.out")
    if output is not None and to is None and output.lower() in choices:
        to, output = output, None
    if legacy is not None:
        if output is not None and output != legacy:
            raise click.UsageError(f"-o {output} and --out {legacy} both name the file to write")
        output = legacy
    return (None if output in (None, STDOUT) else output), (to or default).lower()
