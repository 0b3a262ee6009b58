"""The partnership and scrutiny in a real browser: a supervisor adds an action to a priority of the
plan; the public reads a published scrutiny summary on a phone."""

from __future__ import annotations

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.partnership.models import Action
from beatbook.scrutiny.models import Meeting
from beatbook.scrutiny.services import create_meeting
from tests.browser.conftest import assert_clean, screenshot, sign_in
from tests.partnership.factories import action_for, partnership_of, plan_with_priority
from tests.personas import PASSWORD
from tests.scrutiny.factories import meeting_fields
from tests.stopsearch.conftest import stop_and_search_files

pytestmark = pytest.mark.browser


def test_a_supervisor_adds_an_action_to_a_priority(page, live_server, people):
    priority = plan_with_priority(partnership_of(people.organisation_x), indicator_codes=["not-yet-written"])
    action_for(priority)
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/partnership/plans/{priority.plan.pk}/")
    page.get_by_role("link", name="Add an action to Anti-social behaviour").click()
    page.get_by_label("Action").fill("Estate walkabouts with housing officers")
    page.get_by_label("Owner").select_option(label="Organisation X")
    page.get_by_label("Lead").fill("Housing estates manager")
    page.get_by_label("Due").fill("2025-02-28")
    page.get_by_label("Status").select_option(label="In progress")
    screenshot(page, "partnership-action-form")
    assert_clean(page)
    page.get_by_role("button", name="Add the action").click()
    page.wait_for_url(f"**/partnership/plans/{priority.plan.pk}/")
    main = page.inner_text("main")
    assert "Action added to “Anti-social behaviour”." in main and "Estate walkabouts with housing officers" in main
    assert "(2 overdue)" in main  # both actions' dates have passed and neither is done
    screenshot(page, "partnership-plan-supervisor")
    assert_clean(page)
    assert Action.objects.get(lead="Housing estates manager").owner.organisation == people.organisation_x


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.foreign_requests.append(r.url))
    yield page
    context.close()


def test_the_public_reads_a_scrutiny_summary_on_a_phone(phone, live_server, people):
    ingest_paths(stop_and_search_files(["2023-01"]))
    fields = meeting_fields(sample_size=4, published=True, findings="Grounds were recorded clearly.")
    meeting = create_meeting(Meeting(force_response="Supervisors will check grounds.", **fields), by=None)
    phone.goto(f"{live_server.url}/scrutiny/")
    phone.get_by_role("link", name="Stop and Search Scrutiny Group, 14 March 2023").click()
    phone.wait_for_url(f"**/scrutiny/{meeting.pk}/")
    main = phone.inner_text("main")
    assert "Scrutiny of stop and search: January 2023" in main and "Grounds were recorded clearly." in main
    assert "Supervisors will check grounds." in main and f"4 of the {meeting.population} in the period" in main
    assert phone.locator("ol.searches > li").count() == 4
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "scrutiny-summary-phone")
    assert_clean(phone)
