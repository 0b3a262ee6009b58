"""Third-party police.uk client libraries from PyPI, written by others, read a live beatbook as
they read data.police.uk: police-api-client (built for police.uk itself; requests, base_url
configurable) and uk-police-api (httpx, every answer validated by its pydantic models; its base
URL is a module constant, set here before the client is made)."""

from __future__ import annotations

import pytest
import uk_police_api
import uk_police_api._client
from police_api import PoliceAPI

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.services import load_geography
from tests.conftest import city_config
from tests.police_uk.conftest import BANK, FILES

LAT, LNG = BANK


@pytest.fixture
def beatbook(live_server, transactional_db) -> str:
    """A live beatbook with the City's geography and the test slice of police.uk files, committed."""
    load_geography(city_config())
    assert not ingest_paths(FILES).refused
    return live_server.url + "/api/"


def test_police_api_client_reads_forces_neighbourhoods_and_crimes(beatbook):
    api = PoliceAPI(base_url=beatbook, timeout=30)
    (force,) = api.get_forces()
    assert (force.id, force.name) == ("city-of-london", "City of London Police")
    assert api.get_force("city-of-london").description is None  # fetched from forces/{id}
    neighbourhoods = api.get_neighbourhoods("city-of-london")
    assert len(neighbourhoods) == 25
    walbrook = api.locate_neighbourhood(LAT, LNG)
    assert walbrook.id == "E05009312" and walbrook.name == "Walbrook"  # the name from {force}/{neighbourhood}
    assert walbrook.population == 0 and float(walbrook.centre["latitude"]) == pytest.approx(51.512, abs=0.01)
    assert len(walbrook.boundary) > 3 and all(isinstance(p[0], float) for p in walbrook.boundary)
    assert api.get_latest_date() == "2025-12"
    categories = api.get_crime_categories()
    assert "Burglary" in [c.name for c in categories]

    crimes = api.get_crimes_point(LAT, LNG, date="2023-01")
    assert len(crimes) > 100 and {c.month for c in crimes} == {"2023-01"}
    assert all(c.category.id == c.category.url for c in crimes)  # each category found in crime-categories
    named = next(c for c in crimes if c.persistent_id)
    assert named.location.name.startswith("On or near") and isinstance(named.location.id, int)
    assert [o.category.name for o in api.get_crime(named.persistent_id).outcomes]

    # No crime is placed in Walbrook since 2020-11 (its map points lie in the wards around it).
    assert api.get_crimes_area(walbrook.boundary, date="2023-01") == []
    bishopsgate = next(n for n in neighbourhoods if n.name == "Bishopsgate")
    in_bishopsgate = api.get_crimes_area(bishopsgate.boundary, date="2023-01")  # POSTed as a form
    assert 0 < len(in_bishopsgate) < len(crimes)
    at_point = api.get_crimes_location(named.location.id, date="2023-01")
    assert {c.location.id for c in at_point} == {named.location.id}
    assert api.get_crimes_no_location("city-of-london", date="2023-01")


def test_uk_police_api_validates_every_answer(beatbook, monkeypatch):
    monkeypatch.setattr(uk_police_api._client, "BASE_URL", beatbook)
    with uk_police_api.PoliceAPI(cache_ttl=None, max_retries=0) as api:
        assert [f.id for f in api.forces.list()] == ["city-of-london"]
        assert api.forces.get("city-of-london").name == "City of London Police"
        located = api.neighbourhoods.locate(LAT, LNG)
        assert (located.force, located.neighbourhood) == ("city-of-london", "E05009312")
        assert api.neighbourhoods.get(located.force, located.neighbourhood).name == "Walbrook"
        bishopsgate = next(n for n in api.neighbourhoods.list("city-of-london") if n.name == "Bishopsgate")
        ward = api.neighbourhoods.get("city-of-london", bishopsgate.id)
        assert ward.centre is not None and ward.population == "0"
        boundary = api.neighbourhoods.boundary("city-of-london", bishopsgate.id)
        assert len(boundary) > 3
        assert api.crimes.last_updated().date == "2025-12-01"
        assert api.availability.dates()[-1].stop_and_search == ["city-of-london"]
        assert "all-crime" in [c.url for c in api.crimes.categories()]
        crimes = api.crimes.street("all-crime", lat=LAT, lng=LNG, date="2025-12")
        assert len(crimes) > 100 and all(c.location and c.location.street for c in crimes)
        poly = [(p.latitude, p.longitude) for p in boundary]
        in_ward = api.crimes.street("all-crime", poly=poly, date="2025-12")
        assert 0 < len(in_ward) < len(crimes)
        stops = api.stop_search.street(lat=LAT, lng=LNG, date="2023-01")
        assert stops and all(s.datetime.startswith("2023-01") for s in stops)
        assert api.stop_search.by_force("city-of-london", date="2023-01")
        with_outcomes = api.crimes.outcomes_for_crime(next(c.persistent_id for c in crimes if c.persistent_id))
        assert with_outcomes.crime.month == "2025-12"
