"""Reading inputs: paths and directories to text, text to ReadingLists through the registry."""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from . import budget
from .errors import InputError
from .model import Problem, ReadingList
from .parsers import detect, detect_common, get_parser

LIST_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".yaml", ".yml", ".json", ".bib", ".csv", ".tsv", ".org", ".rst")
#: Files in a directory of lists that describe, configure or govern it rather than being a list,
#: by name (without extension), with the reason a reader is told.
NOT_LISTS = {
    "overrides": "listmerge's overrides, not a list",
    "license": "a licence", "licence": "a licence", "unlicense": "a licence", "copying": "a licence",
    "changelog": "a change log", "changes": "a change log", "history": "a change log",
    "contributing": "a contributing guide", "code_of_conduct": "a code of conduct",
    "code-of-conduct": "a code of conduct", "security": "a security policy", "authors": "a list of authors",
    "contributors": "a list of contributors", "pull_request_template": "a template",
    "issue_template": "a template", "funding": "a funding file", "citation": "a citation file",
}
README = "readme"


@dataclass
class Expansion:
    """What a directory holds for listmerge: its list files, and what was left out and why."""

    files: list[str] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    #: what could not be looked at (a folder or file without permission): errors, not choices
    unreadable: list[tuple[str, str]] = field(default_factory=list)


#: READMEs parsed while deciding whether they are lists, kept for the read that follows.
_read_ahead: dict[str, tuple[ReadingList, ...]] = {}


def expand_dir(root: Path) -> Expansion:
    """The list files under ``root`` (recursively, sorted). Hidden files and folders, files of
    other kinds and the files that govern a repository (licence, contributing guide...) are left
    out. A README is the list in an awesome-list repository, so it is read when its folder
    holds no other list and it parses as one; beside other lists it describes them. Folders
    that cannot be read, and links that lead nowhere, are left out too, each named."""
    found = Expansion()
    candidates: list[Path] = []
    for p, kind in _walk(root, found.left_out):
        if kind in (PERMISSION, UNREADABLE) or kind.startswith("cannot read"):
            found.unreadable.append((str(p), kind))
        elif kind != "file":
            found.left_out.append((str(p), kind))
        elif p.stem.lower() in NOT_LISTS:
            found.left_out.append((str(p), NOT_LISTS[p.stem.lower()]))
        elif p.suffix.lower() not in LIST_SUFFIXES:
            found.left_out.append((str(p), "not a kind of file listmerge reads"))
        else:
            candidates.append(p)
    folders_with_lists = {p.parent for p in candidates if p.stem.lower() != README}
    for p in candidates:
        if p.stem.lower() != README:
            found.files.append(str(p))
        elif p.parent in folders_with_lists:
            found.left_out.append((str(p), "a README beside other lists describes them"))
        elif _is_list(str(p)):
            found.files.append(str(p))
        else:
            found.left_out.append((str(p), "a README that holds no list entries"))
    found.left_out.sort()
    return found


PERMISSION = "permission denied"
UNREADABLE = "a folder that cannot be read (permission denied)"


def _walk(root: Path, left_out: list[tuple[str, str]]):
    """(path, kind) of everything below ``root`` that is not hidden, sorted by path: kind is
    "file" for a regular file (or a link to one), else why it is not read. Hidden files and
    folders at the top are named as left out; links to folders are not followed (as rglob)."""
    found: list[tuple[Path, str]] = []
    todo = [root]
    while todo:
        folder = todo.pop()
        try:
            with os.scandir(folder) as entries:
                names = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            if folder == root:
                raise _os_error(exc, str(root)) from None
            found.append((folder, UNREADABLE if exc.errno in (errno.EACCES, errno.EPERM) else
                          f"cannot read this folder ({exc.strerror})"))
            continue
        for entry in names:
            path = Path(entry.path)
            if entry.name.startswith("."):
                if folder == root and _is_file_or_dir(entry):
                    left_out.append((str(path), "hidden"))
                continue
            kind = _kind_of(entry)
            if kind == "folder":
                todo.append(path)
            elif kind is not None:
                found.append((path, kind))
    found.sort(key=lambda pk: pk[0])
    return found


def _is_file_or_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file() or entry.is_dir()
    except OSError:
        return False


