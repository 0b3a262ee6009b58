"""PostgreSQL: a file's rows checked by the database rather than row by row in Python (ADR 4).

A file with no quote and no backslash splits into fields at commas alone, as PostgreSQL's COPY
splits it: its bytes go to the server unparsed, into a temporary table of text columns, and one
INSERT ... SELECT writes the rows that pass the SQL rules (crime.sql_rules) into the partition
being loaded. The rows it refuses are read back for the Python rules (crime.ingest), which
quarantine them with the usual field and reason. Map points are checked, placed in wards and
projected in Python, once per distinct point (a few thousand a month), not once per row.

A file that COPY cannot split as Python's csv module would (a blank line, a row of the wrong
width, a stray carriage return) raises DataError from `copy_raw`: the caller rolls the
temporary table back and reads the file in Python instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from django.db import connection

from beatbook.crime.police_uk.files import InputFile
from beatbook.crime.police_uk.rows import RowError, Schema, parse_location
from beatbook.crime.sql_rules import LAT, LNG, RULES, SqlRules, longest_field
from beatbook.geography.locate import WardLocator
from beatbook.geography.projection import to_bng

RAW, POINTS = "beatbook_raw_rows", "beatbook_raw_points"
BLOCK = 1 << 20

RowsRead = Callable[[int], None]


def eligible(item: InputFile, schema: Schema, simple: bool) -> bool:
    """Whether the file can take the SQL path: PostgreSQL, rules for its kind, fields split at commas."""
    if connection.vendor != "postgresql" or schema.kind not in RULES or not simple:
        return False
    with item.open_binary() as stream:
        first = stream.readline()
    return first.endswith(b"\n") and first.decode("utf-8-sig").rstrip("\r\n") == ",".join(schema.header)


def _execute(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _columns(width: int) -> str:
    return ", ".join(f"c{i}" for i in range(width))


def copy_raw(item: InputFile, width: int, rows_read: RowsRead) -> int:
    """COPY the file's rows, unparsed, into a temporary table of text columns; how many there are.

    `line` numbers them from 2 (the header is line 1): with no quote in the file, a row is a line.
    """
    text_columns = ", ".join(f"c{i} text" for i in range(width))
    _execute(f"CREATE TEMPORARY TABLE {RAW} ({text_columns}, line integer GENERATED ALWAYS AS IDENTITY (START 2))")
    columns = _columns(width)
    sql = f"COPY {RAW} ({columns}) FROM STDIN (FORMAT csv, FORCE_NOT_NULL ({columns}))"
    with connection.cursor() as cursor, connection.wrap_database_errors, item.open_binary() as stream:
        stream.readline()  # the header, checked before
        with cursor.cursor.copy(sql) as copy:
            lines = 0
            while block := stream.read(BLOCK):
                copy.write(block)
                lines += block.count(b"\n")
                rows_read(lines)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {RAW}")
        return int(cursor.fetchone()[0])


def _point_rows(pairs: list[tuple[str, str]], locator: WardLocator) -> list[tuple]:
    """(lng_text, lat_text, lat, lng, easting, northing, ward_id) of the pairs Python's rules accept."""
    good = []
    for lng_text, lat_text in pairs:
        if max(len(lng_text), len(lat_text)) > longest_field():
            continue  # Python's csv module cannot read such a file: its row goes back to Python
        try:
            lat, lng = parse_location(lng_text, lat_text)
        except RowError:
            continue
        good.append((lng_text, lat_text, lat, lng))
    if not good:
        return []
    lats = np.array([g[2] for g in good], dtype=float)
    lngs = np.array([g[3] for g in good], dtype=float)
    wards = locator.locate_many(lats, lngs).tolist()
    eastings, northings = (values.tolist() for values in to_bng(lngs, lats))
    return [(*g, e, n, w if w >= 0 else None) for g, e, n, w in zip(good, eastings, northings, wards)]


def load_points(locator: WardLocator, chunk_rows: int) -> None:
    """The file's distinct map points that pass the location rules, with their ward and metres."""
    _execute(
        f"CREATE TEMPORARY TABLE {POINTS} (lng_text text, lat_text text, lat float8, lng float8, "
        "easting float8, northing float8, ward_id bigint)"
    )
    distinct = f"SELECT DISTINCT {LNG}, {LAT} FROM {RAW} WHERE {LNG} <> '' OR {LAT} <> ''"
    for pairs in _batches(distinct, chunk_rows):
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {POINTS} FROM STDIN") as copy:
            for row in _point_rows(pairs, locator):
                copy.write_row(row)
    _execute(f"ANALYZE {POINTS}")


def _from(rules: SqlRules) -> str:
    return f"FROM {RAW} s LEFT JOIN {POINTS} p ON p.lng_text = s.{LNG} AND p.lat_text = s.{LAT} {rules.joins}"


@dataclass(frozen=True)
class Inserted:
    rows: int
    without_location: int
    outside_force_area: int


def insert_accepted(table: str, rules: SqlRules) -> Inserted:
    """Write the rows that pass the rules into `table`: how many did, and how many of them have no
    location or lie outside every ward (counted on the way, not by reading the table again).

    The raw table has no statistics: without nested loops the planner hashes the map points
    and categories, as it should, rather than scanning them once per row.
    """
    columns = ", ".join(connection.ops.quote_name(c) for c in rules.columns)
    insert = (
        f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) SELECT {', '.join(rules.values)} {_from(rules)} "
        f"WHERE {rules.where()} RETURNING lat IS NULL AS nowhere, ward_id IS NULL AS unplaced"
    )
    counts = "SELECT count(*), count(*) FILTER (WHERE nowhere), count(*) FILTER (WHERE unplaced AND NOT nowhere) FROM i"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_nestloop')")
        nestloop = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('enable_nestloop', 'off', true)")
        cursor.execute(f"WITH i AS ({insert}) {counts}")
        inserted = Inserted(*cursor.fetchone())
        cursor.execute("SELECT set_config('enable_nestloop', %s, true)", [nestloop])
    return inserted


def refused(rules: SqlRules, width: int, chunk_rows: int) -> Iterator[list[tuple[int, list[str]]]]:
    """The rows the rules refused, in line order and in chunks: (line, fields)."""
    sql = f"SELECT s.line, {', '.join(f's.c{i}' for i in range(width))} {_from(rules)} WHERE NOT {rules.where()}"
    for rows in _batches(f"{sql} ORDER BY s.line", chunk_rows):
        yield [(row[0], list(row[1:])) for row in rows]


def _batches(sql: str, size: int) -> Iterator[list[tuple]]:
    """The rows of `sql`, `size` at a time, through a server-side cursor (bounded memory).

    Read to its end, it closes the cursor; a failure on the way ends the transaction, and the cursor with it.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"DECLARE beatbook_batches NO SCROLL CURSOR FOR {sql}")
        while rows := _fetch(cursor, size):
            yield rows
        cursor.execute("CLOSE beatbook_batches")


def _fetch(cursor, size: int) -> list[tuple]:
    cursor.execute(f"FETCH FORWARD {int(size)} FROM beatbook_batches")
    return cursor.fetchall()


def drop() -> None:
    _execute(f"DROP TABLE IF EXISTS {RAW}, {POINTS}")
