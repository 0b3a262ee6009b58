"""Benchmarking in a real browser: an analyst chooses the comparison group, on a desktop and a phone."""

from __future__ import annotations

import pytest

from beatbook.crime.ingest import IngestOptions, ingest_paths
from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Force
from beatbook.geography.services import load_geography
from tests.browser.conftest import assert_clean, follow_nav, screenshot, sign_in
from tests.conftest import PROJECT_DIR, city_config, shipped_street_file
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser
OTHER = PROJECT_DIR / "data" / "other-forces"


@pytest.fixture
def three_forces(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    load_denominators(DEFAULT_DENOMINATORS, Force.objects.get(slug="city-of-london"))
    ingest_paths([shipped_street_file("2020-01")])
    others = [OTHER / "2020-01-btp-street.csv", OTHER / "2016-03-cumbria-street.csv"]
    assert not ingest_paths(others, options=IngestOptions(new_force=True)).refused
    return make_personas()


def _compare(page, *names: str) -> None:
    for name in names:
        page.get_by_label(name).check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()


def test_an_analyst_chooses_the_forces_to_compare_with(page, live_server, three_forces):
    sign_in(page, live_server.url, "analyst", PASSWORD)
    page.goto(live_server.url + "/hub/")
    follow_nav(page, "Benchmarking")
    page.wait_for_url("**/performance/benchmarking/")
    assert page.locator("h1").inner_text() == "Benchmarking with other forces"

    _compare(page, "British Transport Police (2020-01)")
    assert "compare=btp" in page.url
    assert page.locator("h2#months").inner_text() == "2020-01: 1 month compared"
    total = page.locator("table").filter(has_text="Total crime (")
    assert total.get_by_role("row", name="British Transport Police").inner_text().split("\t")[1] == "5,694"
    assert "no denominator loaded" in total.get_by_role("row", name="British Transport Police").inner_text()
    city = total.get_by_role("row", name="City of London Police").inner_text().split("\t")
    assert total.get_by_role("columnheader").nth(2).inner_text() == "Per 1,000 residents"
    assert city[2] == f"{int(city[1].replace(',', '')) / 8_600 * 1000:.1f}"
    assert page.get_by_text("British Transport Police polices the railways").is_visible()
    screenshot(page, "benchmarking-btp")
    assert_clean(page)

    _compare(page, "Cumbria Constabulary (2016-03)")  # BTP stays checked: the group shares no month
    assert page.get_by_text("The chosen forces share no published month").is_visible()
    screenshot(page, "benchmarking-no-shared-month")
    assert_clean(page)

    with page.expect_download() as download:
        page.goto(live_server.url + "/performance/benchmarking/?compare=btp")
        page.get_by_role("link", name="Download the comparison (CSV)").click()
    assert download.value.suggested_filename == "benchmarking-2020-01.csv"


def test_benchmarking_on_a_phone(browser, live_server, three_forces):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.foreign_requests.append(r.url))
    sign_in(page, live_server.url, "analyst", PASSWORD)
    page.goto(live_server.url + "/performance/benchmarking/")
    _compare(page, "Cumbria Constabulary (2016-03)")
    page.get_by_label("Months").fill("2016-03")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    assert page.get_by_text("City of London Police has no data for 2016-03").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375px phone"
    screenshot(page, "benchmarking-phone")
    assert_clean(page)
    context.close()
