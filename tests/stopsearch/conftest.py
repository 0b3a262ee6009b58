"""Every shipped stop-and-search file of the City (2017-12..2020-11 and 2023-01), loaded once per module."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import DATA_DIR, loaded_for_module

STOP_AND_SEARCH_DIR = DATA_DIR / "police-uk" / "stop-and-search"


def stop_and_search_files(months: list[str] | None = None) -> list[Path]:
    files = sorted(STOP_AND_SEARCH_DIR.glob("*-city-of-london-stop-and-search.csv"))
    return [f for f in files if months is None or f.name[:7] in months]


@pytest.fixture(scope="module")
def shipped_searches(django_db_setup, django_db_blocker):
    """The geography and the searches, loaded once for the module."""
    with loaded_for_module(django_db_blocker, stop_and_search_files()):
        yield


@pytest.fixture
def searches(shipped_searches, db):
    """The shipped searches, for one test."""


def counted(months: list[str], column: str) -> Counter[str]:
    """The rows of the shipped files of ``months`` by one column, read straight from the CSVs."""
    counts: Counter[str] = Counter()
    for path in stop_and_search_files(months):
        with path.open(newline="", encoding="utf-8") as handle:
            counts.update(row[column] for row in csv.DictReader(handle))
    return counts
