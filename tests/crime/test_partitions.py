"""PostgreSQL's load path (ADR 4): one partition per stored file, loaded aside and swapped in whole.

Each test states what is stored, which tables exist, and what a reader or a killed process sees.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from beatbook.crime import partitions
from beatbook.crime.bulk import CsvCopy
from beatbook.crime.ingest import _FileIngest, ingest_paths
from beatbook.crime.models import Crime, SourceFile
from beatbook.crime.pause_points import VARIABLE
from tests.conftest import _database_url
from tests.crime.csvs import crime_id, street_row, write_csv

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="partitions and their swap are PostgreSQL's; SQLite deletes and inserts in one transaction (ADR 4)",
)


def _tree(table: str = "crime_crime") -> dict[str, list[str]]:
    """Each month's partition and the leaves in it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT parentrelid::regclass::text, relid::regclass::text FROM pg_partition_tree(%s) "
            "WHERE level = 2 ORDER BY 1, 2",
            [table],
        )
        rows = cursor.fetchall()
    tree: dict[str, list[str]] = {}
    for month, leaf in rows:
        tree.setdefault(month, []).append(leaf)
    return tree


def _scalar(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _ids_in(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT crime_id FROM {table} ORDER BY crime_id")
        return [row[0] for row in cursor.fetchall()]


def test_each_file_is_a_leaf_and_a_newer_download_takes_its_place(city, tmp_path):
    (tmp_path / "old").mkdir()
    ingest_paths([write_csv(tmp_path / "old", "2024-03", "street", [street_row(n) for n in range(3)])])
    ingest_paths([write_csv(tmp_path, "2024-04", "street", [street_row(9, month="2024-04")])])
    march = SourceFile.objects.get(month="2024-03-01")
    old_leaf = f"crime_crime_2024_03_s{march.pk}_v1"
    assert list(_tree()) == ["crime_crime_2024_03", "crime_crime_2024_04"]
    assert _tree()["crime_crime_2024_03"] == [old_leaf]
    assert _ids_in(old_leaf) == [crime_id(n) for n in range(3)]

    ingest_paths([write_csv(tmp_path, "2024-03", "street", [street_row(n) for n in range(10, 14)])])
    new_leaf = f"crime_crime_2024_03_s{march.pk}_v2"
    assert _tree()["crime_crime_2024_03"] == [new_leaf]
    assert _scalar("SELECT to_regclass(%s)", [old_leaf]) is None  # dropped, not left behind
    assert _ids_in(new_leaf) == [crime_id(n) for n in range(10, 14)]
    # Its indexes were built before the swap and belong to the parent's.
    parent_indexes = _scalar("SELECT count(*) FROM pg_index WHERE indrelid = 'crime_crime'::regclass")
    attached = _scalar(
        "SELECT count(*) FROM pg_index i JOIN pg_inherits h ON h.inhrelid = i.indexrelid "
        "WHERE i.indrelid = to_regclass(%s)",
        [new_leaf],
    )
    assert parent_indexes == attached == 4  # primary key, Crime ID, month and category, ward and month


def test_every_kind_is_partitioned(city):
    from tests.conftest import STREET_DIR

    data = STREET_DIR.parent
    ingest_paths([data / "outcomes", data / "stop-and-search" / "2019-06-city-of-london-stop-and-search.csv"])
    assert list(_tree("crime_outcome")) == ["crime_outcome_2023_01"]
    assert list(_tree("crime_stopsearch")) == ["crime_stopsearch_2019_06"]


def test_a_quote_free_file_is_checked_by_columns_and_stores_what_python_stores(city, tmp_path, monkeypatch):
    rows = [street_row(n) for n in range(5)] + [street_row(7, category="Anti-social behaviour")]
    rows[2][1] = "\u0662\u0660\u0662\u0664-03"  # Arabic-Indic digits: the Python rules read 2024-03
    rows[3][9] = "Jaywalking"
    path = write_csv(tmp_path, "2024-03", "street", rows)
    plain: list = []
    monkeypatch.setattr(_FileIngest, "_load_plain", _spy(_FileIngest._load_plain, plain))
    report = ingest_paths([path]).files[0]
    assert len(plain) == 1  # the column checks read it
    assert (report.rows_read, report.rows_stored, report.quarantined) == (6, 5, 1)
    assert Crime.objects.filter(crime_id=crime_id(2)).exists()  # left by the column checks, stored by Python
    assert Crime.objects.get(crime_id=None).category == "anti-social-behaviour"


def test_a_file_with_quotes_is_read_row_by_row(city, tmp_path, monkeypatch):
    rows = [street_row(1), street_row(2), street_row(3)]
    rows[1][6] = "On or near Street, with a comma"  # written quoted
    plain: list = []
    monkeypatch.setattr(_FileIngest, "_load_plain", _spy(_FileIngest._load_plain, plain))
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", rows)]).files[0]
    assert plain == [] and (report.rows_read, report.rows_stored, report.quarantined) == (3, 3, 0)
    assert Crime.objects.get(crime_id=crime_id(2)).location == "On or near Street, with a comma"
    assert list(_tree()) == ["crime_crime_2024_03"]


def _spy(function, calls: list):
    def spy(*args, **kwargs):
        calls.append(args)
        return function(*args, **kwargs)

    return spy


def _ingest(path, *extra: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "beatbook", "ingest", str(path), "--progress", "none", *extra],
        env={**os.environ, "DATABASE_URL": _database_url(), **(env or {})},
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )


def _wait_for(process: subprocess.Popen, text: str) -> None:
    assert process.stderr is not None
    for line in process.stderr:
        if text in line:
            return
    raise AssertionError(f"the ingest ended ({process.wait()}) without writing {text!r}")


def _month_as_a_reader_sees_it(month: str = "2024-03-01", lock_timeout: str = "0") -> list[tuple[str, str]]:
    with psycopg.connect(_database_url(), autocommit=True) as reader:
        reader.execute(f"SET lock_timeout = '{lock_timeout}'")
        rows = reader.execute(
            "SELECT crime_id, last_outcome_category FROM crime_crime WHERE month = %s ORDER BY crime_id", [month]
        ).fetchall()
    return [(a, b) for a, b in rows]


@pytest.mark.slow
@pytest.mark.parametrize("point", ["detached", "swapped"])
def test_killed_during_the_swap_the_month_is_as_before_and_a_rerun_completes(city_committed, run_cli, tmp_path, point):
    (tmp_path / "v1").mkdir()
    first = run_cli("ingest", str(write_csv(tmp_path / "v1", "2024-03", "street", [street_row(n) for n in range(6)])))
    assert first.returncode == 0, first.stderr
    before = _month_as_a_reader_sees_it()
    newer = write_csv(tmp_path, "2024-03", "street", [street_row(n, outcome="Local resolution") for n in range(4, 12)])

    process = _ingest(newer, env={VARIABLE: point})
    _wait_for(process, f"paused at {point}")
    # Mid-swap the month's partition is locked: a reader waits, it is never shown a part of the month.
    with pytest.raises(psycopg.errors.LockNotAvailable):
        _month_as_a_reader_sees_it(lock_timeout="200ms")
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL
    process.stderr.close()  # type: ignore[union-attr]

    assert _month_as_a_reader_sees_it() == before  # waits for the killed transaction's end, then reads
    assert [r[0] for r in before] == [crime_id(n) for n in range(6)]
    source = SourceFile.objects.get()
    assert source.vintage == 1
    assert [leaf for leaf in _tree()["crime_crime_2024_03"] if f"_s{source.pk}_" in leaf] == [
        f"crime_crime_2024_03_s{source.pk}_v1"
    ]

    rerun = run_cli("ingest", str(newer), "--progress", "none")
    assert rerun.returncode == 0, rerun.stderr
    assert _month_as_a_reader_sees_it() == [(crime_id(n), "Local resolution") for n in range(4, 12)]
    assert SourceFile.objects.get().vintage == 2


@pytest.mark.slow
def test_readers_during_replacements_see_the_old_month_or_the_new_never_a_mix(city_committed, run_cli, tmp_path):
    versions = {
        "a": [street_row(n, outcome="Under investigation") for n in range(0, 60)],
        "b": [street_row(n, outcome="Local resolution") for n in range(20, 100)],
    }
    paths = {}
    for name, rows in versions.items():
        (tmp_path / name).mkdir()
        paths[name] = write_csv(tmp_path / name, "2024-03", "street", rows)
    expected = {
        name: sorted((crime_id(n), outcome) for n, outcome in ((int(r[0], 16), r[10]) for r in rows))
        for name, rows in versions.items()
    }
    assert run_cli("ingest", str(paths["a"])).returncode == 0
    seen: list[list[tuple[str, str]]] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append(_month_as_a_reader_sees_it(lock_timeout="30s"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for name in ("b", "a", "b"):
            result = run_cli("ingest", str(paths[name]), "--progress", "none")
            assert result.returncode == 0, result.stderr
    finally:
        stop.set()
        reader.join()
    mixed = [rows for rows in seen if rows not in expected.values()]
    assert mixed == []
    assert expected["a"] in seen and expected["b"] in seen  # the reads spanned the replacements


def test_the_migration_moves_stored_rows_into_partitions_and_back(transactional_db, city_committed, tmp_path):
    ingest_paths([write_csv(tmp_path, "2024-03", "street", [street_row(n) for n in range(3)])])
    before = sorted(Crime.objects.values_list("id", "crime_id"))
    try:
        call_command("migrate", "crime", "0001", verbosity=0)
        assert _scalar("SELECT relkind FROM pg_class WHERE oid = 'crime_crime'::regclass") == "r"
        assert sorted(Crime.objects.values_list("id", "crime_id")) == before
    finally:
        call_command("migrate", "crime", verbosity=0)
    assert _scalar("SELECT relkind FROM pg_class WHERE oid = 'crime_crime'::regclass") == "p"
    assert sorted(Crime.objects.values_list("id", "crime_id")) == before
    assert list(_tree()) == ["crime_crime_2024_03"]
    # New ids continue after the moved ones.
    ingest_paths([write_csv(tmp_path, "2024-04", "street", [street_row(9, month="2024-04")])])
    assert Crime.objects.get(crime_id=crime_id(9)).pk > max(pk for pk, _ in before)


def test_a_files_rows_are_copied_frozen():
    """The plain path writes only into a leaf made in the file's own transaction."""
    assert CsvCopy("t", ("a",), ("a",)).sql.endswith(", FREEZE)")


@pytest.mark.parametrize(
    ("bound", "values"),
    [
        ("FOR VALUES IN ('7')", {7}),
        ("FOR VALUES IN (7)", {7}),
        ("FOR VALUES IN ('7'::bigint, '12')", {7, 12}),
        ("DEFAULT", set()),
        ("FOR VALUES IN ('2024-03-01')", set()),
    ],
)
def test_a_list_bound_is_read_in_either_printed_form(bound, values):
    assert partitions.listed_values(bound) == values


@pytest.mark.parametrize("key_type", ["bigint", "integer"])
def test_a_leaf_is_found_whatever_the_type_of_its_key(db, key_type):
    """PostgreSQL quotes a bigint key's values in the printed bound and not an integer key's."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bound_test (source_file_id {key_type}) PARTITION BY LIST (source_file_id)")
        cursor.execute("CREATE TABLE bound_test_other PARTITION OF bound_test FOR VALUES IN (17)")
        cursor.execute("CREATE TABLE bound_test_leaf PARTITION OF bound_test FOR VALUES IN (7)")
        cursor.execute("CREATE TABLE bound_test_default PARTITION OF bound_test DEFAULT")
    assert partitions.leaf_of("bound_test", 7) == "bound_test_leaf"
    assert partitions.leaf_of("bound_test", 17) == "bound_test_other"
    assert partitions.leaf_of("bound_test", 1) is None
