"""Matching beyond memory: blocking as SQL on an engine (DuckDB embedded, or Spark), and linking
lists against a catalogue of millions of records kept on disk.

- ``queries``: the blocking queries, one set for both engines;
- ``engines``: DuckDB and Spark behind the same few calls;
- ``blocking``: candidate pairs through an engine, the in-memory matcher's pairs exactly;
- ``catalogue``: a catalogue file (CSV, Parquet, DuckDB) loaded once into an on-disk store;
- ``link``: lists against a catalogue: candidates, judgements, clusters, links.
"""
