"""The hotspot map page, its downloads and its API, with two years of the shipped City data (2024-2025)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.hub.conftest import page


def features(html: str) -> list[dict]:
    script = re.search(r'<script id="map-features" type="application/json">(.*?)</script>', html, re.S)
    assert script, "the page has no map features"
    return json.loads(script.group(1))["features"]


def place_rows(html: str) -> list[str]:
    table = html[html.index('id="places-caption"') : html.index("</table>", html.index('id="places-caption"'))]
    return re.findall(r'<th scope="row">(.*?)</th>', table)


def test_the_force_map_lists_hotspots_as_places_with_their_streets(analyst):
    html = page(analyst, "/hub/hotspots/")
    assert "2025-01..2025-12: 12 months (default: the latest 12 published months)" in html
    assert "each hotspot is a grid cell of\n  60 m holding a police.uk map point" in html
    rows = place_rows(html)
    # The busiest places of 2025, each a street an officer can find; no row is an empty cell.
    assert rows[:4] == ["New Street (155)", "Bishopsgate (249)", "Victoria Avenue (249)", "Liverpool Street (226)"]
    assert all(re.search(r"\(\d+\)", row) for row in rows)
    assert "persistent hotspot (4 of 4)" in html
    assert "Not listed: 24 hot cells without a map point" in html


def test_the_map_has_every_layer_and_a_cell_carries_its_numbers(analyst):
    found = features(page(analyst, "/hub/hotspots/"))
    layers = {f["properties"]["layer"] for f in found}
    assert layers == {"ward", "lsoa", "kde", "gi-time", "gi", "point"}
    assert sum(f["properties"]["layer"] == "ward" for f in found) == 25
    assert sum(f["properties"]["layer"] == "lsoa" for f in found) == 6
    cell = next(f["properties"] for f in found if f["properties"]["layer"] == "gi" and f["properties"]["rank"] == 1)
    assert cell["streets"] == "New Street (155)" and cell["crimes"] == 155
    assert cell["class"] == "hot spot" and cell["over_time"] == "persistent hotspot"
    assert cell["z"] == 7.5 and cell["p"] < 0.0001 and cell["map_points"] == 1
    assert cell["hot_slices"] == 4 and cell["slices"] == 4
    points = [f["properties"] for f in found if f["properties"]["layer"] == "point"]
    labelled = [p["name"] for p in points if p["label"]]
    assert len(labelled) == 8 and "Bishopsgate" in labelled


def test_a_ward_shows_the_forces_hotspots_that_lie_in_it(analyst):
    """Gi* of the whole force, seen in the ward: its busy map points are hotspots, not the empty cells between them."""
    html = page(analyst, "/hub/hotspots/?area=ward:bishopsgate")
    assert "Hotspot map: Bishopsgate ward" in html
    assert place_rows(html) == [
        "New Street (155)",
        "Bishopsgate (249)",
        "Victoria Avenue (249)",
        "Liverpool Street (226)",
        "Artillery Lane (73)",
    ]
    found = features(html)
    assert sum(f["properties"]["layer"] == "ward" for f in found) == 1
    assert "Hotspot maps of the wards" not in html
    # The density bands are those of the force (the same legend everywhere).
    assert "at multiples of the force’s mean density" in html and "25.9 crimes per hectare" in html


def test_ward_links_outside_the_map_keep_the_pages_options(analyst):
    html = page(analyst, "/hub/hotspots/?area=cluster:liverpool-street&alpha=0.01")
    links = re.findall(r'<li><a href="(/hub/hotspots/\?[^"]+)">(\w[\w ]*)</a>', html)
    assert [name for _, name in links] == ["Bishopsgate", "Broad Street", "Coleman Street", "Cornhill"]
    assert all("alpha=0.01" in url and "area=ward%3A" in url for url, _ in links)


def test_the_options_change_the_analysis_and_are_stated(analyst):
    html = page(analyst, "/hub/hotspots/?cell_size=100&alpha=0.01&fdr=none&slice=1")
    assert "square cells of 100 m\n    (chosen in the form)" in html
    assert "below 0.01, without correction for testing many cells" in html
    assert "12 slices from Jan 2025 to Dec 2025" in html
    assert features(html)[0]["properties"]["layer"] == "ward"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("cell_size=10", "Cell size (metres)", "10 m is below the floor of 51 m"),
        ("cell_size=0", "Cell size (metres)", "greater than 0"),
        ("cell_size=wide", "Cell size (metres)", "Enter a number"),
        ("alpha=1.5", "Significance level", "between 0 and 1"),
        ("slice=5", "Time slices", "Select a valid choice"),
        ("fdr=maybe", "Correction for many cells", "Select a valid choice"),
        ("area=ward:atlantis", "Area", "Select a valid choice"),
        ("from=2025-06&to=2025-01", "To", "is before"),
    ],
)
def test_a_bad_option_is_named_on_the_page_with_400(analyst, query, field, message):
    html = page(analyst, f"/hub/hotspots/?{query}", status=400)
    assert "The page cannot be shown with these choices" in html
    assert field in html and message in html
    assert 'id="map"' not in html


def test_too_few_months_for_classes_over_time_is_said_not_failed(analyst):
    html = page(analyst, "/hub/hotspots/?from=2025-11&to=2025-12")
    assert "No classes over time: 2 month(s) make 0 slice(s) of 3 month(s)" in html
    assert place_rows(html)  # the hot spots of the two months are still listed


def test_a_ward_without_located_crime_says_so(analyst):
    html = page(analyst, "/hub/hotspots/?area=ward:walbrook")
    assert "No located crime in the area for these months and categories" in html
    assert "Walbrook: no police.uk map point inside it has any stored crime" in html


def test_the_cells_download_as_csv_and_geojson_with_their_class_over_time(analyst):
    response = analyst.get("/hub/export/hotspot-cells.csv?area=ward:bishopsgate")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    columns = {"count", "z", "p", "p_fdr", "class", "class_over_time", "hot_slices", "map_points", "streets"}
    assert columns <= set(rows[0])
    top = max((r for r in rows if r["streets"]), key=lambda r: float(r["z"]))
    assert top["streets"] == "New Street (155)" and top["class_over_time"] == "persistent hotspot"
    geo = json.loads(analyst.get("/hub/export/hotspot-cells.geojson?area=ward:bishopsgate").content)
    assert len(geo["features"]) == len(rows) and geo["features"][0]["geometry"]["type"] == "Polygon"
    assert geo["metadata"]["area"]["name"] == "Bishopsgate ward"
    assert "Open Government Licence" in geo["metadata"]["attribution"]
    assert geo["metadata"]["options"] == {"alpha": 0.05, "cell_size": None, "fdr": "bh", "slice": 3}


def test_the_density_bands_download_as_geojson(analyst):
    geo = json.loads(analyst.get("/hub/export/hotspot-density.geojson").content)
    bands = [f["properties"] for f in geo["features"]]
    assert [b["band"] for b in bands] == ["1–2× the mean", "2–4× the mean", "4–8× the mean", "8× the mean or more"]
    assert all(b["kernel_radius_m"] == 102 for b in bands)
    assert {f["geometry"]["type"] for f in geo["features"]} <= {"Polygon", "MultiPolygon"}
    meta = analyst.get("/hub/export/hotspot-density.csv?cell_size=5")
    assert meta.status_code == 400 and "below the floor" in meta.content.decode()


def test_the_api_serves_the_map_and_names_a_bad_parameter(analyst):
    body = analyst.get("/api/hub/hotspots?area=ward:bishopsgate").json()
    assert body["cell_size_m"] == 60 and body["kernel_radius_m"] == 102
    assert body["places"][0]["streets"] == "New Street (155)"
    assert body["cells"]["type"] == "FeatureCollection" and body["density"]["features"]
    bad = analyst.get("/api/hub/hotspots?cell_size=20")
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["detail"] == "Some query parameters are not valid."
    assert error["parameters"]["cell_size"].startswith("20 m is below the floor of 51 m")


def test_the_map_is_cached_by_data_version(analyst, monkeypatch):
    from beatbook.hub import hotspot_map

    calls = []
    original = hotspot_map._force_hotspots
    monkeypatch.setattr(hotspot_map, "_force_hotspots", lambda *a: calls.append(a) or original(*a))
    page(analyst, "/hub/hotspots/?area=ward:bishopsgate")
    page(analyst, "/hub/hotspots/?area=ward:bishopsgate")
    page(analyst, "/hub/hotspots/?area=ward:cornhill")  # another area: the force's statistics are reused
    assert len(calls) == 1
