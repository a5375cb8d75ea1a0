from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is not beside the project")
    return path


def seed(prefix: str) -> Path:
    folder = shared_path("seeds")
    matches = sorted(folder.glob(f"{prefix}_*"))
    if not matches:
        pytest.skip(f"seed {prefix} is absent from {folder}")
    return matches[0]


@pytest.fixture
def read_seed():
    from listmerge.load import read

    def _read(prefix: str):
        (rl,) = read(str(seed(prefix)))
        return rl

    return _read


def assert_one_line_error(result, name: str) -> None:
    """Bad input: exit 2 and one line on stderr that names it first, never a traceback."""
    assert result.exit_code == 2
    assert result.stderr.startswith(f"listmerge: error: {name}")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


# Hypothesis profiles: "ci" (the default) keeps the suite within CI's time; "nightly" runs the
# property tests with many more examples (`pytest --hypothesis-profile nightly`, as bench does).
# Tests that set max_examples themselves keep their own number.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=1500, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile("ci")
