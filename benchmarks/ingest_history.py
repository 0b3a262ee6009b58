"""Benchmark: does replacing a month cost more when the database holds a long history?

Run as `scripts/with-postgres .venv/bin/python benchmarks/ingest_history.py`. Two databases, each
with the City of London geography: one empty, one holding --history rows (10 million by default,
800 months of 12,500 street rows, written by SQL). In each, 12 monthly files of 12,500 rows are
stored, then replaced --runs times by newer downloads (every outcome changed) with one
`beatbook ingest` of the 12 files; the median time is compared. Goal: with history within 1.5x of
without. The public home page's query (crimes by ward over the latest 12 months) is timed in
both, as the measure that the table's design does not slow the pages. `--baseline-src DIR` runs
the same with another checkout's `src` folder first (e.g. the main branch's, for a before and
after).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from ingest import PROJECT, STREET, database_url, recreate, shipped_rows, synthetic_rows

MONTHS, PER_FILE, HISTORY_PER_MONTH = 12, 12_500, 12_500
OUTCOMES = ("Under investigation", "Local resolution")

SOURCE_FILES_SQL = """
INSERT INTO crime_sourcefile (force_slug, month, kind, name, sha256, size, vintage, ingested_at,
                              rows_read, rows_stored, rows_quarantined)
SELECT 'city-of-london', make_date(2000 + m / 12, m % 12 + 1, 1), 'street', 'history-' || m, md5(m::text),
       0, 1, now(), {per}, {per}, 0
FROM generate_series(0, {months} - 1) m
"""

# On a database whose crime table is partitioned (ADR 4), each history month gets its partition
# and each history file its leaf, as the ingest makes them.
PARTITIONS_SQL = """
DO $do$
DECLARE
    f record;
    month_table text;
BEGIN
    FOR f IN SELECT id, month FROM crime_sourcefile WHERE name LIKE 'history-%' LOOP
        month_table := 'crime_crime_' || to_char(f.month, 'YYYY_MM');
        EXECUTE format('CREATE TABLE %I (LIKE crime_crime INCLUDING DEFAULTS INCLUDING CONSTRAINTS) '
                       'PARTITION BY LIST (source_file_id)', month_table);
        EXECUTE format('ALTER TABLE crime_crime ATTACH PARTITION %I FOR VALUES IN (%L)', month_table, f.month);
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%s)',
                       month_table || '_s' || f.id || '_v1', month_table, f.id);
    END LOOP;
END
$do$
"""

ROWS_SQL = """
INSERT INTO crime_crime (month, lat, lng, easting, northing, ward_id, source_file_id, line, crime_id,
                         reported_by, falls_within, location, lsoa_code, lsoa_name, category,
                         last_outcome_category, context)
SELECT sf.month, 51.5135, -0.0884, 532900, 181200, w.ids[1 + g % array_length(w.ids, 1)], sf.id, g + 1,
       md5(sf.id || '-' || g) || md5(g || '-' || sf.id), 'City of London Police', 'City of London Police',
       'On or near Threadneedle Street', 'E01032739', 'City of London 001F', 'other-theft',
       'Under investigation', ''
FROM crime_sourcefile sf
CROSS JOIN (SELECT array_agg(id) AS ids FROM geography_ward) w
CROSS JOIN generate_series(1, {per}) g
WHERE sf.name LIKE 'history-%'
"""

HOME_QUERY = """
SELECT c.ward_id, count(*) FROM crime_crime c
JOIN geography_ward w ON w.id = c.ward_id JOIN geography_cluster cl ON cl.id = w.cluster_id
JOIN geography_sector s ON s.id = cl.sector_id JOIN geography_force f ON f.id = s.force_id
WHERE f.slug = 'city-of-london' AND c.month BETWEEN %s AND %s GROUP BY c.ward_id
"""


def write_versions(folder: Path) -> None:
    """v0 and v1 of 12 monthly files that differ in every row's outcome."""
    source = shipped_rows()
    with (STREET / "2019-06-city-of-london-street.csv").open(newline="") as handle:
        header = next(csv.reader(handle))
    for version, outcome in enumerate(OUTCOMES):
        (folder / f"v{version}").mkdir()
        for f in range(MONTHS):
            month = f"2100-{f + 1:02d}"
            with (folder / f"v{version}" / f"{month}-city-of-london-street.csv").open("w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows(synthetic_rows(source, f, PER_FILE, month, outcome))


def beatbook(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "beatbook", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def prepare(base: str, name: str, history_months: int, src: str = "") -> dict:
    recreate(base, name)
    url = database_url(base, name)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "benchmark-only", **({"PYTHONPATH": src} if src else {})}
    beatbook(env, "migrate", "-v0")
    beatbook(env, "geography", "load", str(PROJECT / "forces" / "city-of-london.toml"))
    if history_months:
        with psycopg.connect(url) as conn:
            write_history(conn, history_months)
    return env


def write_history(conn: psycopg.Connection, months: int) -> None:
    """`months` months of HISTORY_PER_MONTH street rows, each month its own source file."""
    conn.execute(SOURCE_FILES_SQL.format(months=months, per=HISTORY_PER_MONTH).encode())
    if conn.execute("SELECT relkind = 'p' FROM pg_class WHERE relname = 'crime_crime'").fetchone()[0]:
        conn.execute(PARTITIONS_SQL.encode())
    conn.execute(ROWS_SQL.format(per=HISTORY_PER_MONTH).encode())
    conn.execute(b"ANALYZE crime_crime")


def time_replacements(env: dict, folder: Path, runs: int) -> list[float]:
    beatbook(env, "ingest", str(folder / "v0"), "--progress", "none")
    return [beatbook(env, "ingest", str(folder / f"v{(run + 1) % 2}"), "--progress", "none") for run in range(runs)]


def time_home_query(env: dict, runs: int = 7) -> float:
    with psycopg.connect(env["DATABASE_URL"]) as conn:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            conn.execute(HOME_QUERY, ("2100-01-01", "2100-12-01")).fetchall()
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(base: str, folder: Path, args: argparse.Namespace, src: str = "") -> None:
    """The replacements and the home page query, in an empty database and one with history."""
    code = src or "this checkout"
    results = {}
    for label, history in (("empty", 0), (f"{args.history:,} rows of history", args.history)):
        started = time.perf_counter()
        env = prepare(base, "beatbook_history", history // HISTORY_PER_MONTH, src)
        print(f"{code}, {label}: prepared in {time.perf_counter() - started:.0f} s", flush=True)
        times = time_replacements(env, folder, args.runs)
        results[label] = statistics.median(times)
        home = time_home_query(env)
        print(
            f"{code}, {label}: replacing 12 months of 12,500 rows: median {results[label]:.1f} s "
            f"({', '.join(f'{t:.1f}' for t in times)}); home page query: {home * 1000:.0f} ms",
            flush=True,
        )
    empty, full = results.values()
    print(f"{code}: ratio with history / empty: {full / empty:.2f} (goal: at most 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--history", type=int, default=10_000_000, help="rows of history in the second database")
    parser.add_argument("--baseline-src", default="", help="another checkout's src folder, run first")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("DATABASE_URL must point at a PostgreSQL server (see scripts/with-postgres).")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_versions(folder)
        if args.baseline_src:
            run(base, folder, args, args.baseline_src)
        run(base, folder, args)


if __name__ == "__main__":
    main()
