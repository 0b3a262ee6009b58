"""PostgreSQL: each stored file's rows live in a table of their own, replaced whole (ADR 4).

The record tables are partitioned by LIST (month), each month by LIST (source_file_id): one
leaf table per stored file, that is per force, month and kind. A download is loaded into a new
table with the parent's columns and no index, indexed once, and swapped in for the old leaf at
the end of the file's transaction: DETACH the old leaf, ATTACH the new one, DROP the old. Readers
see the old rows or the new ones, never a mix, and a killed process leaves the old leaf, because
PostgreSQL's DDL is transactional.

Months are found by name (`crime_crime_2024_03`), leaves by their partition bound, so that a
leaf's name only has to be unused.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import connection, transaction

from beatbook.crime import pause_points

INDEX_TAIL = re.compile(r" ON (?:ONLY )?\S+ (USING .+)$")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _scalar(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def _run(*statements: str) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def month_table(table: str, month: date) -> str:
    return f"{table}_{month:%Y_%m}"


def ensure_month(table: str, month: date) -> str:
    """The month's partition of `table`, created when missing, in a transaction of its own.

    Attaching a partition locks the parent against other attaches (not against readers) until
    the transaction ends: done inside a file's transaction it would serialise the ingests.
    """
    name = month_table(table, month)
    with transaction.atomic():
        _scalar("SELECT pg_advisory_xact_lock(hashtext(%s))", [table])  # one creator at a time
        if _scalar("SELECT to_regclass(%s)", [name]) is None:
            _run(
                f"CREATE TABLE {_q(name)} (LIKE {_q(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
                "PARTITION BY LIST (source_file_id)",
                f"ALTER TABLE {_q(table)} ATTACH PARTITION {_q(name)} FOR VALUES IN ('{month.isoformat()}')",
            )
    return name


def leaf_of(month_name: str, source_id: int) -> str | None:
    """The leaf of the month's partition that holds `source_id`'s rows, if there is one.

    Its bound is read from the catalogue and parsed, not compared as printed text: PostgreSQL
    prints `FOR VALUES IN ('7')` for a bigint key and `FOR VALUES IN (7)` for an integer one.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(%s) ORDER BY c.relname",
            [month_name],
        )
        rows = cursor.fetchall()
    return next((name for name, bound in rows if int(source_id) in listed_values(bound)), None)


LIST_BOUND = re.compile(r"FOR VALUES IN \((.*)\)", re.DOTALL)
LISTED_VALUE = re.compile(r"^'?(-?\d+)'?(?:::\w+)?$")


def listed_values(bound: str | None) -> set[int]:
    """The integers of a LIST partition bound as PostgreSQL prints it: `FOR VALUES IN ('7', '8')`,
    `FOR VALUES IN (7)` or `'7'::bigint`; none for `DEFAULT` or a value that is not an integer."""
    match = LIST_BOUND.fullmatch((bound or "").strip())
    if match is None:
        return set()
    values = (LISTED_VALUE.match(part.strip()) for part in match[1].split(","))
    return {int(value[1]) for value in values if value}


def _unused_name(base: str) -> str:
    name, n = base, 1
    while _scalar("SELECT to_regclass(%s)", [name]) is not None:
        n += 1
        name = f"{base}_{n}"
    return name


def create_leaf(table: str, month: date, source_id: int, vintage: int) -> str:
    """A new table for one file's rows: the parent's columns, defaults and checks, and no index.

    Its CHECK states the partition bound, so that attaching it needs no scan of its rows.
    """
    name = _unused_name(f"{month_table(table, month)}_s{int(source_id)}_v{int(vintage)}")
    _run(
        f"CREATE TABLE {_q(name)} (LIKE {_q(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
        f"CONSTRAINT holds_one_file CHECK (month = '{month.isoformat()}' AND source_file_id = {int(source_id)}))"
    )
    return name


def _index_statements(table: str, leaf: str) -> list[str]:
    """The parent's indexes (and primary key), as statements building them on the leaf."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indisprimary, i.indisunique, "
            "pg_get_constraintdef(con.oid) FROM pg_index i "
            "LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid "
            "WHERE i.indrelid = to_regclass(%s) ORDER BY i.indexrelid",
            [table],
        )
        rows = cursor.fetchall()
    statements = []
    for definition, primary, unique, constraint in rows:
        if primary:
            statements.append(f"ALTER TABLE {_q(leaf)} ADD {constraint}")
            continue
        tail = INDEX_TAIL.search(definition)
        if tail is None:
            raise ValueError(f"cannot read the index definition {definition!r}")
        statements.append(f"CREATE {'UNIQUE ' if unique else ''}INDEX ON {_q(leaf)} {tail[1]}")
    return statements


def build_indexes(table: str, leaf: str) -> None:
    """Build the parent's indexes on a loaded leaf, once, before it is attached.

    Attaching a leaf without them would build them while the month is locked against readers.
    """
    _run(*_index_statements(table, leaf))


def swap(month_name: str, old: str | None, new: str, source_id: int) -> None:
    """Put `new` in place of `old` in the month's partition; the last work of the file's transaction.

    DETACH locks the month's partition against readers until the transaction ends: only the
    attach and the drop follow it.
    """
    if old is not None:
        _run(f"ALTER TABLE {_q(month_name)} DETACH PARTITION {_q(old)}")
        pause_points.reach("detached")
    _run(f"ALTER TABLE {_q(month_name)} ATTACH PARTITION {_q(new)} FOR VALUES IN ({int(source_id)})")
    if old is not None:
        _run(f"DROP TABLE {_q(old)}")
    pause_points.reach("swapped")


def count_rows(table: str) -> int:
    return int(_scalar(f"SELECT count(*) FROM {_q(table)}") or 0)
