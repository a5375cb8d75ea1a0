"""The blocking queries, written once in the SQL that DuckDB and Spark SQL both run.

Every query reads relations of a fixed shape and returns SQL text; an engine (``engines.py``)
runs it. The keys come from Python (``match.blocking_keys``, one row per key):

    keys(rid BIGINT, side VARCHAR, kind VARCHAR, key VARCHAR, titled BOOLEAN)

``side`` is 'L' for the records of the lists and 'C' for a catalogue's; ``kind`` is 'x' for an
exact key, 'h' for a title head that meets the records whose name it is (it holds the same text
as that name's exact key) and 'w' for a word key. The queries do what ``match.exact_pairs`` and
``match.word_blocks`` do in memory: count each word key, keep each record's keys of at most
``max_block`` records or else its ``rare_keys`` rarest (a window function), and self-join on the
key. With ``focus`` only the pairs with a list record are made (a list against a catalogue):
a block is joined only from its list members.

Only portable SQL is used: CTEs, COUNT/MIN/MAX, CASE, ROW_NUMBER() and MIN() OVER (PARTITION
BY ...), LEAST/GREATEST, UNION ALL. Strings compare by code point in both engines, as in Python.
"""
from __future__ import annotations

from ..rules import Thresholds
from ..match import SMALL_BLOCK


def word_df(keys: str) -> str:
    """How many records hold each word key: (key, df)."""
    return f"SELECT key, COUNT(*) AS df FROM {keys} WHERE kind = 'w' GROUP BY key"


def word_members(keys: str, df: str, t: Thresholds) -> str:
    """(rid, side, key): the titled records in the block of each of their word keys: a key of at
    most ``max_block`` records, or, for a record with none such, its ``rare_keys`` rarest keys
    (by count, then key)."""
    return f"""
WITH ranked AS (
  SELECT k.rid, k.side, k.key, k.titled, d.df,
         ROW_NUMBER() OVER (PARTITION BY k.rid ORDER BY d.df, k.key) AS rn,
         MIN(d.df) OVER (PARTITION BY k.rid) AS rarest
  FROM {keys} k JOIN {df} d ON k.key = d.key
  WHERE k.kind = 'w')
SELECT rid, side, key FROM ranked
WHERE titled AND (df <= {int(t.max_block)} OR (rarest > {int(t.max_block)} AND rn <= {int(t.rare_keys)}))"""


def _blocks(members: str, focus: bool, small: bool) -> str:
    """The keys of the blocks of two or more members that are small (at most ``SMALL_BLOCK``)
    or large; with ``focus``, only blocks with a list record."""
    size = f"COUNT(*) <= {SMALL_BLOCK}" if small else f"COUNT(*) > {SMALL_BLOCK}"
    listed = " AND MAX(CASE WHEN side = 'L' THEN 1 ELSE 0 END) = 1" if focus else ""
    return f"SELECT key FROM {members} GROUP BY key HAVING COUNT(*) > 1 AND {size}{listed}"


def small_pairs(members: str, focus: bool = False, within: str | None = None) -> str:
    """(i, j): the pairs of records that share a small word block (their titles are scored
    pair by pair, and one may hold the other). Without ``focus`` i < j; with it, i is a list
    record and j a catalogue record, or both are list records with i < j. With ``within`` (a
    relation of rids), only pairs of those records (blocks still sized by all their members)."""
    join = "a.side = 'L' AND (b.side = 'C' OR a.rid < b.rid)" if focus else "a.rid < b.rid"
    return f"""
WITH m AS (SELECT rid, side, key FROM {members} WHERE key IN ({_blocks(members, focus, small=True)}){_within(within)})
SELECT DISTINCT a.rid AS i, b.rid AS j FROM m a JOIN m b ON a.key = b.key WHERE {join}"""


def large_blocks(members: str, focus: bool = False, within: str | None = None) -> str:
    """(key, rid): the members of each large word block, block by block (each is scored as one
    matrix of its titles, as in memory); with ``within``, only those records."""
    return f"""
SELECT key, rid FROM {members} WHERE key IN ({_blocks(members, focus, small=False)}){_within(within)}
ORDER BY key, rid"""


def _within(within: str | None, column: str = "rid") -> str:
    return f" AND {column} IN (SELECT rid FROM {within})" if within else ""


