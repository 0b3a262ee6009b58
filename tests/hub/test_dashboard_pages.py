"""The area dashboards and My area, with two years of the shipped City data (2024-2025)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from beatbook.crime.ingest import ingest_paths
from tests.conftest import shipped_street_file
from tests.hub.conftest import page


def test_the_force_dashboard_states_its_period_and_compares_each_category_with_a_year_earlier(analyst):
    html = page(analyst, "/hub/")
    assert "City of London Police: all 25 wards" in html
    assert "2025-01..2025-12: 12 months (default: the latest 12 published months)" in html
    # 2025 against 2024, all categories: the shipped files give these totals.
    assert "Same months a year earlier" in html
    assert "Shoplifting" in html and "significant" in html
    assert 'id="map"' in html and "map-features" in html
    assert "Crimes per month" in html and "<svg" in html


def test_a_ward_dashboard_names_its_places_and_links_its_exports(analyst):
    html = page(analyst, "/hub/?area=ward:bishopsgate")
    assert "Bishopsgate ward" in html
    assert "On or near Bishopsgate" in html  # the busiest map point, named as published
    assert "/hub/export/dashboard-places.geojson?area=ward%3Abishopsgate" in html


def test_categories_narrow_every_figure(analyst):
    everything = page(analyst, "/hub/?area=cluster:liverpool-street")
    burglary = page(analyst, "/hub/?area=cluster:liverpool-street&category=burglary")
    row = '<th scope="row">Shoplifting</th>'
    assert "Burglary (burglary)" in burglary and row in everything and row not in burglary


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("area=ward:atlantis", "Area", "Select a valid choice"),
        ("from=2025-13", "From", "is not a month"),
        ("from=2025-06&to=2025-01", "To", "is before"),
        ("from=2030-01", "From", "is after the latest published month, 2025-12"),
        ("category=shoplifting&category=unicorns", "Crime categories", "Select a valid choice"),
    ],
)
def test_a_bad_choice_is_named_on_the_page_with_400(analyst, query, field, message):
    html = page(analyst, f"/hub/?{query}", status=400)
    assert "The page cannot be shown with these choices" in html
    assert field in html and message in html


def test_exports_carry_their_metadata(analyst):
    response = analyst.get("/hub/export/dashboard-categories.csv?area=ward:bishopsgate")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {"category", "crimes", "previous_year", "p_value"} <= set(rows[0])
    meta = json.loads(analyst.get("/hub/export/dashboard-categories.csv-metadata.json?area=ward:bishopsgate").content)
    assert meta["area"]["name"] == "Bishopsgate ward" and meta["period"]["first"] == "2025-01"
    assert "Open Government Licence" in meta["attribution"] and meta["data_version"]["files"] == 12
    geo = json.loads(analyst.get("/hub/export/dashboard-places.geojson?area=ward:bishopsgate").content)
    assert geo["type"] == "FeatureCollection" and geo["metadata"]["analysis"].startswith("crimes at police.uk")
    assert geo["features"][0]["properties"]["location"] == "On or near Bishopsgate"


def test_an_unknown_export_is_404_and_a_bad_query_400(analyst):
    assert analyst.get("/hub/export/dashboard-categories.geojson").status_code == 404
    assert analyst.get("/hub/export/no-such-table.csv").status_code == 404
    response = analyst.get("/hub/export/dashboard-categories.csv?from=2025-99")
    assert response.status_code == 400 and "is not a month" in response.content.decode()


def test_my_area_opens_the_officers_own_cluster(data, personas):
    response = personas.client("officer_a").get("/hub/my-area/")
    assert response.status_code == 302
    assert response["Location"] == f"/hub/?area=cluster%3A{personas.cluster_a.code}"


def _crimes_at(html: str, place: str) -> int:
    return int(re.search(rf'<th scope="row">{place}</th><td class="num">([\d,]+)</td>', html).group(1).replace(",", ""))


def test_the_cache_follows_the_data_version(analyst, tmp_path):
    """A replaced month changes the data version: the page shows the new figures, not the cached ones."""
    url = "/hub/?area=ward:bishopsgate&from=2025-12&to=2025-12"
    before = _crimes_at(page(analyst, url), "On or near Bishopsgate")
    assert _crimes_at(page(analyst, url), "On or near Bishopsgate") == before  # served again, from the cache
    lines = shipped_street_file("2025-12").read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = {i for i, line in enumerate(lines) if "On or near Bishopsgate," in line and "E01032739" in line}
    dropped = set(sorted(dropped)[:3])
    trimmed = tmp_path / "2025-12-city-of-london-street.csv"
    trimmed.write_text("".join(line for i, line in enumerate(lines) if i not in dropped), encoding="utf-8")
    assert not ingest_paths([trimmed]).refused
    assert _crimes_at(page(analyst, url), "On or near Bishopsgate") == before - len(dropped)


def test_the_api_serves_the_dashboard_and_names_a_bad_parameter(analyst):
    body = analyst.get("/api/hub/dashboard?area=ward:bishopsgate").json()
    assert body["area"].startswith("Bishopsgate ward") and body["total"] > 0
    assert body["places"]["rows"][0]["location"] == "On or near Bishopsgate"
    bad = analyst.get("/api/hub/dashboard?from=2025-99")
    assert bad.status_code == 400
    assert bad.json() == {
        "error": {
            "status": 400,
            "title": "Bad Request",
            "detail": "Some query parameters are not valid.",
            "parameters": {"from": "“2025-99” is not a month: use YYYY-MM, for example 2025-01."},
        }
    }
