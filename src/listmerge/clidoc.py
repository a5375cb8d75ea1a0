"""docs/cli.md, the command-line reference, made from the commands' own --help (so it cannot
drift from them): ``python -m listmerge.clidoc > docs/cli.md``. A test keeps it current."""
from __future__ import annotations

import click

HEADER = """# listmerge command-line reference

Every command's `--help`, as `listmerge COMMAND --help` prints it. This file is generated
(`python -m listmerge.clidoc > docs/cli.md`) and a test fails when it is out of date.

One grammar in every command:

| option | means | where |
|---|---|---|
| `-f`, `--from FORMAT` | the parser that reads the lists (default: detected per file) | every command that reads lists |
| `-t`, `--to FORMAT` | the output format (merge: the outputs wanted, `md,json,...`) | parse, dedupe, diff, merge, link |
| `-o`, `--output PATH` | the file written, `-` for stdout (merge and link: a folder; `merge -o - -t md` prints one output) | every command that writes |
| `-q`, `--quiet` / `-v`, `--verbose` | print nothing but errors / tell what each stage does | every command |

An input named `-` is standard input. Each error is reported once, on one line naming the file
(and line), with exit status 2. Earlier spellings keep working and are not shown below:
`--format` and `--input-format` for `--from` (in merge, `--format` named the outputs and still
does), `--out` for `--output`, and `-o FORMAT` where `-o` named the output format (parse,
dedupe, diff, link): a value that is exactly one of the command's formats is read as `--to`
(`-o ./json` writes a file named json).

git's merge driver runs `merge3 %O %A %B -o %A --marker-size %L --path %P --ours-label %X
--theirs-label %Y` (`listmerge git-setup`): git 2.44 and later pass the branch names as the
conflict labels; an earlier git passes `%X` as it is, and the sides are labelled ours and theirs.

Shell completion: click gives every command completion for bash, zsh and fish. For bash, add
`eval "$(_LISTMERGE_COMPLETE=bash_source listmerge)"` to `~/.bashrc` (zsh: `zsh_source` in
`~/.zshrc`; fish: `_LISTMERGE_COMPLETE=fish_source listmerge | source` in
`~/.config/fish/completions/listmerge.fish`). Choices (formats, kinds of change) complete too.
"""


def _help(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    """The help ``command`` prints, at a fixed width (100 columns)."""
    extra = {"terminal_width": 100, "max_content_width": 100}
    with command.make_context(name, [], parent=parent, resilient_parsing=True, **extra) as ctx:
        return ctx.get_help()


def reference() -> str:
    from .cli import main

    out = [HEADER, "## listmerge", "", "```", _help(main, "listmerge"), "```", ""]
    with main.make_context("listmerge", [], resilient_parsing=True) as parent:
        for name in main.list_commands(parent):
            command = main.get_command(parent, name)
            if command is None or command.hidden:
                continue
            out += [f"## listmerge {name}", "", "```", _help(command, name, parent), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    click.echo(reference(), nl=False)
