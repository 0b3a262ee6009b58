"""The performance dashboard in a real browser: a supervisor chooses a cluster, opens a definition and
downloads the board pack; an officer reads the dashboard on a phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, sign_in
from tests.browser.hub_helpers import assert_clean, city_with_personas, phone_page
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
#: 2024Q4 and 2025Q4: the default quarter and the same months a year before.
MONTHS = ["2024-10", "2024-11", "2024-12", "2025-10", "2025-11", "2025-12"]


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return city_with_personas(MONTHS)


def test_a_supervisor_chooses_a_cluster_opens_a_definition_and_downloads_the_pack(page, live_server, people):
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(live_server.url + "/performance/")
    assert page.locator("h1").inner_text() == "Performance: City of London Police, 2025Q4"
    page.get_by_label("Force, sector or cluster").select_option(label="Cluster: Liverpool Street")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/performance/?scope=*")
    assert page.locator("h1").inner_text() == "Performance: Liverpool Street, 2025Q4"
    crime = page.locator("li.figure-card", has=page.get_by_role("link", name="Crime against a year before"))
    assert re.search(r"\d+ crimes against \d+ a year before \(E-test p = ", crime.inner_text())
    assert crime.locator(".status").inner_text().strip() in ("● On target", "▲ Near target", "■ Off target")
    assert crime.locator("svg.sparkline").count() == 1
    missing = page.locator("li.figure-card", has=page.get_by_role("link", name="Repeat victimisation rate"))
    assert "No data: no incident log has been imported" in missing.inner_text()
    screenshot(page, "performance-dashboard-cluster")
    assert_clean(page)

    page.get_by_role("link", name="Acquisitive crime (force priority)").click()
    page.wait_for_url("**/performance/indicators/acquisitive-crime/")
    assert "theft from the person" in page.locator("dl").inner_text()
    screenshot(page, "performance-definition")
    assert_clean(page)

    page.goto(live_server.url + "/performance/board-pack/")
    page.get_by_label("Commentary on Crime against a year before, City of London Police").fill("Falling, led by theft.")
    page.locator("tr#city-of-london-crime").get_by_role("button", name="Save").click()
    assert page.locator(".messages").inner_text().strip() == "Commentary saved."
    screenshot(page, "performance-board-pack")
    link = page.get_by_role("link", name="Download the board pack as a PDF (A4)")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "board-pack-city-of-london-2025Q4.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert page.foreign_requests == []


def test_an_officer_reads_the_dashboard_on_a_phone(browser, live_server, people):
    with phone_page(browser, live_server) as phone:
        sign_in(phone, live_server.url, "officer_a", PASSWORD)
        phone.goto(live_server.url + "/performance/")
        assert phone.locator("li.figure-card").count() >= 10
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width}px"
        screenshot(phone, "performance-dashboard-phone")
        assert_clean(phone)
        assert phone.get_by_role("link", name="Quarterly board pack").count() == 0  # officers do not write it


def test_an_analyst_writes_commentary_on_a_phone_without_panning_sideways(browser, live_server, people):
    with phone_page(browser, live_server) as phone:
        sign_in(phone, live_server.url, "analyst", PASSWORD)
        phone.goto(live_server.url + "/performance/board-pack/")
        assert phone.locator("textarea").count() >= 10
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width}px"
        screenshot(phone, "performance-board-pack-phone")
        assert_clean(phone)
