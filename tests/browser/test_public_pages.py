"""The public pages in a real browser: content, the map drawn from our own Leaflet, no other host."""

from __future__ import annotations

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.services import load_geography
from tests.browser.conftest import chart_text_px, screenshot, serious_accessibility_problems
from tests.conftest import city_config, shipped_street_file

pytestmark = pytest.mark.browser


@pytest.fixture
def city_with_a_year(transactional_db):
    load_geography(city_config())
    ingest_paths([shipped_street_file(f"2025-{m:02d}") for m in range(1, 13)])


def test_home_page_shows_the_wards_on_a_map(page, live_server, city_with_a_year):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "City of London Police: crime in your neighbourhood"
    assert page.locator("table.counts tbody tr").count() == 25
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("#map path.leaflet-interactive").count() == 25
    assert "Open Government Licence v3.0" in page.locator("footer").inner_text()
    screenshot(page, "home")
    assert page.console_errors == [] and page.foreign_requests == []
    assert serious_accessibility_problems(page) == []


def test_ward_page_from_the_home_page(page, live_server, city_with_a_year):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Bishopsgate").click()
    page.wait_for_url("**/wards/bishopsgate/")
    assert page.locator("h1").inner_text() == "Bishopsgate ward"
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("#map path.leaflet-interactive").count() == 1
    table = page.locator("table.counts.wide")
    assert table.locator("thead th").count() == 14  # category, 12 months, total
    assert table.locator("tbody tr").first.locator("th").inner_text() in {
        "Other theft",
        "Theft from the person",
        "Violence and sexual offences",
        "Shoplifting",
    }
    assert page.locator("figure.chart .chart-wide svg[role='img']").is_visible()
    assert not page.locator("figure.chart .chart-narrow svg").is_visible()  # the phone's drawing
    screenshot(page, "ward-bishopsgate")
    assert page.console_errors == [] and page.foreign_requests == []
    assert serious_accessibility_problems(page) == []


def test_the_ward_chart_reads_on_a_phone(browser, live_server, city_with_a_year):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/wards/bishopsgate/")
    chart = phone.locator("figure.chart .chart-narrow svg[role='img']")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible() and not phone.locator("figure.chart .chart-wide svg").is_visible()
    text = chart_text_px(phone, "figure.chart .chart-narrow svg")
    width = phone.evaluate("document.documentElement.scrollWidth")
    screenshot(phone, "ward-chart-phone")
    context.close()
    assert text >= 10, f"the chart's text is {text:.1f}px on a phone"
    assert width <= 390
