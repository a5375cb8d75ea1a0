"""The overlap between lists as pictures, drawn with matplotlib as inline SVG: an UpSet-style
chart (how many works each combination of lists holds, and nothing else) and a heatmap of the
works each pair of lists shares. matplotlib is imported here only, when an HTML canon is made.

Importing matplotlib takes longer than reading and matching a few small lists. A small
whole-process merge (``heap.is_whole_process``) therefore starts, before it matches, a forked
child that imports it on the other core and waits (``prepare``); ``charts`` has that child draw
both charts with this same code, and draws them here when there is no child or it fails."""
from __future__ import annotations

import io
import os
import pickle
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


# --- drawing on the other core ------------------------------------------------------------------

#: A merge of more entries than this draws its charts itself: the import is a small share of it,
#: and a fork would copy the page tables of what it has read.
PREPARE_UP_TO = 20_000
_child: tuple[int, int, int] | None = None  # pid, the pipe it reads a request from, the one it answers on


def prepare(entries: int) -> None:
    """Start a child that imports matplotlib and then draws the charts ``charts`` asks for: in a
    whole-process run of at most ``PREPARE_UP_TO`` entries, where the system forks. The child
    ends when this process does (its request pipe closes) without being asked."""
    global _child
    from ..heap import is_whole_process

    if _child is not None or entries > PREPARE_UP_TO or not is_whole_process() or not hasattr(os, "fork"):
        return
    request_r, request_w = os.pipe()
    answer_r, answer_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: nothing of the parent's runs here, and it never returns
        os.close(request_w)
        os.close(answer_r)
        _serve(request_r, answer_w)
    os.close(request_r)
    os.close(answer_w)
    _child = (pid, request_w, answer_r)


def _serve(requests: int, answers: int) -> None:
    status = 0
    try:
        _pyplot()
        with os.fdopen(requests, "rb") as fh:
            asked = fh.read()
        if asked:
            tags, memberships = pickle.loads(asked)
            drawn = (upset_svg(tags, memberships), heatmap_svg(tags, memberships))
            with os.fdopen(answers, "wb") as fh:
                fh.write(pickle.dumps(drawn))
    except BaseException:  # the parent draws them itself
        status = 1
    os._exit(status)


def charts(tags: Sequence[str], memberships: Sequence[tuple[int, ...]]) -> tuple[str, str]:
    """The UpSet chart and the heatmap, as SVG: from the prepared child when there is one, else
    drawn here."""
    global _child
    if _child is not None:
        pid, request, answer = _child
        _child = None
        try:
            with os.fdopen(request, "wb") as fh:
                fh.write(pickle.dumps((list(tags), [tuple(m) for m in memberships])))
            with os.fdopen(answer, "rb") as fh:
                found = fh.read()
            os.waitpid(pid, 0)
            if found:
                upset, heatmap = pickle.loads(found)
                return upset, heatmap
        except OSError:
            pass
    return upset_svg(tags, memberships), heatmap_svg(tags, memberships)