def _kind_of(entry: os.DirEntry) -> str | None:
    """"folder" (to walk), "file" (to read), None (a link to a folder: not followed, as rglob),
    or why the entry is not read."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if entry.is_symlink() and os.path.isdir(entry.path):
            return None
        info = os.stat(entry.path)
    except OSError as exc:
        return _os_error(exc, entry.path).detail
    return "file" if stat.S_ISREG(info.st_mode) else f"not a regular file ({_file_kind(info.st_mode)})"


def describe_left_out(folder: str, left_out: list[tuple[str, str]], examples: int = 4) -> str:
    """'a.png, b.py (not a kind of file listmerge reads); LICENSE (a licence)': by reason, a few
    names each, relative to ``folder``."""
    by_reason: dict[str, list[str]] = {}
    for path, reason in left_out:
        by_reason.setdefault(reason, []).append(path)
    parts = []
    for reason, paths in by_reason.items():
        names = ", ".join(os.path.relpath(p, folder) for p in paths[:examples])
        more = f" and {len(paths) - examples} more" if len(paths) > examples else ""
        parts.append(f"{names}{more} ({reason})")
    return "; ".join(parts)


def _is_list(spec: str) -> bool:
    try:
        lists = read(spec)
    except InputError:
        return True  # read again later, where its error is reported
    _read_ahead[spec] = lists
    return any(rl.primaries for rl in lists)


def expand(paths: list[str], left_out: list[tuple[str, str]] | None = None,
           unreadable: list[tuple[str, str]] | None = None) -> list[str]:
    """Files named directly, plus the list files found in directories (``expand_dir``); what
    directories left out is added to ``left_out`` when given, and what they hold that could not
    be looked at to ``unreadable`` (else it is left out too). ``-`` is standard input."""
    out: list[str] = []
    for raw in paths:
        if raw == STDIN or is_revision(raw):
            out.append(raw)
            continue
        try:
            info = os.stat(raw)
        except OSError as exc:
            raise _os_error(exc, raw) from None
        if stat.S_ISDIR(info.st_mode):
            found = expand_dir(Path(raw))
            if unreadable is not None:
                unreadable.extend(found.unreadable)
            else:
                found.left_out.extend(found.unreadable)
            if left_out is not None:
                left_out.extend(found.left_out)
            if not found.files:
                why = f" (left out {describe_left_out(raw, found.left_out)})" if found.left_out else ""
                raise InputError(f"directory holds no reading lists{why}", raw)
            out.extend(found.files)
        else:
            out.append(raw)
    return out


#: The name that reads standard input.
STDIN = "-"
#: A revision git may be asked for: a name, a hash, ``HEAD~3``, ``main^2``, ``@{1}``; never an
#: option (a leading ``-``), never whitespace or control characters.
REVISION = re.compile(r"[\w./@{}~^+][\w./@{}~^+-]*")


def is_revision(spec: str) -> bool:
    """'REV:path' names a file at a git revision (but 'C:\\x' and plain paths do not)."""
    head, sep, tail = spec.partition(":")
    return bool(sep) and len(head) > 1 and bool(tail) and not os.path.lexists(spec)


def read_bytes(spec: str) -> bytes:
    """The bytes of a file, of standard input (``-``) or of ``REV:path`` in git; at most the
    budget's bytes. Only regular files are read: a pipe, a device or a folder is refused."""
    if spec == STDIN:
        return _read_limited(sys.stdin.buffer, spec)
    if is_revision(spec):
        return _git_show(spec)
    try:
        fd = os.open(spec, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(exc, spec) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a directory", spec)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"not a regular file ({_file_kind(info.st_mode)}); only files are read "
                             "(use - for standard input)", spec)
        if info.st_size > budget.current().max_bytes:
            raise budget.over("max_bytes", f"{info.st_size:,} bytes", spec)
        return _read_limited(handle, spec, info.st_size)


def _read_limited(handle, spec: str, expected: int = 2**20) -> bytes:
    """At most the budget's bytes (one more tells it was passed), read in pieces: a read of the
    whole budget at once would set aside that much memory for every file."""
    limit = budget.current().max_bytes
    pieces, total = [], 0
    try:
        while total <= limit:
            piece = handle.read(min(limit + 1 - total, max(expected + 1, 2**16)))
            if not piece:
                break
            pieces.append(piece)
            total += len(piece)
    except OSError as exc:
        raise _os_error(exc, spec) from None
    if total > limit:
        raise budget.over("max_bytes", "more bytes than that", spec)
    return b"".join(pieces)


def _git_show(spec: str) -> bytes:
    rev, _, path = spec.partition(":")
    if not REVISION.fullmatch(rev):
        raise InputError(f"'{rev}' is not a git revision (a branch, tag or commit, such as HEAD~2)", spec)
    try:
        result = subprocess.run(["git", "show", "--end-of-options", f"{rev}:{path}"], capture_output=True,
                                check=False, stdin=subprocess.DEVNULL)
    except OSError as exc:
        raise InputError(f"cannot run git ({exc.strerror})", spec) from None
    if result.returncode:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"no such revision or path ({reason[-1] if reason else 'git show failed'})", spec)
    if len(result.stdout) > budget.current().max_bytes:
        raise budget.over("max_bytes", f"{len(result.stdout):,} bytes", spec)
    return result.stdout


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))
    return next((name for test, name in kinds if test(mode)), "not a plain file")


def _os_error(exc: OSError, spec: str) -> InputError:
    """An OSError as one line a person can act on."""
    if exc.errno == errno.ENOENT:
        broken = os.path.islink(spec)
        return InputError("a symbolic link to nothing" if broken else "no such file or directory", spec)
    reasons = {errno.ELOOP: "a symbolic link loop", errno.EACCES: PERMISSION, errno.EPERM: PERMISSION, errno.ENOTDIR: "no such file (a part of its path is a file)",
               errno.ENAMETOOLONG: "the name is too long", errno.EISDIR: "is a directory"}
    return InputError(reasons.get(exc.errno) or f"cannot read ({exc.strerror or exc})", spec)


