"""Figures about a stored month computed by the database, not in Python.

Counting rows in Python holds every row of a month in memory (gigabytes for a large force);
the database groups them on disk if it must. During a replacement the old and the new rows of a
month sit side by side under the same source file: the new ones are those with an id above
`last_old_id` (ids only grow).
"""

from __future__ import annotations

from django.db import connection, models
from django.db.models import Count, Q


def _scalars(sql: str, params: tuple) -> tuple[int, ...]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(int(v or 0) for v in row)


def rows_changed(rows: models.QuerySet, columns: tuple[str, ...], last_old_id: int) -> int:
    """How many new rows have no identical old row (counted as multisets: duplicates count)."""
    groups = (
        rows.order_by()
        .values(*columns)
        .annotate(n_new=Count("pk", filter=Q(pk__gt=last_old_id)), n_old=Count("pk", filter=Q(pk__lte=last_old_id)))
        .values("n_new", "n_old")
    )
    sql, params = groups.query.sql_with_params()
    return _scalars(
        f"SELECT SUM(CASE WHEN g.n_new > g.n_old THEN g.n_new - g.n_old ELSE 0 END) FROM ({sql}) g", params
    )[0]


def repeated_crime_ids(rows: models.QuerySet) -> tuple[int, int]:
    """(Crime IDs on more than one row, rows carrying them)."""
    groups = (
        rows.order_by()
        .filter(crime_id__isnull=False)
        .exclude(crime_id="")
        .values("crime_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values("n")
    )
    sql, params = groups.query.sql_with_params()
    ids, rows_with = _scalars(f"SELECT COUNT(*), SUM(g.n) FROM ({sql}) g", params)
    return ids, rows_with
