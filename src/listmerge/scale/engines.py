"""Engines that run the blocking queries: DuckDB (embedded, the default) and Spark (pyspark, local
mode here and a cluster in production). Both offer the same few calls, so the pipeline in
``blocking.py`` and ``link.py`` is written once:

- ``put(name, columns)``: a relation made from Python columns (name -> list of values);
- ``make(name, sql)``: the result of a query kept as a relation for the queries after it;
- ``batches(sql)``: a query's rows, a batch at a time;
- ``attach(store)``: the tables of a loaded catalogue as ``cat_keys``, ``cat_df``, ``cat_scoring``
  and ``cat_entries``.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import ListmergeError

ENGINES = ("duckdb", "spark")
#: The catalogue's tables, as the engines name them.
CATALOGUE_TABLES = ("keys", "df", "scoring", "entries")
BATCH = 100_000
#: How much memory DuckDB may hold before it spills to disk ($LISTMERGE_DUCKDB_MEMORY to change).
DUCKDB_MEMORY = "2GB"

#: Python columns -> SQL types, by column name (every relation the pipeline puts is one of these).
TYPES = {"rid": "BIGINT", "i": "BIGINT", "j": "BIGINT", "titled": "BOOLEAN", "small": "INTEGER", "df": "BIGINT"}


class EngineError(ListmergeError):
    """An engine could not be started or used (a missing package, no Java)."""


def get_engine(name: str, **options) -> "DuckDBEngine | SparkEngine":
    if name == "duckdb":
        return DuckDBEngine(**options)
    if name == "spark":
        return SparkEngine(**options)
    raise EngineError(f"unknown engine '{name}' (choose from {', '.join(ENGINES)})")


class DuckDBEngine:
    """DuckDB in this process. Relations are tables of an in-memory database that
    spills to a temporary directory when they outgrow ``memory_limit``."""

    name = "duckdb"

    def __init__(self, threads: int | None = None, memory_limit: str | None = None) -> None:
        try:
            import duckdb
        except ImportError as exc:  # a dependency: only a broken install lacks it
            raise EngineError(f"the duckdb package is missing ({exc}); reinstall listmerge") from None
        self._spill = tempfile.mkdtemp(prefix="listmerge-duckdb-")
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"SET temp_directory = '{_quote(self._spill)}'")
        self.con.execute("SET preserve_insertion_order = false")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        limit = memory_limit or os.environ.get("LISTMERGE_DUCKDB_MEMORY") or DUCKDB_MEMORY
        self.con.execute(f"SET memory_limit = '{_quote(limit)}'")

    def put(self, name: str, columns: dict[str, Sequence]) -> None:
        import numpy as np

        arrays = {col: _array(np, col, values) for col, values in columns.items()}
        self.con.register("_put", arrays)
        casts = ", ".join(f"CAST({c} AS {TYPES.get(c, 'VARCHAR')}) AS {c}" for c in columns)
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT {casts} FROM _put")
        self.con.unregister("_put")

    def make(self, name: str, sql: str) -> None:
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS {sql}")

    def batches(self, sql: str, size: int = BATCH) -> Iterator[list[tuple]]:
        cursor = self.con.cursor()
        cursor.execute(sql)
        while batch := cursor.fetchmany(size):
            yield batch
        cursor.close()

    def attach(self, store: str | os.PathLike) -> None:
        self.con.execute(f"ATTACH '{_quote(str(store))}' AS cat (READ_ONLY)")
        for table in CATALOGUE_TABLES:
            self.con.execute(f"CREATE OR REPLACE VIEW cat_{table} AS SELECT * FROM cat.{table}")

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self._spill, ignore_errors=True)


class SparkEngine:
    """Spark through pyspark: ``master`` "local[N]" runs it in this machine's JVM, a cluster's
    URL (or ``spark-submit``'s settings) runs the same queries there. A catalogue is read from
    the Parquet files exported beside its DuckDB store (``catalogue.export_parquet``)."""

    name = "spark"

    def __init__(self, master: str | None = None, partitions: int = 8) -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise EngineError("the Spark engine needs pyspark: pip install 'listmerge[spark]'") from None
        if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
            raise EngineError("the Spark engine needs Java 17 or later (java is not on PATH, JAVA_HOME unset)")
        builder = SparkSession.builder.appName("listmerge")
        master = master or os.environ.get("LISTMERGE_SPARK_MASTER") or "local[2]"
        builder = builder.master(master)
        for key, value in (("spark.ui.enabled", "false"), ("spark.sql.shuffle.partitions", str(partitions)),
                           ("spark.sql.session.timeZone", "UTC"), ("spark.driver.memory", "2g"),
                           ("spark.sql.adaptive.enabled", "true"), ("spark.ui.showConsoleProgress", "false")):
            builder = builder.config(key, value)
        try:
            self.spark = builder.getOrCreate()
        except Exception as exc:  # the JVM did not start: one line, not a Java stack
            raise EngineError(f"cannot start Spark ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None
        self.spark.sparkContext.setLogLevel("ERROR")
        self._kept: list = []

    def put(self, name: str, columns: dict[str, Sequence]) -> None:
        from pyspark.sql import types as T

        kinds = {"BIGINT": T.LongType(), "BOOLEAN": T.BooleanType(), "INTEGER": T.IntegerType(), "VARCHAR": T.StringType()}
        schema = T.StructType([T.StructField(c, kinds[TYPES.get(c, "VARCHAR")], True) for c in columns])
        rows = list(zip(*(list(map(_plain, v)) for v in columns.values())))
        df = self.spark.createDataFrame(rows, schema=schema, verifySchema=False)
        df.createOrReplaceTempView(name)

    def make(self, name: str, sql: str) -> None:
        df = self.spark.sql(sql).localCheckpoint(eager=True)  # computed once, its lineage cut
        self._kept.append(df)
        df.createOrReplaceTempView(name)

    def batches(self, sql: str, size: int = BATCH) -> Iterator[list[tuple]]:
        batch: list[tuple] = []
        for row in self.spark.sql(sql).toLocalIterator():
            batch.append(tuple(row))
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def attach(self, store: str | os.PathLike) -> None:
        """The catalogue's tables: from $LISTMERGE_SPARK_CATALOGUE (a folder of the Parquet files
        that ``export_parquet`` writes, copied where a cluster's executors read: HDFS, S3...),
        else from the export beside the store (local mode, or a file system the cluster shares)."""
        from .catalogue import export_parquet

        folder = os.environ.get("LISTMERGE_SPARK_CATALOGUE") or str(export_parquet(Path(store)))
        for table in CATALOGUE_TABLES:
            self.spark.read.parquet(f"{folder.rstrip('/')}/{table}.parquet").createOrReplaceTempView(f"cat_{table}")

    def close(self) -> None:
        for df in self._kept:
            df.unpersist()
        self._kept.clear()


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _array(np, column: str, values: Sequence):
    kind = TYPES.get(column, "VARCHAR")
    if kind in ("BIGINT", "INTEGER"):
        return np.asarray(values, dtype=np.int64)
    if kind == "BOOLEAN":
        return np.asarray(values, dtype=bool)
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def _plain(value):
    """numpy scalars as Python values (Spark's rows take only these)."""
    return value.item() if hasattr(value, "item") else value
