"""The fuzz harness (bench/fuzz.py, bench/hostile.py, bench/merge3_trials.py): its cases are
made from their seed alone, its oracles tell a safe output from an unsafe one, and a short run
gives a summary of the documented shape. No timing is asserted."""
from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import fuzz  # noqa: E402
import hostile  # noqa: E402


@pytest.mark.parametrize("family", sorted(hostile.FAMILIES))
def test_a_case_is_its_family_and_seed(family):
    for seed in (1, 2, 3):
        a, b = hostile.make(family, seed), hostile.make(family, seed)
        assert a.files == b.files and a.commands == b.commands and a.commands


def test_the_same_seed_mutates_every_format_the_same_way():
    for fmt in hostile.FORMATS:
        name, text = hostile.FORMATS[fmt](hostile.entries(__import__("random").Random(5), 8))
        assert text and "." in name
        import random

        assert hostile.mutate(random.Random(9), text, fmt) == hostile.mutate(random.Random(9), text, fmt)


@pytest.mark.parametrize("kind, text, verdict", [
    ("table", "Title \x1b]0;x\x07 here\n", "control"),
    ("table", "Title ␛]0;x␇ here\n", None),
    ("terminal", "\x1b[32m+ added\x1b[0m\n", "control"),
    ("md", "- \\<img src=x onerror=alert(1)\\> and `<img>` and <https://example.org/a>\n", None),
    ("md", "- <img src=x onerror=alert(1)>\n", "markup"),
    ("html", "<ul><li>&lt;img onerror=x&gt;</li></ul>", None),
    ("html", "<ul><li><img src=x onerror=alert(1)></li></ul>", "markup"),
    ("csv", "title\n'=HYPERLINK(1)\n", None),
    ("csv", "title\n=HYPERLINK(1)\n", "formula"),
    ("json", '{"a": 1}', None),
    ("json", '{"a": NaN}', "json"),
    ("yaml", "a: [1\n", "yaml"),
    ("bibtex", "@misc{a,\n  title = {x},\n}\n", None),
    ("bibtex", "@misc{a,\n  doi = {1\n}\n@misc{pwned, title={x}}},\n}\n", "bibtex"),
])
def test_the_oracles_tell_safe_output_from_unsafe(kind, text, verdict):
    found = fuzz.check_output(kind, text.encode("utf-8"), color=False)
    assert (found[0] if found else None) == verdict


def test_colour_codes_listmerge_writes_are_no_finding_with_color():
    assert fuzz.check_output("terminal", b"\x1b[1m+1\x1b[0m\n", color=True) is None


def test_a_traceback_is_laid_at_the_door_of_its_innermost_listmerge_frame():
    text = ('Traceback (most recent call last):\n  File "/x/src/listmerge/cli.py", line 9, in main\n'
            '  File "/x/src/listmerge/identify.py", line 180, in _by_urllib\nValueError: Port\n')
    assert fuzz.owner_of(text) == ("matching", "identify.py:180")
    stack = ('Current thread 0x1 (most recent call first):\n  File "/x/src/listmerge/parsers/cite.py", line 5 in f\n'
             '  File "/x/src/listmerge/cli.py", line 9 in main\n')
    assert fuzz.owner_of(stack) == ("hostile", "parsers/cite.py:5")


def test_a_case_runs_under_caps_and_its_oracles_hold(tmp_path):
    """A named pipe among lists: one error line, exit 1, no hang, nothing modified."""
    case = hostile.Case("special", 0, {"good.md": hostile.markdown(hostile.entries(__import__("random").Random(1), 3))[1].encode(),
                                       "pipe.md": ("fifo",)},
                        [["merge", "good.md", "pipe.md", "--out", "{out}"]])
    tally = fuzz.Tally()
    assert fuzz.run_case(case, fuzz.Limits(), None, tally, lambda text: None) == []
    assert tally.runs["merge"] == 1 and tally.small_peak_mib > 0


def test_merge3_trials_keep_the_nothing_lost_property(capsys):
    assert fuzz.merge3_worker(12, seed=3) == 0
    report = json.loads(capsys.readouterr().out)
    assert sum(report["trials"].values()) == 12 and report["violations"] == []


def test_the_summary_has_the_documented_lines():
    tally = fuzz.Tally()
    tally.failures.append(fuzz.Failure("traceback", "shapes", "known:1", "parse x", "serialize.py:69 OverflowError"))
    args = type("Args", (), {"seed": 5, "hang": 10.0, "timeout": 20.0})()
    text = fuzz.summary(args, tally, 0.1)
    for line in ("- tracebacks: 1 (shapes 1)", "- hangs over 10 s: 0", "- peak memory over 1 GiB", "- merge3 nothing-lost: 0 trials"):
        assert line in text
    assert "| traceback | shapes | `known:1` |" in text
