"""Inline markdown through mistune: text spans with their links and emphasis. mistune is
imported when a markdown text is first read, not by every command."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=None)
def _ast():
    import mistune

    return mistune.create_markdown(renderer="ast", plugins=["strikethrough"])


@dataclass(frozen=True)
class Span:
    """Text as a reader sees it, with its link and emphasis. ``image`` marks a link whose only
    content is an image (a badge or a logo)."""

    text: str
    url: str | None = None
    strong: bool = False
    em: bool = False
    image: bool = False


#: Text that mistune reads as plain text: no character that starts inline markup (escapes, code,
#: emphasis, strikethrough, links and images, autolinks and HTML) and none that breaks a line.
_PLAIN = r"[^\[\]\\`*_~<\x00-\x1f\x7f\x85\u2028\u2029]"
#: The common list item, "[Title](url) (Authors, Year) — Venue": one link first, plain text around.
_PLAIN_LINK = re.compile(rf"\[(?P<label>{_PLAIN}+)\]\((?P<url>[^\x00-\x20()<>\[\]\\\x7f]+)\)(?P<tail>{_PLAIN}*)")


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[Span, ...]:
    """The inline content of ``text`` as spans; a link is one span carrying its url."""
    return _plain_link_spans(text) or mistune_spans(text)


def _plain_link_spans(text: str) -> tuple[Span, ...] | None:
    """The spans of a text that is one plain link and plain text after it, without mistune (the
    same spans as ``mistune_spans``, about ten times faster); None for any other text."""
    m = _PLAIN_LINK.fullmatch(text)
    if m is None or text.endswith(" "):
        return None
    from mistune.util import escape_url

    link = Span(" ".join(m["label"].split()), escape_url(m["url"]))
    return (link, Span(m["tail"] + " ")) if m["tail"].strip() else (link,)


def mistune_spans(text: str) -> tuple[Span, ...]:
    """``spans`` through mistune's inline parser: any markdown."""
    out: list[Span] = []
    tokens = _ast()(text.replace("\\\n", " ").replace("\n", " "))  # a backslash line end is a line break
    for token in tokens:
        _flatten(token, out, strong=False, em=False)
    return tuple(_merge(out))


def _flatten(token: dict, out: list[Span], strong: bool, em: bool) -> None:
    kind = token.get("type")
    if kind == "link":
        children = token.get("children", [])
        label = " ".join("".join(s.text for s in _collect(children, strong, em)).split())
        image = not label and any(child.get("type") == "image" for child in children)
        out.append(Span(label, token["attrs"]["url"], strong, em, image))
    elif kind in ("text", "codespan", "inline_html"):
        out.append(Span(token.get("raw", ""), None, strong, em))
    elif kind in ("softbreak", "linebreak", "blank_line"):
        out.append(Span(" ", None, strong, em))
    elif kind == "image":
        return
    else:
        for child in token.get("children", []) or []:
            _flatten(child, out, strong or kind == "strong", em or kind == "emphasis")
        if kind in ("paragraph", "block_text", "list_item", "heading"):
            out.append(Span(" ", None, False))


def _collect(children: list[dict], strong: bool, em: bool) -> list[Span]:
    out: list[Span] = []
    for child in children:
        _flatten(child, out, strong, em)
    return out


def _merge(items: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in items:
        last = merged[-1] if merged else None
        if last is not None and span.url is None and last.url is None and (last.strong, last.em) == (span.strong, span.em):
            merged[-1] = Span(last.text + span.text, None, span.strong, span.em)
        elif last is not None and span.url is None and last.url is None and not span.text.strip():
            merged[-1] = Span(last.text + span.text, None, last.strong, last.em)  # a space keeps its neighbour's emphasis
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


#: A link in running text: balanced brackets belong to it ("wiki/Dune_(novel)"), a closing one
#: or final punctuation does not; a link cut off with "…" keeps its ellipsis.
BARE_URL = re.compile(r"https?://(?:\([^\s()<>\"]*\)|[^\s<>\"'()\]])+(?<![.,;:!?…])|https?://[^\s<>\"')\]]+…")
