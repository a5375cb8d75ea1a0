"""Writing outputs without harm.

Every output is written to a temporary file beside its target and moved into place, so a reader
sees the old file or the new one, never half of one. A set of outputs (merge's canon and report)
is committed all or nothing: all are staged first, every existing target is kept aside (a hard
link), then each is moved into place; if one move fails, those already moved are put back. When
even that fails, ``PartialWrite`` says which files hold the new version and which the old.

A target that is a symbolic link is written through the link (the link stays), and an existing
target keeps its permission bits. Temporary files carry the writing process's id, so the files a
killed run left behind are recognised and removed by the next run that writes beside them.
"""
from __future__ import annotations

import codecs
import os
import re
import secrets
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

#: A temporary file of ours: ``.canon.md.listmerge-1234-x8d9.tmp`` (target name, process id).
TEMPORARY = re.compile(r"^\.(?P<name>.+)\.listmerge-(?P<pid>\d+)-[^.]+\.tmp$")
#: Lone surrogates (from a JSON escape such as "\udcff") cannot be encoded: written as U+FFFD
#: (given as bytes: the UTF-8 encoder takes only ASCII text from an error handler).
REPLACE = "listmerge-replace"
codecs.register_error(REPLACE, lambda error: ("\ufffd".encode("utf-8") * (error.end - error.start), error.end))


class PartialWrite(OSError):
    """A commit that failed half-way and could not be undone: ``new`` holds the new version,
    ``old`` the previous one (or nothing, for a file that did not exist)."""

    def __init__(self, cause: OSError, new: list[Path], old: list[Path]) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.filename = cause.filename
        self.cause, self.new, self.old = cause, new, old


def real_target(path: str | os.PathLike) -> Path:
    """The file writing ``path`` changes: a symbolic link's target (the link stays), else ``path``."""
    target = Path(path)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode(target: Path) -> int:
    """The permission bits the new file gets: the old file's, else the usual ones."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def remove_stale(folder: Path, names: Iterable[str] | None = None) -> list[Path]:
    """Remove the temporary files that runs which are no longer running left in ``folder`` (for
    the targets ``names``, or all); returns them."""
    wanted = set(names) if names is not None else None
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = TEMPORARY.match(entry.name)
        if m and (wanted is None or m["name"] in wanted) and not _alive(int(m["pid"])):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _temporary(target: Path, kind: str = "tmp") -> str:
    return str(target.parent / f".{target.name}.listmerge-{os.getpid()}-{secrets.token_hex(4)}{kind}.tmp")


def stage(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path``'s real target (same file system, its
    permission bits) and return it, ready to be moved over the target with os.replace."""
    target = real_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target.parent, [target.name])
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.listmerge-{os.getpid()}-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors=REPLACE, newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _mode(target))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half."""
    return commit({path: text})[0]


def commit(texts: Mapping[str | os.PathLike, str]) -> list[Path]:
    """Write every text to its path, all or nothing; returns the files written (the real
    targets). Raises the first OSError after putting back every file it had replaced, or
    ``PartialWrite`` when it could not."""
    staged: list[tuple[Path, Path]] = []
    kept: dict[Path, Path | None] = {}
    try:
        for path, text in texts.items():
            staged.append((stage(path, text), real_target(path)))
        for _, target in staged:
            kept[target] = _keep(target)
    except BaseException:
        _discard([tmp for tmp, _ in staged] + [k for k in kept.values() if k])
        raise
    moved: list[Path] = []
    try:
        for tmp, target in staged:
            os.replace(tmp, target)
            moved.append(target)
    except BaseException as exc:
        _discard([tmp for tmp, target in staged if target not in moved])
        failed = _put_back(moved, kept)
        _discard([k for k in kept.values() if k])
        if failed and isinstance(exc, OSError):
            raise PartialWrite(exc, new=failed, old=[t for _, t in staged if t not in failed]) from exc
        raise
    _discard([k for k in kept.values() if k])
    return [target for _, target in staged]


def _keep(target: Path) -> Path | None:
    """A hard link to the file now at ``target`` (None when there is none), to put it back."""
    if not target.exists():
        return None
    keep = Path(_temporary(target, "-kept"))
    try:
        os.link(target, keep)
    except OSError:  # a file system without hard links
        shutil.copy2(target, keep)
    return keep


def _put_back(moved: list[Path], kept: dict[Path, Path | None]) -> list[Path]:
    """Undo the moves: each target gets its kept file back (or is removed, when it is new).
    Returns the targets that could not be put back."""
    failed = []
    for target in reversed(moved):
        try:
            if kept[target] is not None:
                os.replace(kept[target], target)
                kept[target] = None
            else:
                target.unlink()
        except OSError:
            failed.append(target)
    return failed[::-1]


def _discard(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
