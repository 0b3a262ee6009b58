"""Before any police.uk file is loaded, the methods answer as police.uk would for a month without
data: empty lists; the last update is not found."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/crimes-street/all-crime?lat=51.5138&lng=-0.0890",
        "/api/crimes-street/burglary?poly=51.52,-0.10:51.52,-0.07:51.50,-0.07",
        "/api/crimes-at-location?lat=51.5138&lng=-0.0890",
        "/api/crimes-no-location?force=city-of-london&category=all-crime",
        "/api/outcomes-at-location?lat=51.5138&lng=-0.0890",
        "/api/stops-street?lat=51.5138&lng=-0.0890",
        "/api/stops-force?force=city-of-london",
        "/api/stops-no-location?force=city-of-london&date=2024-01",
        "/api/crimes-street-dates",
    ],
)
def test_an_empty_list(client, city, url):
    response = client.get(url)
    assert response.status_code == 200 and response.json() == []


def test_the_last_update_is_not_found_and_places_are_served(client, city):
    assert client.get("/api/crime-last-updated").json()["error"]["status"] == 404
    assert len(client.get("/api/city-of-london/neighbourhoods").json()) == 25
