"""Benchmark: how fast the Hub's and the public pages answer.

    cold   each main page with an empty cache, on the whole shipped history (the median of --runs)
    scale  PostgreSQL holding --rows street rows (the shipped rows replicated with new Crime IDs):
           the force and a ward dashboard warm, the 95th percentile of --requests
    load   `beatbook serve` with its default two workers; --clients concurrent clients for --seconds
           on the public home and ward pages: errors, requests a second, median and 95th percentile

Run as `scripts/with-postgres .venv/bin/python benchmarks/hub_pages.py cold|scale|load`. Goals
(issue 8): cold under 1 s; scale p95 under 300 ms; load without errors and p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ingest import PROJECT, STREET, database_url, recreate

PAGES = {
    "public home": "/",
    "public ward": "/wards/bishopsgate/",
    "force dashboard": "/hub/",
    "cluster dashboard": "/hub/?area=cluster:liverpool-street",
    "ward dashboard": "/hub/?area=ward:bishopsgate",
    "force hotspot map": "/hub/hotspots/",
    "force near repeat": "/hub/near-repeat/",
    "force premises": "/hub/premises/",
    "force rates": "/hub/rates/",
    "force briefing": "/hub/briefing/",
    "stop and search": "/stop-and-search/",
}
REPLICATE_SQL = """
INSERT INTO crime_crime (month, lat, lng, easting, northing, ward_id, source_file_id, line, crime_id,
                         reported_by, falls_within, location, lsoa_code, lsoa_name, category,
                         last_outcome_category, context)
SELECT month, lat, lng, easting, northing, ward_id, source_file_id, line, md5(id || '-' || g) || md5(g || '-' || id),
       reported_by, falls_within, location, lsoa_code, lsoa_name, category, last_outcome_category, context
FROM crime_crime CROSS JOIN generate_series(1, %s) g WHERE id <= %s
"""


def env_for(url: str, var: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "BEATBOOK_VAR_DIR": str(var), "SECRET_KEY": "benchmark-only"}


def prepare(env: dict[str, str]) -> None:
    """Migrate, load the City geography, every shipped street and stop-and-search file, and the denominators."""
    for args in (
        ("migrate", "-v0"),
        ("geography", "load", str(PROJECT / "forces" / "city-of-london.toml")),
        ("ingest", str(STREET)),
        ("ingest", str(STREET.parent / "stop-and-search")),
        (
            "denominators",
            "load",
            str(PROJECT / "data" / "city-of-london" / "population" / "city-of-london-denominators.csv"),
        ),
    ):
        subprocess.run([sys.executable, "-m", "beatbook", *args], env=env, check=True, stdout=subprocess.DEVNULL)


def django_client(env: dict[str, str]):
    """A Django test client in this process, signed in as an analyst."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT / "src"))
    from beatbook.django_setup import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from beatbook.core.roles import Role, ensure_role_groups

    settings.ALLOWED_HOSTS = ["*"]
    groups = {g.name: g for g in ensure_role_groups()}
    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.groups.add(groups[Role.ANALYST.value])
    client = Client()
    client.force_login(user)
    return client


def timed_get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def cold(client, runs: int) -> None:
    from django.core.cache import cache

    timed_get(client, "/hub/?from=2019-01&to=2019-03")  # imports and the first chart: not what is measured
    print(f"{'page':20} median of {runs} cold requests (empty cache)")
    for name, url in PAGES.items():
        times = []
        for _ in range(runs):
            cache.clear()
            times.append(timed_get(client, url))
        print(f"{name:20} {statistics.median(times) * 1000:8.0f} ms")


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def scale(client, base: str, rows: int, requests: int) -> None:
    import psycopg

    with psycopg.connect(base) as conn:
        stored, top_id = conn.execute("SELECT count(*), max(id) FROM crime_crime").fetchone()
        copies = max(0, -(-rows // stored) - 1)
        started = time.perf_counter()
        conn.execute(REPLICATE_SQL, (copies, top_id))
        conn.commit()
        conn.execute("ANALYZE crime_crime")
        total = conn.execute("SELECT count(*) FROM crime_crime").fetchone()[0]
    written = time.perf_counter() - started
    print(f"{total:,} street rows ({copies} copies of the {stored:,} shipped), written in {written:.0f} s")
    for name in ("force dashboard", "ward dashboard"):
        url = PAGES[name]
        first = timed_get(client, url)
        times = [timed_get(client, url) for _ in range(requests)]
        print(
            f"{name:20} first {first * 1000:7.0f} ms; warm median {statistics.median(times) * 1000:5.0f} ms, "
            f"p95 {percentile(times, 95) * 1000:5.0f} ms ({requests} requests)"
        )


def _client_loop(port: int, urls: list[str], stop: float, latencies: list[float], errors: list[str]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = 0
    while time.perf_counter() < stop:
        url = urls[i % len(urls)]
        i += 1
        started = time.perf_counter()
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{url}: {response.status}")
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{url}: {exc}")
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)


def load(env: dict[str, str], clients: int, seconds: int, port: int) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "beatbook", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port)
        urls = [PAGES["public home"], PAGES["public ward"], "/wards/cornhill/", "/wards/aldgate/"]
        latencies: list[float] = []
        errors: list[str] = []
        stop = time.perf_counter() + seconds
        threads = [
            threading.Thread(target=_client_loop, args=(port, urls, stop, latencies, errors)) for _ in range(clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(
            f"{clients} clients, {seconds} s, two workers: {len(latencies):,} requests "
            f"({len(latencies) / seconds:.0f}/s), {len(errors)} errors; median "
            f"{statistics.median(latencies) * 1000:.0f} ms, p95 {percentile(latencies, 95) * 1000:.0f} ms"
        )
        for error in errors[:5]:
            print("  ", error)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int) -> None:
    for _ in range(120):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("cold", "scale", "load"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8190)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres (DATABASE_URL must name a PostgreSQL server)")
    recreate(base, "beatbook_pages")
    url = database_url(base, "beatbook_pages")
    with tempfile.TemporaryDirectory() as var:
        env = env_for(url, Path(var))
        prepare(env)
        if args.mode == "load":
            load(env, args.clients, args.seconds, args.port)
            return
        client = django_client(env)
        if args.mode == "cold":
            cold(client, args.runs)
        else:
            scale(client, url, args.rows, args.requests)


if __name__ == "__main__":
    main()
