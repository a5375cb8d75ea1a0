"""Renderers: one module per output format, looked up by name (or passed as a callable)."""
from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Union

#: name -> "module:function". Modules are imported only when their format is asked for.
LIST_RENDERERS = {
    "table": "table:render_lists",
    "json": "data:lists_json",
    "yaml": "data:lists_yaml",
    "bibtex": "bibtex:render_lists",
    "csljson": "csljson:render_lists",
    "csv": "csv:render_lists",
}


def get_renderer(spec: Union[str, Callable], table: dict[str, str] = LIST_RENDERERS) -> Callable:
    if callable(spec):
        return spec
    try:
        module, func = table[spec].split(":")
    except KeyError:
        raise ValueError(f"unknown output format {spec!r} (known: {', '.join(table)})") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half."""
    os.replace(stage(path, text), path)


def stage(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path`` (same file system, the usual
    permissions) and return it, ready to be moved over ``path`` with os.replace."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)
