"""Reading inputs: paths and directories to text, text to ReadingLists through the registry."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePath

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


#: READMEs parsed while deciding whether they are lists, kept for the read that follows.
_read_ahead: dict[str, tuple[ReadingList, ...]] = {}


def expand_dir(root: Path) -> Expansion:
    """The list files under ``root`` (recursively, sorted). Hidden files and folders, files of
    other kinds and the files that govern a repository (licence, contributing guide...) are left
    out. A README is the list in an awesome-list repository, so it is read when its folder
    holds no other list and it parses as one; beside other lists it describes them."""
    found = Expansion()
    candidates: list[Path] = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            if p.name.startswith(".") and (p.is_file() or p.is_dir()) and len(rel.parts) == 1:
                found.left_out.append((str(p), "hidden"))
            continue
        if not p.is_file():
            continue
        if p.stem.lower() in NOT_LISTS:
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


def expand(paths: list[str], left_out: list[tuple[str, str]] | None = None) -> list[str]:
    """Files named directly, plus the list files found in directories (``expand_dir``); what
    directories left out is added to ``left_out`` when given."""
    out: list[str] = []
    for raw in paths:
        if is_revision(raw):
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = expand_dir(path)
            if left_out is not None:
                left_out.extend(found.left_out)
            if not found.files:
                why = f" (left out {describe_left_out(raw, found.left_out)})" if found.left_out else ""
                raise InputError(f"directory holds no reading lists{why}", raw)
            out.extend(found.files)
        elif path.exists():
            out.append(raw)
        else:
            raise InputError("no such file or directory", raw)
    return out


def is_revision(spec: str) -> bool:
    """'REV:path' names a file at a git revision (but 'C:\\x' and plain paths do not)."""
    head, sep, tail = spec.partition(":")
    return bool(sep) and len(head) > 1 and bool(tail) and not Path(spec).exists()


def read_bytes(spec: str) -> bytes:
    if is_revision(spec):
        rev, _, path = spec.partition(":")
        try:
            result = subprocess.run(
                ["git", "show", f"{rev}:{path}"], capture_output=True, check=False
            )
        except OSError as exc:
            raise InputError(f"cannot run git ({exc.strerror})", spec) from None
        if result.returncode:
            reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise InputError(f"no such revision or path ({reason[-1] if reason else 'git show failed'})", spec)
        return result.stdout
    try:
        return Path(spec).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or directory", spec) from None
    except IsADirectoryError:
        raise InputError("is a directory", spec) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", spec) from None


def decode(data: bytes, path: str) -> str:
    """The text parsers read: no BOM, every line ending a newline."""
    return normalise(decode_raw(data, path))


def decode_raw(data: bytes, path: str) -> str:
    """The text as written (a BOM, CRLF line endings and all); merge3 writes it back so."""
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


def parse_text(text: str, path: str, format: str | None = None) -> tuple[ReadingList, ...]:
    if not text.strip():
        return (ReadingList(name=PurePath(path).stem, path=path, format=format or "empty",
                            problems=(Problem(None, "empty file"),)),)
    parser = get_parser(format) if format else detect(text, path)
    return parser.parse(text, path)


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
