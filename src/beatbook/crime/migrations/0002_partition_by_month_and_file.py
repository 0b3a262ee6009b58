"""On PostgreSQL, the record tables become partitioned: by month, then by source file (ADR 4).

`crime_crime`, `crime_outcome` and `crime_stopsearch` are rebuilt as tables partitioned by
LIST (month), each month by LIST (source_file_id): one leaf table per stored file, which the
ingest replaces whole (crime.partitions). What changes for PostgreSQL only:

- `id` is a plain bigint whose default comes from a sequence owned by the column (PostgreSQL 15
  has no identity column on a partitioned table); Django's sequence reset finds it;
- the primary key is (id, month, source_file_id): a partitioned table's key must hold its
  partition keys; the sequence alone keeps ids unique (each session takes ids 1,000 at a time);
- the index on source_file_id alone is not rebuilt: every leaf holds one source file, so
  the partitions answer that question and the index would only cost the ingest time;
- Crime IDs (64 hexadecimal digits) are compared byte by byte (collation "C"): the same order
  and equality as any collation gives them, and an index built at twice the speed.

Rows already stored are moved into their partitions. SQLite keeps its plain tables.
"""

from __future__ import annotations

from django.db import migrations

TABLES = ("crime_crime", "crime_outcome", "crime_stopsearch")
# The index Django made for each table's source_file foreign key, restored by the reverse migration.
SOURCE_FILE_INDEXES = {
    "crime_crime": "crime_crime_source_file_id_20e9c52d",
    "crime_outcome": "crime_outcome_source_file_id_bfd70551",
    "crime_stopsearch": "crime_stopsearch_source_file_id_97c59c49",
}
BYTEWISE = {"crime_crime": "crime_id", "crime_outcome": "crime_id"}
# Ids a session takes from the sequence at a time: a loaded row costs no sequence access of its
# own. Ids stay unique; their order across sessions, and gaps, do not matter on PostgreSQL, where
# a replacement finds its old rows by partition, not by id.
ID_CACHE = 1000


def _collate(cursor, relation: str, column: str | None, collation: str) -> None:
    """Give `column` of `relation` the collation, keeping its type."""
    if column is None:
        return
    cursor.execute(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = %s",
        [relation, column],
    )
    kind = cursor.fetchone()[0]
    cursor.execute(f'ALTER TABLE {relation} ALTER COLUMN {column} TYPE {kind} COLLATE "{collation}"')


def _index_definitions(cursor, table: str) -> list[str]:
    """CREATE INDEX statements of the table's indexes, but its primary key and source-file index."""
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
        "AND indexname NOT IN (%s, %s) ORDER BY indexname",
        [table, f"{table}_pkey", SOURCE_FILE_INDEXES[table]],
    )
    return [row[0].replace(" ON ONLY ", " ON ") for row in cursor.fetchall()]


def _partitions(cursor, table: str, target: str) -> None:
    """A partition of `target` per month of `table`, and a leaf per source file in it."""
    cursor.execute(f"SELECT DISTINCT month FROM {table} ORDER BY month")
    for (month,) in cursor.fetchall():
        month_table = f"{table}_{month:%Y_%m}"
        cursor.execute(
            f"CREATE TABLE {month_table} (LIKE {target} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
            "PARTITION BY LIST (source_file_id)"
        )
        cursor.execute(f"ALTER TABLE {target} ATTACH PARTITION {month_table} FOR VALUES IN ('{month.isoformat()}')")
        cursor.execute(f"SELECT DISTINCT source_file_id FROM {table} WHERE month = %s", [month])
        for (source_id,) in cursor.fetchall():
            cursor.execute(
                f"CREATE TABLE {month_table}_s{int(source_id)}_v1 PARTITION OF {month_table} "
                f"FOR VALUES IN ({int(source_id)})"
            )


def _partition_table(cursor, table: str) -> None:
    indexes = _index_definitions(cursor, table)
    target = f"{table}_partitioned"
    cursor.execute(
        f"CREATE TABLE {target} (LIKE {table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (month)"
    )
    _collate(cursor, target, BYTEWISE.get(table), "C")
    _partitions(cursor, table, target)
    cursor.execute(f"INSERT INTO {target} SELECT * FROM {table}")
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
    last_id = cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {table}")
    cursor.execute(f"ALTER TABLE {target} RENAME TO {table}")
    cursor.execute(f"CREATE SEQUENCE {table}_id_seq CACHE {ID_CACHE} OWNED BY {table}.id")
    cursor.execute(f"SELECT setval('{table}_id_seq', %s, %s)", [max(last_id, 1), last_id > 0])
    cursor.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT nextval('{table}_id_seq')")
    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_pkey PRIMARY KEY (id, month, source_file_id)")
    for definition in indexes:
        cursor.execute(definition)


def _unpartition_table(cursor, table: str) -> None:
    indexes = _index_definitions(cursor, table)
    target = f"{table}_plain"
    cursor.execute(f"CREATE TABLE {target} (LIKE {table} INCLUDING CONSTRAINTS)")
    _collate(cursor, target, BYTEWISE.get(table), "default")
    cursor.execute(f"INSERT INTO {target} SELECT * FROM {table}")
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
    last_id = cursor.fetchone()[0]
    cursor.execute(f"DROP TABLE {table}")  # its partitions and sequence with it
    cursor.execute(f"ALTER TABLE {target} RENAME TO {table}")
    cursor.execute(
        f"ALTER TABLE {table} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (START WITH {int(last_id) + 1})"
    )
    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_pkey PRIMARY KEY (id)")
    cursor.execute(f"CREATE INDEX {SOURCE_FILE_INDEXES[table]} ON {table} (source_file_id)")
    for definition in indexes:
        cursor.execute(definition)


def partition(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            _partition_table(cursor, table)


def unpartition(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            _unpartition_table(cursor, table)


class Migration(migrations.Migration):
    dependencies = [("crime", "0001_initial")]

    operations = [migrations.RunPython(partition, unpartition)]
