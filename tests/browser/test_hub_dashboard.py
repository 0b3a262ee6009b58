"""The Hub's area dashboard and My area in a real browser: an analyst goes from the force to a
cluster; a DWO opens My area on a phone. Figures checked against the database, nothing loaded
from another host, no serious accessibility problem, screenshots to look at."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.crime.models import Crime
from tests.browser.conftest import follow_nav, screenshot, sign_in
from tests.browser.hub_helpers import PHONE, assert_clean, city_with_personas, phone_page
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
YEAR = [f"2025-{m:02d}" for m in range(1, 13)]


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return city_with_personas(YEAR)


def _crimes(**area) -> int:
    return Crime.objects.filter(month__range=(date(2025, 1, 1), date(2025, 12, 1)), **area).count()


def _fact(page, term: str) -> int:
    value = page.locator("dl.facts dt", has_text=term).locator("xpath=following-sibling::dd[1]").inner_text()
    return int(value.replace(",", ""))


def test_an_analyst_goes_from_the_force_dashboard_to_a_cluster(page, live_server, people):
    sign_in(page, live_server.url, "analyst", PASSWORD)
    follow_nav(page, "Hub")
    page.wait_for_url("**/hub/")
    assert page.locator("h1").inner_text() == "City of London Police"
    assert _fact(page, "Crimes in the period") == _crimes(ward__isnull=False)
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("#map path.leaflet-interactive").count() == 25 + 10  # the wards and the top 10 places
    screenshot(page, "hub-dashboard-force")
    assert_clean(page)

    page.get_by_label("Area", exact=True).select_option(label="Liverpool Street cluster")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/hub/?area=cluster%3Aliverpool-street*")
    assert page.locator("h1").inner_text() == "Liverpool Street cluster"
    assert _fact(page, "Crimes in the period") == _crimes(ward__cluster__code="liverpool-street")
    assert "Liverpool Street cluster (East sector): 4 wards" in page.locator(".selection-summary").inner_text()
    rows = page.locator("#categories + .table-scroll table tbody tr")
    assert rows.count() >= 10
    first = rows.first.locator("td.num").first.inner_text().replace(",", "")
    assert int(first) == max(
        _crimes(ward__cluster__code="liverpool-street", category=c)
        for c in Crime.objects.values_list("category", flat=True).distinct()
    )
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("#map path.leaflet-interactive").count() == 4 + 10  # the cluster's wards, its top places
    assert page.locator("figure.chart svg[role='img']").first.is_visible()
    screenshot(page, "hub-dashboard-cluster")
    assert_clean(page)


def test_a_dwo_opens_my_area_on_a_phone(browser, live_server, people):
    cluster = people.cluster_a
    with phone_page(browser, live_server) as phone:
        sign_in(phone, live_server.url, "officer_a", PASSWORD)
        phone.goto(live_server.url + "/hub/my-area/")
        phone.wait_for_url(f"**/hub/?area=cluster%3A{cluster.code}")
        assert phone.locator("h1").inner_text() == f"{cluster.name} cluster"
        assert _fact(phone, "Crimes in the period") == _crimes(ward__cluster=cluster)
        phone.wait_for_selector("#map[data-ready='1']")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"
        screenshot(phone, "hub-my-area-phone")
        assert_clean(phone)
