"""Six months of the shipped City data loaded once per module, and problems to work on."""

from __future__ import annotations

import pytest

from beatbook.problems.models import Problem
from beatbook.problems.services import open_problem
from tests.conftest import loaded_for_module, shipped_street_file

MONTHS = [f"2024-{month:02d}" for month in range(1, 7)]
LIVERPOOL_STREET = (51.5178, -0.0823)


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, [shipped_street_file(m) for m in MONTHS]):
        yield


@pytest.fixture
def data(shipped, db):
    """The shipped months, for one test (whatever it writes is rolled back)."""


def make_problem(
    owner, *, partners=(), shared=(), title="Theft from the person near Liverpool Street", **fields
) -> Problem:
    values = {
        "title": title,
        "description": "POLICE-ONLY-DESCRIPTION",
        "partner_summary": "Pickpocketing at the station entrances.",
        "shared_sections": list(shared),
        "centre_lat": LIVERPOOL_STREET[0],
        "centre_lng": LIVERPOOL_STREET[1],
        "radius_m": 200,
        "categories": ["theft-from-the-person"],
        "owner": owner,
        "partners": list(partners),
        "victim": "Commuters with phones in back pockets",
        **fields,
    }
    return open_problem(None, values, by=owner)
