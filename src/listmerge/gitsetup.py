"""The git configuration that makes ``git diff`` show listmerge's report and ``git merge`` use
``listmerge merge3`` for chosen files: a diff driver and a merge driver named ``listmerge``, and
the .gitattributes lines that give them files.

git runs the diff driver as ``COMMAND git-diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
NEW-MODE`` and the merge driver as ``COMMAND merge3 %O %A %B -o %A --marker-size %L --path %P --ours-label %X --theirs-label %Y``
(%O, %A, %B: temporary files holding base, ours and theirs; the result goes to %A; exit 0 for a
clean merge, 1 for conflicts; %L: conflict marker size; %P: the path in the repository; %X and
%Y: the labels of ours and theirs, the branch names git ≥ 2.44 writes after its own markers; an
older git passes them as they are, and merge3 then labels the sides "ours" and "theirs").
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

DRIVER = "listmerge"
DEFAULT_PATTERNS = ("lists/**",)


@dataclass(frozen=True)
class GitSetup:
    config: tuple[tuple[str, str], ...]
    attributes: tuple[str, ...]

    def commands(self, scope: str) -> list[str]:
        """The setup as shell commands a person can read or paste."""
        return [f"git config {scope} {key} {shlex.quote(value)}" for key, value in self.config]


def default_command() -> str:
    """``listmerge`` when it is on PATH, else this interpreter running ``-m listmerge``."""
    return DRIVER if shutil.which(DRIVER) else f"{shlex.quote(sys.executable)} -m listmerge"


def git_setup(command: str, patterns: tuple[str, ...] = DEFAULT_PATTERNS) -> GitSetup:
    return GitSetup(
        config=((f"diff.{DRIVER}.command", f"{command} git-diff"),
                (f"merge.{DRIVER}.name", "listmerge: three-way merge of reading lists, entry by entry"),
                (f"merge.{DRIVER}.driver", f"{command} merge3 %O %A %B -o %A --marker-size %L --path %P --ours-label %X --theirs-label %Y")),
        attributes=tuple(f"{pattern} diff={DRIVER} merge={DRIVER}" for pattern in patterns),
    )


def apply(setup: GitSetup, scope: str, cwd: str | None = None) -> tuple[Path, list[str]]:
    """Write the config with ``git config SCOPE`` and append to the attributes file the lines it
    lacks. Returns the attributes file and the lines added."""
    for key, value in setup.config:
        _git(["config", scope, key, value], cwd)
    target = attributes_file(scope, cwd)
    present = set(target.read_text(encoding="utf-8").splitlines()) if target.is_file() else set()
    missing = [line for line in setup.attributes if line not in present]
    if missing:
        from .files import write_atomic

        old = target.read_text(encoding="utf-8") if target.is_file() else ""
        sep = "" if not old or old.endswith("\n") else "\n"
        write_atomic(target, old + sep + "".join(line + "\n" for line in missing))  # keeps its mode and links
    return target, missing


def attributes_file(scope: str, cwd: str | None = None) -> Path:
    """.gitattributes at the top of the repository, or the user's global attributes file."""
    if scope == "--global":
        configured = _git(["config", "--global", "--path", "core.attributesFile"], cwd, check=False)
        if configured:
            return Path(configured)
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(base) / "git" / "attributes"
    return Path(_git(["rev-parse", "--show-toplevel"], cwd)) / ".gitattributes"


def _git(args: list[str], cwd: str | None, check: bool = True) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise UsageError(f"cannot run git ({exc.strerror})") from None
    if result.returncode and check:
        reason = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise UsageError(f"git {' '.join(args[:2])}: {reason}")
    return result.stdout.strip()