def decode(data: bytes, path: str) -> str:
    """The text parsers read: no BOM, every line ending a newline."""
    return normalise(decode_raw(data, path))


#: Byte order marks of the encodings other than UTF-8 that a text file may announce (UTF-32's
#: first, since UTF-32-LE's begins with UTF-16-LE's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_raw(data: bytes, path: str) -> str:
    """The text as written (a UTF-8 BOM, CRLF line endings and all); merge3 writes it back so.
    UTF-16 and UTF-32 with a byte order mark are read too (and written back as UTF-8)."""
    codec = next((name for bom, name in BOMS if data.startswith(bom)), None)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"not {codec.upper()} text, though it starts with its byte order mark "
                             f"(at byte {exc.start})", path) from None
        if "\0" in text[:8192]:
            raise InputError("binary file, not a reading list", path)
        return text
    if b"\0" in data[:8192]:
        raise InputError("binary file, not a reading list", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path, line) from None


def normalise(text: str) -> str:
    """Without a BOM, with newlines for CRLF and CR: line n is line n of the text as written."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


#: Formats whose brackets span lines (data, not prose): their nesting is measured across the
#: whole file; in the others, within each line.
NESTED_DATA = ("listmerge", "csljson", "bibtex")


def parse_text(text: str, path: str, format: str | None = None) -> tuple[ReadingList, ...]:
    if not text.strip():
        return (ReadingList(name=PurePath(path).stem, path=path, format=format or "empty",
                            problems=(Problem(None, "empty file"),), read_from=path),)
    budget.check_brackets(text, path)
    parser = get_parser(format) if format else detect(text, path)
    if parser.name in NESTED_DATA:
        budget.check_brackets(text, path, lines_close=False)
        if parser.name == "listmerge" and not text.lstrip().startswith(("{", "[")):
            budget.check_yaml(text, path)
    return tuple(rl.evolve(read_from=path, read_as=parser.name) for rl in parser.parse(text, path))


def read(spec: str, format: str | None = None) -> tuple[ReadingList, ...]:
    """Every ReadingList in one file (or REV:path). Raises InputError if it can't be read."""
    if format is None and spec in _read_ahead:
        return _read_ahead.pop(spec)
    return parse_text(decode(read_bytes(spec), spec), spec, format)


def read_all(spec: str, format: str | None = None) -> tuple[ReadingList, ...]:
    """Every ReadingList a file, a directory (each list in it) or a REV:path names."""
    return tuple(rl for path in expand([spec]) for rl in read(path, format))


def read_sides(old: str, new: str, format: str | None = None,
               versions: bool | None = None) -> tuple[tuple[ReadingList, ...], tuple[ReadingList, ...]]:
    """The two sides of a diff, each a file, a directory or a REV:path. Two versions of one
    file (two files of the same name; with ``versions``, of the same extension) are read by one
    parser, so that an edit that makes one version look like another shape does not turn every
    entry into a change. Otherwise (``versions`` False, directories, a ``format``) each side is
    read as what it is."""
    paths = [expand([old]), expand([new])]
    if not format and versions is not False and all(len(found) == 1 for found in paths):
        (a,), (b,) = paths
        same = PurePath(a).suffix.lower() == PurePath(b).suffix.lower() if versions else _name(a) == _name(b)
        if same:
            _, found = read_versions([a, b], lead=0)
            return found[0][1], found[1][1]
    return read_all(old, format), read_all(new, format)


def _name(spec: str) -> str:
    """A file's name, for a REV:path too."""
    return PurePath(spec.partition(":")[2] if is_revision(spec) else spec).name


def read_versions(specs: list[str], format: str | None = None, names: list[str | None] | None = None,
                  lead: int = 1, texts: list[str] | None = None
                  ) -> tuple[str | None, list[tuple[str, tuple[ReadingList, ...]]]]:
    """Versions of one list (git's base, ours and theirs), all read by one parser: ``format``,
    else the one that suits every version best (``detect_common``), else the one the ``lead``
    version calls for. Returns that parser's name (None when every version is empty) and each
    version's text and lists. ``names`` (say the list's path in the repository, when git hands
    over temporary files) name the versions' lists and help detection. The parser is not a
    list's ``format``: a listmerge dump keeps its source's. ``texts`` are the versions' texts
    as written (``decode_raw``), when the caller has read them already."""
    given = names or [None] * len(specs)
    names = [name or spec for name, spec in zip(given, specs)]
    # git hands over base and theirs as temporary files: they are detected under the list's path
    detect_as = [name or next((n for n in given if n), spec) for name, spec in zip(given, specs)]
    raw = texts or [decode_raw(read_bytes(spec), spec) for spec in specs]
    texts = [normalise(text) for text in raw]
    present = [i for i in dict.fromkeys((lead, *range(len(specs)))) if texts[i].strip()]  # lead first
    if not format and present:
        common = detect_common([(texts[i], detect_as[i]) for i in present])
        format = (common or detect(texts[present[0]], detect_as[present[0]])).name
    return format, [(texts[i], parse_text(texts[i], names[i], format)) for i in range(len(specs))]
