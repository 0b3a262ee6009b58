"""The month police.uk gives a crime's outcome (the latest stored outcome's, or else the crime's
own), and a neighbourhood's population (its ward's residents, when loaded)."""

from __future__ import annotations

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.models import Denominator, DenominatorArea, DenominatorKind, Ward
from tests.crime.csvs import IN_CITY, crime_id, street_row, write_csv

STREET = "/api/crimes-street/all-crime?lat=51.5135&lng=-0.0884&date=2024-03"


def outcome_row(n: int, month: str, outcome: str) -> list[str]:
    return [
        crime_id(n),
        month,
        "City of London Police",
        "City of London Police",
        *IN_CITY,
        "On or near Threadneedle Street",
        "E01032739",
        "City of London 001F",
        outcome,
    ]


def _load(tmp_path) -> None:
    street = write_csv(tmp_path, "2024-03", "street", [street_row(1), street_row(2)])
    later = write_csv(tmp_path, "2024-05", "outcomes", [outcome_row(1, "2024-05", "Offender given a caution")])
    report = ingest_paths([street, later])
    assert not report.refused


def test_a_crime_is_dated_by_its_latest_stored_outcome(city, client, tmp_path):
    _load(tmp_path)
    statuses = {c["persistent_id"]: c["outcome_status"] for c in client.get(STREET).json()}
    assert statuses == {
        crime_id(1): {"category": "Under investigation", "date": "2024-05"},
        crime_id(2): {"category": "Under investigation", "date": "2024-03"},
    }


def test_outcomes_for_a_crime_are_those_stored(city, client, tmp_path):
    _load(tmp_path)
    body = client.get(f"/api/outcomes-for-crime/{crime_id(1)}").json()
    assert body["crime"]["month"] == "2024-03"
    assert [(o["category"]["name"], o["date"]) for o in body["outcomes"]] == [("Offender given a caution", "2024-05")]


def test_a_crime_with_no_stored_outcome_has_its_street_files_last_outcome(city, client, tmp_path):
    _load(tmp_path)
    body = client.get(f"/api/outcomes-for-crime/{crime_id(2)}").json()
    assert body["outcomes"] == [
        {
            "category": {"code": "under-investigation", "name": "Under investigation"},
            "date": "2024-03",
            "person_id": None,
        }
    ]


def _denominator(force, ward: Ward, as_of: str, value: float, group: str = "") -> None:
    Denominator.objects.create(
        force=force,
        area_kind=DenominatorArea.WARD,
        area_code=ward.code,
        area_name=ward.name,
        kind=DenominatorKind.RESIDENTS,
        group=group,
        value=value,
        as_of=as_of,
        source="Census",
    )


def test_a_neighbourhoods_population_is_its_wards_latest_residents(city, client):
    ward = Ward.objects.of_force(city).get(name="Walbrook")
    url = f"/api/city-of-london/{ward.code}"
    assert client.get(url).json()["population"] == "0"
    _denominator(city, ward, "2011", 174)
    _denominator(city, ward, "2021", 213.4)
    _denominator(city, ward, "2021", 40, group="ethnic-group:black")
    assert client.get(url).json()["population"] == "213"
