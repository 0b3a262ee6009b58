"""Figures about a stored month computed by the database, not in Python.

Counting rows in Python holds every row of a month in memory (gigabytes for a large force);
the database groups them on disk if it must. The old and the new rows of a replaced month are
two row sets: on PostgreSQL the old leaf table and the new one (crime.partitions), elsewhere the
rows of the month's source file with ids up to the last old one, and those above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, models


@dataclass(frozen=True)
class Rows:
    """A set of stored rows: a SELECT statement and its parameters."""

    sql: str
    params: tuple = ()

    @classmethod
    def of(cls, queryset: models.QuerySet) -> Rows:
        sql, params = queryset.order_by().query.sql_with_params()
        return cls(sql, tuple(params))

    @classmethod
    def table(cls, name: str) -> Rows:
        return cls(f"SELECT * FROM {connection.ops.quote_name(name)}")


def _scalars(sql: str, params: tuple) -> tuple[int, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(int(v or 0) for v in row)


def rows_changed(old: Rows, new: Rows, columns: tuple[str, ...]) -> int:
    """How many new rows have no identical old row (counted as multisets: duplicates count)."""
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    both = f"SELECT {cols}, 1 AS is_new FROM ({new.sql}) n UNION ALL SELECT {cols}, 0 FROM ({old.sql}) o"
    groups = f"SELECT SUM(u.is_new) AS n_new, SUM(1 - u.is_new) AS n_old FROM ({both}) u GROUP BY {cols}"
    return _scalars(
        f"SELECT SUM(CASE WHEN g.n_new > g.n_old THEN g.n_new - g.n_old ELSE 0 END) FROM ({groups}) g",
        new.params + old.params,
    )[0]


def repeated_crime_ids(rows: Rows) -> tuple[int, int]:
    """(Crime IDs on more than one row, rows carrying them)."""
    groups = (
        f"SELECT r.crime_id, COUNT(*) AS n FROM ({rows.sql}) r "
        "WHERE r.crime_id IS NOT NULL AND r.crime_id <> '' GROUP BY r.crime_id HAVING COUNT(*) > 1"
    )
    ids, rows_with = _scalars(f"SELECT COUNT(*), SUM(g.n) FROM ({groups}) g", rows.params)
    return ids, rows_with
