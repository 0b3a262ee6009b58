"""The tasking briefing in a real browser: an analyst chooses a cluster and downloads the PDF; a DWO
reads their own cluster's briefing on a phone without sideways scrolling."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, sign_in
from tests.browser.hub_helpers import PHONE, assert_clean, city_with_personas, phone_page
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
#: The months a December briefing reads: Oct-Dec 2025 and the 12 before (the premises' year-earlier quarter too).
MONTHS = [f"{year}-{month:02d}" for year, first in ((2024, 10), (2025, 1)) for month in range(first, 13)]
EVIDENCE = re.compile(r"^\d+ crimes? in December 2025 \(\d+ in December 2024\); .+\.$")


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return city_with_personas(MONTHS)


def test_an_analyst_makes_the_briefing_of_a_cluster_and_downloads_its_pdf(page, live_server, people):
    sign_in(page, live_server.url, "analyst", PASSWORD)
    page.goto(live_server.url + "/hub/")
    page.get_by_role("link", name="Tasking briefing").click()
    page.wait_for_url("**/hub/briefing/**")
    assert page.locator("h1").inner_text() == "Tasking briefing: City of London Police, December 2025"

    page.get_by_label("Area", exact=True).select_option(label="Liverpool Street cluster")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/hub/briefing/?area=cluster%3Aliverpool-street*")
    assert page.locator("h1").inner_text() == "Tasking briefing: Liverpool Street cluster, December 2025"
    patrols = page.locator("ol.patrols > li")
    assert 3 <= patrols.count() <= 5
    names = patrols.locator("h3").all_inner_texts()
    assert "Bishopsgate" in names
    for evidence in patrols.locator("p:not(.where)").all_inner_texts():
        assert EVIDENCE.match(evidence), evidence
    hot = page.get_by_role("region", name=re.compile("^Hot places")).locator("tbody tr")
    assert hot.count() >= 1 and "persistent" in hot.first.inner_text()
    screenshot(page, "hub-briefing-desktop")
    assert_clean(page)

    pdf_url = page.get_by_role("link", name=re.compile("Download the briefing as a PDF")).get_attribute("href")
    assert pdf_url.startswith("/hub/briefing.pdf?area=cluster%3Aliverpool-street&month=2025-12")
    response = page.request.get(live_server.url + pdf_url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert page.foreign_requests == []


def test_a_dwo_reads_the_briefing_of_their_cluster_on_a_phone(browser, live_server, people):
    cluster = people.cluster_a
    with phone_page(browser, live_server) as phone:
        sign_in(phone, live_server.url, "officer_a", PASSWORD)
        phone.goto(live_server.url + "/hub/briefing/")
        assert phone.locator("h1").inner_text() == f"Tasking briefing: {cluster.name} cluster, December 2025"
        assert phone.locator("ol.patrols > li").count() >= 3
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"
        screenshot(phone, "hub-briefing-phone")
        assert_clean(phone)
        # Printed: no menus, no filters, no download links.
        phone.emulate_media(media="print")
        for hidden in (".site-header", ".hub-filters", ".subnav", ".exports"):
            assert not phone.locator(hidden).first.is_visible(), hidden
