"""Every police.uk method answers with the fields and JSON types recorded from police.uk's
documentation (police-uk-shapes.json), on the shipped City data."""

from __future__ import annotations

import pytest

from tests.police_uk.conftest import BANK
from tests.police_uk.shapes import METHODS, method_mismatches

LAT, LNG = BANK
POLY = "51.520,-0.100:51.520,-0.075:51.508,-0.075:51.508,-0.100"


@pytest.fixture
def samples(api) -> dict[str, str]:
    """A URL for each method, with ids taken from other methods' answers as a client would."""
    ward = api.get("/api/city-of-london/neighbourhoods").json()[0]["id"]
    crimes = api.get(f"/api/crimes-street/all-crime?lat={LAT}&lng={LNG}&date=2023-01").json()
    crime = next(c for c in crimes if c["persistent_id"])
    stops = api.get(f"/api/stops-street?lat={LAT}&lng={LNG}&date=2023-01").json()
    return {
        "forces": "/api/forces",
        "forces/{id}": "/api/forces/city-of-london",
        "{force}/neighbourhoods": "/api/city-of-london/neighbourhoods",
        "{force}/{neighbourhood}": f"/api/city-of-london/{ward}",
        "{force}/{neighbourhood}/boundary": f"/api/city-of-london/{ward}/boundary",
        "locate-neighbourhood": f"/api/locate-neighbourhood?q={LAT},{LNG}",
        "crimes-street/{category}": f"/api/crimes-street/all-crime?poly={POLY}&date=2023-01",
        "crimes-at-location": f"/api/crimes-at-location?location_id={crime['location']['street']['id']}&date=2023-01",
        "crimes-no-location": "/api/crimes-no-location?category=all-crime&force=city-of-london&date=2023-01",
        "crime-categories": "/api/crime-categories?date=2023-01",
        "crime-last-updated": "/api/crime-last-updated",
        "crimes-street-dates": "/api/crimes-street-dates",
        "outcomes-for-crime/{persistent_id}": f"/api/outcomes-for-crime/{crime['persistent_id']}",
        "outcomes-at-location": f"/api/outcomes-at-location?lat={LAT}&lng={LNG}&date=2023-01",
        "stops-street": f"/api/stops-street?poly={POLY}&date=2023-01",
        "stops-at-location": f"/api/stops-at-location?location_id={stops[0]['location']['street']['id']}&date=2023-01",
        "stops-no-location": "/api/stops-no-location?force=city-of-london&date=2023-01",
        "stops-force": "/api/stops-force?force=city-of-london&date=2023-01",
    }


@pytest.mark.parametrize("method", sorted(METHODS))
def test_the_answer_has_police_uks_fields_and_types(api, samples, method):
    response = api.get(samples[method])
    body = response.json()
    assert response.status_code == 200, body
    assert body, f"{samples[method]} answered nothing: the sample data should give it something to show"
    assert method_mismatches(method, body) == []


def test_street_crimes_carry_police_uks_conventions(api):
    crimes = api.get(f"/api/crimes-street/all-crime?lat={LAT}&lng={LNG}&date=2023-01").json()
    asb = [c for c in crimes if c["category"] == "anti-social-behaviour"]
    others = [c for c in crimes if c["category"] != "anti-social-behaviour"]
    assert asb and all(c["persistent_id"] == "" and c["outcome_status"] is None for c in asb)
    assert others and all(len(c["persistent_id"]) == 64 for c in others)
    assert {c["location_type"] for c in crimes} == {"Force"}
    assert {c["month"] for c in crimes} == {"2023-01"}
    assert all(c["location"]["street"]["name"].startswith("On or near") for c in crimes)
    statuses = [c["outcome_status"] for c in others if c["outcome_status"]]
    assert statuses and all(set(s) == {"category", "date"} for s in statuses)


def test_a_stop_search_reads_as_on_police_uk(api):
    stops = api.get("/api/stops-force?force=city-of-london&date=2023-01").json()
    arrest = next(s for s in stops if s["outcome"] == "Arrest")
    assert arrest["outcome_object"] == {"id": "bu-arrest", "name": "Arrest"}
    assert all(s["datetime"].endswith("+00:00") and s["datetime"].startswith("2023-01") for s in stops)
    assert {s["involved_person"] for s in stops if s["type"] == "Vehicle search"} <= {False}
    named = [s for s in stops if s["location"] and s["location"]["street"]["name"]]
    assert named, "stop-and-search map points take their names from the crimes placed there"
    unlocated = api.get("/api/stops-no-location?force=city-of-london&date=2023-01").json()
    assert unlocated and all(s["location"] is None for s in unlocated)
    assert len(unlocated) < len(stops)


def test_forces_and_neighbourhoods(api):
    assert api.get("/api/forces").json() == [{"id": "city-of-london", "name": "City of London Police"}]
    wards = api.get("/api/city-of-london/neighbourhoods").json()
    assert len(wards) == 25 and {"id": "E05009312", "name": "Walbrook"} in wards
    located = api.get(f"/api/locate-neighbourhood?q={LAT},{LNG}").json()
    assert located == {"force": "city-of-london", "neighbourhood": "E05009312"}
    ward = api.get("/api/city-of-london/E05009312").json()
    assert ward["name"] == "Walbrook" and ward["url_force"].endswith("/wards/walbrook/")
    boundary = api.get("/api/city-of-london/E05009312/boundary").json()
    assert len(boundary) > 3 and boundary[0] == boundary[-1]


def test_dates_and_categories(api):
    assert api.get("/api/crime-last-updated").json() == {"date": "2025-12-01"}
    dates = api.get("/api/crimes-street-dates").json()
    assert [d["date"] for d in dates] == ["2025-12", "2025-11", "2023-01"]
    assert dates[-1]["stop-and-search"] == ["city-of-london"] and dates[0]["stop-and-search"] == []
    categories = api.get("/api/crime-categories").json()
    assert categories[0] == {"url": "all-crime", "name": "All crime"}
    assert {"url": "violent-crime", "name": "Violence and sexual offences"} in categories
    # police.uk's order, without the category retired in May 2013.
    assert [c["url"] for c in categories[1:]] == [
        "anti-social-behaviour", "bicycle-theft", "burglary", "criminal-damage-arson", "drugs", "other-theft",
        "possession-of-weapons", "public-order", "robbery", "shoplifting", "theft-from-the-person",
        "vehicle-crime", "violent-crime", "other-crime",
    ]  # fmt: skip
