"""The same blocking queries on Spark (pyspark in local mode): the links and candidate pairs are
DuckDB's. CI installs the [spark] extra; without pyspark or Java these tests skip and say why."""
from __future__ import annotations

import shutil
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT, shared_path
from listmerge.cli import main

sys.path.insert(0, str(ROOT / "bench"))

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'listmerge[spark]')")
if not shutil.which("java"):
    pytest.skip("Java is not on PATH: Spark cannot start", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from listmerge.scale.engines import get_engine

    engine = get_engine("spark", master="local[2]", partitions=4)
    yield engine
    engine.close()


def test_spark_finds_exactly_the_in_memory_candidates(spark):
    from listmerge.load import read
    from listmerge.match import candidates
    from listmerge.records import prepare
    from listmerge.rules import Thresholds
    from listmerge.scale.blocking import candidate_pairs

    folder = shared_path("bench", "dblp-acm")
    records = prepare([*read(str(folder / "dblp.csv")), *read(str(folder / "acm.csv"))])
    assert candidate_pairs(spark, records, Thresholds()) == candidates(records, Thresholds())


def test_link_on_spark_gives_the_links_duckdb_gives_on_10k_records(spark, tmp_path):
    """A list of 1,000 entries against a catalogue of 9,000 records: `link --engine spark`
    (local mode) writes the very links.csv and enriched list that `link` on DuckDB writes."""
    import catalogue

    folder = tmp_path / "data"
    catalogue.write_catalogue(9_000, folder, shared_path(), list_size=1_000)
    outputs = {}
    for engine in ("duckdb", "spark"):
        out = tmp_path / engine
        result = CliRunner().invoke(main, ["link", str(folder / "list.md"), "--catalogue", str(folder / "catalogue.csv"),
                                           "--store", str(tmp_path / "store.duckdb"), "--engine", engine,
                                           "--out", str(out), "--quiet"])
        assert result.exit_code == 0, result.output
        outputs[engine] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert outputs["spark"] == outputs["duckdb"]
    assert outputs["duckdb"]["links.csv"].count(b",matched,") >= 880
