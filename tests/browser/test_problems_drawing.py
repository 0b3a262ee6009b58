"""Drawing a problem's area and an assessment's control area on the map, and attaching a Hub
page's view to a problem from the page itself, in a real browser."""

from __future__ import annotations

import json
import re

import pytest

from beatbook.problems.models import Problem, Snapshot
from tests.browser.conftest import screenshot, sign_in
from tests.browser.hub_helpers import assert_clean, city_with_personas
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
MONTHS = [f"2024-{month:02d}" for month in range(1, 7)]


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return city_with_personas(MONTHS)


def _click_corners(page, corners: list[tuple[float, float]]) -> None:
    """Click the map at these fractions of its width and height."""
    box = page.locator("#area-map").bounding_box()
    for fx, fy in corners:
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])


def test_a_dwo_draws_the_problem_area_and_a_control_area(page, live_server, people):
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(live_server.url + "/problems/new/")
    page.get_by_label("Title").fill("Drawn around the station")
    page.get_by_role("button", name="Draw a polygon").click()
    _click_corners(page, [(0.55, 0.35), (0.7, 0.35), (0.7, 0.5), (0.55, 0.5)])
    assert "4 corners" in page.locator("#area-map-status").inner_text()
    polygon = json.loads(page.locator("#id_polygon").input_value())
    assert polygon["type"] == "Polygon" and len(polygon["coordinates"][0]) == 5
    page.get_by_role("button", name="Undo last corner").click()
    assert len(json.loads(page.locator("#id_polygon").input_value())["coordinates"][0]) == 4
    page.get_by_role("button", name="Finish").click()
    screenshot(page, "problems-draw-area")
    assert_clean(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/problems/\d+/$"))
    problem = Problem.objects.get(title="Drawn around the station")
    ring = polygon["coordinates"][0]
    assert json.loads(problem.polygon)["coordinates"][0] == [*ring[:3], ring[0]]  # the undone corner is gone

    page.goto(f"{live_server.url}/problems/{problem.pk}/change/")
    page.get_by_role("button", name="Set a radius centre").click()
    _click_corners(page, [(0.5, 0.5)])
    assert page.locator("#id_radius_m").input_value() == "100" and page.locator("#id_centre_lat").input_value()
    page.locator("#id_radius_m").fill("250")
    assert page.locator("path.leaflet-interactive").count() >= 2  # the drawn polygon and the circle

    page.goto(f"{live_server.url}/problems/{problem.pk}/assessment/")
    page.get_by_role("button", name="Draw a polygon").click()
    _click_corners(page, [(0.2, 0.6), (0.35, 0.6), (0.35, 0.75), (0.2, 0.75)])
    page.get_by_role("button", name="Finish").click()
    screenshot(page, "problems-draw-control")
    assert_clean(page)
    page.get_by_role("button", name="Assess").click()
    page.wait_for_load_state()
    assert "Assessment run and saved" in page.locator(".messages").inner_text()
    assert "a polygon drawn on the map" in page.locator("main").inner_text()
    assert problem.assessments.get().inputs["control_polygon"]["type"] == "Polygon"


def test_a_dwo_attaches_a_hub_view_to_a_problem(page, live_server, people):
    from tests.problems.conftest import make_problem

    problem = make_problem(people["officer_a"])
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(live_server.url + "/hub/hotspots/?area=force&category=theft-from-the-person")
    page.get_by_text("Attach this view to a problem").click()
    assert page.get_by_label("What it shows").input_value().startswith("Hotspot map: ")
    page.get_by_label("What it tells us (optional)").fill("Two hot cells at the station entrances.")
    screenshot(page, "problems-attach-from-hub")
    assert_clean(page)
    page.get_by_role("button", name="Attach").click()
    page.wait_for_load_state()
    assert f"Attached to “{problem.title}”" in page.locator(".messages").inner_text()
    assert page.url.endswith("/hub/hotspots/?area=force&category=theft-from-the-person")
    snapshot = Snapshot.objects.get(problem=problem)
    assert snapshot.page == "hub:hotspots" and snapshot.note.startswith("Two hot cells")
    page.goto(f"{live_server.url}/problems/{problem.pk}/")
    assert snapshot.title in page.locator("main").inner_text()
