"""The premises page in a real browser: an analyst narrows it to a ward, reads the ranked list
and the map; nothing loads from another host, and axe-core finds no serious problem."""

from __future__ import annotations

import re

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.services import load_geography
from tests.browser.conftest import assert_clean, screenshot, sign_in
from tests.conftest import city_config, shipped_street_file
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser


@pytest.fixture
def city_with_two_years(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    report = ingest_paths([shipped_street_file(f"{y}-{m:02d}") for y in (2024, 2025) for m in range(1, 13)])
    assert not report.refused
    return make_personas()


def test_an_analyst_narrows_the_premises_page_to_a_ward(page, live_server, city_with_two_years):
    sign_in(page, live_server.url, "analyst", PASSWORD)
    page.goto(live_server.url + "/hub/premises/")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("h1").inner_text() == "Premises and the night-time economy"
    assert "not what a premises caused" in page.locator("aside.read-first").inner_text()
    assert_clean(page)

    page.get_by_label("Area", exact=True).select_option(label="Bishopsgate")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r".*area=ward%3Abishopsgate.*"))
    page.wait_for_selector("#map[data-ready='1']")
    rows = page.locator("table.premises-ranked tbody tr")
    assert rows.count() == 9
    first = rows.first.inner_text()
    assert "Dirty Dicks Public House" in first and "Victoria Avenue: 155 crimes" in first
    assert "a year earlier" in first
    assert page.locator("table.premises-ranked svg.sparkline").count() == 9
    # The map: numbered diamonds for the busiest, and a click shows the numbers.
    assert page.locator("#map .pm-top").count() == 9
    assert page.locator("#map .pm-point").count() > 5
    page.locator("#map .pm-top").filter(has_text=re.compile(r"^1$")).click()
    assert (
        "Dirty Dicks Public House (Pub/bar/nightclub): 155 crimes counted"
        in page.locator(".leaflet-popup").inner_text()
    )
    # The register's other premises are a layer to tick.
    page.get_by_label(re.compile("Other premises of the register")).check()
    assert page.locator("#map path.leaflet-interactive").count() > 100
    page.locator("details", has_text="Crimes per month at these premises").locator("summary").click()
    assert page.locator("table.compact tbody tr").count() == 9
    screenshot(page, "premises-bishopsgate")
    assert_clean(page)


def test_the_premises_page_on_a_phone(browser, live_server, city_with_two_years):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.console_errors, phone.foreign_requests = [], []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    phone.on("request", lambda r: None if r.url.startswith(live_server.url) else phone.foreign_requests.append(r.url))
    sign_in(phone, live_server.url, "officer_a", PASSWORD)
    phone.goto(live_server.url + "/hub/premises/?area=cluster:liverpool-street")
    phone.wait_for_selector("#map[data-ready='1']")
    assert phone.locator("table.premises-ranked tbody tr").count() > 5
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not scroll sideways
    screenshot(phone, "premises-phone")
    assert_clean(phone)
    context.close()
