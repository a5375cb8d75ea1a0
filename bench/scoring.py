"""Our own small scorers: pairwise precision/recall/F1 of links, and bib-dedupe's record-level
scoring (each removed extra record of a true cluster is a true positive, each wrongly removed
record a false positive)."""
from __future__ import annotations

from typing import Iterable


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def pairwise(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict:
    tp = len(predicted & truth)
    return prf(tp, len(predicted) - tp, len(truth) - tp)


def cluster_pairs(clusters: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    pairs = set()
    for cluster in clusters:
        members = sorted(cluster)
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return pairs


def record_level(predicted: Iterable[Iterable[str]], truth: Iterable[Iterable[str]]) -> dict:
    """Keep one record of each predicted cluster and remove the rest. A removed record is a true
    positive when its cluster keeps a record of its own true cluster, else a false positive."""
    label: dict[str, int] = {}
    truth = [list(c) for c in truth]
    for k, cluster in enumerate(truth):
        for record in cluster:
            label[record] = k
    tp = fp = 0
    for cluster in predicted:
        members = list(cluster)
        groups = {label.get(m, f"unique:{m}") for m in members}
        tp += len(members) - len(groups)
        fp += len(groups) - 1
    extras = sum(len(c) - 1 for c in truth)
    return prf(tp, fp, extras - tp)


def labelled_pairs(labelled: Iterable[tuple[str, str, bool]], same) -> dict:
    """Pairwise scores over labelled pairs only: (a, b, is a match) scored by ``same(a, b)``,
    whether the tool put a and b in one work. Unlabelled pairs count for nothing."""
    tp = fp = fn = 0
    for a, b, match in labelled:
        predicted = same(a, b)
        tp += match and predicted
        fp += predicted and not match
        fn += match and not predicted
    return prf(tp, fp, fn)
