"""Matching beyond memory: blocking as SQL (DuckDB here; Spark in test_scale_spark.py), merge
--engine, and linking lists against a catalogue loaded once into an on-disk store."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, assert_one_line_error, shared_path
from listmerge.cli import main
from listmerge.load import read, read_all
from listmerge.match import Context, candidates, mark_shared_names
from listmerge.records import NameIndex, prepare
from listmerge.rules import Thresholds

duckdb = pytest.importorskip("duckdb")

sys.path.insert(0, str(ROOT / "bench"))


def _records(lists, t=Thresholds()):
    records = prepare(lists)
    return mark_shared_names(records, Context(NameIndex.build(records), t))


def _sql_candidates(records, t=Thresholds()):
    from listmerge.scale.blocking import candidate_pairs
    from listmerge.scale.engines import get_engine

    engine = get_engine("duckdb")
    try:
        return candidate_pairs(engine, records, t)
    finally:
        engine.close()


@pytest.fixture(scope="module")
def pair10k(tmp_path_factory):
    import synth

    folder = tmp_path_factory.mktemp("pair10k")
    synth.write_pair(10_000, folder, shared_path())
    return folder


@pytest.fixture(scope="module")
def catalogue10k(tmp_path_factory):
    """A synthetic catalogue of 9,000 records and a list of 1,000 entries to link (10k records)."""
    import catalogue

    folder = tmp_path_factory.mktemp("catalogue10k")
    catalogue.write_catalogue(9_000, folder, shared_path(), list_size=1_000)
    return folder


# --- blocking in SQL ------------------------------------------------------------------------------

def test_sql_blocking_finds_exactly_the_in_memory_candidates_on_the_projects_lists():
    records = _records(read_all(str(ROOT / "lists")))
    assert _sql_candidates(records) == candidates(records, Thresholds())


@pytest.mark.parametrize("t", [Thresholds(), Thresholds(max_block=5, rare_keys=2)], ids=["default", "tiny-blocks"])
def test_sql_blocking_finds_exactly_the_in_memory_candidates_on_dblp_acm(t):
    """Counting, the rarest-keys window (forced everywhere by max_block=5) and the self-join in
    SQL give the pairs the in-memory matcher gives."""
    folder = shared_path("bench", "dblp-acm")
    records = _records([*read(str(folder / "dblp.csv")), *read(str(folder / "acm.csv"))], t)
    expected = candidates(records, t)
    assert len(expected) > 1000
    assert _sql_candidates(records, t) == expected


def test_merge_with_the_duckdb_engine_writes_byte_identical_outputs(pair10k, tmp_path, monkeypatch):
    monkeypatch.chdir(pair10k)
    runner = CliRunner()
    for engine, out in (("memory", tmp_path / "memory"), ("duckdb", tmp_path / "duckdb")):
        result = runner.invoke(main, ["merge", "a.md", "b.md", "--out", str(out), "--engine", engine, "--quiet"])
        assert result.exit_code == 0, result.output
    written = {p.name: p.read_bytes() for p in (tmp_path / "duckdb").iterdir()}
    assert written == {p.name: p.read_bytes() for p in (tmp_path / "memory").iterdir()}
    assert set(written) >= {"canon.md", "canon.json", "canon.yaml", "report.md"}


# --- the catalogue store --------------------------------------------------------------------------

def test_a_catalogue_row_becomes_the_entry_the_csv_reader_makes(tmp_path):
    from listmerge.scale.catalogue import entry_of_json, open_catalogue

    source = shared_path("bench", "dblp-acm", "acm.csv")
    found = open_catalogue(str(source), tmp_path / "acm.duckdb")
    assert found.rows == 2294 and found.columns["title"] == "title"
    with duckdb.connect(str(found.store), read_only=True) as con:
        stored = [entry_of_json(text) for (text,) in con.execute("SELECT entry FROM entries ORDER BY rid").fetchall()]
    (read_back,) = read(str(source))
    assert [e.evolve(line=0, end_line=0, raw="") for e in stored] == \
           [e.evolve(line=0, end_line=0, raw="") for e in read_back.entries]


@pytest.mark.parametrize("name", ["acm", "stroke"])
def test_the_venues_counted_a_chunk_at_a_time_are_venues_build(name, tmp_path):
    from listmerge.cited import Venues
    from listmerge.scale.catalogue import open_catalogue

    source = (shared_path("bench", "dblp-acm", "acm.csv") if name == "acm"
              else shared_path("bench", "bib-dedupe", "stroke", "records_pre_merged.csv"))
    (rl,) = read(str(source))
    expected = Venues.build((e.title, e.venue) for e in rl.entries)
    assert expected.known, "the dataset writes venues"
    assert open_catalogue(str(source), tmp_path / "store.duckdb").venues == expected


def _small_catalogue(folder: Path) -> Path:
    path = folder / "shelf.csv"
    path.write_text(
        "id,title,authors,venue,year,doi\n"
        "c1,Attention Is All You Need,\"Ashish Vaswani, Noam Shazeer\",NeurIPS,2017,10.5555/3295222.3295349\n"
        "c2,Deep Residual Learning for Image Recognition,\"Kaiming He, Xiangyu Zhang\",CVPR,2016,10.1109/CVPR.2016.90\n"
        "c3,Mastering the Game of Go without Human Knowledge,David Silver,Nature,2017,10.1038/nature24270\n",
        encoding="utf-8")
    return path


def test_a_catalogue_is_loaded_once_and_loaded_again_when_its_file_changes(tmp_path):
    import os

    from listmerge.scale.catalogue import open_catalogue

    source, store = _small_catalogue(tmp_path), tmp_path / "store.duckdb"
    first = open_catalogue(str(source), store)
    assert not first.reused and first.rows == 3
    assert open_catalogue(str(source), store).reused
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert not open_catalogue(str(source), store).reused


def test_a_store_named_as_the_catalogue_is_used_as_it_is(tmp_path):
    from listmerge.scale.catalogue import open_catalogue

    source, store = _small_catalogue(tmp_path), tmp_path / "store.duckdb"
    loaded = open_catalogue(str(source), store)
    again = open_catalogue(str(store))
    assert (again.store, again.rows, again.venues, again.columns) == (store, 3, loaded.venues, loaded.columns)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shelf.csv", "store.duckdb"]


def test_an_interrupted_load_leaves_no_half_written_catalogue(tmp_path, monkeypatch):
    """A load stopped half-way (Ctrl-C while records are keyed) leaves neither a store nor a
    temporary file, and the store that was there before is kept."""
    from listmerge.scale import catalogue

    source, store = _small_catalogue(tmp_path), tmp_path / "store.duckdb"

    def stop(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(catalogue, "_keyed", stop)
    with pytest.raises(KeyboardInterrupt):
        catalogue.open_catalogue(str(source), store)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shelf.csv"]
    monkeypatch.undo()
    catalogue.open_catalogue(str(source), store)
    before = store.read_bytes()
    source.write_text(source.read_text(encoding="utf-8") + "c4,A Fourth Paper on Lichens,Ann Author,Nature,2020,\n",
                      encoding="utf-8")
    monkeypatch.setattr(catalogue, "_keyed", stop)
    with pytest.raises(KeyboardInterrupt):
        catalogue.open_catalogue(str(source), store)
    assert store.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["shelf.csv", "store.duckdb"]


@pytest.mark.parametrize("kind", ["parquet", "duckdb"])
def test_parquet_and_duckdb_catalogues_load_the_same_records_as_csv(kind, tmp_path):
    from listmerge.scale.catalogue import open_catalogue

    source = _small_catalogue(tmp_path)
    other = tmp_path / f"shelf.{kind}"
    with duckdb.connect(str(other) if kind == "duckdb" else ":memory:") as con:
        con.execute(f"CREATE TABLE papers AS SELECT * FROM read_csv('{source}', all_varchar = true)")
        con.execute("ALTER TABLE papers ALTER year TYPE INTEGER")  # a typed column reads as its text
        if kind == "parquet":
            con.execute(f"COPY papers TO '{other}' (FORMAT parquet)")

    def stored(path, store):
        found = open_catalogue(str(path), tmp_path / store)
        with duckdb.connect(str(found.store), read_only=True) as con:
            return con.execute("SELECT rid, entry FROM entries ORDER BY rid").fetchall()

    assert stored(other, f"{kind}.store") == stored(source, "csv.store")


# --- link -----------------------------------------------------------------------------------------

def _link(args, cwd=None):
    return CliRunner().invoke(main, ["link", *args])


def test_link_fills_what_an_entry_lacks_and_says_where_each_field_came_from(tmp_path):
    shelf = _small_catalogue(tmp_path)
    listing = tmp_path / "reading.csv"
    listing.write_text("title,url,authors,year\nAttention Is All You Need,,,\n"
                       "Deep Residual Learning for Image Recognition,https://doi.org/10.1109/CVPR.2016.90,He,2016\n"
                       "A Paper No Catalogue Has About Lichens,,,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _link([str(listing), "--catalogue", str(shelf), "--store", str(tmp_path / "s.duckdb"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 matched, 0 ambiguous, 1 unmatched" in result.stdout
    rows = {r["title"]: r for r in csv.DictReader((out / "links.csv").open(encoding="utf-8"))}
    assert rows["Attention Is All You Need"]["status"] == "matched"
    assert rows["Attention Is All You Need"]["catalogue_id"] == "c1"
    assert rows["Attention Is All You Need"]["filled"] == "ids;url;authors;venue;year"
    assert rows["Deep Residual Learning for Image Recognition"]["rule"] == "same-id"
    assert rows["A Paper No Catalogue Has About Lichens"]["status"] == "unmatched"
    assert rows["A Paper No Catalogue Has About Lichens"]["why"].startswith("no candidate")
    (linked,) = yaml.safe_load((out / "linked.yaml").read_text(encoding="utf-8"))["lists"]
    first = linked["entries"][0]
    assert first["year"] == 2017 and first["authors"] == ["Ashish Vaswani", "Noam Shazeer"]
    told = linked["metadata"]["linked"]["entries"][0]
    assert told["filled"]["year"] == {"value": 2017, "from": "shelf.csv: c1", "rule": "title"}
    second = linked["entries"][1]
    assert second["authors"] == ["He"], "a field the entry has is kept"
    report = (out / "link-report.md").read_text(encoding="utf-8")
    assert "| matched | 2 |" in report and "A Paper No Catalogue Has About Lichens: no candidate" in report


def test_link_refuses_a_catalogue_it_cannot_read_in_one_line(tmp_path):
    listing = tmp_path / "reading.md"
    listing.write_text("- Attention Is All You Need\n", encoding="utf-8")
    missing = _link([str(listing), "--catalogue", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o")])
    assert_one_line_error(missing, str(tmp_path / "none.csv"))
    untitled = tmp_path / "untitled.csv"
    untitled.write_text("name_of_thing_x,colour\nfoo,red\n", encoding="utf-8")
    result = _link([str(listing), "--catalogue", str(untitled), "--store", str(tmp_path / "s.duckdb"),
                    "--out", str(tmp_path / "o")])
    assert_one_line_error(result, str(untitled))
    assert "no title column" in result.stderr and not (tmp_path / "s.duckdb").exists()


def test_link_never_writes_over_an_input(tmp_path):
    shelf = _small_catalogue(tmp_path)
    listing = tmp_path / "links.csv"  # the name of one of link's outputs
    listing.write_text("title\nAttention Is All You Need\n", encoding="utf-8")
    result = _link([str(listing), "--catalogue", str(shelf), "--store", str(tmp_path / "s.duckdb"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "would overwrite an input" in result.stderr
    assert listing.read_text(encoding="utf-8") == "title\nAttention Is All You Need\n"


def test_link_on_dblp_acm_finds_every_work_merge_finds(tmp_path):
    """dblp.csv linked against acm.csv puts in one work exactly the (dblp, acm) pairs that
    `merge dblp.csv acm.csv` does (so their F1 against the truth is the same)."""
    from listmerge.scale.catalogue import open_catalogue
    from listmerge.scale.engines import get_engine
    from listmerge.scale.link import link
    from listmerge.works import find_works

    folder = shared_path("bench", "dblp-acm")
    dblp, acm = read(str(folder / "dblp.csv"))[0], read(str(folder / "acm.csv"))[0]
    merged = find_works([dblp, acm])
    expected = {(merged.records[i].entry.key, merged.records[j].entry.key) for c in merged.clusters
                for i in c if merged.records[i].source == 0 for j in c if merged.records[j].source == 1}
    engine = get_engine("duckdb")
    try:
        linking = link([dblp], open_catalogue(str(folder / "acm.csv"), tmp_path / "acm.duckdb"), engine)
    finally:
        engine.close()
    m = linking.matching
    found = {(m.records[x.index].entry.key, m.records[t].entry.key) for x in linking.links for t in x.targets}
    assert len(expected) > 2000
    assert found == expected


def test_link_against_a_synthetic_catalogue_matches_what_is_there(catalogue10k, tmp_path):
    import catalogue

    out = tmp_path / "linked"
    result = _link([str(catalogue10k / "list.md"), "--catalogue", str(catalogue10k / "catalogue.csv"),
                    "--store", str(tmp_path / "store.duckdb"), "--out", str(out), "-o", "json"])
    assert result.exit_code == 0, result.output
    scores = catalogue.score_links(catalogue10k, out / "links.csv", 9_000)
    assert scores["precision"] == 1.0 and scores["recall"] >= 0.98, scores
    data = json.loads((out / "linked.json").read_text(encoding="utf-8"))
    assert data["lists"][0]["metadata"]["linked"]["catalogue"] == "catalogue.csv"


def test_the_synthetic_catalogue_holds_the_works_its_list_names_from_it(tmp_path):
    import catalogue

    made = catalogue.write_catalogue(3_000, tmp_path, shared_path(), list_size=100)
    assert made == {"records": 3_000, "list": 100, "in_catalogue": 90}
    with open(tmp_path / "catalogue.csv", newline="", encoding="utf-8") as fh:
        ids = [r["id"] for r in csv.DictReader(fh)]
    assert ids == [f"w{k}" for k in range(3_000)]
    with open(tmp_path / "truth.csv", newline="", encoding="utf-8") as fh:
        works = [r["work"] for r in csv.DictReader(fh)]
    assert len(works) == 100 and sum(w in set(ids) for w in works) == 90
    again = tmp_path / "again"
    catalogue.write_catalogue(3_000, again, shared_path(), list_size=100)
    assert (again / "list.md").read_bytes() == (tmp_path / "list.md").read_bytes()


def test_an_engine_that_cannot_start_is_one_line_and_exit_2(tmp_path, monkeypatch):
    """Without pyspark, --engine spark says what to install; nothing is written."""
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    listing = tmp_path / "reading.csv"
    listing.write_text("title\nAttention Is All You Need\n", encoding="utf-8")
    for args in (["merge", str(listing), "--out", str(tmp_path / "m"), "--engine", "spark", "--quiet"],
                 ["link", str(listing), "--catalogue", str(_small_catalogue(tmp_path)), "--store",
                  str(tmp_path / "s.duckdb"), "--out", str(tmp_path / "l"), "--engine", "spark"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.stderr == "listmerge: error: the Spark engine needs pyspark: pip install 'listmerge[spark]'\n"
    assert not (tmp_path / "m").exists() and not (tmp_path / "l").exists()
