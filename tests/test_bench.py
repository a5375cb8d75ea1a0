"""The benchmark scripts run on tiny inputs and give results of the right shape. No timing is
asserted: only that each part runs and its numbers are sane."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_path

sys.path.insert(0, str(ROOT / "bench"))

import peer  # noqa: E402
import proc  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402
import startup  # noqa: E402
import synth  # noqa: E402
import throughput  # noqa: E402
from scoring import cluster_pairs, labelled_pairs, pairwise, record_level  # noqa: E402


def _between(value, low=0.0, high=1.0) -> bool:
    return low <= value <= high


def test_scorers_count_true_and_false_joins():
    """Record-level scoring keeps one record per predicted cluster: a removed record of the right
    true cluster is a true positive, one of another work a false positive."""
    truth = [["a", "b"], ["c", "d"]]
    assert record_level([["a", "b"], ["c", "e"]], truth) == {
        "precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert pairwise(cluster_pairs([["a", "b", "c"]]), cluster_pairs(truth))["tp"] == 1


def test_labelled_pairs_count_only_the_pairs_a_label_names():
    """DBLP-Scholar is scored over its labelled pairs only: a pair the tool joins that no label
    names counts for nothing; a labelled non-match it joins is a false positive."""
    together = {("a", "x"), ("b", "y"), ("c", "z")}
    labelled = [("a", "x", True), ("b", "y", False), ("d", "w", True)]
    assert labelled_pairs(labelled, lambda a, b: (a, b) in together) == {
        "precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}


def test_proc_measures_time_memory_and_timeouts():
    """A command's wall time and peak memory are measured; one past its limit is stopped."""
    done = proc.run([sys.executable, "-c", "x = bytearray(50 * 2**20)"], timeout=60)
    assert done.ok and done.seconds > 0 and done.peak_rss_mib >= 50
    stopped = proc.run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert stopped.timed_out and stopped.seconds < 10


def test_fit_exponent_recovers_the_power():
    assert scale.fit_exponent([(1_000, 1.0), (10_000, 10.0), (100_000, 100.0)]) == 1.0
    assert scale.fit_exponent([(10, 1.0), (100, 100.0)]) == 2.0
    assert scale.fit_exponent([(10, 1.0)]) is None


def test_synth_writes_lists_with_known_truth(tmp_path):
    """Two markdown lists of n/2 entries each, and a truth row for every entry line."""
    made = synth.write_pair(60, tmp_path, shared_path())
    truth = synth.read_truth(tmp_path / "truth.csv")
    assert made["entries"] == len(truth) == 60 and 0 < made["works"] < 60
    for (name, line), work in truth.items():
        text = (tmp_path / name).read_text(encoding="utf-8").split("\n")[line - 1]
        assert text.startswith("- [") and work.startswith("w")
    again = tmp_path / "again"
    synth.write_pair(60, again, shared_path())
    assert (again / "a.md").read_text() == (tmp_path / "a.md").read_text()  # same seed, same lists


def test_synth_derived_works_have_distinct_titles():
    source = synth.load_source(shared_path("bench", "dblp-acm"))
    words = {synth.coined(k, source) for k in range(5_000, 6_000)}
    assert len(words) == 1_000


def test_scale_runs_dedupe_and_scores_it():
    """At 50 entries dedupe runs, its F1 against the truth is a fraction, every entry is found."""
    result = scale.measure(shared_path(), sizes=(50,), timeout=120, merge=False)
    (row,) = result["rows"]
    assert row["dedupe"]["status"] == "ok", row["dedupe"]
    scores = row["dedupe"]["scores"]
    assert _between(scores["f1"]) and scores["entries_found"] == scores["entries_expected"] == 50
    assert row["merge"] == {"status": "not available yet"}


def test_startup_measures_help_and_imports():
    found = startup.help_times(1)
    assert all(r["ok"] and r["seconds_median"] > 0 for r in found.values())
    imports = startup.heaviest_imports()
    assert imports["total_ms"] > 0 and any(i["module"].startswith("listmerge") for i in imports["outermost"])


def test_throughput_parses_a_tiny_list(tmp_path):
    path = tmp_path / "tiny.md"
    path.write_text("# Tiny\n\n## Papers\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)"
                    " (Vaswani et al., 2017)\n- [Deep Residual Learning](https://arxiv.org/abs/1512.03385)\n")
    rate = throughput.parse_rate(str(path), 2)
    assert rate["parser"] == "markdown" and rate["entries"] == 2 and rate["entries_per_second"] > 0


def test_throughput_on_seeds():
    rates = throughput.seeds(shared_path("seeds").parent, 1)
    assert len(rates) == 5 and all(r["entries"] > 0 for r in rates.values())


def test_peer_runs_on_its_dataset_when_installed():
    if not peer.venv_python().exists():
        pytest.skip(f"{peer.VENV} is absent: `python bench/run.py` builds it")
    env = peer.ensure_venv(build=False)
    result = peer.run_peer("stroke", shared_path(), env["python"], runs=1)
    assert "error" not in result, result
    assert _between(result["scores"]["record-level"]["f1"]) and result["seconds_median"] > 0


def test_report_renders_every_part():
    data = {"machine": {"date": "d", "cores": 2, "memory_mib": 1, "python": "3", "platform": "p"},
            "command": "c", "seconds": 1.0,
            "accuracy": {"stroke": {"error": "x"}}, "peer": {"skipped": "quick"},
            "scale": {"rows": [], "k": {"dedupe": None, "merge": None}, "timeout_seconds": 1,
                      "k_from_10k": {"dedupe": None, "merge": None}, "k_largest_two": {"dedupe": None, "merge": None}},
            "startup": {"help": {}, "imports": {"total_ms": 0, "outermost": []}, "jobs": {}},
            "throughput": {"seeds": {}, "synthetic": {}}}
    text = report.render(data, [("t", "m", None)])
    assert all(f"## {n}." in text for n in range(1, 6))


def test_whole_process_pairs_ours_with_the_peer_when_installed():
    """The paired whole-process comparison runs both commands and gives ratios (no timing is
    judged here)."""
    if not peer.venv_python().exists():
        pytest.skip(f"{peer.VENV} is absent: `python bench/run.py` builds it")
    env = peer.ensure_venv(build=False)
    result = peer.whole_process("stroke", shared_path(), env["python"], runs=1)
    assert "error" not in result, result
    assert set(result["ratio"]) == {"merge", "dedupe", "start-up"} and all(r > 0 for r in result["ratio"].values())


def test_the_whole_process_table_says_which_ratio_is_which():
    whole = {"runs": 5, "seconds_median": {"peer": 8.0, "merge": 0.7, "dedupe": 0.6, "peer start-up": 1.5,
                                           "listmerge --help": 0.05},
             "ratio": {"merge": 0.09, "dedupe": 0.075, "start-up": 0.033}}
    text = "\n".join(report.whole_process({"datasets": {"stroke": {"whole_process": whole}}}))
    assert "in-process" in text and "Start-up" in text
    assert "| stroke | 0.7 | 0.6 | 8.0 | 0.09 | 0.075 | 0.05 | 1.5 | 0.033 | 5 |" in text
