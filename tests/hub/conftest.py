"""Two years of the shipped City data, loaded once per test module, and `beatbook analyse` in-process."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from beatbook.cli import main
from tests.conftest import loaded_for_module, shipped_street_file

UNDEFINED = re.compile(r"\b-?(nan|inf|infinity)\b", re.IGNORECASE)
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """The City geography and its street crimes of 2024-01..2025-12, loaded once for the module."""
    with loaded_for_module(django_db_blocker, [shipped_street_file(m) for m in MONTHS]):
        yield


@pytest.fixture
def data(shipped, db):
    """The shipped data, for one test (whatever the test writes is rolled back after it)."""


def analyse(*args) -> Result:
    """`beatbook analyse ARGS...` run in this process, against the test database."""
    return CliRunner().invoke(main, ["analyse", *map(str, args)], catch_exceptions=False)


def ok(*args) -> str:
    """The output of a command that must succeed, checked for undefined numbers."""
    result = analyse(*args)
    assert result.exit_code == 0, result.output
    assert not UNDEFINED.search(result.output), result.output
    return result.output


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert not UNDEFINED.search(text)
    return list(csv.DictReader(text.splitlines()))


def read_geojson(path: Path) -> dict:
    def refuse(constant: str):
        raise AssertionError(f"{path} holds {constant}")

    collection = json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)
    assert collection["type"] == "FeatureCollection"
    return collection


@pytest.fixture
def analyst(data, personas):
    """A test client signed in as the analyst, on the shipped data."""
    return personas.client("analyst")


def page(client, url: str, status: int = 200) -> str:
    """The HTML of a page that must answer ``status`` (its start shown when it does not)."""
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:3000]
    return response.content.decode()
