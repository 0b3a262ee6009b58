"""Parameters as police.uk reads them; a bad one answers 400 with the API's one error body naming
it, an unknown force, neighbourhood or crime 404, too large an area 503; never a 500."""

from __future__ import annotations

import csv
import math

import pytest

from beatbook.api.police_uk import areas
from beatbook.api.police_uk.locations import point_of, street_id
from tests.conftest import shipped_street_file
from tests.police_uk.conftest import BANK

LAT, LNG = BANK
POLY = "51.520,-0.100:51.520,-0.075:51.508,-0.075:51.508,-0.100"

BAD = [
    ("/api/crimes-street/all-crime?lat=51.5&lng=-0.09&date=2023-13", "date"),
    ("/api/crimes-street/all-crime?lat=51.5&lng=-0.09&date=January", "date"),
    ("/api/crimes-street/all-crime?lat=north&lng=-0.09", "lat"),
    ("/api/crimes-street/all-crime?lat=91&lng=-0.09", "lat"),
    ("/api/crimes-street/all-crime?lat=51.5&lng=nan", "lng"),
    ("/api/crimes-street/all-crime?lat=51.5", "lng"),
    ("/api/crimes-street/all-crime", "lat"),
    ("/api/crimes-street/all-crime?poly=51.5,-0.1:51.6,-0.1", "poly"),
    ("/api/crimes-street/all-crime?poly=51.5,-0.1:51.6:51.5,-0.2", "poly"),
    ("/api/crimes-street/all-crime?poly=51.5,-0.1:51.6,-0.1:51.7,-0.1", "poly"),
    ("/api/crimes-street/all-crime?poly=51.5,-0.1:51.6,x:51.5,-0.2", "poly"),
    ("/api/crimes-street/all-crime?poly=51.5,-0.1:51.6,-0.1:51.5,-0.2&lat=51.5&lng=0", "poly"),
    ("/api/crimes-street/no-such-crime?lat=51.5&lng=-0.09", "category"),
    ("/api/crimes-at-location?location_id=abc", "location_id"),
    ("/api/crimes-at-location?location_id=-4", "location_id"),
    ("/api/crimes-at-location?location_id=99999999999999999999", "location_id"),
    ("/api/crimes-no-location?category=all-crime", "force"),
    ("/api/crimes-no-location?force=city-of-london&category=nope", "category"),
    ("/api/crime-categories?date=2023-1", "date"),
    ("/api/outcomes-at-location?lat=51.5", "lng"),
    ("/api/stops-street?poly=1,2", "poly"),
    ("/api/stops-at-location", "location_id"),
    ("/api/stops-force", "force"),
    ("/api/stops-no-location?force=city-of-london&date=23-01", "date"),
    ("/api/locate-neighbourhood?q=51.5", "q"),
    ("/api/locate-neighbourhood", "q"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD)
def test_a_bad_parameter_is_named_in_a_400(api, url, parameter):
    response = api.get(url)
    body = response.json()
    assert response.status_code == 400, body
    assert set(body) == {"error"} and body["error"]["status"] == 400 and body["error"]["title"] == "Bad Request"
    assert parameter in body["error"]["parameters"], body


@pytest.mark.parametrize("url", ["/api/crimes-street/all-crime?lat=51.5", "/api/outcomes-at-location?lat=51.5&lng="])
def test_a_missing_coordinate_is_said_to_be_required(api, url):
    body = api.get(url).json()
    assert body["error"]["parameters"] == {"lng": "is required: the longitude (e.g. -0.0922), in decimal degrees"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/forces/no-such-force",
        "/api/no-such-force/neighbourhoods",
        "/api/city-of-london/E99999999",
        "/api/city-of-london/E99999999/boundary",
        "/api/no-such-force/E05009312",
        "/api/outcomes-for-crime/" + "0" * 64,
        "/api/crimes-no-location?force=no-such-force&category=all-crime",
        "/api/stops-force?force=no-such-force",
        "/api/locate-neighbourhood?q=52.629729,-1.131592",  # Leicester: no ward of beatbook's holds it
    ],
)
def test_what_is_unknown_is_a_404_with_the_one_error_body(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404 and response.json()["error"]["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/forces/no-such-force",
        "/api/no-such-force/neighbourhoods",
        "/api/crimes-no-location?force=no-such-force&category=all-crime",
        "/api/stops-no-location?force=no-such-force",
        "/api/stops-force?force=no-such-force",
    ],
)
def test_an_unknown_force_is_named_alike_by_every_method(api, url):
    assert api.get(url).json()["error"]["detail"] == "No force 'no-such-force': see /api/forces."


