"""Reading inputs: paths and directories to text, text to ReadingLists through the registry."""
from __future__ import annotations

import subprocess
from pathlib import Path, PurePath

from .errors import InputError
from .model import Problem, ReadingList
from .parsers import detect, detect_common, get_parser

LIST_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".yaml", ".yml", ".json", ".bib", ".csv", ".tsv", ".org", ".rst")
#: Files in a directory of lists that describe or configure it rather than being a list.
NOT_LISTS = ("readme", "overrides", "license", "changelog")


def expand(paths: list[str]) -> list[str]:
    """Files named directly, plus the list files found (recursively, sorted) in directories."""
    out: list[str] = []
    for raw in paths:
        if is_revision(raw):
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in LIST_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.stem.lower() not in NOT_LISTS
            )
            if not found:
                raise InputError("directory holds no reading lists", raw)
            out.extend(found)
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
    if b"\0" in data[:8192]:
        raise InputError("binary file, not a reading list", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})", path, line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, path: str, format: str | None = None) -> tuple[ReadingList, ...]:
    if not text.strip():
        return (ReadingList(name=PurePath(path).stem, path=path, format=format or "empty",
                            problems=(Problem(None, "empty file"),)),)
    parser = get_parser(format) if format else detect(text, path)
    return parser.parse(text, path)


def read(spec: str, format: str | None = None) -> tuple[ReadingList, ...]:
    """Every ReadingList in one file (or REV:path). Raises InputError if it can't be read."""
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
                  lead: int = 1) -> tuple[str | None, list[tuple[str, tuple[ReadingList, ...]]]]:
    """Versions of one list (git's base, ours and theirs), all read by one parser: ``format``,
    else the one that suits every version best (``detect_common``), else the one the ``lead``
    version calls for. Returns that parser's name (None when every version is empty) and each
    version's text and lists. ``names`` (say the list's path in the repository, when git hands
    over temporary files) name the versions' lists and help detection. The parser is not a
    list's ``format``: a listmerge dump keeps its source's."""
    given = names or [None] * len(specs)
    names = [name or spec for name, spec in zip(given, specs)]
    # git hands over base and theirs as temporary files: they are detected under the list's path
    detect_as = [name or next((n for n in given if n), spec) for name, spec in zip(given, specs)]
    texts = [decode(read_bytes(spec), spec) for spec in specs]
    present = [i for i in dict.fromkeys((lead, *range(len(specs)))) if texts[i].strip()]  # lead first
    if not format and present:
        common = detect_common([(texts[i], detect_as[i]) for i in present])
        format = (common or detect(texts[present[0]], detect_as[present[0]])).name
    return format, [(texts[i], parse_text(texts[i], names[i], format)) for i in range(len(specs))]
