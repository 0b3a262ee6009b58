"""The Hub map's layer of intelligence and repeat counts by ward in a real browser: offered in the map's list
of layers (keyboard-usable checkboxes) to a role that may read the counts, with the table beside it."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import screenshot, sign_in
from tests.browser.hub_helpers import assert_clean, city_with_personas
from tests.intel.conftest import received_item
from tests.personas import PASSWORD
from tests.safeguarding.conftest import repeat_person

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return city_with_personas(["2025-12"])


def test_an_analyst_turns_on_the_intelligence_layer_by_keyboard(page, live_server, people):
    ward = people.cluster_a.wards.order_by("name").first()
    repeat_person(ward, "PRIVATE-MAP-1")
    received_item(ward, received_at=timezone.make_aware(datetime(2025, 6, 10, 12, 0)))
    sign_in(page, live_server.url, "analyst", PASSWORD)
    page.goto(f"{live_server.url}/hub/?area=cluster:{people.cluster_a.code}&from=2025-01&to=2025-12")
    page.wait_for_selector("#map[data-sensitive-ready='1']")
    layer = page.get_by_role("checkbox", name="Intelligence received (Jan 2025 to Dec 2025)")
    assert not layer.is_checked()
    assert page.locator(".map-counts-legend").count() == 0  # no legend for a layer that is off
    before = page.locator("#map path.leaflet-interactive").count()
    layer.focus()
    page.keyboard.press("Space")
    assert layer.is_checked()
    wards = people.cluster_a.wards.count()
    assert page.locator("#map path.leaflet-interactive").count() == before + wards
    legend = page.locator("#map .map-counts-legend").inner_text()
    assert "Intelligence received, Jan 2025 to Dec 2025" in legend and "1–2: 1 ward" in legend
    assert f"0: {wards - 1} wards" in legend
    assert page.get_by_role("checkbox", name="Repeat victims and callers").count() == 1
    assert ward.name in page.locator("#sensitive ~ .table-scroll table").inner_text()
    assert "PRIVATE-MAP-1" not in page.content()
    page.locator("#map").scroll_into_view_if_needed()
    screenshot(page, "hub-map-intelligence-layer")
    assert_clean(page)
    layer.focus()
    page.keyboard.press("Space")  # off again: its legend goes with it
    assert page.locator(".map-counts-legend").count() == 0
