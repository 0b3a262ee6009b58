"""The hotspot map and near-repeat pages in a real browser: the map draws from our own Leaflet,
a click on a cell shows its numbers, a layer toggle hides its layer, the Knox table reads in
plain English; nothing loads from another host and axe-core finds no serious problem.

One year of the shipped City data (2025) per test: the pages' default period."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.services import load_geography
from tests.browser.conftest import screenshot, serious_accessibility_problems, sign_in
from tests.conftest import city_config, shipped_street_file
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser


@pytest.fixture
def analyst_in(page, live_server, transactional_db, settings):
    """The page, signed in as the analyst, with the City's 2025 crimes stored."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    assert not ingest_paths([shipped_street_file(f"2025-{m:02d}") for m in range(1, 13)]).refused
    make_personas()
    cache.clear()
    sign_in(page, live_server.url, "analyst", PASSWORD)
    return page


def _clean(page, status: int = 200) -> None:
    # chromium reports a page served with status 400 as a console error: the refusal this test asks for.
    expected = [f"Failed to load resource: the server responded with a status of {status} (Bad Request)"]
    assert page.console_errors == ([] if status == 200 else expected) and page.foreign_requests == []
    assert serious_accessibility_problems(page) == []


def _popup(page, title: str = "") -> dict[str, str]:
    """The open popup's numbers, by their labels."""
    box = page.locator(".leaflet-popup").filter(has_text=title).last  # the one closing may still be fading out
    expect(box).to_have_css("opacity", "1")  # faded in: the screenshot shows it whole
    popup = box.locator(".map-popup")
    return dict(zip(popup.locator("dt").all_inner_texts(), popup.locator("dd").all_inner_texts()))


def _clickable_cell(page):
    """A Gi* cell (thick outline) clear of the layer control, which sits over a corner of the map."""
    c = page.locator(".leaflet-control-layers").bounding_box()
    for cell in page.locator("#map path.leaflet-interactive[stroke-width='3']").all():
        box = cell.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        if not (c["x"] <= x <= c["x"] + c["width"] and c["y"] <= y <= c["y"] + c["height"]):
            return cell
    raise AssertionError("no Gi* cell is clear of the layer control")


def test_the_hotspot_map_shows_a_cells_numbers_and_hides_a_layer(analyst_in, live_server):
    page = analyst_in
    page.goto(live_server.url + "/hub/hotspots/?area=cluster:liverpool-street")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("h1").inner_text() == "Hotspot map: Liverpool Street cluster"
    rows = page.locator("#places ~ .places-table tbody tr")
    assert rows.first.locator("th").inner_text() == "New Street (155)"
    features = json.loads(page.locator("#map-features").text_content())["features"]
    cells = {f["properties"]["streets"]: f["properties"] for f in features if f["properties"]["layer"] == "gi"}

    # The layer toggle hides the map points; the Gi* cells are then free to click.
    points = page.locator("#map path.leaflet-interactive[fill='#0b0c0c']")
    assert points.count() == sum(f["properties"]["layer"] == "point" for f in features) > 0
    page.get_by_label("police.uk map points (crimes)").uncheck()
    assert points.count() == 0

    # A click on a cell shows its numbers: those of the map's data.
    _clickable_cell(page).click()
    shown = _popup(page)
    cell = cells.get(shown["Streets (crimes)"])
    assert cell is not None or shown["Streets (crimes)"].startswith("none"), shown
    if cell is not None:
        assert shown["Crimes"] == f"{cell['crimes']:,}" and shown["Gi* z-score"] == f"{cell['z']:g}"
        assert shown["Whole period"] == "hot spot"

    # The table's button opens the place's cell on the map.
    page.get_by_role("button", name="Show place 1 on the map").click()
    shown = _popup(page, "Hotspot place 1")
    assert shown["Streets (crimes)"] == "New Street (155)" and shown["Crimes"] == "155"
    assert shown["Gi* z-score"] == "7.5" and shown["p"] == "< 0.0001"
    assert shown["Over time"] == "persistent hotspot (hot in 4 of 4 slices)" and shown["Map points"] == "1"
    screenshot(page, "hub-hotspots-liverpool-street")
    _clean(page)

    # Keyboard users reach the places and the ward maps without tabbing through the shapes.
    assert page.locator("a.skip-map").get_attribute("href") == "#places"
    page.get_by_role("link", name="Bishopsgate", exact=True).click()
    page.wait_for_url("**/hub/hotspots/?area=ward%3Abishopsgate*")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("h1").inner_text() == "Hotspot map: Bishopsgate ward"
    screenshot(page, "hub-hotspots-bishopsgate")
    _clean(page)


def test_the_near_repeat_page_reads_the_knox_table_and_refuses_day_bands(analyst_in, live_server):
    page = analyst_in
    page.goto(live_server.url + "/hub/near-repeat/")
    assert "Burglary (burglary)" in page.locator(".selection-summary").inner_text()
    readings = page.locator("ul.readings li").all_inner_texts()
    assert readings[0].startswith("Crimes within 100 m of each other and in the same month occur 1.29 times")
    assert page.locator("table.knox td.nr-more1").count() == 2
    screenshot(page, "hub-near-repeat")
    _clean(page)

    page.get_by_label("Time bands (days)").fill("0,7,14,21")
    page.get_by_role("button", name="Show").click()
    assert "The band 7–14 days holds no pair of crimes" in page.locator(".error-summary").inner_text()
    screenshot(page, "hub-near-repeat-day-bands")
    _clean(page, status=400)
