"""Renderers: one module per output format, looked up by name (or passed as a callable)."""
from __future__ import annotations

import importlib
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
