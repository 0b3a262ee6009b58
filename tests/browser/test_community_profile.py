"""The Community Profile in a real browser: a supervisor picks the year from the menu, reads the
profile and downloads its PDF; a bad year is an error on the form; on a phone nothing scrolls sideways."""

from __future__ import annotations

import pytest

from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Force
from tests.browser.conftest import follow_nav, screenshot, sign_in
from tests.browser.hub_helpers import assert_clean, city_with_personas, horizontal_overflow, phone_page
from tests.personas import PASSWORD
from tests.reports.conftest import DENOMINATORS

pytestmark = pytest.mark.browser
MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    personas = city_with_personas(MONTHS)
    load_denominators(DENOMINATORS, Force.objects.get(slug="city-of-london"))
    return personas


def test_a_supervisor_reads_the_profile_of_2025_and_downloads_the_pdf(page, live_server, people):
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    follow_nav(page, "Community Profile")
    page.wait_for_url("**/reports/community-profile/")
    page.get_by_label("Year").fill("2021")
    page.get_by_role("button", name="Make the profile").click()
    assert "No street-level crime data are published for 2021" in page.get_by_role("alert").inner_text()
    assert page.console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    page.console_errors.clear()  # the form's 400, as intended

    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Make the profile").click()
    page.wait_for_url("**/reports/community-profile/?year=2025*")
    assert page.locator("h1").inner_text() == "City of London Police Community Profile 2025"
    for heading in ("1. Our communities", "3. Hotspots and premises", "6. What the public told us"):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert "Rates per resident mislead here." in page.locator("main").inner_text()
    screenshot(page, "community-profile-desktop")
    assert_clean(page)

    href = page.get_by_role("link", name="Download the PDF").get_attribute("href")
    assert href == "/reports/community-profile/?year=2025&format=pdf"
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert page.foreign_requests == []


def test_an_analyst_reads_the_profile_on_a_phone(browser, live_server, people):
    with phone_page(browser, live_server) as phone:
        sign_in(phone, live_server.url, "analyst", PASSWORD)
        phone.goto(live_server.url + "/reports/community-profile/?year=2025")
        assert phone.locator("h1").inner_text().endswith("Community Profile 2025")
        assert horizontal_overflow(phone) == 0
        screenshot(phone, "community-profile-phone")
        assert phone.foreign_requests == [] and phone.console_errors == []
