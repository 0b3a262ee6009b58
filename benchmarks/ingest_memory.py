"""Benchmark: peak memory of `beatbook ingest` on a 200 MB street file, new, replacing, and all quarantined.

Run as `scripts/with-postgres .venv/bin/python benchmarks/ingest_memory.py` (a throwaway
PostgreSQL), or with DATABASE_URL pointing at a PostgreSQL server where this script may create a
database, or with `--sqlite` for a temporary SQLite database. Goal: every peak under 300 MB, whatever the file's size.

The file holds the shipped City of London rows, replicated with new Crime IDs into one month
until it reaches 200 MB. Three runs, each its own process, measured with wait4's peak RSS:
1. the month is new;
2. a newer download of it (every row's outcome changed) replaces it;
3. a download whose every row names another month (all quarantined): refused by the guard,
   and once more with --allow-shrink, which empties the month.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest import PROJECT, STREET, database_url, recreate, shipped_rows

SIZE = 200 * 1024 * 1024
MONTH = "2100-01"


def write_month(path: Path, outcome: str | None = None, month: str = MONTH) -> int:
    """Replicated rows up to SIZE bytes; returns the row count."""
    source = shipped_rows()
    with (STREET / "2019-06-city-of-london-street.csv").open(newline="") as handle:
        header = next(csv.reader(handle))
    count = 0
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        while handle.tell() < SIZE:
            row = list(source[count % len(source)])
            if row[0]:
                row[0] = hashlib.sha256(str(count).encode()).hexdigest()
                row[10] = outcome or row[10]
            row[1] = month
            writer.writerow(row)
            count += 1
    return count


def peak_mb(env: dict, *args: str) -> tuple[float, int, float]:
    """Peak RSS of one `beatbook` process in MB, its exit status and its wall time in seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "beatbook", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, process.returncode, time.perf_counter() - started


def database(args, tmp: Path) -> str:
    if args.sqlite:
        return f"sqlite:///{tmp / 'bench.sqlite3'}"
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("DATABASE_URL must point at a PostgreSQL server (see scripts/with-postgres) or give --sqlite.")
    recreate(base, "beatbook_memory")
    return database_url(base, "beatbook_memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite database instead of PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "DATABASE_URL": database(args, tmp), "SECRET_KEY": "benchmark-only"}
        env["BEATBOOK_VAR_DIR"] = str(tmp)
        subprocess.run([sys.executable, "-m", "beatbook", "migrate", "-v0"], env=env, check=True)
        geography = ["geography", "load", str(PROJECT / "forces" / "city-of-london.toml")]
        subprocess.run([sys.executable, "-m", "beatbook", *geography], env=env, check=True, stdout=subprocess.DEVNULL)
        name = f"{MONTH}-city-of-london-street.csv"
        runs = []
        for label, folder, outcome, month, extra in [
            ("new month", "v1", None, MONTH, []),
            ("replacing the month (every row changed)", "v2", "Local resolution", MONTH, []),
            ("every row quarantined (refused by the guard)", "v3", None, "2100-02", []),
            ("every row quarantined, --allow-shrink", "v3", None, "2100-02", ["--allow-shrink"]),
        ]:
            path = tmp / folder / name
            if not path.exists():
                path.parent.mkdir()
                rows = write_month(path, outcome, month)
                print(f"{label}: wrote {rows:,} rows, {path.stat().st_size / 2**20:.0f} MB", flush=True)
            mb, status, seconds = peak_mb(env, "ingest", str(path), "--progress", "none", *extra)
            runs.append((label, mb, status))
            print(f"{label}: peak {mb:.0f} MB, exit status {status}, {seconds:.0f} s", flush=True)
    print(f"largest peak: {max(mb for _, mb, _ in runs):.0f} MB (goal: under 300 MB)")


if __name__ == "__main__":
    main()