def test_more_than_police_uks_limit_answers_503(api, monkeypatch):
    monkeypatch.setattr(areas, "MOST_RECORDS", 100)
    response = api.get(f"/api/crimes-street/all-crime?poly={POLY}&date=2023-01")
    assert response.status_code == 503
    assert "at most 100" in response.json()["error"]["detail"]
    assert api.get(f"/api/crimes-street/burglary?poly={POLY}&date=2023-01").status_code == 200


def within_a_mile_in_the_file(month: str, category: str | None = None) -> int:
    """The crimes of the shipped file within a mile of Bank, counted from the CSV."""
    count = 0
    with shipped_street_file(month).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["Latitude"] or (category and row["Crime type"] != category):
                continue
            lat, lng = float(row["Latitude"]), float(row["Longitude"])
            a = (
                math.sin(math.radians(lat - LAT) / 2) ** 2
                + math.cos(math.radians(LAT)) * math.cos(math.radians(lat)) * math.sin(math.radians(lng - LNG) / 2) ** 2
            )
            count += 2 * 6_371_008.8 * math.asin(math.sqrt(a)) <= 1609.344
    return count


def test_a_mile_around_a_point_holds_what_the_file_holds(api):
    crimes = api.get(f"/api/crimes-street/all-crime?lat={LAT}&lng={LNG}&date=2025-11").json()
    assert len(crimes) == within_a_mile_in_the_file("2025-11") > 100
    burglaries = api.get(f"/api/crimes-street/burglary?lat={LAT}&lng={LNG}&date=2025-11").json()
    assert len(burglaries) == within_a_mile_in_the_file("2025-11", "Burglary")
    assert {c["category"] for c in burglaries} <= {"burglary"}


def test_the_latest_month_is_the_default(api):
    latest = api.get(f"/api/crimes-street/all-crime?lat={LAT}&lng={LNG}").json()
    assert {c["month"] for c in latest} == {"2025-12"}
    assert api.get(f"/api/crimes-street/all-crime?lat={LAT}&lng={LNG}&date=2019-01").json() == []


def test_a_polygon_posted_as_a_form_gives_what_get_gives(api):
    got = api.get(f"/api/crimes-street/all-crime?poly={POLY}&date=2023-01").json()
    posted = api.post("/api/crimes-street/all-crime", {"poly": POLY, "date": "2023-01"}).json()
    assert got == posted and len(got) > 50
    inside = [c for c in got if 51.508 <= float(c["location"]["latitude"]) <= 51.520]
    assert inside == got


def test_a_location_id_leads_back_to_its_map_point(api):
    crimes = api.get(f"/api/crimes-street/all-crime?lat={LAT}&lng={LNG}&date=2023-01").json()
    street = crimes[0]["location"]["street"]
    at = api.get(f"/api/crimes-at-location?location_id={street['id']}&date=2023-01").json()
    assert at and {c["location"]["street"]["id"] for c in at} == {street["id"]}
    assert len(at) == sum(c["location"]["street"]["id"] == street["id"] for c in crimes)
    nearest = api.get(f"/api/crimes-at-location?lat={LAT}&lng={LNG}&date=2023-01").json()
    assert nearest and len({c["location"]["street"]["id"] for c in nearest}) == 1


def test_the_street_id_is_a_reversible_function_of_the_coordinates():
    assert point_of(str(street_id(51.513845, -0.089004))) == point_of(str(street_id(51.5138451, -0.0890039)))
    found = point_of(str(street_id(51.513845, -0.089004)))
    assert (found.lat, found.lng) == (51.513845, -0.089004)
    assert street_id(61.0, 2.0) < 2**53  # exact in JavaScript's numbers too


def test_outcomes_for_a_crime_list_its_stored_outcomes(api):
    outcomes = api.get(f"/api/outcomes-at-location?lat={LAT}&lng={LNG}&date=2023-01").json()
    persistent_id = outcomes[0]["crime"]["persistent_id"]
    found = api.get(f"/api/outcomes-for-crime/{persistent_id}").json()
    assert found["crime"]["persistent_id"] == persistent_id
    assert outcomes[0]["category"] in [o["category"] for o in found["outcomes"]]
    assert all(o["person_id"] is None and o["category"]["code"] for o in found["outcomes"])
