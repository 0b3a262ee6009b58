"""Shared fixtures: the City of London geography, data files, personas, and the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pytest
from django.db import connection, transaction

from beatbook.geography.config import read_force_config
from beatbook.geography.services import load_geography
from tests.personas import make_personas

PROJECT_DIR = Path(__file__).resolve().parents[1]
FORCE_CONFIG = PROJECT_DIR / "forces" / "city-of-london.toml"
DATA_DIR = PROJECT_DIR / "data" / "city-of-london"
STREET_DIR = DATA_DIR / "police-uk" / "street"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: cached pages and results must not leak between tests."""
    from django.core.cache import cache

    cache.clear()


@lru_cache(maxsize=1)
def city_config():
    return read_force_config(FORCE_CONFIG)


@pytest.fixture
def city(db):
    """The City of London's sectors, clusters and 25 wards."""
    load_geography(city_config())
    from beatbook.geography.models import Force

    return Force.objects.get(slug="city-of-london")


@pytest.fixture
def city_committed(transactional_db):
    """The geography, committed, for tests whose subprocesses must see it."""
    load_geography(city_config())


@contextmanager
def loaded_for_module(django_db_blocker, paths: list[Path]) -> Iterator[None]:
    """The City geography and the police.uk files at ``paths``, in a transaction rolled back on
    leaving; each test's own transaction (the `db` fixture) nests inside it as a savepoint."""
    from beatbook.crime.ingest import ingest_paths

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_geography(city_config())
            report = ingest_paths(paths)
            assert not report.refused
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def shipped_street_file(month: str) -> Path:
    return STREET_DIR / f"{month}-city-of-london-street.csv"


def _database_url() -> str:
    """The URL of the test database, for commands run as subprocesses."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def run_cli(transactional_db):
    """Run `beatbook ...` in a subprocess against the test database."""

    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        env = {**os.environ, "DATABASE_URL": _database_url()}
        return subprocess.run(
            [sys.executable, "-m", "beatbook", *args], env=env, capture_output=True, text=True, timeout=300, **kwargs
        )

    run.env = lambda: {**os.environ, "DATABASE_URL": _database_url()}
    return run


@pytest.fixture
def personas(city, settings):
    """The ten personas of tests/personas.py (a fast password hasher: argon2 is tested on its own)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_personas()