def exact_pairs(keys: str, focus: bool = False, within: str | None = None) -> str:
    """(i, j): records with an exact key in common, and a title head with the records whose name
    it is; oriented as ``small_pairs`` orients them; with ``within``, only pairs of those records."""
    if within:
        keys = f"(SELECT * FROM {keys} WHERE rid IN (SELECT rid FROM {within}))"
    if focus:
        same = "a.side = 'L' AND (b.side = 'C' OR a.rid < b.rid)"
        head = ("CASE WHEN h.side = 'L' AND (x.side = 'C' OR h.rid < x.rid) THEN h.rid ELSE x.rid END",
                "CASE WHEN h.side = 'L' AND (x.side = 'C' OR h.rid < x.rid) THEN x.rid ELSE h.rid END",
                "AND (h.side = 'L' OR x.side = 'L')")
    else:
        same = "a.rid < b.rid"
        head = ("LEAST(h.rid, x.rid)", "GREATEST(h.rid, x.rid)", "")
    return f"""
SELECT DISTINCT i, j FROM (
  SELECT a.rid AS i, b.rid AS j FROM {keys} a JOIN {keys} b ON a.key = b.key
  WHERE a.kind = 'x' AND b.kind = 'x' AND {same}
  UNION ALL
  SELECT {head[0]} AS i, {head[1]} AS j FROM {keys} h JOIN {keys} x ON h.key = x.key
  WHERE h.kind = 'h' AND x.kind = 'x' AND h.rid <> x.rid {head[2]}
) p"""


# --- a catalogue --------------------------------------------------------------------------------

def catalogue_keys(raw: str, df: str, t: Thresholds) -> str:
    """The catalogue's keys with what linking needs to find the records a list can meet without
    reading them all: each word key's count (``df``) and whether the record has no key of at
    most ``max_block`` records (``fb``: it falls back to its rarest keys). Sorted by key, so
    that a look-up by key reads few row groups."""
    return f"""
SELECT k.rid, k.kind, k.key, k.titled, d.df,
       MIN(d.df) OVER (PARTITION BY k.rid) > {int(t.max_block)} AS fb
FROM {raw} k LEFT JOIN {df} d ON k.key = d.key AND k.kind = 'w'
ORDER BY k.key, k.rid"""


def touched(cat_keys: str, list_keys: str, t: Thresholds) -> str:
    """The catalogue records that can meet a list record: an exact key or head in common, or a
    word key of at most ``max_block`` catalogue records, or any common word key of a record that
    falls back to its rarest keys. (A list can only raise a key's count: a record that selects a
    list's key under the combined counts is found by one of these.)"""
    return f"""
SELECT DISTINCT c.rid FROM {cat_keys} c JOIN (SELECT DISTINCT key FROM {list_keys}) l ON c.key = l.key
WHERE c.kind <> 'w' OR c.df <= {int(t.max_block)} OR c.fb"""


def universe(cat_keys: str, list_keys: str, found: str) -> str:
    """The keys of the list records and of the catalogue records ``found`` (all their keys)."""
    return f"""
SELECT rid, side, kind, key, titled FROM {list_keys}
UNION ALL
SELECT c.rid, 'C' AS side, c.kind, c.key, c.titled FROM {cat_keys} c JOIN {found} f ON c.rid = f.rid"""


def universe_df(cat_df: str, keys: str) -> str:
    """The count of each word key of ``keys`` over the whole catalogue and the lists together."""
    return f"""
SELECT key, SUM(df) AS df FROM (
  SELECT d.key, d.df FROM {cat_df} d JOIN (SELECT DISTINCT key FROM {keys} WHERE kind = 'w') u ON d.key = u.key
  UNION ALL
  SELECT key, COUNT(*) AS df FROM {keys} WHERE kind = 'w' AND side = 'L' GROUP BY key
) c GROUP BY key"""


def pool(members: str, scoring: str) -> str:
    """What scoring reads of the catalogue records in a word block with a list record."""
    return f"""
SELECT s.rid, s.title, s.bare, s.tokens, s.stems FROM {scoring} s JOIN (
  SELECT DISTINCT rid FROM {members} WHERE side = 'C' AND key IN (SELECT key FROM {members} WHERE side = 'L')
) p ON s.rid = p.rid"""


def rows_of(table: str, wanted: str, columns: str = "*") -> str:
    """``columns`` of the rows of ``table`` whose rid is in the relation ``wanted``, by rid."""
    picked = ", ".join(f"t.{c.strip()}" for c in columns.split(","))
    return f"SELECT {picked} FROM {table} t JOIN {wanted} w ON t.rid = w.rid ORDER BY t.rid"
