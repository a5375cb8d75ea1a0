"""Inline markdown through mistune: text spans with their links and emphasis."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import mistune

_ast = mistune.create_markdown(renderer="ast", plugins=["strikethrough"])


@dataclass(frozen=True)
class Span:
    text: str
    url: str | None = None
    strong: bool = False


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[Span, ...]:
    """The inline content of ``text`` as spans; a link is one span carrying its url."""
    out: list[Span] = []
    tokens = _ast(text.replace("\n", " "))
    for token in tokens:
        _flatten(token, out, strong=False)
    return tuple(_merge(out))


def _flatten(token: dict, out: list[Span], strong: bool) -> None:
    kind = token.get("type")
    if kind == "link":
        label = "".join(s.text for s in _collect(token.get("children", []), strong))
        out.append(Span(" ".join(label.split()), token["attrs"]["url"], strong))
    elif kind in ("text", "codespan", "inline_html"):
        out.append(Span(token.get("raw", ""), None, strong))
    elif kind in ("softbreak", "linebreak", "blank_line"):
        out.append(Span(" ", None, strong))
    elif kind == "image":
        return
    else:
        for child in token.get("children", []) or []:
            _flatten(child, out, strong or kind == "strong")
        if kind in ("paragraph", "block_text", "list_item", "heading"):
            out.append(Span(" ", None, False))


def _collect(children: list[dict], strong: bool) -> list[Span]:
    out: list[Span] = []
    for child in children:
        _flatten(child, out, strong)
    return out


def _merge(items: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in items:
        if merged and span.url is None and merged[-1].url is None and merged[-1].strong == span.strong:
            merged[-1] = Span(merged[-1].text + span.text, None, span.strong)
        else:
            merged.append(span)
    while merged and merged[-1].url is None and not merged[-1].text.strip():
        merged.pop()
    return merged


def plain(items: tuple[Span, ...] | list[Span]) -> str:
    """The text a reader sees: link text kept, URLs dropped, whitespace collapsed."""
    return " ".join("".join(s.text for s in items).split())


def links(items: tuple[Span, ...] | list[Span]) -> list[Span]:
    return [s for s in items if s.url]


def strip_markup(text: str) -> str:
    return plain(spans(text))


BARE_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?…]|https?://[^\s<>\"')\]]+…")
