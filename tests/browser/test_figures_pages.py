"""The public stop-and-search page and the Hub's rates page in a real browser: their figures,
their main control, nothing from another host, and no serious accessibility problem."""

from __future__ import annotations

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Force
from beatbook.geography.services import load_geography
from tests.browser.conftest import assert_clean, screenshot, sign_in
from tests.conftest import city_config, shipped_street_file
from tests.personas import PASSWORD, make_personas
from tests.stopsearch.conftest import stop_and_search_files

pytestmark = pytest.mark.browser


@pytest.fixture
def city_with_searches(transactional_db):
    load_geography(city_config())
    load_denominators(DEFAULT_DENOMINATORS, Force.objects.get(slug="city-of-london"))
    ingest_paths(stop_and_search_files())


@pytest.fixture
def city_with_a_year(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    load_denominators(DEFAULT_DENOMINATORS, Force.objects.get(slug="city-of-london"))
    ingest_paths([shipped_street_file(f"2025-{m:02d}") for m in range(1, 13)])
    return make_personas()


def test_the_public_reads_stop_and_search_and_narrows_it_to_a_ward(page, live_server, city_with_searches):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Stop and search").click()
    page.wait_for_url("**/stop-and-search/")
    assert page.locator("h1").inner_text() == "Stop and search"
    assert "no data published for 2020-12..2022-12 (25 months)" in page.locator(".selection-summary").inner_text()
    assert page.locator("dl.facts").inner_text().startswith("Searches\n2,989")
    assert page.locator("figure.chart svg[role='img']").is_visible()
    assert page.locator("table.counts").count() >= 9
    screenshot(page, "stop-and-search-force")
    assert_clean(page)

    page.get_by_label("Area", exact=True).select_option(label="Bishopsgate")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/stop-and-search/?area=ward%3Abishopsgate*")
    assert page.locator("h1").inner_text() == "Stop and search: Bishopsgate ward"
    page.get_by_text("The numbers of the chart").click()
    assert page.get_by_role("row", name="Jun 2021 no data published").is_visible()
    screenshot(page, "stop-and-search-bishopsgate")
    assert_clean(page)


def test_stop_and_search_on_a_phone(browser, live_server, city_with_searches):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.console_errors, phone.foreign_requests = [], []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    phone.on("request", lambda r: None if r.url.startswith(live_server.url) else phone.foreign_requests.append(r.url))
    phone.goto(live_server.url + "/stop-and-search/?from=2019-01&to=2019-12")
    assert "2019-01..2019-12: 12 months, data published for all" in phone.locator(".selection-summary").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width}px wide on a 390px phone"
    screenshot(phone, "stop-and-search-phone")
    assert_clean(phone)
    context.close()


def test_an_analyst_compares_rates_on_each_denominator(page, live_server, city_with_a_year):
    sign_in(page, live_server.url, "analyst", PASSWORD)
    page.goto(live_server.url + "/hub/rates/")
    assert page.locator("h1").inner_text() == "Crime rates: City of London Police"
    rates = page.locator("#denominators + .table-scroll table")
    assert "per 1,000 residents" in rates.inner_text() and "per 1,000 workers" in rates.inner_text()
    assert "times as high as per worker" in page.locator("p.reading").inner_text()
    assert "City of London 001F" in page.locator("#lsoa + .table-scroll table").inner_text()
    screenshot(page, "rates-force")
    assert_clean(page)

    page.get_by_label("Area", exact=True).select_option(label="Liverpool Street cluster")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/hub/rates/?area=cluster%3Aliverpool-street*")
    assert "No population is configured for Liverpool Street cluster" in page.locator("p.empty").inner_text()
    screenshot(page, "rates-cluster")
    assert_clean(page)
