"""The nightly property run: merge3's nothing-lost property over every shape, and merge3's
never-worse-than-git property, with the 'nightly' Hypothesis profile (1,500 examples each; CI
runs the 'ci' profile's 60). `python bench/nightly.py [more pytest options]`; exit status is
pytest's."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_merge3_property.py", "tests/test_merge3.py"]


def main() -> int:
    command = [sys.executable, "-m", "pytest", "-q", *TESTS, "--hypothesis-profile", "nightly",
               "--hypothesis-show-statistics", *sys.argv[1:]]
    return subprocess.call(command, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
