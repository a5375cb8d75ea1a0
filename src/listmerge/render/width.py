"""Text in terminal columns: a CJK character or an emoji takes two, a combining mark none, so a
table pads and cuts by display width (wcwidth), never by len()."""
from __future__ import annotations

from wcwidth import wcswidth, wcwidth


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal (a character wcwidth cannot place counts as one)."""
    found = wcswidth(text)
    return found if found >= 0 else sum(max(wcwidth(c), 0) if wcwidth(c) >= 0 else 1 for c in text)


def fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` (ending in "…" when cut) and padded to exactly that."""
    if width(text) > columns:
        kept, used = [], 0
        for c in text:
            w = wcwidth(c)
            w = 1 if w < 0 else w
            if used + w > columns - 1:
                break
            kept.append(c)
            used += w
        text = "".join(kept) + "…"
    return text + " " * (columns - width(text))
