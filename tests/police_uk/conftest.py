"""The City's geography with a slice of the shipped police.uk files, loaded once per module:
street-level crime of 2023-01 (with its outcomes and stop and search) and of 2025-11 and 2025-12."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import DATA_DIR, loaded_for_module, shipped_street_file

MONTHS = ["2023-01", "2025-11", "2025-12"]
POLICE_UK = DATA_DIR / "police-uk"
FILES = [shipped_street_file(m) for m in MONTHS] + [
    POLICE_UK / "outcomes" / "2023-01-city-of-london-outcomes.csv",
    POLICE_UK / "stop-and-search" / "2023-01-city-of-london-stop-and-search.csv",
]
BANK = (51.513845, -0.089004)  # Bank junction, in Walbrook ward


@pytest.fixture(scope="module")
def shipped_police_uk(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, FILES):
        yield


@pytest.fixture
def api(shipped_police_uk, db) -> Client:
    """An anonymous client, with the shipped slice loaded."""
    return Client()
