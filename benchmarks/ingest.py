"""Benchmark: `beatbook ingest` of 1,000,000 street rows against PostgreSQL's own COPY.

Run through `make benchmark` (which starts a throwaway PostgreSQL and sets DATABASE_URL), or
with DATABASE_URL pointing at a PostgreSQL server where this script may create a database.

The rows are the shipped City of London rows, replicated with new Crime IDs and months (80 files
of 12,500 rows). Goal: ingest within 3x of COPY of the same CSV into an unindexed table, peak
memory under 300 MB. Prints the median of --runs runs of each and their ratio, for each
`--jobs` given (files stored at once); the runs of the different measures alternate, so that a
change in the machine's load touches them alike. `--baseline-src DIR` also times the ingest of
another checkout's `src` folder (e.g. the main branch's, for a before and after).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

PROJECT = Path(__file__).resolve().parents[1]
STREET = PROJECT / "data" / "city-of-london" / "police-uk" / "street"
ROWS, PER_FILE = 1_000_000, 12_500


def synthetic_rows(source: list, file_index: int, per_file: int, month: str, outcome: str | None = None):
    """The shipped rows recycled into file `file_index`: new Crime IDs, the given month (and outcome)."""
    for i in range(per_file):
        row = list(source[(file_index * per_file + i) % len(source)])
        if row[0]:  # anti-social behaviour rows keep their empty Crime ID
            row[0] = hashlib.sha256(f"{file_index}-{i}".encode()).hexdigest()
            if outcome is not None:
                row[10] = outcome
        row[1] = month
        yield row


def shipped_rows() -> list[list[str]]:
    rows = []
    for path in sorted(STREET.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            rows.extend(list(csv.reader(handle))[1:])
    return rows


def write_files(folder: Path) -> tuple[list[Path], Path]:
    """80 monthly files of replicated rows, and one file of all of them for COPY."""
    source, header = shipped_rows(), None
    with (STREET / "2019-06-city-of-london-street.csv").open(newline="") as handle:
        header = next(csv.reader(handle))
    files, combined = [], folder / "all.csv"
    with combined.open("w", newline="") as all_handle:
        all_writer = csv.writer(all_handle)
        all_writer.writerow(header)
        for f in range(ROWS // PER_FILE):
            month = f"{2100 + f // 12}-{f % 12 + 1:02d}"  # months no real data has
            path = folder / f"{month}-city-of-london-street.csv"
            with path.open("w", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                for row in synthetic_rows(source, f, PER_FILE, month):
                    writer.writerow(row)
                    all_writer.writerow(row)
            files.append(path)
    return files, combined


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate(base: str, name: str) -> None:
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")


def beatbook(env: dict, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "beatbook", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_child_memory_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def time_copy_into_crime_table(base: str, dump: Path) -> float:
    """COPY of the ingested rows back into beatbook's own table, with its indexes: the floor
    for any ingest that writes rows one by one into the indexed table (on PostgreSQL the rows
    are routed into the partitions they came from)."""
    with psycopg.connect(database_url(base, "beatbook_bench")) as conn:
        with conn.cursor().copy("COPY (SELECT * FROM crime_crime) TO STDOUT") as copy, dump.open("wb") as handle:
            for block in copy:
                handle.write(block)
        conn.execute("TRUNCATE crime_crime")
        conn.commit()
        started = time.perf_counter()
        with conn.cursor().copy("COPY crime_crime FROM STDIN") as copy, dump.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        return time.perf_counter() - started


def time_ingest(base: str, folder: Path, jobs: int, src: str = "") -> float:
    """`beatbook ingest` of the folder into a new database; `src`: another checkout's source folder."""
    url = database_url(base, "beatbook_bench")
    recreate(base, "beatbook_bench")
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "benchmark-only", **({"PYTHONPATH": src} if src else {})}
    beatbook(env, "migrate", "-v0")
    beatbook(env, "geography", "load", str(PROJECT / "forces" / "city-of-london.toml"))
    seconds = beatbook(env, "ingest", str(folder), "--progress", "none", *(["--jobs", str(jobs)] if jobs > 1 else []))
    with psycopg.connect(url) as conn:
        stored = conn.execute("SELECT count(*) FROM crime_crime").fetchone()[0]
    assert stored == ROWS, f"stored {stored} rows, expected {ROWS}"
    return seconds


def time_copy(base: str, combined: Path) -> float:
    recreate(base, "beatbook_copy")
    with psycopg.connect(database_url(base, "beatbook_copy")) as conn:
        columns = ", ".join(f"c{i} text" for i in range(12))
        conn.execute(f"CREATE TABLE raw_street ({columns})")
        started = time.perf_counter()
        with (
            conn.cursor().copy("COPY raw_street FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            combined.open("rb") as handle,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        return time.perf_counter() - started


def _runs(label: str, times: list[float]) -> str:
    return f"{label}: median {statistics.median(times):.1f} s of {len(times)} ({', '.join(f'{t:.1f}' for t in times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values of the ingest to time")
    parser.add_argument("--baseline-src", default="", help="another checkout's src folder, timed with one job")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("DATABASE_URL must point at a PostgreSQL server (use `make benchmark`).")
    jobs = [int(j) for j in args.jobs.split(",")]
    ingest: dict[int, list[float]] = {j: [] for j in jobs}
    copy: list[float] = []
    indexed: list[float] = []
    baseline: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "street"
        folder.mkdir()
        print(f"Writing {ROWS:,} rows ...", flush=True)
        _, combined = write_files(folder)
        combined = combined.rename(Path(tmp) / "all.csv")
        for _ in range(args.runs):
            copy.append(time_copy(base, combined))
            if args.baseline_src:
                baseline.append(time_ingest(base, folder, 1, args.baseline_src))
            for j in jobs:
                ingest[j].append(time_ingest(base, folder, j))
            indexed.append(time_copy_into_crime_table(base, Path(tmp) / "dump.copy"))
    c, x = statistics.median(copy), statistics.median(indexed)
    print(_runs("PostgreSQL COPY", copy))
    print(_runs("COPY into beatbook's indexed crime table", indexed) + f"; ratio to COPY {x / c:.2f}")
    if baseline:
        b = statistics.median(baseline)
        print(_runs(f"beatbook ingest of {args.baseline_src}", baseline) + f"; ratio to COPY {b / c:.2f}")
    for j, times in ingest.items():
        i = statistics.median(times)
        print(_runs(f"beatbook ingest --jobs {j}", times) + f"; ratio to COPY {i / c:.2f} (goal: at most 3)")
    print(f"peak memory of an ingest process: {peak_child_memory_mb():.0f} MB (goal: under 300 MB)")


if __name__ == "__main__":
    main()
