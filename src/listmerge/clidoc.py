"""docs/cli.md, the command-line reference, made from the commands' own --help (so it cannot
drift from them): ``python -m listmerge.clidoc > docs/cli.md``. A test keeps it current."""
from __future__ import annotations

import click

HEADER = """# listmerge command-line reference

Every command's `--help`, as `listmerge COMMAND --help` prints it. This file is generated
(`python -m listmerge.clidoc > docs/cli.md`) and a test fails when it is out of date.

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
