"""The overlap between lists as pictures, drawn with matplotlib as inline SVG: an UpSet-style
chart (how many works each combination of lists holds, and nothing else) and a heatmap of the
works each pair of lists shares. matplotlib is imported here only, when an HTML canon is made."""
from __future__ import annotations

import io
from collections import Counter
from typing import Sequence

#: Combinations shown in the UpSet chart, largest first; the rest are summed in the caption.
MAX_COMBINATIONS = 20
#: Lists drawn at most (those with the most works): a picture of hundreds of lists is neither
#: readable nor quick to draw (300 lists: a 90,000-cell heatmap).
MAX_LISTS = 30


def largest(tags: Sequence[str], memberships: Sequence[tuple[int, ...]],
            most: int = MAX_LISTS) -> tuple[list[str], list[tuple[int, ...]]]:
    """The ``most`` lists with the most works (ties: the lists' order), and each work's lists
    among them, renumbered; all of them when there are no more."""
    if len(tags) <= most:
        return list(tags), [tuple(m) for m in memberships]
    sizes = Counter(i for m in memberships for i in set(m))
    kept = sorted(sorted(range(len(tags)), key=lambda i: (-sizes[i], i))[:most])
    index = {old: new for new, old in enumerate(kept)}
    return [tags[i] for i in kept], [tuple(index[i] for i in m if i in index) for m in memberships]
FONT = 9


def combinations(memberships: Sequence[tuple[int, ...]]) -> list[tuple[tuple[int, ...], int]]:
    """(lists, works) for each combination of lists that some works are in exactly, largest
    first; ties by fewer lists, then by the lists' order."""
    counts = Counter(tuple(sorted(set(m))) for m in memberships if m)
    return sorted(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))


def pairwise(memberships: Sequence[tuple[int, ...]], n: int) -> list[list[int]]:
    """Works each pair of lists shares (the diagonal: each list's works)."""
    matrix = [[0] * n for _ in range(n)]
    for m in memberships:
        lists = sorted(set(m))
        for a in lists:
            for b in lists:
                matrix[a][b] += 1
    return matrix


def _pyplot():
    import matplotlib

    matplotlib.use("svg", force=True)
    from matplotlib import pyplot

    pyplot.rcParams.update({"svg.hashsalt": "listmerge", "svg.fonttype": "none", "font.size": FONT,
                            "font.family": "sans-serif"})
    return pyplot


def _svg(figure, pyplot) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    pyplot.close(figure)
    text = out.getvalue()
    return text[text.index("<svg"):]  # inline: without the XML declaration and doctype


def upset_svg(tags: Sequence[str], memberships: Sequence[tuple[int, ...]]) -> str:
    """Bars of works per exact combination of lists, over a dot matrix naming the combination."""
    pyplot = _pyplot()
    combos = combinations(memberships)[:MAX_COMBINATIONS]
    n = len(tags)
    width = max(4.0, 0.38 * len(combos) + 1.5)
    figure, (bars, dots) = pyplot.subplots(2, 1, figsize=(width, 2.2 + 0.28 * n), sharex=True,
                                           gridspec_kw={"height_ratios": [3, max(1, 0.45 * n)], "hspace": 0.05})
    xs = range(len(combos))
    heights = [count for _, count in combos]
    bars.bar(xs, heights, color="#3b6ea8", width=0.6)
    for x, h in zip(xs, heights):
        bars.text(x, h, str(h), ha="center", va="bottom", fontsize=FONT - 1)
    bars.set_ylabel("works")
    bars.spines[["top", "right"]].set_visible(False)
    for x, (lists, _) in enumerate(combos):
        dots.scatter([x] * n, range(n), s=28, color=["#222" if i in lists else "#ddd" for i in range(n)], zorder=2)
        if len(lists) > 1:
            dots.plot([x, x], [min(lists), max(lists)], color="#222", linewidth=1.5, zorder=1)
    dots.set_yticks(range(n), labels=list(tags))
    dots.set_ylim(n - 0.5, -0.5)
    dots.set_xticks([])
    dots.spines[:].set_visible(False)
    dots.tick_params(left=False)
    return _svg(figure, pyplot)


def heatmap_svg(tags: Sequence[str], memberships: Sequence[tuple[int, ...]]) -> str:
    """Works each pair of lists shares, as a shaded matrix with the counts written in."""
    pyplot = _pyplot()
    n = len(tags)
    matrix = pairwise(memberships, n)
    off = [matrix[a][b] for a in range(n) for b in range(n) if a != b] or [0]
    figure, axes = pyplot.subplots(figsize=(1.2 + 0.55 * n, 1.0 + 0.5 * n))
    shade = [[matrix[a][b] if a != b else 0 for b in range(n)] for a in range(n)]
    axes.imshow(shade, cmap="Blues", vmin=0, vmax=max(1, max(off)))
    for a in range(n):
        for b in range(n):
            value = matrix[a][b]
            dark = a != b and value > max(off) * 0.6
            axes.text(b, a, str(value), ha="center", va="center", fontsize=FONT - 1,
                      color="white" if dark else "#222", fontweight="bold" if a == b else "normal")
    axes.set_xticks(range(n), labels=list(tags))
    axes.set_yticks(range(n), labels=list(tags))
    axes.tick_params(length=0)
    axes.spines[:].set_visible(False)
    return _svg(figure, pyplot)
