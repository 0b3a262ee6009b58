"""Fast appends of many rows: PostgreSQL's COPY, or one prepared INSERT run many times on SQLite.

Django's bulk_create builds a model instance per row, which is several times slower than
the database's own loaders at a million rows (measured in benchmarks/ingest.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection, models
from psycopg.copy import QueuedLibpqWriter


def _column_names(model: type[models.Model], fields: tuple[str, ...]) -> list[str]:
    columns = {f.name: f.column for f in model._meta.concrete_fields}
    return [columns[name] for name in fields]


def _sqlite_value(value):
    # Django's SQLite backend stores dates and datetimes as text in its own formats.
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def append_rows(
    model: type[models.Model], fields: tuple[str, ...], rows: Iterable[tuple], table: str | None = None
) -> int:
    """Insert `rows` (values in `fields` order) into the model's table, or `table` of the same
    columns (a partition being loaded, crime.partitions); returns the count.

    Runs inside the caller's transaction.
    """
    table = connection.ops.quote_name(table or model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _column_names(model, fields))
    # COPY runs on the driver's own cursor: wrap its errors so that callers see Django's
    # DataError or IntegrityError, as they do from the SQLite path.
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            return _copy(cursor.cursor, table, columns, rows)
        return _insert_many(cursor, table, columns, len(fields), rows)


def _copy(cursor, table: str, columns: str, rows: Iterable[tuple]) -> int:
    # A writer thread sends to the server while this one formats rows: two cores, not one.
    count = 0
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN", writer=QueuedLibpqWriter(cursor)) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _insert_many(cursor, table: str, columns: str, width: int, rows: Iterable[tuple]) -> int:
    prepared = [tuple(_sqlite_value(v) for v in row) for row in rows]
    placeholders = ", ".join(["%s"] * width)
    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)
    return len(prepared)
