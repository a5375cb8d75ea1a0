"""The files a merge writes: which exist, where they go, and writing them without harm.

Every output is rendered in memory first and only then written, all or nothing (``files``), so a
failure half-way leaves the previous outputs as they were. An output directory that would
overwrite an input, or that lies among the inputs (so the next run would read the canon back as
one more list), is refused before anything is read or written.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from .errors import UsageError
from .load import is_revision

#: name -> (file name, "module:function" in listmerge.render)
OUTPUTS: dict[str, tuple[str, str]] = {
    "md": ("canon.md", "canon:canon_markdown"),
    "json": ("canon.json", "canon:canon_json"),
    "yaml": ("canon.yaml", "canon:canon_yaml"),
    "bib": ("canon.bib", "canon:canon_bibtex"),
    "report": ("report.md", "report:report_markdown"),
    "html": ("canon.html", "html:canon_html"),
}
#: Outputs that link to the inputs, relative to where they are written.
PLACED = frozenset({"html"})


def parse_formats(values: Sequence[str]) -> list[str]:
    """'md,json' and repeated options alike; 'all' (or nothing) means every output."""
    names = [v.strip().lower() for value in values for v in value.split(",") if v.strip()]
    if not names or "all" in names:
        return list(OUTPUTS)
    unknown = [n for n in names if n not in OUTPUTS]
    if unknown:
        raise UsageError(f"unknown output '{unknown[0]}' (choose from {', '.join(OUTPUTS)}, all)")
    return [n for n in OUTPUTS if n in names]


def plan(out_dir: str, formats: Sequence[str], inputs: Sequence[str],
         extra: Sequence[str] = ()) -> dict[str, Path]:
    """The path of each output (plus ``extra`` files such as --graph), after checking that none
    of them is an input and that the output directory is not inside an input directory."""
    out = Path(out_dir)
    targets = {name: out / OUTPUTS[name][0] for name in formats}
    targets.update({path: Path(path) for path in extra})
    for target in targets.values():
        if overwritten(target, inputs):
            raise UsageError(f"output {target} would overwrite an input; choose another --out", str(target))
    for spec in inputs:
        folder = Path(spec)
        if not is_revision(spec) and folder.is_dir() and _within(out, folder):
            raise UsageError(f"output directory {out_dir} is inside the input directory {spec}, so the next "
                             "run would read its files as lists; choose an --out outside it", out_dir)
    return targets


def overwritten(out: str | Path, inputs: Sequence[str], allowed: Sequence[str] = ()) -> str | None:
    """The input that writing ``out`` would replace (the same file under any name: itself, a
    symbolic or a hard link to it), unless it is one of ``allowed``; else None."""
    target = _identity(out)
    if target is None or any(_identity(a) == target for a in allowed):
        return None
    return next((spec for spec in inputs if not is_revision(spec) and _identity(spec) == target), None)


def refuse_overwrite(out: str | None, inputs: Sequence[str], allowed: Sequence[str] = ()) -> None:
    """Raise UsageError when writing the file ``out`` would replace one of ``inputs``."""
    victim = overwritten(out, inputs, allowed) if out else None
    if victim is not None:
        raise UsageError(f"writing it would overwrite the input {victim}; choose another output", str(out))


def _identity(path: str | Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` leads to, or None when there is none."""
    if str(path) == "-":
        return None
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _within(path: Path, folder: Path) -> bool:
    return path.resolve() == folder.resolve() or path.resolve().is_relative_to(folder.resolve())


#: The order outputs are rendered in: canon.yaml's renderer builds a tree of nodes as large as
#: the canon (the largest transient of a merge), so it runs while no finished text is held yet.
RENDER_ORDER = ("yaml", "bib", "json", "md", "report")


def render_all(canon, formats: Sequence[str], out_dir: str = ".") -> dict[str, str]:
    """Every wanted output's text, in the order of ``formats``; ``out_dir`` is where they go."""
    from .render import get_renderer

    table = {name: module for name, (_, module) in OUTPUTS.items()}
    texts = {name: get_renderer(name, table)(*(canon, out_dir) if name in PLACED else (canon,))
             for name in sorted(formats, key=_render_rank)}
    return {name: texts[name] for name in formats}


def _render_rank(name: str) -> int:
    return RENDER_ORDER.index(name) if name in RENDER_ORDER else len(RENDER_ORDER)


def write_all(texts: dict[str, str], targets: dict[str, Path]) -> list[Path]:
    """Write every rendered text to its target, all or nothing (``files.commit``): a failure (a
    full disk, a read-only directory) leaves every previous output as it was, or raises
    ``PartialWrite`` naming what it could not put back."""
    from .files import commit

    return commit({targets[name]: text for name, text in texts.items()})
