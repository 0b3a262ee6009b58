"""Fast appends of many rows: PostgreSQL's COPY, or one prepared INSERT run many times on SQLite.

Django's bulk_create builds a model instance per row, which is several times slower than
the database's own loaders at a million rows (measured in benchmarks/ingest.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import ExitStack
from datetime import date, datetime

from django.db import connection, models
from psycopg import Copy
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


class CsvCopy:
    """A COPY of CSV text into a table (PostgreSQL), opened at the first write and kept open across
    writes, so that the client prepares the next lines while the server stores the last ones.

    `pause` ends it, for other statements to run on the connection; the next write opens a new one.
    Use it as a context manager: it ends the COPY, or cancels it on an exception.
    """

    def __init__(self, table: str, columns: tuple[str, ...], not_null: tuple[str, ...]):
        """The rows are written frozen (`COPY ... FREEZE`): `table` is a leaf created in the same
        transaction (crime.month_store), so they need no vacuum and no hint bits later."""
        q = connection.ops.quote_name
        self.sql = (
            f"COPY {q(table)} ({', '.join(map(q, columns))}) FROM STDIN "
            f"(FORMAT csv, FORCE_NOT_NULL ({', '.join(map(q, not_null))}), FREEZE)"
        )
        self._open: ExitStack | None = None
        self._copy: Copy | None = None

    def write(self, text: str) -> None:
        if text:
            self._opened().write(text)

    def _opened(self) -> Copy:
        if self._open is None or self._copy is None:
            self._open = ExitStack()
            cursor = self._open.enter_context(connection.cursor())
            self._open.enter_context(connection.wrap_database_errors)
            self._copy = self._open.enter_context(cursor.cursor.copy(self.sql, writer=QueuedLibpqWriter(cursor.cursor)))
        return self._copy

    def pause(self) -> None:
        open_, self._open = self._open, None
        if open_ is not None:
            open_.close()

    def __enter__(self) -> CsvCopy:
        return self

    def __exit__(self, *exc_info) -> None:
        open_, self._open = self._open, None
        if open_ is not None:
            open_.__exit__(*exc_info)
